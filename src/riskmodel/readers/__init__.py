"""Readers: registers from published tables (text, CSV, Excel), with every row accounted for.

>>> from riskmodel.readers import read_text
>>> table = (
...     "| What could go wrong | Score with existing measures | | | Target score | | |"
...     " Risk Owner |\\n"
...     "| a) Grants cut | 4 | 3 | 12 | 3 | 3 | 9 | FD |")
>>> result = read_text(table, layout="leicester-city-divisional")
>>> [(r.id, str(r.current), str(r.target), r.risk_owner) for r in result.registers[0].risks]
[('a', '4x3', '3x3', 'FD')]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from riskmodel._files import MAX_BYTES, position, read_bytes
from riskmodel.errors import ReadError, RiskModelError, UnknownSchemeError
from riskmodel.readers.cells import clean_cell, split_items, strip_html
from riskmodel.readers.layout import (
    ColumnRule,
    Layout,
    LayoutError,
    builtin_layouts,
    layout_from_toml,
    load_layout,
)
from riskmodel.readers.report import (
    ImportReport,
    LineEntry,
    LineKind,
    Note,
    NoteKind,
    ReportBuilder,
)
from riskmodel.readers.table import Row, RowKind, places, read_csv_rows, read_rows, sniff_delimiter
from riskmodel.readers.textreader import TableReader
from riskmodel.readers.xlsx import SheetSummary
from riskmodel.register import Register
from riskmodel.registry import SchemeRegistry, builtin_schemes

__all__ = [
    "MAX_BYTES",
    "ColumnRule",
    "ImportReport",
    "ImportResult",
    "Layout",
    "LayoutError",
    "LineEntry",
    "LineKind",
    "Note",
    "NoteKind",
    "ReportBuilder",
    "Row",
    "RowKind",
    "builtin_layouts",
    "choose_layout",
    "clean_cell",
    "layout_from_toml",
    "load_layout",
    "read",
    "read_csv_rows",
    "read_rows",
    "read_rows_as",
    "read_text",
    "sniff_delimiter",
    "split_items",
    "strip_html",
]


@frozen(kw_only=True)
class ImportResult:
    """The registers found in a source, the report on every line, and the layout used."""

    registers: tuple[Register, ...]
    report: ImportReport
    layout: str
    #: Why this layout was chosen (its header matches, or that it was asked for).
    reason: str


def choose_layout(rows: Sequence[Row], layouts: Sequence[Layout]) -> tuple[Layout, str]:
    """The layout whose header words best match a header row of *rows*, and why."""
    best: tuple[float, int, Layout, int] | None = None
    for layout in layouts:
        for row in rows:
            if row.kind is not RowKind.CELLS:
                continue
            mapping = layout.header_map(row.cells)
            if mapping is None:
                continue
            named = sum(1 for i, cell in enumerate(row.cells) if cell.strip() and i in mapping)
            share = named / max(1, sum(1 for cell in row.cells if cell.strip()))
            key = (share, named)
            if best is None or key > best[:2]:
                best = (share, named, layout, row.line)
            break
    if best is None:
        names = ", ".join(layout.name for layout in layouts)
        raise ReadError("<source>", 1, None, f"no header row matches any layout ({names})")
    share, named, layout, line = best
    return layout, (
        f"the header row at line {line} names {named} columns "
        f"({share:.0%} of its filled cells) with {layout.name}'s header words"
    )


def _layouts(layout: str | Layout | os.PathLike[str]) -> tuple[Layout, ...] | Layout:
    if isinstance(layout, Layout):
        return layout
    known = builtin_layouts()
    if isinstance(layout, str) and layout == "auto":
        return tuple(known.values())
    if isinstance(layout, str) and layout in known:
        return known[layout]
    if str(layout).endswith(".toml"):
        return load_layout(layout)
    raise LayoutError(str(layout), f"no such layout; known layouts: {', '.join(sorted(known))}")


def _read_rows(
    rows: Sequence[Row],
    *,
    source: str,
    layout: str | Layout | os.PathLike[str],
    schemes: SchemeRegistry | None,
    notes: Sequence[Note] = (),
) -> ImportResult:
    chosen = _layouts(layout)
    if isinstance(chosen, Layout):
        picked, reason = chosen, f"the layout {chosen.name} was asked for"
    else:
        try:
            picked, reason = choose_layout(rows, chosen)
        except ReadError as exc:
            raise ReadError(source, exc.line, None, exc.problem) from None
    registry = schemes if schemes is not None else builtin_schemes()
    try:
        scheme = registry.get(picked.scheme)
    except UnknownSchemeError as exc:  # the layout names it: say which layout file
        raise LayoutError(picked.where, str(exc), key="$.scheme") from None
    reader = TableReader(rows, source=source, layout=picked, scheme=scheme)
    try:
        registers = reader.read()
        for note in notes:
            kind, message = note.kind, note.message
            if note.field == "sheet" and note.found in picked.companion_sheets:
                kind = NoteKind.UNREAD  # the layout says its workbooks carry this sheet
                message = (f"the sheet {note.found!r} is one the layout {picked.name} "
                           "expects beside the table; it is not a table of risks")
            reader.report.note(kind, note.line, message, column=note.column,
                               risk_id=note.risk_id, field=note.field, found=note.found)
        report = reader.report.build().with_places(places(rows))
    except RiskModelError:
        raise
    except (ValueError, TypeError, LookupError) as exc:  # an invariant broke on odd input
        raise ReadError(source, None, None, f"cannot read the table: {exc}") from exc
    return ImportResult(registers=registers, report=report, layout=picked.name, reason=reason)


def read_rows_as(
    rows: Sequence[Row],
    *,
    source: str = "<string>",
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
) -> ImportResult:
    """Read already split *rows* with a layout (``auto`` picks one and says why)."""
    return _read_rows(rows, source=source, layout=layout, schemes=schemes)


def read_text(
    text: str,
    *,
    source: str = "<string>",
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
) -> ImportResult:
    """Read a text table (tab-separated or markdown pipes, HTML allowed in cells)."""
    return read_rows_as(read_rows(text), source=source, layout=layout, schemes=schemes)


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


def _text_of(data: bytes, file: Path) -> str:
    """The text of a table file: UTF-8, UTF-16 or UTF-32 with a byte-order mark, or
    Windows-1252. A file that is binary, or UTF-16 without a byte-order mark, is refused."""
    for magic, problem in _NOT_TEXT:
        if data.startswith(magic):
            raise ReadError(str(file), None, None, problem)
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            head = data[:exc.start].decode(codec, errors="replace")
            line = head.count("\n") + 1
            raise ReadError(str(file), line, len(head) - head.rfind("\n"),
                            f"not valid {codec.upper()} text") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _windows_text(data, file)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise ReadError(
            str(file), line, column,
            "a NUL character: the file is binary, or UTF-16 text without a byte-order "
            "mark; save it as UTF-8 text",
        )
    return text


def _windows_text(data: bytes, file: Path) -> str:
    """Text that is not UTF-8, read as Windows-1252; a byte that is neither is an error."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        raise ReadError(
            str(file), line, column,
            f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor Windows-1252 text",
        ) from None


#: Suffixes read as Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read(
    path: str | os.PathLike[str],
    *,
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
    sheet: str | None = None,
    max_bytes: int | None = None,
) -> ImportResult:
    """Read the registers in the file at *path*: ``.csv``, ``.xlsx``, ``.pdf``, ``.docx``
    or a text table.

    *layout* is ``"auto"``, a built-in layout name, a layout TOML path or a
    :class:`Layout`. Nothing is guessed: see ``result.report`` for every line.

    Only a regular file is read (never a pipe or a device such as ``/dev/zero``), and
    no larger than *max_bytes* (:data:`MAX_BYTES`, 256 MiB, unless raised); for a
    workbook or a Word file the limit also bounds its unzipped parts, and for a PDF its
    decompressed streams and its pages (one per 256 KiB). *sheet* names the workbook sheet
    to read (by default the first visible one); the report names every other sheet that
    holds cells. See ``docs/security.md``.
    """
    file = Path(path)
    suffix = file.suffix.casefold()
    limit = MAX_BYTES if max_bytes is None else max_bytes
    notes: list[Note] = []
    if sheet is not None and suffix not in WORKBOOK_SUFFIXES:
        raise ReadError(str(file), None, None, "only a workbook (.xlsx) has sheets to name")
    data = read_bytes(file, lambda where, problem: ReadError(where, None, None, problem),
                      limit=limit)
    try:
        if suffix in WORKBOOK_SUFFIXES:
            from riskmodel.readers.xlsx import read_workbook

            book = read_workbook(data, name=str(file), sheet=sheet, max_bytes=limit)
            rows = book.rows
            notes.extend(_sheet_notes(book.sheet, book.unread))
        elif suffix == ".pdf":
            from riskmodel.readers.pdf import read_pdf_rows

            rows = read_pdf_rows(data, name=str(file), max_bytes=limit)
        elif suffix == ".docx":
            from riskmodel.readers.docx import read_docx_rows

            rows = read_docx_rows(data, name=str(file), max_bytes=limit)
        elif suffix == ".xls":
            raise ReadError(str(file), None, None, "an old-format Excel (.xls) workbook is "
                                                   "not read; save it as an .xlsx workbook")
        else:
            text = _text_of(data, file)
            rows = read_csv_rows(text) if suffix == ".csv" else read_rows(text)
    except ReadError as exc:
        raise ReadError(str(file), exc.line, exc.column, exc.problem) from None
    return _read_rows(rows, source=file.name, layout=layout, schemes=schemes, notes=notes)


def _sheet_notes(read_sheet: str, unread: Sequence[SheetSummary]) -> list[Note]:
    """A problem for each other visible sheet that holds cells, a note for hidden ones."""
    notes = []
    for summary in unread:
        name, state, count = summary.name, summary.state, summary.filled_rows
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
