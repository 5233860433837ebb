"""Direction of travel: the trend of a risk's score between versions, and how it is printed.

Many registers print a direction beside the score (``↑``, ``▲``, "increasing", "no
change", "new"). A :class:`Direction` keeps the cell as printed with the trend read from
it; the forms each trend may take are data (``riskmodel/data/directions.toml``), not
code. :func:`trend_of` works out the trend from two ratings, so the diff can check a
printed direction against the scores.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

from attrs import field, frozen

from riskmodel._bulk import Referable
from riskmodel._toml import parse_toml
from riskmodel._validate import Choice, strip_text
from riskmodel.errors import ValidationError

__all__ = ["Direction", "Trend", "direction_forms", "trend_of"]


class Trend(Choice):
    """Which way a risk's rating moved since the previous version.

    ``UP`` is a higher rating (worse), ``DOWN`` a lower one, ``SAME`` no change, and
    ``NEW`` a risk the previous version did not have.
    """

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"

    @property
    def symbol(self) -> str:
        """How riskmodel's reports print the trend: ``↑``, ``↓``, ``→`` or ``new``."""
        return _words().symbols[self]


@frozen
class _Words:
    """The printed forms of each trend, folded, and the symbol reports print."""

    symbols: Mapping[Trend, str]
    forms: Mapping[str, Trend]


def _fold(text: str) -> str:
    """A cell as it is looked up: case and white space folded, a final full stop dropped."""
    return " ".join(text.casefold().split()).removesuffix(".").strip()


@functools.cache
def _words() -> _Words:
    source = "riskmodel/data/directions.toml"
    text = (resources.files("riskmodel") / "data" / "directions.toml").read_text("utf-8")
    data = parse_toml(text, source, lambda where, problem: ValidationError(problem, where))
    symbols: dict[Trend, str] = {}
    forms: dict[str, Trend] = {}
    for trend in Trend:
        table = data.get(trend.value)
        if not isinstance(table, dict) or not isinstance(table.get("symbol"), str):
            raise ValidationError(f"[{trend.value}] needs a symbol", source)
        symbols[trend] = table["symbol"]
        for form in table.get("forms", []):
            folded = _fold(str(form))
            if forms.get(folded, trend) is not trend:
                raise ValidationError(f"{form!r} is a form of two trends", source)
            forms[folded] = trend
    return _Words(MappingProxyType(symbols), MappingProxyType(forms))


def direction_forms() -> Mapping[str, Trend]:
    """Every printed form riskmodel reads (folded), with the trend it means.

    >>> direction_forms()["no change"], direction_forms()["▲"]
    (<Trend.SAME: 'same'>, <Trend.UP: 'up'>)
    """
    return _words().forms


def _trend(value: Trend | str | None) -> Trend | None:
    return None if value is None else Trend(value)


@frozen
class Direction(Referable):
    """A direction of travel as the register prints it, with the trend read from it.

    ``trend`` is ``None`` when the printed text is not a form riskmodel knows; the text
    is kept either way.

    >>> Direction.parse("No change.")
    Direction(text='No change.', trend=<Trend.SAME: 'same'>)
    >>> Direction.parse("▲").trend, Direction.parse("see note").trend
    (<Trend.UP: 'up'>, None)
    """

    text: str = field(converter=strip_text)
    trend: Trend | None = field(default=None, converter=_trend)

    @classmethod
    def parse(cls, text: str) -> Direction:
        """Read a printed direction: the whole cell, else its first character (``↑ 2``)."""
        forms = _words().forms
        folded = _fold(text)
        trend = forms.get(folded)
        if trend is None and folded and not folded[0].isalnum():
            trend = forms.get(folded[0])
        return cls(text, trend)

    def __str__(self) -> str:
        return self.text


def trend_of(before: float | None, after: float | None) -> Trend | None:
    """The trend from rating *before* to rating *after*; ``None`` when either is unknown.

    >>> trend_of(12, 16), trend_of(16, 12), trend_of(9, 9), trend_of(None, 9)
    (<Trend.UP: 'up'>, <Trend.DOWN: 'down'>, <Trend.SAME: 'same'>, None)
    """
    if before is None or after is None:
        return None
    if after > before:
        return Trend.UP
    if after < before:
        return Trend.DOWN
    return Trend.SAME
