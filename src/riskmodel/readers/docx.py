"""Rows of a Word file's tables and paragraphs, through the optional ``docx`` extra (python-docx).

**What a line of a Word file is.** Each paragraph of the document's body outside its
tables is one line (an empty paragraph is a blank line), and so is each row of a table.
Lines are numbered 1, 2, 3 … in the order the document holds them, so
``register.docx:12:3`` names the third cell of one table row, and every line has exactly
one entry in the import report; a table row's entry gives its place, ``table 2, row 3``
(tables are numbered through the document, from 1). A Word file has no fixed pages (Word
lays them out when it shows the file), so no page is given.

**Merged cells.** Word writes a cell merged across columns once, with the number of grid
columns it spans, and a cell merged down the rows below it as a first cell followed by
empty "continue" cells. python-docx's ``row.cells`` repeats a merged cell's text in every
grid cell it covers; riskmodel does not use it, but reads each cell of the XML once, in
its first grid column: the other columns a cell spans are empty, and so are the cells
that continue a merge downwards. This is how a text table prints a header that spans
three score columns (``| Score | | |``).

A cell's paragraphs are joined with line breaks, and the text of a table inside a cell
is part of that cell. Tracked changes are read as if accepted (inserted text is kept,
deleted text is not). Content controls are read through. Not read: page headers and
footers, footnotes, comments, and text boxes and drawings.

A Word file is a zip of XML parts and may come from anyone, so it is checked as
workbooks are (:mod:`riskmodel.readers.archive`: its parts may unzip to no more than
*max_bytes*, and none may declare a document type) before python-docx opens it, and
python-docx parses without resolving entities. A table row wider than
:data:`MAX_COLUMNS` grid columns, or tables of more than ``max_bytes // 256`` cells in
all, are refused, and so is a document with no table at all. Any failure is a
:class:`~riskmodel.ReadError` naming the file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

from riskmodel._files import MAX_BYTES, read_bytes
from riskmodel.errors import MissingExtraError, ReadError, RiskModelError
from riskmodel.readers.archive import WORD_DOCUMENT, check_archive, damage
from riskmodel.readers.table import Row, RowKind

__all__ = ["CELL_BYTES", "MAX_COLUMNS", "read_docx_rows"]

#: The tables may hold one grid cell for each this many bytes of the size limit.
CELL_BYTES = 256
#: The widest table row read, in grid columns: Word's own limit.
MAX_COLUMNS = 63

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
#: Elements whose content stands in the place of the element itself.
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})
#: Parts of a paragraph whose text is not the paragraph's: deleted or moved-away text,
#: field codes, and drawings and text boxes (read by neither Word's text nor riskmodel).
_UNREAD = frozenset({
    f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}drawing",
    f"{_W}pict", f"{_W}object", f"{_W}txbxContent", f"{_MC}AlternateContent",
    f"{_W}footnoteReference", f"{_W}commentReference", f"{_W}rPr", f"{_W}pPr",
})
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
               f"{_W}noBreakHyphen": "-"}


def _error(source: str, problem: str) -> ReadError:
    return ReadError(source, None, None, problem)


def _children(element: Any, *tags: str) -> Iterator[Any]:
    """The children of *element* with one of *tags*, looking inside content controls."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, *tags)


def _paragraph_text(paragraph: Any) -> str:
    """The text a reader sees in a paragraph: its runs, tabs and line breaks."""
    out: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _UNREAD:
            continue
        elif child.tag == f"{_W}t":
            out.append(child.text or "")
        elif child.tag in _CHARACTERS:
            out.append(_CHARACTERS[child.tag])
        else:
            stack.append(iter(child))
    return "".join(out)


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, one per line, with the text of any table inside the cell."""
    texts: list[str] = []
    for block in _children(cell, _P, _TBL):
        if block.tag == _P:
            texts.append(_paragraph_text(block).strip())
        else:
            for row in _children(block, _TR):
                texts.extend(_cell_text(inner) for inner in _children(row, _TC))
    return "\n".join(text for text in texts if text)


class _Tables:
    """Turns each table row into cells, counting the grid cells against a budget."""

    def __init__(self, source: str, budget: int) -> None:
        self.source = source
        self.budget = budget
        self.spent = 0

    def cells(self, row: Any, table: int, number: int) -> tuple[str, ...]:
        """The row's cells, each cell of the XML once, in the first grid column it covers."""
        where = f"table {table}, row {number}"
        too_wide = _error(self.source, f"{where} is wider than {MAX_COLUMNS} grid columns, "
                                       "Word's limit; it is not read")
        before = max(0, self.number(row, f"{_W}trPr/{_W}gridBefore", 0, where))
        if before > MAX_COLUMNS:
            raise too_wide
        texts = [""] * before
        for cell in _children(row, _TC):
            span = max(1, self.number(cell, f"{_W}tcPr/{_W}gridSpan", 1, where))
            if len(texts) + span > MAX_COLUMNS:
                raise too_wide
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            texts.append("" if continued else _cell_text(cell))
            texts.extend([""] * (span - 1))
        self.spent += max(1, len(texts))
        if self.spent > self.budget:
            raise _error(self.source, f"the tables hold more than {self.budget:,} cells (at "
                                      f"{where}); raise max_bytes to read them")
        return tuple(texts)

    def number(self, element: Any, path: str, default: int, where: str) -> int:
        """The whole number in the ``w:val`` of the child at *path*, or *default*."""
        found = element.find(path)
        if found is None:
            return default
        value = found.get(f"{_W}val", "")
        try:
            return int(value)
        except ValueError:
            name = path.rsplit("}", 1)[-1]
            raise _error(self.source, f"not a readable Word document: {where}: the {name} "
                                      f"{value!r} is not a whole number") from None


def _rows(body: Any, source: str, budget: int) -> tuple[Row, ...]:
    rows: list[Row] = []
    tables = _Tables(source, budget)
    table = 0
    for block in _children(body, _P, _TBL):
        if block.tag == _P:
            text = " ".join(_paragraph_text(block).split())
            kind = RowKind.TEXT if text else RowKind.BLANK
            rows.append(Row(len(rows) + 1, kind, (text,) if text else (), text))
            continue
        table += 1
        for number, row in enumerate(_children(block, _TR), 1):
            cells = tables.cells(row, table, number)
            kind = RowKind.CELLS if any(cells) else RowKind.BLANK
            rows.append(Row(len(rows) + 1, kind, cells if any(cells) else (), "\t".join(cells),
                            table=table, table_row=number))
    if not table:
        raise _error(source, "the document has no table; riskmodel reads the tables of a Word "
                             "file, and text laid out with tabs or spaces is not read as one")
    return tuple(rows)


def read_docx_rows(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    max_bytes: int | None = None,
) -> tuple[Row, ...]:
    """The rows of a Word file (a path, or its bytes): each paragraph outside the tables
    and each table row, numbered from 1 in document order.

    *name* names the file in errors. *max_bytes* (256 MiB by default) limits the file,
    the sum of its unzipped parts, and (divided by 256) the cells of its tables.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if isinstance(source, bytes):
        data, where = source, name or "<docx>"
    else:
        where = name or os.fspath(source)
        data = read_bytes(source, _error, limit=limit)
    try:
        import docx
    except ImportError:
        raise MissingExtraError("python-docx", "docx", f"reading {where}") from None
    check_archive(data, where, limit, WORD_DOCUMENT)
    try:
        document = docx.Document(io.BytesIO(data))
    except RiskModelError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged file
        raise _error(where, f"not a readable Word document: {_opened(data, exc)}") from None
    body = getattr(document.element, "body", None)
    if body is None:
        raise _error(where, "not a readable Word document: its main part has no body "
                            "(w:body) to read")
    try:
        return _rows(body, where, max(1, limit // CELL_BYTES))
    except RiskModelError:
        raise
    except Exception as exc:  # nothing Word writes; a last guard for what it never would
        raise _error(where, f"not a readable Word document: {type(exc).__name__}: {exc}") \
            from None


def _opened(data: bytes, exc: Exception) -> str:
    """Why python-docx could not open the file, without the addresses it puts in messages."""
    marker = "content type is "
    if isinstance(exc, ValueError) and marker in str(exc):
        kind = str(exc).split(marker, 1)[1].strip("'")
        return f"its main part is not a Word document but {kind}"
    return damage(data, exc)
