"""Matching the risks of two versions of a register: by id, then by ref, then by content.

Ids made from printed refs are not stable across versions, so a pair that shares only an
id or a ref is checked against the risks' content, and the remaining risks are paired by
content. Content is compared by the words of the title, description, consequence,
controls and section (:func:`similarity`). Candidates for a content match are found
through an index of each risk's rarer words, never by comparing every pair.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import repeat

from attrs import field, frozen

from riskmodel._validate import Choice
from riskmodel.risk import Risk

__all__ = [
    "DEFAULT_THRESHOLD",
    "FIELD_WEIGHTS",
    "MatchNote",
    "MatchReason",
    "NoteKind",
    "Pairing",
    "Side",
    "match_risks",
    "similarity",
]

#: The similarity at or above which two risks with nothing else in common are the same
#: risk. Lower finds more reworded risks and risks more false matches; see docs/diff.md.
DEFAULT_THRESHOLD = 0.4

#: How much each part of a risk counts towards its similarity with another.
FIELD_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("title", 2), ("description", 3), ("consequence", 2), ("controls", 2), ("section", 1),
)
#: The weights alone, in the same order.
_WEIGHTS = tuple(weight for _, weight in FIELD_WEIGHTS)

#: Words too common in registers to tell one risk from another.
_STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could",
    "do", "does", "for", "from", "has", "have", "if", "in", "into", "is", "it", "its",
    "may", "might", "more", "must", "no", "not", "of", "on", "or", "other", "our", "over",
    "should", "so", "such", "than", "that", "the", "their", "them", "there", "these",
    "they", "this", "those", "through", "to", "under", "up", "upon", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "will", "with", "within", "would",
    "risk", "risks", "also", "all", "any"
))
#: Every character that is not part of a word, as a space (``str.translate`` is fast).
_SPACES = {code: " " for code in range(0x3000)
           if unicodedata.category(chr(code))[0] in "PSZC" or chr(code) == "_"}
#: The same for ASCII text, folded too, as a byte table (``bytes.translate`` is faster).
_ASCII = bytes(32 if code in _SPACES else ord(chr(code).casefold()) for code in range(128)) \
    + bytes(range(128, 256))


def _spaced(text: str) -> str:
    """*text* folded, with every character that is not part of a word as a space."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII).decode("ascii")
    return text.casefold().translate(_SPACES)


#: At most this many candidates are compared in full with each unmatched risk.
_CANDIDATES = 5
#: Of each risk, only its rarest words are looked up in the index …
_PROBES = 16
#: … and no more once this many index entries were visited (common words cost most).
_VISITS = 64


class MatchReason(Choice):
    """Why two risks were matched: the same ``id``, the same printed ``ref``, or ``content``."""

    ID = "id"
    REF = "ref"
    CONTENT = "content"


class NoteKind(Choice):
    """What a matching note reports.

    * ``WEAK``: matched by id although their content is less alike than the threshold.
    * ``REUSED``: two risks share an id (or a ref), but one of them is far more like
      another risk, so the id was taken to be reused and the pair was not made.
    * ``TIE``: a risk was as like another candidate as the one it was matched to; the
      first in register order was taken.
    """

    WEAK = "weak"
    REUSED = "reused"
    TIE = "tie"


class Side(Choice):
    """Which version a risk belongs to."""

    OLD = "old"
    NEW = "new"


def _side(value: Side | str | None) -> Side | None:
    return None if value is None else Side(value)


@frozen(kw_only=True)
class MatchNote:
    """A matching decision worth a reader's check: a weak match, a reused id or a tie.

    ``old_id`` and ``new_id`` are the pair the note is about (a pair made, or for
    ``reused`` the pair set aside); ``other_id`` is the risk on ``other_side`` that
    decided it (the better match, or the tied candidate).
    """

    kind: NoteKind = field(converter=NoteKind)
    old_id: str
    new_id: str
    similarity: float
    other_id: str | None = None
    other_side: Side | None = field(default=None, converter=_side)

    @property
    def message(self) -> str:
        """The note in words."""
        alike = f"{self.similarity:.0%} alike"
        other = f"{self.other_side} {self.other_id}"
        if self.kind is NoteKind.WEAK:
            return (f"old {self.old_id} and new {self.new_id} share an id but are only "
                    f"{alike}; check that they are the same risk")
        if self.kind is NoteKind.REUSED:
            return (f"old {self.old_id} and new {self.new_id} share an id or ref but are only "
                    f"{alike}, and {other} is more alike: the id was taken as reused")
        return (f"old {self.old_id} and new {self.new_id} are {alike}, as is {other}; "
                "the first in register order was taken")

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@frozen
class Pairing:
    """The result of matching: each pair as ``(old index, new index, reason, similarity)``.

    ``notes`` reports weak matches, reused ids and ties. Indexes are positions in the
    sequences given to :func:`match_risks`.
    """

    pairs: tuple[tuple[int, int, MatchReason, float], ...]
    notes: tuple[MatchNote, ...]


# -- content --------------------------------------------------------------------------------


def _word(token: str) -> str:
    """The word *token* (folded, split at spaces) counts as in :func:`_words`, or ``""``."""
    if token in _STOPWORDS:
        return ""
    if token[-1] == "s" or len(token) < 3:
        if len(token) > 2 or (len(token) == 2 and token.isdigit()):
            return token[:-1] if len(token) > 4 and token[-2] != "s" else token
        return ""
    return token


def _words(text: str, word: Callable[[str], str] = _word) -> frozenset[str]:
    """The distinctive words of *text*: folded, without stop words, plural ``s`` dropped.

    Words of one or two letters and single digits are dropped too; ``14`` is kept.
    *word* gives each token's word (:func:`_word`, or a cache of it).

    >>> sorted(_words("Failure of the Council's IT systems in 2013/14, 2 of 3"))
    ['14', '2013', 'council', 'failure', 'system']
    """
    return frozenset(filter(None, map(word, _spaced(text).split())))


def _has_words(text: str) -> bool:
    """Whether :func:`_words` finds any word in *text*, found at the first one that counts.

    A word counts when it is no stop word and has three letters or more, or is a number
    of two digits (a plural loses its ``s`` only from five letters up, so never empties).
    """
    for word in _spaced(text).split():
        if word not in _STOPWORDS and (len(word) > 2 or (len(word) == 2 and word.isdigit())):
            return True
    return False


def _parts(risk: Risk) -> tuple[str, ...]:
    """The texts compared, in the order of :data:`FIELD_WEIGHTS`."""
    return (risk.title, risk.description, risk.consequence,
            "\n".join(c.text for c in risk.controls), risk.section or "")


class _Tokens(dict[str, str]):
    """The word of each token met so far (:func:`_word`), each token worked out once."""

    def __missing__(self, token: str) -> str:
        found = self[token] = _word(token)
        return found


class _Vocabulary(dict[str, frozenset[str]]):
    """The words of each text met so far, each text read once (sections, unchanged text).

    A text's words are :func:`_words`, found token by token through :class:`_Tokens`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.word_of = _Tokens().__getitem__

    def __missing__(self, text: str) -> frozenset[str]:
        found = self[text] = _words(text, self.word_of)
        return found


def _score(a: tuple[str, ...], b: tuple[str, ...], words: _Vocabulary) -> float:
    """The similarity of two risks' texts (:func:`_parts`); a text the same on both sides
    is not read at all.

    Each part's likeness is the mean of the Dice and overlap coefficients of its two word
    sets (0 where one side has none). Dice counts words on both sides; overlap counts
    them against the shorter side, so a text that only gained words in the new version
    still counts as alike. The parts are weighed by :data:`FIELD_WEIGHTS`.
    """
    if a == b:
        return 1.0
    total = weight_sum = 0.0
    for weight, x, y in zip(_WEIGHTS, a, b, strict=True):
        if x == y:
            if x and (words[x] if x in words else _has_words(x)):
                total += weight
                weight_sum += weight
            continue
        wx, wy = words[x], words[y]
        if wx and wy:
            shared = len(wx & wy)
            total += weight * ((2 * shared / (len(wx) + len(wy))
                                + shared / min(len(wx), len(wy))) / 2)
            weight_sum += weight
        elif wx or wy:
            weight_sum += weight  # alike 0.0
    return round(total / weight_sum, 4) if weight_sum else 0.0


def _bound(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...], shared: int) -> float:
    """An upper bound of the similarity of two risks' words sharing *shared* words in all.

    A part's likeness is at most its overlap, and no part shares more than *shared*.
    """
    total = weight_sum = 0.0
    for weight, x, y in zip(_WEIGHTS, a, b, strict=True):
        if x or y:
            least = min(len(x), len(y))
            total += weight * (min(1.0, shared / least) if least else 0.0)
            weight_sum += weight
    return total / weight_sum if weight_sum else 0.0


def similarity(a: Risk, b: Risk) -> float:
    """How alike two risks' content is, from 0 (no word in common) to 1 (the same words).

    Each part (title, description, consequence, controls, section) is compared by its
    distinctive words: the mean of their Dice coefficient and their overlap coefficient,
    so a text that grew keeps its likeness. The parts are weighted by
    :data:`FIELD_WEIGHTS`, and a part empty in both risks is left out. Two risks with no
    content at all are as alike as two with the same words: 1.

    >>> import riskmodel
    >>> a = riskmodel.Risk(id="1", description="Pressures on the divisional budget")
    >>> b = riskmodel.Risk(id="2", description="Budget pressures in the division")
    >>> similarity(a, a), similarity(a, b)
    (1.0, 0.6667)
    """
    return _score(_parts(a), _parts(b), _Vocabulary())


# -- matching -------------------------------------------------------------------------------


class _Matcher:
    """One run of the matching, with the words of each risk worked out when first needed."""

    def __init__(self, old: Sequence[Risk], new: Sequence[Risk], threshold: float) -> None:
        self.old = old
        self.new = new
        self.threshold = threshold
        #: A match this alike is beyond doubt: halfway from the threshold to identical.
        self.sure = (1 + threshold) / 2
        self.vocabulary = _Vocabulary()
        #: The texts of each risk looked at so far, by its index, one dict for each side.
        self.parts: dict[Side, dict[int, tuple[str, ...]]] = {Side.OLD: {}, Side.NEW: {}}
        self.pairs: dict[int, tuple[int, MatchReason, float]] = {}  # new index → old
        self.taken_old: set[int] = set()
        self.notes: list[MatchNote] = []

    def texts_of(self, side: Side, index: int) -> tuple[str, ...]:
        texts = self.parts[side]
        found = texts.get(index)
        if found is None:
            found = texts[index] = _parts(self.old[index] if side is Side.OLD
                                          else self.new[index])
        return found

    def words(self, side: Side, index: int) -> tuple[frozenset[str], ...]:
        return tuple(map(self.vocabulary.__getitem__, self.texts_of(side, index)))

    def alike(self, old: int, new: int) -> float:
        return _score(self.texts_of(Side.OLD, old), self.texts_of(Side.NEW, new),
                      self.vocabulary)

    def take(self, old: int, new: int, reason: MatchReason, score: float) -> None:
        self.pairs[new] = (old, reason, score)
        self.taken_old.add(old)

    def run(self) -> Pairing:
        suspects = self.by_id()
        free_old = [i for i in range(len(self.old)) if i not in self.taken_old]
        free_new = [j for j in range(len(self.new)) if j not in self.pairs]
        candidates = self.candidates(free_old, free_new)
        kept = self.resolve(suspects, candidates)
        self.by_ref(candidates, {(old, new) for old, new, _ in kept})
        self.by_content(candidates)
        for old, new, score in kept:  # set aside for a better match that was not made
            if old not in self.taken_old and new not in self.pairs:
                self.take(old, new, MatchReason.ID, score)
                if score < self.threshold:
                    self.notes.append(MatchNote(kind=NoteKind.WEAK, old_id=self.old[old].id,
                                                new_id=self.new[new].id, similarity=score))
        pairs = tuple((old, new, reason, score)
                      for new, (old, reason, score) in sorted(self.pairs.items()))
        return Pairing(pairs, tuple(self.notes))

    def by_id(self) -> list[tuple[int, int, float]]:
        """Pairs with the same id: kept when surely alike, else suspects to look at again."""
        index = {risk.id: i for i, risk in enumerate(self.old)}
        suspects = []
        for new, risk in enumerate(self.new):
            old = index.get(risk.id)
            if old is None:
                continue
            a, b = self.old[old], risk
            if (a.description == b.description and a.title == b.title
                    and a.consequence == b.consequence and a.section == b.section
                    and a.controls == b.controls):
                score = 1.0  # the same words (read without building the texts)
            else:
                score = self.alike(old, new)
            if score >= self.sure:
                self.take(old, new, MatchReason.ID, score)
            else:
                suspects.append((old, new, score))
        return suspects

    def candidates(self, free_old: list[int], free_new: list[int]) -> list[tuple[float, int, int]]:
        """Content candidates as ``(similarity, new, old)`` at or above the threshold.

        Each free old risk is indexed under its words; each free new risk looks up its
        rarest words (at most 16, and no more once 64 index entries were visited) and is
        compared in full only with the few old risks that share the most of them, rarer
        words counting for more.
        """
        if not free_old or not free_new:
            return []
        words, vocabulary, threshold = self.vocabulary.__getitem__, self.vocabulary, self.threshold
        texts_old = {old: self.texts_of(Side.OLD, old) for old in free_old}
        parts_old = {old: tuple(map(words, texts)) for old, texts in texts_old.items()}
        every_old = {old: frozenset().union(*parts) for old, parts in parts_old.items()}
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for old, every in every_old.items():
            for word in every:
                postings[word].append(old)
        size = len(free_old)
        # Each word's rank by rarity, then spelling: a fixed order (a set's own order varies
        # between runs), and whole numbers sort quickly.
        order = sorted(postings, key=lambda word: (len(postings[word]), word))
        rank = {word: index for index, word in enumerate(order)}
        unknown = len(order)
        # By rank: the old risks that have the word, and what sharing it weighs.
        having = [postings[word] for word in order]
        weights = [math.log(1 + size / len(found_in)) for found_in in having]
        found = []
        for new in free_new:
            texts = self.texts_of(Side.NEW, new)
            parts = tuple(map(words, texts))
            every = frozenset().union(*parts)
            # The ranks of its words, rarest first; a word no old risk has ranks last.
            ranks = sorted(map(rank.get, every, repeat(unknown)))
            shared: dict[int, float] = {}
            visited = 0
            for index in ranks[:_PROBES]:
                if index == unknown:
                    break
                found_in = having[index]
                share = weights[index]
                for old in found_in:
                    shared[old] = shared.get(old, 0.0) + share
                visited += len(found_in)
                if visited >= _VISITS:
                    break
            ranked = sorted(shared)  # by old index, then (stable) by weight
            ranked.sort(key=shared.__getitem__, reverse=True)
            same = False  # once one old risk has the very same texts, only another can tie
            for old in ranked[:_CANDIDATES]:
                if texts_old[old] == texts:
                    same = True
                    found.append((1.0, new, old))
                elif same or _bound(parts_old[old], parts,
                                    len(every & every_old[old])) < threshold:
                    continue  # too few words in common to reach the threshold
                elif (score := _score(texts_old[old], texts, vocabulary)) >= threshold:
                    found.append((score, new, old))
        found.sort(key=lambda c: (-c[0], c[1], c[2]))
        return found

    def resolve(
        self, suspects: list[tuple[int, int, float]], candidates: list[tuple[float, int, int]]
    ) -> list[tuple[int, int, float]]:
        """Set aside each id pair that content shows to be a reused id; keep the rest.

        An id is reused when one of its two risks is surely alike another risk, and more
        alike it than the two are.
        """
        best_new: dict[int, tuple[float, int]] = {}
        best_old: dict[int, tuple[float, int]] = {}
        for score, new, old in candidates:  # best first
            best_new.setdefault(new, (score, old))
            best_old.setdefault(old, (score, new))
        kept = []
        for old, new, score in suspects:
            better = None
            by_new = best_new.get(new)
            by_old = best_old.get(old)
            if (by_new is not None and by_new[1] != old and by_new[0] > score
                    and by_new[0] >= self.sure):
                better = (by_new[1], Side.OLD, self.old[by_new[1]].id)
            elif (by_old is not None and by_old[1] != new and by_old[0] > score
                    and by_old[0] >= self.sure):
                better = (by_old[1], Side.NEW, self.new[by_old[1]].id)
            if better is None:
                self.take(old, new, MatchReason.ID, score)
                if score < self.threshold:
                    self.notes.append(MatchNote(kind=NoteKind.WEAK, old_id=self.old[old].id,
                                                new_id=self.new[new].id, similarity=score))
            else:
                kept.append((old, new, score))
                self.notes.append(MatchNote(
                    kind=NoteKind.REUSED, old_id=self.old[old].id, new_id=self.new[new].id,
                    similarity=score, other_id=better[2], other_side=better[1]))
        return kept

    def by_ref(self, candidates: list[tuple[float, int, int]],
               set_aside: set[tuple[int, int]]) -> None:
        """Content candidates printed with the same ref (no other unmatched risk on either
        side has it), when neither of the two is more alike another risk."""
        old_refs = Counter(r.ref for i, r in enumerate(self.old) if i not in self.taken_old)
        new_refs = Counter(r.ref for j, r in enumerate(self.new) if j not in self.pairs)
        best_new: dict[int, float] = {}
        best_old: dict[int, float] = {}
        for score, new, old in candidates:  # best first
            best_new.setdefault(new, score)
            best_old.setdefault(old, score)
        same = []
        for score, new, old in candidates:
            ref = self.new[new].ref
            if (ref is not None and ref == self.old[old].ref and (old, new) not in set_aside
                    and old_refs[ref] == new_refs[ref] == 1
                    and score >= best_new[new] and score >= best_old[old]):
                same.append((score, new, old))
        self.greedy(same, MatchReason.REF)

    def by_content(self, candidates: list[tuple[float, int, int]]) -> None:
        self.greedy(candidates, MatchReason.CONTENT)

    def greedy(self, candidates: list[tuple[float, int, int]], reason: MatchReason) -> None:
        """Best pairs first; among equals, the earlier new risk, then the earlier old risk."""
        of_new: dict[int, list[tuple[float, int]]] = {}
        of_old: dict[int, list[tuple[float, int]]] = {}
        for score, new, old in candidates:  # best first, so each list is too
            of_new.setdefault(new, []).append((score, old))
            of_old.setdefault(old, []).append((score, new))
        for score, new, old in candidates:
            if new in self.pairs or old in self.taken_old:
                continue
            self.take(old, new, reason, score)
            tie = next(((Side.OLD, self.old[o].id) for s, o in of_new[new]
                        if s == score and o not in self.taken_old), None) or next(
                ((Side.NEW, self.new[n].id) for s, n in of_old[old]
                 if s == score and n not in self.pairs), None)
            if tie is not None:
                self.notes.append(MatchNote(
                    kind=NoteKind.TIE, old_id=self.old[old].id, new_id=self.new[new].id,
                    similarity=score, other_id=tie[1], other_side=tie[0]))


def match_risks(
    old: Sequence[Risk], new: Sequence[Risk], *, threshold: float = DEFAULT_THRESHOLD
) -> Pairing:
    """Pair the risks of two versions; every decision is deterministic.

    1. **id**: risks with the same id are paired. When their similarity is below the
       *sure* level, halfway between *threshold* and 1, and one of the two is more alike
       another unmatched risk at or above that level, the id was reused for another risk
       (noted): the pair is set aside and both go on to the next steps. A pair kept with
       a similarity below *threshold* is a weak match (noted).
    2. **ref**: of the rest, a pair printed with the same ref (a ref no other unmatched
       risk on either side has) whose similarity is at least *threshold*, when neither
       of the two is more alike another risk.
    3. **content**: of the rest, pairs whose similarity is at least *threshold*, the most
       alike first; a tie goes to the earlier risk in register order (noted).

    A pair set aside in step 1 whose two risks are both still unmatched is made after
    all, as a weak id match.
    """
    return _Matcher(old, new, threshold).run()
