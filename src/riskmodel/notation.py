"""Reading and writing scores as printed: ``2B``, ``B2``, ``4x5``, ``3 B``, ``I4 L5 = 20``."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from riskmodel.errors import NotationError

if TYPE_CHECKING:
    from riskmodel.scheme import ScoringScheme
    from riskmodel.score import Score

__all__ = ["check_notation", "format_score", "parse_score"]

_SEPARATORS = ("", " ", "x", "/", "-", ",")
_STATED = re.compile(r"^(?P<cell>.*?\S)\s*(?:=\s*|\(\s*)(?P<value>\d+(?:\.\d+)?)\s*\)?$")
_AROUND_PUNCTUATION = re.compile(r"\s*([/,\-])\s*")
_TIMES = re.compile(r"\s+x\s+|(?<=\d)\s*x\s*(?=\d)")


def _number(value: float) -> str:
    """A rating as printed: whole numbers in full, others to ten significant digits."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def _normalise(text: str) -> str:
    text = " ".join(text.split()).casefold().replace("×", "x").replace("*", "x")
    return _TIMES.sub("x", _AROUND_PUNCTUATION.sub(r"\1", text))


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
    """Why the scheme's notation cannot print every cell unambiguously, or ``None``."""
    first_tier = _forms(scheme)[0]
    for score in scheme.cells():
        found = first_tier.get(_normalise(format_score(score).split(" = ")[0]), [])
        if len(found) != 1:
            cells = ", ".join(f"({s.likelihood.code}, {s.impact.code})" for s in found)
            return f"the notation prints {format_score(score)!r} for several cells: {cells}"
    return None


def parse_score(text: str, scheme: ScoringScheme) -> Score:
    """Read *text* as a score of *scheme*; ``NotationError`` says why not."""
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
