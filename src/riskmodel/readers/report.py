"""The import report: what became of every line of a source, and what could not be proven."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Mapping

import attrs
from attrs import frozen

from riskmodel._bulk import Referable, assembler
from riskmodel._validate import to_tuple
from riskmodel.errors import ReadError

__all__ = ["ImportReport", "LineEntry", "LineKind", "Note", "NoteKind", "ReportBuilder"]


class LineKind(enum.StrEnum):
    """What a line of the source became; each line is exactly one of these."""

    RISK = "risk"
    CONTINUATION = "continuation"
    SECTION = "section"
    HEADER = "header"
    HEATMAP = "heatmap"
    SKIPPED = "skipped"
    PROBLEM = "problem"


class NoteKind(enum.StrEnum):
    """What a note says about a value read from an accounted line."""

    #: A value that could not be read with certainty; it stays missing.
    PROBLEM = "problem"
    #: A value proven from other cells (for example a factor from the product).
    RECOVERY = "recovery"
    #: Two places in the source state different things (a heat map and a table).
    DISAGREEMENT = "disagreement"
    #: Cells left unread on purpose and listed so that none go unseen (a hidden sheet,
    #: a column the layout ignores).
    UNREAD = "unread"
    #: A column the model has no field for: its cells are kept in each risk's notes.
    KEPT = "kept"
    #: A reading the source does not state, made by a stated rule (the stage of score
    #: columns whose header names none; the scheme that fits the values seen).
    ASSUMPTION = "assumption"


def _line_kind(value: LineKind | str) -> LineKind:
    """*value* as a :class:`LineKind`; one already is kept without calling the enum, which
    costs more than the check (a report holds an entry for every line)."""
    return value if type(value) is LineKind else LineKind(value)


@frozen(kw_only=True)
class LineEntry(Referable):
    """One line of the source and what it became, with the risk it belongs to if any."""

    line: int
    kind: LineKind = attrs.field(converter=_line_kind)
    detail: str = ""
    risk_id: str | None = None
    #: Where the line is printed in a PDF or Word file (``page 2, table 1, row 3``);
    #: ``""`` for a text file or a workbook, whose line number says it all.
    place: str = ""


@frozen(kw_only=True)
class Note:
    """A finding about one value: where it is, what field, what was seen, and why."""

    kind: NoteKind = attrs.field(converter=NoteKind)
    #: The line, or ``None`` for a note on the whole source (a workbook's other sheet).
    line: int | None
    column: int | None = None
    risk_id: str | None = None
    field: str = ""
    found: str = ""
    message: str = ""

    def where(self, source: str) -> str:
        """``file:line[:column]`` (columns counted from 1), or ``file`` with no line."""
        if self.line is None:
            return source
        column = f":{self.column + 1}" if self.column is not None else ""
        return f"{source}:{self.line}{column}"


def _one_per_line(instance: ImportReport, attribute: attrs.Attribute[object], _: object) -> None:
    numbers = [entry.line for entry in instance.lines]
    if numbers != list(range(1, instance.line_count + 1)):
        raise ReadError(
            instance.source, len(numbers), None,
            "the report must account for every line exactly once, in order",
        )


@frozen(kw_only=True)
class ImportReport:
    """Every line of a source accounted for exactly once, plus notes on doubtful values.

    >>> builder = ReportBuilder("reg.txt", 2)
    >>> builder.account(1, LineKind.HEADER, "column headers")
    >>> report = builder.build()
    >>> report.kind_of(2), report.problems[0].message
    (<LineKind.PROBLEM: 'problem'>, 'the line was not recognised')
    """

    source: str
    line_count: int
    lines: tuple[LineEntry, ...] = attrs.field(converter=to_tuple, validator=_one_per_line)
    notes: tuple[Note, ...] = attrs.field(default=(), converter=to_tuple)

    def kind_of(self, line: int) -> LineKind:
        """What line *line* (1-based) became."""
        return self.lines[line - 1].kind

    def entry(self, line: int) -> LineEntry:
        """The entry for line *line* (1-based)."""
        return self.lines[line - 1]

    def lines_of(self, kind: LineKind | str) -> tuple[int, ...]:
        """The numbers of the lines that became *kind*."""
        kind = LineKind(kind)
        return tuple(entry.line for entry in self.lines if entry.kind is kind)

    @property
    def problems(self) -> tuple[Note, ...]:
        """The notes that are problems: values lost or lines not understood."""
        return tuple(note for note in self.notes if note.kind is NoteKind.PROBLEM)

    def notes_for(self, risk_id: str) -> tuple[Note, ...]:
        """The notes about one risk."""
        return tuple(note for note in self.notes if note.risk_id == risk_id)

    def counts(self) -> dict[str, int]:
        """How many lines became each kind, and how many notes of each kind there are."""
        counted: Counter[str] = Counter(entry.kind.value for entry in self.lines)
        counted.update(f"note:{note.kind.value}" for note in self.notes)
        return dict(sorted(counted.items()))

    def with_places(self, places: Mapping[int, str]) -> ImportReport:
        """The report with the place of each line in *places* (line → place) recorded.

        >>> builder = ReportBuilder("reg.pdf", 1)
        >>> builder.account(1, LineKind.HEADER, "column headers")
        >>> print(builder.build().with_places({1: "page 1, table 1, row 1"}).format())
        reg.pdf:1: header: column headers (page 1, table 1, row 1)
        """
        if not places:
            return self
        lines = [attrs.evolve(entry, place=places[entry.line]) if entry.line in places
                 else entry for entry in self.lines]
        return attrs.evolve(self, lines=lines)

    def format(self) -> str:
        """The report as text, one ``file:line[:column]: kind: detail`` per line, each
        followed by its place in a PDF or Word file (``(page 2, table 1, row 3)``)."""
        out = [f"{self.source}:{e.line}: {e.kind.value}: {e.detail}"
               + (f" ({e.place})" if e.place else "") for e in self.lines]
        for note in self.notes:
            about = " ".join(part for part in (note.risk_id, note.field) if part)
            found = f" (found {note.found!r})" if note.found else ""
            out.append(
                f"{note.where(self.source)}: {note.kind.value}: "
                f"{f'{about}: ' if about else ''}{note.message}{found}"
            )
        return "\n".join(out)


#: Builds a :class:`LineEntry` from values that are already what its ``__init__`` makes
#: (a report holds an entry for every line).
_entry = assembler(LineEntry)


class ReportBuilder:
    """Collects line entries and notes while a reader works, then builds the report.

    A line may be accounted for only once; lines never accounted for become problems.
    """

    __slots__ = ("_lines", "_notes", "line_count", "source", "watch")

    def __init__(
        self, source: str, line_count: int, *, watch: Callable[[Note], None] | None = None
    ) -> None:
        self.source = source
        self.line_count = line_count
        #: Called with each note as it is recorded; it may raise to stop the read.
        self.watch = watch
        self._lines: dict[int, LineEntry] = {}
        self._notes: list[Note] = []

    def account(
        self, line: int, kind: LineKind, detail: str = "", risk_id: str | None = None
    ) -> None:
        """Record what *line* became; a second record for the same line is an error."""
        if not 1 <= line <= self.line_count:
            raise ReadError(self.source, line, None, "line number outside the source")
        if line in self._lines:
            held = self._lines[line].kind.value
            raise ReadError(self.source, line, None, f"line already accounted for as {held}")
        if type(kind) is LineKind:  # what LineEntry's converter gives back as it is
            self._lines[line] = _entry(line=line, kind=kind, detail=detail, risk_id=risk_id,
                                       place="")
        else:
            self._lines[line] = LineEntry(line=line, kind=kind, detail=detail, risk_id=risk_id)

    def account_span(self, first: int, last: int) -> None:
        """Account lines after *first* up to *last* as parts of the row that starts at *first*.

        Used when a quoted CSV cell runs over several lines.
        """
        held = self._lines.get(first)
        if held is None:
            raise ReadError(self.source, first, None, "the row's first line is not accounted for")
        detail = f"part of the row at line {first}"
        kind, risk_id, lines = held.kind, held.risk_id, self._lines
        for line in range(first + 1, last + 1):  # account(), written out: one per line
            if not 1 <= line <= self.line_count or line in lines:
                self.account(line, kind, detail, risk_id)  # raises, saying why
            lines[line] = _entry(line=line, kind=kind, detail=detail, risk_id=risk_id,
                                 place="")

    @property
    def notes(self) -> tuple[Note, ...]:
        """The notes recorded so far."""
        return tuple(self._notes)

    @property
    def note_count(self) -> int:
        """How many notes are recorded so far."""
        return len(self._notes)

    def is_accounted(self, line: int) -> bool:
        """Whether *line* has an entry yet."""
        return line in self._lines

    def note(
        self,
        kind: NoteKind,
        line: int | None,
        message: str,
        *,
        column: int | None = None,
        risk_id: str | None = None,
        field: str = "",
        found: str = "",
    ) -> None:
        """Record a finding about a value (``column`` is 0-based)."""
        note = Note(kind=kind, line=line, column=column, risk_id=risk_id, field=field,
                    found=found, message=message)
        self._notes.append(note)
        if self.watch is not None:
            self.watch(note)

    def problem(self, line: int | None, message: str, **where: object) -> None:
        """Shorthand for a :attr:`NoteKind.PROBLEM` note."""
        self.note(NoteKind.PROBLEM, line, message, **where)  # type: ignore[arg-type]

    def build(self) -> ImportReport:
        """The report; each line never accounted for becomes a problem entry and note."""
        for line in range(1, self.line_count + 1):
            if line not in self._lines:
                self._lines[line] = LineEntry(
                    line=line, kind=LineKind.PROBLEM, detail="the line was not recognised"
                )
                self.problem(line, "the line was not recognised")
        entries = [self._lines[n] for n in range(1, self.line_count + 1)]
        return ImportReport(
            source=self.source, line_count=self.line_count, lines=entries, notes=self._notes
        )
