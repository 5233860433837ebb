"""A register's risks as named columns of plain values: the shape frames and exports share.

Each :class:`Column` has a name, a kind that says what its values are (text, a number, a
date, a level code, a band key…) and whether it is *derived*: worked out from other
columns (a rating, a band, the appetite that applies), so that a frame read back ignores
it. :func:`risk_values` gives every column's values, in register order, as Python
``str``, ``float``, :class:`datetime.date` or ``None``; :mod:`riskmodel.frames` turns them
into typed pandas columns and :mod:`riskmodel.writers` into files.

>>> import riskmodel
>>> q3 = riskmodel.examples.load("fenbridge-corporate-2026-q3")
>>> values = risk_values(q3)
>>> values["id"][0], values["current_likelihood"][0], values["current_value"][0]
('FDC-001', '4', 20.0)
>>> values["current_band"][0], values["review_date"][0]
('red', datetime.date(2027, 3, 31))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from attrs import frozen

from riskmodel._bulk import paused_gc
from riskmodel._validate import Choice
from riskmodel.appetite import AppetiteLevel
from riskmodel.assessment import Assessment, Stage
from riskmodel.check import Severity
from riskmodel.dates import DateText
from riskmodel.errors import AppetiteLevelError
from riskmodel.profile import band_of
from riskmodel.register import Register
from riskmodel.risk import Risk, RiskState
from riskmodel.scheme import ScoringScheme

__all__ = [
    "REGISTER_COLUMNS",
    "RISK_COLUMNS",
    "STAGES",
    "Column",
    "Kind",
    "categories",
    "column_names",
    "register_values",
    "risk_values",
]

STAGES: tuple[Stage, ...] = (Stage.INHERENT, Stage.CURRENT, Stage.TARGET)


class Kind(Choice):
    """What a column's values are."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    #: A likelihood or impact level, by its printed code, ordered by severity.
    LIKELIHOOD = "likelihood"
    IMPACT = "impact"
    #: A band of the scheme, by its key, in the scheme's order.
    BAND = "band"
    STATUS = "status"
    APPETITE_LEVEL = "appetite_level"
    SEVERITY = "severity"
    STAGE = "stage"
    FLAG = "flag"


@frozen
class Column:
    """A named column: the kind of its values, whether it is derived, and what it holds."""

    name: str
    kind: Kind
    description: str
    #: Worked out from other columns; a frame read back does not read it.
    derived: bool = False


def _stage_columns(stage: Stage) -> tuple[Column, ...]:
    return (
        Column(f"{stage}_likelihood", Kind.LIKELIHOOD, f"the {stage} likelihood level's code"),
        Column(f"{stage}_impact", Kind.IMPACT, f"the {stage} impact level's code"),
        Column(f"{stage}_stated", Kind.NUMBER, f"the {stage} rating as printed, if one was"),
        Column(f"{stage}_stated_band", Kind.BAND,
               f"the key of the {stage} band as printed beside the score, if one was"),
        Column(f"{stage}_value", Kind.NUMBER,
               f"the {stage} rating: of the cell, else as printed", derived=True),
        Column(f"{stage}_band", Kind.BAND,
               f"the {stage} band's key: of the cell, else as printed, else of the printed "
               "rating", derived=True),
    )


#: The columns of :func:`risk_values`, in order.
RISK_COLUMNS: tuple[Column, ...] = (
    Column("id", Kind.TEXT, "the risk's stable id, unique in its register"),
    Column("ref", Kind.TEXT, "the ref as printed"),
    Column("section", Kind.TEXT, "the title of the risk's section"),
    Column("category", Kind.TEXT, "the category that chooses the register's appetite"),
    Column("title", Kind.TEXT, "the risk's title"),
    Column("objective", Kind.TEXT, "the objective the risk threatens"),
    Column("description", Kind.TEXT, "cause and event"),
    Column("consequence", Kind.TEXT, "who is hurt and how badly"),
    Column("risk_owner", Kind.TEXT, "the officer accountable for the risk"),
    Column("action_owner", Kind.TEXT, "the officer for actions that name no owner"),
    *(column for stage in STAGES for column in _stage_columns(stage)),
    Column("appetite_threshold", Kind.NUMBER, "the risk's own appetite, as a rating"),
    Column("appetite_level", Kind.APPETITE_LEVEL,
           "the risk's own appetite, as an Orange Book level"),
    Column("appetite", Kind.NUMBER,
           "the appetite that applies (the risk's, its category's or the register's), "
           "as a rating on the scheme", derived=True),
    Column("status", Kind.STATUS, "open, closed or deleted"),
    Column("status_reason", Kind.TEXT, "why the risk was closed or deleted"),
    Column("review_date", Kind.DATE, "the date at the start of the review date cell"),
    Column("review_date_text", Kind.TEXT, "the review date cell as printed"),
    Column("target_date", Kind.DATE, "the date at the start of the target date cell"),
    Column("target_date_text", Kind.TEXT, "the target date cell as printed"),
    Column("cost", Kind.TEXT, "the cost cell as printed"),
    Column("cost_amount", Kind.NUMBER, "the amount in pounds, when the cell states one"),
)

#: The register's particulars, one value for every risk (for many registers in one table).
REGISTER_COLUMNS: tuple[Column, ...] = (
    Column("organisation", Kind.TEXT, "the council body"),
    Column("register", Kind.TEXT, "the register's title"),
    Column("version", Kind.TEXT, "the register's version"),
    Column("as_at", Kind.DATE, "the register's as-at date"),
    Column("scheme", Kind.TEXT, "the id of the scheme the risks are scored on"),
)

_FIXED: dict[Kind, tuple[str, ...]] = {
    Kind.STATUS: tuple(state.value for state in RiskState),
    Kind.APPETITE_LEVEL: tuple(level.value for level in AppetiteLevel),
    Kind.SEVERITY: tuple(severity.value for severity in Severity),
    Kind.STAGE: tuple(stage.value for stage in STAGES),
}


def categories(kind: Kind, scheme: ScoringScheme) -> tuple[str, ...] | None:
    """The values a column of *kind* may hold, least severe first, or ``None`` for any.

    >>> import riskmodel
    >>> categories(Kind.LIKELIHOOD, riskmodel.builtin_schemes().get("leicestershire-4x4"))
    ('4', '3', '2', '1')
    """
    if kind is Kind.LIKELIHOOD:
        return scheme.likelihood.codes
    if kind is Kind.IMPACT:
        return scheme.impact.codes
    if kind is Kind.BAND:
        return tuple(band.key for band in scheme.bands)
    return _FIXED.get(kind)


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def _stage_parts(assessment: Assessment | None) -> tuple[Any, ...]:
    if assessment is None:
        return (None, None, None, None, None, None)
    band = band_of(assessment)
    return (
        assessment.likelihood.code if assessment.likelihood is not None else None,
        assessment.impact.code if assessment.impact is not None else None,
        _number(assessment.stated),
        assessment.stated_band,
        _number(assessment.value),
        band.key if band is not None else None,
    )


def _date_parts(cell: DateText | None) -> tuple[dt.date | None, str | None]:
    return (None, None) if cell is None else (cell.date, cell.text)


def _appetite(register: Register) -> Callable[[Risk], float | None]:
    """The threshold that applies to a risk, worked out once per distinct appetite."""
    resolved: dict[object, float | None] = {}

    def applies(risk: Risk) -> float | None:
        appetite = register.appetite_for(risk)
        if appetite is None:
            return None
        if appetite not in resolved:
            try:
                resolved[appetite] = float(appetite.resolve(register.scheme))
            except AppetiteLevelError:  # a level the scheme has no threshold for (RM302)
                resolved[appetite] = None
        return resolved[appetite]

    return applies


def risk_values(register: Register) -> dict[str, list[Any]]:
    """Every column of :data:`RISK_COLUMNS`, one value per risk, in register order."""
    with paused_gc():
        return _risk_values(register)


def _risk_values(register: Register) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {column.name: [] for column in RISK_COLUMNS}
    stage_lists = [[out[c.name] for c in _stage_columns(stage)] for stage in STAGES]
    # Loaded registers share equal assessments, so each distinct one is worked out once.
    parts: dict[int, tuple[Any, ...]] = {}
    applies = _appetite(register)
    plain = [(out[name], name) for name in (
        "id", "ref", "section", "category", "title", "objective", "description",
        "consequence", "risk_owner", "action_owner")]
    for risk in register.risks:
        for target, name in plain:
            target.append(getattr(risk, name))
        for stage, lists in zip(STAGES, stage_lists, strict=True):
            assessment = risk.assessment(stage)
            found = parts.get(id(assessment))
            if found is None:
                found = parts[id(assessment)] = _stage_parts(assessment)
            for target, value in zip(lists, found, strict=True):
                target.append(value)
        own = risk.appetite
        out["appetite_threshold"].append(_number(own.threshold) if own is not None else None)
        out["appetite_level"].append(
            own.level.value if own is not None and own.level is not None else None)
        out["appetite"].append(applies(risk))
        out["status"].append(risk.status.state.value)
        out["status_reason"].append(risk.status.reason)
        for name, cell in (("review_date", risk.review_date), ("target_date", risk.target_date)):
            date, text = _date_parts(cell)
            out[name].append(date)
            out[f"{name}_text"].append(text)
        cost = risk.cost
        out["cost"].append(cost.text if cost is not None else None)
        out["cost_amount"].append(
            float(cost.amount) if cost is not None and cost.amount is not None else None)
    return out


def register_values(register: Register) -> dict[str, Any]:
    """The register's particulars, by the names of :data:`REGISTER_COLUMNS`."""
    return {
        "organisation": register.organisation,
        "register": register.title,
        "version": register.version,
        "as_at": register.as_at,
        "scheme": register.scheme.id,
    }


def column_names(columns: Iterable[Column]) -> tuple[str, ...]:
    """The names of *columns*, in order."""
    return tuple(column.name for column in columns)
