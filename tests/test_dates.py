"""Date cells: a day-first date at the start of the text, and the words printed after it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import DateText, ValidationError
from riskmodel.dates import iso_date


class TestParseDateAndNote:
    """A leading date is read day first and the words after it are kept as a note."""

    @pytest.mark.parametrize(
        ("text", "date", "note"),
        [
            ("31.07.2017 ongoing", dt.date(2017, 7, 31), "ongoing"),
            ("30/09/16", dt.date(2016, 9, 30), ""),
            ("31.03.2018 and every year end.", dt.date(2018, 3, 31), "and every year end."),
            ("31.07.2017 - ongoing", dt.date(2017, 7, 31), "ongoing"),
            ("31.07.2017, review monthly", dt.date(2017, 7, 31), "review monthly"),
            ("1.2.03", dt.date(2003, 2, 1), ""),
            ("01/02/2019", dt.date(2019, 2, 1), ""),
            ("31 / 12 / 2019", dt.date(2019, 12, 31), ""),
            ("31 March 2018", dt.date(2018, 3, 31), ""),
            ("2018-03-31", dt.date(2018, 3, 31), ""),
            ("1st April 2018", dt.date(2018, 4, 1), ""),
            ("31st March 2018 ongoing", dt.date(2018, 3, 31), "ongoing"),
            ("3rd Sept 2018", dt.date(2018, 9, 3), ""),
            ("30-06-2011", dt.date(2011, 6, 30), ""),
            ("29/02/2016", dt.date(2016, 2, 29), ""),
            ("31.03.18 - review annually", dt.date(2018, 3, 31), "review annually"),
        ],
    )
    def test_date_and_note(self, text: str, date: dt.date, note: str) -> None:
        """The date and note are read; the text is kept as printed."""
        parsed = DateText.parse(text)
        assert (parsed.text, parsed.date, parsed.note) == (text, date, note)

    def test_surrounding_space_is_stripped_from_text(self) -> None:
        """Leading and trailing white space is not part of the text."""
        assert DateText.parse("  30/09/16 \n").text == "30/09/16"


class TestNoDate:
    """Text that holds no whole day, month and year keeps its text and has no date."""

    @pytest.mark.parametrize(
        "text",
        ["20156/18", "ongoing", "March 2018", "31/02/2018", "31.13.2017", "", "Q3 2017",
         "29/02/2017", "31/09/2016"],
    )
    def test_no_date(self, text: str) -> None:
        """No date is guessed; the whole text stays, with no note."""
        assert DateText.parse(text) == DateText(text, None, "")

    def test_typo_keeps_text(self) -> None:
        """'20156/18' keeps its text for a human to read."""
        parsed = DateText.parse("20156/18")
        assert (parsed.text, parsed.date, str(parsed)) == ("20156/18", None, "20156/18")


class TestOf:
    """A date on its own is written in the UK style."""

    def test_of(self) -> None:
        """DateText.of(31 March 2027) prints 31/03/2027."""
        assert DateText.of(dt.date(2027, 3, 31)) == DateText("31/03/2027", dt.date(2027, 3, 31))

    @settings(max_examples=100)
    @given(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)))
    def test_of_reads_back(self, day: dt.date) -> None:
        """Parsing what DateText.of prints gives the same date and no note."""
        assert DateText.parse(str(DateText.of(day))) == DateText.of(day)

    @settings(max_examples=60)
    @given(
        st.dates(dt.date(2000, 1, 1), dt.date(2049, 12, 31)),
        st.sampled_from(["ongoing", "and every year end.", "review monthly"]),
    )
    def test_two_digit_years_and_notes(self, day: dt.date, note: str) -> None:
        """dd.mm.yy followed by words gives the date (years 2000-2049) and the words."""
        # Two-digit years are read within 50 years of today (dateutil's rule), so only
        # these years read the same for the life of the test.
        parsed = DateText.parse(f"{day:%d.%m.%y} {note}")
        assert (parsed.date, parsed.note) == (day, note)


class TestNoGuessedDates:
    """A word that is not a month never lets today's date fill in a day or month."""

    @pytest.mark.parametrize("text", ["10 and 2027", "5 Tuesday 2027", "3 of 2026"])
    def test_non_month_words(self, text: str) -> None:
        """'10 and 2027' keeps its text and has no date."""
        parsed = DateText.parse(text)
        assert (parsed.text, parsed.date, parsed.note) == (text, None, "")

    def test_month_abbreviation(self) -> None:
        """'1st Sept 2019 ongoing' is a date, whatever the case of the month."""
        parsed = DateText.parse("1st sept 2019 ongoing")
        assert (parsed.date, parsed.note) == (dt.date(2019, 9, 1), "ongoing")


class TestNotDates:
    """Digits run together and ISO week or ordinal dates are not read as dates."""

    @pytest.mark.parametrize(
        "text", ["20261231", "2026-W53", "2026-W53-1", "2026W531", "2026-365", "2026365"],
    )
    def test_no_date(self, text: str) -> None:
        """'20261231' and '2026-W53' keep their text with no date."""
        assert DateText.parse(text) == DateText(text, None, "")


class TestIsoDate:
    """iso_date reads YYYY-MM-DD exactly, and nothing else."""

    @pytest.mark.parametrize(
        ("text", "date"),
        [("2026-12-31", dt.date(2026, 12, 31)), ("20261231", None), ("2026-W53", None),
         ("2026-W53-1", None), ("2026-2-3", None), ("2026-02-30", None), (" 2026-12-31", None),
         ("٢٠٢٦-١٢-٣١", None)],
    )
    def test_iso_date(self, text: str, date: dt.date | None) -> None:
        """Only ten ASCII characters YYYY-MM-DD naming a real day are a date."""
        assert iso_date(text) == date


class TestSerialDates:
    """Excel serial day numbers, in the 1900 and 1904 date systems."""

    @pytest.mark.parametrize(
        ("text", "date"),
        [("1", dt.date(1900, 1, 1)), ("59", dt.date(1900, 2, 28)), ("60", None),
         ("61", dt.date(1900, 3, 1)), ("46112", dt.date(2026, 3, 31)),
         ("2958465", dt.date(9999, 12, 31)), ("2958466", None), ("0", None),
         ("46112.5", None), ("-1", None), ("x", None), ("", None), ("١٢", None)],
    )
    def test_1900(self, text: str, date: dt.date | None) -> None:
        """Serial 60 is Excel's 29 February 1900, a day that never was: no date."""
        assert DateText.from_serial(text) == DateText(text, date)

    @pytest.mark.parametrize(
        ("text", "date"),
        [("0", dt.date(1904, 1, 1)), ("44650", dt.date(2026, 3, 31)),
         ("2957003", dt.date(9999, 12, 31)), ("2957004", None)],
    )
    def test_1904(self, text: str, date: dt.date | None) -> None:
        """In the 1904 system serial 0 is 1 January 1904."""
        assert DateText.from_serial(text, system=1904) == DateText(text, date)

    def test_other_system(self) -> None:
        """A date system other than 1900 or 1904 is refused."""
        with pytest.raises(ValidationError, match="must be 1900 or 1904, not 1970"):
            DateText.from_serial("1", system=1970)
