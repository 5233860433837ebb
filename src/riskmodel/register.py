"""A register: a dated, versioned table of risks scored on one scheme."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any

import attrs
from attrs import field, frozen

from riskmodel import display as _display
from riskmodel._validate import (
    Each,
    fields_of_types,
    non_empty,
    optional_number,
    optional_text,
    strip_text,
    to_tuple,
)
from riskmodel.appetite import Appetite, AppetitePolicy
from riskmodel.assessment import Stage, to_stage
from riskmodel.errors import RiskNotFoundError, ValidationError
from riskmodel.provenance import Provenance
from riskmodel.risk import Risk
from riskmodel.scheme import ScoringScheme
from riskmodel.score import Score

__all__ = ["HeatMap", "Placement", "Register", "Section"]


@frozen
class Section:
    """A heading that groups risks, such as ``1. Budget`` or ``STRATEGIC AREA - Housing``."""

    title: str = field(converter=strip_text, validator=non_empty)
    ref: str | None = field(default=None, converter=optional_text)


@frozen
class Placement:
    """A risk's ref placed in one cell of a heat map."""

    ref: str = field(converter=strip_text)
    score: Score = field(validator=fields_of_types({"score": Score}))


@frozen(kw_only=True)
class HeatMap:
    """A heat map printed with a register: which ref the document puts in which cell."""

    stage: Stage = field(converter=to_stage)
    placements: tuple[Placement, ...] = field(
        default=(), converter=to_tuple, validator=fields_of_types({"placements": Each(Placement)})
    )
    title: str = field(default="", converter=strip_text)
    provenance: Provenance | None = None

    def cell_of(self, ref: str) -> tuple[Score, ...]:
        """The cells where the heat map places *ref* (usually one; none if absent)."""
        return tuple(p.score for p in self.placements if p.ref == ref)


def _check_register(instance: Register, attribute: attrs.Attribute[Any], value: Any) -> None:
    _register_types(instance, attribute, value)
    scheme = instance.scheme
    titles = [s.title for s in instance.sections]
    if len(set(titles)) != len(titles):
        raise ValidationError(f"section titles repeat: {titles}", "sections")
    known: set[str | None] = {*titles, None}  # None: a risk in no section
    risks = instance.risks
    if len(instance._by_id) != len(risks):  # a risk that is not one, or an id again
        _find_repeat(risks)
    for index, risk in enumerate(risks):
        inherent, current, target = risk.inherent, risk.current, risk.target
        if (risk.section not in known or (inherent is not None and inherent.scheme is not scheme)
                or (current is not None and current.scheme is not scheme)
                or (target is not None and target.scheme is not scheme)):
            _check_risk(risk, f"risks[{index}]", scheme, known, titles)
    for index, heatmap in enumerate(instance.heatmaps):
        for placement in heatmap.placements:
            if placement.score.scheme is not scheme and placement.score.scheme != scheme:
                raise ValidationError(
                    f"places {placement.ref!r} on {placement.score.scheme.id}, "
                    f"but the register uses {scheme.id}",
                    f"heatmaps[{index}]",
                )


def _check_risk(risk: Risk, where: str, scheme: ScoringScheme, known: set[str | None],
                titles: list[str]) -> None:
    """Raise the error for a risk outside the register's sections or scored on another
    scheme; a scheme equal to the register's, though not the same object, passes."""
    if risk.section not in known:
        raise ValidationError(f"section {risk.section!r} is not one of {titles}", where)
    for stage in (risk.inherent, risk.current, risk.target):
        if stage is not None and stage.scheme is not scheme and stage.scheme != scheme:
            raise ValidationError(
                f"scored on {stage.scheme.id}, but the register uses {scheme.id}", where)


def _find_repeat(risks: tuple[Risk, ...]) -> None:
    """Raise the error for the first item that is not a risk, or whose id came before."""
    seen: set[str] = set()
    for index, risk in enumerate(risks):
        where = f"risks[{index}]"
        if not isinstance(risk, Risk):
            raise ValidationError(f"expected a Risk, not {type(risk).__name__}", where)
        if risk.id in seen:
            raise ValidationError(f"the id {risk.id!r} is used by an earlier risk", where)
        seen.add(risk.id)


_NONE = type(None)
_register_types = fields_of_types({
    "scheme": ScoringScheme, "as_at": (dt.date, _NONE), "appetite": AppetitePolicy,
    "sections": Each(Section), "heatmaps": Each(HeatMap), "source": (Provenance, _NONE),
})


@frozen(kw_only=True)
class Register:
    """A council body's register of risks at one date, scored on one scheme.

    >>> from riskmodel import Assessment, Risk, builtin_schemes
    >>> scheme = builtin_schemes().get("generic-5x5")
    >>> reg = Register(scheme=scheme, title="Corporate risks", risks=[
    ...     Risk(id="R1", ref="1", current=Assessment.of(scheme.score(3, 4)))])
    >>> reg.get("R1").ref, reg.find("1").id, len(reg), "R1" in reg
    ('1', 'R1', 1, True)
    """

    organisation: str = field(default="", converter=strip_text)
    title: str = field(default="", converter=strip_text)
    #: Where the register sits: divisional, departmental, operational, corporate…
    level: str = field(default="", converter=strip_text)
    owner: str | None = field(default=None, converter=optional_text)
    version: str = field(default="", converter=strip_text)
    as_at: dt.date | None = None
    scheme: ScoringScheme
    #: Ratings above this belong on the register above; falling below it is a reason to delete.
    escalation_threshold: float | None = field(default=None, converter=optional_number)
    appetite: AppetitePolicy = field(factory=AppetitePolicy)
    sections: tuple[Section, ...] = field(default=(), converter=to_tuple)
    risks: tuple[Risk, ...] = field(default=(), converter=to_tuple)
    heatmaps: tuple[HeatMap, ...] = field(default=(), converter=to_tuple, validator=_check_register)
    source: Provenance | None = None
    _by_id: dict[str, Risk] = field(init=False, repr=False, eq=False, hash=False)

    @_by_id.default
    def _index(self) -> dict[str, Risk]:
        return {risk.id: risk for risk in self.risks if isinstance(risk, Risk)}

    def get(self, risk_id: str) -> Risk:
        """The risk with this id; ``RiskNotFoundError`` names the closest ids."""
        try:
            return self._by_id[risk_id]
        except KeyError:
            close = difflib.get_close_matches(risk_id, list(self._by_id), n=5)
            raise RiskNotFoundError(risk_id, "id", close) from None

    def by_ref(self, ref: str) -> tuple[Risk, ...]:
        """Every risk printed with *ref* (a ref may repeat; an id never does)."""
        ref = ref.strip()
        return tuple(risk for risk in self.risks if risk.ref == ref)

    def find(self, key: str) -> Risk:
        """The risk whose id is *key*, else the one risk printed with ref *key*."""
        if key in self._by_id:
            return self._by_id[key]
        found = self.by_ref(key)
        if len(found) == 1:
            return found[0]
        if found:
            ids = [risk.id for risk in found]
            raise RiskNotFoundError(key, "a unique ref", ids)
        refs = [r.ref for r in self.risks if r.ref is not None] + list(self._by_id)
        raise RiskNotFoundError(key, "id or ref", difflib.get_close_matches(key, refs, n=5))

    def appetite_for(self, risk: Risk) -> Appetite | None:
        """The risk's own appetite, else its category's, else the register default."""
        return risk.appetite or self.appetite.for_category(risk.category)

    @property
    def open_risks(self) -> tuple[Risk, ...]:
        """The risks that are neither closed nor deleted."""
        return tuple(risk for risk in self.risks if risk.is_open)

    def __len__(self) -> int:
        return len(self.risks)

    def __iter__(self) -> Iterator[Risk]:
        return iter(self.risks)

    def __contains__(self, risk_id: object) -> bool:
        return risk_id in self._by_id

    def __repr__(self) -> str:
        return _display.register_repr(self)

    def _repr_html_(self) -> str:
        return _display.register_html(self)
