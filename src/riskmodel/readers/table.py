"""Rows of a text table with their line numbers: tab-separated, markdown pipe, or CSV."""

from __future__ import annotations

import csv
import enum
import io
import re

from attrs import field, frozen

from riskmodel._validate import to_tuple

__all__ = ["Row", "RowKind", "read_csv_rows", "read_rows"]

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?$")


class RowKind(enum.StrEnum):
    """What a line of the source looks like before any meaning is given to it."""

    BLANK = "blank"
    TEXT = "text"
    CELLS = "cells"
    RULE = "rule"


@frozen
class Row:
    """One line of the source: its 1-based number, its kind, its cells and raw text.

    A text line has one cell; a rule is a markdown ``|---|`` line.
    """

    line: int
    kind: RowKind
    cells: tuple[str, ...] = field(converter=to_tuple)
    raw: str = ""
    #: The last source line of the row, when a quoted cell runs over several lines.
    end_line: int | None = None

    @property
    def last_line(self) -> int:
        """The last source line the row covers."""
        return self.end_line if self.end_line is not None else self.line

    @property
    def filled(self) -> tuple[int, ...]:
        """The 0-based indexes of the cells that hold something."""
        return tuple(i for i, cell in enumerate(self.cells) if cell.strip())

    def cell(self, index: int) -> str:
        """The cell at *index*, or ``""`` when the row is shorter."""
        return self.cells[index] if 0 <= index < len(self.cells) else ""


def _pipe_cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return tuple(cell.strip() for cell in body.split("|"))


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


def read_csv_rows(text: str) -> tuple[Row, ...]:
    """The records of CSV *text* as rows, each numbered by the line it starts on.

    >>> [(r.line, r.cells) for r in read_csv_rows('ref,owner\\n1,"A\\nB"\\n2,C')]
    [(1, ('ref', 'owner')), (2, ('1', 'A\\nB')), (4, ('2', 'C'))]
    """
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n"), newline=""), strict=True)
    start = 1
    try:
        for record in reader:
            cells = tuple(cell.strip() for cell in record)
            kind = RowKind.CELLS if any(cells) else RowKind.BLANK
            end = reader.line_num
            rows.append(Row(start, kind, cells if any(cells) else (), ",".join(record),
                            end_line=end if end > start else None))
            start = end + 1
    except csv.Error as exc:
        from riskmodel.errors import ReadError

        raise ReadError("<csv>", reader.line_num, None, f"not valid CSV: {exc}") from None
    return tuple(rows)
