"""How values show in a notebook: compact HTML tables with band colours, and short reprs.

The model's ``_repr_html_`` methods call these functions. Every text taken from a value is
HTML-escaped, and a colour is used only when it is a ``#`` hex colour or a colour name,
so a register or scheme file cannot inject markup. A register shows at most
:data:`MAX_ROWS` risks, so a notebook cell never floods.

This module imports nothing of riskmodel's at run time, so every model module can use it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from riskmodel.assessment import Assessment
    from riskmodel.check import Finding
    from riskmodel.convert import Conversion, RegisterConversion
    from riskmodel.register import Register
    from riskmodel.risk import Risk
    from riskmodel.scheme import Band, ScoringScheme
    from riskmodel.score import Score

__all__ = [
    "MAX_ROWS",
    "conversion_html",
    "finding_html",
    "findings_html",
    "register_conversion_html",
    "register_html",
    "register_repr",
    "risk_html",
    "scheme_html",
    "score_html",
]

#: The most risks (or findings, or conversions) a table shows before saying how many more.
MAX_ROWS = 40

_STAGES = ("inherent", "current", "target")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
#: Band keys that are colour words CSS does not know.
_KEY_COLOURS = {"amber": "#ffbf00"}
_NAME = re.compile(r"[a-zA-Z]{3,20}")
_TABLE = 'class="riskmodel" style="border-collapse:collapse;font-size:90%"'
_CELL = "border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def safe_colour(colour: str) -> str | None:
    """*colour* when it is ``#rgb``, ``#rrggbb`` or a plain colour name, else ``None``.

    >>> safe_colour("#c62828"), safe_colour("amber"), safe_colour("red;x:url(evil)")
    ('#c62828', 'amber', None)
    """
    colour = colour.strip()
    if _HEX.fullmatch(colour) or _NAME.fullmatch(colour):
        return colour
    return None


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on *colour* (black on a colour name)."""
    if not colour.startswith("#"):
        return "#000"
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    red, green, blue = (int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return "#000" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "#fff"


def _band_of(assessment: Assessment) -> Band | None:
    score = assessment.score
    if score is not None:
        return score.band
    bands = assessment.scheme.bands
    if assessment.stated is None or any(band.cells for band in bands):
        return None
    return next((b for b in bands if b.contains(assessment.stated, "", "")), None)


def _chip(text: str, band: Band | None) -> str:
    """*text* on its band's colour, with the band's label as a tooltip."""
    colour = None
    if band is not None:
        colour = safe_colour(band.colour or _KEY_COLOURS.get(band.key.casefold(), band.key))
    if band is None or colour is None:
        return f"<span>{_e(text)}</span>"
    return (f'<span title="{_e(band.label or band.key)}" style="background:{colour};'
            f'color:{_ink(colour)};padding:0 4px;border-radius:3px">{_e(text)}</span>')


def _assessment(assessment: Assessment | None) -> str:
    """``4x5 20`` on its band's colour; a missing factor shows as ``–``."""
    if assessment is None:
        return ""
    score = assessment.score
    value = assessment.value
    text = str(score) if score is not None else "–"
    if value is not None:
        text += f" {_number(value)}"
    return _chip(text, _band_of(assessment))


def _row(cells: Iterable[str], *, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f'<{tag} style="{_CELL}">{cell}</{tag}>' for cell in cells) + "</tr>"


def _table(head: Iterable[str] | None, rows: Iterable[Iterable[str]], caption: str = "") -> str:
    top = f"<caption style=\"text-align:left\">{caption}</caption>" if caption else ""
    thead = f"<thead>{_row(head, head=True)}</thead>" if head is not None else ""
    body = "".join(_row(cells) for cells in rows)
    return f"<table {_TABLE}>{top}{thead}<tbody>{body}</tbody></table>"


def _more(count: int, noun: str, hint: str) -> str:
    if count <= MAX_ROWS:
        return ""
    return f"<p>… and {count - MAX_ROWS} more {_e(noun)}; {hint}</p>"


# -- values ----------------------------------------------------------------------------------


def score_html(score: Score) -> str:
    """A score as its printed cell and rating on its band's colour, with the band named.

    >>> import riskmodel
    >>> print(score_html(riskmodel.builtin_schemes().get("generic-5x5").parse("4x5")))
    <span title="Very high" style="background:#c62828;color:#fff;padding:0
    4px;border-radius:3px">4x5 20</span> Very high <small>generic-5x5</small>
    """
    band = score.band
    label = f" {_e(band.label or band.key)}" if band is not None else ""
    return (f"{_chip(f'{score} {_number(score.value)}', band)}{label} "
            f"<small>{_e(score.scheme.id)}</small>")


def scheme_html(scheme: ScoringScheme) -> str:
    """The scheme's matrix: most likely row on top, most severe impact on the right, each
    cell its printed code and rating on its band's colour; then the bands."""
    head = [f"{_e(scheme.likelihood.name)} \\ {_e(scheme.impact.name)}",
            *(_e(_level(level)) for level in scheme.impact)]
    rows = []
    for likelihood in reversed(scheme.likelihood.levels):
        cells = [_e(_level(likelihood))]
        for impact in scheme.impact:
            score = scheme.score(likelihood, impact)
            cells.append(_chip(f"{score} {_number(score.value)}", score.band))
        rows.append(cells)
    bands = ", ".join(_chip(band.label or band.key, band) for band in scheme.bands)
    caption = f"<b>{_e(scheme.id)}</b>: {_e(scheme.name)}"
    legend = f"<p>Bands: {bands}</p>" if scheme.bands else ""
    return _table(head, rows, caption) + legend


def _level(level: object) -> str:
    code, label = getattr(level, "code", ""), getattr(level, "label", "")
    return code if label in ("", code) else f"{code} {label}"


def _risk_cells(risk: Risk) -> list[str]:
    return [_e(risk.label), _e(risk.title or risk.description[:80]), _e(risk.risk_owner or ""),
            *(_assessment(risk.assessment(stage)) for stage in _STAGES)]


_RISK_HEAD = ["Ref", "Title", "Owner", "Inherent", "Current", "Target"]


def risk_html(risk: Risk) -> str:
    """One risk: its ref and title, owners, each stage on its band's colour, status, dates."""
    facts = [
        ("Id", _e(risk.id)), ("Section", _e(risk.section or "")),
        ("Owner", _e(risk.risk_owner or "")), ("Action owner", _e(risk.action_owner or "")),
        *((stage.title(), _assessment(risk.assessment(stage))) for stage in _STAGES),
        ("Status", _e(risk.status.state.value + (f": {risk.status.reason}"
                                                 if risk.status.reason else ""))),
        ("Review date", _e(risk.review_date.text if risk.review_date else "")),
        ("Controls", str(len(risk.controls))), ("Actions", str(len(risk.actions))),
    ]
    caption = f"<b>{_e(risk.label)}</b> {_e(risk.title)}"
    return _table(None, ([f"<b>{name}</b>", value] for name, value in facts if value), caption)


def register_repr(register: Register) -> str:
    """A one-line repr: title, organisation, as-at date, scheme and how many risks.

    >>> import riskmodel
    >>> riskmodel.examples.load("fenbridge-corporate-2026-q3")
    <Register 'Corporate Risk Register' of Fenbridge District Council as at 2026-12-31:
    28 risks on generic-5x5>
    """
    title = repr(register.title) if register.title else "(untitled)"
    of = f" of {register.organisation}" if register.organisation else ""
    when = f" as at {register.as_at.isoformat()}" if register.as_at else ""
    count = len(register.risks)
    return (f"<Register {title}{of}{when}: {count} risk{'' if count == 1 else 's'} on "
            f"{register.scheme.id}>")


def register_html(register: Register) -> str:
    """The register's particulars, then its risks (at most :data:`MAX_ROWS`) in a table."""
    particulars = " · ".join(_e(part) for part in (
        register.organisation, register.version,
        f"as at {register.as_at:%d/%m/%Y}" if register.as_at else "",
        f"{len(register.risks)} risks ({len(register.open_risks)} open)",
        f"scheme {register.scheme.id}") if part)
    caption = f"<b>{_e(register.title or 'Register')}</b><br>{particulars}"
    rows = [_risk_cells(risk) for risk in register.risks[:MAX_ROWS]]
    return _table(_RISK_HEAD, rows, caption) + _more(
        len(register.risks), "risks", "<code>riskmodel.frames.risks(register)</code> gives "
        "them all")


def finding_html(finding: Finding) -> str:
    """One finding as a row: code, severity, risk, stage and message."""
    return findings_html([finding])


_SEVERITY_COLOURS = {"error": "#c62828", "warning": "#f9a825", "info": "#1565c0"}


def findings_html(findings: Iterable[Finding]) -> str:
    """Findings as a table (at most :data:`MAX_ROWS` rows), severities coloured."""
    items = list(findings)
    rows = []
    for finding in items[:MAX_ROWS]:
        severity = str(finding.severity)
        colour = _SEVERITY_COLOURS.get(severity, "#000")
        rows.append([f"<code>{_e(finding.code)}</code>",
                     f'<span style="color:{colour}">{_e(severity)}</span>',
                     _e(finding.risk_id or ""), _e(finding.stage or ""), _e(finding.message)])
    return _table(["Code", "Severity", "Risk", "Stage", "Message"], rows) + _more(
        len(items), "findings", "<code>riskmodel.frames.findings(register)</code> gives them "
        "all")


def conversion_html(conversion: Conversion) -> str:
    """One score converted: before and after on their bands' colours, the rule, what changed.

    What was lost (cells merged) is told apart from a band called otherwise and from
    pairs of cells whose rating order turns round.
    """
    parts = [f"{label}:<ul>{''.join(f'<li>{_e(str(item))}</li>' for item in items)}</ul>"
             for label, items in (("lossy", conversion.reasons),
                                  ("band called otherwise", conversion.band_changes),
                                  ("rating order turned round", conversion.reversals))
             if items]
    verdict = "; ".join(parts) if parts else "exact"
    return (f"<div>{score_html(conversion.source)} → {score_html(conversion.result)} "
            f"<small>by {_e(conversion.rule)}</small>; {verdict}</div>")


def register_conversion_html(result: RegisterConversion) -> str:
    """A register converted: how many assessments, by which rule, and each that changed.

    An assessment is listed when something was lost, its band is called otherwise, or
    its cell's rating order against another turns round; each has its own column.
    """
    changed = [stage for stage in result.stages
               if stage.reasons or stage.band_changes or stage.reversals]
    caption = (f"<b>{_e(result.source.scheme.id)} → {_e(result.register.scheme.id)}</b> by "
               f"{_e(result.rule)}: {len(result.stages)} assessments, "
               f"{len(result.lossy)} lossy, {len(changed)} changed")
    rows = [[_e(stage.risk_id), _e(stage.stage), _assessment(stage.original),
             _assessment(stage.converted), _e("; ".join(stage.reasons)),
             _e("; ".join(stage.band_changes)),
             _e("; ".join(str(r) for r in stage.reversals))]
            for stage in changed[:MAX_ROWS]]
    notes = "".join(f"<li>{_e(note)}</li>" for note in result.notes)
    return (_table(["Risk", "Stage", "Before", "After", "Lost", "Band", "Order"], rows,
                   caption)
            + _more(len(changed), "changed assessments",
                    "<code>riskmodel.frames.conversions(result)</code> gives them all")
            + (f"<ul>{notes}</ul>" if notes else ""))
