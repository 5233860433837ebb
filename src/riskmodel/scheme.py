"""Scoring schemes: two scales, a rating rule, bands, a notation and appetite thresholds."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal

import attrs
from attrs import field, frozen

from riskmodel import display as _display
from riskmodel._bulk import equal_if_same
from riskmodel._validate import (
    Choice,
    finite,
    matches,
    non_empty,
    one_of,
    optional_number,
    strip_text,
    texts,
    to_tuple,
)
from riskmodel.appetite import AppetiteLevel, AtAppetite
from riskmodel.assessment import Assessment
from riskmodel.errors import (
    AppetiteLevelError,
    BandError,
    LevelError,
    SchemeError,
    ValidationError,
    ValueTypeError,
)
from riskmodel.notation import (
    NotationWords,
    check_notation,
    normalise,
    parse_assessment,
    parse_score,
)
from riskmodel.scale import Level, Scale, fold_code
from riskmodel.score import Score

__all__ = ["Band", "Notation", "NotationWords", "RatingRule", "RuleKind", "ScoringScheme"]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
#: Argument types that key the score memo as given: a bounded set, unlike free text.
_BOUNDED_KEYS: frozenset[type] = frozenset({Level, int})


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


def _flag(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise ValueTypeError("true or false", value, attribute.name)


def _no_blank_word(instance: Band, attribute: attrs.Attribute[Any], value: Any) -> None:
    for index, word in enumerate(value):
        if not normalise(word):
            raise ValidationError("a band word must not be empty", f"words[{index}]")


@frozen
class Band:
    """A named band of cells, such as *red* or *above tolerance*.

    A band takes cells either by rating range (``minimum <= rating <= maximum``; either
    end may be open), or by listing them as ``(likelihood code, impact code)`` pairs, or,
    as the scheme's one *catch-all* band, every cell that no other band takes.

    Registers print a band by its key, its label, its colour word, or another word or
    letter the council uses (``A`` for amber, ``Y`` for above tolerance): ``words``.

    >>> Band("red", "High", minimum=15).contains(20, "5", "4")
    True
    >>> Band("amber", "Medium", colour="#f9a825", words=["A", "Amber/Medium"]).printed
    ('amber', 'Medium', 'A', 'Amber/Medium')
    """

    key: str = field(converter=strip_text, validator=non_empty)
    label: str = field(converter=strip_text)
    colour: str = field(default="", converter=strip_text, kw_only=True)
    minimum: float | None = field(default=None, converter=optional_number, kw_only=True)
    maximum: float | None = field(default=None, converter=optional_number, kw_only=True)
    cells: tuple[tuple[str, str], ...] = field(default=(), converter=_cells, kw_only=True)
    #: More words and letters that registers print for this band.
    words: tuple[str, ...] = field(
        default=(), converter=texts, validator=_no_blank_word, kw_only=True
    )
    #: The band of every cell that no other band takes.
    catch_all: bool = field(default=False, validator=_flag, kw_only=True)
    #: The cells folded as a scale folds codes (case and spaces ignored), worked out once.
    _folded: frozenset[tuple[str, str]] = field(init=False, repr=False, eq=False, hash=False)

    @_folded.default
    def _fold_cells(self) -> frozenset[tuple[str, str]]:
        return frozenset((fold_code(lc), fold_code(ic)) for lc, ic in self.cells)

    @property
    def printed(self) -> tuple[str, ...]:
        """Every word that names this band in print: key, label, colour word, ``words``.

        A colour such as ``#c62828`` is not a word and is left out.
        """
        colour = (self.colour,) if self.colour and not self.colour.startswith("#") else ()
        found = (self.key, self.label, *self.words, *colour)
        return tuple(dict.fromkeys(word for word in found if word))

    def contains(self, rating: float, likelihood: str, impact: str) -> bool:
        """Whether the cell with this rating and these codes falls in the band.

        A catch-all band takes no cell by itself: its scheme gives it the cells left over
        (:meth:`ScoringScheme.band_of`).
        """
        if self.catch_all:
            return False
        if self.cells:
            return (fold_code(likelihood), fold_code(impact)) in self._folded
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
    #: The words printed around codes (``impact``, ``probability``, ``score``, ``RAG``…),
    #: which :meth:`ScoringScheme.parse_assessment` reads.
    words: NotationWords = field(factory=NotationWords, kw_only=True)


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
    _check_bands(instance, fail)
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


def _check_bands(instance: ScoringScheme, fail: Callable[[str, str], SchemeError]) -> None:
    """Bands name cells of the scales, once each, and each band word names one band."""
    lk, im = instance.likelihood, instance.impact
    catch_all = [index for index, band in enumerate(instance.bands) if band.catch_all]
    for index, band in enumerate(instance.bands):
        if not isinstance(band, Band):
            raise fail(f"bands[{index}]", f"expected a Band, not {type(band).__name__}")
        if band.cells and (band.minimum is not None or band.maximum is not None):
            raise fail(f"bands[{index}]", f"band {band.key!r} gives both cells and a range")
        if band.catch_all and (band.cells or band.minimum is not None
                               or band.maximum is not None):
            raise fail(f"bands[{index}].catch_all",
                       f"band {band.key!r} is the catch-all band, so it takes no cells or range")
        for lc, ic in band.cells:
            if lc not in lk or ic not in im:
                raise fail(f"bands[{index}].cells",
                           f"band {band.key!r} names cell ({lc}, {ic}) outside the scales")
    if len(catch_all) > 1:
        raise fail(f"bands[{catch_all[1]}].catch_all", "only one band may be the catch-all band")
    keys = [band.key for band in instance.bands]
    if len(set(keys)) != len(keys):
        raise fail("bands", f"band keys repeat: {keys}")
    if not isinstance(instance.partial_bands, bool):
        raise fail("partial_bands", "expected true or false")
    if instance.partial_bands and not instance.bands:
        raise fail("partial_bands", "a scheme without bands has no cells to leave unbanded")
    if instance.partial_bands and catch_all:
        raise fail("partial_bands", f"band {instance.bands[catch_all[0]].key!r} takes every "
                                    "cell left over, so no cell is unbanded")
    if instance.bands:
        for lv in lk:
            for iv in im:
                rating = instance.rate(lv, iv)
                hits = [b.key for b in instance.bands if b.contains(rating, lv.code, iv.code)]
                if len(hits) > 1 or not (hits or catch_all or instance.partial_bands):
                    found = "no band" if not hits else f"bands {hits}"
                    raise fail("bands",
                               f"cell ({lv.code}, {iv.code}) rated {rating:g} falls in {found}")
    owners: dict[str, set[str]] = {}
    for band in instance.bands:
        for word in band.printed:
            owners.setdefault(normalise(word), set()).add(band.key)
    for index, band in reversed(list(enumerate(instance.bands))):  # the later band is at fault
        for position, word in enumerate(band.words):
            others = sorted(owners[normalise(word)] - {band.key})
            if others:
                raise fail(f"bands[{index}].words[{position}]",
                           f"{word!r} also names band {', '.join(repr(k) for k in others)}")


def _appetite(value: Any) -> tuple[tuple[AppetiteLevel, float], ...]:
    return tuple((AppetiteLevel(k), finite(v)) for k, v in to_tuple(value))


@equal_if_same
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
    #: Whether a rating equal to the appetite threshold is within appetite, within but
    #: reported, or outside it (see :class:`~riskmodel.appetite.AtAppetite`).
    at_appetite: AtAppetite = field(default=AtAppetite.WITHIN, converter=AtAppetite,
                                    kw_only=True)
    #: Whether the bands may leave some cells out; such a cell has no band.
    partial_bands: bool = field(default=False, kw_only=True)
    description: str = field(
        default="", converter=strip_text, kw_only=True, validator=_check_scheme
    )
    _memo: dict[object, object] = field(init=False, factory=dict, repr=False, eq=False, hash=False)

    # -- cells ---------------------------------------------------------------------------

    def rate(self, likelihood: Level, impact: Level) -> float:
        """The rating of the cell (*likelihood*, *impact*) under the scheme's rule.

        Both must be levels of this scheme; another scheme's level is a
        :class:`~riskmodel.LevelError`, even where its code is printed here too.
        """
        try:
            return self._ratings()[likelihood, impact]
        except (KeyError, TypeError):
            raise self._not_a_cell(likelihood, impact) from None

    def _ratings(self) -> dict[tuple[Level, Level], float]:
        """Every cell's rating, by its two levels: one entry per cell, worked out once."""
        found = self._memo.get("ratings")
        if found is None:
            kind = self.rating.kind
            if kind is RuleKind.TABLE:
                table = {(self.likelihood.level(lc).code, self.impact.level(ic).code): v
                         for lc, ic, v in self.rating.table}
                found = {(lk, im): table[lk.code, im.code]
                         for lk in self.likelihood for im in self.impact}
            else:
                combine = operator.mul if kind is RuleKind.PRODUCT else operator.add
                found = {(lk, im): combine(lk.value, im.value)
                         for lk in self.likelihood for im in self.impact}
            self._memo["ratings"] = found
        return found  # type: ignore[return-value]

    def _not_a_cell(self, likelihood: object, impact: object) -> LevelError:
        for level, scale in ((likelihood, self.likelihood), (impact, self.impact)):
            if level not in scale or not isinstance(level, Level):
                return LevelError(getattr(level, "code", level), self.id, scale.name,
                                  scale.codes)
        raise AssertionError("both levels are on the grid")  # pragma: no cover

    def band_of(self, likelihood: Level, impact: Level) -> Band | None:
        """The band the cell falls in; ``None`` when the scheme has no bands, or leaves the
        cell unbanded (``partial_bands``). Another scheme's level is a ``LevelError``."""
        key = ("band", likelihood, impact)
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        rating = self.rate(likelihood, impact)  # refuses a level of another scheme
        found = next(
            (b for b in self.bands if b.contains(rating, likelihood.code, impact.code)),
            self.catch_all,
        )
        self._memo[key] = found
        return found

    @property
    def catch_all(self) -> Band | None:
        """The band of every cell no other band takes, if the scheme names one."""
        return next((band for band in self.bands if band.catch_all), None)

    def band_for_rating(self, rating: float) -> Band | None:
        """The band of a rating printed without its cell, where the bands are ranges.

        ``None`` when any band lists cells (a rating does not say which cell it is), or
        when the rating falls in no band and the scheme names no catch-all band.

        >>> from riskmodel import builtin_schemes
        >>> builtin_schemes().get("generic-5x5").band_for_rating(12).key
        'amber'
        """
        if any(band.cells for band in self.bands):
            return None
        found = next((b for b in self.bands if b.contains(rating, "", "")), None)
        return found if found is not None else self.catch_all

    def band(self, word: str) -> Band:
        """The band printed as *word*: by key, else label, else its ``words``, else colour.

        Case, spaces and the spaces around ``-`` and ``/`` are ignored. A word that names
        no band, or two bands in the same way, is a :class:`~riskmodel.BandError`.

        >>> from riskmodel import builtin_schemes
        >>> generic = builtin_schemes().get("generic-5x5")
        >>> generic.band("AMBER").key, generic.band("very high").key
        ('amber', 'red')
        """
        keys = self._band_words().get(normalise(str(word)), ())
        if len(keys) != 1:
            raise BandError(str(word), self.id, keys or tuple(b.key for b in self.bands),
                            ambiguous=len(keys) > 1)
        return next(band for band in self.bands if band.key == keys[0])

    def _band_words(self) -> dict[str, tuple[str, ...]]:
        """Each printed band word → the keys of the bands it names, by the first tier that
        has it (key, label, words, colour)."""
        found = self._memo.get("band-words")
        if found is None:
            tiers: list[dict[str, list[str]]] = [{}, {}, {}, {}]
            for band in self.bands:
                colour = band.colour if not band.colour.startswith("#") else ""
                for rank, words in enumerate(((band.key,), (band.label,), band.words,
                                              (colour,))):
                    for word in words:
                        if normalise(word):
                            tiers[rank].setdefault(normalise(word), []).append(band.key)
            merged: dict[str, tuple[str, ...]] = {}
            for tier in tiers:
                for word, keys in tier.items():
                    merged.setdefault(word, tuple(dict.fromkeys(keys)))
            found = self._memo["band-words"] = merged
        return found  # type: ignore[return-value]

    @property
    def unbanded(self) -> tuple[Score, ...]:
        """The cells the bands leave out (``partial_bands``), likelihood-major."""
        if not self.bands:
            return ()
        return tuple(cell for cell in self.cells() if cell.band is None)

    def score(self, likelihood: str | int | Level, impact: str | int | Level) -> Score:
        """The score of the cell given by two levels or their printed codes.

        >>> from riskmodel import builtin_schemes
        >>> builtin_schemes().get("leicester-city-5x5").score(likelihood=5, impact=4).value
        20
        """
        # Levels and whole numbers are a bounded set of keys, so they may key the memo as
        # given (their types keep True apart from 1); text is resolved to levels first, so
        # the memo never holds more than one entry per cell and spelling.
        if type(likelihood) in _BOUNDED_KEYS and type(impact) in _BOUNDED_KEYS:
            key: tuple[object, ...] = (likelihood, impact, type(likelihood), type(impact))
            found = self._memo.get(key)
            if found is not None:
                return found  # type: ignore[return-value]
        lk = likelihood if isinstance(likelihood, Level) else self.likelihood.level(
            likelihood, scheme_id=self.id)
        im = impact if isinstance(impact, Level) else self.impact.level(
            impact, scheme_id=self.id)
        cell = ("score", lk, im)
        found = self._memo.get(cell)
        if found is None:
            found = self._memo[cell] = Score(self, lk, im)  # refuses another scheme's level
        if type(likelihood) in _BOUNDED_KEYS and type(impact) in _BOUNDED_KEYS:
            self._memo[likelihood, impact, type(likelihood), type(impact)] = found
        return found  # type: ignore[return-value]

    def combined_impact(
        self, by_dimension: Mapping[str, str | int | Level | None]
    ) -> Level | None:
        """The impact level of a risk scored on several dimensions: the most severe one.

        Each value is a level, or its printed code, or "does not apply": ``None`` or one
        of the impact scale's ``not_applicable`` words (``0``, ``n/a`` by default). A
        dimension that does not apply is left out; when none applies the result is
        ``None``. Every dimension named must be one of the impact scale's ``dimensions``.

        >>> from riskmodel import load_scheme
        >>> scheme = load_scheme("examples/schemes/nonlinear-impact-4x4.toml")
        >>> scheme.combined_impact({"financial": "2", "reputation": "n/a", "service": 3})
        Level(code='3', label='High', value=4, ...)
        >>> scheme.combined_impact({"financial": "0", "service": None}) is None
        True
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
            if code is not None and not (
                isinstance(code, str | int) and self.impact.is_not_applicable(str(code)))
        ]
        return max(levels, key=self.impact.rank) if levels else None

    def cells(self) -> Iterator[Score]:
        """Every cell as a score, likelihood-major, least severe levels first."""
        for lk in self.likelihood:
            for im in self.impact:
                yield self.score(lk, im)

    def parse(self, text: str) -> Score:
        """Read a score as printed in this scheme's notation; see :meth:`Score.parse`."""
        return parse_score(text, self)

    def parse_assessment(self, text: str) -> Assessment:
        """Read what a register prints for a score into an assessment of this scheme.

        Besides the cell as the notation prints it, this reads factors in either order
        with words around them (``(5 impact, 3 likelihood)``, ``impact major``), a code
        with its label (``4 - Likely``), a rating alone (``15``, kept as the stated
        rating: no cell is guessed), a rating with a band either way round (``15 (A)``,
        ``Amber 12``), a band word alone (``Medium-High``) and impact per dimension
        (``financial 3, reputation n/a``). A text it cannot read fully is a
        :class:`~riskmodel.NotationError`. See ``docs/schemes.md`` for every form.

        >>> from riskmodel import builtin_schemes
        >>> generic = builtin_schemes().get("generic-5x5")
        >>> a = generic.parse_assessment("(5 impact, 3 likelihood)")
        >>> str(a.score), a.stated, a.stated_band
        ('3x5', None, None)
        >>> a = generic.parse_assessment("Amber 12")
        >>> a.score, a.stated, a.stated_band
        (None, 12, 'amber')
        """
        return parse_assessment(text, self)

    # -- appetite ------------------------------------------------------------------------

    def appetite_threshold(self, level: AppetiteLevel | str) -> float:
        """The highest rating within the Orange Book appetite *level*."""
        level = AppetiteLevel(level)
        for name, threshold in self.appetite:
            if name is level:
                return threshold
        raise AppetiteLevelError(self.id, str(level), [str(name) for name, _ in self.appetite])

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

    def _repr_html_(self) -> str:
        return _display.scheme_html(self)
