"""Conversion of scores and registers between scoring schemes, saying what was lost.

Three rules, tried in this order:

``identity``
    The score is already on the target scheme; it is returned unchanged.
``declared:<mapping id>``
    A :class:`~riskmodel.mapping.SchemeMapping` declared as data says where each level
    (or cell) goes.
``ordinal-rank``
    No mapping is declared: each level goes by its severity rank, proportionally. Level
    of rank *r* (0 = least severe) on a scale of *n* levels goes to rank
    ``round_half_up(r · (m − 1) / (n − 1))`` of the target's *m* levels, so the least
    and most severe levels meet their counterparts and nothing is clamped. A scale of
    one level goes to rank ``round_half_up((m − 1) / 2)``.

A declared mapping may instead go ``by = "rating"``: each cell goes to the target cell
whose rating is nearest its own, scaled from the source's range of ratings onto the
target's, so rating order is kept.

A conversion reports three things apart:

*reasons* (real loss)
    two source levels or cells land on one target cell, so the conversion cannot be
    undone; a conversion with none is ``exact``.
*band changes*
    the cell is kept, but its band is called something else on the target (its label,
    else its key: ``High (red)`` becomes ``Very high (red)``; an ``amber`` called
    *Medium* in both schemes keeps its meaning even if the colour changes). Nothing is
    lost: the target scheme bands the same cell differently.
*reversals*
    a pair of source cells whose rating order the conversion turns round: one rates
    below the other before and above it after. Each pair is reported.

Conversions keep the severity order of each scale, so a cell that is no more severe
than another on both factors never converts to a more severe one. No rule that maps
each scale on its own can keep the rating order of *every* pair of cells (impact values
1, 2, 4, 8 by rank onto a 5×5 turn 16 and 12 round), which is why reversals are
reported, and why a mapping may go by rating.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from attrs import field, frozen

from riskmodel import display as _display
from riskmodel._bulk import Referable, assembler, derive, paused_gc
from riskmodel._validate import to_tuple
from riskmodel.appetite import Appetite, AppetitePolicy
from riskmodel.assessment import Assessment, Stage, to_stage
from riskmodel.errors import NotationError, SchemeError
from riskmodel.mapping import MappingBasis, SchemeMapping
from riskmodel.register import HeatMap, Placement, Register
from riskmodel.registry import MappingRegistry, builtin_schemes, default_mappings
from riskmodel.risk import Risk
from riskmodel.scale import Level, Scale
from riskmodel.scheme import Band, ScoringScheme
from riskmodel.score import Score

__all__ = [
    "Conversion",
    "RegisterConversion",
    "Reversal",
    "StageConversion",
    "convert",
    "convert_register",
    "ordinal_rank",
]

IDENTITY = "identity"
ORDINAL = "ordinal-rank"


def ordinal_rank(rank: int, n: int, m: int) -> int:
    """The target rank of source *rank* (of *n* levels) on a scale of *m* levels.

    >>> [ordinal_rank(r, 5, 4) for r in range(5)]
    [0, 1, 2, 2, 3]
    >>> [ordinal_rank(r, 4, 5) for r in range(4)]
    [0, 1, 3, 4]
    """
    if n == 1:
        return m // 2
    # round half up of rank * (m - 1) / (n - 1), in integers
    return (2 * rank * (m - 1) + (n - 1)) // (2 * (n - 1))


@frozen
class Reversal:
    """Two source cells whose rating order a conversion turns round.

    ``lower`` rates below ``higher`` on the source scheme, but ``lower_to`` rates above
    ``higher_to`` on the target.
    """

    lower: Score
    higher: Score
    lower_to: Score
    higher_to: Score

    def __str__(self) -> str:
        def cell(score: Score) -> str:
            return f"{str(score).split(' = ')[0]} ({score.value:g})"

        return (f"{cell(self.lower)} rates below {cell(self.higher)} on "
                f"{self.lower.scheme.id}, but becomes {cell(self.lower_to)}, above "
                f"{cell(self.higher_to)} on {self.lower_to.scheme.id}")


@frozen
class Conversion:
    """What converting one score did: the result, the rule used, and what was lost.

    >>> from riskmodel import builtin_schemes
    >>> schemes = builtin_schemes()
    >>> c = convert(schemes.get("generic-5x5").score(3, 3), schemes.get("generic-4x4"))
    >>> str(c.result), c.rule, c.exact
    ('3x3', 'declared:generic-5x5-to-generic-4x4', False)
    >>> for reason in c.reasons: print(reason)
    likelihood 3 (Possible) and 4 (Likely) of generic-5x5 both become 3 (Likely)
    impact 3 (Moderate) and 4 (Major) of generic-5x5 both become 3 (Major)
    """

    source: Score
    result: Score
    #: ``identity``, ``declared:<mapping id>`` or ``ordinal-rank``.
    rule: str
    #: What was lost (cells that meet); empty when the conversion is exact.
    reasons: tuple[str, ...] = field(default=(), converter=to_tuple)
    #: How the cell's band is called otherwise on the target; nothing is lost by it.
    band_changes: tuple[str, ...] = field(default=(), converter=to_tuple)
    #: Every pair of source cells, this one among them, whose rating order is turned round.
    reversals: tuple[Reversal, ...] = field(default=(), converter=to_tuple)

    @property
    def exact(self) -> bool:
        """Whether nothing was lost: no other cell meets this one."""
        return not self.reasons

    @property
    def order_kept(self) -> bool:
        """Whether no pair of cells with this one in it changes rating order."""
        return not self.reversals

    @property
    def band_before(self) -> Band | None:
        """The source cell's band."""
        return self.source.band

    @property
    def band_after(self) -> Band | None:
        """The result cell's band."""
        return self.result.band

    def _repr_html_(self) -> str:
        return _display.conversion_html(self)


# -- plans: every cell of one scheme converted to another, worked out once ----------------


@frozen
class _Plan:
    rule: str
    cells: dict[tuple[str, str], Conversion] = field(eq=False, hash=False)
    likelihood: dict[str, Level] = field(eq=False, hash=False)
    impact: dict[str, Level] = field(eq=False, hash=False)
    reversals: tuple[Reversal, ...] = ()


def _level_name(level: Level) -> str:
    if level.label and level.label != level.code:
        return f"{level.code} ({level.label})"
    return level.code


def _meaning(band: Band) -> str:
    """What a band says: its label (``Medium``), else its key; colours differ by council."""
    return (band.label or band.key).casefold()


def _band_name(band: Band) -> str:
    return f"{band.label} ({band.key})" if band.label and band.label != band.key else band.key


def _ordinal_axis(source: Scale, target: Scale) -> dict[str, Level]:
    n, m = len(source), len(target)
    return {lv.code: target.levels[ordinal_rank(r, n, m)] for r, lv in enumerate(source.levels)}


def _declared_axis(
    pairs: tuple[tuple[str, str], ...], source: Scale, target: Scale, where: str, axis: str
) -> dict[str, Level]:
    found: dict[str, Level] = {}
    for src, tgt in pairs:
        if src not in source:
            raise SchemeError(where, f"{axis} {src!r} is not a level of {source.name} "
                                     f"({', '.join(source.codes)})")
        if tgt not in target:
            raise SchemeError(where, f"{axis} {tgt!r} is not a target level "
                                     f"({', '.join(target.codes)})")
        found[source.level(src).code] = target.level(tgt)
    return found


def _axis_reasons(
    mapping: dict[str, Level], scale: Scale, axis: str, scheme_id: str
) -> dict[str, str]:
    """For each source code whose target level is shared, the sentence saying so."""
    by_target: dict[str, list[Level]] = {}
    for level in scale.levels:
        if level.code in mapping:
            by_target.setdefault(mapping[level.code].code, []).append(level)
    reasons: dict[str, str] = {}
    for sources in by_target.values():
        if len(sources) > 1:
            names = [_level_name(lv) for lv in sources]
            joined = " and ".join(names) if len(names) == 2 else ", ".join(names)
            word = "both" if len(names) == 2 else "all"
            sentence = (f"{axis} {joined} of {scheme_id} {word} become "
                        f"{_level_name(mapping[sources[0].code])}")
            for lv in sources:
                reasons[lv.code] = sentence
    if len(scale) == 1 and scale.levels[0].code in mapping:
        code = scale.levels[0].code
        reasons.setdefault(code, f"{axis} of {scheme_id} has one level; it becomes the middle "
                                 f"level {_level_name(mapping[code])}")
    return reasons


def _check_order(plan: dict[tuple[str, str], Score], source: ScoringScheme, where: str) -> None:
    """A declared mapping must not make a cell that is no more severe on both factors worse."""
    lk_rank = {lv.code: r for r, lv in enumerate(source.likelihood)}
    im_rank = {lv.code: r for r, lv in enumerate(source.impact)}
    items = list(plan.items())
    for (al, ai), a in items:
        for (bl, bi), b in items:
            if lk_rank[al] <= lk_rank[bl] and im_rank[ai] <= im_rank[bi] and a > b:
                raise SchemeError(
                    where, f"reverses severity order: {al}/{ai} becomes {a}, "
                           f"more severe than {b} from {bl}/{bi}"
                )


def _by_rating(source: ScoringScheme, target: ScoringScheme) -> dict[tuple[str, str], Score]:
    """Each source cell → the target cell whose rating is nearest its scaled rating.

    The source's range of ratings is stretched onto the target's; of the target's ratings
    the nearest is taken (the higher one on a tie), so the order of ratings is kept. Among
    the target cells with that rating, the one nearest the cell's rank on each scale wins.
    """
    low, high = source.min_rating, source.max_rating
    t_low, t_high = target.min_rating, target.max_rating
    ratings = sorted({cell.value for cell in target.cells()})
    by_value: dict[float, list[Score]] = {}
    for cell in target.cells():
        by_value.setdefault(cell.value, []).append(cell)
    lk_n, lk_m = len(source.likelihood), len(target.likelihood)
    im_n, im_m = len(source.impact), len(target.impact)
    found: dict[tuple[str, str], Score] = {}
    for cell in source.cells():
        scaled = (t_low + t_high) / 2 if high == low else (
            t_low + (cell.value - low) * (t_high - t_low) / (high - low))
        value = min(ratings, key=lambda r: (abs(r - scaled), -r))
        lk = ordinal_rank(source.likelihood.rank(cell.likelihood), lk_n, lk_m)
        im = ordinal_rank(source.impact.rank(cell.impact), im_n, im_m)
        found[(cell.likelihood.code, cell.impact.code)] = min(
            by_value[value],
            key=lambda c: (abs(target.likelihood.rank(c.likelihood) - lk)
                           + abs(target.impact.rank(c.impact) - im),
                           -target.impact.rank(c.impact), -target.likelihood.rank(c.likelihood)))
    return found


def _reversals(pairs: list[tuple[Score, Score]]) -> tuple[Reversal, ...]:
    """Every pair (source, result) × (source, result) whose rating order turns round."""
    ordered = sorted(pairs, key=lambda pair: pair[0].severity)
    found = []
    for index, (low, low_to) in enumerate(ordered):
        for high, high_to in ordered[index + 1:]:
            if low.value < high.value and low_to.value > high_to.value:
                found.append(Reversal(low, high, low_to, high_to))
    return tuple(found)


@functools.lru_cache(maxsize=256)
def _plan(source: ScoringScheme, target: ScoringScheme, mapping: SchemeMapping | None) -> _Plan:
    if source == target:
        same = {(s.likelihood.code, s.impact.code): Conversion(s, s, IDENTITY)
                for s in source.cells()}
        return _Plan(
            IDENTITY, same, {lv.code: lv for lv in source.likelihood},
            {lv.code: lv for lv in source.impact},
        )
    by_rating = mapping is not None and mapping.by is MappingBasis.RATING
    if mapping is None or by_rating:
        rule = ORDINAL if mapping is None else f"declared:{mapping.id}"
        lk = _ordinal_axis(source.likelihood, target.likelihood)
        im = _ordinal_axis(source.impact, target.impact)
    else:
        rule = f"declared:{mapping.id}"
        where = f"mapping {mapping.id}"
        lk = _declared_axis(mapping.likelihood, source.likelihood, target.likelihood, where,
                            "likelihood")
        im = _declared_axis(mapping.impact, source.impact, target.impact, where, "impact")
    overrides: dict[tuple[str, str], Score] = _by_rating(source, target) if by_rating else {}
    if mapping is not None:
        for src_text, tgt_text in mapping.cells:
            try:
                src, tgt = source.parse(src_text), target.parse(tgt_text)
            except NotationError as exc:
                raise SchemeError(f"mapping {mapping.id}", str(exc)) from None
            overrides[(src.likelihood.code, src.impact.code)] = tgt
    targets: dict[tuple[str, str], Score] = {}
    for cell in source.cells():
        key = (cell.likelihood.code, cell.impact.code)
        if key in overrides:
            targets[key] = overrides[key]
        elif key[0] in lk and key[1] in im:
            targets[key] = target.score(lk[key[0]], im[key[1]])
        else:
            raise SchemeError(f"mapping {rule.removeprefix('declared:')}",
                              f"does not say where cell {cell} of {source.id} goes")
    if mapping is not None and not by_rating:
        _check_order(targets, source, f"mapping {mapping.id}")
    lk_reasons = _axis_reasons(lk, source.likelihood, "likelihood", source.id)
    im_reasons = _axis_reasons(im, source.impact, "impact", source.id)
    by_target: dict[Score, list[Score]] = {}
    for cell in source.cells():
        by_target.setdefault(targets[(cell.likelihood.code, cell.impact.code)], []).append(cell)
    if mapping is not None and mapping.lossless:
        for into, sources in by_target.items():
            if len(sources) > 1:
                shown = ", ".join(str(c) for c in sources)
                raise SchemeError(f"mapping {mapping.id}",
                                  f"is declared lossless but cells {shown} meet in {into}")
    reversals = _reversals([(cell, targets[(cell.likelihood.code, cell.impact.code)])
                            for cell in source.cells()])
    involving: dict[Score, list[Reversal]] = {}
    for reversal in reversals:
        involving.setdefault(reversal.lower, []).append(reversal)
        involving.setdefault(reversal.higher, []).append(reversal)
    cells: dict[tuple[str, str], Conversion] = {}
    for cell in source.cells():
        key = (cell.likelihood.code, cell.impact.code)
        result = targets[key]
        reasons: list[str] = []
        if key in overrides:
            shared = by_target[result]
            if len(shared) > 1:
                reasons.append(f"cells {', '.join(str(c) for c in shared)} of {source.id} "
                               f"all become {result}")
        else:
            for sentence in (lk_reasons.get(key[0]), im_reasons.get(key[1])):
                if sentence:
                    reasons.append(sentence)
            if not reasons and len(by_target[result]) > 1:
                others = ", ".join(str(c) for c in by_target[result])
                reasons.append(f"cells {others} of {source.id} all become {result}")
        changes: list[str] = []
        before, after = cell.band, result.band
        if before is not None and after is None:
            where = "has no bands" if not target.bands else f"leaves {result} unbanded"
            changes.append(f"{target.id} {where}; band {_band_name(before)} is not given")
        elif before is not None and after is not None and _meaning(before) != _meaning(after):
            changes.append(f"band {_band_name(before)} becomes {_band_name(after)}")
        cells[key] = Conversion(cell, result, rule, reasons, changes, involving.get(cell, ()))
    return _Plan(rule, cells, lk, im, reversals)


def _plan_for(
    source: ScoringScheme, target: ScoringScheme, mappings: MappingRegistry | None
) -> _Plan:
    if source == target:
        return _plan(source, target, None)
    if mappings is None:
        # The built-in mappings are written for the built-in schemes: a user's scheme that
        # reuses a built-in id with other levels falls back to the ordinal rule.
        mapping = default_mappings().find(source.id, target.id)
        if mapping is not None and not (_is_builtin(source) and _is_builtin(target)):
            mapping = None
        return _plan(source, target, mapping)
    return _plan(source, target, mappings.find(source.id, target.id))


@functools.lru_cache(maxsize=64)
def _is_builtin(scheme: ScoringScheme) -> bool:
    builtins = builtin_schemes()
    return scheme.id in builtins and builtins.get(scheme.id) == scheme


def convert(
    score: Score, to: ScoringScheme, *, mappings: MappingRegistry | None = None
) -> Conversion:
    """Convert *score* to the scheme *to*, by a declared mapping if there is one.

    *mappings* defaults to the built-in mappings (:func:`~riskmodel.builtin_mappings`),
    which apply only to the built-in schemes themselves; pass an empty
    :class:`~riskmodel.MappingRegistry` to force the ordinal rule.

    >>> from riskmodel import builtin_schemes
    >>> schemes = builtin_schemes()
    >>> c = convert(schemes.get("leicestershire-4x4").parse("2B"), schemes.get("generic-5x5"))
    >>> str(c.result), c.result.value, c.rule, c.exact
    ('4x4', 16, 'declared:leicestershire-4x4-to-generic-5x5', True)
    >>> c.band_before.label, c.band_after.label
    ('High', 'Very high')
    >>> c.band_changes
    ('band High (red) becomes Very high (red)',)
    """
    plan = _plan_for(score.scheme, to, mappings)
    return plan.cells[(score.likelihood.code, score.impact.code)]


# -- registers -----------------------------------------------------------------------------


@frozen(kw_only=True)
class StageConversion(Referable):
    """One risk's assessment at one stage: the original, the converted one, and what was lost.

    ``conversion`` is ``None`` when the original lacks a factor; then the known factor
    is converted alone and ``reasons`` say so.
    """

    risk_id: str
    stage: Stage = field(converter=to_stage)
    original: Assessment
    converted: Assessment
    conversion: Conversion | None = None
    #: What was lost: cells that meet, and what of the original is not carried over.
    reasons: tuple[str, ...] = field(default=(), converter=to_tuple)

    @property
    def exact(self) -> bool:
        """Whether nothing was lost at this stage."""
        return not self.reasons

    @property
    def band_changes(self) -> tuple[str, ...]:
        """How the cell's band is called otherwise on the target (nothing lost)."""
        return self.conversion.band_changes if self.conversion is not None else ()

    @property
    def reversals(self) -> tuple[Reversal, ...]:
        """The pairs of source cells, this stage's among them, whose order turns round."""
        return self.conversion.reversals if self.conversion is not None else ()


@frozen(kw_only=True)
class RegisterConversion:
    """A register converted to another scheme, keeping every original assessment.

    ``register`` is the converted register; ``source`` the original; ``stages`` one
    record per converted assessment; ``notes`` what else could not be carried over
    (thresholds stated as numbers on the old scale).
    """

    source: Register
    register: Register
    rule: str
    stages: tuple[StageConversion, ...] = field(converter=to_tuple)
    notes: tuple[str, ...] = field(default=(), converter=to_tuple)
    #: Every pair of source cells whose rating order the rule turns round, whether or not
    #: a risk of this register is in them.
    reversals: tuple[Reversal, ...] = field(default=(), converter=to_tuple)

    @property
    def conversions(self) -> tuple[Conversion, ...]:
        """The conversion of every complete assessment, in register order."""
        return tuple(s.conversion for s in self.stages if s.conversion is not None)

    @property
    def lossy(self) -> tuple[StageConversion, ...]:
        """The stages that lost something, in register order."""
        return tuple(s for s in self.stages if s.reasons)

    @property
    def exact(self) -> bool:
        """Whether every assessment converted exactly and nothing else was dropped."""
        return not self.notes and not self.lossy

    @property
    def losses(self) -> tuple[tuple[str, tuple[StageConversion, ...]], ...]:
        """Each reason something was lost, once, with the stages it applies to."""
        return _grouped((reason, stage) for stage in self.stages for reason in stage.reasons)

    @property
    def band_changes(self) -> tuple[tuple[str, tuple[StageConversion, ...]], ...]:
        """Each band change, once, with the stages whose cell it applies to."""
        return _grouped((change, stage) for stage in self.stages
                        for change in stage.band_changes)

    @property
    def reversed_stages(self) -> tuple[tuple[Reversal, tuple[StageConversion, ...]], ...]:
        """Each reversal that a stage of this register is in, with those stages."""
        return _grouped((reversal, stage) for stage in self.stages
                        for reversal in stage.reversals)

    def original(self, risk_id: str, stage: Stage | str) -> Assessment | None:
        """The assessment the source register stated for this risk and stage."""
        return self.source.get(risk_id).assessment(stage)

    def _repr_html_(self) -> str:
        return _display.register_conversion_html(self)


def _grouped(pairs: Iterable[tuple[Any, StageConversion]]) -> tuple[Any, ...]:
    found: dict[Any, list[StageConversion]] = {}
    for key, stage in pairs:
        stages = found.setdefault(key, [])
        if stage not in stages:
            stages.append(stage)
    return tuple((key, tuple(stages)) for key, stages in found.items())


def _threshold(plan: _Plan, value: float) -> float | None:
    """A rating threshold moved to the target scale, when it still splits the same cells.

    The new threshold is the highest converted rating of the cells within the old one;
    it is kept only if every cell above the old threshold converts to a rating above it.
    """
    within = [c.result.value for c in plan.cells.values() if c.source.value <= value]
    if not within:
        return None
    new = max(within)
    if all(c.result.value > new for c in plan.cells.values() if c.source.value > value):
        return new
    return None


#: ``StageConversion(...)`` for values already as its ``__init__`` makes them (a stage,
#: a tuple of reasons): set as given.
_stage_conversion: Callable[..., StageConversion] = assembler(StageConversion)


def _convert_stage(
    plan: _Plan, to: ScoringScheme, risk_id: str, stage: Stage, original: Assessment,
    memo: dict[object, _Converted],
) -> StageConversion:
    if plan.rule == IDENTITY:
        conversion = None
        if original.likelihood is not None and original.impact is not None:
            conversion = plan.cells[(original.likelihood.code, original.impact.code)]
        return _stage_conversion(risk_id=risk_id, stage=stage, original=original,
                                 converted=original, conversion=conversion, reasons=())
    # A register holds a few dozen distinct assessments: each is converted once. One that
    # is only its cell (the score a scheme makes once for it) is keyed by that score's id;
    # any other by itself, with its numbers' reprs, for -0.0 equals 0.0 but is printed
    # otherwise.
    score = original.score
    key: object
    if (score is not None and original.stated is None and original.stated_band is None
            and not original.dimensions and not original.off_grid):
        key = id(score)  # the register holds the score while it is converted
    else:
        key = (original, repr((original.stated, original.off_grid)))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _convert_assessment(plan, to, original)
    converted, conversion, reasons = found
    return _stage_conversion(risk_id=risk_id, stage=stage, original=original,
                             converted=converted, conversion=conversion, reasons=reasons)


#: An assessment converted: the new assessment, the cell's conversion, what was lost.
_Converted = tuple[Assessment, "Conversion | None", tuple[str, ...]]


def _convert_assessment(plan: _Plan, to: ScoringScheme, original: Assessment) -> _Converted:
    if original.likelihood is not None and original.impact is not None:
        conversion = plan.cells[(original.likelihood.code, original.impact.code)]
        reasons = list(conversion.reasons)
        if original.stated is not None and not original.consistent:
            reasons.append(f"the stated rating {original.stated:g} disagreed with the factors "
                           "and is not carried over")
        band = conversion.source.band
        if original.stated_band is not None and (band is None
                                                 or band.key != original.stated_band):
            why = " disagreed with the cell and" if band is not None else ""
            reasons.append(f"the stated band {original.stated_band}{why} is not carried over")
        reasons += _not_carried(original)
        converted = Assessment(scheme=to, likelihood=conversion.result.likelihood,
                               impact=conversion.result.impact,
                               origin=_origin(original, plan.rule))
        return converted, conversion, tuple(reasons)
    lk = plan.likelihood.get(original.likelihood.code) if original.likelihood else None
    im = plan.impact.get(original.impact.code) if original.impact else None
    reasons = [f"incomplete: {original} has no cell to convert; "
               "only the known factor is converted"]
    if original.stated is not None:
        reasons.append(f"the stated rating {original.stated:g} is not carried over")
    if original.stated_band is not None:
        reasons.append(f"the stated band {original.stated_band} is not carried over")
    reasons += _not_carried(original)
    converted = Assessment(scheme=to, likelihood=lk, impact=im,
                           origin=_origin(original, plan.rule))
    return converted, None, tuple(reasons)


def _not_carried(original: Assessment) -> list[str]:
    """Sentences for the parts of an assessment that only its own scheme can hold."""
    found = []
    if original.dimensions:
        shown = ", ".join(f"{name} {lv.code if lv else 'n/a'}"
                          for name, lv in original.dimensions)
        found.append(f"the impact per dimension ({shown}) is not carried over")
    if original.off_grid:
        shown = ", ".join(f"{axis} {number:g}" for axis, number in original.off_grid)
        found.append(f"the factors off the grid ({shown}) are not carried over")
    return found


def _origin(original: Assessment, rule: str) -> str:
    """The original assessment as provenance: ``leicestershire-4x4 2B (declared:…)``."""
    stated = (f" stated {original.stated:g}"
              if original.stated is not None and original.score is not None else "")
    return f"{original.scheme.id} {original}{stated} ({rule})"


def _appetite(appetite: Appetite | None, plan: _Plan, notes: list[str], where: str,
              rule: str) -> Appetite | None:
    if appetite is None or appetite.threshold is None or rule == IDENTITY:
        return appetite
    moved = _threshold(plan, appetite.threshold)
    if moved is None:
        notes.append(f"{where}: appetite {appetite.threshold:g} does not split the cells the "
                     "same way on the new scheme and is dropped")
        return None
    if moved != appetite.threshold:
        notes.append(f"{where}: appetite {appetite.threshold:g} becomes {moved:g}")
    return Appetite(threshold=moved)


def convert_register(
    register: Register, to: ScoringScheme, *, mappings: MappingRegistry | None = None
) -> RegisterConversion:
    """Convert every assessment, heat map and threshold of *register* to the scheme *to*.

    Thresholds stated as numbers (appetite, escalation) move to the new rating scale
    when they still split the cells the same way, and are dropped with a note when
    they do not. Orange Book appetite levels are kept as they are.

    >>> import riskmodel
    >>> schemes = riskmodel.builtin_schemes()
    >>> s4 = schemes.get("leicestershire-4x4")
    >>> reg = riskmodel.Register(scheme=s4, risks=[
    ...     riskmodel.Risk(id="R1", current=riskmodel.Assessment.of(s4.parse("2B")))])
    >>> done = convert_register(reg, schemes.get("generic-5x5"))
    >>> str(done.register.get("R1").current), str(done.original("R1", "current"))
    ('4x4', '2B')
    """
    with paused_gc():
        return _convert_register(register, to, mappings)


def _convert_register(
    register: Register, to: ScoringScheme, mappings: MappingRegistry | None
) -> RegisterConversion:
    plan = _plan_for(register.scheme, to, mappings)
    notes: list[str] = []
    stages: list[StageConversion] = []
    risks: list[Risk] = []
    memo: dict[object, _Converted] = {}
    for risk in register.risks:
        changes: dict[str, Any] = {}
        for stage, original in (
            (Stage.INHERENT, risk.inherent), (Stage.CURRENT, risk.current),
            (Stage.TARGET, risk.target),
        ):
            if original is None:
                continue
            done = _convert_stage(plan, to, risk.id, stage, original, memo)
            stages.append(done)
            if done.converted is not original:
                changes[str(stage)] = done.converted
        if risk.appetite is not None and risk.appetite.threshold is not None:
            changes["appetite"] = _appetite(risk.appetite, plan, notes, f"risk {risk.id}",
                                            plan.rule)
        risks.append(derive(risk, **changes) if changes else risk)
    policy = register.appetite
    if plan.rule != IDENTITY:
        default = _appetite(policy.default, plan, notes, "register default", plan.rule)
        by_category = []
        for name, appetite in policy.by_category:
            moved = _appetite(appetite, plan, notes, f"category {name}", plan.rule)
            if moved is not None:
                by_category.append((name, moved))
        policy = AppetitePolicy(default=default, by_category=by_category)
    escalation = register.escalation_threshold
    if escalation is not None and plan.rule != IDENTITY:
        moved_escalation = _threshold(plan, escalation)
        if moved_escalation is None:
            notes.append(f"escalation threshold {escalation:g} does not split the cells the "
                         "same way on the new scheme and is dropped")
        elif moved_escalation != escalation:
            notes.append(f"escalation threshold {escalation:g} becomes {moved_escalation:g}")
        escalation = moved_escalation
    heatmaps = tuple(_heatmap(h, plan) for h in register.heatmaps)
    converted = attrs.evolve(
        register, scheme=to, risks=risks, appetite=policy, escalation_threshold=escalation,
        heatmaps=heatmaps,
    )
    return RegisterConversion(source=register, register=converted, rule=plan.rule,
                              stages=stages, notes=notes, reversals=plan.reversals)


def _heatmap(heatmap: HeatMap, plan: _Plan) -> HeatMap:
    if plan.rule == IDENTITY:
        return heatmap
    placements: Iterable[Placement] = (
        Placement(p.ref, plan.cells[(p.score.likelihood.code, p.score.impact.code)].result)
        for p in heatmap.placements
    )
    return attrs.evolve(heatmap, placements=tuple(placements))
