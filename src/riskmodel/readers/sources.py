"""Rows from a source: the first stage of every import, chosen by the file's suffix.

A row reader is a function from a file's bytes to :class:`SourceRows`: the file's rows
(:class:`~riskmodel.readers.Row`, each with its line, and for a PDF or Word table its
page, table and row in the table) and any notes on the whole source (a workbook's other
sheets). Every later stage (header, cells, assembly) reads rows, whatever the file was.

Row readers are named in :data:`ROW_READERS` by suffix as ``"module:function"``, imported
only when a file of that suffix is read, so a reader that needs an extra (``excel``:
openpyxl; ``pdf``: pdfplumber; ``docx``: python-docx) costs nothing otherwise. A new kind
of file needs a function of the same shape and one line in that table::

    def odt_rows(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
        ...
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from attrs import field, frozen

from riskmodel._files import position
from riskmodel._validate import to_tuple
from riskmodel.errors import ReadError
from riskmodel.readers.report import Note, NoteKind
from riskmodel.readers.table import Row, read_csv_rows, read_rows

__all__ = ["ROW_READERS", "WORKBOOK_SUFFIXES", "RowReader", "SourceRows", "rows_of",
           "text_of"]


@frozen
class SourceRows:
    """The rows of one source, and notes on the source as a whole."""

    rows: tuple[Row, ...] = field(converter=to_tuple)
    notes: tuple[Note, ...] = field(default=(), converter=to_tuple)


#: A row reader: the file's bytes, its name for messages, the sheet asked for (workbooks)
#: and the byte limit for anything it unpacks.
RowReader = Callable[..., SourceRows]

#: Suffixes read as Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

#: The row reader of each suffix; any other suffix is read as a text table.
ROW_READERS: dict[str, str] = {
    ".csv": "riskmodel.readers.sources:csv_rows",
    ".xlsx": "riskmodel.readers.sources:workbook_rows",
    ".xlsm": "riskmodel.readers.sources:workbook_rows",
    ".xls": "riskmodel.readers.sources:old_workbook",
    ".pdf": "riskmodel.readers.sources:pdf_rows",
    ".docx": "riskmodel.readers.sources:docx_rows",
}
_TEXT_READER = "riskmodel.readers.sources:text_rows"

#: The first bytes of files that are not text, and what to do with them.
_NOT_TEXT = (
    (b"PK\x03\x04", "is a zip file (an Excel workbook?), not a text table; "
                     "give an .xlsx workbook its .xlsx suffix"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old-format (.xls) or password-protected "
                                          "Excel workbook; save it as an .xlsx workbook"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)


def text_of(data: bytes, name: str) -> str:
    """The text of a table file: UTF-8, UTF-16 or UTF-32 with a byte-order mark, or
    Windows-1252. A file that is binary, or UTF-16 without a byte-order mark, is refused."""
    for magic, problem in _NOT_TEXT:
        if data.startswith(magic):
            raise ReadError(name, None, None, problem)
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            head = data[:exc.start].decode(codec, errors="replace")
            line = head.count("\n") + 1
            raise ReadError(name, line, len(head) - head.rfind("\n"),
                            f"not valid {codec.upper()} text") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _windows_text(data, name)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise ReadError(
            name, line, column,
            "a NUL character: the file is binary, or UTF-16 text without a byte-order "
            "mark; save it as UTF-8 text",
        )
    return text


def _windows_text(data: bytes, name: str) -> str:
    """Text that is not UTF-8, read as Windows-1252; a byte that is neither is an error."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        raise ReadError(
            name, line, column,
            f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor Windows-1252 text",
        ) from None


def text_rows(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
    """A text table: tab-separated or markdown pipes, HTML allowed in cells."""
    return SourceRows(read_rows(text_of(data, name)))


def csv_rows(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
    """A CSV file, its delimiter found from its first records."""
    return SourceRows(read_csv_rows(text_of(data, name)))


def old_workbook(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
    """An old-format Excel (.xls) workbook: refused, with what to do instead."""
    raise ReadError(name, None, None, "an old-format Excel (.xls) workbook is not read; "
                                      "save it as an .xlsx workbook")


def workbook_rows(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
    """One sheet of an Excel workbook (the ``excel`` extra); the report names the others."""
    from riskmodel.readers.xlsx import read_workbook

    book = read_workbook(data, name=name, sheet=sheet, max_bytes=max_bytes)
    return SourceRows(book.rows, _sheet_notes(book.sheet, book.unread))


def pdf_rows(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
    """The tables of a PDF (the ``pdf`` extra), each row with its page and table."""
    from riskmodel.readers.pdf import read_pdf_rows

    return SourceRows(read_pdf_rows(data, name=name, max_bytes=max_bytes))


def docx_rows(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
    """The tables of a Word file (the ``docx`` extra), each row with its table."""
    from riskmodel.readers.docx import read_docx_rows

    return SourceRows(read_docx_rows(data, name=name, max_bytes=max_bytes))


def _sheet_notes(read_sheet: str, unread: Sequence[object]) -> list[Note]:
    """A problem for each other visible sheet that holds cells, a note for hidden ones."""
    notes = []
    for summary in unread:
        name = str(getattr(summary, "name", ""))
        state = getattr(summary, "state", "")
        count = int(getattr(summary, "filled_rows", 0))
        rows = f"{count} filled {'row' if count == 1 else 'rows'}"
        if state == "visible":
            notes.append(Note(
                kind=NoteKind.PROBLEM, line=None, field="sheet", found=name,
                message=f"the sheet {name!r} has {rows} that were not read (only "
                        f"{read_sheet!r} was); read it with sheet={name!r}",
            ))
        else:
            notes.append(Note(
                kind=NoteKind.UNREAD, line=None, field="sheet", found=name,
                message=f"the {state} sheet {name!r} has {rows}; hidden sheets are read "
                        f"only when named, with sheet={name!r}",
            ))
    return notes


def _reader(suffix: str) -> RowReader:
    module, _, function = ROW_READERS.get(suffix, _TEXT_READER).partition(":")
    found: RowReader = getattr(importlib.import_module(module), function)
    return found


def rows_of(
    file: Path, data: bytes, *, sheet: str | None = None, max_bytes: int
) -> SourceRows:
    """The rows of *file* (whose bytes are *data*), by the row reader of its suffix.

    *sheet* names a workbook's sheet; naming one for any other file is an error.
    """
    suffix = file.suffix.casefold()
    if sheet is not None and suffix not in WORKBOOK_SUFFIXES:
        raise ReadError(str(file), None, None, "only a workbook (.xlsx) has sheets to name")
    try:
        return _reader(suffix)(data, name=str(file), sheet=sheet, max_bytes=max_bytes)
    except ReadError as exc:
        raise ReadError(str(file), exc.line, exc.column, exc.problem) from None
