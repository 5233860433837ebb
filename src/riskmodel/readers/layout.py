"""Layout profiles: which header words name which field and stage, kept as TOML data.

A layout file is structured by cattrs into :class:`LayoutDocument`, then built into a
:class:`Layout`. Every error names the layout file and the key at fault, for example
``mine.toml: $.columns[2].match: expected a list of words such as ["owner"], not the
text 'owner'``.

>>> layout_from_toml('name = "x"\\nscheme = 5\\n', source="mine.toml")
Traceback (most recent call last):
...
riskmodel.errors.LayoutError: mine.toml: $.scheme: expected text, not the number 5
"""

from __future__ import annotations

import functools
import json
import os
import types
import typing
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Any, TypeVar

import attrs
from attrs import define, frozen

from riskmodel._toml import builtin_texts, parse_toml, read_text
from riskmodel._validate import Choice, to_tuple
from riskmodel.documents import structure_document
from riskmodel.errors import LayoutError, RiskModelError, ValidationError, ValueTypeError
from riskmodel.errors import describe_value as _describe
from riskmodel.readers.patterns import LayoutPattern

__all__ = [
    "FIELDS",
    "PARTS",
    "RATING_MAPS",
    "STAGES",
    "ColumnDocument",
    "ColumnRule",
    "HeatMapDocument",
    "HeatMapSpec",
    "Layout",
    "LayoutDocument",
    "LayoutError",
    "MetaDocument",
    "RatingsDocument",
    "builtin_layouts",
    "layout_from_dict",
    "layout_from_toml",
    "load_layout",
]

T = TypeVar("T")

#: The stage fields a column can feed; each holds a score.
STAGES = ("inherent", "current", "target")
#: Every field a column can feed. ``area`` is another name for ``category``; ``note``
#: keeps the column's cells in each risk's notes under its header, ``ignore`` reads
#: nothing from it (the report lists it); ``section`` opens a section in the cell.
FIELDS = frozenset({
    "ref", "area", "category", "section", "objective", "title", "description", "cause",
    "consequence", "triggers", "controls", "actions", "cost", "risk_owner",
    "action_owner", "action_due", "action_status", "status", "target_date",
    "review_date", "appetite", "direction", "note", "ignore", *STAGES,
})
#: Fields that several columns may feed: each column is kept (or ignored) on its own.
_REPEATABLE = frozenset({"note", "ignore"})
#: The parts of a score a stage column can hold: a factor, the rating printed as a
#: number, or the band printed as a word or colour (``RAG``).
PARTS = ("likelihood", "impact", "product", "band")
_SCORE_FORMATS = ("factors", "notation", "rating", "assessment")
_ORDER_PARTS = frozenset({"impact", "likelihood", "product"})
#: The document headings a layout's ``[meta]`` patterns may read; ``scheme`` names the
#: scoring scheme by id (riskmodel's own workbook prints ``Scheme: <id>``).
META_KEYS = ("title", "owner", "version", "as_at", "scheme")
#: The word maps a layout's ``[ratings]`` may hold: printed word → likelihood code,
#: impact code, or band key.
RATING_MAPS = ("likelihood", "impact", "band")
#: The named group each kind of pattern must hold (``(?P<value>...)``).
_GROUPS: dict[str, tuple[str, ...]] = {
    "section": ("title",), "ref_in_text": ("ref",), "meta": ("value",),
    "register_title": ("value",), "ref": ("ref",),
}


# -- the layout as the reader uses it ----------------------------------------------------------


def _regex(value: object) -> LayoutPattern | None:
    if value is None or isinstance(value, LayoutPattern):
        return value
    if isinstance(value, str):
        return LayoutPattern.compile(value)
    pattern = getattr(value, "pattern", None)  # a compiled re.Pattern
    if isinstance(pattern, str):
        return LayoutPattern.compile(pattern)
    raise ValueTypeError("a pattern (text)", value)


def _words(value: object) -> tuple[str, ...]:
    """Header words, folded; a bare text is refused rather than split into letters."""
    words = to_tuple(value)  # type: ignore[arg-type]
    for word in words:
        if not isinstance(word, str):
            raise ValueTypeError("text", word, "match")
        if not word.strip() or word.strip() == "=":
            raise ValidationError("a header word must not be empty", "match")
    return tuple(word.casefold() for word in words)


def _patterns(mapping: Mapping[str, object]) -> dict[str, LayoutPattern]:
    return {key: pattern for key, value in dict(mapping).items()
            if (pattern := _regex(value)) is not None}


def _fold(header: str) -> str:
    """A header cell in lower case with its runs of white space as single spaces."""
    return " ".join(header.casefold().split())


def _part(instance: ColumnRule, attribute: attrs.Attribute[str | None], value: str | None
          ) -> None:
    if value is None:
        return
    if instance.field not in STAGES:
        raise ValidationError(f"only a stage column has a part, not {instance.field}", "part")
    if value not in PARTS:
        raise ValidationError(f"{value!r} is not one of {', '.join(PARTS)}", "part")


@frozen
class ColumnRule:
    """A field, and the words whose presence in a header cell names its column.

    Words are plain text, never patterns: ``owner`` names a column whose header holds
    the word (case-insensitive), and ``=owner`` one whose header is exactly ``owner``.
    A stage column may say which ``part`` of the score it holds; ``carry`` carries a
    cell down to the rows below it until the next filled cell; ``ref`` reads a ref
    printed at the start of the cell (``1. Invoices``).
    """

    field: str = attrs.field(validator=attrs.validators.in_(FIELDS))
    match: tuple[str, ...] = attrs.field(converter=_words)
    part: str | None = attrs.field(default=None, kw_only=True, validator=_part)
    carry: bool = attrs.field(default=False, kw_only=True)
    ref: LayoutPattern | None = attrs.field(default=None, kw_only=True, converter=_regex)

    def matches(self, header: str) -> bool:
        """Whether *header* contains one of the words (case-insensitive).

        A word written ``=word`` must be the whole cell.
        """
        return self.matches_folded(_fold(header))

    def matches_folded(self, folded: str) -> bool:
        """:meth:`matches` for a header already folded by :func:`_fold`."""
        return any(
            folded == word[1:] if word.startswith("=") else word in folded
            for word in self.match
        )


def _codes(value: Mapping[Any, object]) -> dict[int, str]:
    return {int(str(k)): str(v) for k, v in dict(value).items()}


def _separator(value: object) -> LayoutPattern:
    pattern = _regex(value)
    if pattern is None:
        raise ValueTypeError("a pattern (text)", value, "ref_separator")
    if pattern.regex.fullmatch(""):
        raise ValidationError("the pattern must not match empty text", "ref_separator")
    return pattern


@frozen(kw_only=True)
class HeatMapSpec:
    """Where a heat map is printed and how its cells are read.

    The block starts at a row whose first cell is ``start_word``; then one row per
    level of ``row_axis`` (the level's code in ``row_code_column``, refs in the cells of
    ``columns``), then the printed axis number row, then an optional row of axis words.
    ``columns`` maps a cell index to the code of the other axis; it is data because
    extractions shift the printed number row (the row is still checked against it).
    """

    stage: str = attrs.field(validator=attrs.validators.in_(STAGES))
    row_axis: str = attrs.field(validator=attrs.validators.in_(("likelihood", "impact")))
    start_word: str
    row_code_column: int
    columns: Mapping[int, str] = attrs.field(converter=_codes)
    #: ``factors``: the only source of the factors; ``check``: cross-check the table.
    use: str = attrs.field(default="check", validator=attrs.validators.in_(("factors", "check")))
    #: Splits a heat map cell into refs (tried on cells of at most 300 characters).
    ref_separator: LayoutPattern = attrs.field(
        default=LayoutPattern.compile(r"[;,\s]+"), converter=_separator
    )


def _regexes(value: object) -> tuple[LayoutPattern, ...]:
    return tuple(p for p in (_regex(v) for v in to_tuple(value)) if p is not None)  # type: ignore[arg-type]


def _word_set(value: object) -> frozenset[str]:
    words = to_tuple(value)  # type: ignore[arg-type]
    if not all(isinstance(word, str) for word in words):
        raise ValueTypeError("a list of words", value, "header_words")
    return frozenset(word.casefold() for word in words)


def _rating_maps(value: object) -> dict[str, dict[str, str]]:
    """``[ratings]``: each map's printed words folded, for case-blind lookup."""
    if not isinstance(value, Mapping):
        raise ValueTypeError("a table", value, "ratings")
    maps: dict[str, dict[str, str]] = {}
    for name, words in value.items():
        if name not in RATING_MAPS:
            raise ValidationError(f"{name!r} is not one of {', '.join(RATING_MAPS)}", "ratings")
        if not isinstance(words, Mapping):
            raise ValueTypeError("a table", words, f"ratings.{name}")
        maps[name] = {" ".join(str(word).casefold().split()): str(code).strip()
                      for word, code in words.items()}
    return maps


def _heatmap(value: object) -> HeatMapSpec | None:
    if value is None or isinstance(value, HeatMapSpec):
        return value
    if not isinstance(value, Mapping):
        raise ValueTypeError("a table", value, "heatmap")
    return HeatMapSpec(**value)


@frozen(kw_only=True)
class Layout:
    """How one council prints its register table, as data.

    ``columns`` are tried in order against each header cell; the first that matches
    names the column. An empty header cell after a stage column widens that stage.
    ``score_order`` says what the numbers of a stage are, in printed order. Patterns
    are tried only on bounded text (see :mod:`riskmodel.readers.patterns`).
    """

    name: str
    description: str = ""
    #: The scoring scheme's id; empty when the layout leaves it to the reader (a
    #: ``--scheme`` given, a ``[meta] scheme`` heading, or the built-in scheme that fits).
    scheme: str = ""
    organisation: str = ""
    level: str = ""
    columns: tuple[ColumnRule, ...] = attrs.field(default=(), converter=to_tuple)
    #: Whether header cells that no ``columns`` rule names are mapped by the header
    #: vocabulary (:mod:`riskmodel.readers.vocabulary`), as the generic layout does.
    use_vocabulary: bool = False
    #: The stage of score columns whose header names none; ``None`` lets the reader
    #: assume one and say so (see :mod:`riskmodel.readers.header`).
    stage: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(STAGES))
    )
    #: Printed words read as levels or bands, by map (words folded to lower case):
    #: ``{"likelihood": {"h": "3"}, "band": {"g": "green"}}``.
    ratings: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict,
                                                         converter=_rating_maps)
    #: Whether section rows are read above the table's header too (each table of the
    #: document printed under its own section heading).
    sections_before_header: bool = False
    score_format: str = attrs.field(
        default="factors", validator=attrs.validators.in_(_SCORE_FORMATS)
    )
    score_order: tuple[str, ...] = attrs.field(default=("impact", "likelihood", "product"),
                                               converter=to_tuple)
    #: A row holding only this pattern (and maybe an objective) is a section heading.
    section: LayoutPattern | None = attrs.field(default=None, converter=_regex)
    #: A ref printed at the start of the description cell (or of the first cell of
    #: ``ref_in`` that starts with one).
    ref_in_text: LayoutPattern | None = attrs.field(default=None, converter=_regex)
    #: The fields whose cells ``ref_in_text`` is tried on, in order.
    ref_in: tuple[str, ...] = attrs.field(default=("description",), converter=to_tuple)
    #: In a damaged table (score columns read by position), a cell just after the score
    #: zone that matches this holds a stray digit of the last score, not a value of its
    #: own column: it is reported, and taken as that score's rating only where the
    #: factors prove it.
    zone_spill: LayoutPattern | None = attrs.field(default=None, converter=_regex)
    #: Patterns for document headings: ``title``, ``owner``, ``version``, ``as_at``.
    meta: Mapping[str, LayoutPattern] = attrs.field(factory=dict, converter=_patterns)
    #: How many header cells must match for a row to count as the column header.
    min_header_hits: int = 3
    #: A text line matching this starts a new register in the same document.
    register_title: LayoutPattern | None = attrs.field(default=None, converter=_regex)
    heatmap: HeatMapSpec | None = attrs.field(default=None, converter=_heatmap)
    #: Words that make a row of only such cells a sub-header (``Impact``, ``Likelihood``).
    header_words: frozenset[str] = attrs.field(default=frozenset(), converter=_word_set)
    #: Whether an unnumbered row with scores is a further risk grouped under the
    #: numbered risk above it (its id is that risk's ref, a dot and a count).
    grouped: bool = False
    #: A row matching this opens the AMENDMENTS part: risks printed again, changed.
    amendments: LayoutPattern | None = attrs.field(default=None, converter=_regex)
    #: A row matching this opens the DELETIONS part: each row a deleted risk, its
    #: reason written in capitals at the start of its description.
    deletions: LayoutPattern | None = attrs.field(default=None, converter=_regex)
    #: The fields of the table's last columns, in order. When a damaged header names
    #: only some columns and its last cell is the last of these, the rest are placed
    #: by position from the end.
    tail: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    #: A row of cells with a cell matching one of these is a repeated page heading.
    page_heading: tuple[LayoutPattern, ...] = attrs.field(default=(), converter=_regexes)
    #: A row matching this says an area has no risks ("NONE").
    nothing: LayoutPattern | None = attrs.field(default=None, converter=_regex)
    #: Other sheets the layout's workbooks carry beside the table (a findings sheet, a
    #: legend): listed in the report as not read, rather than as a problem.
    companion_sheets: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    #: Where the layout was read from (its file), for error messages.
    source: str = attrs.field(default="", eq=False)
    #: The words of all ``columns`` rules: those a header cell holds, and (written
    #: ``=word``) those it is. A cell that has none of them is named by no rule.
    _words: tuple[tuple[str, ...], frozenset[str]] = attrs.field(
        init=False, eq=False, repr=False
    )

    @_words.default
    def _rule_words(self) -> tuple[tuple[str, ...], frozenset[str]]:
        words = [word for rule in self.columns for word in rule.match]
        return (tuple(word for word in words if not word.startswith("=")),
                frozenset(word[1:] for word in words if word.startswith("=")))

    @score_order.validator
    def _check_order(self, attribute: attrs.Attribute[object], value: Sequence[str]) -> None:
        if not set(value) <= _ORDER_PARTS:
            raise ValidationError(
                f"score_order parts must be among {sorted(_ORDER_PARTS)}", "score_order"
            )

    @property
    def where(self) -> str:
        """The layout's file, or its name when it was not read from a file."""
        return self.source or self.name

    def rule_of(self, header: str, taken: Set[str] = frozenset()) -> ColumnRule | None:
        """The rule that names a header cell (skipping fields already *taken*), or ``None``."""
        folded = _fold(header)
        held, whole = self._words
        if folded not in whole and not any(word in folded for word in held):
            return None  # no rule's word: spares trying each rule on a cell of prose
        for rule in self.columns:
            if rule.field not in taken and rule.matches_folded(folded):
                return rule
        return None

    def field_of(self, header: str, taken: Set[str] = frozenset()) -> str | None:
        """The field a header cell names (skipping fields already *taken*), or ``None``."""
        rule = self.rule_of(header, taken)
        return rule.field if rule is not None else None

    def header_map(self, cells: Sequence[str]) -> dict[int, str] | None:
        """Column index → field when *cells* are this layout's header row, else ``None``."""
        mapping: dict[int, str] = {}
        taken: set[str] = set()  # fields named so far, but stages, which may repeat
        hits = 0
        previous: str | None = None
        for index, cell in enumerate(cells):
            name = self.field_of(cell, taken) if cell.strip() else None
            if name is not None:
                hits += 1
                mapping[index] = name
                if name not in STAGES and name not in _REPEATABLE:
                    taken.add(name)
                previous = name
            elif not cell.strip() and previous in STAGES:
                mapping[index] = previous
            else:
                previous = None
        if hits < self.min_header_hits:
            return None
        return mapping


# -- the layout file as a document --------------------------------------------------------------


class ColumnField(Choice):
    """A field a column can feed."""

    REF = "ref"
    AREA = "area"
    CATEGORY = "category"
    SECTION = "section"
    OBJECTIVE = "objective"
    TITLE = "title"
    DESCRIPTION = "description"
    CAUSE = "cause"
    CONSEQUENCE = "consequence"
    TRIGGERS = "triggers"
    CONTROLS = "controls"
    ACTIONS = "actions"
    COST = "cost"
    RISK_OWNER = "risk_owner"
    ACTION_OWNER = "action_owner"
    ACTION_DUE = "action_due"
    ACTION_STATUS = "action_status"
    STATUS = "status"
    TARGET_DATE = "target_date"
    REVIEW_DATE = "review_date"
    APPETITE = "appetite"
    DIRECTION = "direction"
    NOTE = "note"
    IGNORE = "ignore"
    INHERENT = "inherent"
    CURRENT = "current"
    TARGET = "target"


class ColumnPart(Choice):
    """The part of a score a stage column holds."""

    LIKELIHOOD = "likelihood"
    IMPACT = "impact"
    PRODUCT = "product"
    BAND = "band"


class ScoreFormat(Choice):
    """How the score cells print a score."""

    FACTORS = "factors"
    NOTATION = "notation"
    RATING = "rating"
    ASSESSMENT = "assessment"


class ScorePart(Choice):
    """A number printed in a stage's score cells."""

    IMPACT = "impact"
    LIKELIHOOD = "likelihood"
    PRODUCT = "product"


class StageName(Choice):
    """A stage of assessment."""

    INHERENT = "inherent"
    CURRENT = "current"
    TARGET = "target"


class Axis(Choice):
    """An axis of the matrix."""

    LIKELIHOOD = "likelihood"
    IMPACT = "impact"


class HeatMapUse(Choice):
    """What a heat map is for: the only source of the factors, or a cross-check."""

    FACTORS = "factors"
    CHECK = "check"


@define
class ColumnDocument:
    """``[[columns]]``: a field and the header words that name its column."""

    field: ColumnField
    match: list[str]
    part: ColumnPart | None = None
    carry: bool = False
    ref: str | None = None


@define
class MetaDocument:
    """``[meta]``: patterns for the document's headings, each naming ``(?P<value>…)``."""

    title: str | None = None
    owner: str | None = None
    version: str | None = None
    as_at: str | None = None
    scheme: str | None = None


@define
class RatingsDocument:
    """``[ratings]``: printed words read as likelihood codes, impact codes or band keys."""

    likelihood: dict[str, str] = attrs.field(factory=dict)
    impact: dict[str, str] = attrs.field(factory=dict)
    band: dict[str, str] = attrs.field(factory=dict)


@define
class HeatMapDocument:
    """``[heatmap]``: where a heat map is printed and how its cells are read."""

    stage: StageName
    row_axis: Axis
    start_word: str
    row_code_column: int
    columns: dict[str, str]
    use: HeatMapUse = HeatMapUse.CHECK
    ref_separator: str = r"[;,\s]+"


@define
class LayoutDocument:
    """A whole layout file. See ``docs/howto-import-spreadsheet.md`` for every key."""

    name: str
    scheme: str = ""
    columns: list[ColumnDocument] = attrs.field(factory=list)
    use_vocabulary: bool = False
    stage: StageName | None = None
    ratings: RatingsDocument = attrs.field(factory=RatingsDocument)
    sections_before_header: bool = False
    description: str = ""
    organisation: str = ""
    level: str = ""
    score_format: ScoreFormat = ScoreFormat.FACTORS
    score_order: list[ScorePart] = attrs.field(
        factory=lambda: [ScorePart.IMPACT, ScorePart.LIKELIHOOD, ScorePart.PRODUCT]
    )
    section: str | None = None
    ref_in_text: str | None = None
    ref_in: list[ColumnField] = attrs.field(factory=lambda: [ColumnField.DESCRIPTION])
    zone_spill: str | None = None
    meta: MetaDocument = attrs.field(factory=MetaDocument)
    min_header_hits: int = 3
    register_title: str | None = None
    heatmap: HeatMapDocument | None = None
    header_words: list[str] = attrs.field(factory=list)
    grouped: bool = False
    amendments: str | None = None
    deletions: str | None = None
    tail: list[ColumnField] = attrs.field(factory=list)
    page_heading: list[str] = attrs.field(factory=list)
    nothing: str | None = None
    companion_sheets: list[str] = attrs.field(factory=list)

    def build(self, source: str = "") -> Layout:
        """The layout; a :class:`LayoutError` names *source* and the key at fault."""
        where = source or self.name

        def located(key: str, build: Callable[[], T]) -> T:
            try:
                return build()
            except LayoutError:
                raise
            except RiskModelError as exc:
                problem = getattr(exc, "problem", None) or str(exc)
                raise LayoutError(where, problem, key=key) from None

        def pattern(key: str, text: str | None, groups: tuple[str, ...] = ()) -> Any:
            if text is None:
                return None
            return located(key, lambda: LayoutPattern.compile(text, groups=groups))

        if not self.columns and not self.use_vocabulary:
            raise LayoutError(where, "a layout needs at least one [[columns]] rule, or "
                              "use_vocabulary = true", key="$.columns")
        columns = []
        for index, column in enumerate(self.columns):
            key = f"$.columns[{index}].match"
            if not column.match:
                raise LayoutError(where, "at least one header word is needed", key=key)
            for position, word in enumerate(column.match):
                if not word.strip() or word.strip() == "=":
                    raise LayoutError(where, "a header word must not be empty",
                                      key=f"{key}[{position}]")
            ref = pattern(f"$.columns[{index}].ref", column.ref, _GROUPS["ref"])

            def rule(column: ColumnDocument = column, ref: Any = ref) -> ColumnRule:
                return ColumnRule(str(column.field), column.match,
                                  part=None if column.part is None else str(column.part),
                                  carry=column.carry, ref=ref)

            columns.append(located(f"$.columns[{index}]", rule))
        if self.min_header_hits < 1:
            raise LayoutError(where, "must be at least 1", key="$.min_header_hits")
        meta = {
            name: pattern(f"$.meta.{name}", text, _GROUPS["meta"])
            for name in META_KEYS if (text := getattr(self.meta, name)) is not None
        }
        heatmap = None
        if self.heatmap is not None:
            heatmap = self._heatmap(self.heatmap, where, pattern)
        return located("$", lambda: Layout(
            name=self.name, description=self.description, scheme=self.scheme,
            organisation=self.organisation, level=self.level, columns=columns,
            use_vocabulary=self.use_vocabulary,
            stage=None if self.stage is None else str(self.stage),
            ratings={name: words for name in RATING_MAPS
                     if (words := getattr(self.ratings, name))},
            sections_before_header=self.sections_before_header,
            score_format=str(self.score_format),
            score_order=[str(part) for part in self.score_order],
            section=pattern("$.section", self.section, _GROUPS["section"]),
            ref_in_text=pattern("$.ref_in_text", self.ref_in_text, _GROUPS["ref_in_text"]),
            ref_in=[str(name) for name in self.ref_in],
            zone_spill=pattern("$.zone_spill", self.zone_spill),
            meta=meta, min_header_hits=self.min_header_hits,
            register_title=pattern("$.register_title", self.register_title,
                                   _GROUPS["register_title"]),
            heatmap=heatmap, header_words=self.header_words, grouped=self.grouped,
            amendments=pattern("$.amendments", self.amendments),
            deletions=pattern("$.deletions", self.deletions),
            tail=[str(name) for name in self.tail],
            page_heading=[pattern(f"$.page_heading[{i}]", text)
                          for i, text in enumerate(self.page_heading)],
            nothing=pattern("$.nothing", self.nothing),
            companion_sheets=self.companion_sheets,
            source=source,
        ))

    @staticmethod
    def _heatmap(
        doc: HeatMapDocument, where: str, pattern: Callable[..., Any]
    ) -> HeatMapSpec:
        if doc.row_code_column < 0:
            raise LayoutError(where, "must be 0 or more", key="$.heatmap.row_code_column")
        columns: dict[int, str] = {}
        for cell, code in doc.columns.items():
            if not (cell.isascii() and cell.isdigit() and len(cell) <= 5):
                raise LayoutError(
                    where, "a heat map column is a cell number (0, 1, 2 …)",
                    key=f"$.heatmap.columns.{cell}",
                )
            columns[int(cell)] = code
        separator = pattern("$.heatmap.ref_separator", doc.ref_separator)
        if separator.regex.fullmatch(""):
            raise LayoutError(where, "the pattern must not match empty text",
                              key="$.heatmap.ref_separator")
        return HeatMapSpec(
            stage=str(doc.stage), row_axis=str(doc.row_axis), start_word=doc.start_word,
            row_code_column=doc.row_code_column, columns=columns, use=str(doc.use),
            ref_separator=separator,
        )


# -- checks that cattrs alone does not make --------------------------------------------------

#: The tables whose keys a TOML file puts there when they are written after the table's
#: header: a hint names that mistake.
_TABLE_HEADERS = {"columns": "[[columns]]", "meta": "[meta]", "heatmap": "[heatmap]",
                  "ratings": "[ratings]"}


def _unknown_in_tables(data: Mapping[str, Any], where: str) -> None:
    """Refuse unknown keys in ``[[columns]]``, ``[meta]`` and ``[heatmap]`` with a hint.

    In TOML every key after a table header belongs to that table, so a top-level key
    written below the last ``[[columns]]`` ends up in that column.
    """
    top = {a.name for a in attrs.fields(LayoutDocument)}
    tables: list[tuple[str, object, type]] = [
        ("$.meta", data.get("meta"), MetaDocument),
        ("$.heatmap", data.get("heatmap"), HeatMapDocument),
        ("$.ratings", data.get("ratings"), RatingsDocument),
    ]
    columns = data.get("columns")
    if isinstance(columns, list):
        tables.extend((f"$.columns[{i}]", column, ColumnDocument)
                      for i, column in enumerate(columns))
    for key, table, cls in tables:
        if not isinstance(table, Mapping):
            continue
        unknown = sorted(set(table) - {a.name for a in attrs.fields(cls)})
        if not unknown:
            continue
        header = _TABLE_HEADERS[key[2:].split("[")[0]]
        moved = [name for name in unknown if name in top]
        verb = "is a top-level key" if len(moved) == 1 else "are top-level keys"
        hint = (
            f"; {', '.join(moved)} {verb} written after {header}: in TOML every key after a "
            "table header belongs to that table, so move top-level keys above the first "
            "table header"
            if moved else
            f"; keys written after {header} belong to that table (a top-level key must come "
            "before the first table header)"
        )
        raise LayoutError(where, f"unknown keys: {', '.join(unknown)}{hint}", key=key)


def _plain(tp: Any) -> Any:
    """The type without ``| None``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


def _check_shapes(value: Any, cls: type, path: str, where: str) -> None:
    """Lists are lists (a bare text is not split into letters), whole numbers are ints.

    cattrs would read ``match = "owner"`` as the letters o, w, n, e, r and ``3.7`` as 3.
    """
    if not isinstance(value, Mapping):
        return  # cattrs says "expected a table"
    hints = typing.get_type_hints(cls)
    for attribute in attrs.fields(cls):
        if attribute.name not in value:
            continue
        item, key = value[attribute.name], f"{path}.{attribute.name}"
        tp = _plain(hints[attribute.name])
        origin = typing.get_origin(tp)
        if origin is list:
            (element,) = typing.get_args(tp)
            if isinstance(item, str) and attrs.has(element):
                raise LayoutError(
                    where, f"expected [[{attribute.name}]] tables, not {_describe(item)}", key=key
                )
            if isinstance(item, str):
                example = json.dumps([item[:40]], ensure_ascii=False)
                raise LayoutError(
                    where, f"expected a list such as {example}, not {_describe(item)}", key=key
                )
            if not isinstance(item, list):
                raise LayoutError(where, f"expected a list, not {_describe(item)}", key=key)
            if attrs.has(element):
                for index, inner in enumerate(item):
                    _check_shapes(inner, element, f"{key}[{index}]", where)
        elif origin is dict:
            if not isinstance(item, Mapping):
                raise LayoutError(where, f"expected a table, not {_describe(item)}", key=key)
            if typing.get_args(tp) == (str, str):  # word maps: codes are text, as printed
                for word, code in item.items():
                    if not isinstance(code, str):
                        raise LayoutError(
                            where, f"expected text such as {json.dumps(str(code))}, not "
                            f"{_describe(code)}", key=f"{key}.{word}")
        elif tp is int:
            if isinstance(item, bool) or not isinstance(item, int):
                raise LayoutError(where, f"expected a whole number, not {_describe(item)}",
                                  key=key)
        elif attrs.has(tp):
            _check_shapes(item, tp, key, where)


def layout_from_dict(data: Mapping[str, Any], *, source: str = "<layout>") -> Layout:
    """A layout from parsed TOML data; ``LayoutError`` names *source* and the key at fault."""
    if not isinstance(data, Mapping):
        raise LayoutError(source, f"expected a table, not {_describe(data)}", key="$")
    _unknown_in_tables(data, source)
    _check_shapes(data, LayoutDocument, "$", source)
    document = structure_document(data, LayoutDocument, source=source, error=LayoutError)
    return document.build(source)


def layout_from_toml(text: str, *, source: str = "<string>") -> Layout:
    """A layout from the text of a TOML file (see ``docs/howto-import-spreadsheet.md``)."""
    return layout_from_dict(parse_toml(text, source, LayoutError), source=source)


def load_layout(path: str | os.PathLike[str]) -> Layout:
    """A layout from a TOML file (at most 4 MiB, UTF-8)."""
    return layout_from_toml(read_text(path, LayoutError), source=os.fspath(path))


@functools.cache
def _builtins() -> tuple[Layout, ...]:
    return tuple(layout_from_toml(text, source=name) for name, text in builtin_texts("layouts"))


def builtin_layouts() -> dict[str, Layout]:
    """The layouts shipped with riskmodel, by name."""
    return {layout.name: layout for layout in _builtins()}
