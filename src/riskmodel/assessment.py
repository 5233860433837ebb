"""Stages of assessment and what a register states for a risk at one stage."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

from riskmodel._meta import bound, on_scale
from riskmodel._validate import Choice, optional_number, strip_text
from riskmodel.errors import LevelError, ValidationError
from riskmodel.scale import Level
from riskmodel.scheme import ScoringScheme

if TYPE_CHECKING:
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


def _level_of(axis: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(instance: Assessment, attribute: attrs.Attribute[Any], level: Any) -> None:
        if level is None:
            return
        scale = getattr(instance.scheme, axis)
        if not isinstance(level, Level) or level not in scale:
            code = getattr(level, "code", level)
            raise LevelError(code, instance.scheme.id, scale.name, scale.codes)

    return check


@frozen(kw_only=True)
class Assessment:
    """A risk's score at one stage, as the register states it.

    Real registers leave a factor out, or print a rating that disagrees with the
    factors, so each part is kept apart: the two levels (either may be missing), the
    rating as printed (``stated``) and the cell text it was read from.

    >>> from riskmodel import builtin_schemes
    >>> scheme = builtin_schemes().get("leicester-city-5x5")
    >>> a = Assessment.of(scheme.score(likelihood=5, impact=4), stated=16)
    >>> a.value, a.stated, a.consistent
    (20, 16, False)
    """

    scheme: ScoringScheme = field(repr=lambda s: s.id, metadata=bound())
    likelihood: Level | None = field(
        default=None, validator=_level_of("likelihood"), metadata=on_scale("likelihood")
    )
    impact: Level | None = field(
        default=None, validator=_level_of("impact"), metadata=on_scale("impact")
    )
    #: The rating as printed in the source, which may disagree with the factors.
    stated: float | None = field(default=None, converter=optional_number)
    #: The source text the assessment was read from, when it was imported.
    text: str = field(default="", converter=strip_text)
    #: For a converted assessment, the original as printed in its own scheme, with that
    #: scheme's id and the rule used: ``leicestershire-4x4 2B (declared:…)``.
    origin: str = field(default="", converter=strip_text)

    @classmethod
    def of(cls, score: Score, *, stated: float | None = None, text: str = "") -> Assessment:
        """The assessment of a complete *score*."""
        return cls(
            scheme=score.scheme, likelihood=score.likelihood, impact=score.impact,
            stated=stated, text=text,
        )

    @property
    def score(self) -> Score | None:
        """The score, when both factors are known."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.scheme.score(self.likelihood, self.impact)

    @property
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

    def __str__(self) -> str:
        score = self.score
        if score is not None:
            return str(score)
        lk = self.likelihood.code if self.likelihood else "?"
        im = self.impact.code if self.impact else "?"
        stated = f" = {self.stated:g}" if self.stated is not None else ""
        return f"likelihood {lk}, impact {im}{stated}"
