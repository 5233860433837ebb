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

from riskmodel.errors import ReadError, RiskModelError
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
from riskmodel.readers.table import Row, RowKind, read_csv_rows, read_rows
from riskmodel.readers.textreader import TableReader
from riskmodel.register import Register
from riskmodel.registry import SchemeRegistry, builtin_schemes

__all__ = [
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


def read_rows_as(
    rows: Sequence[Row],
    *,
    source: str = "<string>",
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
) -> ImportResult:
    """Read already split *rows* with a layout (``auto`` picks one and says why)."""
    chosen = _layouts(layout)
    if isinstance(chosen, Layout):
        picked, reason = chosen, f"the layout {chosen.name} was asked for"
    else:
        try:
            picked, reason = choose_layout(rows, chosen)
        except ReadError as exc:
            raise ReadError(source, exc.line, None, exc.problem) from None
    registry = schemes if schemes is not None else builtin_schemes()
    scheme = registry.get(picked.scheme)
    reader = TableReader(rows, source=source, layout=picked, scheme=scheme)
    try:
        registers = reader.read()
        report = reader.report.build()
    except RiskModelError:
        raise
    except (ValueError, TypeError, LookupError) as exc:  # an invariant broke on odd input
        raise ReadError(source, None, None, f"cannot read the table: {exc}") from exc
    return ImportResult(registers=registers, report=report, layout=picked.name, reason=reason)


def read_text(
    text: str,
    *,
    source: str = "<string>",
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
) -> ImportResult:
    """Read a text table (tab-separated or markdown pipes, HTML allowed in cells)."""
    return read_rows_as(read_rows(text), source=source, layout=layout, schemes=schemes)


def _windows_text(data: bytes, file: Path) -> str:
    """Text that is not UTF-8, read as Windows-1252; a byte that is neither is an error."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ReadError(
            str(file), line, column,
            f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor Windows-1252 text",
        ) from None


def read(
    path: str | os.PathLike[str],
    *,
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
) -> ImportResult:
    """Read the registers in the file at *path*: ``.csv``, ``.xlsx`` or a text table.

    *layout* is ``"auto"``, a built-in layout name, a layout TOML path or a
    :class:`Layout`. Nothing is guessed: see ``result.report`` for every line.
    """
    file = Path(path)
    suffix = file.suffix.casefold()
    try:
        if suffix == ".xlsx":
            from riskmodel.readers.xlsx import read_xlsx_rows

            rows = read_xlsx_rows(file)
        else:
            data = file.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = _windows_text(data, file)
            rows = read_csv_rows(text) if suffix == ".csv" else read_rows(text)
    except OSError as exc:
        raise ReadError(str(file), None, None, f"cannot read the file: {exc.strerror}") from None
    except ReadError as exc:
        raise ReadError(str(file), exc.line, exc.column, exc.problem) from None
    return read_rows_as(rows, source=file.name, layout=layout, schemes=schemes)
