"""The header vocabulary: the words councils print over their columns, as data.

The generic layout maps a header cell to a field, a stage and a part of a score by the
words in ``riskmodel/data/vocabulary.toml``, in any order and any case. A user file of
the same shape extends it (:func:`load_vocabulary`, then :meth:`Vocabulary.extend`).

>>> words = builtin_vocabulary()
>>> words.meaning("Risk No.")
Meaning(field='ref', stage=None, part=None, group_part=None)
>>> words.meaning("Residual risk rating")
Meaning(field=None, stage='current', part='product', group_part=None)
>>> words.meaning("Inherent L")
Meaning(field=None, stage='inherent', part='likelihood', group_part=None)
>>> words.meaning("Target date")
Meaning(field='target_date', stage=None, part=None, group_part=None)
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import attrs
from attrs import define, frozen

from riskmodel._toml import parse_toml, read_text
from riskmodel.documents import structure_document
from riskmodel.errors import LayoutError
from riskmodel.readers.layout import FIELDS, PARTS, STAGES

__all__ = ["Meaning", "Vocabulary", "builtin_vocabulary", "load_vocabulary", "words_of"]

_WORD = re.compile(r"[^\W_]+|[#&]")
#: How many header cells a vocabulary remembers what it made of.
_MEMO_SIZE = 4096
#: Fields a vocabulary may name (a stage is named by ``[stages]``, not as a field).
_TEXT_FIELDS = FIELDS - {*STAGES, "note", "ignore", "area", "section"}
#: The order in which stage phrases of the same length win: the later stage.
_STAGE_ORDER = {stage: rank for rank, stage in enumerate(STAGES)}


def words_of(text: str) -> tuple[str, ...]:
    """The words of a header cell: case folded, punctuation read as spaces.

    >>> words_of("Likelihood (1-5)"), words_of("Risk No.")
    (('likelihood', '1', '5'), ('risk', 'no'))
    """
    return tuple(_WORD.findall(text.casefold()))


@frozen
class Meaning:
    """What a header cell names: a text field, or a score column (a stage, a part, or
    both), or a text field that is a factor when it stands beside score columns."""

    field: str | None = None
    stage: str | None = None
    part: str | None = None
    #: The part the cell names when it stands beside other score columns
    #: (``Consequence`` next to ``Likelihood``); otherwise it is the text ``field``.
    group_part: str | None = None

    @property
    def is_score(self) -> bool:
        """Whether the cell heads a score column (a part, or a stage alone)."""
        return self.part is not None or (self.stage is not None and self.field is None)


@frozen
class _Hit:
    kind: str
    name: str
    start: int
    size: int
    chars: int

    @property
    def span(self) -> range:
        return range(self.start, self.start + self.size)


def _phrases(value: Mapping[str, Sequence[Any]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as tuples of words; a phrase given as text is cut into its words."""
    return {name: tuple(found for phrase in phrases
                        if (found := phrase if isinstance(phrase, tuple) else words_of(phrase)))
            for name, phrases in value.items()}


def _words(value: Any) -> frozenset[str]:
    return frozenset(str(word).casefold() for word in value)


def _index(vocabulary: Vocabulary) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for kind in ("fields", "stages", "parts", "in_group"):
        for name, phrases in getattr(vocabulary, kind).items():
            for phrase in phrases:
                index.setdefault(phrase[0], []).append((phrase, kind, name))
    return index


def _longest(hits: Sequence[_Hit], kind: str) -> _Hit | None:
    found = [hit for hit in hits if hit.kind == kind]
    if not found:
        return None
    if kind == "stages":
        return max(found, key=lambda h: (h.size, h.chars, _STAGE_ORDER[h.name]))
    return max(found, key=lambda h: (h.size, h.chars, -h.start))


@frozen
class Vocabulary:
    """Header phrases by what they name: ``fields``, ``stages``, ``parts`` of a score,
    parts named only beside other score columns (``in_group``), and ``filler`` words a
    stage may stand with in a one-cell rating's header ("Inherent *risk*").

    Phrases are held as tuples of words (:func:`words_of`).
    """

    fields: Mapping[str, tuple[tuple[str, ...], ...]] = attrs.field(converter=_phrases)
    stages: Mapping[str, tuple[tuple[str, ...], ...]] = attrs.field(converter=_phrases)
    parts: Mapping[str, tuple[tuple[str, ...], ...]] = attrs.field(converter=_phrases)
    in_group: Mapping[str, tuple[tuple[str, ...], ...]] = attrs.field(
        factory=dict, converter=_phrases)
    filler: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    #: The file or files it was read from, for messages.
    source: str = attrs.field(default="", eq=False)
    _by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = attrs.field(
        init=False, eq=False, repr=False)
    _memo: dict[str, Meaning | None] = attrs.field(init=False, factory=dict, eq=False,
                                                   repr=False)

    @_by_first.default
    def _build_index(self) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
        return _index(self)

    def extend(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with *other*'s phrases added (a user file over the built-in one).

        A phrase *other* gives to a field is taken from any other field that held it, so
        a user can move a word ("Lead" as the action owner rather than the risk owner).
        """
        def merged(kind: str) -> dict[str, tuple[tuple[str, ...], ...]]:
            mine: dict[str, tuple[tuple[str, ...], ...]] = getattr(self, kind)
            theirs: dict[str, tuple[tuple[str, ...], ...]] = getattr(other, kind)
            moved = {phrase for phrases in theirs.values() for phrase in phrases}
            out = {name: tuple(p for p in phrases if p not in moved)
                   for name, phrases in mine.items()}
            for name, phrases in theirs.items():
                out[name] = tuple(dict.fromkeys((*out.get(name, ()), *phrases)))
            return out

        return Vocabulary(
            fields=merged("fields"), stages=merged("stages"), parts=merged("parts"),
            in_group=merged("in_group"), filler=self.filler | other.filler,
            source=" + ".join(part for part in (self.source, other.source) if part),
        )

    def _hits(self, words: tuple[str, ...]) -> list[_Hit]:
        hits = []
        for start, word in enumerate(words):
            for phrase, kind, name in self._by_first.get(word, ()):
                if words[start:start + len(phrase)] == phrase:
                    hits.append(_Hit(kind, name, start, len(phrase), sum(map(len, phrase))))
        stage = _longest(hits, "stages")
        staged = set(stage.span) if stage is not None else set()
        rest = tuple(w for i, w in enumerate(words) if i not in staged)
        return [hit for hit in hits
                if hit.chars > 2 or hit.kind == "stages" or rest == words[hit.start:hit.start + 1]]

    def meaning(self, header: str) -> Meaning | None:
        """What the header cell *header* names, or ``None`` when no phrase names it.

        A field phrase of two words or more that is longer than any part phrase (and no
        shorter than any stage phrase) names a field; else a part of a score names a
        score column, with the stage named beside it; else a stage alone, whose other
        words are all filler, names a one-cell rating; else a one-word field.
        """
        words = words_of(header)
        key = " ".join(words)
        if key in self._memo:
            return self._memo[key]
        found = self._resolve(words)
        if len(self._memo) < _MEMO_SIZE:  # headers repeat; the cells of data rows do not
            self._memo[key] = found
        return found

    def _resolve(self, words: tuple[str, ...]) -> Meaning | None:
        hits = self._hits(words)
        field = _longest(hits, "fields")
        part = _longest(hits, "parts")
        stage = _longest(hits, "stages")
        group = _longest(hits, "in_group")
        size = {name: hit.size if hit is not None else 0
                for name, hit in (("f", field), ("p", part), ("s", stage))}
        if field is not None and field.size >= 2 and size["f"] > size["p"] \
                and size["f"] >= size["s"]:
            return Meaning(field=field.name)
        if part is not None:
            return Meaning(stage=stage.name if stage is not None else None, part=part.name)
        if stage is not None:
            rest = [w for i, w in enumerate(words) if i not in stage.span]
            if all(word in self.filler for word in rest):
                return Meaning(stage=stage.name)
        if group is not None:
            return Meaning(field=field.name if field is not None else None,
                           stage=stage.name if stage is not None else None,
                           group_part=group.name)
        if field is not None:
            return Meaning(field=field.name)
        return None


@define
class _FillerDocument:
    words: list[str] = attrs.field(factory=list)


@define
class VocabularyDocument:
    """A vocabulary file: ``[fields]``, ``[stages]``, ``[parts]``, ``[in_group]`` (each a
    table of phrase lists) and ``[filler] words``."""

    fields: dict[str, list[str]] = attrs.field(factory=dict)
    stages: dict[str, list[str]] = attrs.field(factory=dict)
    parts: dict[str, list[str]] = attrs.field(factory=dict)
    in_group: dict[str, list[str]] = attrs.field(factory=dict)
    filler: _FillerDocument = attrs.field(factory=_FillerDocument)

    def build(self, source: str) -> Vocabulary:
        """The vocabulary; a :class:`LayoutError` names *source* and the key at fault."""
        allowed = {"fields": _TEXT_FIELDS, "stages": set(STAGES), "parts": set(PARTS),
                   "in_group": set(PARTS)}
        for kind, names in allowed.items():
            table: dict[str, list[str]] = getattr(self, kind)
            owner: dict[tuple[str, ...], str] = {}
            for name, phrases in table.items():
                if name not in names:
                    raise LayoutError(source, f"{name!r} is not one of "
                                      f"{', '.join(sorted(names))}", key=f"$.{kind}.{name}")
                for position, phrase in enumerate(phrases):
                    words = words_of(phrase)
                    if not words:
                        raise LayoutError(source, "a phrase must hold a word",
                                          key=f"$.{kind}.{name}[{position}]")
                    if owner.get(words, name) != name:
                        raise LayoutError(source, f"{phrase!r} is also a phrase of "
                                          f"{owner[words]}", key=f"$.{kind}.{name}[{position}]")
                    owner[words] = name
        return Vocabulary(fields=self.fields, stages=self.stages, parts=self.parts,
                          in_group=self.in_group, filler=self.filler.words, source=source)


def vocabulary_from_toml(text: str, *, source: str = "<string>") -> Vocabulary:
    """A vocabulary from the text of a TOML file of the built-in file's shape."""
    data: Any = parse_toml(text, source, LayoutError)
    document = structure_document(data, VocabularyDocument, source=source, error=LayoutError)
    return document.build(source)


def load_vocabulary(path: str | os.PathLike[str]) -> Vocabulary:
    """A vocabulary from a TOML file (to extend the built-in one with)."""
    return vocabulary_from_toml(read_text(path, LayoutError), source=os.fspath(path))


@functools.cache
def builtin_vocabulary() -> Vocabulary:
    """The vocabulary shipped with riskmodel (``riskmodel/data/vocabulary.toml``)."""
    text = (resources.files("riskmodel") / "data" / "vocabulary.toml").read_text("utf-8")
    return vocabulary_from_toml(text, source="vocabulary.toml")
