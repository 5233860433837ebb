"""Risk assembly: drafts of risks from their rows and continuation rows, their ids, and
the registers they make, with each heat map applied to its table.

A :class:`Draft` gathers one risk while its rows are read: its first row's cells by
field, the list items of its continuation rows, its actions with their own owners,
dates and statuses, and the cells the model has no field for (its notes). A
:class:`Part` is one register of the document while it is read. :class:`Assembler`
turns drafts into :class:`~riskmodel.Risk` values and parts into registers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from riskmodel.appetite import Appetite
from riskmodel.assessment import Assessment
from riskmodel.cost import Cost
from riskmodel.dates import DateText
from riskmodel.direction import Direction
from riskmodel.provenance import Provenance
from riskmodel.readers.layout import Layout
from riskmodel.readers.parsers import CellParsers
from riskmodel.readers.report import NoteKind, ReportBuilder
from riskmodel.readers.table import Row
from riskmodel.register import HeatMap, Placement, Register, Section
from riskmodel.risk import Action, Control, Risk, RiskState, Status

__all__ = ["ActionDraft", "Assembler", "Draft", "Part", "norm_ref"]

#: A letter of the Cyrillic block, which looks like a Latin capital in many owners' names.
_CYRILLIC = re.compile("[\u0400-\u04ff]")

#: The words a status cell opens with, and the state each names.
_STATES = {"open": RiskState.OPEN, "live": RiskState.OPEN, "active": RiskState.OPEN,
           "closed": RiskState.CLOSED, "close": RiskState.CLOSED,
           "deleted": RiskState.DELETED, "removed": RiskState.DELETED}
#: The status of a risk whose row says nothing of it (one value shared by all: it is frozen).
_OPEN = Status()


def norm_ref(ref: str) -> str:
    """A ref as heat maps and tables are matched: ``1.1.``, ``1.1`` and ``a)`` without
    their closing marks."""
    return ref.strip().strip(".)").strip()


@attrs.define
class ActionDraft:
    """One further action while it is read: its text, owner, due date and status."""

    text: str
    line: int
    owner: str = ""
    due: str = ""
    status: str = ""
    date_system: int | None = None


@attrs.define
class Draft:
    """A risk being assembled from its row and any continuation rows."""

    row: Row
    section: Section | None
    ref: str | None
    letter: str | None
    values: dict[str, str]
    controls: list[str] = attrs.Factory(list)
    actions: list[ActionDraft] = attrs.Factory(list)
    triggers: list[str] = attrs.Factory(list)
    stages: dict[str, Assessment | None] = attrs.Factory(dict)
    appetite: Appetite | None = None
    notes: dict[str, str] = attrs.Factory(dict)
    #: The header each field's column was printed under, for the notes.
    headers: dict[str, str] = attrs.Factory(dict)
    id: str = ""
    #: The reason given when the row is printed under DELETIONS.
    deleted: str | None = None

    def note(self, header: str, text: str) -> None:
        """Keep *text* under *header*; more text under the same header goes below it."""
        held = self.notes.get(header)
        self.notes[header] = text if not held else f"{held}\n{text}"


@attrs.define
class Part:
    """One register of the document while it is read."""

    title: str = ""
    line: int | None = None
    section: Section | None = None
    sections: list[Section] = attrs.Factory(list)
    drafts: list[Draft] = attrs.Factory(list)
    heatmaps: list[tuple[HeatMap, int]] = attrs.Factory(list)
    # Indexes kept up to date by add(), so that naming a new risk or finding an earlier
    # one costs the same at row 16,000 as at row 1.
    ids: set[str] = attrs.Factory(set)
    in_section: Counter[Section | None] = attrs.Factory(Counter)
    deleted: int = 0
    last_numbered: Draft | None = None
    after_numbered: int = 0
    by_ref: dict[str, Draft] = attrs.Factory(dict)
    by_title: dict[str, Section] = attrs.Factory(dict)
    suffixes: dict[str, int] = attrs.Factory(dict)  # the last "-n" given to each taken id

    def add(self, draft: Draft) -> None:
        """Append *draft* and update the indexes."""
        self.drafts.append(draft)
        self.ids.add(draft.id)
        self.in_section[draft.section] += 1
        if draft.deleted is not None:
            self.deleted += 1
        if draft.ref is not None:
            self.by_ref[draft.ref] = draft
            if draft.deleted is None:
                self.last_numbered, self.after_numbered = draft, 0
        else:
            self.after_numbered += 1

    def add_section(self, section: Section) -> None:
        """Append *section*; the first of a title is the one found by its title."""
        self.sections.append(section)
        self.by_title.setdefault(section.title, section)

    def enter(self, title: str, ref: str | None) -> Section:
        """The section *title* (made on first sight), now the one risks go in."""
        section = self.by_title.get(title)
        if section is None:
            section = Section(title, ref)
            self.add_section(section)
        self.section = section
        return section


def _letters(index: int) -> str:
    """The *index*-th (from 0) letter name, as spreadsheet columns count: a … z, aa, ab …"""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("a") + rest) + name
    return name


def _status(text: str) -> Status | None:
    """The risk's state a status cell names (``Closed - merged into 4``), or ``None``."""
    words = text.split(maxsplit=1)
    state = _STATES.get(words[0].casefold().strip(".:-–")) if words else None
    if state is None:
        return None
    reason = words[1].lstrip(" -–:,") if len(words) > 1 else None
    return Status(state, reason or None)


class Assembler:
    """Names drafts, and builds risks and registers from them."""

    def __init__(
        self, *, source: str, layout: Layout, parsers: CellParsers, report: ReportBuilder
    ) -> None:
        self.source = source
        self.layout = layout
        self.parsers = parsers
        self.report = report

    # -- ids -------------------------------------------------------------------------------

    def new_id(self, part: Part, draft: Draft) -> str:
        """A stable id unique in *part*: the ref, or the section's ref and a letter, or
        the numbered risk above and a count, else ``row<line>``; a taken id gets ``-2``."""
        prefix = draft.section.ref if draft.section and draft.section.ref else ""
        head = part.last_numbered
        if draft.deleted is not None:
            base = f"deleted-{part.deleted + 1}"
        elif self.layout.grouped and draft.ref is None and head is not None:
            base = f"{head.id}.{part.after_numbered + 1}"
        elif draft.letter is not None:
            base = f"{prefix}{draft.letter}"
        elif draft.ref:
            base = norm_ref(draft.ref)
        elif prefix:
            base = f"{prefix}{_letters(part.in_section[draft.section])}"
        else:
            base = f"row{draft.row.line}"
        taken = part.ids
        candidate, n = base, 1
        if candidate in taken:
            n = part.suffixes.get(base, 1)  # the suffixes below it are taken already
            while candidate in taken:
                n += 1
                candidate = f"{base}-{n}"
            part.suffixes[base] = n
        if candidate != base:
            self.report.note(NoteKind.PROBLEM, draft.row.line,
                             f"the id {base!r} is taken; this risk is {candidate!r}",
                             risk_id=candidate, field="id", found=base)
        return candidate

    # -- risks -----------------------------------------------------------------------------

    def _check_text(self, draft: Draft) -> None:
        """Report owners in look-alike letters."""
        for name in ("risk_owner", "action_owner"):
            text = draft.values.get(name, "")
            if text.isupper() and _CYRILLIC.search(text):
                self.report.problem(
                    draft.row.line, "the owner is written in Cyrillic letters; kept as printed",
                    risk_id=draft.id, field=name, found=text,
                )

    def _actions(self, draft: Draft) -> tuple[Action, ...]:
        return tuple(
            Action(
                text=action.text, owner=action.owner or None, status=action.status or None,
                due=self.parsers.date(action.line, draft.id, "actions.due", action.due,
                                      action.date_system),
            )
            for action in draft.actions
        )

    def risk(self, draft: Draft) -> Risk:
        """The risk *draft* holds."""
        self._check_text(draft)
        values = draft.values
        line, system = draft.row.line, draft.row.date_system
        cost = values.get("cost")
        direction = values.get("direction")
        description = values.get("description", "")
        cause = values.get("cause", "")
        if cause and not description:
            description = cause
        elif cause:
            draft.note(draft.headers.get("cause", "Cause"), cause)
        status = Status(RiskState.DELETED, draft.deleted) if draft.deleted else _OPEN
        printed = values.get("status", "")
        if printed and not draft.deleted:
            read = _status(printed)
            if read is None:
                draft.note(draft.headers.get("status", "Status"), printed)
            else:
                status = read
        return Risk(
            id=draft.id,
            ref=draft.ref,
            section=draft.section.title if draft.section else None,
            category=values.get("category") or None,
            objective=values.get("objective", ""),
            title=values.get("title", ""),
            description=description,
            consequence=values.get("consequence", ""),
            triggers=tuple(draft.triggers),
            controls=tuple(map(Control, draft.controls)),
            actions=self._actions(draft),
            inherent=draft.stages.get("inherent"),
            current=draft.stages.get("current"),
            target=draft.stages.get("target"),
            direction=Direction.parse(direction) if direction else None,
            appetite=draft.appetite,
            risk_owner=values.get("risk_owner") or None,
            action_owner=values.get("action_owner") or None,
            cost=Cost.parse(cost) if cost else None,
            target_date=self.parsers.date(line, draft.id, "target_date",
                                          values.get("target_date", ""), system),
            review_date=self.parsers.date(line, draft.id, "review_date",
                                          values.get("review_date", ""), system),
            notes=tuple(draft.notes.items()),
            status=status,
            provenance=Provenance(self.source, line),
        )

    # -- heat maps -------------------------------------------------------------------------

    def _apply_heatmaps(self, part: Part) -> list[HeatMap]:
        """Each heat map of *part* applied to its table: the factors it is the only source
        of, or a check against the table. Its placements are written with the ref each
        risk is printed with in the table (a heat map printing ``1.1`` for the table's
        ``1.1.`` places that risk), or with the risk's id where the table prints that ref
        more than once."""
        spec = self.layout.heatmap
        if spec is None:
            return [heatmap for heatmap, _ in part.heatmaps]
        by_key: dict[str, list[Draft]] = {}
        for draft in part.drafts:
            by_key.setdefault(norm_ref(draft.ref or draft.id), []).append(draft)
        out = []
        for heatmap, line in part.heatmaps:
            by_ref: dict[str, list[Placement]] = {}
            for placement in heatmap.placements:
                by_ref.setdefault(norm_ref(placement.ref), []).append(placement)
            for draft in part.drafts:
                found = by_ref.get(norm_ref(draft.ref or draft.id), [])
                if spec.use == "factors":
                    self._factors_from(draft, spec.stage, found, line)
                else:
                    self._check_against(draft, spec.stage, found, line)
            for ref in by_ref:
                if ref not in by_key:
                    self.report.note(
                        NoteKind.DISAGREEMENT, line,
                        f"the heat map places {ref} but no risk of the table has that ref",
                        field="heatmap", found=ref,
                    )
            placements = []
            for placement in heatmap.placements:
                drafts = by_key.get(norm_ref(placement.ref), [])
                name = placement.ref
                if len(drafts) == 1:
                    name = drafts[0].ref or drafts[0].id
                placements.append(Placement(name, placement.score))
            out.append(attrs.evolve(heatmap, placements=placements))
        return out

    def _factors_from(self, draft: Draft, stage: str, found: list[Placement], line: int) -> None:
        held = draft.stages.get(stage)
        if len(found) != 1:
            what = "does not place" if not found else f"places {len(found)} times"
            self.report.problem(
                draft.row.line, f"the heat map {what} this risk, so its factors are unknown",
                risk_id=draft.id, field=f"{stage}", found=str(len(found)),
            )
            return
        score = found[0].score
        stated = held.stated if held is not None else None
        text = held.text if held is not None else ""
        assessment = Assessment(
            scheme=self.parsers.scheme, likelihood=score.likelihood, impact=score.impact,
            stated=stated, text=text,
        )
        if not assessment.consistent:
            self.report.note(
                NoteKind.DISAGREEMENT, draft.row.line,
                f"the heat map (line {line}) puts this risk at {score} = {score.value:g}, "
                f"but the table states {stated:g}",
                risk_id=draft.id, field=stage, found=str(score),
            )
        draft.stages[stage] = assessment

    def _check_against(
        self, draft: Draft, stage: str, found: list[Placement], line: int
    ) -> None:
        held = draft.stages.get(stage)
        if not found:
            self.report.note(
                NoteKind.DISAGREEMENT, draft.row.line,
                f"the heat map at line {line} does not place this risk",
                risk_id=draft.id, field="heatmap",
            )
            return
        score = held.score if held is not None else None
        for placement in found:
            if score is None or placement.score != score:
                self.report.note(
                    NoteKind.DISAGREEMENT, draft.row.line,
                    f"the heat map at line {line} puts this risk at {placement.score}, "
                    f"the table's {stage} score is {held.text if held else 'missing'}",
                    risk_id=draft.id, field=stage, found=str(placement.score),
                )

    # -- registers -------------------------------------------------------------------------

    def register(self, part: Part, meta: dict[str, str]) -> Register:
        """The register *part* holds, with the document's headings in *meta*."""
        heatmaps = self._apply_heatmaps(part)
        as_at = meta.get("as_at")
        return Register(
            organisation=self.layout.organisation,
            title=part.title or meta.get("title", ""),
            level=self.layout.level,
            owner=meta.get("owner"),
            version=meta.get("version", ""),
            as_at=DateText.parse(as_at).date if as_at else None,
            scheme=self.parsers.scheme,
            sections=tuple(part.sections),
            risks=tuple(self.risk(d) for d in part.drafts),
            heatmaps=tuple(heatmaps),
            source=Provenance(self.source, part.line),
        )

    @staticmethod
    def parts_with_content(parts: Sequence[Part]) -> list[Part]:
        """The parts that hold risks or heat maps, or the last one when none does."""
        return [p for p in parts if p.drafts or p.heatmaps] or list(parts[-1:])
