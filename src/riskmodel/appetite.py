"""Risk appetite: a threshold on a scheme's rating, stated as a number or an Orange Book level."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

from riskmodel._validate import optional_number, to_tuple

if TYPE_CHECKING:
    from riskmodel.scheme import ScoringScheme

__all__ = ["Appetite", "AppetiteLevel", "AppetitePolicy"]


class AppetiteLevel(enum.StrEnum):
    """The HM Treasury Orange Book appetite levels, least willing first."""

    AVERSE = "averse"
    MINIMAL = "minimal"
    CAUTIOUS = "cautious"
    OPEN = "open"
    EAGER = "eager"


def _one_of(instance: Appetite, attribute: attrs.Attribute[Any], value: Any) -> None:
    if (instance.threshold is None) == (instance.level is None):
        raise ValueError("an appetite is either a threshold or an Orange Book level, not both")


def _level(value: AppetiteLevel | str | None) -> AppetiteLevel | None:
    return None if value is None else AppetiteLevel(value)


@frozen
class Appetite:
    """How much risk is acceptable: the highest rating that is within appetite.

    Either a number on the scheme's rating scale (Cambridgeshire states one per risk),
    or an Orange Book level that the scheme maps to a number.

    >>> Appetite(threshold=10)
    Appetite(threshold=10, level=None)
    >>> Appetite(level="cautious").level
    <AppetiteLevel.CAUTIOUS: 'cautious'>
    """

    threshold: float | None = field(default=None, converter=optional_number, kw_only=True)
    level: AppetiteLevel | None = field(
        default=None, converter=_level, validator=_one_of, kw_only=True
    )

    def resolve(self, scheme: ScoringScheme) -> float:
        """The threshold on *scheme*'s rating scale; ``LookupError`` if it lacks the level."""
        if self.threshold is not None:
            return self.threshold
        assert self.level is not None
        return scheme.appetite_threshold(self.level)

    def __str__(self) -> str:
        return str(self.level) if self.level is not None else f"{self.threshold:g}"


@frozen
class AppetitePolicy:
    """A register's appetite: a default, overridden per risk category.

    >>> policy = AppetitePolicy(default=Appetite(level="cautious"),
    ...                         by_category=[("finance", Appetite(threshold=6))])
    >>> str(policy.for_category("finance")), str(policy.for_category("ict"))
    ('6', 'cautious')
    """

    default: Appetite | None = field(default=None, kw_only=True)
    by_category: tuple[tuple[str, Appetite], ...] = field(
        default=(), converter=to_tuple, kw_only=True
    )

    @by_category.validator
    def _distinct(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        names = [name for name, _ in value]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"the appetite policy names categories twice: {repeated}")

    def for_category(self, category: str | None) -> Appetite | None:
        """The appetite for *category*, else the default."""
        if category is not None:
            for name, appetite in self.by_category:
                if name == category:
                    return appetite
        return self.default
