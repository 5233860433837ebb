"""Cost cells: the text as printed, with an amount in pounds when it states exactly one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import Cost, ValidationError
from riskmodel.errors import ValueTypeError


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


class TestHugeAmounts:
    """Amounts too large to be a real cost keep their text and have no amount."""

    @pytest.mark.parametrize(
        "text",
        ["£1e999999", "£" + "9" * 40, "£1,000,000,000,000,000", "£1000000000000000",
         "£1000000bn", "£" + "9" * 5000],
    )
    def test_no_amount(self, text: str) -> None:
        """'£1e999999' and forty nines keep their text, with no amount and no error."""
        assert Cost.parse(text) == Cost(text, None)

    def test_largest_amount(self) -> None:
        """£999,999,999,999,999 is the largest amount read."""
        assert Cost.parse("£999,999,999,999,999").amount == Decimal("999999999999999")

    def test_one_of_two_too_large(self) -> None:
        """A text stating a readable and an unreadable amount has no amount."""
        assert Cost.parse("£5k, or £1e999 at worst").amount == Decimal(5000)
        assert Cost.parse("£5k, or £" + "9" * 30).amount is None


class TestFiniteAmounts:
    """An amount must be a finite Decimal: NaN, sNaN and Infinity are refused."""

    @pytest.mark.parametrize("value", ["NaN", "sNaN", "-sNaN", "Infinity", "-Infinity"])
    def test_refused(self, value: str) -> None:
        """Cost('x', Decimal('sNaN')) is a ValidationError naming the amount."""
        with pytest.raises(ValidationError) as caught:
            Cost("x", Decimal(value))
        assert (caught.value.path, caught.value.problem) == (
            "amount", f"expected a finite amount, not {Decimal(value)}")

    def test_whole_number(self) -> None:
        """A whole number is taken exactly as a Decimal."""
        assert Cost("x", 12).amount == Decimal(12)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [1.5, "12", True])
    def test_other_types(self, value: object) -> None:
        """A float, text or bool amount is a ValueTypeError."""
        with pytest.raises(ValueTypeError, match="expected an amount"):
            Cost("x", value)  # type: ignore[arg-type]

    def test_equality_never_raises(self) -> None:
        """Costs compare without raising, since no signalling NaN can be held."""
        assert Cost("£5", Decimal(5)) != Cost("£5", None)


class TestNoRescan:
    """Digits, commas and spaces are scanned once, however long the text."""

    @pytest.mark.parametrize(
        ("text", "amount"),
        [("1" * 200_000 + ",1", None), ("1,111" * 40_000 + ",1", None),
         (" " * 200_000 + "£7", Decimal(7)), ("staff,50k", Decimal(50_000)),
         ("1,50k", None), ("v1.2.5k", None)],
    )
    def test_amount(self, text: str, amount: Decimal | None) -> None:
        """A number never starts inside another one (after a digit and a comma or point)."""
        assert Cost.parse(text).amount == amount
