"""The table reader: walks a source's rows and hands each to its stage.

A source's rows (:mod:`riskmodel.readers.table`, ``.xlsx``, or any reader that makes
:class:`~riskmodel.readers.Row` values) go through four stages:

1. **rows from a source**: :class:`~riskmodel.readers.Row` values with line numbers;
2. **header and columns** (:mod:`riskmodel.readers.header`): which row is a header and
   what each column feeds;
3. **cell parsers** (:mod:`riskmodel.readers.parsers`): scores, dates, appetites;
4. **risk assembly** (:mod:`riskmodel.readers.assembly`): drafts, continuation rows,
   ids, notes, and the registers with their heat maps.

:class:`TableReader` walks the rows in order and decides what each row is (a heading, a
header, a section, a risk, a continuation) from the layout's data; every line ends up in
the report exactly once.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence

from riskmodel.readers.assembly import ActionDraft, Assembler, Draft, Part
from riskmodel.readers.cells import clean_cell, split_items
from riskmodel.readers.header import ZONE, Header, find_header
from riskmodel.readers.heatmap import is_heatmap_start, read_heatmap
from riskmodel.readers.layout import STAGES, Layout
from riskmodel.readers.parsers import CellParsers, ScoreCell
from riskmodel.readers.report import LineKind, Note, NoteKind, ReportBuilder
from riskmodel.readers.table import Row, RowKind
from riskmodel.readers.vocabulary import Vocabulary, builtin_vocabulary
from riskmodel.register import Register
from riskmodel.scheme import ScoringScheme

__all__ = ["TableReader"]

#: Page-heading words count only in short cells, not inside a risk's prose.
_HEADING_LENGTH = 60
#: Fields whose cells a continuation row adds to the risk above it.
_LISTS = ("controls", "actions", "triggers")
#: Fields of each action on its row: its owner, due date and status.
_ACTION_FIELDS = ("action_owner", "action_due", "action_status")
_STAGE_SET = frozenset(STAGES)


def _capitals(text: str) -> tuple[str, str]:
    """The words in capitals that open *text* (a deletion's reason), and the rest."""
    tokens = text.split()
    count = 0
    for token in tokens:
        if token != "No." and any(ch.islower() for ch in token):
            break
        count += 1
    return " ".join(tokens[:count]), " ".join(tokens[count:])


class _Row:
    """One data row's cells, by what the header says each column feeds."""

    __slots__ = ("by_field", "headers", "notes", "scores", "spill", "text_of", "values")

    def __init__(self, by_field: dict[str, list[tuple[int, str]]], values: tuple[str, ...],
                 headers: dict[str, str]) -> None:
        self.by_field = by_field
        #: The row's cells, as many as the header's columns at least.
        self.values = values
        #: The score cells of the stages a score zone gave (other stages' cells are
        #: the header's columns of the stage, in :attr:`values`).
        self.scores: dict[str, list[ScoreCell]] = {}
        self.notes: list[tuple[str, str]] = []
        self.headers = headers
        self.text_of: dict[str, str] = {}
        self.spill: ScoreCell | None = None

    def filled(self) -> set[str]:
        names = {name for name, value in self.text_of.items() if value}
        if any(text for _, text in self.notes):
            names.add("note")
        return names


class _Plan:
    """How the cells of a row under one header are shared out: each field's columns (in
    the order the fields first appear), each stage's columns with the part of the score
    they hold, and the notes' names (a repeated header with a suffix, ``Comments (2)``).
    Worked out once per header, so that each row only fills it in."""

    __slots__ = ("carried", "fields", "flat", "gaps", "header", "headers", "notes",
                 "per_action", "pick", "refs", "scored", "slices", "staged", "stages",
                 "width", "zoned")

    def __init__(self, header: Header) -> None:
        self.header = header  # kept, so that its id is not reused while the plan is held
        self.notes: list[tuple[int, str]] = []
        indexes_of: dict[str, list[int]] = {}
        parts_of: dict[str, list[tuple[int, str | None]]] = {}
        #: The header each field's first column is printed under.
        self.headers: dict[str, str] = {}
        counted: dict[str, int] = {}
        for column in header.columns:
            if column.field == "ignore":
                continue
            if column.field == "note":
                name = column.name
                counted[name] = counted.get(name, 0) + 1
                if counted[name] > 1:
                    name = f"{name} ({counted[name]})"
                self.notes.append((column.index, name))
                continue
            indexes_of.setdefault(column.field, []).append(column.index)
            self.headers.setdefault(column.field, column.name)
            if column.field in _STAGE_SET:
                parts_of.setdefault(column.field, []).append((column.index, column.part))
        self.fields = [(field, tuple(found)) for field, found in indexes_of.items()]
        self.stages = [(field, tuple(found)) for field, found in parts_of.items()]
        #: Every field's columns one after the other, each field's share of them as a
        #: slice, and a getter of their cells: a row's cells are taken in one call.
        self.flat = tuple(index for _, found in self.fields for index in found)
        self.slices: list[tuple[str, int, int]] = []
        for field, found in self.fields:
            start = len(self.slices) and self.slices[-1][2]
            self.slices.append((field, start, start + len(found)))
        self.pick = _getter(self.flat)
        #: Each stage's columns, their parts, and a getter of their cells.
        self.scored = {
            field: (tuple(i for i, _ in parts), tuple(part for _, part in parts),
                    _getter(tuple(i for i, _ in parts)))
            for field, parts in self.stages
        }
        #: Whether the header has an unnamed score zone, shared out row by row.
        self.zoned = ZONE in indexes_of
        indexes = {column.index for column in header.columns}
        self.width = max(indexes, default=-1) + 1
        self.gaps = frozenset(range(self.width)) - indexes
        #: The indexes of the stage columns (whose digits show a row of scores).
        self.staged = tuple(c.index for c in header.columns if c.field in _STAGE_SET)
        #: The columns that read a ref at the start of their cell, and that carry down.
        self.refs = [column for column in header.columns if column.ref is not None]
        self.carried = [column for column in header.columns if column.carry]
        #: Whether the header has columns for each action's owner, date or status.
        self.per_action = bool(header.fields() & set(_ACTION_FIELDS))


def _getter(indexes: tuple[int, ...]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """A function that takes the cells at *indexes* of a row, as a tuple (one for one
    index too, where ``operator.itemgetter`` gives the cell alone)."""
    if len(indexes) == 1:
        (index,) = indexes
        return lambda values: (values[index],)
    if not indexes:
        return lambda values: ()
    return operator.itemgetter(*indexes)


class TableReader:
    """Reads one source's rows into registers, accounting for every row in a report."""

    def __init__(
        self, rows: Sequence[Row], *, source: str, layout: Layout, scheme: ScoringScheme,
        vocabulary: Vocabulary | None = None, stage: str | None = None,
        watch: Callable[[Note], None] | None = None,
    ) -> None:
        self.rows = rows
        self.source = source
        self.layout = layout
        self.scheme = scheme
        self.vocabulary = vocabulary if vocabulary is not None else builtin_vocabulary()
        self.stage = stage
        self.report = ReportBuilder(source, max((row.last_line for row in rows), default=0),
                                    watch=watch)
        self.parsers = CellParsers(scheme=scheme, layout=layout, report=self.report)
        self.assembler = Assembler(source=source, layout=layout, parsers=self.parsers,
                                   report=self.report)
        self.meta: dict[str, str] = {}
        self.parts: list[Part] = [Part()]
        self.current = 0
        self.deleting = False
        self._noted: set[tuple[str, ...]] = set()  # headers whose notes are given
        self._carried: dict[int, str] = {}
        self._plans: dict[int, _Plan] = {}

    @property
    def part(self) -> Part:
        """The register being read."""
        return self.parts[self.current]

    @property
    def drafts(self) -> list[Draft]:
        """The risks of the register being read."""
        return self.part.drafts

    # -- rows ---------------------------------------------------------------------------

    def read(self) -> tuple[Register, ...]:
        """The registers found in the rows (the report is in :attr:`report`)."""
        header: Header | None = None
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
                header = None  # a heat map ends the table before it
                continue
            if row.kind is RowKind.TEXT and self._register_title(row):
                header = None
                continue
            if row.kind is RowKind.BLANK:
                self.report.account(row.line, LineKind.SKIPPED, "blank line")
            elif row.kind is RowKind.RULE:
                self.report.account(row.line, LineKind.HEADER, "table rule")
            elif row.kind is RowKind.TEXT:
                self._text_line(row, in_table=header is not None)
            elif self._page_heading(row):
                continue
            else:
                found = find_header(self.rows, index - 1, self.layout, self.vocabulary,
                                    stage=self.stage,
                                    dimensions=self.scheme.impact.dimensions,
                                    in_table=header is not None)
                if found is not None:
                    headed = True
                    header = self._enter_header(found, index - 1)
                    index = self._after(found, index - 1)
                elif header is None:
                    self._cells_before_header(row)
                else:
                    self._data_row(row, header)
        for row in self.rows:
            if row.last_line > row.line and self.report.is_accounted(row.line):
                self.report.account_span(row.line, row.last_line)
        if not headed:
            self._no_header()
        parts = Assembler.parts_with_content(self.parts)
        return tuple(self.assembler.register(part, self.meta) for part in parts)

    def _after(self, header: Header, start: int) -> int:
        """The index of the row after *header*'s last line."""
        index = start
        while index < len(self.rows) and self.rows[index].line <= header.lines[-1]:
            index += 1
        return index

    def _enter_header(self, header: Header, start: int) -> Header:
        """Account for the header's lines; give its notes the first time it is seen."""
        for row in self.rows[start:self._after(header, start)]:
            if row.kind is RowKind.RULE:
                self.report.account(row.line, LineKind.HEADER, "table rule")
            else:
                self.report.account(row.line, LineKind.HEADER, header.detail)
        key = tuple(column.name for column in header.columns)
        if key not in self._noted:
            self._noted.add(key)
            for note in header.notes:
                self.report.note(note.kind, header.lines[0], note.message, column=note.column,
                                 field="header", found=note.found)
        self._carried = {}
        return header

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
        if not patterns:
            return False
        texts = [clean_cell(row.cell(i)) for i in row.filled]
        if not any(
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
            self.parts.append(Part())
            self.current = len(self.parts) - 1
        self.part.title = match["value"].strip()
        self.part.line = row.line
        self.report.account(row.line, LineKind.HEADER, f"register title: {self.part.title}")
        return True

    def _marker(self, row: Row, text: str) -> bool:
        """Handle AMENDMENTS, DELETIONS, "NONE" and section rows; whether it was one."""
        layout = self.layout
        if layout.amendments is not None and layout.amendments.match(text):
            self.parts.append(Part(title=text, line=row.line))
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
        section = self.part.enter(match["title"].strip(), match.groupdict().get("ref"))
        label = f"{section.ref}. {section.title}" if section.ref else section.title
        self.report.account(row.line, LineKind.SECTION, label)

    def _cells_before_header(self, row: Row) -> None:
        """A row of cells above the first header: one filled cell is read as a line of
        text (a heading, or a section where the layout reads them there)."""
        if len(row.filled) == 1:
            self._text_line(row, in_table=False, text=clean_cell(row.cell(row.filled[0])),
                            otherwise="cells before any header")
        else:
            self.report.account(row.line, LineKind.SKIPPED, "cells before any header")

    def _text_line(self, row: Row, *, in_table: bool, text: str | None = None,
                   otherwise: str = "text outside any table") -> None:
        text = clean_cell(row.cells[0]) if text is None else text
        if (in_table or self.layout.sections_before_header) and self._marker(row, text):
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
        self.report.account(row.line, LineKind.SKIPPED, otherwise)

    # -- data rows ----------------------------------------------------------------------

    def _cells_of(self, row: Row, header: Header) -> _Row:
        """The row's cells by field; cells outside the header's columns are kept as notes
        under ``Column N`` and reported."""
        plan = self._plan(header)
        values = row.cells
        width = len(values)
        if width < plan.width:  # a short row: the cells it lacks are empty
            values = (*values, *("",) * (plan.width - width))
        texts = plan.pick(values)
        pairs = list(zip(plan.flat, texts, strict=True))
        cells = _Row({field: pairs[start:end] for field, start, end in plan.slices}, values,
                     dict(plan.headers))
        if not plan.zoned:  # each field's text, from its cells (a zone is shared out first)
            cells.text_of = {
                field: clean_cell(texts[start] if end - start == 1
                                  else " ".join(texts[start:end]))
                for field, start, end in plan.slices
            }
        cells.notes = [(name, values[index]) for index, name in plan.notes]
        if width > plan.width or plan.gaps:
            for index in row.filled:
                if index >= plan.width or index in plan.gaps:
                    name = f"Column {index + 1}"
                    where = ("lies under an empty header cell" if index < plan.header.width
                             else "lies outside the header's columns")
                    self.report.problem(row.line, f"a cell {where}; it is kept in the notes "
                                        f"as {name!r}", column=index, found=values[index])
                    cells.notes.append((name, values[index]))
        return cells

    def _plan(self, header: Header) -> _Plan:
        """How a row under *header* is shared out, worked out once per header."""
        plan = self._plans.get(id(header))
        if plan is None:
            plan = self._plans[id(header)] = _Plan(header)
        return plan

    def _data_row(self, row: Row, header: Header) -> None:
        if self._section_row(row, header):
            return
        cells = self._cells_of(row, header)
        positional = ZONE in cells.by_field
        if positional:
            self._split_zone(row, cells, header)
            cells.text_of = {
                name: clean_cell(found[0][1] if len(found) == 1
                                 else " ".join([c for _, c in found]))
                for name, found in cells.by_field.items()
            }
        filled = cells.filled()
        if not filled:
            self.report.account(row.line, LineKind.SKIPPED, "empty row")
            return
        words = self.layout.header_words
        if words and all(clean_cell(row.cell(i)).casefold() in words for i in row.filled):
            self.report.account(row.line, LineKind.HEADER, "column sub-headers")
            return
        if len(row.filled) == 1 and self._marker(row, clean_cell(row.cell(row.filled[0]))):
            return
        if filled <= _STAGE_SET:
            self.report.account(
                row.line, LineKind.SKIPPED,
                "scores with no risk text: a repeated score row, not a risk",
            )
            return
        if self._opens_section(row, cells, header):
            filled = cells.filled()
            if not filled:
                return
        text_of = cells.text_of
        main = text_of.get("description") or text_of.get("title") or (
            text_of.get("cause") if "description" not in cells.by_field else "")
        if main or filled & _STAGE_SET:
            self._risk_row(row, cells, header, positional=positional)
            if not main:
                self.report.problem(row.line, "the risk text is missing; the row has scores",
                                    risk_id=self.drafts[-1].id, field="description")
        elif self.drafts and not (filled & _STAGE_SET):
            draft = self.drafts[-1]
            self.report.account(row.line, LineKind.CONTINUATION,
                                f"more text for {draft.id}", draft.id)
            self._continue(draft, row, cells, header)
        else:
            self.report.account(row.line, LineKind.PROBLEM, "a row with no risk text")
            self.report.problem(row.line, "a row with no risk text and no risk to continue",
                                found=" | ".join(row.cells))

    def _opens_section(self, row: Row, cells: _Row, header: Header) -> bool:
        """Enter the section a ``section`` column's cell names; whether the row held
        nothing else (it is then accounted for as a section row)."""
        text = cells.text_of.pop("section", "")
        cells.by_field.pop("section", None)
        if not text:
            return False
        pattern = self.layout.section
        match = pattern.match(text) if pattern is not None else None
        if match is not None:
            section = self.part.enter(match["title"].strip(), match.groupdict().get("ref"))
        else:
            section = self.part.enter(text, None)
        if cells.filled():
            return False
        label = f"{section.ref}. {section.title}" if section.ref else section.title
        self.report.account(row.line, LineKind.SECTION, label)
        return True

    def _split_zone(self, row: Row, cells: _Row, header: Header) -> None:
        """Share the unnamed score zone out: current cells, the actions cell, target cells.

        The actions cell is the one zone cell with words in it; with none, the middle
        cell of an odd zone. Otherwise the zone cannot be shared and is reported. A cell
        just after the zone that the layout's ``zone_spill`` matches is a stray digit of
        the target, not a value of its own column.
        """
        zone = cells.by_field.pop(ZONE)
        spill = self.layout.zone_spill
        after = zone[-1][0] + 1
        column = header.column(after)
        if spill is not None and column is not None and column.field not in (ZONE, "note"):
            text = clean_cell(row.cell(after))
            if text and spill.match(text):
                cells.spill = ScoreCell(after, None, row.cell(after))
                cells.by_field[column.field] = [
                    (i, c) for i, c in cells.by_field[column.field] if i != after]
        worded = [k for k, (_, cell) in enumerate(zone)
                  if len(re.findall(r"[^\W\d_]", cell)) >= 3]
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
        cells.scores["current"] = [ScoreCell(i, None, c) for i, c in zone[:middle]]
        cells.by_field["current"] = zone[:middle]
        cells.by_field.setdefault("actions", []).append(zone[middle])
        cells.scores["target"] = [ScoreCell(i, None, c) for i, c in zone[middle + 1:]]
        cells.by_field["target"] = zone[middle + 1:]

    def _section_row(self, row: Row, header: Header) -> bool:
        """Whether *row* is a section heading (and if so, enter the section).

        The heading sits in the objective, description or ref column; other cells may
        hold only an objective or stray marks in the score columns (reported).
        """
        pattern = self.layout.section
        if pattern is None:
            return False

        def field(index: int) -> str | None:
            column = header.column(index)
            return None if column is None or column.field == "note" else column.field

        # A cell with a digit is filled: the stage columns are looked at, not every cell.
        staged = self._plan(header).staged
        if any(any(map(str.isdigit, row.cell(i))) for i in staged):
            return False
        for index in row.filled:
            match = pattern.match(clean_cell(row.cell(index)))
            if match is None:
                continue
            if field(index) not in (None, "objective", "description", "title", "ref",
                                    "category", "section"):
                return False
            others = {i: field(i) for i in row.filled if i != index}
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

    def _refs(self, cells: _Row, header: Header) -> tuple[str | None, str | None]:
        """The ref printed in the row and its letter: a ref column, else a ref at the start
        of a cell (``ref_in_text`` on the ``ref_in`` fields, or a column's own ``ref``).
        The ref is taken off the text it opened."""
        text_of = cells.text_of
        ref = letter = None
        for column in self._plan(header).refs:
            if column.ref is None or not text_of.get(column.field):
                continue
            match = column.ref.match_start(text_of[column.field])
            if match is not None:
                ref = (match.groupdict().get("printed") or match["ref"]).strip()
                text_of[column.field] = text_of[column.field][match.end():].strip()
                break
        pattern = self.layout.ref_in_text
        if ref is None and pattern is not None:
            for name in self.layout.ref_in:
                value = text_of.get(name, "")
                match = pattern.match_start(value) if value else None
                if match is None:
                    continue
                ref = (match.groupdict().get("printed") or match.group(0)).strip()
                letter = match["ref"]
                text_of[name] = value[match.end():]
                break
        if text_of.get("ref"):
            ref = text_of["ref"]
        return ref, letter

    def _carry(self, cells: _Row, header: Header) -> None:
        """Fill each empty carry-down cell of a new risk's row from the cell above it."""
        for column in self._plan(header).carried:
            value = cells.text_of.get(column.field, "")
            if value:
                self._carried[column.index] = value
            elif column.index in self._carried:
                cells.text_of[column.field] = self._carried[column.index]

    def _risk_row(self, row: Row, cells: _Row, header: Header, *, positional: bool) -> None:
        text_of = cells.text_of
        section = self.part.section
        reason = None
        if self.deleting:
            reason, text_of["description"] = _capitals(text_of.get("description", ""))
        ref, letter = self._refs(cells, header)
        self._carry(cells, header)
        scored = any(text_of.get(stage) for stage in STAGES)
        if not scored and any(text_of.get(stage) is not None for stage in STAGES):
            earlier = self.part.by_ref.get(ref) if ref is not None else None
            target = earlier or (self.drafts[-1] if self.drafts and ref is None else None)
            if target is not None:
                for name in ("description", "consequence"):
                    extra = text_of.get(name, "")
                    if extra:
                        held = target.values.get(name, "")
                        target.values[name] = f"{held} {extra}".strip()
                self.report.account(row.line, LineKind.CONTINUATION,
                                    f"more text for {target.id} (no scores)", target.id)
                self._lists(target, row, cells, header, first=False)
                self._notes(target, cells)
                return
        draft = Draft(row=row, section=section, ref=ref, letter=letter, values=text_of,
                      headers=cells.headers)
        draft.deleted = reason
        draft.id = self.assembler.new_id(self.part, draft)
        self._lists(draft, row, cells, header, first=True)
        self._notes(draft, cells)
        stage_cells = self._plan(header).scored
        for stage in STAGES:
            if stage in cells.scores:
                draft.stages[stage] = self.parsers.assessment(
                    row.line, draft.id, stage, cells.scores[stage], positional=positional
                )
            elif stage in stage_cells:
                columns, parts, pick = stage_cells[stage]
                draft.stages[stage] = self.parsers.assessment_at(
                    row.line, draft.id, stage, columns, parts, pick(cells.values),
                    positional=positional,
                )
        if cells.spill is not None:
            self._spill(row, draft, cells.spill)
        if text_of.get("appetite"):
            column = cells.by_field["appetite"][0][0]
            draft.appetite = self.parsers.appetite(row.line, draft.id, column,
                                                   text_of["appetite"])
        self.part.add(draft)
        self.report.account(row.line, LineKind.RISK, f"risk {draft.id}", draft.id)

    def _spill(self, row: Row, draft: Draft, cell: ScoreCell) -> None:
        """A stray digit after a damaged table's score zone: the target's rating where the
        target's factors prove it, else reported and not kept."""
        taken = self.parsers.offer_product(row.line, draft.id, "target",
                                           draft.stages.get("target"), cell)
        text = clean_cell(cell.text)
        if taken is not None:
            draft.stages["target"] = taken
            self.report.note(
                NoteKind.RECOVERY, row.line,
                f"the target rating {text} is printed one cell right of the score columns; "
                "the target's factors prove it", column=cell.column, risk_id=draft.id,
                field="target.product", found=text)
            return
        self.report.problem(
            row.line, "a stray mark after the score columns (a split digit of the target "
            "score), not a value of its column; it is not kept", column=cell.column,
            risk_id=draft.id, field="target", found=text)

    def _lists(self, draft: Draft, row: Row, cells: _Row, header: Header, *, first: bool
               ) -> list[str]:
        """Add the row's controls, triggers and actions (each action with the row's action
        owner, due date and status) to *draft*; the action fields the row used."""
        text_of = cells.text_of
        for name, target in (("controls", draft.controls), ("triggers", draft.triggers)):
            for _, cell in cells.by_field.get(name, []):
                target.extend(split_items(cell))
        per_action = self._plan(header).per_action
        used = [name for name in _ACTION_FIELDS if text_of.get(name)]
        due = text_of.get("action_due", "")
        if not due and per_action and text_of.get("target_date"):
            due = text_of["target_date"]
            used.append("target_date")
        line, owner = row.line, text_of.get("action_owner", "")
        status, system = text_of.get("action_status", ""), row.date_system
        new = [ActionDraft(item, line, owner, due, status, system)
               for _, cell in cells.by_field.get("actions", []) for item in split_items(cell)]
        if not new and used and not first and draft.actions:
            last = draft.actions[-1]
            if not (last.owner or last.due or last.status):
                last.owner, last.due = text_of.get("action_owner", ""), due
                last.status = text_of.get("action_status", "")
                new = [last]
        draft.actions.extend(action for action in new if action not in draft.actions)
        return used if new else []

    def _notes(self, draft: Draft, cells: _Row) -> None:
        for name, text in cells.notes:
            text = clean_cell(text) if "\n" not in text else text.strip()
            if text:
                draft.note(name, text)

    def _continue(self, draft: Draft, row: Row, cells: _Row, header: Header) -> None:
        """A continuation row: its lists, actions and notes join *draft*; any other cell
        is kept in the notes under its header and reported."""
        used = self._lists(draft, row, cells, header, first=False)
        self._notes(draft, cells)
        text_of = cells.text_of
        handled = {*_LISTS, *used, "note"}
        for name in sorted(cells.filled() - handled):
            text = text_of[name]
            header_name = cells.headers.get(name, name)
            self.report.problem(
                row.line, f"a row continuing {draft.id} has text in its {name} column, "
                "which a continuation row cannot add to; it is kept in the notes",
                column=cells.by_field[name][0][0], risk_id=draft.id, field=name,
                found=text,
            )
            draft.note(header_name, text)
