"""The cell parsers: a stage's score cells into an assessment, appetites, and dates.

Each parser keeps what its cells prove and reports the rest, with the line, column, the
risk and the part at fault; nothing is guessed. Scores are read in one of four ways,
chosen by the layout's ``score_format`` and the parts the header names:

* by part, where the header names each column (``Likelihood | Impact | Score | RAG``):
  each cell is one factor (a code, a label, a word the layout's ``ratings`` maps, or a
  factor off the scheme's grid such as ``4.2``), the rating printed, the band printed, or
  the impact on one of the scheme's dimensions;
* ``factors``: the numbers of the stage's cells in ``score_order``, split as printed;
* ``notation``: one cell in the scheme's notation (``2B``);
* ``rating``: the rating alone, or a band word;
* ``assessment``: one cell in any form the scheme prints
  (:meth:`~riskmodel.ScoringScheme.parse_assessment`: ``4x3``, ``High``, ``12 Amber``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from riskmodel.appetite import Appetite, AppetiteLevel
from riskmodel.assessment import Assessment
from riskmodel.dates import DateText
from riskmodel.errors import BandError, LevelError, NotationError
from riskmodel.readers.cells import clean_cell
from riskmodel.readers.layout import Layout
from riskmodel.readers.report import NoteKind, ReportBuilder
from riskmodel.readers.scores import read_numbers
from riskmodel.scale import Level, Scale
from riskmodel.scheme import ScoringScheme

__all__ = ["NOT_SCORED", "STATED_DISAGREES", "CellParsers", "ScoreCell"]

#: What a score cell prints for a stage that is not scored; the stage keeps the text as
#: printed, with no factor, and no problem is reported for it.
NOT_SCORED = frozenset({"n/a", "na", "n.a.", "not applicable", "not assessed",
                        "not scored", "tbc", "-", "–", "—"})
#: How a note that a printed rating or band disagrees with its factors begins: the cells
#: read on the scheme, and the source contradicts itself (both kept, and reported).
STATED_DISAGREES = "the stated"
_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,4})?$")
_AXES = ("likelihood", "impact")
#: How many readings of score cells and date cells a table's parsers remember: registers
#: print the same few scores and dates over and over.
_MEMO_SIZE = 4096
#: What the memo of readings gives for cells it has not read.
_UNREAD = object()


class ScoreCell(NamedTuple):
    """One score cell of a row: its column, the part its header names (or ``None``)
    and its text."""

    column: int
    part: str | None
    text: str


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _number(text: str) -> float | None:
    return float(text) if _NUMBER.match(text) else None


def _whole(value: float) -> float:
    return int(value) if float(value).is_integer() else value


class _Parts:
    """The parts of one stage's assessment while its cells are read."""

    __slots__ = ("band", "dimensions", "levels", "off_grid", "stated")

    def __init__(self) -> None:
        self.levels: dict[str, Level] = {}
        self.off_grid: dict[str, float] = {}
        self.stated: float | None = None
        self.band: str | None = None
        self.dimensions: dict[str, Level | None] = {}


class CellParsers:
    """The cell parsers of one table: its scheme, its layout's word maps, its report."""

    def __init__(self, *, scheme: ScoringScheme, layout: Layout, report: ReportBuilder) -> None:
        self.scheme = scheme
        self.layout = layout
        self.report = report
        self.words: Mapping[str, Mapping[str, str]] = layout.ratings
        self._labels = {axis: self._label_index(getattr(scheme, axis)) for axis in _AXES}
        # Readings that gave no note, by their cells: the same cells read the same way.
        self._scores: dict[object, Assessment | None] = {}
        self._dates: dict[tuple[str, int | None], DateText] = {}

    @staticmethod
    def _label_index(scale: Scale) -> dict[str, Level]:
        counted: dict[str, list[Level]] = {}
        for level in scale:
            counted.setdefault(_fold(level.label), []).append(level)
        return {label: levels[0] for label, levels in counted.items() if len(levels) == 1}

    # -- scores --------------------------------------------------------------------------

    def assessment(
        self, line: int, risk_id: str, stage: str, cells: Sequence[ScoreCell],
        *, positional: bool = False,
    ) -> Assessment | None:
        """The stage's score from its cells; what cannot be proven is reported, not kept.

        In *positional* mode (score columns found by position in a damaged table) a
        product that disagrees with its factors is dropped, since its digits may be
        split; where the header names the columns it is kept and reported.
        """
        key = (stage, positional, tuple([cell.part for cell in cells]),
               tuple([cell.text for cell in cells]))
        found = self._scores.get(key, _UNREAD)
        if found is not _UNREAD:
            return found  # type: ignore[return-value]
        return self._remembered(key, line, risk_id, stage, cells, positional)

    def assessment_at(
        self, line: int, risk_id: str, stage: str, columns: Sequence[int],
        parts: tuple[str | None, ...], texts: tuple[str, ...], *, positional: bool = False,
    ) -> Assessment | None:
        """:meth:`assessment` of the cells at *columns* with these *parts* and *texts*:
        a row's cells are made into :class:`ScoreCell` values only when the same cells
        were not read before."""
        found = self._scores.get((stage, positional, parts, texts), _UNREAD)
        if found is not _UNREAD:
            return found  # type: ignore[return-value]
        cells = [ScoreCell(*cell) for cell in zip(columns, parts, texts, strict=True)]
        return self._remembered((stage, positional, parts, texts), line, risk_id, stage,
                                cells, positional)

    def _remembered(
        self, key: object, line: int, risk_id: str, stage: str, cells: Sequence[ScoreCell],
        positional: bool,
    ) -> Assessment | None:
        """The stage's score read from *cells*, remembered under *key* when it gave no
        note."""
        held = self.report.note_count
        found = self._assessment(line, risk_id, stage, cells, positional=positional)
        if self.report.note_count == held and len(self._scores) < _MEMO_SIZE:
            self._scores[key] = found
        return found

    def _assessment(
        self, line: int, risk_id: str, stage: str, cells: Sequence[ScoreCell],
        *, positional: bool,
    ) -> Assessment | None:
        text = " ".join(clean_cell(cell.text) for cell in cells).strip()
        if not text:
            return None
        if all(_fold(clean_cell(cell.text)) in NOT_SCORED or not cell.text.strip()
               for cell in cells):
            return Assessment(scheme=self.scheme, text=text)  # kept as printed: no score
        if any(cell.part is not None for cell in cells):
            return self._by_part(line, risk_id, stage, cells, text)
        fmt = self.layout.score_format
        if fmt == "notation":
            return self._notation(line, risk_id, stage, cells, text)
        if fmt == "assessment":
            return self._printed(line, risk_id, stage, cells[0].column, text)
        if fmt == "rating":
            band = self._band_word(text)
            if band is not None:
                return Assessment(scheme=self.scheme, stated_band=band, text=text)
        order = self.layout.score_order if fmt == "factors" else ("product",)
        pairs = [(cell.column, cell.text) for cell in cells]
        found, lost = read_numbers(pairs, order, self.words)
        for finding in lost:
            self.report.problem(
                line, f"{finding.part or 'a number'} not proven: {finding.message}",
                column=finding.column, risk_id=risk_id,
                field=f"{stage}.{finding.part}" if finding.part else stage, found=finding.found,
            )
        parts = _Parts()
        for axis in _AXES:
            if axis in found:
                column, code = found[axis]
                self._factor(parts, line, risk_id, stage, axis, column, code)
        if "product" in found:
            column, token = found["product"]
            parts.stated = self._check_product(
                line, risk_id, stage, parts.levels, float(token), column, positional=positional,
            )
        return self._build(parts, text)

    def offer_product(
        self, line: int, risk_id: str, stage: str, held: Assessment | None, cell: ScoreCell,
    ) -> Assessment | None:
        """*held* with the rating in *cell*, when *held* has no rating and its factors prove
        the cell's number is its rating (both factors rate it, or the one known factor
        allows exactly one level of the other); else ``None``.

        Used for a damaged table's stray digit after the score zone (the layout's
        ``zone_spill``): the digit is taken only where the factors prove it.
        """
        number = _number(clean_cell(cell.text))
        if held is None or held.stated is not None or number is None or held.off_grid:
            return None
        levels: dict[str, Level] = {}
        if held.likelihood is not None:
            levels["likelihood"] = held.likelihood
        if held.impact is not None:
            levels["impact"] = held.impact
        if len(levels) == 2:
            if self.scheme.rate(levels["likelihood"], levels["impact"]) != number:
                return None
        elif len(levels) == 1:
            if not self._fits(levels, number):
                return None
            self._check_product(line, risk_id, stage, levels, number, cell.column,
                                positional=True)
        else:
            return None
        return Assessment(scheme=self.scheme, likelihood=levels.get("likelihood"),
                          impact=levels.get("impact"), stated=number,
                          text=f"{held.text} {clean_cell(cell.text)}".strip())

    def _fits(self, levels: dict[str, Level], stated: float) -> bool:
        (known_axis, known), = levels.items()
        other = self.scheme.impact if known_axis == "likelihood" else self.scheme.likelihood
        return sum(
            1 for level in other
            if self.scheme.rate(*((known, level) if known_axis == "likelihood"
                                  else (level, known))) == stated
        ) == 1

    def _build(self, parts: _Parts, text: str) -> Assessment:
        impact = parts.levels.get("impact")
        if impact is None and "impact" not in parts.off_grid and any(
                level is not None for level in parts.dimensions.values()):
            impact = self.scheme.combined_impact(parts.dimensions)
        return Assessment(
            scheme=self.scheme, likelihood=parts.levels.get("likelihood"), impact=impact,
            stated=parts.stated,
            stated_band=parts.band, dimensions=tuple(parts.dimensions.items()),
            off_grid=tuple((axis, _whole(v)) for axis, v in parts.off_grid.items()),
            text=text,
        )

    def _factor(
        self, parts: _Parts, line: int, risk_id: str, stage: str, axis: str, column: int,
        text: str,
    ) -> None:
        """One factor: a code, a label, a mapped word, or a number off the grid."""
        scale: Scale = getattr(self.scheme, axis)
        where: dict[str, Any] = {"column": column, "risk_id": risk_id,
                                 "field": f"{stage}.{axis}", "found": text}
        code = self.words.get(axis, {}).get(_fold(text), text)
        if code in scale:
            parts.levels[axis] = scale.level(code)
            return
        label = self._labels[axis].get(_fold(code))
        if label is not None:
            parts.levels[axis] = label
            return
        number = _number(code)
        if number is not None and self._between(scale, number):
            parts.off_grid[axis] = number
            return
        if number is None and not code.isdigit():
            try:
                read = self.scheme.parse_assessment(f"{scale.name} {code}")
            except NotationError:
                read = None
            level = getattr(read, axis, None)
            if read is not None and level is not None and read.stated is None \
                    and read.stated_band is None:
                parts.levels[axis] = level
                return
        self.report.problem(line, str(LevelError(code, self.scheme.id, scale.name, scale.codes)),
                            **where)

    @staticmethod
    def _between(scale: Scale, number: float) -> bool:
        """Whether *number* lies between a numeric scale's codes, but is none of them."""
        if not all(code.isdigit() for code in scale.codes):
            return False
        codes = [int(code) for code in scale.codes]
        return min(codes) <= number <= max(codes) and not (
            number.is_integer() and int(number) in codes)

    def _band_word(self, text: str) -> str | None:
        """The band key a word names: by the layout's ``ratings.band``, else the scheme."""
        mapped = self.words.get("band", {}).get(_fold(text))
        if mapped is not None:
            return self.scheme.band(mapped).key
        try:
            return self.scheme.band(text).key
        except BandError:
            return None

    def _by_part(
        self, line: int, risk_id: str, stage: str, cells: Sequence[ScoreCell], text: str,
    ) -> Assessment | None:
        """Cells whose header names each one's part: a factor, the rating, the band, or
        the impact on a dimension."""
        parts = _Parts()
        for column, part, raw in cells:
            cell = clean_cell(raw)
            if not cell:
                continue
            dimension = part is not None and part.startswith("dimension:")
            if not dimension and _fold(cell) in NOT_SCORED:  # a part printed as not scored
                continue  # (a dimension's n/a says it does not apply, and is kept)
            where: dict[str, Any] = {"column": column, "risk_id": risk_id, "found": cell}
            if part in _AXES:
                assert part is not None
                self._factor(parts, line, risk_id, stage, part, column, cell)
            elif dimension:
                assert part is not None
                self._dimension(parts, line, stage, part.split(":", 1)[1], cell, where)
            elif part == "band":
                band = self._band_word(cell)
                if band is None:
                    self.report.problem(line, f"{cell!r} names no band of {self.scheme.id} "
                                        f"({', '.join(b.key for b in self.scheme.bands)})",
                                        field=f"{stage}.band", **where)
                else:
                    parts.band = band
            else:
                self._rating(parts, line, stage, cell, where)
        if not (parts.levels or parts.off_grid or parts.dimensions or parts.band
                or parts.stated is not None):
            return Assessment(scheme=self.scheme, text=text)
        if parts.stated is not None and not parts.off_grid:
            product = next(c.column for c in cells if c.part == "product")
            parts.stated = self._check_product(line, risk_id, stage, parts.levels,
                                               parts.stated, product, positional=False)
        found = self._build(parts, text)
        # The band is printed in a band column, or as a word in the rating column.
        column = next((c.column for c in cells if c.part == "band"),
                      next((c.column for c in cells if c.part == "product"), cells[0].column))
        self._check_band(found, line, risk_id, stage, column)
        return found

    def _check_band(
        self, found: Assessment, line: int, risk_id: str, stage: str, column: int
    ) -> None:
        """Report a printed band that is not the band of the factors beside it."""
        score = found.score
        if found.stated_band is not None and score is not None and score.band is not None \
                and score.band.key != found.stated_band:
            self.report.problem(
                line, f"{STATED_DISAGREES} band {found.stated_band} is not {score.band.key}, "
                f"the band of {score}", column=column, risk_id=risk_id, field=f"{stage}.band",
                found=found.stated_band)

    def _dimension(
        self, parts: _Parts, line: int, stage: str, name: str, cell: str,
        where: dict[str, Any],
    ) -> None:
        scale = self.scheme.impact
        if scale.is_not_applicable(cell):
            parts.dimensions[name] = None
            return
        code = self.words.get("impact", {}).get(_fold(cell), cell)
        if code in scale:
            parts.dimensions[name] = scale.level(code)
            return
        self.report.problem(line, str(LevelError(code, self.scheme.id, scale.name, scale.codes)),
                            field=f"{stage}.dimensions.{name}", **where)

    def _rating(
        self, parts: _Parts, line: int, stage: str, cell: str, where: dict[str, Any]
    ) -> None:
        """The rating cell: a number, a band word, or a rating with its band."""
        number = _number(cell)
        if number is not None:
            parts.stated = number
            return
        band = self._band_word(cell)
        if band is not None:
            parts.band = band
            return
        try:
            read = self.scheme.parse_assessment(cell)
        except NotationError as exc:
            self.report.problem(line, exc.reason, field=f"{stage}.product", **where)
            return
        if read.likelihood is not None or read.impact is not None or read.off_grid:
            self.report.problem(line, "the rating cell prints factors; the factor columns "
                                "are read instead", field=f"{stage}.product", **where)
        parts.stated = read.stated
        parts.band = read.stated_band

    def _printed(
        self, line: int, risk_id: str, stage: str, column: int, text: str
    ) -> Assessment:
        """One cell in any form the scheme prints, after the layout's word maps."""
        band = self.words.get("band", {}).get(_fold(text))
        if band is not None:
            return Assessment(scheme=self.scheme, stated_band=self.scheme.band(band).key,
                              text=text)
        try:
            read = self.scheme.parse_assessment(text)
        except NotationError as exc:
            self.report.problem(line, exc.reason, column=column, risk_id=risk_id,
                                field=stage, found=text)
            return Assessment(scheme=self.scheme, text=text)
        if read.complete and read.stated is not None and not read.consistent:
            self.report.problem(
                line, f"{STATED_DISAGREES} rating {read.stated:g} is not {read.value:g} from the "
                "factors", column=column, risk_id=risk_id, field=stage, found=text)
        self._check_band(read, line, risk_id, stage, column)
        return read

    def _check_product(
        self, line: int, risk_id: str, stage: str, levels: dict[str, Level], stated: float,
        column: int, *, positional: bool,
    ) -> float | None:
        """The stated product if it stands; a missing factor it proves is added to *levels*."""
        where: dict[str, Any] = {"column": column, "risk_id": risk_id, "found": f"{stated:g}"}
        if len(levels) == 2:
            value = self.scheme.rate(levels["likelihood"], levels["impact"])
            if value == stated:
                return stated
            if positional:
                self.report.problem(
                    line, f"the product {stated:g} is not {value:g} from the factors; "
                    "its digits may be split, so it is not kept",
                    field=f"{stage}.product", **where,
                )
                return None
            self.report.problem(
                line, f"{STATED_DISAGREES} rating {stated:g} is not {value:g} from the factors",
                field=stage, **where,
            )
            return stated
        if len(levels) == 1:
            (known_axis, known), = levels.items()
            other_axis = "impact" if known_axis == "likelihood" else "likelihood"
            other_scale = getattr(self.scheme, other_axis)
            fits = [
                level for level in other_scale
                if self.scheme.rate(*((known, level) if known_axis == "likelihood"
                                      else (level, known))) == stated
            ]
            if len(fits) == 1:
                levels[other_axis] = fits[0]
                self.report.note(
                    NoteKind.RECOVERY, line,
                    f"{other_axis} {fits[0].code} recovered: the printed product {stated:g} "
                    f"and {known_axis} {known.code} allow only this {other_axis}",
                    field=f"{stage}.{other_axis}", **where,
                )
                return stated
            if positional:
                self.report.problem(
                    line, f"the product {stated:g} does not fit {known_axis} "
                    f"{known.code}; its digits may be split, so it is not kept",
                    field=f"{stage}.product", **where,
                )
                return None
        return stated

    def _notation(
        self, line: int, risk_id: str, stage: str, cells: Sequence[ScoreCell], text: str
    ) -> Assessment:
        try:
            score = self.scheme.parse(text)
        except NotationError as exc:
            self.report.problem(line, exc.reason, column=cells[0].column, risk_id=risk_id,
                                field=stage, found=text)
            return Assessment(scheme=self.scheme, text=text)
        return Assessment.of(score, text=text)

    # -- other cells -----------------------------------------------------------------------

    def appetite(self, line: int, risk_id: str, column: int, text: str) -> Appetite | None:
        """A risk's appetite: a rating, or an Orange Book level (``Cautious``)."""
        text = clean_cell(text)
        try:
            value = float(text)
        except ValueError:
            level = _fold(text)
            if level in {str(member) for member in AppetiteLevel}:
                return Appetite(level=level)
            self.report.problem(line, "the appetite is not a number or an Orange Book "
                                "level", column=column, risk_id=risk_id, field="appetite",
                                found=text)
            return None
        if not math.isfinite(value):  # "inf", "nan", "1e999"
            self.report.problem(line, "the appetite is not a finite number",
                                column=column, risk_id=risk_id, field="appetite",
                                found=text)
            return None
        return Appetite(threshold=value)

    def date(
        self, line: int, risk_id: str, name: str, text: str, date_system: int | None
    ) -> DateText | None:
        """A date cell; a workbook's whole number is an Excel serial date (and noted).

        A cell with digits but no whole date is reported.
        """
        if not text:
            return None
        memo = self._dates.get((text, date_system))
        if memo is not None:
            return memo
        held = self.report.note_count
        found = self._date(line, risk_id, name, text, date_system)
        if self.report.note_count == held and len(self._dates) < _MEMO_SIZE:
            self._dates[(text, date_system)] = found
        return found

    def _date(
        self, line: int, risk_id: str, name: str, text: str, date_system: int | None
    ) -> DateText:
        found = DateText.parse(text)
        if found.date is None and date_system is not None:
            serial = DateText.from_serial(text, system=date_system)
            if serial.date is not None:
                self.report.note(
                    NoteKind.RECOVERY, line,
                    f"{text} read as the Excel serial date {serial.date:%d/%m/%Y} "
                    f"({date_system} date system)", risk_id=risk_id, field=name, found=text,
                )
                return serial
        if found.date is None and any(ch.isdigit() for ch in text):
            self.report.problem(line, "no whole date at the start of the cell",
                                risk_id=risk_id, field=name, found=text)
        return found
