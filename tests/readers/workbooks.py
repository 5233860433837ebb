"""Workbooks built for the tests: with openpyxl, or as raw zip entries for damaged ones."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HEADER = ["Ref", "Risk description", "Likelihood", "Impact", "Score", "Owner", "Review date"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def workbook(
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Register",
    build: Callable[[Any], None] | None = None,
) -> bytes:
    """An .xlsx workbook with one sheet holding *rows*; *build* may change the book."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    if build is not None:
        build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(data: bytes, changes: Mapping[str, bytes | Callable[[bytes], bytes] | None]) -> bytes:
    """The workbook *data* with some parts replaced, changed by a function, or added.

    A part mapped to ``None`` is left out.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as new:
        names = old.namelist()
        for name in names:
            if name not in changes:
                new.writestr(name, old.read(name))
                continue
            change = changes[name]
            if change is None:
                continue
            new.writestr(name, change(old.read(name)) if callable(change) else change)
        for name, added in changes.items():
            if name not in names and isinstance(added, bytes):
                new.writestr(name, added)
    return out.getvalue()


def sheet_xml(rows: str, *, dimension: str | None = "A1:XFD1048576", tail: str = "") -> bytes:
    """A worksheet part holding the ``<row>`` elements *rows*, with a declared range."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{rows}</sheetData>{tail}</worksheet>'
    ).encode()


def text_cell(ref: str, text: str) -> str:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def number_cell(ref: str, value: float | int | str) -> str:
    """A number cell (General format)."""
    return f'<c r="{ref}"><v>{value}</v></c>'


def row_xml(number: int, cells: Sequence[str | float | int | None]) -> str:
    """A ``<row>``: text as inline strings, numbers as numbers, ``None`` left out."""
    parts = []
    for index, value in enumerate(cells):
        if value is None:
            continue
        ref = f"{column_name(index + 1)}{number}"
        parts.append(text_cell(ref, value) if isinstance(value, str) else number_cell(ref, value))
    return f'<row r="{number}">{"".join(parts)}</row>'


def column_name(column: int) -> str:
    """1 → A, 16384 → XFD."""
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def with_sheet(rows: str, **options: Any) -> bytes:
    """A one-sheet workbook whose sheet part is written by hand from *rows*."""
    return rewrite(workbook([["x"]]), {SHEET: sheet_xml(rows, **options)})


def zip_of(entries: Mapping[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip file of raw *entries*."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return out.getvalue()


def set_dimension(dimension: str) -> Callable[[bytes], bytes]:
    """A change that replaces the sheet's declared range."""
    def change(body: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(),
                      body)
    return change


def save(path: Path, data: bytes) -> Path:
    """Write *data* to *path* and return it."""
    path.write_bytes(data)
    return path
