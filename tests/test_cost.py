"""Cost cells: the text as printed, with an amount in pounds when it states exactly one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import Cost


class TestAmount:
    """A number with a pound sign or a unit is money."""

    @pytest.mark.parametrize(
        ("text", "amount"),
        [
            ("£0.5m", Decimal(500_000)),
            ("50K", Decimal(50_000)),
            ("£13m", Decimal(13_000_000)),
            ("£250,000", Decimal(250_000)),
            ("£1.5 million", Decimal(1_500_000)),
            ("£3bn", Decimal(3_000_000_000)),
            ("£0.25m", Decimal(250_000)),
            ("£10k per year, £10k from reserves", Decimal(10_000)),
            ("£1m or £1,000,000", Decimal(1_000_000)),
            ("£12.50", Decimal("12.50")),
        ],
    )
    def test_amount(self, text: str, amount: Decimal) -> None:
        """The amount is parsed and the text kept as printed."""
        cost = Cost.parse(text)
        assert (cost.text, cost.amount) == (text, amount)

    def test_whole_amount_is_integral(self) -> None:
        """£0.5m is stored as Decimal('500000'), not 500000.0."""
        assert str(Cost.parse("£0.5m").amount) == "500000"


class TestNoAmount:
    """Text without exactly one amount keeps its text and has no amount."""

    @pytest.mark.parametrize(
        "text",
        ["Staff time", "Pot Multi £M", "£1m and £2m", "12 staff", "", "£", "within budget"],
    )
    def test_no_amount(self, text: str) -> None:
        """No amount is guessed."""
        assert Cost.parse(text) == Cost(text, None)

    def test_two_different_amounts(self) -> None:
        """'£50k to £100k' states two amounts, so none is chosen."""
        assert Cost.parse("£50k to £100k").amount is None

    def test_text_is_printed(self) -> None:
        """A cost prints its text."""
        assert str(Cost.parse(" Pot Multi £M ")) == "Pot Multi £M"


class TestGeneratedAmounts:
    """Any amount written with £ and thousands separators reads back."""

    @settings(max_examples=100)
    @given(st.integers(0, 10**12))
    def test_pounds_with_commas(self, pounds: int) -> None:
        """'£1,234,567' reads as 1234567."""
        assert Cost.parse(f"£{pounds:,}").amount == Decimal(pounds)

    @settings(max_examples=100)
    @given(st.integers(1, 999), st.sampled_from([("k", 1_000), ("m", 1_000_000)]))
    def test_units(self, number: int, unit: tuple[str, int]) -> None:
        """'£250k' and '7m' read as the number times the unit."""
        letter, factor = unit
        assert Cost.parse(f"£{number}{letter}").amount == Decimal(number * factor)
        assert Cost.parse(f"{number}{letter.upper()}").amount == Decimal(number * factor)


class TestMalformedNumbers:
    """A badly grouped number is not read as an amount."""

    @pytest.mark.parametrize("text", ["£1,00,0", "£1,000,00"])
    def test_bad_grouping(self, text: str) -> None:
        """'£1,00,0' keeps its text and has no amount."""
        assert Cost.parse(text) == Cost(text, None)
