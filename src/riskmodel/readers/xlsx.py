"""Rows of an Excel workbook (``.xlsx``), through the optional ``excel`` extra (openpyxl)."""

from __future__ import annotations

import os
from typing import Any

from riskmodel.errors import MissingExtraError, ReadError
from riskmodel.readers.table import Row, RowKind

__all__ = ["read_xlsx_rows"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx_rows(path: str | os.PathLike[str], sheet: str | None = None) -> tuple[Row, ...]:
    """The rows of the first (or the named) sheet, numbered by spreadsheet row."""
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtraError("openpyxl", "excel") from None
    source = os.fspath(path)
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ReadError(source, None, None, f"not a readable workbook: {exc}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise ReadError(source, None, None, f"no sheet {sheet!r}; sheets: {names}")
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows: list[Row] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), 1):
            cells = tuple(_text(v) for v in values)
            while cells and not cells[-1]:
                cells = cells[:-1]
            kind = RowKind.CELLS if cells else RowKind.BLANK
            rows.append(Row(number, kind, cells, "\t".join(cells)))
        return tuple(rows)
    finally:
        book.close()
