"""Dates as registers print them: day first, often with words ("31.07.2017 ongoing")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from attrs import field, frozen

from riskmodel._bulk import Referable
from riskmodel._validate import fields_of_types, strip_text
from riskmodel.errors import ValidationError

__all__ = ["DateText", "iso_date"]

#: The last day Excel can hold: serial 2958465 is 31 December 9999 (1900 date system).
_LAST_SERIAL = 2_958_465
#: ``YYYY-MM-DD`` and nothing else: no ``20261231``, no week date ``2026-W53``.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

#: Month names and their usual abbreviations; any other word is not a month.
_MONTHS = "|".join(
    sorted({*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"}, key=len, reverse=True)
)
_LEADING_DATE = re.compile(
    r"""^\s*(?P<date>
        \d{4}-\d{1,2}-\d{1,2}                                   # ISO
      | \d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*(?:\d{4}|\d{2})(?!\d) # 31.07.2017, 30/09/16
      | \d{1,2}(?:st|nd|rd|th)?\s+(?:MONTHS)\.?,?\s+\d{4}      # 31 March 2018
    )(?P<rest>.*)$""".replace("MONTHS", _MONTHS),
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)


def iso_date(text: str) -> dt.date | None:
    """The date written exactly as ``YYYY-MM-DD``; any other form is ``None``.

    :meth:`datetime.date.fromisoformat` also reads ``20261231`` and ISO week dates such
    as ``2026-W53`` (a Monday, 28 December 2026); those are not taken as dates here.

    >>> iso_date("2026-12-31"), iso_date("20261231"), iso_date("2026-W53")
    (datetime.date(2026, 12, 31), None, None)
    """
    if not _ISO.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _four_digit_year(token: str) -> str:
    """``30/09/16`` as ``30/09/2016``: years 00-69 are 2000s, 70-99 are 1900s, always."""
    head, year = token[:-2], token[-2:]
    if len(token) >= 3 and not token[-3].isdigit():
        return f"{head}{2000 + int(year) if int(year) < 70 else 1900 + int(year)}"
    return token


@frozen
class DateText(Referable):
    """A date cell: the text as printed, the date found at its start, and the words after.

    >>> when = DateText.parse("31.03.2018 and every year end.")
    >>> when.date, when.note
    (datetime.date(2018, 3, 31), 'and every year end.')
    >>> DateText.parse("20156/18").date is None
    True
    """

    text: str = field(converter=strip_text)
    date: dt.date | None = field(default=None, validator=fields_of_types(
        {"date": (dt.date, type(None))}))
    #: Words printed beside the date ("ongoing", "and every year end").
    note: str = field(default="", converter=strip_text)

    @classmethod
    def parse(cls, text: str) -> DateText:
        """Read a day-first UK date from the start of *text*; keep the words that follow.

        Only a whole day, month and year counts as a date: ``March 2018`` or a typo
        such as ``20156/18`` keep their text with no date, rather than a guessed one.
        So do digits run together (``20261231``) and ISO week or ordinal dates
        (``2026-W53``, ``2026-365``): which day they mean is not guessed. Two-digit
        years 00-69 are read as 2000-2069 and 70-99 as 1970-1999, whatever today's
        date is.

        >>> DateText.parse("20261231").date is None, DateText.parse("2026-W53").date is None
        (True, True)
        """
        match = _LEADING_DATE.match(text)
        if match is None:
            return cls(text)
        from dateutil import parser

        token = match["date"]
        iso = token[:4].isdigit()
        if not any(c.isalpha() for c in token):
            token = "".join(token.split())
            token = token if iso else _four_digit_year(token)
        try:
            found = parser.parse(token, dayfirst=not iso, yearfirst=iso).date()
        except (ValueError, OverflowError):
            return cls(text)
        return cls(text, found, match["rest"].strip(" \t\n,;:-–—"))

    @classmethod
    def from_serial(cls, text: str, *, system: int = 1900) -> DateText:
        """An Excel serial day number (``46112``), as a workbook stores a date.

        *system* is the workbook's date system: in the 1900 system serial 1 is
        1 January 1900 and serial 60 is Excel's 29 February 1900, a day that never was
        (no date); in the 1904 system serial 0 is 1 January 1904. *text* must be a whole
        number from 1 to 31 December 9999; anything else keeps its text with no date.

        >>> DateText.from_serial("46112")
        DateText(text='46112', date=datetime.date(2026, 3, 31), note='')
        >>> DateText.from_serial("60").date is None
        True
        """
        stripped = text.strip()
        if not stripped.isascii() or not stripped.isdigit() or len(stripped) > 7:
            return cls(text)
        serial = int(stripped)
        if system == 1904:
            first, serial = dt.date(1904, 1, 1), serial
            last = _LAST_SERIAL - 1462
        elif system == 1900:
            if serial in (0, 60):
                return cls(text)
            first = dt.date(1899, 12, 31) if serial < 60 else dt.date(1899, 12, 30)
            last = _LAST_SERIAL
        else:
            raise ValidationError(f"the date system must be 1900 or 1904, not {system!r}")
        if serial > last:
            return cls(text)
        return cls(text, first + dt.timedelta(days=serial))

    @classmethod
    def of(cls, date: dt.date) -> DateText:
        """A date written in the UK style, ``31/03/2027``."""
        return cls(date.strftime("%d/%m/%Y"), date)

    def __str__(self) -> str:
        return self.text
