"""Risk appetite: a threshold on a scheme's rating, stated as a number or an Orange Book level."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import field, frozen

from riskmodel._meta import as_object
from riskmodel._validate import Choice, member, optional_number, pairs
from riskmodel.errors import AppetiteLevelError, ValidationError, ValueTypeError

if TYPE_CHECKING:
    from riskmodel.assessment import Stage
    from riskmodel.register import Register
    from riskmodel.risk import Risk
    from riskmodel.scheme import ScoringScheme

__all__ = [
    "Appetite",
    "AppetiteLevel",
    "AppetitePolicy",
    "AppetiteStatus",
    "AtAppetite",
    "appetite_source",
    "appetite_status",
    "status_of",
]


class AppetiteLevel(Choice):
    """The HM Treasury Orange Book appetite levels, least willing first."""

    AVERSE = "averse"
    MINIMAL = "minimal"
    CAUTIOUS = "cautious"
    OPEN = "open"
    EAGER = "eager"


def _one_of(instance: Appetite, attribute: attrs.Attribute[Any], value: Any) -> None:
    if (instance.threshold is None) == (instance.level is None):
        raise ValidationError(
            "an appetite is either a threshold or an Orange Book level, not both", "threshold"
        )


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
        """The threshold on *scheme*'s rating scale.

        :class:`~riskmodel.errors.AppetiteLevelError` (a ``LookupError``) when the scheme
        sets no threshold for the level.
        """
        if self.threshold is not None:
            return self.threshold
        assert self.level is not None
        return scheme.appetite_threshold(self.level)

    def threshold_on(self, scheme: ScoringScheme) -> float | None:
        """The threshold on *scheme*'s rating scale, or ``None`` where it sets none for the level.

        >>> import riskmodel
        >>> Appetite(level="open").threshold_on(riskmodel.builtin_schemes().get("generic-5x5"))
        15
        """
        try:
            return self.resolve(scheme)
        except AppetiteLevelError:
            return None

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
        default=(), converter=pairs, kw_only=True, metadata=as_object()
    )

    @by_category.validator
    def _distinct(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        for name, appetite in value:
            if not isinstance(appetite, Appetite):
                raise ValueTypeError("an Appetite", appetite, f"by_category{member(name)}")
        names = [name for name, _ in value]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValidationError(
                f"the appetite policy names categories twice: {repeated}", "by_category"
            )

    def for_category(self, category: str | None) -> Appetite | None:
        """The appetite for *category*, else the default."""
        if category is not None:
            for name, appetite in self.by_category:
                if name == category:
                    return appetite
        return self.default


class AppetiteStatus(Choice):
    """Where a rating stands against its appetite threshold."""

    BELOW = "below"
    AT = "at"
    ABOVE = "above"


class AtAppetite(Choice):
    """What a scheme makes of a rating equal to its appetite threshold (``at_appetite``).

    * ``WITHIN`` (the default): at appetite is within it, and nothing is reported.
    * ``REPORTED``: within it, but :func:`~riskmodel.check` reports it (RM303, info),
      for councils that list the risks at appetite apart.
    * ``OUTSIDE``: at appetite counts as outside it, and is reported as RM301 as if above.
    """

    WITHIN = "within"
    REPORTED = "reported"
    OUTSIDE = "outside"


def appetite_source(
    risk: Risk, register: Register
) -> tuple[Appetite | None, Literal["risk", "category", "register default", ""]]:
    """The appetite that applies to *risk*, and where it comes from.

    The risk's own appetite, else its category's in the register's policy, else the
    register default; ``(None, "")`` when there is none.
    """
    if risk.appetite is not None:
        return risk.appetite, "risk"
    if risk.category is not None:
        for name, appetite in register.appetite.by_category:
            if name == risk.category:
                return appetite, "category"
    if register.appetite.default is not None:
        return register.appetite.default, "register default"
    return None, ""


def appetite_status(
    risk: Risk, register: Register, stage: Stage | str = "current"
) -> AppetiteStatus | None:
    """Whether the risk's rating at *stage* is below, at or above its appetite.

    ``None`` when no appetite applies, its level has no threshold on the register's
    scheme, or the risk has no rating at that stage. Whether *at* is within appetite is
    the scheme's choice (:class:`AtAppetite`, ``scheme.at_appetite``).

    >>> import riskmodel
    >>> scheme = riskmodel.builtin_schemes().get("generic-5x5")
    >>> register = riskmodel.Register(scheme=scheme, risks=[riskmodel.Risk(
    ...     id="R1", appetite=Appetite(threshold=12),
    ...     current=riskmodel.Assessment.of(scheme.score(3, 4)),
    ...     target=riskmodel.Assessment.of(scheme.score(2, 4)))])
    >>> risk = register.get("R1")
    >>> appetite_status(risk, register), appetite_status(risk, register, "target")
    (<AppetiteStatus.AT: 'at'>, <AppetiteStatus.BELOW: 'below'>)
    """
    appetite = register.appetite_for(risk)
    assessment = risk.assessment(stage)
    if appetite is None or assessment is None or assessment.value is None:
        return None
    threshold = appetite.threshold_on(register.scheme)
    return None if threshold is None else status_of(assessment.value, threshold)


def status_of(value: float, threshold: float) -> AppetiteStatus:
    """Where *value* stands against *threshold*.

    >>> str(status_of(12, 10)), str(status_of(10, 10)), str(status_of(6, 10))
    ('above', 'at', 'below')
    """
    if value > threshold:
        return AppetiteStatus.ABOVE
    return AppetiteStatus.AT if value == threshold else AppetiteStatus.BELOW
