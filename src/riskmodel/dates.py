"""Dates as registers print them: day first, often with words ("31.07.2017 ongoing")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from attrs import field, frozen

from riskmodel._validate import strip_text

__all__ = ["DateText"]

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


def _four_digit_year(token: str) -> str:
    """``30/09/16`` as ``30/09/2016``: years 00-69 are 2000s, 70-99 are 1900s, always."""
    head, year = token[:-2], token[-2:]
    if len(token) >= 3 and not token[-3].isdigit():
        return f"{head}{2000 + int(year) if int(year) < 70 else 1900 + int(year)}"
    return token


@frozen
class DateText:
    """A date cell: the text as printed, the date found at its start, and the words after.

    >>> when = DateText.parse("31.03.2018 and every year end.")
    >>> when.date, when.note
    (datetime.date(2018, 3, 31), 'and every year end.')
    >>> DateText.parse("20156/18").date is None
    True
    """

    text: str = field(converter=strip_text)
    date: dt.date | None = None
    #: Words printed beside the date ("ongoing", "and every year end").
    note: str = field(default="", converter=strip_text)

    @classmethod
    def parse(cls, text: str) -> DateText:
        """Read a day-first UK date from the start of *text*; keep the words that follow.

        Only a whole day, month and year counts as a date: ``March 2018`` or a typo
        such as ``20156/18`` keep their text with no date, rather than a guessed one.
        Two-digit years 00-69 are read as 2000-2069 and 70-99 as 1970-1999, whatever
        today's date is.
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
    def of(cls, date: dt.date) -> DateText:
        """A date written in the UK style, ``31/03/2027``."""
        return cls(date.strftime("%d/%m/%Y"), date)

    def __str__(self) -> str:
        return self.text
