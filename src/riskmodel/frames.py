"""Registers as pandas DataFrames and back, for analysis in a notebook (the ``pandas`` extra).

:func:`risks` gives one row per risk with typed columns (see
:data:`riskmodel.columns.RISK_COLUMNS`): text as pandas' ``string`` dtype, levels and bands
as ordered categoricals (least severe first, so ``df.current_impact.max()`` is the most
severe impact), ratings and amounts as ``float64`` (``NaN`` when missing) and dates as
``datetime64``. :func:`concat` stacks several registers with their organisation, title,
version, as-at date and scheme in front. :func:`findings` and :func:`conversions` give
the results of :func:`riskmodel.check` and :func:`riskmodel.convert_register` as frames.
:func:`from_frame` reads a frame back into a register and reports, as the readers do,
every cell it could not read, by row and column.

>>> import riskmodel
>>> from riskmodel import frames
>>> q3 = riskmodel.examples.load("fenbridge-corporate-2026-q3")
>>> df = frames.risks(q3)
>>> df.loc[df.current_band == "red", ["ref", "current_likelihood", "current_impact"]].head(3)
  ref current_likelihood current_impact
0   1                  4              5
1   2                  4              5
4   5                  5              3
>>> df.groupby("section", sort=False, observed=True).current_value.max().head(2)
section
Children's social care    20.0
Adults' social care       20.0
Name: current_value, dtype: float64
>>> back = frames.from_frame(df, q3.scheme).registers[0]
>>> str(back.get("FDC-001").current), back.as_at, len(back)
('4x5', None, 28)
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from riskmodel._extras import need
from riskmodel.appetite import Appetite, AppetiteLevel, AppetitePolicy
from riskmodel.assessment import Assessment, Stage
from riskmodel.check import Finding, check
from riskmodel.columns import (
    REGISTER_COLUMNS,
    RISK_COLUMNS,
    Column,
    Kind,
    categories,
    register_values,
    risk_values,
)
from riskmodel.convert import RegisterConversion
from riskmodel.cost import Cost
from riskmodel.dates import DateText, iso_date
from riskmodel.errors import LayoutError, LevelError, ReadError, RiskModelError, ValidationError
from riskmodel.profile import band_of
from riskmodel.readers import ImportResult
from riskmodel.readers.report import ImportReport, LineKind, NoteKind, ReportBuilder
from riskmodel.register import Register, Section
from riskmodel.registry import SchemeRegistry, builtin_schemes
from riskmodel.risk import Risk, RiskState, Status
from riskmodel.scheme import ScoringScheme

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FRAME_COLUMNS", "concat", "conversions", "findings", "from_frame", "risks"]

#: Every column :func:`from_frame` understands: the risks' columns and the particulars.
FRAME_COLUMNS: tuple[Column, ...] = (*REGISTER_COLUMNS, *RISK_COLUMNS)
_BY_NAME = {column.name: column for column in FRAME_COLUMNS}


def _pandas() -> Any:
    return need("pandas", "pandas", "a DataFrame")


# -- registers to frames ---------------------------------------------------------------------


def _series(pd: Any, values: list[Any], kind: Kind, scheme: ScoringScheme) -> Any:
    """One typed column from plain values."""
    import numpy as np

    if kind is Kind.TEXT:
        return pd.array(values, dtype="string")
    if kind is Kind.NUMBER:
        return np.array([math.nan if v is None else v for v in values], dtype="float64")
    if kind is Kind.DATE:
        days = np.array([np.datetime64("NaT") if v is None else v for v in values],
                        dtype="datetime64[D]")
        return days.astype("datetime64[s]")
    if kind is Kind.FLAG:
        return np.array(values, dtype=bool)
    allowed = categories(kind, scheme) or ()
    index = {value: position for position, value in enumerate(allowed)}
    codes = np.array([-1 if v is None else index[v] for v in values], dtype="int16")
    return pd.Categorical.from_codes(codes, categories=list(allowed), ordered=True)


def _frame(pd: Any, columns: Sequence[Column], values: Mapping[str, list[Any]],
           scheme: ScoringScheme, length: int) -> Any:
    data = {column.name: _series(pd, values[column.name], column.kind, scheme)
            for column in columns}
    return pd.DataFrame(data, index=pd.RangeIndex(length), copy=False)


def risks(register: Register) -> pd.DataFrame:
    """One row per risk, in register order, with the typed columns of ``RISK_COLUMNS``.

    >>> import riskmodel
    >>> df = risks(riskmodel.examples.load("ashby-vale-cyps-2026"))
    >>> df[["ref", "inherent_likelihood", "inherent_impact", "inherent_value"]].head(2)
       ref inherent_likelihood inherent_impact  inherent_value
    0  1.1                   2               B             9.0
    1  1.2                   1               A            16.0
    >>> list(df.inherent_likelihood.cat.categories)  # least likely first: 4 .. 1
    ['4', '3', '2', '1']
    """
    pd = _pandas()
    return _frame(pd, RISK_COLUMNS, risk_values(register), register.scheme, len(register))


def concat(registers: Iterable[Register]) -> pd.DataFrame:
    """The risks of several registers in one frame, each row led by its register's particulars.

    The columns are ``organisation``, ``register`` (its title), ``version``, ``as_at`` and
    ``scheme``, then those of :func:`risks`. Levels and bands stay ordered categoricals
    when every register is on one scheme; across schemes they are text, since a ``3``
    on one scheme is not a ``3`` on another.
    """
    pd = _pandas()
    frames = []
    for register in registers:
        frame = risks(register)
        particulars = register_values(register)
        for position, column in enumerate(REGISTER_COLUMNS):
            value = particulars[column.name]
            frame.insert(position, column.name,
                         _series(pd, [value] * len(frame), column.kind, register.scheme))
        frames.append(frame)
    if not frames:
        empty = {c.name: pd.Series([], dtype="string" if c.kind is Kind.TEXT else "object")
                 for c in FRAME_COLUMNS}
        return pd.DataFrame(empty)
    schemes = {frame["scheme"].iloc[0] for frame in frames if len(frame)}
    if len(schemes) > 1:
        for frame in frames:
            for column in RISK_COLUMNS:
                if column.kind in (Kind.LIKELIHOOD, Kind.IMPACT, Kind.BAND):
                    frame[column.name] = frame[column.name].astype("string")
    return pd.concat(frames, ignore_index=True)


def findings(
    register: Register, *, as_of: dt.date | None = None, found: Iterable[Finding] | None = None
) -> pd.DataFrame:
    """The findings of :func:`riskmodel.check` (or *found*), one row each, with the risk's ref
    and title beside its id; ``evidence`` is JSON text.

    >>> import riskmodel
    >>> df = findings(riskmodel.examples.load("fenbridge-corporate-2026-q3"))
    >>> df[["ref", "code", "severity", "stage"]].head(3)
      ref   code severity    stage
    0   2  RM301  warning  current
    1   4  RM401  warning      NaN
    2  13  RM201    error   target
    >>> df.severity.max()
    'error'
    """
    pd = _pandas()
    items = tuple(check(register, as_of=as_of) if found is None else found)
    risks_by_id = {risk.id: risk for risk in register.risks}

    def of(finding: Finding, name: str) -> str | None:
        risk = risks_by_id.get(finding.risk_id or "")
        return getattr(risk, name) if risk is not None else None

    values: dict[str, list[Any]] = {
        "risk_id": [f.risk_id for f in items],
        "ref": [of(f, "ref") for f in items],
        "title": [of(f, "title") for f in items],
        "code": [f.code for f in items],
        "severity": [f.severity.value for f in items],
        "stage": [f.stage.value if f.stage is not None else None for f in items],
        "message": [f.message for f in items],
        "evidence": [json.dumps(dict(f.evidence), ensure_ascii=False) for f in items],
    }
    kinds = {"severity": Kind.SEVERITY, "stage": Kind.STAGE}
    columns = [Column(name, kinds.get(name, Kind.TEXT), "") for name in values]
    return _frame(pd, columns, values, register.scheme, len(items))


def conversions(result: RegisterConversion) -> pd.DataFrame:
    """Each converted assessment of :func:`riskmodel.convert_register`: before, after, the
    rule, whether it was exact, and why not (reasons joined by ``"; "``).

    >>> import riskmodel
    >>> done = riskmodel.convert_register(riskmodel.examples.load("ashby-vale-cyps-2026"),
    ...                                   riskmodel.builtin_schemes().get("generic-5x5"))
    >>> conversions(done)[["risk_id", "stage", "original", "converted"]].head(2)
           risk_id     stage original converted
    0  AVC-CYPS-01  inherent       2B       4x4
    1  AVC-CYPS-01    target       3B       2x4
    """
    pd = _pandas()
    stages = result.stages
    source = result.source

    def band(a: Assessment) -> str | None:
        found = band_of(a)
        return found.label or found.key if found is not None else None

    values: dict[str, list[Any]] = {
        "risk_id": [s.risk_id for s in stages],
        "ref": [source.get(s.risk_id).ref for s in stages],
        "stage": [s.stage.value for s in stages],
        "original": [str(s.original) for s in stages],
        "converted": [str(s.converted) for s in stages],
        "original_value": [s.original.value for s in stages],
        "converted_value": [s.converted.value for s in stages],
        "original_band": [band(s.original) for s in stages],
        "converted_band": [band(s.converted) for s in stages],
        "rule": [result.rule] * len(stages),
        "exact": [s.exact for s in stages],
        "reasons": ["; ".join(s.reasons) for s in stages],
    }
    kinds = {"stage": Kind.STAGE, "original_value": Kind.NUMBER,
             "converted_value": Kind.NUMBER, "exact": Kind.FLAG}
    columns = [Column(name, kinds.get(name, Kind.TEXT), "") for name in values]
    return _frame(pd, columns, values, result.register.scheme, len(stages))


# -- frames to registers ---------------------------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT and pd.NA are not equal to themselves
    except TypeError:  # pd.NA refuses to be a bool
        return True


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("a true/false value is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()  # type: ignore[no-any-return]
    if isinstance(value, str):  # exactly YYYY-MM-DD: not 20261231, not a week date
        found = iso_date(value.strip())
        if found is not None:
            return found
    raise ValueError(f"{value!r} is not a date")


class _Row:
    """The cells of one frame row, read into model values; problems go to the report."""

    def __init__(self, reader: _FrameReader, position: int) -> None:
        self.reader = reader
        self.position = position
        self.line = position + 2  # line 1 is the header, as in a spreadsheet
        self.risk_id: str | None = None

    def raw(self, name: str) -> Any:
        values = self.reader.values.get(name)
        if values is None:
            return None
        value = values[self.position]
        return None if _missing(value) else value

    def problem(self, name: str, message: str, value: Any) -> None:
        self.reader.report.problem(
            self.line, message, column=self.reader.positions[name], risk_id=self.risk_id,
            field=self.reader.fields[name], found=_text(value),
        )

    def text(self, name: str) -> str | None:
        value = self.raw(name)
        return None if value is None else _text(value)

    def number(self, name: str) -> float | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            return _float(value)
        except (TypeError, ValueError):
            self.problem(name, "not a number", value)
            return None

    def date(self, name: str) -> dt.date | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            return _date(value)
        except (TypeError, ValueError):
            self.problem(name, "not a date", value)
            return None


class _FrameReader:
    """Reads the rows of one frame into risks, accounting for each row in a report."""

    def __init__(self, df: Any, scheme: ScoringScheme, mapping: Mapping[str, str],
                 source: str) -> None:
        self.scheme = scheme
        self.source = source
        names = [str(name) for name in df.columns]
        self.report = ReportBuilder(source, len(df) + 1)
        self.positions: dict[str, int] = {}
        self.fields: dict[str, str] = {}
        self.values: dict[str, list[Any]] = {}
        unknown = sorted(set(mapping.values()) - set(_BY_NAME))
        if unknown:
            raise LayoutError("mapping", f"names {', '.join(map(repr, unknown))}, which "
                              f"riskmodel does not have; its columns are "
                              f"{', '.join(_BY_NAME)}")
        ignored = []
        for position, name in enumerate(names):
            field = mapping.get(name, name)
            if field not in _BY_NAME:
                ignored.append(name)
                continue
            if field in self.positions:
                taken = names[self.positions[field]]
                raise ReadError(source, 1, position + 1,
                                f"columns {taken!r} and {name!r} both give {field}")
            self.positions[field] = position
            self.fields[field] = field
            self.values[field] = df.iloc[:, position].tolist()
        detail = f"column headers ({len(names)} columns)"
        if ignored:
            detail += f"; not riskmodel columns, not read: {', '.join(ignored)}"
        self.report.account(1, LineKind.HEADER, detail)

    def particular(self, name: str) -> Any:
        """The one value a register-level column holds in every row, else ``None``."""
        values = self.values.get(name)
        if values is None:
            return None
        try:
            distinct = {v for v in values if not _missing(v)}
        except TypeError:  # a list or a dict in a cell
            raise ReadError(self.source, None, self.positions[name] + 1,
                            f"the {name} column holds a value that is not text, a number or "
                            "a date") from None
        if len(distinct) > 1:
            raise ReadError(self.source, None, self.positions[name] + 1,
                            f"the {name} column holds {len(distinct)} different values: the "
                            "frame has several registers; read each apart, such as "
                            f"df[df.{name} == …]")
        return distinct.pop() if distinct else None

    def assessment(self, row: _Row, stage: Stage) -> Assessment | None:
        levels: dict[str, Any] = {}
        for axis in ("likelihood", "impact"):
            name = f"{stage}_{axis}"
            code = row.text(name)
            if code is None:
                continue
            try:
                levels[axis] = getattr(self.scheme, axis).level(code, scheme_id=self.scheme.id)
            except LevelError as exc:
                row.problem(name, str(exc), code)
        stated = row.number(f"{stage}_stated")
        band = self.stated_band(row, f"{stage}_stated_band")
        if not levels and stated is None and band is None:
            return None
        return Assessment(scheme=self.scheme, stated=stated, stated_band=band, **levels)

    def stated_band(self, row: _Row, name: str) -> str | None:
        word = row.text(name)
        if word is None:
            return None
        try:
            return self.scheme.band(word).key
        except RiskModelError as exc:
            row.problem(name, str(exc), word)
            return None

    def appetite(self, row: _Row) -> Appetite | None:
        threshold = row.number("appetite_threshold")
        level_text = row.text("appetite_level")
        level = None
        if level_text is not None:
            try:
                level = AppetiteLevel(level_text.strip().casefold())
            except RiskModelError:
                row.problem("appetite_level", "not an Orange Book appetite level "
                            f"({', '.join(AppetiteLevel)})", level_text)
        if threshold is not None and level is not None:
            row.problem("appetite_level", "an appetite is a threshold or a level, not both; "
                        "the threshold is kept", level_text)
            level = None
        if threshold is not None:
            return Appetite(threshold=threshold)
        return Appetite(level=level) if level is not None else None

    def status(self, row: _Row) -> Status:
        state_text = row.text("status")
        state = RiskState.OPEN
        if state_text is not None:
            try:
                state = RiskState(state_text.strip().casefold())
            except RiskModelError:
                row.problem("status", "not a risk state (open, closed or deleted); "
                            "the risk is read as open", state_text)
        return Status(state, row.text("status_reason"))

    def date_text(self, row: _Row, name: str) -> DateText | None:
        date = row.date(name)
        text = row.text(f"{name}_text")
        if text is None:
            return DateText.of(date) if date is not None else None
        parsed = DateText.parse(text)
        return parsed if parsed.date == date else DateText(text, date)

    def cost(self, row: _Row) -> Cost | None:
        text = row.text("cost")
        amount = row.number("cost_amount")
        if text is None and amount is None:
            return None
        parsed = Cost.parse(text or "")
        if amount is None:
            return Cost(parsed.text, None)
        if parsed.amount is not None and float(parsed.amount) == amount:
            return parsed
        try:
            exact = Decimal(int(amount)) if amount.is_integer() else Decimal(repr(amount))
        except (InvalidOperation, OverflowError, ValueError):  # pragma: no cover - finite
            exact = None
        return Cost(parsed.text, exact)

    def risk(self, row: _Row, taken: set[str], sections: list[str]) -> Risk:
        given = row.text("id")
        ref = row.text("ref")
        base = (given or "").strip() or (ref or "").strip().strip(".)").strip() \
            or f"row{row.line}"
        risk_id, n = base, 1
        while risk_id in taken:
            n += 1
            risk_id = f"{base}-{n}"
        if risk_id != base:
            self.report.note(NoteKind.PROBLEM, row.line,
                             f"the id {base!r} is taken; this risk is {risk_id!r}",
                             column=self.positions.get("id"), risk_id=risk_id, field="id",
                             found=base)
        taken.add(risk_id)
        row.risk_id = risk_id
        section = row.text("section")
        if section is not None and section.strip() and section.strip() not in sections:
            sections.append(section.strip())
        return Risk(
            id=risk_id,
            ref=ref,
            section=section,
            category=row.text("category"),
            title=row.text("title") or "",
            objective=row.text("objective") or "",
            description=row.text("description") or "",
            consequence=row.text("consequence") or "",
            risk_owner=row.text("risk_owner"),
            action_owner=row.text("action_owner"),
            inherent=self.assessment(row, Stage.INHERENT),
            current=self.assessment(row, Stage.CURRENT),
            target=self.assessment(row, Stage.TARGET),
            appetite=self.appetite(row),
            status=self.status(row),
            review_date=self.date_text(row, "review_date"),
            target_date=self.date_text(row, "target_date"),
            cost=self.cost(row),
        )


def from_frame(
    df: pd.DataFrame,
    scheme: ScoringScheme | str,
    mapping: Mapping[str, str] | None = None,
    *,
    schemes: SchemeRegistry | None = None,
    source: str = "<frame>",
    **particulars: Any,
) -> ImportResult:
    """A register read back from a frame of :func:`risks` (or :func:`concat`, one register).

    *scheme* is the scheme the levels are codes of (a scheme or its id in *schemes*).
    *mapping* renames the frame's own columns to riskmodel's, as ``DataFrame.rename``
    does: ``{"Risk No.": "ref", "L": "current_likelihood"}``. Columns riskmodel does not
    have are not read (the report's header line names them); derived columns (ratings,
    bands, the appetite that applies) are worked out again, not read. *particulars* are
    the register's own fields (``title=``, ``as_at=``, ``appetite=``, ``sections=`` …);
    by default they are taken from the frame's ``organisation``, ``register``,
    ``version`` and ``as_at`` columns when each holds one value, and sections are made
    from the section titles in order of first appearance.

    As the readers do, it returns a :class:`~riskmodel.readers.ImportResult` whose report
    accounts for every row (line 1 is the header, row *i* of the frame is line *i* + 2)
    and notes each cell it could not read, with its column, what was found and why; that
    value is left missing, never guessed. Ids missing from the frame are made from the
    ref, else the line (``row7``); a repeated id gets ``-2``.

    Round trip: for every column that is not derived, ``risks(from_frame(risks(r),
    r.scheme, appetite=r.appetite, sections=r.sections).registers[0])`` equals
    ``risks(r)``.
    """
    _pandas()
    allowed = {a.name for a in attrs.fields(Register) if a.init and a.name not in
               ("scheme", "risks", "heatmaps")}
    unknown = sorted(set(particulars) - allowed)
    if unknown:
        raise ValidationError(f"from_frame takes no particular {', '.join(unknown)}; it "
                              f"takes {', '.join(sorted(allowed))}")
    if isinstance(scheme, str):
        scheme = (schemes if schemes is not None else builtin_schemes()).get(scheme)
    reader = _FrameReader(df, scheme, dict(mapping or {}), source)
    fields: dict[str, Any] = {}
    for column, field in (("organisation", "organisation"), ("register", "title"),
                          ("version", "version"), ("as_at", "as_at")):
        value = reader.particular(column)
        if value is None:
            continue
        try:
            fields[field] = _date(value) if column == "as_at" else _text(value)
        except (TypeError, ValueError) as exc:
            raise ReadError(source, None, reader.positions[column] + 1,
                            f"the {column} column: {exc}") from None
    named = reader.particular("scheme")
    if named is not None and _text(named) != scheme.id:
        raise ReadError(source, None, reader.positions["scheme"] + 1,
                        f"the frame's risks are on {named}, not on {scheme.id}; pass that "
                        "scheme, or convert the register after reading it")
    fields.update(particulars)
    taken: set[str] = set()
    titles: list[str] = []
    built: list[Risk] = []
    for position in range(len(df)):
        row = _Row(reader, position)
        if all(_missing(values[position]) for values in reader.values.values()):
            reader.report.account(row.line, LineKind.SKIPPED, "empty row")
            continue
        try:
            risk = reader.risk(row, taken, titles)
        except RiskModelError as exc:  # an invariant no single cell breaks
            raise ReadError(source, row.line, None, str(exc)) from None
        built.append(risk)
        reader.report.account(row.line, LineKind.RISK, f"risk {risk.id}", risk.id)
    if "sections" not in fields:
        fields["sections"] = [Section(title) for title in titles]
    fields.setdefault("appetite", AppetitePolicy())
    try:
        register = Register(scheme=scheme, risks=built, **fields)
    except RiskModelError as exc:  # a particular of the wrong kind, or an invariant
        raise ReadError(source, None, None, str(exc)) from None
    report: ImportReport = reader.report.build()
    return ImportResult(registers=(register,), report=report, layout="frame",
                        reason="read from a DataFrame by column name")

