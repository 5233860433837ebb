"""Text rendering: scheme lists, scheme matrices, register summaries and heat maps."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence

from riskmodel.assessment import Assessment, Stage
from riskmodel.check import Finding
from riskmodel.profile import band_of
from riskmodel.register import Register
from riskmodel.risk import Risk, RiskState, unique_labels
from riskmodel.scale import Level
from riskmodel.scheme import Band, RuleKind, ScoringScheme
from riskmodel.score import Score

__all__ = [
    "band_marks",
    "findings_by_risk",
    "heat_map",
    "register_report",
    "register_summary",
    "risk_table",
    "scheme_list",
    "scheme_matrix",
]

#: How each stage is headed in a heat map.
_STAGE_TITLES = {
    Stage.INHERENT: "Inherent (before controls)",
    Stage.CURRENT: "Current (with existing controls)",
    Stage.TARGET: "Target (after further actions)",
}

_RULES = {
    RuleKind.PRODUCT: "product of the level values",
    RuleKind.SUM: "sum of the level values",
    RuleKind.TABLE: "looked up by cell",
}

#: Text width for wrapped prose, and the narrowest a heat map cell wraps its refs to.
_PROSE_WIDTH = 88
_CELL_WIDTH = 16
#: The widths a risk table wraps titles and owners to.
_TITLE_WIDTH = 38
_OWNER_WIDTH = 24


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def _level(level: Level) -> str:
    return level.code if level.label in ("", level.code) else f"{level.code} {level.label}"


def _size(scheme: ScoringScheme) -> str:
    return f"{len(scheme.likelihood)}×{len(scheme.impact)}"


def band_marks(scheme: ScoringScheme) -> dict[str, str]:
    """Each band's key mapped to the mark drawn in cells: its label's initial, else its key.

    >>> from riskmodel import builtin_schemes
    >>> band_marks(builtin_schemes().get("leicestershire-4x4"))
    {'green': 'L', 'amber': 'M', 'red': 'H'}
    """
    initials = {band.key: (band.label or band.key)[0].upper() for band in scheme.bands}
    if len(set(initials.values())) == len(initials):
        return initials
    return {band.key: band.key for band in scheme.bands}


def _band_name(band: Band) -> str:
    label = band.label or band.key
    return label if band.key.casefold() == label.casefold() else f"{label} ({band.key})"


def _band_range(band: Band) -> str:
    if band.catch_all:
        return "every other cell"
    if band.cells:
        return _plural(len(band.cells), "listed cell")
    if band.minimum is not None and band.maximum is not None:
        return f"rating {_number(band.minimum)} to {_number(band.maximum)}"
    if band.minimum is not None:
        return f"rating {_number(band.minimum)} and above"
    if band.maximum is not None:
        return f"rating up to {_number(band.maximum)}"
    return "every rating"


def _grid(
    corner: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Sequence[str]]]]
) -> list[str]:
    """Lines of a table whose cells may span several lines; rules part rows only then."""
    widths = [max([len(corner), *(len(label) for label, _ in rows)])]
    for j, column in enumerate(columns):
        widths.append(max([len(column), *(len(line) for _, cells in rows for line in cells[j])]))
    heights = [max([1, *(len(cell) for cell in cells)]) for _, cells in rows]

    def line(parts: Iterable[str]) -> str:
        return " | ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    lines = [line([corner, *columns]), rule]
    tall = any(height > 1 for height in heights)
    for index, ((label, cells), height) in enumerate(zip(rows, heights, strict=True)):
        if tall and index:
            lines.append(rule)
        for i in range(height):
            parts = [cell[i] if i < len(cell) else "" for cell in cells]
            lines.append(line([label if i == 0 else "", *parts]))
    return lines


def _matrix(scheme: ScoringScheme, cell: dict[Score, list[str]]) -> list[str]:
    """The scheme's grid: likeliest row at the top, most severe impact column at the right."""
    corner = f"{scheme.likelihood.name} \\ {scheme.impact.name}"
    columns = [_level(level) for level in scheme.impact]
    rows = [
        (_level(lk), [cell[scheme.score(lk, im)] for im in scheme.impact])
        for lk in reversed(scheme.likelihood.levels)
    ]
    return _grid(corner, columns, rows)


def scheme_list(schemes: Iterable[ScoringScheme]) -> str:
    """One line per scheme: its id, its size (likelihood × impact levels) and its name."""
    schemes = list(schemes)
    if not schemes:
        return "no schemes"
    id_width = max(len(s.id) for s in schemes)
    size_width = max(len(_size(s)) for s in schemes)
    return "\n".join(
        f"{s.id:<{id_width}}  {_size(s):<{size_width}}  {s.name}".rstrip() for s in schemes
    )


def _example(scheme: ScoringScheme) -> Score:
    """A cell whose printed form shows the notation's order: likeliest row, next-worst impact."""
    impact = scheme.impact.levels[-2] if len(scheme.impact) > 1 else scheme.impact.most
    return scheme.score(scheme.likelihood.most, impact)


def scheme_matrix(scheme: ScoringScheme) -> str:
    """The scheme drawn as a matrix of printed cells, ratings and bands, with a band legend."""
    marks = band_marks(scheme)
    scores = list(scheme.cells())
    printed = {s: str(s) for s in scores}
    ratings = {s: _number(s.value) for s in scores}
    code_width = max(len(text) for text in printed.values())
    rating_width = max(len(text) for text in ratings.values())
    cells: dict[Score, list[str]] = {}
    for s in scores:
        band = s.band
        mark = marks[band.key] if band is not None else ""
        if scheme.notation.show_value:  # the notation already prints the rating
            text = f"{printed[s]:<{code_width}} {mark}"
        else:
            text = f"{printed[s]:<{code_width}} {ratings[s]:>{rating_width}} {mark}"
        cells[s] = [text.rstrip()]
    first = scheme.likelihood if scheme.notation.order == "likelihood-impact" else scheme.impact
    lines = [f"{scheme.id}: {scheme.name}"]
    lines += textwrap.wrap(scheme.description, _PROSE_WIDTH)
    lines.append(
        f"Rating: {_RULES[scheme.rating.kind]}, {_number(scheme.min_rating)} to "
        f"{_number(scheme.max_rating)}. Printed {first.name} first, as in {_example(scheme)}."
    )
    lines += ["", *_matrix(scheme, cells)]
    if scheme.bands:
        width = max(len(mark) for mark in marks.values())
        lines += ["", "Bands:"]
        lines += [
            f"  {marks[b.key]:<{width}}  {_band_name(b)}: {_band_range(b)}" for b in scheme.bands
        ]
        if scheme.unbanded:
            lines.append(f"  {'':<{width}}  no band: {_plural(len(scheme.unbanded), 'cell')} "
                         "left unbanded")
    return "\n".join(lines)


def _pack(words: Sequence[str], width: int) -> list[str]:
    """Words joined by spaces into lines of at most *width*, never splitting a word."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(("    " if lines else "") + word)
    return lines


def heat_map(register: Register, stage: Stage | str) -> str:
    """The open risks' refs placed in the scheme's grid at *stage*, under a counting heading.

    Each cell shows its band's mark in brackets, then the refs (``Risk.label``; the id
    where two risks print the same ref) of the risks scored there, in register order. A
    risk without both factors at that stage is counted in the heading instead, and listed
    under the band the register states for it (or the band of its stated rating) when
    there is one; a stage where no risk is scored is one line, and that list.
    """
    stage = Stage(stage)
    scheme = register.scheme
    title = _STAGE_TITLES[stage]
    risks = register.open_risks
    placed: dict[Score, list[str]] = {score: [] for score in scheme.cells()}
    by_band: dict[str, list[str]] = {band.key: [] for band in scheme.bands}
    labels = unique_labels(register.risks)
    for risk in risks:
        assessment = risk.assessment(stage)
        score = assessment.score if assessment is not None else None
        if score is not None:
            placed[score].append(labels[risk.id])
        elif assessment is not None and assessment.band is not None:
            by_band[assessment.band.key].append(labels[risk.id])
    marks = band_marks(scheme)
    stated = [f"[{marks[key]}] {', '.join(refs)}" for key, refs in by_band.items() if refs]
    unplaced = [f"Not placed, by band: {'; '.join(stated)}"] if stated else []
    count = sum(len(refs) for refs in placed.values())
    if not count:
        return "\n".join([f"{title}: no open risk has a complete {stage} score.", *unplaced])
    missing = len(risks) - count
    heading = (
        f"{title}: all {_plural(count, 'open risk')} placed."
        if not missing
        else f"{title}: {count} of {_plural(len(risks), 'open risk')} placed; "
        f"{missing} {'lacks' if missing == 1 else 'lack'} a complete {stage} score."
    )
    cells: dict[Score, list[str]] = {}
    for score, refs in placed.items():
        band = score.band
        words = [f"[{marks[band.key]}]"] if band is not None else []
        words += [ref + ("," if i < len(refs) - 1 else "") for i, ref in enumerate(refs)]
        cells[score] = _pack(words, max(_CELL_WIDTH, len(_level(score.impact))))
    lines = [heading, *_matrix(scheme, cells), *unplaced]
    if scheme.bands:
        lines.append(
            "Bands: " + ", ".join(f"[{marks[b.key]}] {b.label or b.key}" for b in scheme.bands)
        )
    return "\n".join(lines)


def register_summary(register: Register) -> str:
    """The register's particulars, its risks counted by status, and by section."""
    fields = [("Organisation", register.organisation), ("Title", register.title)]
    if register.level:
        fields.append(("Level", register.level))
    if register.owner:
        fields.append(("Owner", register.owner))
    fields += [
        ("Version", register.version),
        ("As at", register.as_at.isoformat() if register.as_at else ""),
        ("Scheme", f"{register.scheme.id} — {register.scheme.name}"),
    ]
    states = Counter(risk.status.state for risk in register)
    counts = ", ".join(f"{states[state]} {state}" for state in RiskState if states[state])
    fields.append(("Risks", f"{len(register)} ({counts})" if counts else "0"))
    lines = [f"{name + ':':<14}{value or '(not given)'}" for name, value in fields]
    sections = Counter(risk.section for risk in register)
    names = [(s.title, sections[s.title]) for s in register.sections]
    if sections[None]:
        names.append(("(no section)", sections[None]))
    if register.sections:
        name_width = max(len(name) for name, _ in names)
        count_width = max(len(str(n)) for _, n in names)
        lines.append("Sections:")
        lines += [f"  {name:<{name_width}}  {n:>{count_width}}" for name, n in names]
    else:
        lines.append(f"{'Sections:':<14}none")
    return "\n".join(lines)


def _stage_cell(assessment: Assessment | None, marks: dict[str, str]) -> str:
    """``4x5 20 [V]``: the cell (``–`` when a factor is missing), the rating and band mark."""
    if assessment is None:
        return ""
    score = assessment.score
    value = assessment.value
    band = band_of(assessment)
    parts = [str(score) if score is not None else "–"]
    if value is not None:
        parts.append(_number(value))
    if band is not None:
        parts.append(f"[{marks[band.key]}]")
    return " ".join(parts)


def _wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True) or [""]


def risk_table(register: Register) -> str:
    """The open risks, one row each: ref, title, owner and each stage's cell, rating and band.

    Titles and owners wrap inside their column; risks that are closed or deleted are
    listed after the table with the reason given.

    >>> import riskmodel
    >>> scheme = riskmodel.builtin_schemes().get("generic-5x5")
    >>> print(risk_table(riskmodel.Register(scheme=scheme, risks=[riskmodel.Risk(
    ...     id="R1", ref="1", title="Payroll fails", risk_owner="Head of HR",
    ...     current=riskmodel.Assessment.of(scheme.score(4, 5)),
    ...     target=riskmodel.Assessment(scheme=scheme, stated=6))])))
    Ref | Title         | Owner      | Inherent | Current    | Target
    ----+---------------+------------+----------+------------+--------
    1   | Payroll fails | Head of HR |          | 4x5 20 [V] | – 6 [M]
    Bands: [L] Low, [M] Medium, [H] High, [V] Very high
    """
    marks = band_marks(register.scheme)
    rows = [
        (risk.label, [
            _wrapped(risk.title or risk.description, _TITLE_WIDTH),
            _wrapped(risk.risk_owner or "", _OWNER_WIDTH),
            *([_stage_cell(risk.assessment(stage), marks)] for stage in Stage),
        ])
        for risk in register.open_risks
    ]
    lines = (_grid("Ref", ["Title", "Owner", *(str(s).title() for s in Stage)], rows)
             if rows else ["No open risks."])
    if rows and register.scheme.bands:
        lines.append("Bands: " + ", ".join(
            f"[{marks[b.key]}] {b.label or b.key}" for b in register.scheme.bands))
    for risk in register.risks:
        if not risk.is_open:
            reason = f": {risk.status.reason}" if risk.status.reason else ""
            title = f" {risk.title}" if risk.title else ""
            lines.append(f"{str(risk.status.state).title()}: {risk.label}{title}{reason}")
    return "\n".join(lines)


def _risk_heading(risk: Risk) -> str:
    name = risk.label if risk.ref is None or risk.ref == risk.id else f"{risk.ref} ({risk.id})"
    return f"Risk {name}" + (f": {risk.title}" if risk.title else "")


def _without_name(message: str, risk: Risk | None) -> str:
    """The message without the ``risk 3 (HR-3):`` that names the risk heading its group."""
    if risk is None:
        return message
    name = f"risk {risk.label}" if risk.ref is None or risk.ref == risk.id else (
        f"risk {risk.ref} ({risk.id})")
    for lead in (f"{name}: ", f"{name} "):
        if message.startswith(lead):
            return message[len(lead):]
    return message


def findings_by_risk(register: Register, findings: Iterable[Finding]) -> str:
    """The findings grouped under their risk (ref, id and title), in register order.

    Findings about no risk (a heat map's stray ref) come last, under their own heading.

    >>> import riskmodel
    >>> scheme = riskmodel.builtin_schemes().get("generic-5x5")
    >>> register = riskmodel.Register(scheme=scheme, risks=[riskmodel.Risk(
    ...     id="HR-3", ref="3", title="Payroll fails", risk_owner="?",
    ...     current=riskmodel.Assessment.of(scheme.score(2, 2), stated=5),
    ...     target=riskmodel.Assessment.of(scheme.score(1, 2)),
    ...     review_date=riskmodel.DateText.parse("ongoing"))])
    >>> print(findings_by_risk(register, riskmodel.check(register)))
    Risk 3 (HR-3): Payroll fails
      RM101 error, current: states current 5, but 2x2 rates 4
      RM501 warning: has no owner
    """
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        key = finding.risk_id if finding.risk_id in register else None
        groups.setdefault(key, []).append(finding)
    blocks = []
    for key, members in sorted(groups.items(), key=lambda item: item[0] is None):
        risk = register.get(key) if key is not None else None
        lines = [_risk_heading(risk) if risk is not None else "The register as a whole"]
        for finding in members:
            stage = f", {finding.stage}" if finding.stage is not None else ""
            lines.append(f"  {finding.code} {finding.severity}{stage}: "
                         f"{_without_name(finding.message, risk)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def register_report(register: Register) -> str:
    """The register's summary, its open risks, and its heat map at each stage."""
    parts = [register_summary(register), risk_table(register)]
    parts += [heat_map(register, stage) for stage in Stage]
    return "\n\n".join(parts)
