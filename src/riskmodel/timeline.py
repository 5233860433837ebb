"""A register's history over several versions: each risk's timeline and the register's trend.

:func:`history` diffs each version with the next (:func:`riskmodel.diff`) and follows every
risk through the versions that list it, across renumbering: when it appeared, the refs
it was printed under, its scores by stage, its direction of travel, and when it was
closed or no longer listed.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from attrs import field, frozen

from riskmodel._validate import to_tuple
from riskmodel.assessment import Assessment, Stage
from riskmodel.changes import DEFAULT_THRESHOLD, RegisterDiff, RegisterHead, diff
from riskmodel.direction import Trend, trend_of
from riskmodel.errors import ValidationError
from riskmodel.profile import profile
from riskmodel.register import Register
from riskmodel.risk import Risk, RiskState

__all__ = ["Appearance", "History", "Timeline", "history"]


@frozen
class Appearance:
    """A risk as one version lists it; ``version`` is the version's index (from 0)."""

    version: int
    risk: Risk


@frozen(kw_only=True)
class Timeline:
    """One risk through the versions that list it, in order.

    ``span`` is how many versions the history has; ``unlisted`` the first version that no
    longer lists the risk (``None`` when the last version lists it).
    """

    appearances: tuple[Appearance, ...] = field(converter=to_tuple)
    span: int
    unlisted: int | None = None

    @property
    def latest(self) -> Risk:
        """The risk as the last version that lists it has it."""
        return self.appearances[-1].risk

    @property
    def id(self) -> str:
        """The risk's id in the last version that lists it."""
        return self.latest.id

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id the risk had, in order, each once."""
        return tuple(dict.fromkeys(a.risk.id for a in self.appearances))

    @property
    def refs(self) -> tuple[str, ...]:
        """Every ref the risk was printed under, in order, each once."""
        return tuple(dict.fromkeys(a.risk.ref for a in self.appearances if a.risk.ref))

    @property
    def first(self) -> int:
        """The first version that lists the risk."""
        return self.appearances[0].version

    @property
    def appeared(self) -> int | None:
        """The version the risk was new in; ``None`` when the first version has it."""
        return self.first if self.first > 0 else None

    @property
    def closed(self) -> int | None:
        """The first version that lists the risk as closed or deleted, if any."""
        return next((a.version for a in self.appearances if not a.risk.is_open), None)

    @property
    def state(self) -> RiskState | None:
        """The risk's state in the last version that lists it; ``None`` once unlisted."""
        return None if self.unlisted is not None else self.latest.status.state

    def assessments(self, stage: Stage | str = Stage.CURRENT) -> tuple[Assessment | None, ...]:
        """The risk's assessment at *stage* in every version (``None`` where not listed)."""
        stage = Stage(stage)
        found: list[Assessment | None] = [None] * self.span
        for a in self.appearances:
            found[a.version] = a.risk.assessment(stage)
        return tuple(found)

    def values(self, stage: Stage | str = Stage.CURRENT) -> tuple[float | None, ...]:
        """The rating at *stage* in every version (``None`` where not listed or not rated)."""
        return tuple(a.value if a is not None else None for a in self.assessments(stage))

    @property
    def moves(self) -> tuple[Trend | None, ...]:
        """The direction of travel of the current score at each step between listings."""
        values = [a.risk.current.value if a.risk.current is not None else None
                  for a in self.appearances]
        return tuple(trend_of(a, b) for a, b in itertools.pairwise(values))

    @property
    def trend(self) -> Trend | None:
        """The latest direction of travel: ``new`` for a risk listed once after the first
        version, ``None`` for one listed only in the first, or with no current rating."""
        if len(self.appearances) == 1:
            return Trend.NEW if self.appeared is not None else None
        return self.moves[-1]


def _counts(register: Register, stage: Stage) -> Mapping[str, int]:
    return profile(register).by_stage[stage]


@frozen(kw_only=True)
class History:
    """Versions of one register, the diffs between them and each risk's timeline.

    ``timelines`` run in the order of the last version, then the risks it no longer
    lists, latest first.
    """

    registers: tuple[Register, ...] = field(converter=to_tuple)
    diffs: tuple[RegisterDiff, ...] = field(converter=to_tuple)
    timelines: tuple[Timeline, ...] = field(converter=to_tuple)

    @property
    def versions(self) -> tuple[RegisterHead, ...]:
        """Each version's own fields (title, version, as-at date…) and its risk ids."""
        return tuple(RegisterHead.of(r) for r in self.registers)

    def band_counts(self, stage: Stage | str = Stage.CURRENT) -> tuple[Mapping[str, int], ...]:
        """Open risks by band at *stage*, per version: the register's trend.

        >>> import riskmodel
        >>> quarters = [riskmodel.load(f"examples/registers/fenbridge-corporate-2026-q{n}.json")
        ...             for n in (1, 2, 3)]
        >>> for counts in history(quarters).band_counts(): print(dict(counts))
        {'green': 0, 'yellow': 1, 'amber': 19, 'red': 6, 'unscored': 0}
        {'green': 0, 'yellow': 1, 'amber': 19, 'red': 6, 'unscored': 0}
        {'green': 0, 'yellow': 0, 'amber': 17, 'red': 9, 'unscored': 0}
        """
        stage = Stage(stage)
        return tuple(MappingProxyType(dict(_counts(r, stage))) for r in self.registers)

    def timeline_of(self, risk_id: str, version: int = -1) -> Timeline:
        """The timeline of the risk with *risk_id* in *version* (default: the last)."""
        index = range(len(self.registers))[version]
        for timeline in self.timelines:
            if any(a.version == index and a.risk.id == risk_id for a in timeline.appearances):
                return timeline
        raise ValidationError(f"version {index + 1} lists no risk {risk_id!r}", "timelines")


def history(
    registers: Sequence[Register], *, threshold: float = DEFAULT_THRESHOLD
) -> History:
    """The history of *registers*, oldest first: each consecutive pair diffed, each risk
    followed through the versions that list it.

    >>> import riskmodel
    >>> quarters = [riskmodel.load(f"examples/registers/fenbridge-corporate-2026-q{n}.json")
    ...             for n in (1, 2, 3)]
    >>> line = history(quarters).timeline_of("FDC-006")
    >>> line.refs, line.values("current"), line.moves
    (('6', '7'), (16, 20, 20), (<Trend.UP: 'up'>, <Trend.SAME: 'same'>))
    """
    if not registers:
        raise ValidationError("a history needs at least one version", "registers")
    diffs = tuple(diff(a, b, threshold=threshold)
                  for a, b in itertools.pairwise(registers))
    span = len(registers)
    lines: list[list[Appearance]] = []
    ends: dict[int, int] = {}
    current: dict[str, int] = {}  # risk id in the version just read → its line
    for risk in registers[0].risks:
        current[risk.id] = len(lines)
        lines.append([Appearance(0, risk)])
    for version, changes in enumerate(diffs, 1):
        following: dict[str, int] = {}
        for match in changes.matches:
            line = current[match.old.id]
            lines[line].append(Appearance(version, match.new))
            following[match.new.id] = line
        for risk in changes.added:
            following[risk.id] = len(lines)
            lines.append([Appearance(version, risk)])
        for risk in changes.unlisted:
            ends[current[risk.id]] = version
        current = following
    places = [{risk.id: index for index, risk in enumerate(r.risks)} for r in registers]
    position = {
        line: (last.version, places[last.version][last.risk.id])
        for line, appearances in enumerate(lines) for last in appearances[-1:]
    }
    order = sorted(range(len(lines)), key=lambda line: (-position[line][0], position[line][1]))
    timelines = [Timeline(appearances=lines[line], span=span, unlisted=ends.get(line))
                 for line in order]
    return History(registers=registers, diffs=diffs, timelines=timelines)
