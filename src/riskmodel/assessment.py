"""Stages of assessment and what a register states for a risk at one stage."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

# The scheme module reads printed text into assessments (ScoringScheme.parse_assessment),
# so this module must not import it. Annotations name the scheme through the package,
# which is loaded before any type hints are read (by cattrs and the JSON Schema).
import riskmodel
from riskmodel._bulk import equal_if_same
from riskmodel._meta import as_object, bound, on_scale
from riskmodel._validate import (
    Choice,
    member,
    optional_number,
    optional_text,
    pairs,
    strip_text,
)
from riskmodel.errors import LevelError, ValidationError, ValueTypeError
from riskmodel.scale import Level

if TYPE_CHECKING:
    import riskmodel.scheme
    import riskmodel.score
    from riskmodel.scheme import Band
    from riskmodel.score import Score

__all__ = ["Assessment", "Stage"]


class Stage(Choice):
    """When a risk is scored. Councils name these differently; each has one meaning here.

    * ``INHERENT`` (gross): before any controls.
    * ``CURRENT`` (net; often called *residual*): with the existing controls in place.
    * ``TARGET``: once the further actions are done.
    """

    INHERENT = "inherent"
    CURRENT = "current"
    TARGET = "target"

    @classmethod
    def _missing_(cls, value: object) -> Stage:
        choices = ", ".join(stage.value for stage in cls)
        raise ValidationError(
            f"{value!r} is not a stage; the stages are {choices} (a council's 'residual' is "
            "current or target, depending on the council)"
        )


def to_stage(value: Stage | str) -> Stage:
    """The stage for *value*: a stage as it is (sooner than ``Stage(value)``), or the stage
    with that name."""
    return value if value.__class__ is Stage else Stage(value)


def _level_of(axis: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(instance: Assessment, attribute: attrs.Attribute[Any], level: Any) -> None:
        if level is None:
            return
        scale = getattr(instance.scheme, axis)
        if not isinstance(level, Level) or level not in scale:
            code = getattr(level, "code", level)
            raise LevelError(code, instance.scheme.id, scale.name, scale.codes)

    return check


def _band_key(instance: Assessment, attribute: attrs.Attribute[Any], key: str | None) -> None:
    if key is None:
        return
    keys = [band.key for band in instance.scheme.bands]
    if key not in keys:
        shown = ", ".join(keys) or "none"
        raise ValidationError(f"{key!r} is not a band key of {instance.scheme.id} ({shown}); "
                              "scheme.band(word) finds the band a printed word names",
                              attribute.name)


def _dimensions(
    instance: Assessment, attribute: attrs.Attribute[Any], value: tuple[tuple[str, Any], ...]
) -> None:
    scale = instance.scheme.impact
    seen: set[str] = set()
    for name, level in value:
        if name not in scale.dimensions:
            known = ", ".join(scale.dimensions) or "none"
            raise ValidationError(f"{name!r} is not an impact dimension of "
                                  f"{instance.scheme.id} ({known})", f"dimensions{member(name)}")
        if name in seen:
            raise ValidationError(f"the dimension {name!r} is given twice",
                                  f"dimensions{member(name)}")
        seen.add(name)
        if level is not None and (not isinstance(level, Level) or level not in scale):
            code = getattr(level, "code", level)
            raise LevelError(code, instance.scheme.id, scale.name, scale.codes)


def _off_grid(
    instance: Assessment, attribute: attrs.Attribute[Any], value: tuple[tuple[str, Any], ...]
) -> None:
    seen: set[str] = set()
    for axis, number in value:
        where = f"off_grid{member(axis)}"
        if axis not in ("likelihood", "impact"):
            raise ValidationError(f"{axis!r} is not 'likelihood' or 'impact'", where)
        if axis in seen:
            raise ValidationError(f"{axis} is given twice", where)
        seen.add(axis)
        if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(
                number):
            raise ValueTypeError("a finite number", number, where)
        if getattr(instance, axis) is not None:
            raise ValidationError(f"{axis} has a level, so it is not off the grid", where)
        scale = getattr(instance.scheme, axis)
        if float(number).is_integer() and str(int(number)) in scale:
            raise ValidationError(f"{number:g} is a level of {instance.scheme.id} {axis}, so "
                                  "it is on the grid", where)


@equal_if_same
@frozen(kw_only=True, cache_hash=True)
class Assessment:
    """A risk's score at one stage, as the register states it.

    Real registers leave a factor out, or print a rating or a band that disagrees with
    the factors, so each part is kept apart: the two levels (either may be missing), the
    rating as printed (``stated``), the band as printed (``stated_band``, the key of the
    band it names), the impact of each dimension, factors printed off the scheme's grid
    (``off_grid``), and the cell text it was read from.

    >>> from riskmodel import builtin_schemes
    >>> scheme = builtin_schemes().get("leicester-city-5x5")
    >>> a = Assessment.of(scheme.score(likelihood=5, impact=4), stated=16)
    >>> a.value, a.stated, a.consistent
    (20, 16, False)
    >>> b = Assessment(scheme=scheme, stated=12, stated_band="amber")
    >>> b.score, b.band.label
    (None, 'Medium')
    """

    scheme: riskmodel.scheme.ScoringScheme = field(repr=lambda s: s.id, metadata=bound())
    likelihood: Level | None = field(
        default=None, validator=_level_of("likelihood"), metadata=on_scale("likelihood")
    )
    impact: Level | None = field(
        default=None, validator=_level_of("impact"), metadata=on_scale("impact")
    )
    #: The rating as printed in the source, which may disagree with the factors.
    stated: float | None = field(default=None, converter=optional_number)
    #: The key of the band the source prints (as a colour, letter or word), which may
    #: disagree with the band of the factors; :meth:`ScoringScheme.band` finds it.
    stated_band: str | None = field(default=None, converter=optional_text,
                                    validator=_band_key)
    #: The impact level of each dimension scored, ``None`` where it does not apply.
    dimensions: tuple[tuple[str, Level | None], ...] = field(
        default=(), converter=pairs, validator=_dimensions,
        metadata={**as_object(), **on_scale("impact")},
    )
    #: Factors printed off the scheme's grid (``4.2`` on a 1-6 scale, an average of
    #: votes), by axis, as printed; that axis has no level, and none is guessed.
    off_grid: tuple[tuple[str, float], ...] = field(
        default=(), converter=pairs, validator=_off_grid, metadata=as_object()
    )
    #: The source text the assessment was read from, when it was imported.
    text: str = field(default="", converter=strip_text)
    #: For a converted assessment, the original as printed in its own scheme, with that
    #: scheme's id and the rule used: ``leicestershire-4x4 2B (declared:…)``.
    origin: str = field(default="", converter=strip_text)

    @classmethod
    def of(
        cls, score: Score, *, stated: float | None = None, band: str | None = None,
        text: str = "",
    ) -> Assessment:
        """The assessment of a complete *score*; *band* is a printed band word, if any.

        >>> from riskmodel import builtin_schemes
        >>> generic = builtin_schemes().get("generic-5x5")
        >>> Assessment.of(generic.score(3, 4), band="Amber").stated_band
        'amber'
        """
        return cls(
            scheme=score.scheme, likelihood=score.likelihood, impact=score.impact,
            stated=stated, stated_band=None if band is None else score.scheme.band(band).key,
            text=text,
        )

    @classmethod
    def parse(cls, text: str, scheme: riskmodel.scheme.ScoringScheme) -> Assessment:
        """Read *text* as printed in a register; see :meth:`ScoringScheme.parse_assessment`."""
        return scheme.parse_assessment(text)

    @functools.cached_property
    def score(self) -> riskmodel.score.Score | None:  # attrs adds it to __annotations__
        """The score, when both factors are known (worked out once, on first use)."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.scheme.score(self.likelihood, self.impact)

    @functools.cached_property
    def value(self) -> float | None:
        """The rating worked out from the factors, else the stated rating, else ``None``."""
        score = self.score
        return score.value if score is not None else self.stated

    @property
    def complete(self) -> bool:
        """Whether both factors are known."""
        return self.likelihood is not None and self.impact is not None

    @property
    def consistent(self) -> bool:
        """Whether the stated rating, if any, equals the rating of the factors."""
        score = self.score
        return self.stated is None or score is None or score.value == self.stated

    @property
    def band(self) -> Band | None:
        """The band: of the cell when the scheme bands it, else the stated band, else the
        band of the stated rating (where bands are ranges), else ``None``.

        A cell the scheme leaves unbanded (``partial_bands``) has no band of its own; a
        band printed beside it is then the one the register gives.
        """
        score = self.score
        if score is not None and score.band is not None:
            return score.band
        if self.stated_band is not None:
            return next(b for b in self.scheme.bands if b.key == self.stated_band)
        if score is None and self.stated is not None:
            return self.scheme.band_for_rating(self.stated)
        return None

    @property
    def combined_impact(self) -> Level | None:
        """The scheme's combination of the dimensions' levels (the most severe that
        applies), or ``None`` when no dimension is given or none applies."""
        if not self.dimensions:
            return None
        return self.scheme.combined_impact(dict(self.dimensions))

    def __str__(self) -> str:
        return self._shown

    @functools.cached_property
    def _shown(self) -> str:
        score = self.score
        band = f", band {self.stated_band}" if self.stated_band is not None else ""
        if score is not None:
            return str(score) + band
        grid = dict(self.off_grid)
        lk = self.likelihood.code if self.likelihood else _printed(grid.get("likelihood"))
        im = self.impact.code if self.impact else _printed(grid.get("impact"))
        stated = f" = {self.stated:g}" if self.stated is not None else ""
        return f"likelihood {lk}, impact {im}{stated}{band}"


def _printed(number: float | None) -> str:
    return "?" if number is None else f"{number:g}"
