"""Reading and writing scores as printed: ``2B``, ``B2``, ``4x5``, ``3 B``, ``I4 L5 = 20``.

Two readers live here. :func:`parse_score` is strict: it reads one cell of the scheme in
its notation and nothing else. :func:`parse_assessment` reads what registers print around
a score (``(5 impact, 3 likelihood)``, ``15 (A)``, ``Amber 12``, ``4 - Likely``,
``Medium-High``, ``financial 3, reputation n/a``) into an assessment. It is a small
tokenizer and grammar: the text is cut into terms by the scheme's own words (a trie of its
codes, labels, band words and notation words, longest match first), then the terms are
read left to right, each form tried in a fixed order. Both steps are linear in the length
of the text, and the text is bounded (:data:`MAX_TEXT`).
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from riskmodel._validate import texts
from riskmodel.assessment import Assessment
from riskmodel.errors import NotationError, ValidationError
from riskmodel.scale import Level

if TYPE_CHECKING:
    from riskmodel.scale import Scale
    from riskmodel.scheme import ScoringScheme
    from riskmodel.score import Score

__all__ = [
    "MAX_TEXT",
    "NotationWords",
    "check_notation",
    "format_score",
    "normalise",
    "parse_assessment",
    "parse_score",
]

_SEPARATORS = ("", " ", "x", "/", "-", ",")
_STATED = re.compile(r"^(?P<cell>.*?\S)\s*(?:=\s*|\(\s*)(?P<value>\d+(?:\.\d+)?)\s*\)?$")
_AROUND_PUNCTUATION = re.compile(r"\s*([/,\-])\s*")
_TIMES = re.compile(r"\s+x\s+|(?<=\d)\s*x\s*(?=\d)")

#: The longest text :func:`parse_assessment` reads; a register cell is far shorter.
MAX_TEXT = 400


def _number(value: float) -> str:
    """A rating as printed: whole numbers in full, others to ten significant digits."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def _normalise(text: str) -> str:
    text = " ".join(text.split()).casefold().replace("×", "x").replace("*", "x")
    return _TIMES.sub("x", _AROUND_PUNCTUATION.sub(r"\1", text))


def normalise(text: str) -> str:
    """A printed word as riskmodel compares it: case folded, spaces collapsed, dashes and
    slashes without spaces around them, so ``Medium - High`` is ``medium-high``.

    >>> normalise("  Medium –  High "), normalise("N / A")
    ('medium-high', 'n/a')
    """
    return _normalised(text)[0]


#: Characters read as others: dashes as ``-``, times signs as ``x``.
_SWAP = {"–": "-", "—": "-", "×": "x", "*": "x"}


def _normalised(text: str) -> tuple[str, list[int]]:
    """:func:`normalise`, with the index in *text* of each character of the result."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        char = _SWAP.get(char, char)
        if char.isspace():
            if out and out[-1] not in " /-":
                out.append(" ")
                where.append(index)
            continue
        if char in "/-" and out and out[-1] == " ":
            out.pop()
            where.pop()
        for folded in char.casefold():
            out.append(folded)
            where.append(index)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def _words(instance: Any, attribute: Any, value: tuple[str, ...]) -> None:
    for index, word in enumerate(value):
        if not normalise(word):
            raise ValidationError("a word must not be empty", f"{attribute.name}[{index}]")


@frozen
class NotationWords:
    """The words a scheme's registers print around codes, by what they mean.

    ``likelihood`` and ``impact`` name an axis (``impact 4``, ``5 impact``); the scale's
    own name and the notation's prefix always do too. ``rating`` words come before a
    rating (``score 12``), ``band`` words before a band (``RAG: Amber``), and ``joining``
    words join two parts (``impact 4 and likelihood 2``).

    >>> NotationWords().impact
    ('impact', 'severity', 'consequence', 'consequences')
    """

    likelihood: tuple[str, ...] = field(
        default=("likelihood", "probability", "frequency", "chance"), converter=texts,
        validator=_words,
    )
    impact: tuple[str, ...] = field(
        default=("impact", "severity", "consequence", "consequences"), converter=texts,
        validator=_words,
    )
    rating: tuple[str, ...] = field(
        default=("rating", "score", "total", "risk rating", "risk score", "risk level"),
        converter=texts, validator=_words,
    )
    band: tuple[str, ...] = field(
        default=("band", "rag", "rag status"), converter=texts, validator=_words
    )
    joining: tuple[str, ...] = field(
        default=("and", "&"), converter=texts, validator=_words
    )


def format_score(score: Score) -> str:
    """The score as its scheme's notation prints it."""
    notation = score.scheme.notation
    lk = notation.likelihood_prefix + score.likelihood.code
    im = notation.impact_prefix + score.impact.code
    first, second = (lk, im) if notation.order == "likelihood-impact" else (im, lk)
    text = f"{first}{notation.separator}{second}"
    if notation.show_value:
        text += f" = {_number(score.value)}"
    return text


def _forms(scheme: ScoringScheme) -> tuple[dict[str, list[Score]], ...]:
    """Normalised printed forms of every cell, in three tiers of decreasing certainty.

    1. the declared order, with any usual separator;
    2. the reverse order, only when no code is shared by both scales (``B2`` for ``2B``);
    3. the rating alone (``25``), which only identifies a cell when no other has it.

    A form found in a higher tier shadows the lower ones; a form shared by two cells of
    the same tier is ambiguous.
    """
    memo = scheme._memo.get("forms")
    if memo is not None:
        return memo  # type: ignore[return-value]
    notation = scheme.notation
    lk_codes = {c.casefold() for c in scheme.likelihood.codes}
    im_codes = {c.casefold() for c in scheme.impact.codes}
    disjoint = not (lk_codes & im_codes)
    prefixed = bool(notation.likelihood_prefix or notation.impact_prefix)
    declared = _normalise("a" + notation.separator + "b")[1:-1]
    separators = {declared, *(s for s in _SEPARATORS if s or disjoint or prefixed or not declared)}
    tiers: tuple[dict[str, list[Score]], ...] = ({}, {}, {})

    def add(tier: int, form: str, score: Score) -> None:
        cells = tiers[tier].setdefault(_normalise(form), [])
        if score not in cells:
            cells.append(score)

    for score in scheme.cells():
        lk = notation.likelihood_prefix + score.likelihood.code
        im = notation.impact_prefix + score.impact.code
        first, second = (lk, im) if notation.order == "likelihood-impact" else (im, lk)
        for sep in separators:
            add(0, first + sep + second, score)
            if prefixed:
                add(0, second + sep + first, score)
            elif disjoint:
                add(1, second + sep + first, score)
        if notation.rating_alone:
            add(2, _number(score.value), score)
    scheme._memo["forms"] = tiers
    return tiers


def check_notation(scheme: ScoringScheme) -> str | None:
    """Why the scheme's notation cannot print every cell unambiguously, or ``None``.

    Each cell's printed form must read back as that cell, both strictly
    (:func:`parse_score`) and as an assessment (:func:`parse_assessment`), so that no
    band word or label is printed like a cell.
    """
    first_tier = _forms(scheme)[0]
    for score in scheme.cells():
        printed = format_score(score).split(" = ")[0]
        found = first_tier.get(_normalise(printed), [])
        if len(found) != 1:
            cells = ", ".join(f"({s.likelihood.code}, {s.impact.code})" for s in found)
            return f"the notation prints {format_score(score)!r} for several cells: {cells}"
    for score in scheme.cells():
        printed = format_score(score).split(" = ")[0]
        where = f"the notation prints {printed!r} for cell ({score.likelihood.code}, " \
                f"{score.impact.code})"
        try:
            reader = _read(printed, scheme)
        except NotationError as exc:
            return f"{where}, which does not read back: {exc.reason}"
        lk, im = reader.factors.get("likelihood"), reader.factors.get("impact")
        if (lk is None or lk[0] is not score.likelihood or im is None
                or im[0] is not score.impact or reader.band or reader.rating
                or reader.dimensions or reader.off_grid):
            return f"{where}, which reads back as {reader.assessment(printed)}"
    return None


def parse_score(text: str, scheme: ScoringScheme) -> Score:
    """Read *text* as a score of *scheme*; ``NotationError`` says why not.

    A band word of the scheme (``Medium-High``) is never read as a cell, even where its
    words are codes: it is a band, which :func:`parse_assessment` reads.
    """
    if not isinstance(text, str):
        raise NotationError(repr(text), scheme.id, "expected text")
    raw = text.strip()
    stated: float | None = None
    match = _STATED.match(raw)
    if match:
        raw, stated = match["cell"], float(match["value"])
    if not raw:
        raise NotationError(text, scheme.id, "the text is empty")
    key = _normalise(raw)
    band = _lexicon(scheme).whole(normalise(raw))
    if band is not None and any(r.kind is _Kind.BAND for r in band):
        raise NotationError(
            text, scheme.id, f"{raw!r} is a band word, not a cell; read it with "
            "parse_assessment")
    for tier in _forms(scheme):
        cells = tier.get(key)
        if not cells:
            continue
        if len(cells) > 1:
            options = " or ".join(format_score(s) for s in cells)
            raise NotationError(text, scheme.id, f"ambiguous: it could be {options}")
        score = cells[0]
        if stated is not None and not math.isclose(stated, score.value, rel_tol=1e-9):
            raise NotationError(
                text, scheme.id,
                f"it states {_number(stated)} but {format_score(score).split(' = ')[0]} "
                f"rates {_number(score.value)}",
            )
        return score
    example = format_score(max(scheme.cells())).split(" = ")[0]
    axes = [("likelihood", scheme.likelihood.codes), (scheme.impact.name, scheme.impact.codes)]
    if scheme.notation.order == "impact-likelihood":
        axes.reverse()
    wanted = " then ".join(f"{name} {'/'.join(_as_printed(codes))}" for name, codes in axes)
    raise NotationError(text, scheme.id, f"expected {wanted}, written like {example!r}")


def _as_printed(codes: tuple[str, ...]) -> list[str]:
    """Codes as a reader expects them: numbers or letters in order, words by severity."""
    if all(code.isdigit() for code in codes):
        return sorted(codes, key=int)
    if all(len(code) == 1 for code in codes):
        return sorted(codes)
    return list(codes)


# -- the lexicon: every phrase the scheme's registers print, and what it means -------------


class _Kind(enum.Enum):
    CODE = "code"
    LABEL = "label"
    AXIS = "axis"
    DIMENSION = "dimension"
    NOT_APPLICABLE = "n/a"
    BAND = "band"
    RATING_WORD = "rating word"
    BAND_WORD = "band word"
    JOINING = "joining word"
    SEPARATOR = "separator"


@frozen
class _Reading:
    """One meaning of a phrase: a level (by code or label), an axis, a band, a word."""

    kind: _Kind
    axis: str = ""
    level: Level | None = None
    #: A dimension's name, or the band keys (more than one when the word is ambiguous).
    names: tuple[str, ...] = ()


_AXES = ("likelihood", "impact")
_Trie = dict[str, Any]
_END = ""  # the key under which a trie node keeps the readings of the phrase ending there


class _Lexicon:
    """The scheme's phrases in a character trie, for longest-match tokenizing."""

    def __init__(self, scheme: ScoringScheme) -> None:
        self.scheme = scheme
        self.trie: _Trie = {}
        notation, words = scheme.notation, scheme.notation.words
        for axis in _AXES:
            scale: Scale = getattr(scheme, axis)
            for level in scale.levels:
                self.add(level.code, _Reading(_Kind.CODE, axis, level))
                if level.label:
                    self.add(level.label, _Reading(_Kind.LABEL, axis, level))
            prefix = getattr(notation, f"{axis}_prefix").strip().rstrip(":=").strip()
            for word in (scale.name, prefix, *getattr(words, axis)):
                if word:
                    self.add(word, _Reading(_Kind.AXIS, axis))
        for name in scheme.impact.dimensions:
            self.add(name, _Reading(_Kind.DIMENSION, names=(name,)))
        if scheme.impact.dimensions:
            for word in scheme.impact.not_applicable:
                self.add(word, _Reading(_Kind.NOT_APPLICABLE))
        for word, keys in scheme._band_words().items():
            self.add(word, _Reading(_Kind.BAND, names=keys))
        for kind, group in ((_Kind.RATING_WORD, words.rating), (_Kind.BAND_WORD, words.band),
                            (_Kind.JOINING, words.joining)):
            for word in group:
                self.add(word, _Reading(kind))
        separator = normalise(notation.separator)
        if separator and not (len(separator) == 1 and separator in _SYMBOLS):
            self.add(separator, _Reading(_Kind.SEPARATOR))
        self.add("x", _Reading(_Kind.SEPARATOR))

    def add(self, phrase: str, reading: _Reading) -> None:
        key = normalise(phrase)
        if not key:
            return
        node = self.trie
        for char in key:
            node = node.setdefault(char, {})
        found: list[_Reading] = node.setdefault(_END, [])
        if reading.kind is _Kind.LABEL:  # a label two levels of one scale share names neither
            same = [r for r in found if r.kind is _Kind.LABEL and r.axis == reading.axis]
            if same and same[0].level != reading.level:
                found[found.index(same[0])] = _Reading(_Kind.LABEL, reading.axis, None)
            if same:
                return
        if reading not in found:
            found.append(reading)

    def longest(self, text: str, start: int) -> tuple[int, list[_Reading]]:
        """The end of the longest phrase at *start*, and its readings (``start, []`` if none)."""
        node, end, readings = self.trie, start, []
        for index in range(start, len(text)):
            child: _Trie | None = node.get(text[index])
            if child is None:
                break
            node = child
            if _END in node and (index + 1 == len(text) or not _joined(text, index)):
                end, readings = index + 1, node[_END]
        return end, readings

    def whole(self, text: str) -> list[_Reading] | None:
        """The readings of *text* when all of it is one phrase."""
        end, readings = self.longest(text, 0)
        return readings if readings and end == len(text) else None


def _joined(text: str, index: int) -> bool:
    """Whether a phrase ending at *index* would cut a number in two (``1`` of ``12``)."""
    return text[index].isdigit() and text[index + 1].isdigit()


def _lexicon(scheme: ScoringScheme) -> _Lexicon:
    found = scheme._memo.get("lexicon")
    if found is None:
        found = scheme._memo["lexicon"] = _Lexicon(scheme)
    return found  # type: ignore[return-value]


# -- tokenizing -----------------------------------------------------------------------------

#: Punctuation that stands alone as a term.
_SYMBOLS = frozenset("()[],;:=/-&+")


@frozen
class _Term:
    """A piece of the text: a phrase with its readings, a number, or a symbol."""

    #: The term as normalised (:func:`normalise`), and as printed in the source.
    text: str
    printed: str
    readings: tuple[_Reading, ...] = ()
    number: float | None = None
    symbol: str = ""

    def has(self, kind: _Kind) -> bool:
        return any(r.kind is kind for r in self.readings)

    def level(self, axis: str, kind: _Kind) -> Level | None:
        for reading in self.readings:
            if reading.kind is kind and reading.axis == axis:
                return reading.level
        return None

    def axis(self) -> str | None:
        for reading in self.readings:
            if reading.kind is _Kind.AXIS:
                return reading.axis
        return None

    def names(self, kind: _Kind) -> tuple[str, ...]:
        for reading in self.readings:
            if reading.kind is kind:
                return reading.names
        return ()


def _number_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end].isdigit():
        end += 1
    if end + 1 < len(text) and text[end] == "." and text[end + 1].isdigit():
        end += 1
        while end < len(text) and text[end].isdigit():
            end += 1
    return end


def _terms(original: str, scheme: ScoringScheme) -> Iterator[_Term]:
    """The terms of *original*, longest phrase first; one pass, left to right."""
    text, where = _normalised(original)
    lexicon = _lexicon(scheme)

    def term(start: int, end: int, readings: tuple[_Reading, ...] = (),
             number: float | None = None, symbol: str = "") -> _Term:
        printed = original[where[start]:where[end - 1] + 1]
        return _Term(text[start:end], printed, readings, number, symbol)

    def number(digits: str) -> float:
        value = float(digits)
        if not math.isfinite(value):
            raise NotationError(original, scheme.id,
                                f"the number {digits[:12]}… is too large to be a score")
        return value

    index = 0
    while index < len(text):
        char = text[index]
        if char == " ":
            index += 1
            continue
        end, readings = lexicon.longest(text, index)
        if char.isdigit():
            number_end = _number_end(text, index)
            if number_end > end or not readings:
                yield term(index, number_end, number=number(text[index:number_end]))
                index = number_end
                continue
            value = number(text[index:end]) if end == number_end else None
            yield term(index, end, tuple(readings), number=value)
            index = end
            continue
        if readings:
            yield term(index, end, tuple(readings))
            index = end
            continue
        if char in _SYMBOLS:
            yield term(index, index + 1, symbol=char)
            index += 1
            continue
        start, stop = index, index + 1
        if char.isalpha():
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            while stop < len(text) and text[stop].isalpha():
                stop += 1
        word = original[where[start]:where[stop - 1] + 1]
        raise NotationError(original, scheme.id,
                            f"{word!r} is not a code, label, band or word of {scheme.id}")


# -- the grammar ----------------------------------------------------------------------------

#: Punctuation that may stand between the parts of an assessment.
_BETWEEN = frozenset(",;:=/-+")
#: Punctuation after an axis word, before its level: ``impact: 4``, ``L=3``.
_AFTER_WORD = frozenset(":=-")
#: Punctuation between a code and its label: ``4 - Likely``, ``4 (Likely)``, ``4: Likely``.
_BEFORE_LABEL = frozenset("-(:")
#: Separators between two codes of a cell, besides the notation's own: ``4x5``, ``4/5``.
_IN_CELL = frozenset(",/-")


class _Reader:
    """Reads the terms of one text into the parts of an assessment."""

    def __init__(self, text: str, scheme: ScoringScheme, terms: list[_Term]) -> None:
        self.text = text
        self.scheme = scheme
        self.terms = terms
        self.factors: dict[str, tuple[Level, _Term]] = {}
        self.off_grid: dict[str, tuple[float, _Term]] = {}
        self.dimensions: dict[str, tuple[Level | None, _Term]] = {}
        self.rating: tuple[float, _Term] | None = None
        self.band: tuple[str, _Term] | None = None
        self.nothing = True

    # -- errors and records --------------------------------------------------------------

    def fail(self, reason: str) -> NotationError:
        return NotationError(self.text, self.scheme.id, reason)

    def name(self, axis: str, level: Level) -> str:
        label = f" ({level.label})" if level.label and level.label != level.code else ""
        return f"{getattr(self.scheme, axis).name} {level.code}{label}"

    def factor(self, axis: str, level: Level, term: _Term) -> None:
        if axis in self.off_grid:
            raise self.fail(f"it gives {axis} twice: {self.off_grid[axis][1].printed!r} and "
                            f"{term.printed!r}")
        found = self.factors.get(axis)
        if found is not None and found[0] is not level:
            raise self.fail(f"{found[1].printed!r} is {self.name(axis, found[0])} but "
                            f"{term.printed!r} is {self.name(axis, level)}")
        self.factors[axis] = (level, term)
        self.nothing = False

    def grid(self, axis: str, value: float, term: _Term) -> None:
        if axis in self.factors or axis in self.off_grid:
            raise self.fail(f"it gives {axis} twice, the second time as {term.printed!r}")
        self.off_grid[axis] = (value, term)
        self.nothing = False

    def dimension(self, name: str, level: Level | None, term: _Term) -> None:
        found = self.dimensions.get(name)
        if found is not None and found[0] is not level:
            raise self.fail(f"it gives the dimension {name} twice: {found[1].printed!r} and "
                            f"{term.printed!r}")
        self.dimensions[name] = (level, term)
        self.nothing = False

    def stated(self, value: float, term: _Term) -> None:
        if self.rating is not None and self.rating[0] != value:
            raise self.fail(f"it states two ratings, {self.rating[1].printed} and {term.printed}")
        self.rating = (value, term)
        self.nothing = False

    def banded(self, term: _Term) -> None:
        keys = term.names(_Kind.BAND)
        if len(keys) > 1:
            raise self.fail(f"{term.printed!r} names several bands: {', '.join(keys)}")
        if self.band is not None and self.band[0] != keys[0]:
            raise self.fail(f"it states two bands, {self.band[1].printed!r} and {term.printed!r}")
        self.band = (keys[0], term)
        self.nothing = False

    # -- helpers ---------------------------------------------------------------------------

    def at(self, index: int) -> _Term | None:
        return self.terms[index] if index < len(self.terms) else None

    def symbol(self, index: int, symbols: frozenset[str]) -> bool:
        term = self.at(index)
        return term is not None and term.symbol in symbols

    def level_on(self, term: _Term, axis: str) -> Level | None:
        """The level *term* names on *axis*: by its code, else by its label."""
        return term.level(axis, _Kind.CODE) or term.level(axis, _Kind.LABEL)

    def off_grid_on(self, term: _Term, axis: str) -> bool:
        """Whether *term* is a number between a numeric scale's codes, but none of them."""
        if term.number is None or term.level(axis, _Kind.CODE) is not None:
            return False
        scale: Scale = getattr(self.scheme, axis)
        if not all(code.isdigit() for code in scale.codes):
            return False
        codes = [int(code) for code in scale.codes]
        return min(codes) <= term.number <= max(codes) and term.number not in codes

    def restated(self, index: int, axis: str, level: Level, term: _Term) -> int:
        """After a factor, its label restated: ``4 - Likely``, ``4 (Likely)``; else *index*."""
        if not self.symbol(index, _BEFORE_LABEL):
            return index
        opening = self.terms[index].symbol == "("
        label = self.at(index + 1)
        if label is None:
            return index
        named = label.level(axis, _Kind.LABEL)
        if named is None or (opening and not self.symbol(index + 2, frozenset(")"))):
            return index
        if named is not level:
            if label.level(axis, _Kind.CODE) is not None:
                return index  # a code of this axis: the next part, not a label
            raise self.fail(f"{term.printed!r} is {self.name(axis, level)} but the label "
                            f"{label.printed!r} is {self.name(axis, named)}")
        return index + (3 if opening else 2)

    # -- the forms, each returning the index after it, or None ----------------------------

    def axis_first(self, index: int) -> int | None:
        """``impact 4``, ``L3``, ``likelihood: unlikely``, ``impact 4 - Major``, ``L 4.2``."""
        word = self.terms[index]
        axis = word.axis()
        if axis is None:
            return None
        at = index + 1 + self.symbol(index + 1, _AFTER_WORD)
        term = self.at(at)
        if term is None:
            return None
        level = self.level_on(term, axis)
        if level is not None:
            self.factor(axis, level, term)
            return self.restated(at + 1, axis, level, term)
        if self.off_grid_on(term, axis):
            assert term.number is not None
            self.grid(axis, term.number, term)
            return at + 1
        return None

    def dimension_first(self, index: int) -> int | None:
        """``financial 3``, ``reputation: n/a``, ``service major``."""
        word = self.terms[index]
        names = word.names(_Kind.DIMENSION)
        if not names:
            return None
        at = index + 1 + self.symbol(index + 1, _AFTER_WORD)
        term = self.at(at)
        if term is None:
            return None
        if term.has(_Kind.NOT_APPLICABLE):
            self.dimension(names[0], None, term)
            return at + 1
        level = self.level_on(term, "impact")
        if level is None:
            return None
        self.dimension(names[0], level, term)
        return self.restated(at + 1, "impact", level, term)

    def word_first(self, index: int) -> int | None:
        """``score 12``, ``rating = 15``, ``RAG: Amber``, ``band A``."""
        word = self.terms[index]
        at = index + 1 + self.symbol(index + 1, _AFTER_WORD)
        term = self.at(at)
        if term is None:
            return None
        if word.has(_Kind.RATING_WORD) and term.number is not None and not term.has(
                _Kind.BAND):
            self.stated(term.number, term)
            return at + 1
        if word.has(_Kind.BAND_WORD) and term.has(_Kind.BAND):
            self.banded(term)
            return at + 1
        return None

    def axis_after(self, index: int) -> int | None:
        """``5 impact``, ``3 likelihood``, ``0 reputation``."""
        term, word = self.terms[index], self.at(index + 1)
        if word is None:
            return None
        axis = word.axis()
        if axis is not None:
            level = self.level_on(term, axis)
            if level is not None:
                self.factor(axis, level, term)
                return index + 2
            if self.off_grid_on(term, axis):
                assert term.number is not None
                self.grid(axis, term.number, term)
                return index + 2
            return None
        names = word.names(_Kind.DIMENSION)
        if names:
            if term.has(_Kind.NOT_APPLICABLE):
                self.dimension(names[0], None, term)
                return index + 2
            level = self.level_on(term, "impact")
            if level is not None:
                self.dimension(names[0], level, term)
                return index + 2
        return None

    def code_label(self, index: int) -> int | None:
        """``4 - Likely``, ``2 (Significant)``, ``4 Likely``: a code and its level's label.

        Without a dash or bracket between them the two are read so only when the label
        names the very level the code names; otherwise they may be a cell (``4 Minor``).
        """
        term = self.terms[index]
        if not self.symbol(index + 1, _BEFORE_LABEL):
            return self.code_and_own_label(index)
        label = self.at(index + 2)
        if label is None or not label.has(_Kind.LABEL):
            return None
        axes = [axis for axis in _AXES
                if term.level(axis, _Kind.CODE) and label.level(axis, _Kind.LABEL)]
        agreeing = [axis for axis in axes
                    if term.level(axis, _Kind.CODE) is label.level(axis, _Kind.LABEL)]
        if len(agreeing) == 1:
            axis = agreeing[0]
            level = term.level(axis, _Kind.CODE)
            assert level is not None
            self.factor(axis, level, term)
            return self.restated(index + 1, axis, level, term)
        if agreeing:
            raise self.fail(f"{term.printed!r} - {label.printed!r} could be "
                            f"{' or '.join(agreeing)}: say which")
        if axes and not label.has(_Kind.CODE):
            axis = axes[0]
            code, named = term.level(axis, _Kind.CODE), label.level(axis, _Kind.LABEL)
            assert code is not None
            assert named is not None
            raise self.fail(f"{term.printed!r} is {self.name(axis, code)} but the label "
                            f"{label.printed!r} is {self.name(axis, named)}")
        return None

    def code_and_own_label(self, index: int) -> int | None:
        """``4 Likely`` or ``Likely 4``: a code beside the label of the same level.

        Read as one factor, never as a cell of two: where both scales share the code
        ``4``, ``4 Likely`` is likelihood 4 (Likely), not likelihood 4 and impact 4.
        """
        first, second = self.terms[index], self.at(index + 1)
        if second is None:
            return None
        for code, label in ((first, second), (second, first)):  # ``Likely 4`` too
            agreeing = [axis for axis in _AXES
                        if code.level(axis, _Kind.CODE) is not None
                        and code.level(axis, _Kind.CODE) is label.level(axis, _Kind.LABEL)]
            if len(agreeing) == 1:
                level = code.level(agreeing[0], _Kind.CODE)
                assert level is not None
                self.factor(agreeing[0], level, code)
                return index + 2
        return None

    def cell(self, index: int) -> int | None:
        """Two levels: ``4x5``, ``2B``, ``B2``, ``High/Low``, ``4.2 x 5.1``, ``45``."""
        first = self.terms[index]
        at = index + 1
        between = self.at(at)
        if between is not None and (between.symbol in _IN_CELL
                                    or between.has(_Kind.SEPARATOR)):
            at += 1
        second = self.at(at)
        if second is not None:
            order = self.orient(first, second)
            if order is not None:
                for axis, term in zip(order, (first, second), strict=True):
                    level = term.level(axis, _Kind.CODE) or term.level(axis, _Kind.LABEL)
                    if level is not None:
                        self.factor(axis, level, term)
                    else:
                        assert term.number is not None
                        self.grid(axis, term.number, term)
                return at + 1
        if self.factors or self.off_grid or first.number is None or first.readings:
            return None
        return self.glued(index)

    def orient(self, first: _Term, second: _Term) -> tuple[str, str] | None:
        """Which axis each of two terms is on; the notation's order when either will do."""

        def on(term: _Term, axis: str) -> bool:
            return self.level_on(term, axis) is not None or self.off_grid_on(term, axis)

        declared = tuple(self.scheme.notation.order.split("-"))
        options = [order for order in (declared, declared[::-1])
                   if on(first, order[0]) and on(second, order[1])]
        if not options:
            return None
        return options[0]  # type: ignore[return-value]

    def glued(self, index: int) -> int | None:
        """A number that is two codes printed together (``45``), where the notation allows."""
        term = self.terms[index]
        notation = self.scheme.notation
        lk = {c.casefold() for c in self.scheme.likelihood.codes}
        im = {c.casefold() for c in self.scheme.impact.codes}
        if normalise(notation.separator) and lk & im:
            return None
        declared = tuple(notation.order.split("-"))
        found = set()
        for cut in range(1, len(term.text)):
            head, tail = term.text[:cut], term.text[cut:]
            for first, second in (declared, declared[::-1]):
                a = getattr(self.scheme, first)
                b = getattr(self.scheme, second)
                if head in a and tail in b:
                    found.add(((first, a.level(head)), (second, b.level(tail))))
                    break
        if len(found) != 1:
            return None
        for axis, level in found.pop():
            self.factor(axis, level, term)
        return index + 1

    def alone(self, index: int) -> int | None:
        """A band word (``Amber``, ``Medium-High``) or a rating (``15``) on its own.

        A number after ``=`` is the rating, as a cell's value is printed (``4x5 = 20``),
        even where a band is labelled with that number.
        """
        term = self.terms[index]
        rated = term.number is not None and index > 0 and self.terms[index - 1].symbol == "="
        if term.has(_Kind.BAND) and not rated:
            self.banded(term)
            return index + 1
        if term.number is not None:
            self.stated(term.number, term)
            return index + 1
        return None

    # -- the whole text --------------------------------------------------------------------

    def read(self) -> None:
        depth = 0
        index = 0
        forms = (self.axis_first, self.dimension_first, self.word_first, self.axis_after,
                 self.code_label, self.cell, self.label_again, self.alone)
        while index < len(self.terms):
            term = self.terms[index]
            if term.symbol in ("(", "["):
                depth += 1
                index += 1
                continue
            if term.symbol in (")", "]"):
                if not depth:
                    raise self.fail(f"{term.symbol!r} closes nothing")
                depth -= 1
                index += 1
                continue
            if term.symbol in _BETWEEN or term.has(_Kind.JOINING):
                index += 1
                continue
            for form in forms:
                after = form(index)
                if after is not None:
                    index = after
                    break
            else:
                raise self.fail(self.unread(index))
        if depth:
            raise self.fail("a bracket is not closed")
        if self.nothing:
            raise self.fail("it holds no score, rating or band")

    def unread(self, index: int) -> str:
        """Why the term at *index* cannot be read where it stands."""
        term, after = self.terms[index], self.at(index + 1)
        levels = [(r.axis, r.level) for r in term.readings
                  if r.kind in (_Kind.CODE, _Kind.LABEL) and r.level is not None]
        if levels:
            first, level = levels[0]
            named = " or ".join(dict.fromkeys(self.name(a, lv) for a, lv in levels))
            example = format_score(max(self.scheme.cells())).split(" = ")[0]
            return (f"{term.printed!r} is {named} alone; give its axis ({first} "
                    f"{level.code}) or both factors (as in {example!r})")
        axis = term.axis() or ("impact" if term.has(_Kind.DIMENSION) else None)
        if axis is not None:
            scale: Scale = getattr(self.scheme, axis)
            what = f"{'an' if scale.name[:1] in 'aeiou' else 'a'} {scale.name} level"
            if after is None:
                return f"{term.printed!r} is not followed by {what}"
            return (f"{term.printed!r} is followed by {after.printed!r}, which is not "
                    f"{what} of {self.scheme.id} ({', '.join(scale.codes)})")
        if term.has(_Kind.RATING_WORD) or term.has(_Kind.BAND_WORD):
            wanted = "a rating" if term.has(_Kind.RATING_WORD) else "a band"
            return f"{term.printed!r} is not followed by {wanted}"
        return f"{term.printed!r} cannot stand there"

    def label_again(self, index: int) -> int | None:
        """A label after its level is known: ``4x2 - Major`` (restating impact 4)."""
        term = self.terms[index]
        if term.has(_Kind.BAND) or term.has(_Kind.CODE):
            return None
        for axis in _AXES:
            named = term.level(axis, _Kind.LABEL)
            found = self.factors.get(axis)
            if named is None or found is None:
                continue
            if named is not found[0]:
                raise self.fail(f"{found[1].printed!r} is {self.name(axis, found[0])} but the "
                                f"label {term.printed!r} is {self.name(axis, named)}")
            return index + 1
        return None

    def assessment(self, text: str) -> Assessment:
        scheme = self.scheme
        likelihood = self.factors.get("likelihood", (None, None))[0]
        impact = self.factors.get("impact", (None, None))[0]
        by_dimension = {name: level for name, (level, _) in self.dimensions.items()}
        if impact is None and "impact" not in self.off_grid and any(
                level is not None for level in by_dimension.values()):
            impact = scheme.combined_impact(by_dimension)
        return Assessment(
            scheme=scheme, likelihood=likelihood, impact=impact,
            stated=None if self.rating is None else _whole(self.rating[0]),
            stated_band=None if self.band is None else self.band[0],
            dimensions=tuple(by_dimension.items()),
            off_grid=tuple((axis, _whole(value)) for axis, (value, _) in self.off_grid.items()),
            text=text,
        )


def _whole(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def parse_assessment(text: str, scheme: ScoringScheme) -> Assessment:
    """Read *text* as printed in a register into an assessment of *scheme*.

    Every part of the text must be read; a text that cannot be read fully is a
    :class:`~riskmodel.NotationError`, never a partial match. What is printed is kept as
    printed: a rating that disagrees with the factors, or a band that disagrees with the
    cell, is kept for :func:`~riskmodel.check` to report. See ``docs/schemes.md`` for
    every form.
    """
    return _read(text, scheme).assessment(text.strip())


def _read(text: str, scheme: ScoringScheme) -> _Reader:
    """The reader that has read all of *text*."""
    if not isinstance(text, str):
        raise NotationError(repr(text), scheme.id, "expected text")
    if len(text) > MAX_TEXT:
        raise NotationError(text[:40] + "…", scheme.id,
                            f"the text is longer than {MAX_TEXT} characters")
    terms = list(_terms(text, scheme))
    if not terms:
        raise NotationError(text, scheme.id, "the text is empty")
    reader = _Reader(text, scheme, terms)
    reader.read()
    return reader
