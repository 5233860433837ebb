"""Rows of a text table with their line numbers: tab-separated, markdown pipe, or CSV."""

from __future__ import annotations

import collections
import csv
import enum
import io
import itertools
import re
from collections.abc import Iterable

from attrs import field, frozen

from riskmodel._bulk import Referable, assembler
from riskmodel._validate import to_tuple
from riskmodel.errors import ReadError

__all__ = [
    "DELIMITERS",
    "Row",
    "RowKind",
    "places",
    "read_csv_rows",
    "read_rows",
    "sniff_delimiter",
]

#: The delimiters a CSV file may use, in order of preference when two fit equally well.
DELIMITERS = (",", ";", "\t", "|")
#: How much of a CSV file :func:`sniff_delimiter` looks at: its first 20 records, within
#: its first 64 KiB.
_SNIFF_RECORDS = 20
_SNIFF_CHARS = 64 * 2**10

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?$")


class RowKind(enum.StrEnum):
    """What a line of the source looks like before any meaning is given to it."""

    BLANK = "blank"
    TEXT = "text"
    CELLS = "cells"
    RULE = "rule"


@frozen
class Row(Referable):
    """One line of the source: its 1-based number, its kind, its cells and raw text.

    A text line has one cell; a rule is a markdown ``|---|`` line. A PDF or Word file
    has no lines of its own: each of its table rows and each line of text outside its
    tables is a row, numbered in reading order, with its :attr:`place`.
    """

    line: int
    kind: RowKind
    cells: tuple[str, ...] = field(converter=to_tuple)
    raw: str = ""
    #: The last source line of the row, when a quoted cell runs over several lines.
    end_line: int | None = None
    #: For a row of a workbook, its date system (1900 or 1904): a whole number in a date
    #: column is then an Excel serial date. ``None`` for a row of text.
    date_system: int | None = field(default=None, kw_only=True)
    #: For a row of a PDF, the 1-based page it is printed on; ``None`` elsewhere.
    page: int | None = field(default=None, kw_only=True)
    #: For a table row of a PDF or Word file, the 1-based number of its table (on its
    #: page, for a PDF; in the document, for a Word file); ``None`` for a line of text.
    table: int | None = field(default=None, kw_only=True)
    #: For a table row of a PDF or Word file, its 1-based number within its table.
    table_row: int | None = field(default=None, kw_only=True)
    _filled: tuple[int, ...] = field(init=False, eq=False, repr=False)

    @_filled.default
    def _find_filled(self) -> tuple[int, ...]:
        return tuple(itertools.compress(itertools.count(), map(str.strip, self.cells)))

    @property
    def last_line(self) -> int:
        """The last source line the row covers."""
        return self.end_line if self.end_line is not None else self.line

    @property
    def filled(self) -> tuple[int, ...]:
        """The 0-based indexes of the cells that hold something."""
        return self._filled

    def cell(self, index: int) -> str:
        """The cell at *index*, or ``""`` when the row is shorter."""
        return self.cells[index] if 0 <= index < len(self.cells) else ""

    @property
    def place(self) -> str:
        """Where a row of a PDF or Word file is printed, such as ``page 2, table 1, row 3``;
        ``""`` for a row of a text file or a workbook.

        >>> Row(7, RowKind.CELLS, ("a", "b"), page=2, table=1, table_row=3).place
        'page 2, table 1, row 3'
        """
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.table_row is not None:
            parts.append(f"row {self.table_row}")
        return ", ".join(parts)


#: Builds a :class:`Row` from values that are already what its ``__init__`` makes (a table
#: has a row for every record).
_row = assembler(Row)


def places(rows: Iterable[Row]) -> dict[int, str]:
    """The line number → :attr:`Row.place` of each row printed on a page or in a table.

    Empty for the rows of a text file or a workbook, which are found by line alone.
    """
    return {row.line: row.place for row in rows
            if row.page is not None or row.table is not None}


#: A pipe that separates cells: one not escaped by a backslash.
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _pipe_cells(line: str) -> tuple[str, ...]:
    r"""The cells of a Markdown table row; ``\|`` is a pipe inside a cell, as in GitHub's
    tables.

    >>> _pipe_cells(r"| 1.2 | Theft of mower \| trailer | 4 |")
    ('1.2', 'Theft of mower | trailer', '4')
    """
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    if "\\|" not in body:
        return tuple(cell.strip() for cell in body.split("|"))
    return tuple(cell.replace("\\|", "|").strip() for cell in _UNESCAPED_PIPE.split(body))


def read_rows(text: str) -> tuple[Row, ...]:
    """Every line of *text* as a row, numbered from 1; a missing final newline loses none.

    >>> [r.kind.value for r in read_rows("Title\\n\\n| a | b |\\n|---|---|\\nx\\ty")]
    ['text', 'blank', 'cells', 'rule', 'cells']
    """
    rows: list[Row] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            rows.append(Row(number, RowKind.BLANK, (), line))
        elif stripped.startswith("|") and _PIPE_SEPARATOR.match(stripped):
            rows.append(Row(number, RowKind.RULE, (), line))
        elif stripped.startswith("|") and stripped.count("|") >= 2:
            rows.append(Row(number, RowKind.CELLS, _pipe_cells(stripped), line))
        elif "\t" in line:
            cells = tuple(cell.strip() for cell in line.split("\t"))
            if all(set(cell) <= {"-", ":"} for cell in cells) and "-" in line:
                rows.append(Row(number, RowKind.RULE, (), line))
            else:
                rows.append(Row(number, RowKind.CELLS, cells, line))
        else:
            rows.append(Row(number, RowKind.TEXT, (stripped,), line))
    return tuple(rows)


def sniff_delimiter(text: str) -> str:
    """The delimiter of CSV *text*: the one of :data:`DELIMITERS` that splits its first
    records into the most records of one same width (of two cells or more).

    Ties go to the earlier delimiter of :data:`DELIMITERS`; text that no delimiter splits
    is read with a comma. Quoted cells are respected, so commas inside quotes in a
    semicolon-separated file do not count.

    >>> sniff_delimiter("Ref;Risk description;Owner\\nL1;Damp, then mould;Caretaker\\n")
    ';'
    >>> sniff_delimiter('Ref,Risk description\\nL1,"Damp; mould"\\n')
    ','
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[:sample.rindex("\n")]
    best, chosen = (0, 0), ","
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            widths = [len(record) for record in itertools.islice(reader, _SNIFF_RECORDS)]
        except csv.Error:
            continue
        counted = collections.Counter(width for width in widths if width > 1)
        if not counted:
            continue
        width, agreeing = counted.most_common(1)[0]
        if (agreeing, width) > best:
            best, chosen = (agreeing, width), delimiter
    return chosen


def _one_line_end(text: str) -> tuple[str, str | None]:
    """*text* with ``\\n`` as its only line end, and the stand-in for a lone CR if any.

    A file with no LF at all uses CR as its line end (old Mac files). Otherwise a lone CR
    is a line break inside a cell, never the end of a record: it is replaced by a
    character the text does not hold, which :func:`read_csv_rows` turns back into a line
    break inside the cell.
    """
    text = text.replace("\r\n", "\n")
    if "\r" not in text:
        return text, None
    if "\n" not in text:
        return text.replace("\r", "\n"), None
    held = set(text)
    stand_in = next(chr(code) for code in range(0xE000, 0x110000) if chr(code) not in held)
    return text.replace("\r", stand_in), stand_in


def _csv_lines(text: str) -> Iterable[str]:
    """The lines of *text* (which holds no CR) as ``io.StringIO(text, newline="")`` gives
    them, each with its LF.

    ``str.splitlines`` gives them without copying the text into a buffer first, where it
    ends lines at LF alone. It also ends them at other characters (form feed, U+2028 …),
    and each such split adds a line, so the same count of lines as LF-split gives means
    the same lines (one such character closing the text adds none, and splits nothing).
    """
    lines = text.splitlines(keepends=True)
    if len(lines) == text.count("\n") + (not text.endswith("\n") and text != ""):
        return lines
    return io.StringIO(text, newline="")


def read_csv_rows(text: str, *, delimiter: str | None = None) -> tuple[Row, ...]:
    """The records of CSV *text* as rows, each numbered by the line it starts on.

    *delimiter* is found by :func:`sniff_delimiter` unless given. Lines end at LF or
    CRLF; a lone CR inside a cell is a line break within that cell.

    >>> [(r.line, r.cells) for r in read_csv_rows('ref,owner\\n1,"A\\nB"\\n2,C')]
    [(1, ('ref', 'owner')), (2, ('1', 'A\\nB')), (4, ('2', 'C'))]
    >>> [r.cells for r in read_csv_rows('ref;owner\\n1;A\\rB\\n')]
    [('ref', 'owner'), ('1', 'A\\nB')]
    """
    text, stand_in = _one_line_end(text)
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    rows: list[Row] = []
    reader = csv.reader(_csv_lines(text), delimiter=delimiter, strict=True)
    start = 1
    cells_row, blank_row = RowKind.CELLS, RowKind.BLANK
    try:
        for record in reader:
            if stand_in is not None:
                record = [cell.replace(stand_in, "\n") for cell in record]
            cells = tuple(map(str.strip, record))
            end = reader.line_num
            # Built as Row(start, kind, cells, raw, end_line=...) builds it: the cells are
            # a tuple, and stripped already, so the filled ones are the non-empty ones.
            filled = tuple(itertools.compress(itertools.count(), cells))
            rows.append(_row(line=start, kind=cells_row if filled else blank_row,
                             cells=cells if filled else (), raw=delimiter.join(record),
                             end_line=end if end > start else None, date_system=None,
                             page=None, table=None, table_row=None, _filled=filled))
            start = end + 1
    except csv.Error as exc:
        raise ReadError("<csv>", reader.line_num, None, f"not valid CSV: {exc}") from None
    return tuple(rows)
