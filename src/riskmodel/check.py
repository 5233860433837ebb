"""Checks an audit committee asks of every register, as findings with stable codes.

Each finding names its risk and stage, says what is wrong in words, and carries the
values it compared as ``evidence`` (text, numbers, booleans and ISO dates only, so it
can be written as JSON as it is). ``docs/checks.md`` lists every code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

from riskmodel import display as _display
from riskmodel._bulk import Referable, assembler, paused_gc
from riskmodel._validate import Choice, strip_text
from riskmodel.appetite import (
    Appetite,
    AppetiteStatus,
    AtAppetite,
    appetite_source,
    status_of,
)
from riskmodel.assessment import Assessment, Stage
from riskmodel.changes import RegisterDiff, diff
from riskmodel.direction import Trend
from riskmodel.errors import AppetiteLevelError, ValidationError
from riskmodel.register import Register
from riskmodel.risk import Risk, is_placeholder

__all__ = ["CODES", "NEVER", "Finding", "Severity", "check", "failing"]


class Severity(Choice):
    """How much a finding matters: an error, a warning, or information."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

#: Every finding code, with its severity and a one-line meaning.
CODES: Mapping[str, tuple[Severity, str]] = MappingProxyType({
    "RM101": (Severity.ERROR, "the stated rating differs from the rating of the factors"),
    "RM102": (Severity.INFO, "a missing factor is determined by the stated rating"),
    "RM103": (Severity.ERROR, "no level of the missing factor gives the stated rating"),
    "RM104": (Severity.WARNING, "a factor is missing and the stated rating does not settle it"),
    "RM201": (Severity.ERROR, "the target is worse than the current score"),
    "RM202": (Severity.WARNING, "the target is worse than the current score on one factor"),
    "RM203": (Severity.WARNING, "the target equals the current score although actions are listed"),
    "RM204": (Severity.WARNING, "the current score is worse than the inherent score"),
    "RM205": (Severity.INFO, "the current score is worse than the inherent score on one factor"),
    "RM301": (Severity.WARNING, "the score is above appetite"),
    "RM302": (Severity.ERROR, "the appetite level has no threshold on the register's scheme"),
    "RM401": (Severity.WARNING, "the review date has passed"),
    "RM402": (Severity.WARNING, "the target date has passed"),
    "RM403": (Severity.WARNING, "an action's due date has passed"),
    "RM501": (Severity.WARNING, "the risk has no owner"),
    "RM502": (Severity.WARNING, "the risk has neither a review date nor a target date"),
    "RM503": (Severity.WARNING, "the risk has no target score"),
    "RM504": (Severity.WARNING, "the risk has no score at any stage"),
    "RM505": (Severity.WARNING, "an action has no owner, and the risk names no action owner"),
    "RM506": (Severity.WARNING, "an action owner is a placeholder such as ?"),
    "RM601": (Severity.INFO, "the current score is above the escalation threshold"),
    "RM602": (Severity.INFO, "the current score is below the escalation threshold"),
    "RM701": (Severity.ERROR, "the heat map places the risk in another cell than the table"),
    "RM702": (Severity.WARNING, "the heat map places a ref that no risk in the table has"),
    "RM703": (Severity.WARNING, "a scored open risk is missing from the heat map of its stage"),
    "RM105": (Severity.ERROR, "the stated band differs from the band of the factors"),
    "RM106": (Severity.INFO, "the score is in a cell the scheme leaves unbanded"),
    "RM107": (Severity.WARNING, "the cost is outside the money band of the stated impact"),
    "RM108": (Severity.ERROR, "the stated impact differs from the combined impact of its "
                              "dimensions"),
    "RM109": (Severity.WARNING, "a factor is printed off the scheme's grid; no level is taken"),
    "RM303": (Severity.INFO, "the score is at appetite"),
    "RM801": (Severity.WARNING, "the printed direction of travel disagrees with the computed one"),
})


def _stage(value: Stage | str | None) -> Stage | None:
    return value if value is None or value.__class__ is Stage else Stage(value)


def _severity(value: Severity | str) -> Severity:
    return value if value.__class__ is Severity else Severity(value)


def _evidence(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@frozen(kw_only=True)
class Finding(Referable):
    """One thing a check found: a stable code, a severity, where, what, and the evidence.

    >>> f = Finding(code="RM501", risk_id="R1", message="risk R1 has no owner",
    ...             evidence={"risk_owner": "?"})
    >>> f.severity, dict(f.evidence)
    (<Severity.WARNING: 'warning'>, {'risk_owner': '?'})
    """

    code: str = field()
    severity: Severity = field(converter=_severity)
    risk_id: str | None = None
    stage: Stage | None = field(default=None, converter=_stage)
    message: str = field(converter=strip_text)
    #: The values compared: text, numbers, booleans, ``None`` and ISO dates as text.
    evidence: Mapping[str, Any] = field(factory=dict, converter=_evidence, hash=False)

    @severity.default
    def _severity(self) -> Severity:
        return CODES[self.code][0] if self.code in CODES else Severity.ERROR

    @code.validator
    def _known(self, attribute: Any, value: str) -> None:
        if value not in CODES:
            raise ValidationError(f"unknown finding code {value!r}", "code")

    def __str__(self) -> str:
        where = " ".join(x for x in (self.risk_id or "", str(self.stage or "")) if x)
        return f"{self.code} {self.severity}{' ' + where if where else ''}: {self.message}"

    def _repr_html_(self) -> str:
        return _display.finding_html(self)


#: The ``fail_on`` that no finding reaches: a check that reports but never fails.
NEVER = "never"


def failing(
    findings: Iterable[Finding], fail_on: Severity | str = Severity.ERROR
) -> tuple[Finding, ...]:
    """The findings at or above *fail_on* (for ``riskmodel check --fail-on``).

    *fail_on* is a severity, or ``"never"`` for none at all.

    >>> failing([Finding(code="RM602", message="low")], "warning")
    ()
    >>> failing([Finding(code="RM101", message="wrong")], "never")
    ()
    """
    if fail_on == NEVER:
        return ()
    floor = Severity(fail_on).rank
    return tuple(f for f in findings if f.severity.rank >= floor)


# -- helpers -----------------------------------------------------------------------------------


_assemble: Callable[..., Finding] = assembler(Finding)


def _found(*, code: str, message: str, evidence: dict[str, Any], risk_id: str | None = None,
           stage: Stage | None = None) -> Finding:
    """``Finding(...)`` for the checks below, made without ``__init__``'s work.

    The checks give a code of :data:`CODES`, a stage or ``None``, and an evidence dict
    that nothing changes afterwards; for those, the converters and the validator would
    change nothing, so the values are set as given (the message stripped, the evidence
    seen through a read-only view). A test holds every finding of the checks equal to
    ``__init__``'s.
    """
    return _assemble(code=code, severity=CODES[code][0], risk_id=risk_id, stage=stage,
                     message=message.strip(), evidence=MappingProxyType(evidence))


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _name(risk: Risk) -> str:
    return f"risk {risk.label}" if risk.ref is None or risk.ref == risk.id else (
        f"risk {risk.ref} ({risk.id})")


_STAGES = (Stage.INHERENT, Stage.CURRENT, Stage.TARGET)


# -- the checks, one generator per theme ------------------------------------------------------


def _consistency(risk: Risk) -> Iterator[Finding]:
    for stage, a in zip(_STAGES, (risk.inherent, risk.current, risk.target), strict=True):
        if a is None:
            continue
        yield from _stated_band(risk, stage, a)
        yield from _dimensions(risk, stage, a)
        yield from _off_grid(risk, stage, a)
        score = a.score
        if score is not None:
            if a.stated is not None and a.stated != score.value:
                yield _found(
                    code="RM101", risk_id=risk.id, stage=stage,
                    message=f"{_name(risk)} states {stage} {a.stated:g}, but {score} rates "
                            f"{score.value:g}",
                    evidence={"stated": _num(a.stated), "computed": _num(score.value),
                              "likelihood": a.likelihood.code if a.likelihood else None,
                              "impact": a.impact.code if a.impact else None},
                )
            continue
        if (a.likelihood is not None or a.impact is not None) and not a.off_grid:
            yield from _missing_factor(risk, stage, a)


def _band_name(band: Any) -> str:
    return f"{band.label} ({band.key})" if band.label and band.label != band.key else band.key


def _stated_band(risk: Risk, stage: Stage, a: Assessment) -> Iterator[Finding]:
    """RM105: the band printed beside a score is not the band its factors (or rating) give."""
    if a.stated_band is None:
        return
    scheme = a.scheme
    stated = next(b for b in scheme.bands if b.key == a.stated_band)
    score = a.score
    evidence: dict[str, Any] = {
        "stated_band": stated.key, "likelihood": a.likelihood.code if a.likelihood else None,
        "impact": a.impact.code if a.impact else None, "stated": _num(a.stated)}
    if score is not None:
        band = score.band
        if band is None or band is stated:
            return  # an unbanded cell takes the band printed beside it (RM106 says so)
        yield _found(
            code="RM105", risk_id=risk.id, stage=stage,
            message=f"{_name(risk)} states {stage} band {_band_name(stated)}, but {score} is "
                    f"in band {_band_name(band)}",
            evidence={**evidence, "band": band.key, "from": "cell"},
        )
        return
    if a.stated is not None:
        band = scheme.band_for_rating(a.stated)
        if band is not None and band is not stated:
            yield _found(
                code="RM105", risk_id=risk.id, stage=stage,
                message=f"{_name(risk)} states {stage} band {_band_name(stated)}, but the "
                        f"rating {a.stated:g} is in band {_band_name(band)}",
                evidence={**evidence, "band": band.key, "from": "rating"},
            )
            return
    known = [(axis, lv) for axis, lv in (("likelihood", a.likelihood), ("impact", a.impact))
             if lv is not None]
    if len(known) != 1:
        return
    axis, level = known[0]
    other = "impact" if axis == "likelihood" else "likelihood"
    cells = [scheme.score(level, lv) if axis == "likelihood" else scheme.score(lv, level)
             for lv in getattr(scheme, other)]
    if not any(c.band is stated for c in cells) and not any(c.band is None for c in cells):
        bands = list(dict.fromkeys(c.band.key for c in cells if c.band is not None))
        yield _found(
            code="RM105", risk_id=risk.id, stage=stage,
            message=f"{_name(risk)} states {stage} band {_band_name(stated)}, but no cell "
                    f"with {axis} {level} is in it",
            evidence={**evidence, "band": None, "from": axis, "bands": bands},
        )


def _dimensions(risk: Risk, stage: Stage, a: Assessment) -> Iterator[Finding]:
    """RM108: the impact printed beside the dimensions is not their combination."""
    if not a.dimensions or a.impact is None:
        return
    combined = a.combined_impact
    if combined is a.impact:
        return
    shown = ", ".join(f"{name} {lv.code if lv else 'n/a'}" for name, lv in a.dimensions)
    why = f"the most severe of {shown} is {combined}" if combined is not None else (
        f"no dimension applies ({shown})")
    yield _found(
        code="RM108", risk_id=risk.id, stage=stage,
        message=f"{_name(risk)} states {stage} impact {a.impact}, but {why}",
        evidence={"impact": a.impact.code,
                  "combined": combined.code if combined is not None else None,
                  "dimensions": {name: lv.code if lv else None for name, lv in a.dimensions}},
    )


def _off_grid(risk: Risk, stage: Stage, a: Assessment) -> Iterator[Finding]:
    """RM109: a factor printed between the scheme's levels (4.2 on a 1-6 scale)."""
    for axis, number in a.off_grid:
        scale = getattr(a.scheme, axis)
        yield _found(
            code="RM109", risk_id=risk.id, stage=stage,
            message=f"{_name(risk)} gives {stage} {axis} {number:g}, which is not a level of "
                    f"{a.scheme.id} ({', '.join(scale.codes)}); it is kept as printed",
            evidence={"factor": axis, "printed": _num(number), "codes": list(scale.codes),
                      "stated": _num(a.stated)},
        )


def _missing_factor(risk: Risk, stage: Stage, a: Assessment) -> Iterator[Finding]:
    scheme = a.scheme
    if a.likelihood is not None:
        known_axis, known, missing_axis = "likelihood", a.likelihood, "impact"
        candidates = [im for im in scheme.impact
                      if a.stated is not None and scheme.rate(a.likelihood, im) == a.stated]
    else:
        assert a.impact is not None
        known_axis, known, missing_axis = "impact", a.impact, "likelihood"
        candidates = [lk for lk in scheme.likelihood
                      if a.stated is not None and scheme.rate(lk, a.impact) == a.stated]
    evidence: dict[str, Any] = {
        "stated": _num(a.stated), "known": known_axis, "known_code": known.code,
        "missing": missing_axis, "candidates": [lv.code for lv in candidates],
    }
    if a.stated is not None and len(candidates) == 1:
        yield _found(
            code="RM102", risk_id=risk.id, stage=stage,
            message=f"{_name(risk)} gives {stage} {known_axis} {known.code} and rating "
                    f"{a.stated:g} but no {missing_axis}; only {missing_axis} "
                    f"{candidates[0].code} gives that rating (not applied)",
            evidence=evidence,
        )
    elif a.stated is not None and not candidates:
        yield _found(
            code="RM103", risk_id=risk.id, stage=stage,
            message=f"{_name(risk)} gives {stage} {known_axis} {known.code} and rating "
                    f"{a.stated:g}, which no {missing_axis} of {scheme.id} gives",
            evidence=evidence,
        )
    else:
        shown = "/".join(lv.code for lv in candidates)
        why = (f"it could be {shown}" if candidates else "nothing is stated to settle it")
        yield _found(
            code="RM104", risk_id=risk.id, stage=stage,
            message=f"{_name(risk)} has no {stage} {missing_axis}; {why}",
            evidence=evidence,
        )


#: What makes one assessment worse than another: the tail of the message and the
#: evidence for the whole score (``None`` if it is not worse), then for each worse factor.
_Worse = tuple[tuple[str, dict[str, Any]] | None, tuple[tuple[str, dict[str, Any]], ...]]


def _worse(later: Assessment, earlier: Assessment, later_name: str,
           earlier_name: str) -> _Worse:
    """How *later* is worse than *earlier*, as a whole and per factor."""
    lv, ev = later.value, earlier.value
    whole = None
    if lv is not None and ev is not None and lv > ev:
        whole = (f"{later_name} {later} ({lv:g}) is worse than {earlier_name} {earlier} "
                 f"({ev:g})",
                 {later_name: _num(lv), earlier_name: _num(ev),
                  f"{later_name}_cell": str(later), f"{earlier_name}_cell": str(earlier)})
    factors = []
    scheme = later.scheme
    for axis, a, b, scale in (
        ("likelihood", later.likelihood, earlier.likelihood, scheme.likelihood),
        ("impact", later.impact, earlier.impact, scheme.impact),
    ):
        if a is None or b is None or a is b:  # one level is not worse than itself
            continue
        if scale.rank(a) > scale.rank(b):
            factors.append((f"{later_name} {axis} {a} is worse than {earlier_name} {axis} {b}",
                            {"factor": axis, later_name: a.code, earlier_name: b.code}))
    return whole, tuple(factors)


#: The :func:`_worse` of pairs met in one check, by the code of the comparison (which
#: fixes its names) and what decides it: where both are scored, their scores (a scheme
#: makes each cell's score once) and printed bands, the rest of what is printed; else the
#: two assessments. Objects are keyed by id, for the register holds them all meanwhile.
_Seen = dict[tuple[str, int, int, str | None, str | None], _Worse]


def _compare(
    risk: Risk, later: Assessment, earlier: Assessment, stage: Stage, overall: str,
    factor: str, later_name: str, earlier_name: str, seen: _Seen,
) -> Iterator[Finding]:
    """Findings for *later* being worse than *earlier*, as a whole and per factor.

    Risks share cells, so each pair is worked out once per check, in *seen*; findings
    of one pair share its evidence, which nothing changes.
    """
    ls, es = later.score, earlier.score
    if ls is not None and es is not None:  # then its value, factors and text are its score's
        key = (overall, id(ls), id(es), later.stated_band, earlier.stated_band)
    else:
        key = (overall, id(later), id(earlier), None, None)
    worse = seen.get(key)
    if worse is None:
        worse = seen[key] = _worse(later, earlier, later_name, earlier_name)
    whole, factors = worse
    if whole is not None:
        yield _found(code=overall, risk_id=risk.id, stage=stage,
                     message=f"{_name(risk)}: {whole[0]}", evidence=whole[1])
    for tail, evidence in factors:
        yield _found(code=factor, risk_id=risk.id, stage=stage,
                     message=f"{_name(risk)}: {tail}", evidence=evidence)


def _stages(risk: Risk, seen: _Seen) -> Iterator[Finding]:
    current, target, inherent = risk.current, risk.target, risk.inherent
    if current is not None and target is not None:
        yield from _compare(risk, target, current, Stage.TARGET, "RM201", "RM202",
                            "target", "current", seen)
        same = (target.score is not None and target.score == current.score) or (
            target.score is None and current.score is None and target.value is not None
            and target.value == current.value
        )
        if same and risk.actions:
            yield _found(
                code="RM203", risk_id=risk.id, stage=Stage.TARGET,
                message=f"{_name(risk)}: target {target} equals current although "
                        f"{len(risk.actions)} further action(s) are listed",
                evidence={"current": str(current), "target": str(target),
                          "value": _num(target.value), "actions": len(risk.actions)},
            )
    if current is not None and inherent is not None:
        yield from _compare(risk, current, inherent, Stage.CURRENT, "RM204", "RM205",
                            "current", "inherent", seen)


def _appetite_source(register: Register, risk: Risk) -> tuple[Appetite | None, str]:
    appetite, source = appetite_source(risk, register)
    return appetite, f"category {risk.category}" if source == "category" else source


def _stated(appetite: Appetite, source: str, threshold: float | None = None) -> str:
    """``appetite 10 (the risk's own)``, ``appetite cautious, 10 (register default)``."""
    where = "the risk's own" if source == "risk" else source
    if appetite.level is None or threshold is None:
        return f"appetite {appetite} ({where})"
    return f"appetite {appetite}, {threshold:g} ({where})"


def _appetite(register: Register, risk: Risk) -> Iterator[Finding]:
    appetite, source = _appetite_source(register, risk)
    if appetite is None:
        return
    try:
        threshold = appetite.resolve(register.scheme)
    except AppetiteLevelError:
        yield _found(
            code="RM302", risk_id=risk.id,
            message=f"{_name(risk)}: {_stated(appetite, source)} has no threshold on "
                    f"{register.scheme.id}",
            evidence={"appetite": str(appetite), "source": source,
                      "scheme": register.scheme.id,
                      "levels": [str(level) for level, _ in register.scheme.appetite]},
        )
        return
    at = register.scheme.at_appetite
    for stage in (Stage.CURRENT, Stage.TARGET):
        a = risk.assessment(stage)
        if a is None or a.value is None:
            continue
        status = status_of(a.value, threshold)
        evidence = {"value": _num(a.value), "threshold": _num(threshold),
                    "appetite": str(appetite), "source": source, "status": str(status)}
        if status is AppetiteStatus.ABOVE:
            yield _found(
                code="RM301", risk_id=risk.id, stage=stage,
                message=f"{_name(risk)}: {stage} {a.value:g} is above "
                        f"{_stated(appetite, source, threshold)}",
                evidence=evidence,
            )
        elif status is AppetiteStatus.AT and at is AtAppetite.OUTSIDE:
            yield _found(
                code="RM301", risk_id=risk.id, stage=stage,
                message=f"{_name(risk)}: {stage} {a.value:g} is at "
                        f"{_stated(appetite, source, threshold)}, which "
                        f"{register.scheme.id} counts as outside it",
                evidence=evidence,
            )
        elif status is AppetiteStatus.AT and at is AtAppetite.REPORTED:
            yield _found(
                code="RM303", risk_id=risk.id, stage=stage,
                message=f"{_name(risk)}: {stage} {a.value:g} is at "
                        f"{_stated(appetite, source, threshold)}",
                evidence=evidence,
            )


@frozen
class _AsOf:
    """The day dates are judged at, with its printed and ISO forms made once per check."""

    date: dt.date
    shown: str
    iso: str

    @classmethod
    def of(cls, day: dt.date) -> _AsOf:
        return cls(day, f"{day:%d/%m/%Y}", day.isoformat())


def _dates(risk: Risk, when: _AsOf | None) -> Iterator[Finding]:
    if when is None:
        return
    as_of = when.date
    for code, name, cell in (("RM401", "review date", risk.review_date),
                             ("RM402", "target date", risk.target_date)):
        if cell is not None and cell.date is not None and cell.date < as_of:
            yield _found(
                code=code, risk_id=risk.id,
                message=f"{_name(risk)}: {name} {cell.text} passed before {when.shown}",
                evidence={"date": cell.date.isoformat(), "text": cell.text,
                          "as_of": when.iso},
            )
    for index, action in enumerate(risk.actions):
        due = action.due
        if due is not None and due.date is not None and due.date < as_of:
            yield _found(
                code="RM403", risk_id=risk.id,
                message=f"{_name(risk)}: action {index + 1} was due {due.text}, before "
                        f"{when.shown}",
                evidence={"action": index, "text": action.text, "date": due.date.isoformat(),
                          "as_of": when.iso},
            )


def _gaps(risk: Risk) -> Iterator[Finding]:
    if is_placeholder(risk.risk_owner):
        yield _found(code="RM501", risk_id=risk.id, message=f"{_name(risk)} has no owner",
                      evidence={"risk_owner": risk.risk_owner})
    if risk.review_date is None and risk.target_date is None:
        yield _found(code="RM502", risk_id=risk.id,
                      message=f"{_name(risk)} has neither a review date nor a target date",
                      evidence={"review_date": None, "target_date": None})
    if risk.target is None:
        yield _found(code="RM503", risk_id=risk.id, stage=Stage.TARGET,
                      message=f"{_name(risk)} has no target score",
                      evidence={"actions": len(risk.actions)})
    if risk.inherent is None and risk.current is None and risk.target is None:
        yield _found(code="RM504", risk_id=risk.id,
                      message=f"{_name(risk)} has no score at any stage", evidence={})


def _action_owners(risk: Risk) -> Iterator[Finding]:
    """An action is owned by its own owner, else by the risk's action owner (Ashby Vale)."""
    if risk.action_owner is not None and is_placeholder(risk.action_owner):
        yield _found(code="RM506", risk_id=risk.id,
                      message=f"{_name(risk)}: the action owner is {risk.action_owner!r}, "
                              "a placeholder",
                      evidence={"action": None, "owner": risk.action_owner})
    for index, action in enumerate(risk.actions):
        if action.owner is None and risk.action_owner is None:
            yield _found(code="RM505", risk_id=risk.id,
                          message=f"{_name(risk)}: action {index + 1} has no owner, and the "
                                  "risk names no action owner",
                          evidence={"action": index, "text": action.text})
        elif action.owner is not None and is_placeholder(action.owner):
            yield _found(code="RM506", risk_id=risk.id,
                          message=f"{_name(risk)}: action {index + 1} is owned by "
                                  f"{action.owner!r}, a placeholder",
                          evidence={"action": index, "owner": action.owner})


def _bands(risk: Risk) -> Iterator[Finding]:
    """RM106: a score in a cell the scheme's bands leave out."""
    for stage in _STAGES:
        a = risk.assessment(stage)
        score = a.score if a is not None else None
        if a is None or score is None or not score.unbanded:
            continue
        stated = (f"; the register states band {a.stated_band}" if a.stated_band is not None
                  else "")
        yield _found(
            code="RM106", risk_id=risk.id, stage=stage,
            message=f"{_name(risk)}: {stage} {score} ({score.value:g}) is in a cell "
                    f"{a.scheme.id} leaves unbanded{stated}",
            evidence={"likelihood": score.likelihood.code, "impact": score.impact.code,
                      "value": _num(score.value), "stated_band": a.stated_band},
        )


def _money(risk: Risk) -> Iterator[Finding]:
    """RM107: the cost's amount is outside the money band of the impact it is scored at.

    The current stage is judged, else the inherent one. Where the scale names the
    dimension its amounts describe (``money_dimension``) and the assessment scores it,
    that dimension's level is used instead of the combined impact.
    """
    if risk.cost is None or risk.cost.amount is None:
        return
    stage, a = next(((s, a) for s, a in ((Stage.CURRENT, risk.current),
                                          (Stage.INHERENT, risk.inherent)) if a is not None),
                    (None, None))
    if a is None or stage is None:
        return
    scale = a.scheme.impact
    level, what = a.impact, "impact"
    by_name = dict(a.dimensions)
    if scale.money_dimension and scale.money_dimension in by_name:
        level, what = by_name[scale.money_dimension], f"{scale.money_dimension} impact"
    if level is None or level.amount is None:
        return
    low, high = level.amount
    amount = risk.cost.amount
    if low <= amount <= high:
        return
    yield _found(
        code="RM107", risk_id=risk.id, stage=stage,
        message=f"{_name(risk)}: cost {risk.cost.text} (£{amount:,}) is outside the money "
                f"band of {stage} {what} {level}, £{low:,} to £{high:,}",
        evidence={"amount": str(amount), "cost": risk.cost.text, "impact": level.code,
                  "low": _num(low), "high": _num(high), "dimension": scale.money_dimension
                  if what != "impact" else None},
    )


def _escalation(register: Register, risk: Risk) -> Iterator[Finding]:
    threshold = register.escalation_threshold
    current = risk.current
    if threshold is None or current is None or current.value is None:
        return
    evidence = {"value": _num(current.value), "threshold": _num(threshold),
                "level": register.level or None}
    if current.value > threshold:
        yield _found(code="RM601", risk_id=risk.id, stage=Stage.CURRENT,
                      message=f"{_name(risk)}: current {current.value:g} is above the "
                              f"escalation threshold {threshold:g}; escalate it",
                      evidence=evidence)
    elif current.value < threshold:
        yield _found(code="RM602", risk_id=risk.id, stage=Stage.CURRENT,
                      message=f"{_name(risk)}: current {current.value:g} is below the "
                              f"escalation threshold {threshold:g}; a candidate for "
                              "de-escalation",
                      evidence=evidence)


def _agrees(a: Assessment, cell: Any) -> bool:
    if a.score is not None:
        return bool(a.score == cell)
    if a.likelihood is not None and a.likelihood != cell.likelihood:
        return False
    if a.impact is not None and a.impact != cell.impact:
        return False
    return a.stated is None or a.stated == cell.value


def _heatmaps(register: Register) -> Iterator[Finding]:
    for index, heatmap in enumerate(register.heatmaps):
        stage = heatmap.stage
        placed: set[str] = set()
        for placement in heatmap.placements:
            placed.add(placement.ref)
            risks = register.by_ref(placement.ref)
            if not risks:
                yield _found(
                    code="RM702", stage=stage,
                    message=f"heat map {index + 1} ({stage}) places {placement.ref} in "
                            f"{placement.score}, but no risk in the table has that ref",
                    evidence={"heatmap": index, "ref": placement.ref,
                              "cell": str(placement.score)},
                )
                continue
            stated = [(r, r.assessment(stage)) for r in risks]
            if any(a is not None and _agrees(a, placement.score) for _, a in stated):
                continue
            for risk, a in stated:
                if a is None:
                    continue
                yield _found(
                    code="RM701", risk_id=risk.id, stage=stage,
                    message=f"heat map {index + 1} places {placement.ref} in "
                            f"{placement.score} ({placement.score.value:g}), but the table "
                            f"gives {stage} {a}",
                    evidence={"heatmap": index, "ref": placement.ref,
                              "heatmap_cell": str(placement.score),
                              "heatmap_value": _num(placement.score.value),
                              "table": str(a), "table_value": _num(a.value)},
                )
        for risk in register.open_risks:
            a = risk.assessment(stage)
            if a is not None and a.value is not None and risk.ref is not None \
                    and risk.ref not in placed:
                yield _found(
                    code="RM703", risk_id=risk.id, stage=stage,
                    message=f"{_name(risk)} is scored {stage} {a} but heat map {index + 1} "
                            "does not place it",
                    evidence={"heatmap": index, "ref": risk.ref, "table": str(a)},
                )


_MOVED = {Trend.UP: "rose", Trend.DOWN: "fell", Trend.SAME: "did not change"}


def _direction(risk: Risk, changes: RegisterDiff) -> Iterator[Finding]:
    """RM801: the printed direction of travel against the one the two versions give."""
    printed = risk.direction
    if printed is None or printed.trend is None:
        return
    match = changes.match_of(risk.id)
    computed = Trend.NEW if match is None else match.trend
    if computed is None or computed is printed.trend:
        return
    since = changes.old.label
    before = match.old.current if match is not None else None
    if match is None:
        what = f"it is new since {since}"
    else:
        what = (f"its current score {_MOVED[computed]} since {since}: {before} "
                f"({_num(before.value if before else None)}) to {risk.current} "
                f"({_num(risk.current.value if risk.current else None)})")
    yield _found(
        code="RM801", risk_id=risk.id, stage=Stage.CURRENT,
        message=f"{_name(risk)} prints the direction {printed.text!r} ({printed.trend}), "
                f"but {what}",
        evidence={"printed": printed.text, "printed_trend": str(printed.trend),
                  "computed": str(computed), "previous_id": match.old.id if match else None,
                  "previous": None if before is None else str(before),
                  "current": None if risk.current is None else str(risk.current)},
    )


def check(
    register: Register, *, as_of: dt.date | None = None, previous: Register | None = None
) -> tuple[Finding, ...]:
    """Every finding for *register*, risk by risk in register order, then the heat maps.

    Dates are judged at *as_of*, else at the register's ``as_at``; with neither, no date
    check runs. Whether the stated ratings agree with their factors (RM101-RM104) is
    checked on every risk; everything else only on open risks. With the *previous*
    version of the register, each printed direction of travel is checked against the
    change of the current score since then (RM801; see :func:`riskmodel.diff`).

    >>> import datetime, riskmodel
    >>> scheme = riskmodel.builtin_schemes().get("generic-5x5")
    >>> reg = riskmodel.Register(scheme=scheme, risks=[riskmodel.Risk(
    ...     id="R1", risk_owner="Chief Executive",
    ...     current=riskmodel.Assessment.of(scheme.score(4, 4), stated=12),
    ...     target=riskmodel.Assessment.of(scheme.score(2, 3)),
    ...     review_date=riskmodel.DateText.parse("31/03/2026"))])
    >>> for finding in check(reg, as_of=datetime.date(2026, 4, 1)): print(finding)
    RM101 error R1 current: risk R1 states current 12, but 4x4 rates 16
    RM401 warning R1: risk R1: review date 31/03/2026 passed before 01/04/2026
    """
    changes = diff(previous, register) if previous is not None else None
    with paused_gc():
        return _check(register, as_of, changes)


def _check(
    register: Register, as_of: dt.date | None, changes: RegisterDiff | None
) -> tuple[Finding, ...]:
    when = as_of if as_of is not None else register.as_at
    day = None if when is None else _AsOf.of(when)
    found: list[Finding] = []
    # Themes that cannot apply are not asked, risk by risk: a scheme that bands every
    # cell leaves none unbanded (RM106), and no threshold means no escalation (RM601-2).
    unbanded = register.scheme.partial_bands
    escalation = register.escalation_threshold is not None
    seen: _Seen = {}
    for risk in register.risks:
        found.extend(_consistency(risk))
        if not risk.is_open:
            continue
        found.extend(_stages(risk, seen))
        if unbanded:
            found.extend(_bands(risk))
        if risk.cost is not None:
            found.extend(_money(risk))
        found.extend(_appetite(register, risk))
        if day is not None:
            found.extend(_dates(risk, day))
        found.extend(_gaps(risk))
        if risk.actions or risk.action_owner is not None:
            found.extend(_action_owners(risk))
        if escalation:
            found.extend(_escalation(register, risk))
        if changes is not None:
            found.extend(_direction(risk, changes))
    found.extend(_heatmaps(register))
    return tuple(found)
