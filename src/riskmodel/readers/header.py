"""The header stage: which row is a table's header, and what each of its columns feeds.

A layout names columns by its ``[[columns]]`` words; a layout that uses the vocabulary
(the generic one) maps the other header cells by the words councils use, in any order
and case (:mod:`riskmodel.readers.vocabulary`). The result is a :class:`Header`: one
:class:`Column` per header cell, the notes the report gives about the header (columns
kept as notes or ignored, stages assumed), and the lines it covers (two for a header
printed over two rows).

Score columns come in groups (``Likelihood | Impact | Score``), told apart by their
group words (inherent, current, target and the words for them). The stage of a group
whose header names none is settled by one rule (:func:`settle_stages`), stated in the
report; it is never picked silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from attrs import frozen

from riskmodel._validate import to_tuple
from riskmodel.readers.cells import clean_cell
from riskmodel.readers.layout import STAGES, ColumnRule, Layout
from riskmodel.readers.patterns import LayoutPattern
from riskmodel.readers.report import NoteKind
from riskmodel.readers.table import Row, RowKind
from riskmodel.readers.vocabulary import Meaning, Vocabulary, words_of

__all__ = ["ZONE", "Column", "Header", "HeaderNote", "find_header", "settle_stages"]

#: The field of the unnamed cells of a damaged header between the controls and the cost
#: or owner columns: the score cells, read by position.
ZONE = "zone"
#: The fields of text columns a table prints once per risk; a second column naming one
#: of them is kept as a note (but a second description is the title, see below).
_SINGLE = frozenset({
    "ref", "category", "section", "objective", "title", "description", "cause",
    "consequence", "cost", "risk_owner", "action_owner", "action_due", "action_status",
    "status", "target_date", "review_date", "appetite", "direction",
})
#: A cell holding a bare number, which marks a row of data.
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
#: The same, but for a year ("2025", heading a column of past scores): before a table's
#: first header, a year may be a header cell; inside a table, a year is a ref of data.
_NUMBER_NOT_YEAR = re.compile(r"^(?!(?:19|20)\d\d$)\d+(?:\.\d+)?$")


@frozen
class Column:
    """One column of a table: the field it feeds and the header it was printed under.

    A stage column (``field`` a stage) may hold one ``part`` of the score; without one,
    its cells are read by the layout's ``score_format`` and ``score_order``. A part
    ``dimension:<name>`` holds the impact on one of the scheme's impact dimensions.
    """

    index: int
    field: str
    header: str = ""
    part: str | None = None
    carry: bool = False
    ref: LayoutPattern | None = None

    @property
    def name(self) -> str:
        """The header as printed, or ``Column N`` (from 1) when it has none."""
        return self.header or f"Column {self.index + 1}"


@frozen
class HeaderNote:
    """A note the report gives once about a header: its kind, message, column, cell."""

    kind: NoteKind
    message: str
    column: int | None = None
    found: str = ""


@frozen
class Header:
    """A table's column header: its lines, its columns by index, and notes about it."""

    lines: tuple[int, ...]
    width: int
    columns: tuple[Column, ...] = attrs.field(converter=to_tuple)
    #: Whether the score columns are unnamed and read by position (a damaged header).
    positional: bool = False
    notes: tuple[HeaderNote, ...] = attrs.field(default=(), converter=to_tuple)
    _by_index: dict[int, Column] = attrs.field(init=False, eq=False, repr=False)

    @_by_index.default
    def _index(self) -> dict[int, Column]:
        return {column.index: column for column in self.columns}

    def column(self, index: int) -> Column | None:
        """The column at *index*, or ``None`` when the header has no column there."""
        return self._by_index.get(index)

    @property
    def detail(self) -> str:
        """What the report says of the header line."""
        how = "; score columns unnamed, read by position" if self.positional else ""
        rows = f", over {len(self.lines)} rows" if len(self.lines) > 1 else ""
        return f"column headers ({self.width} cells{rows}{how})"

    def fields(self) -> set[str]:
        """The fields the columns feed."""
        return {column.field for column in self.columns}


# -- a layout's own column rules -----------------------------------------------------------


def _from_rules(cells: Sequence[str], layout: Layout) -> tuple[list[Column], bool] | None:
    """The columns a layout's ``[[columns]]`` rules name, and whether the score columns
    are a zone read by position (a damaged header)."""
    found = layout.header_map(cells)
    if found is None:
        return None
    found, positional = _with_zone(found, len(cells), layout)
    rules: dict[int, ColumnRule] = {}
    taken: set[str] = set()
    for index, cell in enumerate(cells):
        if index in found and cell.strip():
            rule = layout.rule_of(cell, taken)
            if rule is not None and rule.field == found[index]:
                rules[index] = rule
                if rule.field not in STAGES:
                    taken.add(rule.field)
    columns = []
    for index, cell in enumerate(cells):
        header = clean_cell(cell)
        field = found.get(index)
        if field is None:
            if header:
                columns.append(Column(index, "note", header))
            continue
        rule = rules.get(index)
        columns.append(Column(
            index, "category" if field == "area" else field, header,
            part=rule.part if rule else None, carry=rule.carry if rule else False,
            ref=rule.ref if rule else None,
        ))
    return columns, positional


def _with_zone(found: dict[int, str], width: int, layout: Layout) -> tuple[dict[int, str], bool]:
    """*found*, with the unnamed cells between controls and cost/owner marked as a zone.

    A header that names both the current and the target columns is kept as it is. One
    that names neither or only one is damaged: its stage names are dropped, the layout's
    ``tail`` columns are placed from the end when the last cell confirms them, and the
    cells between the controls and the first tail column become the score zone.
    """
    named = {name for name in found.values() if name in STAGES}
    if {"current", "target"} <= named or (named and not layout.tail):
        return found, False
    found = {i: name for i, name in found.items() if name not in STAGES}
    tail = layout.tail
    if tail and found.get(width - 1) == tail[-1]:
        for offset, name in enumerate(reversed(tail)):
            found[width - 1 - offset] = name
    controls = [i for i, name in found.items() if name == "controls"]
    ends = [i for i, name in found.items()
            if name in ("cost", "risk_owner", "target_date", "review_date")]
    if not controls or not ends or min(ends) <= max(controls) + 1:
        return found, False
    columns = dict(found)
    for index in range(max(controls) + 1, min(ends)):
        columns[index] = ZONE
    return columns, True


# -- the vocabulary ------------------------------------------------------------------------


#: A header cell of more words (or characters) than this is prose, not a column's name.
_MAX_HEADER_WORDS = 12
_MAX_HEADER_CHARS = 160
#: Words a dimension's header may hold besides the dimension's name.
_DIMENSION_WORDS = frozenset({"impact", "score", "rating", "on", "of"})


def _dimension(header: str, dimensions: Sequence[str], vocabulary: Vocabulary) -> Meaning | None:
    """The impact dimension a header names (``Finance``, ``Reputation impact``,
    ``Residual finance``), with the stage its other words name, where the scheme scores
    impact on dimensions. A plural names the same dimension (``Services``)."""
    words = [word for word in words_of(header) if word not in _DIMENSION_WORDS]
    for name in dimensions:
        wanted = [word.rstrip("s") for word in words_of(name)]
        cut = len(words) - len(wanted)
        if cut < 0 or [word.rstrip("s") for word in words[cut:]] != wanted:
            continue
        stage = None
        if cut:
            meaning = vocabulary.meaning(" ".join(words[:cut]))
            if meaning is None or meaning.stage is None or meaning.part is not None \
                    or meaning.field is not None:
                continue
            stage = meaning.stage
        return Meaning(stage=stage, part=f"dimension:{name}")
    return None


def _meanings(
    cells: Sequence[str], layout: Layout, vocabulary: Vocabulary,
    dimensions: Sequence[str] = (),
) -> list[tuple[str, ColumnRule | None, Meaning | None]]:
    """Each cell's text, the layout rule that names it, else what the vocabulary says
    (an impact dimension of the scheme first, where it has dimensions)."""
    out: list[tuple[str, ColumnRule | None, Meaning | None]] = []
    for cell in cells:
        if len(cell) > _MAX_HEADER_CHARS:  # prose: no header cell is this long
            out.append((clean_cell(cell), None, None))
            continue
        header = clean_cell(cell)
        rule = layout.rule_of(header) if header else None
        meaning = None
        if header and rule is None and len(words_of(header)) <= _MAX_HEADER_WORDS:
            meaning = _dimension(header, dimensions, vocabulary) if dimensions else None
            meaning = meaning or vocabulary.meaning(header)
        out.append((header, rule, meaning))
    return out


def _hits(meanings: Sequence[tuple[str, ColumnRule | None, Meaning | None]]) -> int:
    return sum(1 for _, rule, meaning in meanings if rule is not None or meaning is not None)


def _is_lower(row: Row, layout: Layout, vocabulary: Vocabulary) -> bool:
    """Whether *row* is the lower row of a two-row header: parts of scores only."""
    if len(row.filled) < 2 or any(len(row.cell(i)) > _MAX_HEADER_CHARS for i in row.filled):
        return False
    for text in (clean_cell(row.cell(i)) for i in row.filled):
        meaning = vocabulary.meaning(text)
        if layout.rule_of(text) is None and (meaning is None or meaning.part is None):
            return False
    return True


def _merge(upper: Sequence[str], lower: Sequence[str], vocabulary: Vocabulary) -> list[str]:
    """The cells of a header printed over two rows, each upper group word carried right
    over the empty upper cells of its group."""
    width = max(len(upper), len(lower))
    cells: list[str] = []
    group = ""
    for index in range(width):
        top = clean_cell(upper[index]) if index < len(upper) else ""
        bottom = clean_cell(lower[index]) if index < len(lower) else ""
        if top:
            meaning = vocabulary.meaning(top)
            group = top if meaning is not None and meaning.is_score else ""
        elif not bottom:
            group = ""
        words = top or (group if bottom else "")
        cells.append(" ".join(part for part in (words, bottom) if part))
    return cells


def _next_cells(rows: Sequence[Row], start: int) -> int | None:
    """The index of the next row of cells after *start*, past table rules only."""
    index = start + 1
    while index < len(rows) and rows[index].kind is RowKind.RULE:
        index += 1
    if index < len(rows) and rows[index].kind is RowKind.CELLS:
        return index
    return None


def _from_vocabulary(
    cells: Sequence[str], layout: Layout, vocabulary: Vocabulary,
    dimensions: Sequence[str] = (),
) -> list[Column] | None:
    """The columns a vocabulary layout names in one header row, or ``None``.

    A row is a header when at least ``min_header_hits`` of its cells, and at least half
    of its filled cells, name something, and none of its cells is a bare number (a year
    may head a column).
    """
    meanings = _meanings(cells, layout, vocabulary, dimensions)
    hits = _hits(meanings)
    filled = sum(1 for header, _, _ in meanings if header)
    if hits < layout.min_header_hits or 2 * hits < filled:
        return None
    columns: list[Column] = []
    for index, (header, rule, meaning) in enumerate(meanings):
        if rule is not None:
            field = "category" if rule.field == "area" else rule.field
            columns.append(Column(index, field, header, part=rule.part, carry=rule.carry,
                                  ref=rule.ref))
        elif meaning is None:
            if header:
                columns.append(Column(index, "note", header))
        elif meaning.group_part is not None:
            if _joins_group(meanings, index, meaning.group_part):
                stage = meaning.stage or "?"
                columns.append(Column(index, stage, header, part=meaning.group_part))
            else:
                columns.append(Column(index, meaning.field or "note", header))
        elif meaning.is_score:
            columns.append(Column(index, meaning.stage or "?", header, part=meaning.part))
        else:
            assert meaning.field is not None
            columns.append(Column(index, meaning.field, header,
                                  carry=meaning.field in ("category", "section")))
    return columns


def _run(
    meanings: Sequence[tuple[str, ColumnRule | None, Meaning | None]], start: int, step: int
) -> list[Meaning]:
    """The score columns side by side from *start* on, walking by *step*."""
    found = []
    index = start
    while 0 <= index < len(meanings):
        meaning = meanings[index][2]
        if meaning is None or not meaning.is_score:
            break
        found.append(meaning)
        index += step
    return found


def _joins_group(
    meanings: Sequence[tuple[str, ColumnRule | None, Meaning | None]], index: int, part: str
) -> bool:
    """Whether a header that names *part* only beside score columns (``Consequence``)
    stands next to a group of score columns that lacks that part."""
    for run in (_run(meanings, index - 1, -1), _run(meanings, index + 1, 1)):
        if run and all(meaning.part != part for meaning in run):
            return True
    return False


def _single_fields(columns: list[Column]) -> tuple[list[Column], list[HeaderNote]]:
    """Each text field fed by one column: a second ``description`` is the first's title
    when there is no title column; any other repeat is kept as a note.

    A ``status`` column beside an actions column (and no action status column) is each
    action's status.
    """
    notes: list[HeaderNote] = []
    described = [c for c in columns if c.field == "description"]
    if len(described) > 1 and not any(c.field == "title" for c in columns):
        first = described[0]
        columns = [attrs.evolve(c, field="title") if c is first else c for c in columns]
    fields = {c.field for c in columns}
    if "status" in fields and "actions" in fields and "action_status" not in fields:
        columns = [attrs.evolve(c, field="action_status") if c.field == "status" else c
                   for c in columns]
        status = next(c for c in columns if c.field == "action_status")
        notes.append(HeaderNote(
            NoteKind.ASSUMPTION, f"the {status.name} column stands beside the actions, so it "
            "is read as each action's status", status.index, status.header))
    seen: set[str] = set()
    out = []
    for column in columns:
        if column.field in _SINGLE and column.field in seen:
            notes.append(HeaderNote(
                NoteKind.KEPT, f"a second {column.field} column; its cells are kept in "
                "each risk's notes", column.index, column.header))
            column = attrs.evolve(column, field="note", carry=False, ref=None)
        seen.add(column.field)
        out.append(column)
    return out, notes


# -- stages --------------------------------------------------------------------------------


def _groups(columns: Sequence[Column]) -> list[list[Column]]:
    """Score columns in groups: side by side, no part twice, one stage per group.

    A run of score columns standing apart from the rest of its group (a ``RAG`` or
    ``Score`` column after the owner) joins it: a run joins the one other run of the same
    stage (or of none) whose parts it does not repeat.
    """
    groups = _side_by_side(columns)
    by_stage: dict[str, list[list[Column]]] = {}
    for run in groups:
        stages = {c.field for c in run}
        if len(stages) == 1 and None not in {c.part for c in run}:
            by_stage.setdefault(stages.pop(), []).append(run)
    for runs in by_stage.values():
        parts = [c.part for run in runs for c in run]
        if len(runs) > 1 and len(parts) == len(set(parts)):
            _join(groups, runs)
            continue
        for run in reversed(runs):
            mine = {c.part for c in run}
            fellows = [g for g in runs if g is not run and g in groups
                       and mine.isdisjoint(c.part for c in g)]
            if len(fellows) == 1:
                _join(groups, [fellows[0], run])
    return groups


def _join(groups: list[list[Column]], runs: Sequence[list[Column]]) -> None:
    """Put *runs* together as the first of them, in column order."""
    first = runs[0]
    for run in runs[1:]:
        first.extend(run)
        groups.remove(run)
    first.sort(key=lambda column: column.index)


def _side_by_side(columns: Sequence[Column]) -> list[list[Column]]:
    """Score columns in runs: side by side, no part twice, one stage per run."""
    groups: list[list[Column]] = []
    previous: Column | None = None
    for column in columns:
        if column.field not in (*STAGES, "?"):
            previous = None
            continue
        group = groups[-1] if groups and previous is not None else None
        if group is not None:
            parts = {c.part for c in group}
            stages = {c.field for c in group} - {"?"}
            if (column.part is None or column.part in parts or None in parts
                    or (column.field != "?" and stages and column.field not in stages)):
                group = None
        if group is None:
            groups.append([column])
        else:
            group.append(column)
        previous = column
    return groups


def _span(group: Sequence[Column]) -> str:
    names = ", ".join(column.name for column in group)
    first, last = group[0].index + 1, group[-1].index + 1
    where = f"column {first}" if first == last else f"columns {first}-{last}"
    return f"{names} ({where})"


def settle_stages(
    columns: Sequence[Column], *, stage: str | None = None
) -> tuple[list[Column], list[HeaderNote]]:
    """Give each group of score columns its stage, by one stated rule.

    1. A group takes the stage its header words name ("Inherent", "Residual risk
       rating", or the group word above it in a two-row header).
    2. Groups whose header names no stage take, from left to right, the stages no
       named group takes. Given *stage* (``--stage`` or the layout's ``stage``), the
       first such group is that stage and the next ones the stages after it (the report
       says which each of those got). Otherwise
       one such group is ``current`` (the score with the controls in place, as most
       registers print one score); two are ``current`` then ``target``; three are
       ``inherent``, ``current`` and ``target``. The report says which stage each got.
    3. A group whose stage another group already has (two quarters' residual scores
       side by side), or for which no stage is left, is kept as notes, and reported.
    """
    groups = _groups(columns)
    named = [g for g in groups if any(c.field != "?" for c in g)]
    used = {c.field for g in named for c in g if c.field != "?"}
    blank = [g for g in groups if g not in named]
    free = [s for s in STAGES if s not in used]
    notes: list[HeaderNote] = []
    if stage is not None:
        order = [s for s in STAGES[STAGES.index(stage):] if s in free]
        why = f"the stage {stage} was given"
    elif len(blank) == 1 and "current" in free:
        order = ["current"]
        why = "one score printed without a stage is read as the score with the controls " \
              "in place"
    elif len(blank) == 1:
        order = free
        why = "the other score columns name the current stage, and this is the first stage " \
              "no column names"
    elif len(blank) == 2 and free == list(STAGES):
        order = ["current", "target"]
        why = "two scores printed without stages are read as the score now and the " \
              "target"
    else:
        order = free
        why = "scores printed without stages are read in the order inherent, current, " \
              "target"
    given: dict[int, str] = {}
    for number, (group, chosen) in enumerate(zip(blank, order, strict=False)):
        for column in group:
            given[column.index] = chosen
        if stage is None:
            notes.append(HeaderNote(
                NoteKind.ASSUMPTION,
                f"the score columns {_span(group)} name no stage: read as {chosen} ({why}); "
                "give the stage with --stage (or the layout's stage) to say otherwise",
                group[0].index, group[0].header))
        elif chosen != stage:  # the stage given is the first group's: say what others took
            why_given = (f"the stage {stage} was given for the first score printed without a "
                         "stage, and the next take the stages after it") if number else (
                f"the stage {stage} was given, but other columns' header names it, so this "
                "group takes the next stage left")
            notes.append(HeaderNote(
                NoteKind.ASSUMPTION,
                f"the score columns {_span(group)} name no stage: read as {chosen} "
                f"({why_given})", group[0].index, group[0].header))
    seen: set[str] = set()
    dropped: set[int] = set()
    for group in groups:
        group_stage = next((c.field for c in group if c.field != "?"),
                           given.get(group[0].index))
        if group_stage is None or group_stage in seen:
            dropped.update(c.index for c in group)
            what = f"a second {group_stage} score" if group_stage else \
                "a score with no stage left to give it"
            notes.append(HeaderNote(
                NoteKind.KEPT, f"the score columns {_span(group)} are {what}; their cells "
                "are kept in each risk's notes", group[0].index, group[0].header))
            continue
        seen.add(group_stage)
        for column in group:
            given[column.index] = group_stage
    out = []
    for column in columns:
        if column.index in dropped:
            out.append(attrs.evolve(column, field="note", part=None))
        elif column.field in (*STAGES, "?"):
            out.append(attrs.evolve(column, field=given[column.index]))
        else:
            out.append(column)
    return out, notes


# -- the header ---------------------------------------------------------------------------


def _column_notes(columns: Sequence[Column]) -> list[HeaderNote]:
    """The report's notes on columns the model has no field for, or that are ignored."""
    kept = [c for c in columns if c.field == "note"]
    ignored = [c for c in columns if c.field == "ignore"]
    notes = []
    for column in kept:
        notes.append(HeaderNote(
            NoteKind.KEPT, f"the column {column.name!r} (column {column.index + 1}) has no "
            "field; its cells are kept in each risk's notes", column.index, column.header))
    for column in ignored:
        notes.append(HeaderNote(
            NoteKind.UNREAD, f"the column {column.name!r} (column {column.index + 1}) is "
            "ignored, as the layout says", column.index, column.header))
    return notes


def find_header(
    rows: Sequence[Row],
    start: int,
    layout: Layout,
    vocabulary: Vocabulary,
    *,
    stage: str | None = None,
    dimensions: Sequence[str] = (),
    in_table: bool = False,
) -> Header | None:
    """The header starting at ``rows[start]``, or ``None`` when that row is not one.

    A layout that uses the vocabulary also reads a header printed over two rows: group
    words (``Inherent``, ``Residual``) above the parts (``L | I | S``), and columns of
    the scheme's impact *dimensions* (``Finance``, ``Reputation``). A row holding a bare
    number is data; before the first header (not *in_table*) a year may head a column.
    """
    row = rows[start]
    if row.kind is not RowKind.CELLS:
        return None
    lines: tuple[int, ...] = (row.line,)
    if layout.use_vocabulary:
        number = _NUMBER if in_table else _NUMBER_NOT_YEAR
        if any(number.match(cell.strip()) for cell in row.cells):
            return None  # a row holding a bare number is data (most rows stop here)
        cells: Sequence[str] = row.cells
        below = _next_cells(rows, start)
        if below is not None and _is_lower(rows[below], layout, vocabulary):
            cells = _merge(row.cells, rows[below].cells, vocabulary)
            lines = tuple(r.line for r in rows[start:below + 1])
        columns = _from_vocabulary(cells, layout, vocabulary, dimensions)
        if columns is None:
            return None
        columns, notes = _single_fields(columns)
        columns, stage_notes = settle_stages(columns, stage=stage or layout.stage)
        told = {note.column for note in [*notes, *stage_notes] if note.kind is NoteKind.KEPT}
        width = len(cells)
        return Header(lines=lines, width=width, columns=columns,
                      notes=[*notes, *stage_notes,
                             *(n for n in _column_notes(columns) if n.column not in told)])
    found = _from_rules(row.cells, layout)
    if found is None:
        return None
    columns, positional = found
    return Header(lines=lines, width=len(row.cells), columns=columns, positional=positional,
                  notes=_column_notes(columns))
