"""A risk: what could go wrong, its controls and actions, and its assessments by stage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from riskmodel import display as _display
from riskmodel._bulk import Referable
from riskmodel._meta import as_object
from riskmodel._validate import (
    PASSES,
    PURE,
    Choice,
    Each,
    fields_of_types,
    member,
    non_empty,
    optional_text,
    pairs,
    strip_text,
    texts,
    to_tuple,
)
from riskmodel.appetite import Appetite
from riskmodel.assessment import Assessment, Stage
from riskmodel.cost import Cost
from riskmodel.dates import DateText
from riskmodel.direction import Direction
from riskmodel.errors import ValidationError
from riskmodel.provenance import Provenance

__all__ = ["Action", "Control", "Risk", "RiskState", "Status", "is_placeholder", "unique_labels"]

#: Owner texts that mean "unknown" in published registers.
PLACEHOLDERS = frozenset({"?", "??", "tbc", "tbd", "n/a", "-", "unknown"})


def is_placeholder(owner: str | None) -> bool:
    """Whether an owner cell is missing or a placeholder such as ``?`` or ``TBC``.

    >>> is_placeholder("?"), is_placeholder("Director of Finance")
    (True, False)
    """
    if owner is None:
        return True
    text = owner.strip()
    # Case folding never shortens a text, so one longer than every placeholder is a name.
    return not text or (len(text) <= _LONGEST and text.casefold() in PLACEHOLDERS)


_LONGEST = max(len(word) for word in PLACEHOLDERS)


@frozen
class Control(Referable):
    """An existing control: something already in place that reduces the risk."""

    text: str = field(converter=strip_text, validator=non_empty)


@frozen(kw_only=True)
class Action(Referable):
    """A further action still to take, with the officer who owns it, when it is due, and
    its progress as printed.

    >>> Action(text="Recruit two foster carers", owner="Head of Fostering", status="A").status
    'A'
    """

    text: str = field(converter=strip_text, validator=non_empty)
    owner: str | None = field(default=None, converter=optional_text)
    due: DateText | None = field(
        default=None, validator=fields_of_types({"due": (DateText, type(None))})
    )
    #: The action's own status as printed beside it (``G``, ``Amber``, ``Complete`` …),
    #: kept as text: councils print progress in their own words.
    status: str | None = field(default=None, converter=optional_text)


class RiskState(Choice):
    """Whether a risk is live on its register."""

    OPEN = "open"
    CLOSED = "closed"
    DELETED = "deleted"


@frozen
class Status(Referable):
    """A risk's state and, when closed or deleted, the reason given."""

    state: RiskState = field(default=RiskState.OPEN, converter=RiskState)
    reason: str | None = field(default=None, converter=optional_text)


_OPEN = Status()


def _note_pairs(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((name, strip_text(text)) for name, text in pairs(value))


PURE.add(_note_pairs)


def _unique_headers(
    instance: Risk, attribute: attrs.Attribute[Any], value: tuple[tuple[str, str], ...]
) -> None:
    seen: set[str] = set()
    for name, _ in value:
        if not name:
            raise ValidationError("a note needs the header it was printed under", "notes")
        if name in seen:
            raise ValidationError(f"the note {name!r} is given twice; a repeated header is "
                                  "written with a suffix, as in 'Comments (2)'",
                                  "notes" + member(name))
        seen.add(name)


PASSES[_unique_headers] = "not {0}"  # no notes: nothing to repeat


_NONE = type(None)

#: Every field of a risk holds its own kind of value (checked before the stages are).
_risk_types = fields_of_types({
    "controls": Each(Control), "actions": Each(Action),
    "inherent": (Assessment, _NONE), "current": (Assessment, _NONE),
    "target": (Assessment, _NONE), "direction": (Direction, _NONE),
    "appetite": (Appetite, _NONE), "cost": (Cost, _NONE),
    "review_date": (DateText, _NONE), "target_date": (DateText, _NONE),
    "status": Status, "provenance": (Provenance, _NONE),
})


def _stage_scheme(instance: Risk, attribute: attrs.Attribute[Any], value: Any) -> None:
    inherent, current = instance.inherent, instance.current
    if inherent is not None and current is not None and value is not None and (
            inherent.scheme is current.scheme is value.scheme):  # one scheme, as loaded
        return
    schemes = [a.scheme for a in (inherent, current, value) if a]
    if any(s is not schemes[0] and s != schemes[0] for s in schemes[1:]):
        names = ", ".join(s.id for s in schemes)
        raise ValidationError(f"risk {instance.id!r} mixes schemes across its stages: {names}")


@frozen(kw_only=True)
class Risk(Referable):
    """One row of a register: the risk, its controls, actions and scores by stage.

    ``id`` is stable and unique in its register; ``ref`` is the reference as printed,
    which may be missing, repeated in another table, or renumbered in the next version.

    >>> from riskmodel import Assessment, builtin_schemes
    >>> scheme = builtin_schemes().get("generic-5x5")
    >>> risk = Risk(id="R1", ref="1", title="Ransomware attack",
    ...             current=Assessment.of(scheme.score(4, 5)))
    >>> risk.assessment("current").value, risk.status.state
    (20, <RiskState.OPEN: 'open'>)
    """

    id: str = field(converter=strip_text, validator=non_empty)
    ref: str | None = field(default=None, converter=optional_text)
    section: str | None = field(default=None, converter=optional_text)
    #: The category used to look up the register's appetite.
    category: str | None = field(default=None, converter=optional_text)
    objective: str = field(default="", converter=strip_text)
    title: str = field(default="", converter=strip_text)
    #: Cause and event: what could go wrong, and why.
    description: str = field(default="", converter=strip_text)
    consequence: str = field(default="", converter=strip_text)
    #: Key risk indicators that show the risk is materialising.
    triggers: tuple[str, ...] = field(default=(), converter=texts)
    controls: tuple[Control, ...] = field(default=(), converter=to_tuple, validator=_risk_types)
    actions: tuple[Action, ...] = field(default=(), converter=to_tuple)
    inherent: Assessment | None = None
    current: Assessment | None = None
    target: Assessment | None = field(default=None, validator=_stage_scheme)
    #: The direction of travel as printed beside the score, when the register prints one.
    direction: Direction | None = None
    appetite: Appetite | None = None
    risk_owner: str | None = field(default=None, converter=optional_text)
    action_owner: str | None = field(default=None, converter=optional_text)
    cost: Cost | None = None
    review_date: DateText | None = None
    target_date: DateText | None = None
    #: Cells the model has no field for, kept as printed: ``(header, text)`` pairs in
    #: the order of their columns, written in JSON as an object keyed by header. A header
    #: printed twice is kept with a suffix: ``Comments``, ``Comments (2)``.
    notes: tuple[tuple[str, str], ...] = field(
        default=(), converter=_note_pairs, validator=_unique_headers, metadata=as_object()
    )
    status: Status = _OPEN
    provenance: Provenance | None = None

    def assessment(self, stage: Stage | str) -> Assessment | None:
        """The assessment at *stage* (``inherent``, ``current`` or ``target``)."""
        if stage.__class__ is not Stage:
            stage = Stage(stage)
        if stage is Stage.CURRENT:
            return self.current
        if stage is Stage.TARGET:
            return self.target
        return self.inherent

    @property
    def is_open(self) -> bool:
        """Whether the risk is live (neither closed nor deleted)."""
        return self.status.state is RiskState.OPEN

    @property
    def label(self) -> str:
        """The printed ref if there is one, else the id."""
        return self.ref if self.ref is not None else self.id

    def _repr_html_(self) -> str:
        return _display.risk_html(self)


def unique_labels(risks: Iterable[Risk]) -> dict[str, str]:
    """Each risk's label where no other risk of *risks* is printed with the same ref, else
    its id: the names a heat map can print without two risks looking the same.

    A divisional register restarts its refs in every section (``a)``, ``b)`` …), so the
    refs alone would place two different risks under one name.

    >>> risks = [Risk(id="1a", ref="a)"), Risk(id="2a", ref="a)"), Risk(id="2b", ref="b)")]
    >>> unique_labels(risks)
    {'1a': '1a', '2a': '2a', '2b': 'b)'}
    """
    risks = tuple(risks)
    counted = Counter(risk.ref for risk in risks if risk.ref is not None)
    return {risk.id: risk.id if risk.ref is not None and counted[risk.ref] > 1 else risk.label
            for risk in risks}
