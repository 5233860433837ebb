"""What changed between two versions of a register, as a value that is also a patch.

:func:`diff` matches the risks of two versions (:mod:`riskmodel.matching`) and records,
for each matched pair, what changed: scores by stage with their direction of travel,
band and appetite; owners, dates, status, section and ref; controls, actions and
triggers added, removed or edited; text edits with a similarity figure. A
:class:`RegisterDiff` keeps both versions of every risk it mentions, so it can be
applied (:func:`apply`), inverted (:func:`invert`) and written as JSON.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import chain
from operator import attrgetter, is_not
from typing import Any

import attrs
from attrs import field, frozen

from riskmodel._bulk import paused_gc
from riskmodel._validate import (
    Choice,
    member,
    optional_number,
    optional_text,
    strip_text,
    texts,
    to_tuple,
)
from riskmodel.appetite import AppetitePolicy
from riskmodel.assessment import Assessment, Stage, to_stage
from riskmodel.direction import Trend, trend_of
from riskmodel.errors import PatchError, SchemeMismatchError, ValidationError
from riskmodel.matching import (
    DEFAULT_THRESHOLD,
    MatchNote,
    MatchReason,
    NoteKind,
    Side,
    match_risks,
)
from riskmodel.profile import band_of
from riskmodel.provenance import Provenance
from riskmodel.register import HeatMap, Register, Section
from riskmodel.risk import Action, Risk, RiskState, Status
from riskmodel.scheme import ScoringScheme

__all__ = [
    "DEFAULT_THRESHOLD",
    "Crossing",
    "DiffSummary",
    "Edit",
    "FieldChange",
    "ItemChange",
    "ItemKind",
    "MatchNote",
    "MatchReason",
    "NoteKind",
    "RegisterDiff",
    "RegisterHead",
    "Removal",
    "RiskMatch",
    "ScoreChange",
    "Side",
    "TextChange",
    "apply",
    "diff",
    "invert",
]

#: Each stage with its field's name, read once (an enum's value is a lookup each time).
_STAGES = tuple((stage, stage.value) for stage in (Stage.INHERENT, Stage.CURRENT, Stage.TARGET))
#: The text parts of a risk whose edits are reported with a similarity figure.
TEXT_FIELDS = ("title", "objective", "description", "consequence")
#: The single-valued parts of a risk whose changes are reported as before and after.
VALUE_FIELDS = ("id", "ref", "section", "category", "risk_owner", "action_owner",
                "review_date", "target_date", "appetite", "cost", "status", "direction")
#: Two list items (controls, actions, triggers) at least this alike are one item edited.
ITEM_SIMILARITY = 0.5


class Crossing(Choice):
    """A score crossing the risk's appetite: newly ``above`` it, or back ``within`` it."""

    ABOVE = "above"
    WITHIN = "within"


class ItemKind(Choice):
    """The lists a risk holds: existing controls, further actions, triggers."""

    CONTROL = "control"
    ACTION = "action"
    TRIGGER = "trigger"


class Edit(Choice):
    """What happened to a list item between versions."""

    ADDED = "added"
    REMOVED = "removed"
    EDITED = "edited"


def _words_alike(old: str, new: str) -> float:
    """The share of two texts' words they have in common, counted with repeats: 0 to 1.

    >>> _words_alike("Recruit two payroll officers", "Recruit three payroll officers")
    0.75
    """
    if old == new:
        return 1.0
    a, b = old.split(), new.split()
    if not a or not b:
        return 0.0
    left, right = Counter(a), Counter(b)  # the words shared, each as often as both have it
    both = left.keys() & right.keys()
    kept = sum(map(min, map(left.__getitem__, both), map(right.__getitem__, both)))
    return round(2 * kept / (len(a) + len(b)), 4)


def _reason(value: MatchReason | str) -> MatchReason:
    return value if value.__class__ is MatchReason else MatchReason(value)


def _optional_trend(value: Trend | str | None) -> Trend | None:
    return None if value is None else Trend(value)


def _optional_crossing(value: Crossing | str | None) -> Crossing | None:
    return None if value is None else Crossing(value)


# -- one risk's changes -----------------------------------------------------------------------


def _same_score(old: Assessment | None, new: Assessment | None) -> bool:
    """Whether two assessments state the same score (the cell text as printed aside)."""
    if old is None or new is None:
        return old is new
    return (old.likelihood, old.impact, old.stated) == (new.likelihood, new.impact, new.stated)


def _steps(old: Assessment, new: Assessment, axis: str) -> int | None:
    a, b = getattr(old, axis), getattr(new, axis)
    if a is None or b is None:
        return None
    scale = getattr(old.scheme, axis)
    return int(scale.rank(b) - scale.rank(a))


def _above(assessment: Assessment | None, threshold: float | None) -> bool | None:
    if threshold is None or assessment is None:
        return None
    value = assessment.value
    return None if value is None else value > threshold


@frozen(kw_only=True)
class ScoreChange:
    """How one stage's score changed: the two assessments and what the move means.

    ``trend`` follows the rating (``None`` when either side has none); the steps are
    changes of severity rank on each scale (positive is worse); the bands are band
    keys; ``crossing`` says whether the score went above the risk's appetite or came
    back within it. A stage whose score is the same but whose appetite moved across it
    is a change too.
    """

    stage: Stage = field(converter=to_stage)
    old: Assessment | None = None
    new: Assessment | None = None
    trend: Trend | None = field(default=None, converter=_optional_trend)
    value_change: float | None = field(default=None, converter=optional_number)
    likelihood_steps: int | None = None
    impact_steps: int | None = None
    old_band: str | None = field(default=None, converter=optional_text)
    new_band: str | None = field(default=None, converter=optional_text)
    crossing: Crossing | None = field(default=None, converter=_optional_crossing)

    @classmethod
    def of(
        cls, stage: Stage, old: Assessment | None, new: Assessment | None,
        thresholds: tuple[float | None, float | None] = (None, None),
    ) -> ScoreChange | None:
        """The change at *stage*, or ``None`` when nothing about it changed.

        *thresholds* are the old and the new appetite thresholds of the risk.
        """
        was, now = _above(old, thresholds[0]), _above(new, thresholds[1])
        crossing = None
        if now is True and was is not True:
            crossing = Crossing.ABOVE
        elif was is True and now is False:
            crossing = Crossing.WITHIN
        if crossing is None and _same_score(old, new):
            return None
        before = old.value if old is not None else None
        after = new.value if new is not None else None
        lk = im = None
        if old is not None and new is not None:
            lk, im = _steps(old, new, "likelihood"), _steps(old, new, "impact")
        old_band, new_band = band_of(old), band_of(new)
        return cls(
            stage=stage, old=old, new=new, trend=trend_of(before, after),
            value_change=None if before is None or after is None else after - before,
            likelihood_steps=lk, impact_steps=im,
            old_band=old_band.key if old_band else None,
            new_band=new_band.key if new_band else None,
            crossing=crossing,
        )

    @property
    def band_moved(self) -> bool:
        """Whether the band changed (a score gained or lost counts)."""
        return self.old_band != self.new_band

    def __str__(self) -> str:
        old = str(self.old) if self.old is not None else "none"
        new = str(self.new) if self.new is not None else "none"
        arrow = f" {self.trend.symbol}" if self.trend is not None else ""
        return f"{self.stage} {old} -> {new}{arrow}"


@frozen(kw_only=True)
class FieldChange:
    """A single value that changed, both sides as printed (``None`` when absent)."""

    name: str = field(converter=strip_text)
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        return f"{self.name}: {self.old or 'none'} -> {self.new or 'none'}"


@frozen(kw_only=True)
class TextChange:
    """A text part that was edited, with the share of its wording kept (0 to 1)."""

    name: str = field(converter=strip_text)
    old: str
    new: str
    similarity: float

    def __str__(self) -> str:
        return f"{self.name} edited ({self.similarity:.0%} of the wording kept)"


@frozen(kw_only=True)
class ItemChange:
    """A control, action or trigger added, removed or edited (with its similarity)."""

    kind: ItemKind = field(converter=ItemKind)
    edit: Edit = field(converter=Edit)
    old: str | None = None
    new: str | None = None
    similarity: float | None = None

    def __str__(self) -> str:
        if self.edit is Edit.ADDED:
            return f"{self.kind} added: {self.new}"
        if self.edit is Edit.REMOVED:
            return f"{self.kind} removed: {self.old}"
        return f"{self.kind} edited: {self.old} -> {self.new}"


Change = ScoreChange | FieldChange | TextChange | ItemChange


def _shown(value: object) -> str | None:
    """A field's value as printed in a change: text, a date's text, ``closed: reason``."""
    if value is None:
        return None
    if isinstance(value, Status):
        return f"{value.state}: {value.reason}" if value.reason else str(value.state)
    return str(value)


def _text(item: Any) -> str:
    return str(item.text)


def _action(action: Action) -> str:
    parts = [f"owner {action.owner}" if action.owner else "",
             f"due {action.due}" if action.due is not None else ""]
    extra = "; ".join(p for p in parts if p)
    return f"{action.text} ({extra})" if extra else action.text


def _items(
    kind: ItemKind, old: Sequence[Any], new: Sequence[Any], text: Callable[[Any], str],
    show: Callable[[Any], str],
) -> list[ItemChange]:
    """Items the same in both lists are unchanged; alike ones edited; the rest added/removed."""
    left = list(range(len(old)))
    pending: list[int] = []
    for j, item in enumerate(new):
        found = next((i for i in left if old[i] == item), None)
        if found is None:
            pending.append(j)
        else:
            left.remove(found)
    candidates = []
    for j in pending:
        for i in left:
            score = _words_alike(text(old[i]), text(new[j]))
            if score >= ITEM_SIMILARITY:
                candidates.append((-score, j, i))
    candidates.sort()
    edited: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for negative, j, i in candidates:
        if j not in edited and i not in used:
            edited[j] = (i, -negative)
            used.add(i)
    changes = []
    for j in pending:
        if j in edited:
            i, score = edited[j]
            changes.append(ItemChange(kind=kind, edit=Edit.EDITED, old=show(old[i]),
                                      new=show(new[j]), similarity=score))
        else:
            changes.append(ItemChange(kind=kind, edit=Edit.ADDED, new=show(new[j])))
    changes.extend(ItemChange(kind=kind, edit=Edit.REMOVED, old=show(old[i]))
                   for i in left if i not in used)
    return changes


def _note_changes(
    old: tuple[tuple[str, str], ...], new: tuple[tuple[str, str], ...]
) -> list[FieldChange]:
    """Each note (a cell kept under its header) added, removed or changed, as a value
    named by its header: ``notes.Comments``, or ``notes['Lead officer']``."""
    before, after = dict(old), dict(new)
    return [FieldChange(name="notes" + member(name), old=before.get(name),
                        new=after.get(name))
            for name in dict.fromkeys([*before, *after])
            if before.get(name) != after.get(name)]


_VALUES = attrgetter(*VALUE_FIELDS)
_TEXTS = attrgetter(*TEXT_FIELDS)
#: Every part of a risk whose change :func:`_risk_changes` reports, besides its scores.
_REPORTED = attrgetter(*VALUE_FIELDS, "notes", *TEXT_FIELDS, "controls", "actions", "triggers")


def _risk_changes(
    old: Risk, new: Risk, thresholds: tuple[float | None, float | None]
) -> tuple[Sequence[ScoreChange], Sequence[FieldChange], Sequence[TextChange],
           Sequence[ItemChange]]:
    steady = thresholds[0] is None and thresholds[1] is None  # no appetite to cross
    scores = []
    for stage, name in _STAGES:
        a, b = getattr(old, name), getattr(new, name)
        if steady and _same_score(a, b):
            continue
        change = ScoreChange.of(stage, a, b, thresholds)
        if change is not None:
            scores.append(change)
    # Field by field: comparing whole risks would compare their schemes in full. All
    # the parts reported below at once first: most risks are the same in both versions.
    if old is new or _REPORTED(old) == _REPORTED(new):
        return (tuple(scores) if scores else ()), (), (), ()  # tuples, as RiskMatch keeps
    fields = []
    if _VALUES(old) != _VALUES(new):
        fields = [FieldChange(name=name, old=_shown(a), new=_shown(b))
                  for name in VALUE_FIELDS
                  if (a := getattr(old, name)) != (b := getattr(new, name))]
    if old.notes != new.notes:
        fields += _note_changes(old.notes, new.notes)
    edits = []
    if _TEXTS(old) != _TEXTS(new):
        edits = [TextChange(name=name, old=a, new=b, similarity=_words_alike(a, b))
                 for name in TEXT_FIELDS
                 if (a := getattr(old, name)) != (b := getattr(new, name))]
    items = []
    if old.controls != new.controls:
        items += _items(ItemKind.CONTROL, old.controls, new.controls, _text, _text)
    if old.actions != new.actions:
        items += _items(ItemKind.ACTION, old.actions, new.actions, _text, _action)
    if old.triggers != new.triggers:
        items += _items(ItemKind.TRIGGER, old.triggers, new.triggers, str, str)
    return scores, fields, edits, items


@frozen(kw_only=True)
class RiskMatch:
    """A risk of the old version paired with its risk in the new one, and what changed.

    ``reason`` says how the pair was found (``id``, ``ref`` or ``content``) and
    ``confidence`` how alike their content is (:func:`riskmodel.matching.similarity`).
    Where the risk was printed (its provenance) and the raw text of its score cells are
    kept in ``old`` and ``new`` but not reported as changes.
    """

    old: Risk
    new: Risk
    reason: MatchReason = field(converter=_reason)
    confidence: float
    scores: tuple[ScoreChange, ...] = field(default=(), converter=to_tuple)
    fields: tuple[FieldChange, ...] = field(default=(), converter=to_tuple)
    texts: tuple[TextChange, ...] = field(default=(), converter=to_tuple)
    items: tuple[ItemChange, ...] = field(default=(), converter=to_tuple)

    @classmethod
    def of(
        cls, old: Risk, new: Risk, *, reason: MatchReason | str, confidence: float,
        thresholds: tuple[float | None, float | None] = (None, None),
    ) -> RiskMatch:
        """The pair with its changes worked out; *thresholds* are the appetite thresholds."""
        scores, fields, edits, items = _risk_changes(old, new, thresholds)
        return cls(old=old, new=new, reason=reason, confidence=confidence, scores=scores,
                   fields=fields, texts=edits, items=items)

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change: scores, then values, then texts, then list items."""
        return (*self.scores, *self.fields, *self.texts, *self.items)

    @property
    def changed(self) -> bool:
        """Whether anything reported changed."""
        return bool(self.scores or self.fields or self.texts or self.items)

    def score(self, stage: Stage | str) -> ScoreChange | None:
        """The change at *stage*, if its score (or its standing against appetite) changed."""
        stage = Stage(stage)
        return next((c for c in self.scores if c.stage is stage), None)

    def field_change(self, name: str) -> FieldChange | None:
        """The change of the value *name* (``ref``, ``risk_owner``, ``status`` …, or a
        note: ``notes.Comments``), if any."""
        return next((c for c in self.fields if c.name == name), None)

    @property
    def trend(self) -> Trend | None:
        """The direction of travel of the current score; ``None`` when either lacks one."""
        before = self.old.current.value if self.old.current is not None else None
        after = self.new.current.value if self.new.current is not None else None
        return trend_of(before, after)

    @property
    def renumbered(self) -> bool:
        """Whether the risk is printed under another ref (both versions print one)."""
        return self.old.ref is not None and self.new.ref is not None and (
            self.old.ref != self.new.ref)


# -- the register -----------------------------------------------------------------------------


#: The fields of a register a diff keeps besides its scheme and risks.
_HEAD_FIELDS = ("organisation", "title", "level", "owner", "version", "as_at",
                "escalation_threshold", "appetite", "sections", "heatmaps", "source")


@frozen(kw_only=True)
class RegisterHead:
    """A register's own fields without its scheme and risks, and its risks' ids in order."""

    organisation: str = field(default="", converter=strip_text)
    title: str = field(default="", converter=strip_text)
    level: str = field(default="", converter=strip_text)
    owner: str | None = field(default=None, converter=optional_text)
    version: str = field(default="", converter=strip_text)
    as_at: dt.date | None = None
    escalation_threshold: float | None = field(default=None, converter=optional_number)
    appetite: AppetitePolicy = field(factory=AppetitePolicy)
    sections: tuple[Section, ...] = field(default=(), converter=to_tuple)
    heatmaps: tuple[HeatMap, ...] = field(default=(), converter=to_tuple)
    source: Provenance | None = None
    #: The ids of the register's risks, in the order it lists them.
    risk_ids: tuple[str, ...] = field(default=(), converter=texts)

    @classmethod
    def of(cls, register: Register) -> RegisterHead:
        """The head of *register*."""
        values = {name: getattr(register, name) for name in _HEAD_FIELDS}
        return cls(**values, risk_ids=tuple(risk.id for risk in register.risks))

    def register(self, scheme: ScoringScheme, risks: Iterable[Risk]) -> Register:
        """The register with this head, on *scheme*, holding *risks* (in this head's order)."""
        by_id = {risk.id: risk for risk in risks}
        values = {name: getattr(self, name) for name in _HEAD_FIELDS}
        return Register(**values, scheme=scheme, risks=[by_id[i] for i in self.risk_ids])

    @property
    def label(self) -> str:
        """The version's name in reports: its version, else its as-at date, else its title."""
        if self.version:
            return self.version
        if self.as_at is not None:
            return self.as_at.strftime("%d/%m/%Y")
        return self.title or "(undated)"


def _policy_text(policy: AppetitePolicy) -> str | None:
    parts = [f"default {policy.default}"] if policy.default is not None else []
    parts += [f"{name} {appetite}" for name, appetite in policy.by_category]
    return ", ".join(parts) or None


def _head_changes(old: RegisterHead, new: RegisterHead) -> list[FieldChange]:
    """The register-level changes: its names, owner, version, date, threshold, sections."""
    shown: dict[str, Callable[[Any], str | None]] = {
        "appetite": _policy_text,
        "sections": lambda s: "; ".join(section.title for section in s) or None,
        "heatmaps": lambda h: f"{len(h)} heat map{'s' if len(h) != 1 else ''}" if h else None,
        "as_at": lambda d: d.strftime("%d/%m/%Y") if d is not None else None,
        "escalation_threshold": lambda t: None if t is None else f"{t:g}",
    }
    changes = []
    for name in _HEAD_FIELDS:
        if name == "source":
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            show = shown.get(name, _text_or_none)
            changes.append(FieldChange(name=name, old=show(a), new=show(b)))
    return changes


def _text_or_none(value: str | None) -> str | None:
    return value or None


def _threshold(risk: Risk, policy: AppetitePolicy, scheme: ScoringScheme) -> float | None:
    appetite = risk.appetite or policy.for_category(risk.category)
    return None if appetite is None else appetite.threshold_on(scheme)


@frozen
class Removal:
    """A risk that left the live register: no longer listed, or listed as closed or deleted.

    ``risk`` is the old version; ``status`` is the closed or deleted status the new
    version records, with its reason, or ``None`` when the new version no longer lists it.
    """

    risk: Risk
    status: Status | None = None

    @property
    def reason(self) -> str | None:
        """The reason the new version gives, if any."""
        return self.status.reason if self.status is not None else None

    @property
    def state(self) -> RiskState | None:
        """``closed`` or ``deleted`` as recorded; ``None`` when no longer listed."""
        return self.status.state if self.status is not None else None


@frozen(kw_only=True)
class DiffSummary:
    """The counts a committee report opens with.

    ``increased``, ``decreased``, ``unchanged`` and ``not_comparable`` split the risks
    open in both versions by the direction of travel of their current score.
    ``newly_above_appetite`` counts open risks whose current score is above appetite now
    and was not before (new risks included); ``amended`` counts risks open in both
    versions with any reported change.
    """

    new: int
    closed: int
    deleted: int
    unlisted: int
    increased: int
    decreased: int
    unchanged: int
    not_comparable: int
    band_changes: int
    newly_above_appetite: int
    amended: int


_OLD, _NEW, _ID, _SCHEME = attrgetter("old"), attrgetter("new"), attrgetter("id"), \
    attrgetter("scheme")
_STAGED = attrgetter(*(name for _, name in _STAGES))
#: Whether a stage is given (not ``None``), asked in C by ``filter``.
_GIVEN: Callable[[object], bool] = partial(is_not, None)


def _check_diff(instance: RegisterDiff, attribute: attrs.Attribute[Any], _: Any) -> None:
    """Both versions' ids are exactly the risks the diff holds for them."""
    scheme = instance.scheme
    for side, head, risks in (
        ("old", instance.old, [*map(_OLD, instance.matches), *instance.unlisted]),
        ("new", instance.new, [*map(_NEW, instance.matches), *instance.added]),
    ):
        held = Counter(map(_ID, risks))
        listed = Counter(head.risk_ids)
        if held != listed:
            extra = sorted((held - listed).elements())[:5]
            missing = sorted((listed - held).elements())[:5]
            raise ValidationError(
                f"the {side} version lists ids {missing} the diff does not hold, and the diff "
                f"holds ids {extra} it does not list" if missing and extra else
                f"the {side} version lists ids the diff does not hold: {missing}" if missing
                else f"the diff holds {side} risks the version does not list: {extra}",
                side,
            )
        # The schemes the risks are scored on, each object once: read one by one only
        # when any is another object than the diff's.
        if not set(map(id, map(_SCHEME, filter(_GIVEN, chain.from_iterable(
                map(_STAGED, risks)))))) - {id(scheme)}:
            continue
        for risk in risks:
            for a in (risk.inherent, risk.current, risk.target):
                if a is not None and a.scheme is not instance.scheme and (
                        a.scheme != instance.scheme):
                    raise ValidationError(
                        f"risk {risk.id} is scored on {a.scheme.id}, but the diff is on "
                        f"{instance.scheme.id}", side)


@frozen(kw_only=True)
class RegisterDiff:
    """What changed from one version of a register to the next, on one scheme.

    ``matches`` pairs the risks of both versions (in the new version's order), ``added``
    holds the new version's unmatched risks and ``unlisted`` the old version's risks the
    new one no longer lists. ``old`` and ``new`` keep each version's own fields and the
    order of its risks, so the diff is a complete patch: see :func:`apply` and
    :func:`invert`. ``changes`` are the register-level changes; ``notes`` report weak
    matches, reused ids and ties.
    """

    scheme: ScoringScheme = field(repr=lambda s: s.id)
    old: RegisterHead
    new: RegisterHead
    #: The similarity the matching used (always written, whatever the default).
    threshold: float
    matches: tuple[RiskMatch, ...] = field(default=(), converter=to_tuple)
    added: tuple[Risk, ...] = field(default=(), converter=to_tuple)
    unlisted: tuple[Risk, ...] = field(default=(), converter=to_tuple)
    changes: tuple[FieldChange, ...] = field(default=(), converter=to_tuple)
    notes: tuple[MatchNote, ...] = field(default=(), converter=to_tuple, validator=_check_diff)

    @property
    def is_empty(self) -> bool:
        """Whether nothing reported changed: no risk added, removed or changed, same order."""
        return not (self.added or self.unlisted or self.changes or self.reordered
                    or any(m.changed for m in self.matches))

    @property
    def reordered(self) -> bool:
        """Whether the risks both versions hold are listed in another order."""
        position = {risk_id: index for index, risk_id in enumerate(self.old.risk_ids)}
        order = [position[m.old.id] for m in self.matches]
        return order != sorted(order)

    @property
    def removed(self) -> tuple[Removal, ...]:
        """Risks that left the live register: closed or deleted now (with the reason the
        new version gives), then those no longer listed at all."""
        ended = tuple(
            Removal(m.old, m.new.status) for m in self.matches
            if m.old.is_open and not m.new.is_open
        )
        return ended + tuple(Removal(risk) for risk in self.unlisted)

    @property
    def closed(self) -> tuple[RiskMatch, ...]:
        """Matches of risks open before and closed now."""
        return tuple(m for m in self.matches
                     if m.old.is_open and m.new.status.state is RiskState.CLOSED)

    @property
    def deleted(self) -> tuple[RiskMatch, ...]:
        """Matches of risks open before and deleted now."""
        return tuple(m for m in self.matches
                     if m.old.is_open and m.new.status.state is RiskState.DELETED)

    @property
    def continuing(self) -> tuple[RiskMatch, ...]:
        """Matches of risks open in both versions."""
        return tuple(m for m in self.matches if m.old.is_open and m.new.is_open)

    @property
    def amended(self) -> tuple[RiskMatch, ...]:
        """Matches of risks open in both versions with any reported change."""
        return tuple(m for m in self.continuing if m.changed)

    def verify(self) -> None:
        """Check that every stored change is the change its two risks make.

        A diff holds both versions of each risk beside the changes between them, so a
        diff read from a file could say one thing in its changes and another in its
        risks; :func:`riskmodel.loads` calls this for every diff it reads. The first
        change that differs raises :class:`~riskmodel.ValidationError` naming its place
        (``matches[2].scores``) and the changes the risks make.

        >>> import riskmodel
        >>> d = diff(riskmodel.examples.load("fenbridge-corporate-2026-q1"),
        ...          riskmodel.examples.load("fenbridge-corporate-2026-q2"))
        >>> d.verify()
        >>> forged = attrs.evolve(d, matches=[attrs.evolve(d.matches[0], scores=()),
        ...                                   *d.matches[1:]])
        >>> try:
        ...     forged.verify()
        ... except riskmodel.ValidationError as error:
        ...     print(error.path, "|", error.problem.split(": ")[1])
        matches[0].scores | expected [current 4x4 -> 4x5 ↑], found []
        """
        heads = (self.old, self.new)
        for index, stored in enumerate(self.matches):
            worked = _match(stored.old, stored.new, stored.reason, stored.confidence, heads,
                            self.scheme)
            for name in ("scores", "fields", "texts", "items"):
                if getattr(worked, name) != getattr(stored, name):
                    raise _not_made(getattr(worked, name), getattr(stored, name),
                                    f"matches[{index}].{name}", "its two risks")
        head = tuple(_head_changes(*heads))
        if head != self.changes:
            raise _not_made(head, self.changes, "changes", "the two versions")

    def match_of(self, risk_id: str, side: Side | str = Side.NEW) -> RiskMatch | None:
        """The match of the risk with this id in the *side* version, if it was matched."""
        new = Side(side) is Side.NEW
        return next((m for m in self.matches if (m.new if new else m.old).id == risk_id), None)

    def appetite_threshold(self, risk: Risk, side: Side | str = Side.NEW) -> float | None:
        """The appetite threshold of *risk* in the *side* version, if one resolves."""
        head = self.new if Side(side) is Side.NEW else self.old
        return _threshold(risk, head.appetite, self.scheme)

    def newly_above_appetite(self) -> tuple[Risk, ...]:
        """Open risks whose current score is above appetite now and was not before."""
        found = []
        for risk in self._new_order():
            if not risk.is_open:
                continue
            match = self.match_of(risk.id)
            if match is None:
                if _above(risk.current, self.appetite_threshold(risk)):
                    found.append(risk)
            else:
                change = match.score(Stage.CURRENT)
                if change is not None and change.crossing is Crossing.ABOVE:
                    found.append(risk)
        return tuple(found)

    def _new_order(self) -> list[Risk]:
        by_id = {m.new.id: m.new for m in self.matches} | {r.id: r for r in self.added}
        return [by_id[i] for i in self.new.risk_ids]

    @property
    def summary(self) -> DiffSummary:
        """The counts of new, closed, deleted, unlisted, moved and amended risks."""
        trends = Counter(m.trend for m in self.continuing)
        bands = 0
        for m in self.continuing:
            change = m.score(Stage.CURRENT)
            bands += change is not None and change.band_moved
        return DiffSummary(
            new=sum(risk.is_open for risk in self.added), closed=len(self.closed),
            deleted=len(self.deleted), unlisted=len(self.unlisted),
            increased=trends[Trend.UP], decreased=trends[Trend.DOWN],
            unchanged=trends[Trend.SAME], not_comparable=trends[None], band_changes=bands,
            newly_above_appetite=len(self.newly_above_appetite()),
            amended=len(self.amended),
        )


def _listed(changes: Sequence[object]) -> str:
    shown = [str(change) for change in changes[:3]]
    return "[" + ", ".join(shown) + (f", … {len(changes) - 3} more" if len(changes) > 3
                                     else "") + "]"


def _not_made(worked: Sequence[object], stored: Sequence[object], path: str,
              made_by: str) -> ValidationError:
    return ValidationError(f"the stored changes are not the changes {made_by} make: expected "
                           f"{_listed(worked)}, found {_listed(stored)}", path)


def _mismatch(old: ScoringScheme, new: ScoringScheme) -> SchemeMismatchError:
    if old.id == new.id:
        how = (f"the two registers define {old.id} differently; convert one of them to the "
               "other's scheme first: riskmodel convert FILE --to SCHEME")
    else:
        how = (f"convert one of them first: riskmodel convert FILE --to SCHEME (here "
               f"--to {new.id} or --to {old.id})")
    return SchemeMismatchError(old.id, new.id, "register", hint=how)


def _match(
    old: Risk, new: Risk, reason: MatchReason, confidence: float,
    heads: tuple[RegisterHead, RegisterHead], scheme: ScoringScheme,
) -> RiskMatch:
    thresholds = (_threshold(old, heads[0].appetite, scheme),
                  _threshold(new, heads[1].appetite, scheme))
    return RiskMatch.of(old, new, reason=reason, confidence=confidence, thresholds=thresholds)


def diff(old: Register, new: Register, *, threshold: float = DEFAULT_THRESHOLD) -> RegisterDiff:
    """What changed from *old* to *new*: matches, added and unlisted risks, and notes.

    Risks are matched by id, then by ref, then by content (see
    :func:`riskmodel.matching.match_risks`); *threshold* is the similarity (0 to 1) at
    or above which two risks' content makes them the same risk. Two registers on
    different schemes raise :class:`~riskmodel.SchemeMismatchError`: convert one first.

    >>> import riskmodel
    >>> q1 = riskmodel.examples.load("fenbridge-corporate-2026-q1")
    >>> q2 = riskmodel.examples.load("fenbridge-corporate-2026-q2")
    >>> d = diff(q1, q2)
    >>> [r.id for r in d.added], [m.new.id for m in d.closed]
    (['FDC-027', 'FDC-028'], ['FDC-009'])
    >>> print(d.match_of("FDC-001").score("current"))
    current 4x4 -> 4x5 ↑
    """
    if old.scheme is not new.scheme and old.scheme != new.scheme:
        raise _mismatch(old.scheme, new.scheme)
    if not 0 <= threshold <= 1:
        raise ValidationError(f"the threshold is a similarity from 0 to 1, not {threshold!r}",
                              "threshold")
    with paused_gc():
        heads = (RegisterHead.of(old), RegisterHead.of(new))
        pairing = match_risks(old.risks, new.risks, threshold=threshold)
        matched_old = {o for o, _, _, _ in pairing.pairs}
        matched_new = {n for _, n, _, _ in pairing.pairs}
        matches = [_match(old.risks[o], new.risks[n], reason, score, heads, old.scheme)
                   for o, n, reason, score in pairing.pairs]
        return RegisterDiff(
            scheme=old.scheme, old=heads[0], new=heads[1], threshold=threshold,
            matches=matches,
            added=[r for j, r in enumerate(new.risks) if j not in matched_new],
            unlisted=[r for i, r in enumerate(old.risks) if i not in matched_old],
            changes=_head_changes(*heads),
            notes=pairing.notes,
        )


def _differs(old: RegisterHead, given: RegisterHead) -> str | None:
    for a in attrs.fields(RegisterHead):
        if getattr(old, a.name) != getattr(given, a.name):
            return a.name
    return None


def apply(register: Register, patch: RegisterDiff) -> Register:
    """The new version: *register*, which must be the diff's old version, with the diff applied.

    A register that is not the old version (another title, a risk missing or changed)
    raises :class:`~riskmodel.errors.PatchError` naming what differs;
    ``apply(old, diff(old, new)) == new``.
    """
    if register.scheme is not patch.scheme and register.scheme != patch.scheme:
        raise _mismatch(patch.scheme, register.scheme)
    differs = _differs(patch.old, RegisterHead.of(register))
    if differs == "risk_ids":
        listed = [risk.id for risk in register.risks]
        raise PatchError("register", f"it lists the risks {listed[:8]}, the diff's old version "
                         f"lists {list(patch.old.risk_ids[:8])}")
    if differs is not None:
        raise PatchError(f"register {differs}",
                         "it is not the value in the version the diff was made from")
    expected = {m.old.id: m.old for m in patch.matches} | {r.id: r for r in patch.unlisted}
    for risk in register.risks:
        if risk != expected[risk.id]:
            raise PatchError(f"risk {risk.id}",
                             "it differs from the version the diff was made from")
    risks = [m.new for m in patch.matches] + list(patch.added)
    return patch.new.register(register.scheme, risks)


def invert(patch: RegisterDiff) -> RegisterDiff:
    """The diff from the new version back to the old: ``apply(new, invert(d)) == old``.

    Each change is worked out again the other way round; matching notes swap sides.
    """
    heads = (patch.new, patch.old)
    position = {risk_id: index for index, risk_id in enumerate(patch.old.risk_ids)}
    matches = sorted(patch.matches, key=lambda m: position[m.old.id])
    swap = {Side.OLD: Side.NEW, Side.NEW: Side.OLD}
    with paused_gc():
        return RegisterDiff(
            scheme=patch.scheme, old=patch.new, new=patch.old, threshold=patch.threshold,
            matches=[_match(m.new, m.old, m.reason, m.confidence, heads, patch.scheme)
                     for m in matches],
            added=patch.unlisted, unlisted=patch.added,
            changes=_head_changes(*heads),
            notes=[attrs.evolve(n, old_id=n.new_id, new_id=n.old_id,
                                other_side=None if n.other_side is None else swap[n.other_side])
                   for n in patch.notes],
        )

