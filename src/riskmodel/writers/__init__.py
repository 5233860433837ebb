"""Writers: a register exported as an Excel workbook, CSV or Parquet, each file atomically.

>>> import riskmodel, tempfile, pathlib
>>> from riskmodel import writers
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> q3 = riskmodel.examples.load("fenbridge-corporate-2026-q3")
>>> writers.export(q3, folder / "q3.csv")
'csv'
>>> (folder / "q3.csv").read_text("utf-8").splitlines()[0][:41]
'organisation,register,version,as_at,schem'
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from riskmodel._files import write_atomic
from riskmodel.errors import OutputError, ValidationError
from riskmodel.register import Register
from riskmodel.writers.arrow import arrow_table, parquet_bytes
from riskmodel.writers.delimited import FORMULA_STARTS, csv_text, escape_cell
from riskmodel.writers.workbook import EXPORT_LAYOUT, RISK_HEADERS, export_layout, xlsx_bytes

__all__ = [
    "EXPORT_LAYOUT",
    "FORMATS",
    "FORMULA_STARTS",
    "RISK_HEADERS",
    "arrow_table",
    "csv_text",
    "escape_cell",
    "export",
    "export_bytes",
    "export_layout",
    "format_of",
    "parquet_bytes",
    "xlsx_bytes",
]

#: The formats :func:`export` writes.
FORMATS = ("xlsx", "csv", "parquet")


def format_of(path: str | os.PathLike[str], to: str | None = None) -> str:
    """The format to write: *to* if given, else the one the file's suffix names.

    >>> format_of("q3.xlsx"), format_of("q3.out", "csv")
    ('xlsx', 'csv')
    >>> format_of("q3.txt")
    Traceback (most recent call last):
    riskmodel.errors.OutputError: q3.txt: the suffix names no format riskmodel writes ...
    """
    if to is not None:
        if to not in FORMATS:
            raise ValidationError(f"{to!r} is not one of {', '.join(FORMATS)}", "to")
        return to
    suffix = Path(path).suffix.lstrip(".").casefold()
    if suffix not in FORMATS:
        raise OutputError(os.fspath(path), f"the suffix names no format riskmodel writes "
                          f"({', '.join(FORMATS)}); give to= (--to on the command line)")
    return suffix


def export_bytes(register: Register, to: str, *, as_of: dt.date | None = None) -> bytes:
    """The register written in the format *to* (``xlsx``, ``csv`` or ``parquet``).

    *as_of* is the day the workbook's findings judge dates at.
    """
    to = format_of("", to)  # checks the name
    if to == "xlsx":
        return xlsx_bytes(register, as_of=as_of)
    if to == "parquet":
        return parquet_bytes(register)
    return csv_text(register).encode("utf-8")


def export(
    register: Register, path: str | os.PathLike[str], *, to: str | None = None,
    as_of: dt.date | None = None,
) -> str:
    """Write the register to *path* in the format *to* (default: the path's suffix).

    The file is made in memory and written atomically: a failure leaves *path* as it
    was. Returns the format written.
    """
    chosen = format_of(path, to)
    write_atomic(path, export_bytes(register, chosen, as_of=as_of))
    return chosen
