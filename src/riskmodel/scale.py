"""Levels and the ordinal scales (likelihood, impact) they belong to."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import attrs
from attrs import field, frozen

from riskmodel._validate import finite, non_empty, strip_text, texts, to_tuple
from riskmodel.errors import LevelError, ValidationError, ValueTypeError

__all__ = ["NOT_APPLICABLE", "Level", "Scale"]


def _number(value: float) -> float:
    """Keep integral numbers as ``int`` so that ``4`` prints as ``4``, not ``4.0``."""
    number = float(finite(value))
    return int(value) if number.is_integer() else number


def _probability(value: tuple[float, float] | None) -> tuple[float, float] | None:
    if value is None:
        return None
    pair = to_tuple(value)
    if len(pair) != 2:
        raise ValidationError(f"a probability range is two numbers, not {len(pair)}")
    low, high = (float(finite(v)) for v in pair)
    if not 0.0 <= low <= high <= 1.0:
        raise ValidationError(f"a probability range needs 0 <= low <= high <= 1, not {value!r}")
    return (low, high)


def _amount(value: tuple[float, float] | None) -> tuple[float, float] | None:
    if value is None:
        return None
    pair = to_tuple(value)
    if len(pair) != 2:
        raise ValidationError(f"a money band is two amounts, not {len(pair)}")
    low, high = (_number(v) for v in pair)
    if not 0 <= low <= high:
        raise ValidationError(f"a money band needs 0 <= low <= high, not {value!r}")
    return (low, high)


@frozen(cache_hash=True)
class Level:
    """One step of a scale: the code printed in registers, its label and its value.

    >>> Level("2", "Quite likely", 3)
    Level(code='2', label='Quite likely', value=3, description='', probability=None, amount=None)
    >>> Level("3", "Major", 3, amount=[500_000, 5_000_000]).amount
    (500000, 5000000)
    """

    code: str = field(converter=strip_text, validator=non_empty)
    label: str = field(converter=strip_text)
    value: float = field(converter=_number)
    description: str = field(default="", converter=strip_text, kw_only=True)
    #: Where the scale is defined by probability: ``(low, high)`` as fractions.
    probability: tuple[float, float] | None = field(
        default=None, converter=_probability, kw_only=True
    )
    #: Where an impact level is defined by money: ``(low, high)`` in pounds, both inclusive.
    amount: tuple[float, float] | None = field(default=None, converter=_amount, kw_only=True)

    def __str__(self) -> str:
        if self.label and self.label != self.code:
            return f"{self.code} ({self.label})"
        return self.code


def fold_code(code: str) -> str:
    """A printed code as scales compare codes: case and white space ignored."""
    return "".join(code.split()).casefold()


#: The words that score a dimension as "does not apply", unless a scale says otherwise.
NOT_APPLICABLE = ("0", "n/a", "not applicable")


def _dimension_words(instance: Scale, attribute: attrs.Attribute[Any], words: Any) -> None:
    """The dimensions are distinct; their "does not apply" words are not level codes."""
    for index, name in enumerate(instance.dimensions):
        if not name:
            raise ValidationError("a dimension name must not be empty", f"dimensions[{index}]")
        if name.casefold() in (n.casefold() for n in instance.dimensions[:index]):
            raise ValidationError(f"the dimension {name!r} is named twice",
                                  f"dimensions[{index}]")
    if not instance.dimensions:
        return
    for index, word in enumerate(words):
        if fold_code(word) in instance._by_code:
            raise ValidationError(
                f"{word!r} is a level code of the {instance.name} scale, so it cannot also "
                "mean 'does not apply'", f"not_applicable[{index}]")


def _money_dimension(instance: Scale, attribute: attrs.Attribute[Any], name: str) -> None:
    if name and name not in instance.dimensions:
        known = ", ".join(instance.dimensions) or "none"
        raise ValidationError(f"{name!r} is not one of the dimensions ({known})",
                              "money_dimension")


def _distinct_codes(instance: Scale, attribute: attrs.Attribute[Any], levels: Any) -> None:
    if not levels:
        raise ValidationError(f"the {instance.name} scale needs at least one level", "levels")
    seen: set[str] = set()
    for index, level in enumerate(levels):
        if not isinstance(level, Level):
            raise ValueTypeError("a Level", level, f"levels[{index}]")
        folded = fold_code(level.code)
        if folded in seen:
            raise ValidationError(
                f"the {instance.name} scale repeats the code {level.code!r}", f"levels[{index}]"
            )
        seen.add(folded)


@frozen
class Scale:
    """An ordinal scale: its levels in order of severity, least severe first.

    The order is the scale's meaning, independent of the printed codes: in a scheme
    that prints likelihood ``1`` for *very likely*, ``1`` comes last.

    >>> s = Scale("likelihood", [Level("3", "Unlikely", 1), Level("2", "Likely", 2),
    ...                          Level("1", "Very likely", 3)])
    >>> s.level("1").label, s.rank(s.level("1")), s.codes
    ('Very likely', 2, ('3', '2', '1'))
    """

    name: str = field(converter=strip_text, validator=non_empty)
    levels: tuple[Level, ...] = field(converter=to_tuple, validator=_distinct_codes)
    #: Impact scored on several dimensions (financial, reputation, …), combined by maximum.
    dimensions: tuple[str, ...] = field(default=(), converter=texts, kw_only=True)
    #: Words that score a dimension as "does not apply" (used only with ``dimensions``).
    not_applicable: tuple[str, ...] = field(
        default=NOT_APPLICABLE, converter=texts, kw_only=True
    )
    #: The dimension that the levels' money bands (``amount``) describe, if only one does.
    money_dimension: str = field(
        default="", converter=strip_text, kw_only=True, validator=_money_dimension
    )
    _by_code: dict[str, int] = field(init=False, repr=False, eq=False, hash=False)

    @_by_code.default
    def _index(self) -> dict[str, int]:
        return {
            fold_code(level.code): rank
            for rank, level in enumerate(self.levels)
            if isinstance(level, Level)
        }

    @_by_code.validator
    def _check_words(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        _dimension_words(self, attribute, self.not_applicable)

    @functools.cached_property
    def _by_identity(self) -> dict[int, int]:
        """Each of its own levels' rank by identity (made on first use, never copied)."""
        return {id(level): rank for rank, level in enumerate(self.levels)}

    def is_not_applicable(self, word: str) -> bool:
        """Whether *word* scores a dimension as "does not apply" (case and spaces ignored).

        >>> Scale("impact", [Level("1", "Low", 1)], dimensions=["money"]).is_not_applicable("N/A")
        True
        """
        folded = {fold_code(w) for w in self.not_applicable}
        return bool(self.dimensions) and fold_code(word) in folded

    def level(self, code: str | int, *, scheme_id: str = "") -> Level:
        """The level printed as *code* (case and spaces ignored); ``LevelError`` if none."""
        rank = self._by_code.get(fold_code(str(code)))
        if rank is None:
            raise LevelError(code, scheme_id or "this scale", self.name, self.codes)
        return self.levels[rank]

    def rank(self, level: Level) -> int:
        """Position of *level* in severity order, 0 for the least severe."""
        found = self._by_identity.get(id(level))
        if found is not None and self.levels[found] is level:  # (a copy's ids are stale)
            return found
        found = self._by_code.get(fold_code(level.code))
        if found is None or self.levels[found] != level:
            raise LevelError(level.code, "this scale", self.name, self.codes)
        return found

    @property
    def codes(self) -> tuple[str, ...]:
        """The printed codes, least severe first."""
        return tuple(level.code for level in self.levels)

    @property
    def least(self) -> Level:
        """The least severe level."""
        return self.levels[0]

    @property
    def most(self) -> Level:
        """The most severe level."""
        return self.levels[-1]

    def __len__(self) -> int:
        return len(self.levels)

    def __iter__(self) -> Iterator[Level]:
        return iter(self.levels)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Level):
            rank = self._by_code.get(fold_code(item.code))
            return rank is not None and self.levels[rank] == item
        if isinstance(item, str):
            return fold_code(item) in self._by_code
        return False
