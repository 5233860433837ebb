"""Rows of an Excel workbook (``.xlsx``), through the optional ``excel`` extra (openpyxl).

A workbook is a zip file of XML parts and may come from anyone, so before openpyxl opens
one, riskmodel reads the zip directory and refuses (:mod:`riskmodel.readers.archive`, which
checks Word documents the same way):

- a workbook whose parts unzip to more than *max_bytes* in all (a zip bomb never expands:
  the sizes are those the directory declares, and a part that unzips to more than it
  declares fails its check);
- an XML part that declares a document type (``<!DOCTYPE``): workbooks never need one,
  and XML entity payloads (billion laughs, external entities) cannot work without one.

openpyxl then reads the workbook in read-only mode, without its external links, and
parses XML with ``defusedxml`` (which the ``excel`` extra installs) as a second guard.
Any damage gives a :class:`~riskmodel.ReadError` naming the file.

Only the cells a sheet holds are read, never the range its ``<dimension>`` declares, so
a sheet declaring ``A1:XFD1048576`` costs no more than its cells, and rows past a stale
dimension are still read. A sheet larger than ``max_bytes // 256`` cells (1,048,576 by
default), counting each row once and each row's cells up to its last filled one, is
refused.

The first visible sheet is read unless another is named; a hidden sheet is read only
when it is named. Other sheets that hold cells are listed in :attr:`WorkbookRows.unread`
(the import report names each of them).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import os
import warnings
from collections.abc import Generator
from typing import Any

from attrs import frozen

from riskmodel._files import MAX_BYTES, read_bytes
from riskmodel._validate import to_tuple
from riskmodel.errors import MissingExtraError, ReadError, RiskModelError
from riskmodel.readers.archive import WORKBOOK, check_archive, damage
from riskmodel.readers.table import Row, RowKind

__all__ = [
    "CELL_BYTES",
    "SheetSummary",
    "WorkbookRows",
    "read_workbook",
    "read_xlsx_rows",
]

#: A sheet may hold one cell for each this many bytes of the size limit.
CELL_BYTES = 256
#: Excel's last row and column (``XFD``).
_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384


@frozen
class SheetSummary:
    """A sheet that was not read: its name, its state and how many rows hold something."""

    name: str
    #: ``visible``, ``hidden`` or ``veryHidden``.
    state: str
    filled_rows: int


@frozen(kw_only=True)
class WorkbookRows:
    """The rows of the sheet that was read, and the other sheets that hold cells."""

    sheet: str
    rows: tuple[Row, ...]
    unread: tuple[SheetSummary, ...] = ()


def _size(value: int) -> str:
    return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value:,} bytes"


def _error(source: str, problem: str, line: int | None = None,
           column: int | None = None) -> ReadError:
    return ReadError(source, line, column, problem)


def _column_name(column: int) -> str:
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _clock(value: dt.time | dt.datetime) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def _text(value: Any) -> str:
    """A cell's value as the text a reader of the sheet would see."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return f"{value:%d/%m/%Y} {_clock(value)}"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):  # a time of day, never a date
        return _clock(value)
    if isinstance(value, dt.timedelta):  # a duration such as [h]:mm
        seconds = int(value.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        hours, rest = divmod(seconds, 3600)
        return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")  # as many digits as Excel shows
    return str(value).strip()


def _cells(book: Any, worksheet: Any) -> Generator[dict[str, Any], None, None]:
    """The cells the sheet's XML holds, in the order written (openpyxl's own parser)."""
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]

    with worksheet._get_source() as source:
        parser = WorkSheetParser(
            source, worksheet._shared_strings, data_only=True, epoch=book.epoch,
            date_formats=book._date_formats, timedelta_formats=book._timedelta_formats,
        )
        for _, cells in parser.parse():
            yield from cells


def _sheet_cells(book: Any, worksheet: Any, source: str) -> dict[int, dict[int, str]]:
    """Row → column → text of the sheet's filled cells; a repeated cell is an error."""
    rows: dict[int, dict[int, str]] = {}
    with contextlib.closing(_cells(book, worksheet)) as cells:
        for cell in cells:
            _add(rows, cell, worksheet.title, source)
    return rows


def _add(rows: dict[int, dict[int, str]], cell: dict[str, Any], title: str, source: str) -> None:
    """Add one parsed cell to *rows*."""
    line, column = cell["row"], cell["column"]
    if not (1 <= line <= _LAST_ROW and 1 <= column <= _LAST_COLUMN):
        raise _error(source, f"sheet {title!r}: a cell lies beyond Excel's "
                             f"last row or column ({_column_name(column)}{line})")
    text = _text(cell["value"])
    if not text:
        return
    held = rows.setdefault(line, {})
    if column in held:
        raise _error(source, f"sheet {title!r}: the cell "
                             f"{_column_name(column)}{line} is written twice", line, column)
    held[column] = text


def _rows(cells: dict[int, dict[int, str]], title: str, source: str, budget: int,
          system: int) -> tuple[Row, ...]:
    """The sheet as rows 1..last filled row, each as wide as its last filled cell."""
    last = max(cells, default=0)
    spent = last
    for line in sorted(cells):
        spent += max(cells[line])
        if spent > budget:
            raise _error(
                source, f"sheet {title!r} is too large: its {last:,} rows, each as wide as its "
                f"last filled cell, hold more than {budget:,} cells (counting each row once "
                f"too); raise max_bytes to read it", line,
            )
    rows: list[Row] = []
    for line in range(1, last + 1):
        filled = cells.get(line)
        if not filled:
            rows.append(Row(line, RowKind.BLANK, (), "", date_system=system))
            continue
        texts = [""] * max(filled)
        for column, text in filled.items():
            texts[column - 1] = text
        rows.append(Row(line, RowKind.CELLS, tuple(texts), "\t".join(texts), date_system=system))
    return tuple(rows)


def read_workbook(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    sheet: str | None = None,
    max_bytes: int | None = None,
) -> WorkbookRows:
    """The rows of one sheet of a workbook (a path, or its bytes), numbered by sheet row.

    *sheet* names the sheet to read (hidden or not); by default the first visible sheet
    is read. *name* names the workbook in errors. *max_bytes* (256 MiB by default) limits
    the file, the sum of its unzipped parts, and (divided by 256) the cells of a sheet.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if isinstance(source, bytes):
        data, where = source, name or "<workbook>"
    else:
        where = name or os.fspath(source)
        data = read_bytes(source, lambda path, problem: _error(path, problem), limit=limit)
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtraError("openpyxl", "excel", f"reading {where}") from None
    check_archive(data, where, limit, WORKBOOK)
    with warnings.catch_warnings():
        # openpyxl warns about styles, extensions and dates it cannot hold; none of them
        # changes the cell values read here.
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
        except RiskModelError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise _error(where, f"not a readable workbook: {damage(data, exc)}") from None
        try:
            return _read_book(book, where, sheet, limit // CELL_BYTES)
        except RiskModelError:
            raise
        except Exception as exc:  # a sheet is parsed as it is read
            raise _error(where, f"not a readable workbook: {damage(data, exc)}") from None
        finally:
            book.close()


def _read_book(book: Any, where: str, sheet: str | None, budget: int) -> WorkbookRows:
    sheets = list(book.worksheets)
    names = ", ".join(f"{s.title!r}" + ("" if s.sheet_state == "visible" else f" ({s.sheet_state})")
                      for s in sheets)
    if sheet is not None:
        chosen = next((s for s in sheets if s.title == sheet), None)
        if chosen is None:
            raise _error(where, f"no sheet {sheet!r}; sheets: {names}")
    else:
        chosen = next((s for s in sheets if s.sheet_state == "visible"), None)
        if chosen is None:
            raise _error(where, f"no visible sheet; name one to read (sheets: {names})")
    system = 1904 if book.epoch.year == 1904 else 1900
    rows: tuple[Row, ...] = ()
    unread: list[SheetSummary] = []
    for worksheet in sheets:
        try:
            cells = _sheet_cells(book, worksheet, where)
        except RiskModelError:
            raise
        except Exception as exc:  # broken XML, a missing part, a bad shared string …
            raise _error(where, f"sheet {worksheet.title!r} cannot be read: "
                                f"{type(exc).__name__}: {exc}") from None
        if worksheet is chosen:
            rows = _rows(cells, worksheet.title, where, budget, system)
        elif cells:
            unread.append(SheetSummary(worksheet.title, worksheet.sheet_state, len(cells)))
    return WorkbookRows(sheet=chosen.title, rows=rows, unread=to_tuple(unread))


def read_xlsx_rows(
    path: str | os.PathLike[str], sheet: str | None = None, *, max_bytes: int | None = None
) -> tuple[Row, ...]:
    """The rows of the first visible (or the named) sheet, numbered by spreadsheet row."""
    return read_workbook(path, sheet=sheet, max_bytes=max_bytes).rows
