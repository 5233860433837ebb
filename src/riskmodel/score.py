"""A score: one cell of a scoring scheme, bound to that scheme."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

# The scheme module builds scores, so this module must not import it. Annotations name
# the scheme through the package, which is loaded before any type hints are read.
import riskmodel
from riskmodel import display as _display
from riskmodel._bulk import equal_if_same
from riskmodel.errors import LevelError, SchemeMismatchError, ValueTypeError
from riskmodel.notation import format_score, parse_score
from riskmodel.scale import Level

if TYPE_CHECKING:
    import riskmodel.scheme

__all__ = ["Score"]


def _on_axis(axis: str) -> Any:
    def check(instance: Score, attribute: attrs.Attribute[Level], level: Level) -> None:
        scale = getattr(instance.scheme, axis)
        if not isinstance(level, Level) or level not in scale:
            raise LevelError(
                getattr(level, "code", level), instance.scheme.id, scale.name, scale.codes
            )

    return check


@equal_if_same
@frozen(order=False)
class Score:
    """A likelihood level and an impact level of one scheme.

    A score knows its scheme, so it knows its rating, its band and how it is printed.
    Scores of one scheme order by severity: by rating, then impact, then likelihood.
    Ordering scores of two schemes raises :class:`~riskmodel.SchemeMismatchError`.

    >>> from riskmodel import builtin_schemes
    >>> leicester = builtin_schemes().get("leicester-city-5x5")
    >>> s = Score.parse("4x5", leicester)
    >>> s.impact.code, s.likelihood.code, s.value, str(s)
    ('4', '5', 20, '4x5')
    >>> s > leicester.score(likelihood=4, impact=4)
    True
    """

    scheme: riskmodel.scheme.ScoringScheme = field(repr=lambda s: s.id)
    likelihood: Level = field(validator=_on_axis("likelihood"))
    impact: Level = field(validator=_on_axis("impact"))

    @classmethod
    def parse(cls, text: str, scheme: riskmodel.scheme.ScoringScheme) -> Score:
        """Read *text* as printed in *scheme*'s notation (``2B``, ``B2``, ``3 B``, ``4x5``…).

        A rating alone (``25``) is read only when a single cell has it.
        """
        return parse_score(text, scheme)

    @functools.cached_property
    def value(self) -> float:
        """The rating the scheme's rule gives this cell (worked out once, on first use)."""
        return self.scheme.rate(self.likelihood, self.impact)

    @functools.cached_property
    def band(self) -> riskmodel.scheme.Band | None:  # attrs adds it to __annotations__
        """The scheme's band for this cell; ``None`` when the scheme has no bands, or
        leaves this cell unbanded (:attr:`unbanded`). Worked out once, on first use."""
        return self.scheme.band_of(self.likelihood, self.impact)

    @property
    def unbanded(self) -> bool:
        """Whether the scheme has bands but leaves this cell in none (``partial_bands``)."""
        return bool(self.scheme.bands) and self.band is None

    @property
    def severity(self) -> tuple[float, int, int]:
        """The sort key: rating, then impact rank, then likelihood rank."""
        return (
            self.value,
            self.scheme.impact.rank(self.impact),
            self.scheme.likelihood.rank(self.likelihood),
        )

    def _key(self, other: object) -> tuple[tuple[float, int, int], tuple[float, int, int]]:
        if not isinstance(other, Score):
            raise ValueTypeError("a Score to compare with", other)
        if other.scheme is not self.scheme and other.scheme != self.scheme:
            raise SchemeMismatchError(self.scheme.id, other.scheme.id)
        return self.severity, other.severity

    def __lt__(self, other: object) -> bool:
        mine, theirs = self._key(other)
        return mine < theirs

    def __le__(self, other: object) -> bool:
        mine, theirs = self._key(other)
        return mine <= theirs

    def __gt__(self, other: object) -> bool:
        mine, theirs = self._key(other)
        return mine > theirs

    def __ge__(self, other: object) -> bool:
        mine, theirs = self._key(other)
        return mine >= theirs

    def __str__(self) -> str:
        return self._shown

    @functools.cached_property
    def _shown(self) -> str:
        return format_score(self)

    def _repr_html_(self) -> str:
        return _display.score_html(self)
