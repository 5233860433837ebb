"""Layout profiles: which header words name which field and stage, kept as TOML data."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence, Set
from typing import Any

import attrs
from attrs import frozen

from riskmodel._toml import builtin_texts, parse_toml, read_text
from riskmodel._validate import to_tuple
from riskmodel.errors import LayoutError

__all__ = [
    "FIELDS",
    "STAGES",
    "ColumnRule",
    "HeatMapSpec",
    "Layout",
    "LayoutError",
    "builtin_layouts",
    "layout_from_toml",
    "load_layout",
]

#: The stage fields a column can feed; each holds a score.
STAGES = ("inherent", "current", "target")
#: Every field a column can feed.
FIELDS = frozenset({
    "ref", "area", "objective", "title", "description", "consequence", "triggers",
    "controls", "actions", "cost", "risk_owner", "action_owner", "target_date",
    "review_date", "appetite", "direction", *STAGES,
})
_SCORE_FORMATS = ("factors", "notation", "rating")
_ORDER_PARTS = frozenset({"impact", "likelihood", "product"})


def _regex(value: object) -> re.Pattern[str] | None:
    if value is None:
        return None
    if isinstance(value, re.Pattern):
        return value
    return re.compile(str(value), re.IGNORECASE)


def _folded(words: Sequence[object]) -> tuple[str, ...]:
    return tuple(str(word).casefold() for word in words)


def _patterns(mapping: Mapping[str, object]) -> dict[str, re.Pattern[str]]:
    return {key: pattern for key, value in dict(mapping).items()
            if (pattern := _regex(value)) is not None}


@frozen
class ColumnRule:
    """A field, and the words whose presence in a header cell names its column."""

    field: str = attrs.field(validator=attrs.validators.in_(FIELDS))
    match: tuple[str, ...] = attrs.field(converter=_folded)

    def matches(self, header: str) -> bool:
        """Whether *header* contains one of the words (case-insensitive).

        A word written ``=word`` must be the whole cell.
        """
        folded = " ".join(header.casefold().split())
        return any(
            folded == word[1:] if word.startswith("=") else word in folded
            for word in self.match
        )


def _codes(value: Mapping[object, object]) -> dict[int, str]:
    return {int(str(k)): str(v) for k, v in dict(value).items()}


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
    ref_separator: str = r"[;,\s]+"


def _regexes(value: object) -> tuple[re.Pattern[str], ...]:
    if isinstance(value, str):
        raise TypeError("page_heading must be a list of patterns")
    return tuple(p for p in (_regex(v) for v in value) if p is not None)  # type: ignore[attr-defined]


def _word_set(value: object) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError("header_words must be a list of words")
    return frozenset(str(word).casefold() for word in value)  # type: ignore[attr-defined]


def _heatmap(value: object) -> HeatMapSpec | None:
    if value is None or isinstance(value, HeatMapSpec):
        return value
    if not isinstance(value, Mapping):
        raise TypeError("heatmap must be a table")
    return HeatMapSpec(**value)


@frozen(kw_only=True)
class Layout:
    """How one council prints its register table, as data.

    ``columns`` are tried in order against each header cell; the first that matches
    names the column. An empty header cell after a stage column widens that stage.
    ``score_order`` says what the numbers of a stage are, in printed order.
    """

    name: str
    description: str = ""
    scheme: str
    organisation: str = ""
    level: str = ""
    columns: tuple[ColumnRule, ...] = attrs.field(converter=to_tuple)
    score_format: str = attrs.field(
        default="factors", validator=attrs.validators.in_(_SCORE_FORMATS)
    )
    score_order: tuple[str, ...] = attrs.field(default=("impact", "likelihood", "product"),
                                         converter=to_tuple)
    #: A row holding only this pattern (and maybe an objective) is a section heading.
    section: re.Pattern[str] | None = attrs.field(default=None, converter=_regex)
    #: A ref printed at the start of the description cell.
    ref_in_text: re.Pattern[str] | None = attrs.field(default=None, converter=_regex)
    #: Patterns for document headings: ``title``, ``owner``, ``version``, ``as_at``.
    meta: Mapping[str, re.Pattern[str]] = attrs.field(factory=dict, converter=_patterns)
    #: How many header cells must match for a row to count as the column header.
    min_header_hits: int = 3
    #: A text line matching this starts a new register in the same document.
    register_title: re.Pattern[str] | None = attrs.field(default=None, converter=_regex)
    heatmap: HeatMapSpec | None = attrs.field(default=None, converter=_heatmap)
    #: Words that make a row of only such cells a sub-header (``Impact``, ``Likelihood``).
    header_words: frozenset[str] = attrs.field(default=frozenset(), converter=_word_set)
    #: Whether an unnumbered row with scores is a further risk grouped under the
    #: numbered risk above it (its id is that risk's ref, a dot and a count).
    grouped: bool = False
    #: A row matching this opens the AMENDMENTS part: risks printed again, changed.
    amendments: re.Pattern[str] | None = attrs.field(default=None, converter=_regex)
    #: A row matching this opens the DELETIONS part: each row a deleted risk, its
    #: reason written in capitals at the start of its description.
    deletions: re.Pattern[str] | None = attrs.field(default=None, converter=_regex)
    #: The fields of the table's last columns, in order. When a damaged header names
    #: only some columns and its last cell is the last of these, the rest are placed
    #: by position from the end.
    tail: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    #: A row of cells with a cell matching one of these is a repeated page heading.
    page_heading: tuple[re.Pattern[str], ...] = attrs.field(default=(), converter=_regexes)
    #: A row matching this says an area has no risks ("NONE").
    nothing: re.Pattern[str] | None = attrs.field(default=None, converter=_regex)

    @score_order.validator
    def _check_order(self, attribute: attrs.Attribute[object], value: Sequence[str]) -> None:
        if not set(value) <= _ORDER_PARTS:
            raise LayoutError(self.name, f"score_order parts must be among {sorted(_ORDER_PARTS)}")

    def field_of(self, header: str, taken: Set[str] = frozenset()) -> str | None:
        """The field a header cell names (skipping fields already *taken*), or ``None``."""
        for rule in self.columns:
            if rule.field not in taken and rule.matches(header):
                return rule.field
        return None

    def header_map(self, cells: Sequence[str]) -> dict[int, str] | None:
        """Column index → field when *cells* are this layout's header row, else ``None``."""
        mapping: dict[int, str] = {}
        hits = 0
        previous: str | None = None
        for index, cell in enumerate(cells):
            taken = set(mapping.values()) - set(STAGES)
            name = self.field_of(cell, taken) if cell.strip() else None
            if name is not None:
                hits += 1
                mapping[index] = name
                previous = name
            elif not cell.strip() and previous in STAGES:
                mapping[index] = previous
            else:
                previous = None
        if hits < self.min_header_hits:
            return None
        return mapping


def layout_from_dict(data: Mapping[str, Any], *, source: str = "<layout>") -> Layout:
    """A layout from parsed TOML data; ``LayoutError`` says what is wrong."""
    try:
        columns = [ColumnRule(c["field"], c["match"]) for c in data.get("columns", [])]
        known = {f.name for f in attrs.fields(Layout)}
        unknown = set(data) - known
        if unknown:
            raise LayoutError(source, f"unknown keys: {', '.join(sorted(unknown))}")
        kwargs = {k: v for k, v in data.items() if k != "columns"}
        return Layout(columns=columns, **kwargs)
    except LayoutError:
        raise
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise LayoutError(source, f"not a valid layout: {exc}") from None


def layout_from_toml(text: str, *, source: str = "<string>") -> Layout:
    """A layout from the text of a TOML file (see ``docs/howto-import-spreadsheet.md``)."""
    return layout_from_dict(parse_toml(text, source, LayoutError), source=source)


def load_layout(path: str | os.PathLike[str]) -> Layout:
    """A layout from a TOML file."""
    return layout_from_toml(read_text(path, LayoutError), source=os.fspath(path))


@functools.cache
def _builtins() -> tuple[Layout, ...]:
    return tuple(layout_from_toml(text, source=name) for name, text in builtin_texts("layouts"))


def builtin_layouts() -> dict[str, Layout]:
    """The layouts shipped with riskmodel, by name."""
    return {layout.name: layout for layout in _builtins()}
