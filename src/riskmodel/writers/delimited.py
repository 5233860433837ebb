"""A register as CSV: the columns of a frame, with text a spreadsheet would run escaped."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from riskmodel.columns import REGISTER_COLUMNS, RISK_COLUMNS, Kind, register_values, risk_values
from riskmodel.register import Register

__all__ = ["FORMULA_STARTS", "csv_text", "escape_cell"]

#: A text cell starting with one of these is run as a formula by spreadsheets (and a tab
#: or carriage return can hide one), so it is written after an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(text: str) -> str:
    """*text* made safe to open in a spreadsheet: a leading ``=``, ``+``, ``-`` or ``@`` is
    written after an apostrophe, which spreadsheets show as text and do not print.

    >>> escape_cell("=HYPERLINK(\\"http://x\\")"), escape_cell("-"), escape_cell("Cost £5k")
    ('\\'=HYPERLINK("http://x")', "'-", 'Cost £5k')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if kind is Kind.NUMBER:
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape_cell(str(value))


def csv_text(register: Register) -> str:
    """The register's particulars and risks as CSV text: one header line, one line per risk.

    The columns are those of :func:`riskmodel.frames.concat` (the particulars, then
    :data:`riskmodel.columns.RISK_COLUMNS`); numbers are plain (``1200000``), dates ISO
    (``2027-03-31``), and a missing value is an empty cell.

    >>> import riskmodel
    >>> lines = csv_text(riskmodel.examples.load("ashby-vale-cyps-2026")).splitlines()
    >>> lines[0][:60]
    'organisation,register,version,as_at,scheme,id,ref,section,ca'
    >>> lines[1].split(",")[3:7]
    ['2026-04-01', 'leicestershire-4x4', 'AVC-CYPS-01', '1.1']
    """
    values = risk_values(register)
    particulars = register_values(register)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in (*REGISTER_COLUMNS, *RISK_COLUMNS)])
    fixed = [_cell(particulars[c.name], c.kind) for c in REGISTER_COLUMNS]
    columns = [(values[c.name], c.kind) for c in RISK_COLUMNS]
    for index in range(len(register.risks)):
        writer.writerow([*fixed, *(_cell(column[index], kind) for column, kind in columns)])
    return buffer.getvalue()
