"""Cost cells: free text, with an amount in pounds when the text states exactly one."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from riskmodel._bulk import Referable
from riskmodel._validate import strip_text
from riskmodel.errors import ValidationError, ValueTypeError

__all__ = ["MAX_AMOUNT", "Cost"]

# Linear in the text: a number starts only where no digit (nor a digit and a comma or
# point) comes before it, and its digits are taken possessively, so no attempt rescans a long run of
# digits, commas or spaces that an earlier attempt already gave up on.
_AMOUNT = re.compile(
    r"""(?:(?P<pound>£)\s*)?(?<!\d)(?<!\d[,.])
        (?P<number>\d{1,3}(?:,\d{3})++(?:\.\d++)?+|\d++(?:\.\d++)?+)
        (?![,.]?\d)\s*(?P<unit>bn|billion|m|million|k|thousand)?(?![A-Za-z])""",
    re.VERBOSE | re.IGNORECASE,
)
_UNITS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000,
          "bn": 1_000_000_000, "billion": 1_000_000_000}
#: Amounts from this one up (£1,000 trillion, far beyond any public body's budget) are not
#: read: the cell keeps its text with no amount.
MAX_AMOUNT = Decimal(10) ** 15
#: Whole-pound digits in the largest amount that can be read (before its unit).
_MAX_DIGITS = 15


def _amount(value: Any) -> Decimal | None:
    """``None``, or a finite :class:`~decimal.Decimal` (an ``int`` is taken exactly)."""
    if value is None or isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    else:
        raise ValueTypeError("an amount (a Decimal)", value, "amount")
    # is_finite never raises, even for a signalling NaN, which breaks == and hashing.
    if amount is not None and not amount.is_finite():
        raise ValidationError(f"expected a finite amount, not {amount}", "amount")
    return amount


@frozen
class Cost(Referable):
    """A cost cell kept as printed, with the amount in pounds when there is exactly one.

    A number counts as money when it has a ``£`` or a unit (``k``, ``m``, ``million``).
    An amount of :data:`MAX_AMOUNT` or more is not read, and an amount must be finite:
    ``NaN`` and ``Infinity`` are refused with a :class:`~riskmodel.ValidationError`.

    >>> Cost.parse("£0.5m").amount, Cost.parse("50K").amount
    (Decimal('500000'), Decimal('50000'))
    >>> Cost.parse("Pot Multi £M").amount is None
    True
    >>> Cost.parse("£1e999999").amount is None
    True
    """

    text: str = field(converter=strip_text)
    amount: Decimal | None = field(default=None, converter=_amount)

    @classmethod
    def parse(cls, text: str) -> Cost:
        """Keep *text*; parse the amount when the text states exactly one."""
        amounts: list[Decimal | None] = []
        for match in _AMOUNT.finditer(text):
            unit = (match["unit"] or "").lower()
            if not match["pound"] and not unit:
                continue
            number = match["number"].replace(",", "")
            if len(number.partition(".")[0]) > _MAX_DIGITS:
                amounts.append(None)  # stated, but too large to read
                continue
            value = Decimal(number) * _UNITS.get(unit, 1)
            if value >= MAX_AMOUNT:
                amounts.append(None)
                continue
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
            amounts.append(value)
        found = set(amounts)
        return cls(text, amounts[0] if len(found) == 1 else None)

    def __str__(self) -> str:
        return self.text
