"""A declared mapping between two scoring schemes: where each level or cell goes."""

from __future__ import annotations

import re
from collections.abc import Mapping

from attrs import field, frozen

from riskmodel._validate import Choice, matches, non_empty, strip_text, to_tuple
from riskmodel.errors import ValidationError, ValueTypeError

__all__ = ["MappingBasis", "SchemeMapping"]


class MappingBasis(Choice):
    """What a declared mapping keeps: each level's rank, or each cell's rating."""

    #: Each level goes where ``likelihood`` and ``impact`` say (cells may be overridden).
    LEVELS = "levels"
    #: Each cell goes to the target cell whose rating is nearest its own, scaled from the
    #: source's range of ratings onto the target's; rating order is kept.
    RATING = "rating"

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _pairs(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        value = value.items()
    return tuple((strip_text(a), strip_text(b)) for a, b in to_tuple(value))  # type: ignore[arg-type]


def _bool(instance: object, attribute: object, value: object) -> None:
    if not isinstance(value, bool):
        raise ValueTypeError("true or false", value, "lossless")


@frozen(kw_only=True)
class SchemeMapping:
    """Where each level (or cell) of one scheme goes in another, declared as data.

    ``likelihood`` and ``impact`` pair a source level code with a target level code.
    ``cells`` pair a source cell with a target cell, each as printed in its own scheme's
    notation (``"1A"``, ``"5x5"``); a cell listed there overrides the level maps.
    ``lossless`` declares that no two source cells meet, so that the mapping back
    returns every cell exactly; it is verified when the mapping is first used.
    ``by = "rating"`` converts each cell by its rating instead of by its levels
    (:class:`MappingBasis`); ``cells`` still override it.

    >>> m = SchemeMapping(id="a-to-b", source="a", target="b",
    ...                   likelihood={"1": "1", "2": "3"}, impact={"L": "1", "H": "2"})
    >>> m.likelihood
    (('1', '1'), ('2', '3'))
    """

    id: str = field(validator=matches(_ID.pattern, "a mapping id (lower-case letters, digits, "
                                               "'.', '_' and '-')"))
    source: str = field(converter=strip_text, validator=non_empty)
    target: str = field(converter=strip_text, validator=non_empty)
    likelihood: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    impact: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    cells: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    lossless: bool = field(default=False, validator=_bool)
    description: str = field(default="", converter=strip_text)
    by: MappingBasis = field(default=MappingBasis.LEVELS, converter=MappingBasis)

    @by.validator
    def _levels_or_rating(self, attribute: object, value: MappingBasis) -> None:
        if value is MappingBasis.RATING and (self.likelihood or self.impact):
            raise ValidationError("a mapping by rating takes no likelihood or impact table; "
                                  "its cells go by their ratings", "by")
    def __str__(self) -> str:
        return self.id
