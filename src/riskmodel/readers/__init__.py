"""Readers: registers from published tables (text, CSV, Excel), with every row accounted for.

>>> from riskmodel.readers import read_text
>>> table = (
...     "| What could go wrong | Score with existing measures | | | Target score | | |"
...     " Risk Owner |\\n"
...     "| a) Grants cut | 4 | 3 | 12 | 3 | 3 | 9 | FD |")
>>> result = read_text(table, layout="leicester-city-divisional")
>>> [(r.id, str(r.current), str(r.target), r.risk_owner) for r in result.registers[0].risks]
[('a', '4x3', '3x3', 'FD')]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from attrs import field, frozen

from riskmodel._bulk import paused_gc
from riskmodel._files import MAX_BYTES, read_bytes
from riskmodel.errors import ReadError, RiskModelError, UnknownSchemeError
from riskmodel.readers.cells import clean_cell, split_items, strip_html
from riskmodel.readers.layout import (
    ColumnRule,
    Layout,
    LayoutError,
    builtin_layouts,
    layout_from_toml,
    load_layout,
)
from riskmodel.readers.report import (
    ImportReport,
    LineEntry,
    LineKind,
    Note,
    NoteKind,
    ReportBuilder,
)
from riskmodel.readers.schemefit import fit_scheme, heading_scheme, misfit
from riskmodel.readers.selection import LayoutSet, choose_layout, layout_set
from riskmodel.readers.sources import WORKBOOK_SUFFIXES, SourceRows, rows_of
from riskmodel.readers.table import Row, RowKind, places, read_csv_rows, read_rows, sniff_delimiter
from riskmodel.readers.textreader import TableReader
from riskmodel.readers.vocabulary import (
    Vocabulary,
    builtin_vocabulary,
    load_vocabulary,
    vocabulary_from_toml,
)
from riskmodel.register import Register
from riskmodel.registry import SchemeRegistry, builtin_schemes, load_scheme
from riskmodel.scheme import ScoringScheme

__all__ = [
    "MAX_BYTES",
    "WORKBOOK_SUFFIXES",
    "ColumnRule",
    "ImportReport",
    "ImportResult",
    "Layout",
    "LayoutError",
    "LayoutSet",
    "LineEntry",
    "LineKind",
    "Note",
    "NoteKind",
    "ReportBuilder",
    "Row",
    "RowKind",
    "SourceRows",
    "Vocabulary",
    "builtin_layouts",
    "builtin_vocabulary",
    "choose_layout",
    "clean_cell",
    "layout_from_toml",
    "layout_set",
    "load_layout",
    "load_vocabulary",
    "read",
    "read_csv_rows",
    "read_rows",
    "read_rows_as",
    "read_text",
    "rows_of",
    "sniff_delimiter",
    "split_items",
    "strip_html",
    "vocabulary_from_toml",
]


@frozen(kw_only=True)
class ImportResult:
    """The registers found in a source, the report on every line, and the layout and
    scheme used, each with the reason it was taken."""

    registers: tuple[Register, ...]
    report: ImportReport
    layout: str
    #: Why this layout was chosen (its header matches, or that it was asked for).
    reason: str
    #: The id of the scheme the scores were read on.
    scheme: str = ""
    #: Why that scheme: asked for, named by the layout or a heading, or the built-in
    #: scheme the values fit (see :mod:`riskmodel.readers.schemefit`).
    scheme_reason: str = field(default="")


#: What ``scheme=`` may be: an id, a scheme, or the path of a scheme TOML file.
SchemeChoice = str | ScoringScheme | os.PathLike[str] | None


def _layout(layout: str | Layout | os.PathLike[str], offered: LayoutSet) -> Layout | None:
    """The layout asked for, or ``None`` for ``auto``."""
    if isinstance(layout, Layout):
        return layout
    if isinstance(layout, str) and layout == "auto":
        return None
    if isinstance(layout, str) and (found := offered.get(layout)) is not None:
        return found
    if str(layout).endswith(".toml"):
        return load_layout(layout)
    raise LayoutError(str(layout), "no such layout; known layouts: "
                      f"{', '.join(sorted(offered.names))}")


def _asked_scheme(scheme: SchemeChoice, registry: SchemeRegistry) -> ScoringScheme | None:
    """The scheme *scheme* names: a scheme, a registered id, or a TOML file's scheme."""
    if scheme is None or isinstance(scheme, ScoringScheme):
        return scheme
    text = os.fspath(scheme)
    if isinstance(scheme, str) and scheme in registry:
        return registry.get(scheme)
    if not isinstance(scheme, str) or text.endswith(".toml") or os.sep in text:
        return load_scheme(text)
    return registry.get(scheme)


class _Misfit(Exception):
    """Stops a trial read at the first score cell that does not read on its scheme."""

    def __init__(self, note: Note) -> None:
        super().__init__(note.message)
        self.note = note


def _stop_at_misfit(note: Note) -> None:
    if misfit(note):
        raise _Misfit(note)


def _read_rows(
    rows: Sequence[Row],
    *,
    source: str,
    layout: str | Layout | os.PathLike[str],
    schemes: SchemeRegistry | None,
    notes: Sequence[Note] = (),
    scheme: SchemeChoice = None,
    stage: str | None = None,
    layouts: Sequence[str | os.PathLike[str]] = (),
) -> ImportResult:
    offered = layout_set(layouts)
    vocabulary = offered.vocabulary
    chosen = _layout(layout, offered)
    if chosen is not None:
        picked, reason = chosen, f"the layout {chosen.name} was asked for"
    else:
        try:
            picked, reason = choose_layout(rows, offered.layouts, vocabulary)
        except ReadError as exc:
            raise ReadError(source, exc.line, None, exc.problem) from None
    if stage is not None and stage not in ("inherent", "current", "target"):
        raise ReadError(source, None, None, f"{stage!r} is not a stage: give inherent, "
                                            "current or target")
    registry = schemes if schemes is not None else builtin_schemes()

    def reader(on: ScoringScheme, watch: Callable[[Note], None] | None = None) -> TableReader:
        return TableReader(rows, source=source, layout=picked, scheme=on,
                           vocabulary=vocabulary, stage=stage, watch=watch)

    asked = _asked_scheme(scheme, registry)
    guessed = False
    fitted: tuple[TableReader, tuple[Register, ...]] | None = None
    if asked is not None:
        found, why = asked, f"the scheme {asked.id} was asked for"
    elif picked.scheme:
        try:
            found = registry.get(picked.scheme)
        except UnknownSchemeError as exc:  # the layout names it: say which layout file
            raise LayoutError(picked.where, str(exc), key="$.scheme") from None
        why = f"the layout {picked.name} names it"
    elif (named := heading_scheme(rows, picked, vocabulary)) is not None:
        try:
            found = registry.get(named)
        except UnknownSchemeError as exc:
            raise ReadError(source, None, None, f"the heading names the scheme {named!r}, "
                            f"which is not known ({exc}); give it with --scheme FILE") from None
        why = f"a heading names it ({named})"
    else:
        trials: dict[str, tuple[TableReader, tuple[Register, ...]]] = {}

        def attempt(on: ScoringScheme) -> tuple[tuple[Register, ...], Note | None]:
            """Read the table on *on*, stopping at the first score cell that does not
            read; the read that fits is kept, so the table is not read again."""
            trial = reader(on, watch=_stop_at_misfit)
            try:
                registers = trial.read()
            except _Misfit as stopped:
                return (), stopped.note
            trial.report.watch = None
            trials[on.id] = (trial, registers)
            return registers, None

        found, why = fit_scheme(tuple(builtin_schemes()), attempt, source=source)
        fitted = trials[found.id]
        guessed = True
    _check_ratings(picked, found)
    table = fitted[0] if fitted is not None else reader(found)
    try:
        registers = fitted[1] if fitted is not None else table.read()
        if guessed:
            table.report.note(NoteKind.ASSUMPTION, None, f"scheme {found.id}: {why}",
                              field="scheme", found=found.id)
        for note in notes:
            kind, message = note.kind, note.message
            if note.field == "sheet" and note.found in picked.companion_sheets:
                kind = NoteKind.UNREAD  # the layout says its workbooks carry this sheet
                message = (f"the sheet {note.found!r} is one the layout {picked.name} "
                           "expects beside the table; it is not a table of risks")
            table.report.note(kind, note.line, message, column=note.column,
                              risk_id=note.risk_id, field=note.field, found=note.found)
        report = table.report.build().with_places(places(rows))
    except RiskModelError:
        raise
    except (ValueError, TypeError, LookupError) as exc:  # an invariant broke on odd input
        raise ReadError(source, None, None, f"cannot read the table: {exc}") from exc
    return ImportResult(registers=registers, report=report, layout=picked.name, reason=reason,
                        scheme=found.id, scheme_reason=why)


def _check_ratings(layout: Layout, scheme: ScoringScheme) -> None:
    """Each word of the layout's ``[ratings]`` maps to a level or band of *scheme*."""
    for axis in ("likelihood", "impact"):
        scale = getattr(scheme, axis)
        for word, code in layout.ratings.get(axis, {}).items():
            if code not in scale:
                raise LayoutError(layout.where, f"{code!r} is not a {axis} level of "
                                  f"{scheme.id} ({', '.join(scale.codes)})",
                                  key=f"$.ratings.{axis}.{word}")
    for word, key in layout.ratings.get("band", {}).items():
        try:
            scheme.band(key)
        except RiskModelError as exc:
            raise LayoutError(layout.where, str(exc), key=f"$.ratings.band.{word}") from None


def read_rows_as(
    rows: Sequence[Row],
    *,
    source: str = "<string>",
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
    scheme: SchemeChoice = None,
    stage: str | None = None,
    layouts: Sequence[str | os.PathLike[str]] = (),
) -> ImportResult:
    """Read already split *rows* with a layout (``auto`` picks one and says why).

    This is the seam for any source of rows (a PDF or Word table reader makes
    :class:`Row` values; see :mod:`riskmodel.readers.sources`). *scheme* (an id, a
    scheme, or a scheme TOML path) overrides the layout's; *stage* is the stage of score
    columns whose header names none; *layouts* are folders of more layouts.
    """
    with paused_gc():  # the register is many small values, in no cycles
        return _read_rows(rows, source=source, layout=layout, schemes=schemes,
                          scheme=scheme, stage=stage, layouts=layouts)


def read_text(
    text: str,
    *,
    source: str = "<string>",
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
    scheme: SchemeChoice = None,
    stage: str | None = None,
    layouts: Sequence[str | os.PathLike[str]] = (),
) -> ImportResult:
    """Read a text table (tab-separated or markdown pipes, HTML allowed in cells)."""
    return read_rows_as(read_rows(text), source=source, layout=layout, schemes=schemes,
                        scheme=scheme, stage=stage, layouts=layouts)


def read(
    path: str | os.PathLike[str],
    *,
    layout: str | Layout | os.PathLike[str] = "auto",
    schemes: SchemeRegistry | None = None,
    sheet: str | None = None,
    max_bytes: int | None = None,
    scheme: SchemeChoice = None,
    stage: str | None = None,
    layouts: Sequence[str | os.PathLike[str]] = (),
) -> ImportResult:
    """Read the registers in the file at *path*: ``.csv``, ``.xlsx``, ``.pdf``, ``.docx``
    or a text table.

    *layout* is ``"auto"``, a layout name, a layout TOML path or a :class:`Layout`;
    *layouts* are folders of more layouts (``*.toml``, and a ``vocabulary.toml`` that
    extends the header vocabulary) that ``auto`` tries too. *scheme* (an id, a
    :class:`~riskmodel.ScoringScheme`, or a scheme TOML path) is the scheme the scores
    are on; without it the layout's, else a heading's, else the built-in scheme the
    values fit is taken, and ``result.scheme_reason`` says why. *stage* is the stage of
    score columns whose header names none. Nothing is guessed: see ``result.report`` for
    every line.

    Only a regular file is read (never a pipe or a device such as ``/dev/zero``), and
    no larger than *max_bytes* (:data:`MAX_BYTES`, 256 MiB, unless raised); for a
    workbook or a Word file the limit also bounds its unzipped parts, and for a PDF its
    decompressed streams and its pages (one per 256 KiB). *sheet* names the workbook sheet
    to read (by default the first visible one); the report names every other sheet that
    holds cells. See ``docs/security.md``.
    """
    file = Path(path)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if sheet is not None and file.suffix.casefold() not in WORKBOOK_SUFFIXES:
        raise ReadError(str(file), None, None, "only a workbook (.xlsx) has sheets to name")
    data = read_bytes(file, lambda where, problem: ReadError(where, None, None, problem),
                      limit=limit)
    with paused_gc():  # the rows and the register are many small values, in no cycles
        found = rows_of(file, data, sheet=sheet, max_bytes=limit)
        return _read_rows(found.rows, source=file.name, layout=layout, schemes=schemes,
                          notes=found.notes, scheme=scheme, stage=stage, layouts=layouts)
