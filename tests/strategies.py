"""Hypothesis strategies for every public type of riskmodel.

Every strategy builds values through the public constructors, so each value it yields is
valid: scale codes are distinct, rating tables cover every cell once, bands cover every
cell exactly once, notations print each cell unambiguously, risk ids are unique in their
register and every risk's section is one of its register's sections.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from riskmodel import (
    Action,
    Appetite,
    AppetiteLevel,
    AppetitePolicy,
    Assessment,
    Band,
    Control,
    Cost,
    DateText,
    Direction,
    HeatMap,
    Level,
    Notation,
    Placement,
    Provenance,
    RatingRule,
    Register,
    RegisterDiff,
    Risk,
    RiskState,
    RuleKind,
    Scale,
    SchemeError,
    Score,
    ScoringScheme,
    Section,
    Stage,
    Status,
    Trend,
    builtin_schemes,
    diff,
)

__all__ = [
    "BUILTIN_IDS",
    "CODE_STYLES",
    "actions",
    "appetite_policies",
    "appetites",
    "assessments",
    "builtin_scheme",
    "controls",
    "costs",
    "date_texts",
    "directions",
    "heatmaps",
    "json_paths",
    "levels",
    "notations",
    "placements",
    "provenances",
    "register_diffs",
    "register_versions",
    "registers",
    "risk_ids",
    "risks",
    "scales",
    "schemes",
    "scores",
    "sections",
    "statuses",
    "text",
    "words",
]

BUILTIN_IDS: tuple[str, ...] = tuple(scheme.id for scheme in builtin_schemes())

#: How a scale prints its codes.
CODE_STYLES = ("number", "letter", "word")

# Words that print as scale codes. None contains another as a whole word, and none
# stands alone as "x", which notations read as a times sign.
_CODE_WORDS = (
    "negligible", "minor", "moderate", "major", "severe", "critical", "rare", "unlikely",
    "possible", "likely", "almost certain", "low", "medium", "high", "very high",
    "significant",
)
# Capital letters that print as codes; "X" is left out because "x" is a times sign.
_CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWYZ"

#: Dimensions impact may be judged on; none is a code word or a notation word.
_DIMENSIONS = ("financial", "reputation", "service", "legal", "health and safety")

_BAND_KEYS = ("green", "yellow", "amber", "red", "black", "purple")
_COLOURS = ("#2e7d32", "#fdd835", "#f9a825", "#c62828", "#000000", "")

# -- text -------------------------------------------------------------------------------


def text(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Any text (without surrogates), including empty and white-space-only text."""
    return st.text(max_size=max_size)


def words(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text that is not blank, as fields with a minimum length need."""
    return st.text(min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


# -- levels and scales ------------------------------------------------------------------

_probabilities = st.tuples(
    st.floats(0, 1, allow_nan=False), st.floats(0, 1, allow_nan=False)
).map(lambda pair: (min(pair), max(pair)))

# Whole numbers, and halves: their products and sums print exactly with ``:g``.
_level_values = st.integers(0, 12) | st.integers(1, 24).map(lambda n: n / 2)


def levels(
    *, code: st.SearchStrategy[str] | None = None, value: st.SearchStrategy[float] | None = None
) -> st.SearchStrategy[Level]:
    """A single level with any code, label, value, description and probability range."""
    return st.builds(
        Level,
        code if code is not None else words(max_size=8),
        text(),
        value if value is not None else (_level_values | st.floats(-1e6, 1e6)),
        description=text(max_size=40),
        probability=_optional(_probabilities),
    )


@st.composite
def _codes(draw: st.DrawFn, style: str, size: int) -> list[str]:
    """*size* distinct codes in *style*, least severe first."""
    if style == "number":
        codes = [str(n) for n in range(1, size + 1)]
        # Some schemes print the most severe level as 1 (Leicestershire likelihood).
        return codes[::-1] if draw(st.booleans()) else codes
    if style == "letter":
        letters = draw(
            st.lists(st.sampled_from(_CODE_LETTERS), min_size=size, max_size=size, unique=True)
        )
        return [c.lower() for c in letters] if draw(st.booleans()) else letters
    return draw(st.lists(st.sampled_from(_CODE_WORDS), min_size=size, max_size=size, unique=True))


@st.composite
def scales(
    draw: st.DrawFn,
    name: str | None = None,
    *,
    style: str | None = None,
    min_size: int = 1,
    max_size: int = 6,
) -> Scale:
    """A scale of distinct codes (number, letter or word) and strictly rising values."""
    style = style if style is not None else draw(st.sampled_from(CODE_STYLES))
    size = draw(st.integers(min_size, max_size))
    codes = draw(_codes(style, size))
    values = sorted(draw(st.lists(_level_values, min_size=size, max_size=size, unique=True)))
    built = [
        Level(
            code,
            draw(st.sampled_from(["", code, code.title()]) | text()),
            value,
            description=draw(text(max_size=30)),
            probability=draw(_optional(_probabilities)),
        )
        for code, value in zip(codes, values, strict=True)
    ]
    scale_name = name if name is not None else draw(words(max_size=12))
    dimensions = draw(st.lists(st.sampled_from(_DIMENSIONS), max_size=3, unique=True))
    return Scale(scale_name, built, dimensions=dimensions)


# -- schemes ----------------------------------------------------------------------------


def notations() -> st.SearchStrategy[Notation]:
    """Either order, any usual separator, optional prefixes and optional value."""
    prefixes = st.sampled_from([("", ""), ("L", "I"), ("L:", "C:")])
    return st.builds(
        lambda order, sep, pre, show: Notation(
            order, separator=sep, likelihood_prefix=pre[0], impact_prefix=pre[1], show_value=show
        ),
        st.sampled_from(["likelihood-impact", "impact-likelihood"]),
        st.sampled_from(["", " ", "x", "/", "-"]),
        prefixes,
        st.booleans(),
    )


_scheme_ids = st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,15}\Z") | st.sampled_from(BUILTIN_IDS)


def _rating_fn(kind: RuleKind, table: dict[tuple[str, str], float]) -> Callable[..., float]:
    if kind is RuleKind.PRODUCT:
        return lambda lk, im: lk.value * im.value
    if kind is RuleKind.SUM:
        return lambda lk, im: lk.value + im.value
    return lambda lk, im: table[(lk.code, im.code)]


@st.composite
def _range_bands(draw: st.DrawFn, ratings: Sequence[float]) -> list[Band]:
    """Bands by rating range that split the scheme's distinct ratings into runs."""
    distinct = sorted(set(ratings))
    count = draw(st.integers(1, min(len(distinct), len(_BAND_KEYS))))
    cuts = sorted(draw(st.lists(
        st.integers(1, len(distinct) - 1), min_size=count - 1, max_size=count - 1, unique=True
    ))) if count > 1 else []
    edges = [0, *cuts, len(distinct)]
    bands = []
    for index, (start, stop) in enumerate(itertools.pairwise(edges)):
        first, last = distinct[start], distinct[stop - 1]
        bands.append(Band(
            _BAND_KEYS[index],
            draw(text(max_size=12)),
            colour=_COLOURS[index],
            # The lowest band may leave its minimum open and the highest its maximum.
            minimum=None if index == 0 and draw(st.booleans()) else first,
            maximum=None if index == count - 1 and draw(st.booleans()) else last,
        ))
    return bands


@st.composite
def _cell_bands(draw: st.DrawFn, likelihood: Scale, impact: Scale) -> list[Band]:
    """Bands that list their cells, each cell in exactly one band."""
    cells = [(lk.code, im.code) for lk in likelihood for im in impact]
    count = draw(st.integers(1, min(len(cells), len(_BAND_KEYS))))
    owner = draw(st.lists(st.integers(0, count - 1), min_size=len(cells), max_size=len(cells)))
    groups = [[cell for cell, o in zip(cells, owner, strict=True) if o == b] for b in range(count)]
    return [
        Band(_BAND_KEYS[index], draw(text(max_size=12)), cells=group)
        for index, group in enumerate(g for g in groups if g)
    ]


@st.composite
def _appetite_thresholds(draw: st.DrawFn) -> list[tuple[AppetiteLevel, float]]:
    chosen = [lv for lv in AppetiteLevel if draw(st.booleans())]
    thresholds = sorted(draw(st.lists(
        st.integers(0, 40), min_size=len(chosen), max_size=len(chosen)
    )))
    pairs = list(zip(chosen, thresholds, strict=True))
    # The stored order need not run from averse to eager; only the thresholds must.
    return draw(st.permutations(pairs)) if draw(st.booleans()) else pairs


@st.composite
def schemes(
    draw: st.DrawFn,
    *,
    rules: Sequence[RuleKind | str] = tuple(RuleKind),
    bands: Sequence[str] = ("none", "range", "cells"),
    max_size: int = 6,
) -> ScoringScheme:
    """A valid scheme: product, sum or table rule; range, cell or no bands; any notation."""
    likelihood = draw(scales(draw(st.sampled_from(["likelihood", "probability"])),
                             max_size=max_size))
    impact = draw(scales(draw(st.sampled_from(["impact", "consequence"])), max_size=max_size))
    kind = RuleKind(draw(st.sampled_from(rules)))
    table: dict[tuple[str, str], float] = {}
    rule = RatingRule(kind)
    if kind is RuleKind.TABLE:
        # Grouped by row, with the same column order in every row, as the TOML shape is.
        rows = draw(st.permutations(likelihood.codes))
        columns = draw(st.permutations(impact.codes))
        entries = []
        for lc in rows:
            for ic in columns:
                table[(lc, ic)] = draw(_level_values | st.integers(0, 30))
                entries.append((lc, ic, table[(lc, ic)]))
        rule = RatingRule(kind, entries)
    rate = _rating_fn(kind, table)
    ratings = [rate(lk, im) for lk in likelihood for im in impact]
    band_kind = draw(st.sampled_from(bands))
    drawn_bands: list[Band] = []
    if band_kind == "range":
        drawn_bands = draw(_range_bands(ratings))
    elif band_kind == "cells":
        drawn_bands = draw(_cell_bands(likelihood, impact))
    try:
        return ScoringScheme(
            draw(_scheme_ids),
            draw(text(max_size=30)),
            likelihood,
            impact,
            rating=rule,
            bands=drawn_bands,
            notation=draw(notations()),
            appetite=draw(_appetite_thresholds()),
            description=draw(text(max_size=40)),
        )
    except SchemeError as exc:
        # Only the notation can still be at fault: two cells that print alike.
        if "the notation prints" not in exc.problem:
            raise
        assume(False)
        raise  # pragma: no cover - assume(False) never returns


def builtin_scheme() -> st.SearchStrategy[ScoringScheme]:
    """One of the schemes that ship with riskmodel."""
    registry = builtin_schemes()
    return st.sampled_from([registry.get(scheme_id) for scheme_id in BUILTIN_IDS])


# -- scores and assessments -------------------------------------------------------------


def scores(scheme: ScoringScheme | None = None) -> st.SearchStrategy[Score]:
    """A cell of *scheme*, or of a generated scheme when none is given."""
    if scheme is None:
        return schemes().flatmap(scores)
    return st.sampled_from(list(scheme.cells()))


_stated_values = st.integers(0, 100) | st.floats(0, 100, allow_nan=False).map(
    lambda x: round(x, 2)
)


@st.composite
def _dimension_levels(draw: st.DrawFn, scheme: ScoringScheme) -> list[tuple[str, Level | None]]:
    """Some of the impact dimensions, each with a level or ``None`` (does not apply)."""
    names = draw(st.lists(st.sampled_from(scheme.impact.dimensions), unique=True)
                 if scheme.impact.dimensions else st.just([]))
    return [(name, draw(st.none() | st.sampled_from(scheme.impact.levels))) for name in names]


@st.composite
def _off_grid(draw: st.DrawFn, scheme: ScoringScheme, axis: str) -> list[tuple[str, float]]:
    """A number between the codes of a numeric scale, as an averaged vote is printed."""
    codes = getattr(scheme, axis).codes
    if not all(code.isdigit() for code in codes) or len(codes) < 2:
        return []
    numbers = [int(code) for code in codes]
    value = draw(st.floats(min(numbers), max(numbers), allow_nan=False).map(
        lambda x: round(x, 1)).filter(lambda x: x not in numbers))
    return [(axis, value)]


@st.composite
def assessments(
    draw: st.DrawFn, scheme: ScoringScheme, *, complete: bool | None = None
) -> Assessment:
    """An assessment of *scheme*: complete, or partial (a factor missing, a stated value).

    ``complete=True`` gives both factors; ``False`` leaves at least one out, and may give
    it as printed off the grid. Either may state a band, and impact per dimension.
    """
    complete = complete if complete is not None else draw(st.booleans())
    stated = draw(st.none() | _stated_values)
    text_ = draw(text(max_size=12))
    band = draw(st.none() | st.sampled_from([b.key for b in scheme.bands]) if scheme.bands
                else st.none())
    dimensions = draw(_dimension_levels(scheme))
    if complete:
        score = draw(scores(scheme))
        # Often the stated rating agrees with the factors, as most printed ratings do.
        stated = draw(st.sampled_from([stated, score.value]))
        return Assessment(scheme=scheme, likelihood=score.likelihood, impact=score.impact,
                          stated=stated, stated_band=band, dimensions=dimensions, text=text_)
    likelihood, impact = draw(st.sampled_from([
        (draw(st.sampled_from(scheme.likelihood.levels)), None),
        (None, draw(st.sampled_from(scheme.impact.levels))),
        (None, None),
    ]))
    off_grid: list[tuple[str, float]] = []
    for axis, level in (("likelihood", likelihood), ("impact", impact)):
        if level is None and draw(st.booleans()):
            off_grid += draw(_off_grid(scheme, axis))
    return Assessment(scheme=scheme, likelihood=likelihood, impact=impact, stated=stated,
                      stated_band=band, dimensions=dimensions, off_grid=off_grid, text=text_)


# -- the parts of a risk ----------------------------------------------------------------


@st.composite
def date_texts(draw: st.DrawFn) -> DateText:
    """A date cell: printed day first with an optional note, or words with no date."""
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)))
    printed = draw(st.sampled_from(["%d.%m.%Y", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]))
    note = draw(st.sampled_from(["", "ongoing", "and every year end.", "review monthly"]))
    return draw(st.sampled_from([
        DateText.parse(f"{day.strftime(printed)} {note}"),
        DateText.of(day),
        DateText(draw(text()), None, draw(text())),
    ]))


_amounts = st.decimals(
    min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False, places=2
)


@st.composite
def costs(draw: st.DrawFn) -> Cost:
    """A cost cell: parsed from money text, or any text with or without an amount."""
    return draw(st.sampled_from([
        Cost.parse(draw(st.sampled_from(["£0.5m", "50K", "£13m", "Staff time", "Pot Multi £M"]))),
        Cost(draw(text()), draw(st.none() | _amounts)),
    ]))


@st.composite
def directions(draw: st.DrawFn) -> Direction:
    """A direction of travel: a known printed form, or any text with or without a trend."""
    return draw(st.sampled_from([
        Direction.parse(draw(st.sampled_from(["↑", "▼", "No change", "constant", "New", "?"]))),
        Direction(draw(text(max_size=8)), draw(st.none() | st.sampled_from(Trend))),
    ]))


def controls() -> st.SearchStrategy[Control]:
    """An existing control."""
    return st.builds(Control, words(max_size=30))


def actions() -> st.SearchStrategy[Action]:
    """A further action with an optional owner and due date."""
    return st.builds(Action, text=words(max_size=30), owner=_optional(text()),
                     due=_optional(date_texts()),
                     status=_optional(st.sampled_from(["G", "A", "R", "Complete"]) | text()))


def appetites() -> st.SearchStrategy[Appetite]:
    """An appetite: a threshold or an Orange Book level."""
    return st.builds(Appetite, threshold=st.integers(0, 30) | st.floats(0, 30)) | st.builds(
        Appetite, level=st.sampled_from(AppetiteLevel)
    )


def appetite_policies() -> st.SearchStrategy[AppetitePolicy]:
    """A register appetite policy: an optional default and appetites by distinct category."""
    by_category = st.lists(
        st.tuples(words(max_size=12), appetites()), max_size=3,
        unique_by=lambda pair: pair[0].strip(),  # names are compared stripped
    )
    return st.builds(AppetitePolicy, default=_optional(appetites()), by_category=by_category)


def statuses() -> st.SearchStrategy[Status]:
    """A risk state with an optional reason."""
    return st.builds(Status, st.sampled_from(RiskState), _optional(text()))


def provenances() -> st.SearchStrategy[Provenance]:
    """A place in a source file."""
    return st.builds(Provenance, text(), _optional(st.integers(1, 10**6)),
                     _optional(st.integers(1, 500)))


def risk_ids() -> st.SearchStrategy[str]:
    """A risk id: short text that is not blank, stored stripped."""
    return words(max_size=8).map(str.strip)


@st.composite
def risks(
    draw: st.DrawFn,
    scheme: ScoringScheme,
    *,
    id: str | None = None,
    sections: Sequence[str] = (),
) -> Risk:
    """A risk scored on *scheme* at any stages, in one of *sections* or none."""
    stage = _optional(assessments(scheme))
    return Risk(
        id=id if id is not None else draw(risk_ids()),
        ref=draw(_optional(st.sampled_from(["1", "1.1", "a)", "28"]) | text(max_size=5))),
        section=draw(st.none() | st.sampled_from(sections)) if sections else None,
        category=draw(_optional(st.sampled_from(["finance", "ict", "safeguarding"]))),
        objective=draw(text()),
        title=draw(text()),
        description=draw(text(max_size=40)),
        consequence=draw(text()),
        triggers=draw(st.lists(text(max_size=10), max_size=2)),
        controls=draw(st.lists(controls(), max_size=3)),
        actions=draw(st.lists(actions(), max_size=2)),
        inherent=draw(stage),
        current=draw(stage),
        target=draw(stage),
        direction=draw(_optional(directions())),
        appetite=draw(_optional(appetites())),
        risk_owner=draw(_optional(st.sampled_from(["?", "Director of Finance", "JS"]))),
        action_owner=draw(_optional(text(max_size=10))),
        cost=draw(_optional(costs())),
        review_date=draw(_optional(date_texts())),
        target_date=draw(_optional(date_texts())),
        notes=draw(st.lists(st.tuples(words(max_size=12), text(max_size=20)), max_size=3,
                            unique_by=lambda pair: pair[0].strip())),
        status=draw(statuses()),
        provenance=draw(_optional(provenances())),
    )


def sections() -> st.SearchStrategy[Section]:
    """A section heading with an optional ref."""
    return st.builds(Section, words(max_size=20), _optional(text(max_size=4)))


@st.composite
def placements(draw: st.DrawFn, scheme: ScoringScheme) -> Placement:
    """A ref placed in a cell of *scheme*."""
    return Placement(draw(text(max_size=5)), draw(scores(scheme)))


def heatmaps(scheme: ScoringScheme) -> st.SearchStrategy[HeatMap]:
    """A heat map of *scheme* at any stage."""
    return st.builds(
        HeatMap,
        stage=st.sampled_from(Stage),
        placements=st.lists(placements(scheme), max_size=4),
        title=text(),
        provenance=_optional(provenances()),
    )


@st.composite
def registers(
    draw: st.DrawFn, scheme: ScoringScheme | None = None, *, max_risks: int = 5
) -> Register:
    """A register with unique risk ids, each risk in one of its sections or none.

    Its scheme is *scheme*, else a built-in or a generated one.
    """
    if scheme is None:
        scheme = draw(builtin_scheme() | schemes())
    section_list = draw(st.lists(sections(), max_size=3, unique_by=lambda s: s.title))
    titles = [s.title for s in section_list]
    ids = draw(st.lists(risk_ids(), max_size=max_risks, unique=True))
    return Register(
        organisation=draw(text()),
        title=draw(text()),
        level=draw(st.sampled_from(["", "divisional", "operational", "corporate"])),
        owner=draw(_optional(text())),
        version=draw(text(max_size=5)),
        as_at=draw(_optional(st.dates())),
        scheme=scheme,
        escalation_threshold=draw(_optional(st.integers(0, 25) | st.floats(0, 25))),
        appetite=draw(appetite_policies()),
        sections=section_list,
        risks=[draw(risks(scheme, id=risk_id, sections=titles)) for risk_id in ids],
        heatmaps=draw(st.lists(heatmaps(scheme), max_size=2)),
        source=draw(_optional(provenances())),
    )


@st.composite
def register_versions(
    draw: st.DrawFn, scheme: ScoringScheme | None = None, *, max_risks: int = 6
) -> tuple[Register, Register]:
    """Two versions of one register on one scheme, as a council's next quarter makes them.

    The second drops, edits, renumbers (a new id and ref, the same text), reorders and
    adds risks, and may change the register's own fields; its risks stay in its sections.
    """
    old = draw(registers(scheme, max_risks=max_risks))
    scheme = old.scheme
    sections = [s.title for s in old.sections]
    kept = [r for r in old.risks if draw(st.booleans()) or draw(st.booleans())]
    taken = {r.id for r in old.risks}
    new_risks = []
    for risk in kept:
        action = draw(st.sampled_from(["same", "edit", "renumber", "rescore", "close"]))
        if action == "edit":
            risk = attrs.evolve(risk, title=draw(text()), description=draw(text(max_size=40)),
                                controls=draw(st.lists(controls(), max_size=3)))
        elif action == "renumber":
            fresh = draw(risk_ids().filter(lambda i: i not in taken))
            taken.add(fresh)
            risk = attrs.evolve(risk, id=fresh, ref=draw(st.none() | text(max_size=5)))
        elif action == "rescore":
            risk = attrs.evolve(risk, current=draw(st.none() | assessments(scheme)),
                                direction=draw(st.none() | directions()))
        elif action == "close":
            risk = attrs.evolve(risk, status=draw(statuses()))
        new_risks.append(risk)
    extra = draw(st.lists(risk_ids().filter(lambda i: i not in taken), max_size=3, unique=True))
    new_risks += [draw(risks(scheme, id=risk_id, sections=sections)) for risk_id in extra]
    new_risks = draw(st.permutations(new_risks))
    new = attrs.evolve(
        old, risks=new_risks,
        version=draw(st.sampled_from([old.version, "Q2"])),
        as_at=draw(st.sampled_from([old.as_at, dt.date(2026, 9, 30)])),
        owner=draw(st.sampled_from([old.owner, "Chief Executive"])),
        heatmaps=draw(st.sampled_from([old.heatmaps, ()])),
    )
    return old, new


def register_diffs(scheme: ScoringScheme | None = None) -> st.SearchStrategy[RegisterDiff]:
    """The diff of two generated versions of a register."""
    return register_versions(scheme).map(lambda pair: diff(*pair))


def json_paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path into a JSON value (keys and indexes), the value itself first: the places
    a damaging test may change."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += json_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += json_paths(value, (*path, index))
    return found
