"""A register's risk profile: counts by band, heat maps, movement, and why a risk is where it is."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

from riskmodel._validate import to_tuple
from riskmodel.appetite import AppetiteStatus, AtAppetite, status_of
from riskmodel.assessment import Assessment, Stage
from riskmodel.errors import AppetiteLevelError
from riskmodel.register import Register
from riskmodel.risk import Risk, unique_labels
from riskmodel.scheme import Band, RuleKind, ScoringScheme

__all__ = ["UNBANDED", "UNSCORED", "Movement", "Profile", "band_of", "explain", "heatmap",
           "movement", "profile"]

#: The count key for risks with no band at a stage (no score, or too little of one).
UNSCORED = "unscored"
#: The count key for risks scored in a cell the scheme leaves unbanded, with no band stated.
UNBANDED = "unbanded"

_STAGES = (Stage.INHERENT, Stage.CURRENT, Stage.TARGET)


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """A read-only copy, with every mapping inside it read-only too."""
    return MappingProxyType({
        key: _frozen_map(inner) if isinstance(inner, Mapping) else inner
        for key, inner in value.items()
    })


def band_of(assessment: Assessment | None) -> Band | None:
    """The band of an assessment (:attr:`Assessment.band`): by its cell, else the band the
    register states, else by its stated rating when bands are ranges.

    >>> import riskmodel
    >>> scheme = riskmodel.builtin_schemes().get("generic-5x5")
    >>> band_of(riskmodel.Assessment(scheme=scheme, stated=12)).key
    'amber'
    >>> band_of(riskmodel.Assessment(scheme=scheme, stated_band="red")).key
    'red'
    """
    return None if assessment is None else assessment.band


def _counts(scheme: ScoringScheme, risks: tuple[Risk, ...], stage: Stage) -> dict[str, int]:
    counts = {band.key: 0 for band in scheme.bands}
    counts[UNSCORED] = 0
    if scheme.partial_bands:
        counts[UNBANDED] = 0
    for risk in risks:
        a = risk.assessment(stage)
        band = band_of(a)
        if band is not None:
            counts[band.key] += 1
        elif a is not None and a.score is not None and a.score.unbanded:
            counts[UNBANDED] += 1
        else:
            counts[UNSCORED] += 1
    return counts


@frozen(kw_only=True)
class Movement:
    """How one risk moves from its current score to its target.

    ``value`` is the change in rating; ``band_steps`` the change in band position (by the
    order of ``scheme.bands``); ``likelihood_steps`` and ``impact_steps`` the change in
    severity rank. Negative is better. Each is ``None`` when either side lacks it.
    """

    risk_id: str
    current: str
    target: str
    value: float | None
    band_steps: int | None
    likelihood_steps: int | None
    impact_steps: int | None


def movement(risk: Risk) -> Movement | None:
    """The move from current to target, or ``None`` when the risk lacks either stage.

    >>> import riskmodel
    >>> scheme = riskmodel.builtin_schemes().get("generic-5x5")
    >>> r = riskmodel.Risk(id="R1", current=riskmodel.Assessment.of(scheme.score(4, 4)),
    ...                    target=riskmodel.Assessment.of(scheme.score(2, 4)))
    >>> m = movement(r)
    >>> m.value, m.band_steps, m.likelihood_steps, m.impact_steps
    (-8, -1, -2, 0)
    """
    current, target = risk.current, risk.target
    if current is None or target is None:
        return None
    scheme = current.scheme
    value = None
    if current.value is not None and target.value is not None:
        value = target.value - current.value
    before, after = band_of(current), band_of(target)
    steps = None
    if before is not None and after is not None:
        steps = scheme.bands.index(after) - scheme.bands.index(before)
    lk = im = None
    if current.likelihood is not None and target.likelihood is not None:
        lk = scheme.likelihood.rank(target.likelihood) - scheme.likelihood.rank(
            current.likelihood)
    if current.impact is not None and target.impact is not None:
        im = scheme.impact.rank(target.impact) - scheme.impact.rank(current.impact)
    return Movement(risk_id=risk.id, current=str(current), target=str(target),
                    value=value, band_steps=steps, likelihood_steps=lk, impact_steps=im)


@frozen(kw_only=True)
class Profile:
    """Counts of open risks by band for each stage, overall and by section, and movements.

    Count keys are the scheme's band keys in the scheme's order, then ``unscored``, then,
    for a scheme that leaves cells unbanded, ``unbanded``; each stage's counts add up to
    the number of open risks (of the section). A risk with no cell is counted in the band
    the register states for it, else the band of its stated rating.
    """

    scheme: ScoringScheme = field(repr=lambda s: s.id)
    by_stage: Mapping[Stage, Mapping[str, int]] = field(converter=_frozen_map, hash=False)
    #: Section title (``None`` for risks in no section) → stage → band key → count.
    by_section: Mapping[str | None, Mapping[Stage, Mapping[str, int]]] = field(
        converter=_frozen_map, hash=False)
    movements: tuple[Movement, ...] = field(converter=to_tuple)


def profile(register: Register) -> Profile:
    """The register's profile over its open risks.

    >>> import riskmodel
    >>> p = profile(riskmodel.examples.load("fenbridge-corporate-2026-q3"))
    >>> dict(p.by_stage[Stage.CURRENT])
    {'green': 0, 'yellow': 0, 'amber': 17, 'red': 9, 'unscored': 0}
    """
    scheme = register.scheme
    risks = register.open_risks
    by_stage = {stage: _counts(scheme, risks, stage) for stage in _STAGES}
    sections: dict[str | None, list[Risk]] = {s.title: [] for s in register.sections}
    for risk in risks:
        sections.setdefault(risk.section, []).append(risk)
    by_section = {
        title: {stage: _counts(scheme, tuple(members), stage) for stage in _STAGES}
        for title, members in sections.items()
    }
    moves = tuple(m for m in (movement(r) for r in risks) if m is not None)
    return Profile(scheme=scheme, by_stage=by_stage, by_section=by_section, movements=moves)


def heatmap(register: Register, stage: Stage | str) -> dict[tuple[str, str], tuple[str, ...]]:
    """Every cell of the scheme, as (likelihood code, impact code), with the refs placed in it.

    Open risks with both factors at *stage* are placed by their printed ref (else id,
    and by id where two risks print the same ref), in register order. Cells run
    likelihood-major, least severe first.

    >>> import riskmodel
    >>> q3 = riskmodel.examples.load("fenbridge-corporate-2026-q3")
    >>> heatmap(q3, "current")[("4", "5")]
    ('1', '2', '6')
    """
    stage = Stage(stage)
    cells: dict[tuple[str, str], list[str]] = {
        (s.likelihood.code, s.impact.code): [] for s in register.scheme.cells()
    }
    labels = unique_labels(register.risks)
    for risk in register.open_risks:
        a = risk.assessment(stage)
        if a is not None and a.likelihood is not None and a.impact is not None:
            cells[(a.likelihood.code, a.impact.code)].append(labels[risk.id])
    return {key: tuple(refs) for key, refs in cells.items()}


def _level(axis: str, level: Any) -> str:
    label = f" ({level.label})" if level.label and level.label != level.code else ""
    return f"{axis} {level.code}{label}"


def _range(band: Band) -> str:
    if band.catch_all:
        return "every cell no other band takes"
    if band.cells:
        return "a band listed cell by cell"
    if band.minimum is not None and band.maximum is not None:
        return f"ratings {band.minimum:g} to {band.maximum:g}"
    if band.minimum is not None:
        return f"ratings {band.minimum:g} and above"
    if band.maximum is not None:
        return f"ratings up to {band.maximum:g}"
    return "every rating"


def _rating(a: Assessment) -> str:
    score = a.score
    assert score is not None
    kind = a.scheme.rating.kind
    lv, iv = score.likelihood.value, score.impact.value
    if kind is RuleKind.PRODUCT:
        return f"{lv:g} × {iv:g} = {score.value:g} on {a.scheme.id}"
    if kind is RuleKind.SUM:
        return f"{lv:g} + {iv:g} = {score.value:g} on {a.scheme.id}"
    return f"{score.value:g}, from the rating table of {a.scheme.id}"


def _verdict(value: float, threshold: float, scheme: ScoringScheme) -> str:
    """``12 is above it by 2``, ``10 is at it, which … counts as within it``, ``6 is below it``."""
    status = status_of(value, threshold)
    if status is AppetiteStatus.ABOVE:
        return f"{value:g} is above it by {value - threshold:g}"
    if status is AppetiteStatus.BELOW:
        return f"{value:g} is below it"
    meaning = {AtAppetite.WITHIN: "within it", AtAppetite.REPORTED: "within it, and reported",
               AtAppetite.OUTSIDE: "outside it"}[scheme.at_appetite]
    return f"{value:g} is at it, which {scheme.id} counts as {meaning}"


def _band_line(a: Assessment) -> str:
    """How the band is known: by the cell's rating, as stated, or not at all."""
    score, band = a.score, band_of(a)
    stated = next((b for b in a.scheme.bands if b.key == a.stated_band), None)
    if score is not None and score.band is not None:
        line = f"  Band: {_name(score.band)}, for {_range(score.band)}"
        if stated is not None and stated is not score.band:
            line += f" (the register states {_name(stated)})"
        return line + "."
    if score is not None and score.unbanded:
        given = f"; the register states {_name(stated)}" if stated is not None else ""
        return f"  Band: none; {a.scheme.id} leaves cell {score} unbanded{given}."
    if stated is not None:
        return f"  Band: {_name(stated)}, as the register states it."
    if band is not None:
        return f"  Band: {_name(band)}, for {_range(band)}."
    return "  Band: none."


def _name(band: Band) -> str:
    return f"{band.label or band.key} ({band.key})"


def _appetite(risk: Risk, register: Register) -> tuple[str, float | None]:
    """The appetite in words (``cautious, 10 on generic-5x5 (register default)``)."""
    appetite = risk.appetite
    source = "the risk's own"
    if appetite is None:
        appetite = register.appetite.for_category(risk.category)
        in_category = risk.category is not None and any(
            name == risk.category for name, _ in register.appetite.by_category)
        source = f"category {risk.category}" if in_category else "register default"
    if appetite is None:
        return "none set", None
    try:
        threshold = appetite.resolve(register.scheme)
    except AppetiteLevelError:
        return f"{appetite} ({source}), but {register.scheme.id} sets no threshold for it", None
    if appetite.level is None:
        return f"{threshold:g} ({source})", threshold
    return f"{appetite}, {threshold:g} on {register.scheme.id} ({source})", threshold


def explain(risk: Risk, register: Register) -> str:
    """Why the risk is in its band at each stage: cell → rating → band → appetite.

    >>> import riskmodel
    >>> scheme = riskmodel.builtin_schemes().get("generic-5x5")
    >>> reg = riskmodel.Register(
    ...     scheme=scheme,
    ...     appetite=riskmodel.AppetitePolicy(default=riskmodel.Appetite(level="cautious")),
    ...     risks=[riskmodel.Risk(id="FIN-2", ref="2", title="Budget gap widens",
    ...                           current=riskmodel.Assessment.of(scheme.score(3, 4)),
    ...                           target=riskmodel.Assessment.of(scheme.score(2, 3)))])
    >>> print(explain(reg.get("FIN-2"), reg))
    Risk 2 (FIN-2): Budget gap widens
    Current: likelihood 3 (Possible) and impact 4 (Major) make cell 3x4.
      Rating: 3 × 4 = 12 on generic-5x5.
      Band: High (amber), for ratings 8 to 12.
      Appetite: cautious, 10 on generic-5x5 (register default); 12 is above it by 2.
    Target: likelihood 2 (Unlikely) and impact 3 (Moderate) make cell 2x3.
      Rating: 2 × 3 = 6 on generic-5x5.
      Band: Medium (yellow), for ratings 4 to 6.
      Appetite: cautious, 10 on generic-5x5 (register default); 6 is below it.
    """
    name = f"Risk {risk.ref} ({risk.id})" if risk.ref and risk.ref != risk.id else (
        f"Risk {risk.id}")
    lines = [f"{name}: {risk.title}" if risk.title else name]
    appetite_text, threshold = _appetite(risk, register)
    for stage in _STAGES:
        a = risk.assessment(stage)
        if a is None:
            continue
        head = stage.value.capitalize()
        score = a.score
        if score is not None:
            lines.append(f"{head}: {_level('likelihood', score.likelihood)} and "
                         f"{_level('impact', score.impact)} make cell {score}.")
            rating = f"  Rating: {_rating(a)}"
            if a.stated is not None and a.stated != score.value:
                rating += f" (the register states {a.stated:g})"
            lines.append(rating + ".")
        elif a.stated is not None or a.stated_band is not None:
            known = [_level(axis, lv) for axis, lv in
                     (("likelihood", a.likelihood), ("impact", a.impact)) if lv is not None]
            known += [f"{axis} {number:g} (off the grid)" for axis, number in a.off_grid]
            given = " and ".join(known) + " only" if known else "no factors"
            what = " and ".join(
                ([f"a rating of {a.stated:g}"] if a.stated is not None else [])
                + ([f"band {a.stated_band}"] if a.stated_band is not None else []))
            lines.append(f"{head}: the register states {what}, with {given}.")
        else:
            lines.append(f"{head}: not scored ({a}).")
            continue
        lines.append(_band_line(a))
        value = a.value
        if threshold is not None and value is not None:
            verdict = _verdict(value, threshold, register.scheme)
            lines.append(f"  Appetite: {appetite_text}; {verdict}.")
        else:
            lines.append(f"  Appetite: {appetite_text}.")
    if len(lines) == 1:
        lines.append("It is not scored at any stage.")
    return "\n".join(lines)
