"""Cost cells: free text, with an amount in pounds when the text states exactly one."""

from __future__ import annotations

import re
from decimal import Decimal

from attrs import field, frozen

from riskmodel._validate import strip_text

__all__ = ["Cost"]

_AMOUNT = re.compile(
    r"""(?P<pound>£)?\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?![,.]?\d)\s*(?P<unit>bn|billion|m|million|k|thousand)?(?![A-Za-z])""",
    re.VERBOSE | re.IGNORECASE,
)
_UNITS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000,
          "bn": 1_000_000_000, "billion": 1_000_000_000}


@frozen
class Cost:
    """A cost cell kept as printed, with the amount in pounds when there is exactly one.

    A number counts as money when it has a ``£`` or a unit (``k``, ``m``, ``million``).

    >>> Cost.parse("£0.5m").amount, Cost.parse("50K").amount
    (Decimal('500000'), Decimal('50000'))
    >>> Cost.parse("Pot Multi £M").amount is None
    True
    """

    text: str = field(converter=strip_text)
    amount: Decimal | None = None

    @classmethod
    def parse(cls, text: str) -> Cost:
        """Keep *text*; parse the amount when the text states exactly one."""
        amounts = []
        for match in _AMOUNT.finditer(text):
            unit = (match["unit"] or "").lower()
            if not match["pound"] and not unit:
                continue
            value = Decimal(match["number"].replace(",", "")) * _UNITS.get(unit, 1)
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
            amounts.append(value)
        return cls(text, amounts[0] if len(set(amounts)) == 1 else None)

    def __str__(self) -> str:
        return self.text
