"""Rows of an Excel workbook (``.xlsx``), through the optional ``excel`` extra (openpyxl).

A workbook is a zip file of XML parts and may come from anyone, so before openpyxl opens
one, riskmodel reads the zip directory and refuses:

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
import zipfile
import zlib
from collections.abc import Generator
from typing import Any
from xml.etree import ElementTree

from attrs import frozen

from riskmodel._files import MAX_BYTES, read_bytes
from riskmodel._validate import to_tuple
from riskmodel.errors import MissingExtraError, ReadError, RiskModelError
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
_CHUNK = 2**20
#: What an XML part must not hold, in each encoding an XML parser would accept.
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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


def _holds_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part declares a document type, read in chunks (never all at once)."""
    overlap = max(len(marker) for marker in _DOCTYPE) - 1
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DOCTYPE):
                return True
            tail = window[-overlap:]
    return False


def _check_archive(data: bytes, source: str, limit: int) -> None:
    """Refuse what is not a zip, a zip bomb, and XML parts that declare a document type."""
    if data.startswith(_OLE):
        raise _error(source, "is an old-format (.xls) or password-protected workbook; "
                             "save it as an unprotected .xlsx workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _error(source, f"not a readable workbook: not a zip file ({exc})") from None
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        if total > limit:
            raise _error(
                source, f"its parts unzip to {_size(total)}, more than the limit of "
                f"{_size(limit)}; a workbook this large (or a zip bomb) is not read; "
                "raise max_bytes to read it",
            )
        for info in infos:
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                declared = _holds_doctype(archive, info)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError,
                    ValueError, EOFError, OSError) as exc:
                raise _error(source, f"not a readable workbook: the part {info.filename} "
                                     f"is damaged ({exc})") from None
            if declared:
                raise _error(source, f"the part {info.filename} declares a document type "
                                     "(<!DOCTYPE); workbooks never do, and XML entities are "
                                     "not read")


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
        raise MissingExtraError("openpyxl", "excel") from None
    _check_archive(data, where, limit)
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
            raise _error(where, f"not a readable workbook: {_damage(data, exc)}") from None
        try:
            return _read_book(book, where, sheet, limit // CELL_BYTES)
        except RiskModelError:
            raise
        except Exception as exc:  # a sheet is parsed as it is read
            raise _error(where, f"not a readable workbook: {_damage(data, exc)}") from None
        finally:
            book.close()


def _damage(data: bytes, exc: Exception) -> str:
    """What is wrong with a workbook openpyxl could not read, the same whatever its parser.

    openpyxl parses with lxml when that is installed, and with the standard library
    otherwise, and their messages differ; so the first part that is not well-formed XML
    is found and named here. (No part declares a document type: that was refused before,
    so parsing it cannot expand entities.)
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                ElementTree.fromstring(archive.read(info))
            except ElementTree.ParseError as error:
                line, column = error.position
                reason = str(error).split(":")[0]
                return (f"the part {info.filename} is not well-formed XML: {reason} "
                        f"(line {line}, column {column + 1})")
    if isinstance(exc, KeyError) and exc.args:  # a part the workbook names is missing
        return str(exc.args[0])
    return str(exc) or type(exc).__name__


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
