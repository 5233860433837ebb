"""Reading register tables from rows of cells, as a layout profile describes them."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from riskmodel.appetite import Appetite
from riskmodel.assessment import Assessment
from riskmodel.cost import Cost
from riskmodel.dates import DateText
from riskmodel.direction import Direction
from riskmodel.errors import LevelError, NotationError
from riskmodel.provenance import Provenance
from riskmodel.readers.cells import clean_cell, split_items
from riskmodel.readers.heatmap import is_heatmap_start, read_heatmap
from riskmodel.readers.layout import STAGES, Layout
from riskmodel.readers.report import LineKind, NoteKind, ReportBuilder
from riskmodel.readers.scores import read_numbers
from riskmodel.readers.table import Row, RowKind
from riskmodel.register import HeatMap, Placement, Register, Section
from riskmodel.risk import Action, Control, Risk, RiskState, Status
from riskmodel.scale import Level
from riskmodel.scheme import ScoringScheme

__all__ = ["TableReader"]


@attrs.define
class _Draft:
    """A risk being assembled from its row and any continuation rows."""

    row: Row
    section: Section | None
    ref: str | None
    letter: str | None
    values: dict[str, str]
    controls: list[str] = attrs.Factory(list)
    actions: list[str] = attrs.Factory(list)
    triggers: list[str] = attrs.Factory(list)
    stages: dict[str, Assessment | None] = attrs.Factory(dict)
    appetite: Appetite | None = None
    id: str = ""
    #: The reason given when the row is printed under DELETIONS.
    deleted: str | None = None


@attrs.define
class _Part:
    """One register of the document while it is read."""

    title: str = ""
    line: int | None = None
    section: Section | None = None
    sections: list[Section] = attrs.Factory(list)
    drafts: list[_Draft] = attrs.Factory(list)
    heatmaps: list[tuple[HeatMap, int]] = attrs.Factory(list)
    # Indexes kept up to date by add(), so that naming a new risk or finding an earlier
    # one costs the same at row 16,000 as at row 1.
    ids: set[str] = attrs.Factory(set)
    in_section: Counter[Section | None] = attrs.Factory(Counter)
    deleted: int = 0
    last_numbered: _Draft | None = None
    after_numbered: int = 0
    by_ref: dict[str, _Draft] = attrs.Factory(dict)
    by_title: dict[str, Section] = attrs.Factory(dict)
    suffixes: dict[str, int] = attrs.Factory(dict)  # the last "-n" given to each taken id

    def add(self, draft: _Draft) -> None:
        """Append *draft* and update the indexes."""
        self.drafts.append(draft)
        self.ids.add(draft.id)
        self.in_section[draft.section] += 1
        if draft.deleted is not None:
            self.deleted += 1
        if draft.ref is not None:
            self.by_ref[draft.ref] = draft
            if draft.deleted is None:
                self.last_numbered, self.after_numbered = draft, 0
        else:
            self.after_numbered += 1

    def add_section(self, section: Section) -> None:
        """Append *section*; the first of a title is the one found by its title."""
        self.sections.append(section)
        self.by_title.setdefault(section.title, section)


#: The field name of header cells between the controls and the cost or owner columns,
#: when the header does not name the score columns (a damaged extraction).
ZONE = "zone"
#: Page-heading words count only in short cells, not inside a risk's prose.
_HEADING_LENGTH = 60


def _with_zone(found: dict[int, str], width: int, layout: Layout) -> tuple[dict[int, str], str]:
    """*found*, with the unnamed cells between controls and cost/owner marked as a zone.

    A header that names both the current and the target columns is kept as it is. One
    that names neither or only one is damaged: its stage names are dropped, the layout's
    ``tail`` columns are placed from the end when the last cell confirms them, and the
    cells between the controls and the first tail column become the score zone.
    """
    named = {name for name in found.values() if name in STAGES}
    if {"current", "target"} <= named or (named and not layout.tail):
        return found, ""
    found = {i: name for i, name in found.items() if name not in STAGES}
    tail = layout.tail
    if tail and found.get(width - 1) == tail[-1]:
        for offset, name in enumerate(reversed(tail)):
            found[width - 1 - offset] = name
    controls = [i for i, name in found.items() if name == "controls"]
    ends = [i for i, name in found.items()
            if name in ("cost", "risk_owner", "target_date", "review_date")]
    if not controls or not ends or min(ends) <= max(controls) + 1:
        return found, ""
    columns = dict(found)
    for index in range(max(controls) + 1, min(ends)):
        columns[index] = ZONE
    return columns, "; score columns unnamed, read by position"


def _capitals(text: str) -> tuple[str, str]:
    """The words in capitals that open *text* (a deletion's reason), and the rest."""
    tokens = text.split()
    count = 0
    for token in tokens:
        if token != "No." and any(ch.islower() for ch in token):
            break
        count += 1
    return " ".join(tokens[:count]), " ".join(tokens[count:])


def _letters(index: int) -> str:
    """The *index*-th (from 0) letter name, as spreadsheet columns count: a … z, aa, ab …"""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("a") + rest) + name
    return name


def _norm_ref(ref: str) -> str:
    return ref.strip().strip(".)").strip()


class TableReader:
    """Reads one source's rows into registers, accounting for every row in a report."""

    def __init__(
        self, rows: Sequence[Row], *, source: str, layout: Layout, scheme: ScoringScheme
    ) -> None:
        self.rows = rows
        self.source = source
        self.layout = layout
        self.scheme = scheme
        self.report = ReportBuilder(source, max((row.last_line for row in rows), default=0))
        self.meta: dict[str, str] = {}
        self.parts: list[_Part] = [_Part()]
        self.current = 0
        self.deleting = False

    @property
    def part(self) -> _Part:
        """The register being read."""
        return self.parts[self.current]

    @property
    def sections(self) -> list[Section]:
        """The sections of the register being read."""
        return self.part.sections

    @property
    def drafts(self) -> list[_Draft]:
        """The risks of the register being read."""
        return self.part.drafts

    # -- rows ---------------------------------------------------------------------------

    def read(self) -> tuple[Register, ...]:
        """The registers found in the rows (the report is built by :meth:`build_report`)."""
        columns: dict[int, str] | None = None
        headed = False  # whether any row was the layout's column header
        spec = self.layout.heatmap
        index = 0
        while index < len(self.rows):
            row = self.rows[index]
            index += 1
            if spec is not None and is_heatmap_start(row, spec):
                heatmap, index = read_heatmap(
                    self.rows, index - 1, spec, self.scheme, self.report
                )
                self.part.heatmaps.append((heatmap, row.line))
                columns = None  # a heat map ends the table before it
                continue
            if row.kind is RowKind.TEXT and self._register_title(row):
                columns = None
                continue
            if row.kind is RowKind.BLANK:
                self.report.account(row.line, LineKind.SKIPPED, "blank line")
            elif row.kind is RowKind.RULE:
                self.report.account(row.line, LineKind.HEADER, "table rule")
            elif row.kind is RowKind.TEXT:
                self._text_line(row, in_table=columns is not None)
            elif self._page_heading(row):
                continue
            else:
                found = self.layout.header_map(row.cells)
                if found is not None:
                    headed = True
                    columns, how = _with_zone(found, len(row.cells), self.layout)
                    self.report.account(
                        row.line, LineKind.HEADER,
                        f"column headers ({len(row.cells)} cells{how})",
                    )
                elif columns is None:
                    self.report.account(row.line, LineKind.SKIPPED, "cells before any header")
                else:
                    self._data_row(row, columns)
        for row in self.rows:
            if row.last_line > row.line and self.report.is_accounted(row.line):
                self.report.account_span(row.line, row.last_line)
        if not headed:
            self._no_header()
        parts = [p for p in self.parts if p.drafts or p.heatmaps] or self.parts[-1:]
        return tuple(self._register(part) for part in parts)

    def _no_header(self) -> None:
        """Report a source where no row is the layout's header: nothing could be read.

        This is how a CSV file with another delimiter, a wrong layout or a text in an
        unexpected encoding shows up, rather than as zero risks and zero problems.
        """
        first = next((row for row in self.rows if row.kind is RowKind.CELLS), None)
        first = first or next((row for row in self.rows if row.kind is not RowKind.BLANK), None)
        if first is None:
            return
        self.report.problem(
            first.line,
            f"no row is a column header of the layout {self.layout.name} (at least "
            f"{self.layout.min_header_hits} header cells must match its words), so no risk "
            "was read",
            found=first.raw[:80],
        )

    def _page_heading(self, row: Row) -> bool:
        """A row of cells that repeats the page heading (title, owner, version, date)."""
        patterns = self.layout.page_heading
        texts = [clean_cell(row.cell(i)) for i in row.filled]
        if not patterns or not any(
            p.search(t) for p in patterns for t in texts if len(t) <= _HEADING_LENGTH
        ):
            return False
        for key, pattern in self.layout.meta.items():
            if key in self.meta:
                continue
            for text in texts:
                match = pattern.search(text)
                if match is not None:
                    self.meta[key] = match["value"].strip()
        self.report.account(row.line, LineKind.HEADER, "page heading repeated")
        return True

    def _register_title(self, row: Row) -> bool:
        pattern = self.layout.register_title
        if pattern is None:
            return False
        match = pattern.match(clean_cell(row.cells[0]))
        if match is None:
            return False
        if self.part.drafts or self.part.title:
            self.parts.append(_Part())
            self.current = len(self.parts) - 1
        self.part.title = match["value"].strip()
        self.part.line = row.line
        self.report.account(row.line, LineKind.HEADER, f"register title: {self.part.title}")
        return True

    def _marker(self, row: Row, text: str) -> bool:
        """Handle AMENDMENTS, DELETIONS, "NONE" and section rows; whether it was one."""
        layout = self.layout
        if layout.amendments is not None and layout.amendments.match(text):
            self.parts.append(_Part(title=text, line=row.line))
            self.current = len(self.parts) - 1
            self.deleting = False
            self.report.account(row.line, LineKind.SECTION, "amendments: risks printed again")
            return True
        if layout.deletions is not None and layout.deletions.match(text):
            self.current = 0
            self.deleting = True
            self.report.account(row.line, LineKind.SECTION, "deletions: risks deleted")
            return True
        if layout.nothing is not None and layout.nothing.match(text):
            self.report.account(row.line, LineKind.SKIPPED, "the area has no risks here")
            return True
        if layout.section is not None and (match := layout.section.match(text)):
            self._enter_section(row, match)
            return True
        return False

    def _enter_section(self, row: Row, match: re.Match[str]) -> None:
        ref = match.groupdict().get("ref")
        title = match["title"].strip()
        section = self.part.by_title.get(title)
        if section is None:
            section = Section(title, ref)
            self.part.add_section(section)
        self.part.section = section
        label = f"{section.ref}. {section.title}" if section.ref else section.title
        self.report.account(row.line, LineKind.SECTION, label)

    def _text_line(self, row: Row, *, in_table: bool) -> None:
        text = clean_cell(row.cells[0])
        if in_table and self._marker(row, text):
            return
        for key, pattern in self.layout.meta.items():
            match = pattern.match(text)
            if match is None:
                continue
            if key in self.meta:
                self.report.account(row.line, LineKind.HEADER, f"page heading repeated: {key}")
            else:
                self.meta[key] = match["value"].strip()
                self.report.account(row.line, LineKind.HEADER, f"document heading: {key}")
            return
        self.report.account(row.line, LineKind.SKIPPED, "text outside any table")

    def _cells_of(self, row: Row, columns: dict[int, str]) -> dict[str, list[tuple[int, str]]]:
        by_field: dict[str, list[tuple[int, str]]] = {}
        for index, name in sorted(columns.items()):
            by_field.setdefault(name, []).append((index, row.cell(index)))
        extra = [i for i in row.filled if i not in columns]
        for index in extra:
            self.report.problem(
                row.line, "a cell lies outside the header's columns",
                column=index, found=row.cell(index),
            )
        return by_field

    def _data_row(self, row: Row, columns: dict[int, str]) -> None:
        if self._section_row(row, columns):
            return
        by_field = self._cells_of(row, columns)
        positional = ZONE in by_field
        if positional:
            self._split_zone(row, by_field)
        text_of = {
            name: clean_cell(" ".join(c for _, c in cells)) for name, cells in by_field.items()
        }
        filled = {name for name, value in text_of.items() if value}
        if not filled:
            self.report.account(row.line, LineKind.SKIPPED, "empty row")
            return
        words = self.layout.header_words
        if words and all(clean_cell(row.cell(i)).casefold() in words for i in row.filled):
            self.report.account(row.line, LineKind.HEADER, "column sub-headers")
            return
        if len(row.filled) == 1 and self._marker(row, clean_cell(row.cell(row.filled[0]))):
            return
        stage_only = filled <= set(STAGES)
        if stage_only:
            self.report.account(
                row.line, LineKind.SKIPPED,
                "scores with no risk text: a repeated score row, not a risk",
            )
            return
        main = text_of.get("description") or text_of.get("title")
        if main or filled & set(STAGES):
            self._risk_row(row, by_field, text_of, positional=positional)
            if not main:
                self.report.problem(row.line, "the risk text is missing; the row has scores",
                                    risk_id=self.drafts[-1].id, field="description")
        elif self.drafts and not (filled & set(STAGES)):
            draft = self.drafts[-1]
            self._merge(draft, by_field)
            self.report.account(row.line, LineKind.CONTINUATION,
                                f"more text for {draft.id}", draft.id)
            for name in sorted(filled - {"controls", "actions", "triggers"}):
                self.report.problem(
                    row.line, f"a row continuing {draft.id} has text in its {name} column, "
                    "which a continuation row cannot add to; it is not kept",
                    column=by_field[name][0][0], risk_id=draft.id, field=name,
                    found=text_of[name],
                )
        else:
            self.report.account(row.line, LineKind.PROBLEM, "a row with no risk text")
            self.report.problem(row.line, "a row with no risk text and no risk to continue",
                                found=" | ".join(row.cells))

    def _split_zone(self, row: Row, by_field: dict[str, list[tuple[int, str]]]) -> None:
        """Share the unnamed score zone out: current cells, the actions cell, target cells.

        The actions cell is the one zone cell with words in it; with none, the middle
        cell of an odd zone. Otherwise the zone cannot be shared and is reported.
        """
        zone = by_field.pop(ZONE)
        worded = [k for k, (_, cell) in enumerate(zone) if len(re.findall(r"[^\W\d_]", cell)) >= 3]
        if len(worded) == 1:
            middle = worded[0]
        elif not worded and len(zone) % 2 == 1:
            middle = len(zone) // 2
        else:
            self.report.problem(
                row.line, "the score cells cannot be told from the further actions",
                column=zone[0][0], found=" | ".join(cell for _, cell in zone),
            )
            return
        by_field["current"] = zone[:middle]
        by_field.setdefault("actions", []).append(zone[middle])
        by_field["target"] = zone[middle + 1:]

    def _section_row(self, row: Row, columns: dict[int, str]) -> bool:
        """Whether *row* is a section heading (and if so, enter the section).

        The heading sits in the objective, description or ref column; other cells may
        hold only an objective or stray marks in the score columns (reported).
        """
        pattern = self.layout.section
        if pattern is None:
            return False
        if any(columns.get(i) in STAGES and any(ch.isdigit() for ch in row.cell(i))
               for i in row.filled):
            return False
        for index in row.filled:
            match = pattern.match(clean_cell(row.cell(index)))
            if match is None:
                continue
            if columns.get(index) not in (None, "objective", "description", "title", "ref"):
                return False
            others = {i: columns.get(i) for i in row.filled if i != index}
            if set(others.values()) - {"objective", None, ZONE}:
                return False
            for i, name in others.items():
                if name in (None, ZONE):
                    self.report.problem(row.line, "stray text in a section row",
                                        column=i, found=row.cell(i))
            self._enter_section(row, match)
            return True
        return False

    # -- risks --------------------------------------------------------------------------

    def _risk_row(
        self, row: Row, by_field: dict[str, list[tuple[int, str]]], text_of: dict[str, str],
        *, positional: bool = False,
    ) -> None:
        section = self.part.section
        description = text_of.get("description", "")
        reason = None
        if self.deleting:
            reason, description = _capitals(description)
            text_of["description"] = description
        ref = letter = None
        pattern = self.layout.ref_in_text
        if pattern is not None:
            match = pattern.match_start(description)
            if match is not None:
                groups = match.groupdict()
                ref = (groups.get("printed") or match.group(0)).strip()
                letter = match["ref"]
                description = description[match.end():]
                text_of["description"] = description
        if text_of.get("ref"):
            ref = text_of["ref"]
        scored = any(text_of.get(stage) for stage in STAGES)
        if not scored and any(text_of.get(stage) is not None for stage in STAGES):
            earlier = self.part.by_ref.get(ref) if ref is not None else None
            target = earlier or (self.drafts[-1] if self.drafts and ref is None else None)
            if target is not None:
                self._merge(target, by_field)
                for name in ("description", "consequence"):
                    extra = text_of.get(name, "")
                    if extra:
                        held = target.values.get(name, "")
                        target.values[name] = f"{held} {extra}".strip()
                self.report.account(row.line, LineKind.CONTINUATION,
                                    f"more text for {target.id} (no scores)", target.id)
                return
        draft = _Draft(row=row, section=section, ref=ref, letter=letter, values=text_of)
        draft.deleted = reason
        draft.id = self._new_id(draft)
        self._merge(draft, by_field)
        for stage in STAGES:
            if stage in by_field:
                draft.stages[stage] = self._assessment(
                    row, draft.id, stage, by_field[stage], positional=positional
                )
        if text_of.get("appetite"):
            draft.appetite = self._appetite(row, draft.id, by_field["appetite"])
        self.part.add(draft)
        self.report.account(row.line, LineKind.RISK, f"risk {draft.id}", draft.id)

    def _new_id(self, draft: _Draft) -> str:
        part = self.part
        prefix = draft.section.ref if draft.section and draft.section.ref else ""
        head = part.last_numbered
        if draft.deleted is not None:
            base = f"deleted-{part.deleted + 1}"
        elif self.layout.grouped and draft.ref is None and head is not None:
            base = f"{head.id}.{part.after_numbered + 1}"
        elif draft.letter is not None:
            base = f"{prefix}{draft.letter}"
        elif draft.ref:
            base = _norm_ref(draft.ref)
        elif prefix:
            base = f"{prefix}{_letters(part.in_section[draft.section])}"
        else:
            base = f"row{draft.row.line}"
        taken = part.ids
        candidate, n = base, 1
        if candidate in taken:
            n = part.suffixes.get(base, 1)  # the suffixes below it are taken already
            while candidate in taken:
                n += 1
                candidate = f"{base}-{n}"
            part.suffixes[base] = n
        if candidate != base:
            self.report.note(NoteKind.PROBLEM, draft.row.line,
                             f"the id {base!r} is taken; this risk is {candidate!r}",
                             risk_id=candidate, field="id", found=base)
        return candidate

    def _merge(self, draft: _Draft, by_field: dict[str, list[tuple[int, str]]]) -> None:
        for name, target in (("controls", draft.controls), ("actions", draft.actions),
                             ("triggers", draft.triggers)):
            for _, cell in by_field.get(name, []):
                target.extend(split_items(cell))

    def _assessment(
        self, row: Row, risk_id: str, stage: str, cells: list[tuple[int, str]],
        *, positional: bool = False,
    ) -> Assessment | None:
        """The stage's score from its cells; what cannot be proven is reported, not kept.

        In *positional* mode (score columns found by position in a damaged table) a
        product that disagrees with its factors is dropped, since its digits may be
        split; where the header names the columns it is kept and reported.
        """
        text = " ".join(clean_cell(cell) for _, cell in cells).strip()
        if not text:
            return None
        fmt = self.layout.score_format
        if fmt == "notation":
            return self._notation(row, risk_id, stage, cells, text)
        order = self.layout.score_order if fmt == "factors" else ("product",)
        found, lost = read_numbers(cells, order)
        for finding in lost:
            self.report.problem(
                row.line, f"{finding.part or 'a number'} not proven: {finding.message}",
                column=finding.column, risk_id=risk_id,
                field=f"{stage}.{finding.part}" if finding.part else stage, found=finding.found,
            )
        levels: dict[str, Level] = {}
        for axis in ("likelihood", "impact"):
            if axis not in found:
                continue
            column, code = found[axis]
            scale = getattr(self.scheme, axis)
            try:
                levels[axis] = scale.level(code, scheme_id=self.scheme.id)
            except LevelError as exc:
                self.report.problem(row.line, str(exc), column=column, risk_id=risk_id,
                                    field=f"{stage}.{axis}", found=code)
        stated: float | None = None
        if "product" in found:
            column, token = found["product"]
            stated = float(token)
            stated = self._check_product(
                row, risk_id, stage, levels, stated, column, positional=positional
            )
        return Assessment(
            scheme=self.scheme, likelihood=levels.get("likelihood"), impact=levels.get("impact"),
            stated=stated, text=text,
        )

    def _check_product(
        self, row: Row, risk_id: str, stage: str, levels: dict[str, Level], stated: float,
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
                    row.line, f"the product {stated:g} is not {value:g} from the factors; "
                    "its digits may be split, so it is not kept",
                    field=f"{stage}.product", **where,
                )
                return None
            self.report.problem(
                row.line, f"the stated rating {stated:g} is not {value:g} from the factors",
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
                    NoteKind.RECOVERY, row.line,
                    f"{other_axis} {fits[0].code} recovered: the printed product {stated:g} "
                    f"and {known_axis} {known.code} allow only this {other_axis}",
                    field=f"{stage}.{other_axis}", **where,
                )
                return stated
            if positional:
                self.report.problem(
                    row.line, f"the product {stated:g} does not fit {known_axis} "
                    f"{known.code}; its digits may be split, so it is not kept",
                    field=f"{stage}.product", **where,
                )
                return None
        return stated

    def _appetite(self, row: Row, risk_id: str, cells: list[tuple[int, str]]) -> Appetite | None:
        text = clean_cell(" ".join(c for _, c in cells))
        try:
            value = float(text)
        except ValueError:
            self.report.problem(row.line, "the appetite is not a number", column=cells[0][0],
                                risk_id=risk_id, field="appetite", found=text)
            return None
        if not math.isfinite(value):  # "inf", "nan", "1e999"
            self.report.problem(row.line, "the appetite is not a finite number",
                                column=cells[0][0], risk_id=risk_id, field="appetite",
                                found=text)
            return None
        return Appetite(threshold=value)

    def _notation(
        self, row: Row, risk_id: str, stage: str, cells: list[tuple[int, str]], text: str
    ) -> Assessment | None:
        try:
            score = self.scheme.parse(text)
        except NotationError as exc:
            self.report.problem(row.line, exc.reason, column=cells[0][0], risk_id=risk_id,
                                field=stage, found=text)
            return Assessment(scheme=self.scheme, text=text)
        return Assessment.of(score, text=text)

    # -- register -----------------------------------------------------------------------

    def _date(self, draft: _Draft, name: str) -> DateText | None:
        """A date cell; a workbook's whole number is an Excel serial date (and noted).

        A cell with digits but no whole date is reported.
        """
        text = draft.values.get(name, "")
        if not text:
            return None
        found = DateText.parse(text)
        system = draft.row.date_system
        if found.date is None and system is not None:
            serial = DateText.from_serial(text, system=system)
            if serial.date is not None:
                self.report.note(
                    NoteKind.RECOVERY, draft.row.line,
                    f"{text} read as the Excel serial date {serial.date:%d/%m/%Y} "
                    f"({system} date system)", risk_id=draft.id, field=name, found=text,
                )
                return serial
        if found.date is None and any(ch.isdigit() for ch in text):
            self.report.problem(draft.row.line, "no whole date at the start of the cell",
                                risk_id=draft.id, field=name, found=text)
        return found

    def _check_text(self, draft: _Draft) -> None:
        """Report owners in look-alike letters."""
        for name in ("risk_owner", "action_owner"):
            text = draft.values.get(name, "")
            if any("\u0400" <= ch <= "\u04ff" for ch in text) and text.isupper():
                self.report.problem(
                    draft.row.line, "the owner is written in Cyrillic letters; kept as printed",
                    risk_id=draft.id, field=name, found=text,
                )

    def _risk(self, draft: _Draft) -> Risk:
        self._check_text(draft)
        values = draft.values
        owner = values.get("risk_owner") or None
        cost = values.get("cost")
        target_date = self._date(draft, "target_date")
        review_date = self._date(draft, "review_date")
        direction = values.get("direction")
        return Risk(
            id=draft.id,
            ref=draft.ref,
            section=draft.section.title if draft.section else None,
            objective=values.get("objective", ""),
            title=values.get("title", ""),
            description=values.get("description", ""),
            consequence=values.get("consequence", ""),
            triggers=tuple(draft.triggers),
            controls=tuple(Control(t) for t in draft.controls),
            actions=tuple(Action(text=t) for t in draft.actions),
            inherent=draft.stages.get("inherent"),
            current=draft.stages.get("current"),
            target=draft.stages.get("target"),
            direction=Direction.parse(direction) if direction else None,
            appetite=draft.appetite,
            risk_owner=owner,
            action_owner=values.get("action_owner") or None,
            cost=Cost.parse(cost) if cost else None,
            target_date=target_date,
            review_date=review_date,
            status=Status(RiskState.DELETED, draft.deleted) if draft.deleted else Status(),
            provenance=Provenance(self.source, draft.row.line),
        )

    def _apply_heatmaps(self, part: _Part) -> None:
        spec = self.layout.heatmap
        if spec is None:
            return
        for heatmap, line in part.heatmaps:
            by_ref: dict[str, list[Placement]] = {}
            for placement in heatmap.placements:
                by_ref.setdefault(_norm_ref(placement.ref), []).append(placement)
            seen: set[str] = set()
            for draft in part.drafts:
                key = _norm_ref(draft.ref or draft.id)
                seen.add(key)
                found = by_ref.get(key, [])
                if spec.use == "factors":
                    self._factors_from(draft, spec.stage, found, line)
                else:
                    self._check_against(draft, spec.stage, found, line)
            for ref in by_ref:
                if ref not in seen:
                    self.report.note(
                        NoteKind.DISAGREEMENT, line,
                        f"the heat map places {ref} but no risk of the table has that ref",
                        field="heatmap", found=ref,
                    )

    def _factors_from(
        self, draft: _Draft, stage: str, found: list[Placement], line: int
    ) -> None:
        held = draft.stages.get(stage)
        if len(found) != 1:
            what = "does not place" if not found else f"places {len(found)} times"
            self.report.problem(
                draft.row.line, f"the heat map {what} this risk, so its factors are unknown",
                risk_id=draft.id, field=f"{stage}", found=str(len(found)),
            )
            return
        score = found[0].score
        stated = held.stated if held is not None else None
        text = held.text if held is not None else ""
        assessment = Assessment(
            scheme=self.scheme, likelihood=score.likelihood, impact=score.impact,
            stated=stated, text=text,
        )
        if not assessment.consistent:
            self.report.note(
                NoteKind.DISAGREEMENT, draft.row.line,
                f"the heat map (line {line}) puts this risk at {score} = {score.value:g}, "
                f"but the table states {stated:g}",
                risk_id=draft.id, field=stage, found=str(score),
            )
        draft.stages[stage] = assessment

    def _check_against(
        self, draft: _Draft, stage: str, found: list[Placement], line: int
    ) -> None:
        held = draft.stages.get(stage)
        if not found:
            self.report.note(
                NoteKind.DISAGREEMENT, draft.row.line,
                f"the heat map at line {line} does not place this risk",
                risk_id=draft.id, field="heatmap",
            )
            return
        score = held.score if held is not None else None
        for placement in found:
            if score is None or placement.score != score:
                self.report.note(
                    NoteKind.DISAGREEMENT, draft.row.line,
                    f"the heat map at line {line} puts this risk at {placement.score}, "
                    f"the table's {stage} score is {held.text if held else 'missing'}",
                    risk_id=draft.id, field=stage, found=str(placement.score),
                )

    def _register(self, part: _Part) -> Register:
        self._apply_heatmaps(part)
        as_at = self.meta.get("as_at")
        return Register(
            organisation=self.layout.organisation,
            title=part.title or self.meta.get("title", ""),
            level=self.layout.level,
            owner=self.meta.get("owner"),
            version=self.meta.get("version", ""),
            as_at=DateText.parse(as_at).date if as_at else None,
            scheme=self.scheme,
            sections=tuple(part.sections),
            risks=tuple(self._risk(d) for d in part.drafts),
            heatmaps=tuple(heatmap for heatmap, _ in part.heatmaps),
            source=Provenance(self.source, part.line),
        )
