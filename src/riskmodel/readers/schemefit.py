"""The scheme of a table when none is given: named in a heading, or the built-in one the
values fit.

A table is read on one scoring scheme. The reader takes it from, in order: the scheme
asked for (``--scheme``), the layout's ``scheme``, a heading the layout's ``[meta]
scheme`` pattern reads (riskmodel's own workbook prints ``Scheme: <id>``), and else the
built-in scheme the score cells fit, by this rule:

1. A scheme *fits* when every score cell of the table reads on it with no problem (every
   factor a level, every band word a band), and at least one cell holds a score. A
   printed rating or band that disagrees with its factors still reads: it is reported
   on whichever scheme is taken.
2. Of the schemes that fit, those on which the fewest printed ratings and bands
   disagree with their factors are kept; of those, the one whose scales' highest levels
   are reached by the values seen is taken; where several are, the generic one
   (``generic-…``) is taken, since the council schemes of that shape only add their own
   labels and bands.
3. Otherwise the reader fails with a message that names ``--scheme`` and the schemes
   that fit, or for each scheme the first cell that does not read on it.

A table that prints no score at all reads the same on every scheme: ``generic-5x5`` is
taken, and the reason says so.

The reason is given with the result and in the report, so a reader of the import sees
which scheme was taken and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from attrs import frozen

from riskmodel.assessment import Assessment
from riskmodel.errors import ReadError
from riskmodel.readers.cells import clean_cell
from riskmodel.readers.header import find_header
from riskmodel.readers.layout import STAGES, Layout
from riskmodel.readers.parsers import STATED_DISAGREES
from riskmodel.readers.patterns import PATTERN_TEXT_LIMIT
from riskmodel.readers.report import Note, NoteKind
from riskmodel.readers.table import Row, RowKind
from riskmodel.readers.vocabulary import Vocabulary
from riskmodel.register import Register
from riskmodel.scheme import ScoringScheme

__all__ = ["Fit", "fit_scheme", "heading_scheme", "misfit"]

#: How many rows above the first header a scheme heading is looked for in.
_HEADING_ROWS = 64


def heading_scheme(rows: Sequence[Row], layout: Layout, vocabulary: Vocabulary) -> str | None:
    """The scheme id a heading above the table names (the layout's ``[meta] scheme``)."""
    pattern = layout.meta.get("scheme")
    if pattern is None:
        return None
    for index, row in enumerate(rows[:_HEADING_ROWS]):
        if row.kind not in (RowKind.TEXT, RowKind.CELLS):
            continue
        for cell in row.cells:
            text = clean_cell(cell)
            if len(text) > PATTERN_TEXT_LIMIT:
                continue
            match = pattern.search(text)
            if match is not None:
                return match["value"].strip()
        if row.kind is RowKind.CELLS and find_header(rows, index, layout, vocabulary):
            break
    return None


@frozen
class Fit:
    """What one scheme made of a table: whether it fits, and the levels reached."""

    scheme: ScoringScheme
    #: The first score cell that does not read on the scheme, where it is and what it
    #: holds; ``None`` when every one reads.
    misfit: str | None
    scored: int
    #: Whether the values reach the highest level of each scale.
    reached: bool
    seen: str
    #: How many printed ratings or bands disagree with their factors on the scheme.
    disagreements: int = 0

    @property
    def fits(self) -> bool:
        """Whether every score cell reads on the scheme, and some cell holds a score."""
        return self.misfit is None and self.scored > 0


def misfit(note: Note) -> bool:
    """Whether *note* says a score cell does not read on the scheme (a problem with a
    stage's field): the table does not fit that scheme, and trying it can stop there.

    A printed rating or band that disagrees with its factors is no misfit: its cells read,
    and the source contradicts itself on any scheme of that grid (it is reported).
    """
    return (note.kind is NoteKind.PROBLEM and note.field.split(".")[0] in STAGES
            and not note.message.startswith(STATED_DISAGREES))


def _misfit_text(note: Note) -> str:
    column = f":{note.column + 1}" if note.column is not None else ""
    found = f"{note.found!r} " if note.found else "a cell "
    return f"{found}at line {note.line}{column} does not read"


def _assessments(registers: Sequence[Register]) -> list[Assessment]:
    return [a for register in registers for risk in register.risks
            for a in (risk.inherent, risk.current, risk.target) if a is not None]


def _seen(scheme: ScoringScheme, assessments: Sequence[Assessment]) -> tuple[bool, str]:
    """Whether the values reach each scale's top, and the values seen, in words."""
    parts = []
    reached = True
    for axis in ("likelihood", "impact"):
        scale = getattr(scheme, axis)
        ranks = sorted({scale.rank(level) for a in assessments
                        if (level := getattr(a, axis)) is not None})
        if not ranks:
            reached = False
            continue
        codes = scale.codes
        parts.append(f"{axis} {codes[ranks[0]]}" if len(ranks) == 1
                     else f"{axis} {codes[ranks[0]]} to {codes[ranks[-1]]}")
        reached = reached and ranks[-1] == len(codes) - 1
    stated = [a for a in assessments if a.stated is not None]
    if stated:
        agreeing = sum(1 for a in stated if a.complete and a.consistent)
        parts.append(f"{len(stated)} printed ratings" + (
            f", {agreeing} equal to the rating of their factors" if agreeing else ""))
    bands = sorted({a.stated_band for a in assessments if a.stated_band is not None})
    if bands:
        parts.append(f"bands {', '.join(bands)}")
    return reached, "; ".join(parts) or "no scores"


def _agrees(assessment: Assessment) -> bool:
    """Whether a printed rating and band agree with the factors (where both are given)."""
    if not assessment.consistent:
        return False
    score = assessment.score
    band = score.band if score is not None else None
    return assessment.stated_band is None or band is None or band.key == assessment.stated_band


#: The scheme taken for a table that prints no score at all: it decides nothing read.
_NO_SCORES_SCHEME = "generic-5x5"


def _no_scores(candidates: Sequence[ScoringScheme]) -> tuple[ScoringScheme, str]:
    """A table with no score cell filled: any scheme reads it the same, so the generic one
    is taken, and the reason says so."""
    chosen = next((s for s in candidates if s.id == _NO_SCORES_SCHEME), candidates[0])
    return chosen, (f"the table prints no scores, so the scheme decides nothing read; "
                    f"{chosen.id} is taken (give --scheme to name the one the register uses)")


def fit_scheme(
    candidates: Sequence[ScoringScheme],
    read: Callable[[ScoringScheme], tuple[tuple[Register, ...], Note | None]],
    *,
    source: str,
) -> tuple[ScoringScheme, str]:
    """The candidate scheme the table's score cells fit, and why (see the module's rule).

    *read* reads the table on a scheme and returns its registers and the first note that
    a score cell does not read (see :func:`misfit`), or ``None``; it may stop reading at
    that note. A table no candidate fits, or several fit without one to prefer, is a
    :class:`~riskmodel.ReadError` that names ``--scheme``.
    """
    fits: list[Fit] = []
    for scheme in candidates:
        registers, first = read(scheme)
        assessments = _assessments(registers)
        scored = sum(1 for a in assessments if a.likelihood or a.impact or a.stated_band
                     or a.stated is not None)
        reached, seen = _seen(scheme, assessments)
        disagreements = sum(1 for a in assessments if not _agrees(a))
        fits.append(Fit(scheme=scheme, misfit=None if first is None else _misfit_text(first),
                        scored=scored, reached=reached, seen=seen,
                        disagreements=disagreements))
    if all(fit.misfit is None and fit.scored == 0 for fit in fits):
        return _no_scores(candidates)
    fitting = [fit for fit in fits if fit.fits]
    agreeing = fitting
    if fitting:  # printed ratings and bands that agree with their factors count for a scheme
        fewest = min(fit.disagreements for fit in fitting)
        agreeing = [fit for fit in fitting if fit.disagreements == fewest]
    if len(agreeing) == 1 and len(fitting) > 1:
        (fit,) = agreeing
        counts = "; ".join(f"{other.scheme.id} with {other.disagreements}"
                           for other in fitting if other is not fit)
        return fit.scheme, (
            f"the values seen ({fit.seen}) read on several built-in schemes, and "
            f"{fit.scheme.id} is the one on which the fewest printed ratings and bands "
            f"disagree with their factors ({fit.disagreements}; {counts}); give --scheme to "
            "choose another")
    fitting = agreeing
    names = ", ".join(fit.scheme.id for fit in fitting)
    if len(fitting) == 1:
        (fit,) = fitting
        return fit.scheme, (f"the values seen ({fit.seen}) fit only {fit.scheme.id} of the "
                            "built-in schemes")
    top = [fit for fit in fitting if fit.reached]
    generic = [fit for fit in top if fit.scheme.id.startswith("generic-")]
    chosen = top[0] if len(top) == 1 else generic[0] if len(generic) == 1 else None
    if chosen is not None:
        others = [fit.scheme.id for fit in fitting if fit is not chosen]
        also = f"; {', '.join(others)} fit too" if others else ""
        return chosen.scheme, (
            f"the values seen ({chosen.seen}) reach the top of {chosen.scheme.id}'s scales"
            f"{also}, and {chosen.scheme.id} is taken as the "
            f"{'only one they fill' if len(top) == 1 else 'generic scheme of that shape'}; "
            "give --scheme to choose another")
    if not fitting:
        by_misfit: dict[str, list[str]] = {}
        for fit in fits:
            by_misfit.setdefault(fit.misfit or "no score read", []).append(fit.scheme.id)
        tried = "; ".join(f"{', '.join(ids)}: {text}" for text, ids in by_misfit.items())
        problem = (f"no built-in scheme fits the score cells ({tried}); name the scheme with "
                   "--scheme ID or --scheme FILE (scheme= in Python)")
    else:
        problem = (f"the score cells fit several built-in schemes ({names}) and the values "
                   "do not settle which; name the scheme with --scheme ID or --scheme FILE "
                   "(scheme= in Python)")
    raise ReadError(source, None, None, problem)
