"""Committee reports of what changed: a diff or a history, as text, Markdown or JSON data.

The shape is the one audit committees use: summary counts, a direction-of-travel table,
then the new, closed, deleted and amended risks with their reasons. A diff as JSON is the
:class:`~riskmodel.RegisterDiff` document itself (``make_converter().dumps(d)``); a history
as JSON is :func:`history_document`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, Literal

from riskmodel.assessment import Assessment, Stage
from riskmodel.changes import (
    Crossing,
    Edit,
    FieldChange,
    ItemChange,
    RegisterDiff,
    RegisterHead,
    RiskMatch,
    ScoreChange,
    TextChange,
)
from riskmodel.direction import Trend
from riskmodel.errors import ValidationError
from riskmodel.matching import MatchReason
from riskmodel.profile import UNSCORED, band_of
from riskmodel.risk import Risk
from riskmodel.scheme import ScoringScheme
from riskmodel.timeline import History, Timeline

__all__ = ["Format", "diff_report", "history_document", "history_report"]

Format = Literal["text", "markdown"]

_WIDTH = 88
_TITLE_WIDTH = 40
_STAGES = (Stage.INHERENT, Stage.CURRENT, Stage.TARGET)
#: How fields are named in reports.
_NAMES = {"risk_owner": "owner", "action_owner": "action owner", "review_date": "review date",
          "target_date": "target date", "as_at": "as at", "escalation_threshold":
          "escalation threshold", "heatmaps": "heat maps"}


def _name(field: str) -> str:
    return _NAMES.get(field, field.replace("_", " "))


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _cell(assessment: Assessment | None) -> str:
    """``4x5 20``; a rating alone as ``= 12``; ``-`` for none."""
    if assessment is None:
        return "-"
    if assessment.score is not None:
        return f"{assessment.score} {_number(assessment.value)}"
    if assessment.value is not None:
        return f"= {_number(assessment.value)}"
    return str(assessment)


def _band(assessment: Assessment | None) -> str:
    band = band_of(assessment)
    return (band.label or band.key) if band is not None else ""


def _band_key(scheme: ScoringScheme, key: str | None) -> str:
    for band in scheme.bands:
        if band.key == key:
            return band.label or band.key
    return "none"


def _short(text: str, width: int = _TITLE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _title(risk: Risk) -> str:
    return risk.title or risk.description or "(no text)"


def _who(risk: Risk, *, was: str | None = None) -> str:
    """``6 (FDC-006)``, or the id alone; *was* adds the old ref."""
    name = f"{risk.ref} ({risk.id})" if risk.ref and risk.ref != risk.id else risk.id
    if was and was != risk.ref:
        name += f", was {was}"
    return name


def _steps(change: ScoreChange) -> str:
    parts = [f"{axis} {steps:+d}" for axis, steps in
             (("likelihood", change.likelihood_steps), ("impact", change.impact_steps))
             if steps]
    return f" ({', '.join(parts)})" if parts else ""


def _score_line(change: ScoreChange, scheme: ScoringScheme) -> str:
    old = f"{_cell(change.old)} {_band_key(scheme, change.old_band)}" if change.old else "none"
    new = f"{_cell(change.new)} {_band_key(scheme, change.new_band)}" if change.new else "none"
    arrow = f" {change.trend.symbol}" if change.trend is not None else ""
    line = f"{change.stage}: {old} → {new}{arrow}{_steps(change)}"
    if change.crossing is Crossing.ABOVE:
        line += "; now above appetite"
    elif change.crossing is Crossing.WITHIN:
        line += "; back within appetite"
    return line


def _field_line(change: FieldChange) -> str:
    return f"{_name(change.name)}: {change.old or 'none'} → {change.new or 'none'}"


def _text_line(change: TextChange) -> str:
    return f"{_name(change.name)} edited ({change.similarity:.0%} of the words kept)"


def _item_line(change: ItemChange) -> str:
    if change.edit is Edit.ADDED:
        return f"{change.kind} added: {change.new}"
    if change.edit is Edit.REMOVED:
        return f"{change.kind} removed: {change.old}"
    return f"{change.kind} edited: {change.old} → {change.new}"


def _change_lines(match: RiskMatch, scheme: ScoringScheme) -> list[str]:
    lines = [_score_line(c, scheme) for c in match.scores]
    lines += [_field_line(c) for c in match.fields if c.name != "status"]
    lines += [_text_line(c) for c in match.texts]
    lines += [_item_line(c) for c in match.items]
    return lines


def _travel(d: RegisterDiff, risk: Risk, match: RiskMatch | None) -> str:
    """The computed arrow, and the printed one when it disagrees."""
    computed = Trend.NEW if match is None else match.trend
    shown = computed.symbol if computed is not None else "?"
    printed = risk.direction
    if printed is not None and printed.trend is not None and computed is not None \
            and printed.trend is not computed:
        shown += f" (printed {printed.text})"
    return shown


def _versions(d: RegisterDiff) -> str:
    def label(head: RegisterHead) -> str:
        date = head.as_at.strftime("%d/%m/%Y") if head.as_at else ""
        return f"{head.label} ({date})" if date and date != head.label else head.label

    return f"Changes from {label(d.old)} to {label(d.new)}, on {d.scheme.id}"


def _heading(d: RegisterDiff) -> str:
    names = [d.new.title, d.new.organisation]
    return ", ".join(n for n in names if n) or "Risk register"


def _summary_rows(d: RegisterDiff) -> list[tuple[str, int]]:
    s = d.summary
    rows = [("New risks", s.new), ("Closed", s.closed), ("Deleted", s.deleted),
            ("No longer listed", s.unlisted), ("Increased", s.increased),
            ("Decreased", s.decreased), ("Unchanged", s.unchanged)]
    if s.not_comparable:
        rows.append(("Not comparable (a current score missing)", s.not_comparable))
    rows += [("Band changes", s.band_changes), ("Newly above appetite", s.newly_above_appetite),
             ("Amended", s.amended)]
    return rows


def _travel_rows(d: RegisterDiff) -> list[tuple[str, str, str, str, str, str]]:
    """(ref, title, previous, current, travel, band) for each open risk of the new version."""
    matched = {m.new.id: m for m in d.matches}
    added = {r.id: r for r in d.added}
    rows = []
    for risk_id in d.new.risk_ids:
        match = matched.get(risk_id)
        risk = match.new if match is not None else added[risk_id]
        if not risk.is_open:
            continue
        before = match.old.current if match is not None else None
        band = _band(risk.current)
        if match is not None and _band(before) != band:
            band = f"{_band(before) or 'none'} → {band or 'none'}"
        rows.append((risk.ref or risk.id, _short(_title(risk)),
                     _cell(before) if match is not None else "-", _cell(risk.current),
                     _travel(d, risk, match), band))
    return rows


def _risk_sections(d: RegisterDiff) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(heading, [(risk line, detail lines)]) for new, closed, deleted, unlisted, amended."""
    scheme = d.scheme
    new = [(f"{_who(r)} {_title(r)}",
            [f"current {_cell(r.current)} {_band(r.current)}".rstrip()]
            + ([f"owner {r.risk_owner}"] if r.risk_owner else []))
           for r in d.added if r.is_open]
    ended = {"closed": d.closed, "deleted": d.deleted}
    sections = [("New risks", new)]
    for state, matches in ended.items():
        rows = [(f"{_who(m.new, was=m.old.ref)} {_title(m.new)}",
                 [f"reason: {m.new.status.reason}" if m.new.status.reason
                  else f"{state}; no reason given"])
                for m in matches]
        sections.append((f"{state.capitalize()} risks", rows))
    unlisted = [(f"{_who(r)} {_title(r)}",
                 [f"no longer listed (it was {r.status.state} already)" if not r.is_open
                  else "no longer listed; no reason given"])
                for r in d.unlisted]
    sections.append(("No longer listed", unlisted))
    amended = []
    for m in d.amended:
        how = ("" if m.reason is MatchReason.ID
               else f" [matched by {m.reason}, {m.confidence:.0%} alike]")
        amended.append((f"{_who(m.new, was=m.old.ref)} {_title(m.new)}{how}",
                        _change_lines(m, scheme)))
    sections.append(("Amended risks", amended))
    return sections


def _wrap(text: str, indent: str, width: int = _WIDTH) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False) or [indent]


def _table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        lines.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     .rstrip())
    return lines


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\|*_`<[]"})


def _md(text: str) -> str:
    """Text with Markdown's own characters escaped, so it prints as written."""
    return text.translate(_MARKDOWN)


def _md_table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


_TRAVEL_HEADER = ("Ref", "Risk", "Previous", "Current", "Travel", "Band")


def diff_report(d: RegisterDiff, format: Format = "text") -> str:
    """The committee report of *d*, as plain text or Markdown.

    >>> import riskmodel
    >>> q2 = riskmodel.examples.load("fenbridge-corporate-2026-q2")
    >>> q3 = riskmodel.examples.load("fenbridge-corporate-2026-q3")
    >>> print(diff_report(riskmodel.diff(q2, q3)).splitlines()[1])
    Changes from 2026/27 Q2 (30/09/2026) to 2026/27 Q3 (31/12/2026), on generic-5x5
    """
    if format == "markdown":
        return _markdown(d)
    if format != "text":
        raise ValidationError(f"the format is text or markdown, not {format!r}", "format")
    lines = [_heading(d), _versions(d), "", "Summary"]
    rows = _summary_rows(d)
    width = max(len(label) for label, _ in rows)
    lines += [f"  {label.ljust(width)}  {count:>3}" for label, count in rows]
    travel = _travel_rows(d)
    if travel:
        lines += ["", "Direction of travel (current score)"]
        lines += _table(travel, _TRAVEL_HEADER)
    for heading, entries in _risk_sections(d):
        if not entries:
            continue
        lines += ["", heading]
        for head, details in entries:
            lines += _wrap(head, "  ")
            for detail in details:
                lines += _wrap(detail, "      ")
    if d.changes:
        lines += ["", "Register"]
        lines += [f"  {_field_line(c)}" for c in d.changes]
    if d.notes:
        lines += ["", "Matching notes"]
        for note in d.notes:
            lines += _wrap(f"{note.kind}: {note.message}", "  ")
    return "\n".join(lines)


def _markdown(d: RegisterDiff) -> str:
    lines = [f"# {_md(_heading(d))}", "", _md(_versions(d)) + ".", "", "## Summary", ""]
    lines += _md_table([(label, str(n)) for label, n in _summary_rows(d)], ("", "Risks"))
    travel = _travel_rows(d)
    if travel:
        lines += ["", "## Direction of travel (current score)", ""]
        lines += _md_table(travel, _TRAVEL_HEADER)
    for heading, entries in _risk_sections(d):
        if not entries:
            continue
        lines += ["", f"## {heading}", ""]
        for head, details in entries:
            lines.append(f"- **{_md(head)}**")
            lines += [f"  - {_md(detail)}" for detail in details]
    if d.changes:
        lines += ["", "## Register", ""]
        lines += [f"- {_md(_field_line(c))}" for c in d.changes]
    if d.notes:
        lines += ["", "## Matching notes", ""]
        lines += [f"- {note.kind}: {_md(note.message)}" for note in d.notes]
    return "\n".join(lines) + "\n"


# -- history ------------------------------------------------------------------------------


def _version_label(head: RegisterHead) -> str:
    date = head.as_at.strftime("%d/%m/%Y") if head.as_at else ""
    return f"{head.label} ({date})" if date and date != head.label else head.label


def _when(h: History, version: int | None) -> str:
    return "" if version is None else f"v{version + 1}"


def _timeline_row(h: History, line: Timeline) -> list[str]:
    cells = [_cell(a) if a is not None else "" for a in line.assessments(Stage.CURRENT)]
    for a in line.appearances:
        if not a.risk.is_open:
            cells[a.version] = str(a.risk.status.state)
    trend = line.trend
    ended = line.closed if line.closed is not None else line.unlisted
    return [line.refs[-1] if line.refs else "", line.id, _short(_title(line.latest), 32), *cells,
            trend.symbol if trend is not None else "", _when(h, line.appeared),
            _when(h, ended), ", ".join(line.refs)]


def _history_parts(h: History) -> tuple[list[str], list[list[str]], list[str], list[list[str]]]:
    versions = h.versions
    names = [f"v{i}" for i in range(1, len(versions) + 1)]
    scheme = h.registers[0].scheme
    counts = h.band_counts(Stage.CURRENT)
    labels = {band.key: band.label or band.key for band in scheme.bands}
    keys = list(counts[0]) if counts else []
    labels[UNSCORED] = "Unscored"
    trend = [[labels.get(key, key), *(str(c[key]) for c in counts)] for key in keys]
    rows = [_timeline_row(h, line) for line in h.timelines]
    header = ["Ref", "Id", "Risk", *names, "Trend", "New in", "Ended", "Refs"]
    return ["Band", *names], trend, header, rows


def history_report(h: History, format: Format = "text") -> str:
    """The history of a register as plain text or Markdown: versions, trend, timelines.

    ``Ended`` is the version a risk was first listed closed or deleted, else the first
    that no longer lists it.
    """
    versions = [f"v{i}: {_version_label(head)}, {len(head.risk_ids)} risks"
                for i, head in enumerate(h.versions, 1)]
    heading = ", ".join(n for n in (h.registers[-1].title, h.registers[-1].organisation) if n)
    band_header, trend, header, rows = _history_parts(h)
    if format == "markdown":
        lines = [f"# {_md(heading or 'Risk register')}: history", ""]
        lines += [f"- {_md(v)}" for v in versions]
        lines += ["", "## Open risks by current band", "", *_md_table(trend, band_header)]
        lines += ["", "## Risks (current score by version)", "", *_md_table(rows, header)]
        return "\n".join(lines) + "\n"
    if format != "text":
        raise ValidationError(f"the format is text or markdown, not {format!r}", "format")
    lines = [f"{heading or 'Risk register'}: history of {len(versions)} versions"]
    lines += [f"  {v}" for v in versions]
    lines += ["", "Open risks by current band", *_table(trend, band_header)]
    lines += ["", "Risks (current score by version)", *_table(rows, header)]
    return "\n".join(lines)


def _assessment_data(a: Assessment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    band = band_of(a)
    return {"cell": str(a.score) if a.score is not None else None, "value": a.value,
            "band": band.key if band is not None else None}


def history_document(h: History) -> dict[str, Any]:
    """The history as JSON-ready data: the shape of ``riskmodel history --format json``."""
    def version(index: int | None) -> int | None:
        return None if index is None else index + 1

    def stage_data(line: Timeline, stage: Stage) -> list[dict[str, Any] | None]:
        return ([_assessment_data(a) for a in line.assessments(stage)])
    return {
        "scheme": h.registers[0].scheme.id,
        "versions": [
            {"version": i, "label": head.label,
             "as_at": head.as_at.isoformat() if head.as_at else None,
             "risks": len(head.risk_ids),
             "open": sum(r.is_open for r in register.risks),
             "bands": dict(counts)}
            for i, (head, register, counts) in enumerate(
                zip(h.versions, h.registers, h.band_counts(), strict=True), 1)
        ],
        "timelines": [
            {"id": line.id, "ids": list(line.ids), "refs": list(line.refs),
             "title": _title(line.latest),
             "listed": [a.version + 1 for a in line.appearances],
             "appeared": version(line.appeared), "closed": version(line.closed),
             "unlisted": version(line.unlisted),
             "state": None if line.state is None else str(line.state),
             "trend": None if line.trend is None else str(line.trend),
             **{str(stage): stage_data(line, stage) for stage in _STAGES}}
            for line in h.timelines
        ],
    }
