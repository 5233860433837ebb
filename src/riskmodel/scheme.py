"""Scoring schemes: two scales, a rating rule, bands, a notation and appetite thresholds."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs
from attrs import field, frozen

from riskmodel._validate import (
    Choice,
    finite,
    matches,
    non_empty,
    one_of,
    optional_number,
    strip_text,
    to_tuple,
)
from riskmodel.appetite import AppetiteLevel
from riskmodel.errors import SchemeError, ValidationError
from riskmodel.notation import check_notation, parse_score
from riskmodel.scale import Level, Scale
from riskmodel.score import Score

__all__ = ["Band", "Notation", "RatingRule", "RuleKind", "ScoringScheme"]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class RuleKind(Choice):
    """How a cell's rating is worked out from its two levels."""

    PRODUCT = "product"
    SUM = "sum"
    TABLE = "table"


def _cells(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((strip_text(lc), strip_text(ic)) for lc, ic in to_tuple(value))


def _table(value: Any) -> tuple[tuple[str, str, float], ...]:
    return tuple((strip_text(lc), strip_text(ic), finite(v)) for lc, ic, v in to_tuple(value))


def _sorted_table(value: Any) -> tuple[tuple[str, str, float], ...]:
    """The table as a canonical key: cells sorted, codes compared without case."""
    cells = ((str(lc).casefold(), str(ic).casefold(), v) for lc, ic, v in to_tuple(value))
    return tuple(sorted(cells, key=lambda cell: (cell[0], cell[1])))


@frozen
class RatingRule:
    """A cell's rating: the product or sum of the level values, or a lookup table.

    The table holds ``(likelihood code, impact code, rating)`` for every cell.

    >>> RatingRule(RuleKind.PRODUCT)
    RatingRule(kind=<RuleKind.PRODUCT: 'product'>, table=())
    """

    kind: RuleKind = field(converter=RuleKind)
    #: Compared as a set of cells, so the same table listed in another order is equal.
    table: tuple[tuple[str, str, float], ...] = field(
        default=(), converter=_table, eq=_sorted_table
    )


@frozen
class Band:
    """A named band of cells, such as *red* or *above tolerance*.

    A band takes cells either by rating range (``minimum <= rating <= maximum``; either
    end may be open) or by listing them as ``(likelihood code, impact code)`` pairs.

    >>> Band("red", "High", minimum=15).contains(20, "5", "4")
    True
    """

    key: str = field(converter=strip_text, validator=non_empty)
    label: str = field(converter=strip_text)
    colour: str = field(default="", converter=strip_text, kw_only=True)
    minimum: float | None = field(default=None, converter=optional_number, kw_only=True)
    maximum: float | None = field(default=None, converter=optional_number, kw_only=True)
    cells: tuple[tuple[str, str], ...] = field(default=(), converter=_cells, kw_only=True)

    def contains(self, rating: float, likelihood: str, impact: str) -> bool:
        """Whether the cell with this rating and these codes falls in the band."""
        if self.cells:
            return (likelihood.casefold(), impact.casefold()) in {
                (lc.casefold(), ic.casefold()) for lc, ic in self.cells
            }
        if self.minimum is not None and rating < self.minimum:
            return False
        return self.maximum is None or rating <= self.maximum

    def __str__(self) -> str:
        return self.label or self.key


@frozen
class Notation:
    """How a score is printed: ``2B``, ``B2``, ``4x5``, ``I4 L5 = 20``.

    >>> Notation("likelihood-impact").order
    'likelihood-impact'
    """

    order: Literal["likelihood-impact", "impact-likelihood"] = field(
        default="likelihood-impact",
        validator=one_of(("likelihood-impact", "impact-likelihood")),
    )
    separator: str = field(default="", kw_only=True)
    likelihood_prefix: str = field(default="", kw_only=True)
    impact_prefix: str = field(default="", kw_only=True)
    #: Append the rating, as in ``I4 L5 = 20``.
    show_value: bool = field(default=False, kw_only=True)
    #: Read a rating printed alone (``25``) as the one cell that has it. Turn this off
    #: where the ratings are not printed by the council (a table riskmodel supplied).
    rating_alone: bool = field(default=True, kw_only=True)


def _check_scheme(instance: ScoringScheme, attribute: attrs.Attribute[Any], _: Any) -> None:
    """Cross-field invariants: the table covers every cell, bands cover every cell once."""
    where = f"scheme {instance.id}"

    def fail(key: str, problem: str) -> SchemeError:
        return SchemeError(where, problem, key=key)

    lk, im = instance.likelihood, instance.impact
    for scale in (lk, im):
        for index, (lower, higher) in enumerate(itertools.pairwise(scale.levels), 1):
            if higher.value < lower.value:
                raise fail(
                    f"{scale.name}.levels[{index}]",
                    f"{scale.name} levels run least severe first, so values must not fall: "
                    f"{higher.code} ({higher.value:g}) comes after {lower.code} ({lower.value:g})",
                )
    ratings: dict[tuple[str, str], float] = {}
    if instance.rating.kind is RuleKind.TABLE:
        for lc, ic, value in instance.rating.table:
            if lc not in lk or ic not in im:
                raise fail("rating", f"rating table names cell ({lc}, {ic}) outside the scales")
            key = (lk.level(lc).code, im.level(ic).code)
            if key in ratings:
                raise fail("rating", f"rating table gives cell ({lc}, {ic}) twice")
            ratings[key] = value
        missing = [(a.code, b.code) for a in lk for b in im if (a.code, b.code) not in ratings]
        if missing:
            raise fail("rating", f"rating table has no rating for cells {missing}")
    elif instance.rating.table:
        raise fail("rating", f"a {instance.rating.kind} rule takes no table")
    for index, band in enumerate(instance.bands):
        if band.cells and (band.minimum is not None or band.maximum is not None):
            raise fail(f"bands[{index}]", f"band {band.key!r} gives both cells and a range")
        for lc, ic in band.cells:
            if lc not in lk or ic not in im:
                raise fail(f"bands[{index}].cells",
                           f"band {band.key!r} names cell ({lc}, {ic}) outside the scales")
    keys = [band.key for band in instance.bands]
    if len(set(keys)) != len(keys):
        raise fail("bands", f"band keys repeat: {keys}")
    if instance.bands:
        for lv in lk:
            for iv in im:
                rating = instance.rate(lv, iv)
                hits = [b.key for b in instance.bands if b.contains(rating, lv.code, iv.code)]
                if len(hits) != 1:
                    found = "no band" if not hits else f"bands {hits}"
                    raise fail("bands",
                               f"cell ({lv.code}, {iv.code}) rated {rating:g} falls in {found}")
    levels = [lv for lv, _ in instance.appetite]
    if len(set(levels)) != len(levels):
        raise fail("appetite", "appetite repeats a level")
    ordered = sorted(instance.appetite, key=lambda pair: list(AppetiteLevel).index(pair[0]))
    thresholds = [t for _, t in ordered]
    if thresholds != sorted(thresholds):
        raise fail("appetite", "appetite thresholds must not fall from averse to eager")
    problem = check_notation(instance)
    if problem:
        raise fail("notation", problem)


def _appetite(value: Any) -> tuple[tuple[AppetiteLevel, float], ...]:
    return tuple((AppetiteLevel(k), finite(v)) for k, v in to_tuple(value))


@frozen(cache_hash=True)
class ScoringScheme:
    """A scoring scheme: how a register turns likelihood and impact into a rating and band.

    Build one from TOML with :func:`riskmodel.load_scheme`, or take a built-in one from
    :func:`riskmodel.builtin_schemes`.

    >>> from riskmodel import builtin_schemes
    >>> scheme = builtin_schemes().get("leicestershire-4x4")
    >>> scheme.likelihood.level("1").label, scheme.impact.level("A").label
    ('Very likely', 'Severe')
    >>> str(scheme.score("2", "B"))
    '2B'
    """

    id: str = field(validator=matches(_ID.pattern, "a scheme id (lower-case letters, "
                                                "digits, '.', '_' and '-')"))
    name: str = field(converter=strip_text)
    likelihood: Scale
    impact: Scale
    rating: RatingRule = field(kw_only=True)
    bands: tuple[Band, ...] = field(default=(), converter=to_tuple, kw_only=True)
    notation: Notation = field(factory=Notation, kw_only=True)
    #: Orange Book level → the highest rating within that appetite.
    appetite: tuple[tuple[AppetiteLevel, float], ...] = field(
        default=(), converter=_appetite, kw_only=True
    )
    description: str = field(
        default="", converter=strip_text, kw_only=True, validator=_check_scheme
    )
    _memo: dict[object, object] = field(init=False, factory=dict, repr=False, eq=False, hash=False)

    # -- cells ---------------------------------------------------------------------------

    def rate(self, likelihood: Level, impact: Level) -> float:
        """The rating of the cell (*likelihood*, *impact*) under the scheme's rule."""
        kind = self.rating.kind
        if kind is RuleKind.PRODUCT:
            return likelihood.value * impact.value
        if kind is RuleKind.SUM:
            return likelihood.value + impact.value
        table = self._memo.get("table")
        if table is None:
            table = {
                (self.likelihood.level(lc).code, self.impact.level(ic).code): v
                for lc, ic, v in self.rating.table
            }
            self._memo["table"] = table
        return table[(likelihood.code, impact.code)]  # type: ignore[index,no-any-return]

    def band_of(self, likelihood: Level, impact: Level) -> Band | None:
        """The band the cell falls in, or ``None`` when the scheme defines no bands."""
        key = ("band", likelihood.code, impact.code)
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        rating = self.rate(likelihood, impact)
        found = next(
            (b for b in self.bands if b.contains(rating, likelihood.code, impact.code)), None
        )
        self._memo[key] = found
        return found

    def score(self, likelihood: str | int | Level, impact: str | int | Level) -> Score:
        """The score of the cell given by two levels or their printed codes.

        >>> from riskmodel import builtin_schemes
        >>> builtin_schemes().get("leicester-city-5x5").score(likelihood=5, impact=4).value
        20
        """
        key: tuple[object, ...]
        if isinstance(likelihood, Level) and isinstance(impact, Level):
            key = (likelihood, impact)  # levels hash once; no code is equal to a level
        else:  # the types keep True apart from 1
            key = (likelihood, impact, type(likelihood), type(impact))
        found = self._memo.get(key)
        if found is None:
            lk = likelihood if isinstance(likelihood, Level) else self.likelihood.level(
                likelihood, scheme_id=self.id)
            im = impact if isinstance(impact, Level) else self.impact.level(
                impact, scheme_id=self.id)
            found = self._memo[key] = Score(self, lk, im)
        return found  # type: ignore[return-value]

    def combined_impact(self, by_dimension: Mapping[str, str | int | Level]) -> Level:
        """The impact level of a risk scored on several dimensions: the most severe one.

        Every dimension named must be one of the impact scale's ``dimensions``.
        """
        if not by_dimension:
            raise ValidationError("no impact dimensions were given")
        unknown = sorted(set(by_dimension) - set(self.impact.dimensions))
        if unknown:
            known = ", ".join(self.impact.dimensions) or "none"
            raise SchemeError(self.id, f"unknown impact dimensions {unknown}; known: {known}")
        levels = [
            code if isinstance(code, Level) else self.impact.level(code, scheme_id=self.id)
            for code in by_dimension.values()
        ]
        return max(levels, key=self.impact.rank)

    def cells(self) -> Iterator[Score]:
        """Every cell as a score, likelihood-major, least severe levels first."""
        for lk in self.likelihood:
            for im in self.impact:
                yield self.score(lk, im)

    def parse(self, text: str) -> Score:
        """Read a score as printed in this scheme's notation; see :meth:`Score.parse`."""
        return parse_score(text, self)

    # -- appetite ------------------------------------------------------------------------

    def appetite_threshold(self, level: AppetiteLevel | str) -> float:
        """The highest rating within the Orange Book appetite *level*."""
        level = AppetiteLevel(level)
        for name, threshold in self.appetite:
            if name is level:
                return threshold
        raise LookupError(f"scheme {self.id} sets no threshold for appetite {level!s}")

    @property
    def max_rating(self) -> float:
        """The highest rating any cell can have."""
        return max(score.value for score in self.cells())

    @property
    def min_rating(self) -> float:
        """The lowest rating any cell can have."""
        return min(score.value for score in self.cells())

    def __str__(self) -> str:
        return self.id
