"""Score cells read as printed numbers, keeping only what the cells prove."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from attrs import frozen

from riskmodel.readers.cells import clean_cell

__all__ = ["Finding", "read_numbers"]

_INTEGER = re.compile(r"^\d{1,2}$")
#: A factor or rating printed with decimals (an average of votes: 4.2, 21.42).
_DECIMAL = re.compile(r"^\d{1,3}\.\d{1,4}$")


@frozen
class Finding:
    """Why one part of a score could not be read: the part, the column and what was seen."""

    part: str
    column: int | None
    found: str
    message: str


def read_numbers(
    cells: Sequence[tuple[int, str]], order: Sequence[str],
    words: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[dict[str, tuple[int, str]], list[Finding]]:
    """The parts of a score (``impact``, ``likelihood``, ``product``…) found in *cells*.

    Parts are taken in *order*. Every cell but the last holds the next part, or as many
    parts as it has numbers; an empty or unreadable cell loses its part. The last cell
    holds all remaining parts and must have exactly one number for each; otherwise
    they are all lost, since split or run-together digits ("1 20", "26") cannot be
    told apart. A token is a whole number of one or two digits, a number with decimals
    (kept as printed: an average of votes), or a word that *words* maps for its part
    (``{"likelihood": {"h": "3"}}``, words folded), which is read as the code it maps
    to. Returns the parts read, as ``part -> (column, token)``, and findings.

    >>> found, lost = read_numbers([(4, "3"), (5, "5 15")], ("impact", "likelihood", "product"))
    >>> found, lost
    ({'impact': (4, '3'), 'likelihood': (5, '5'), 'product': (5, '15')}, [])
    >>> found, lost = read_numbers([(7, "3"), (8, "26")], ("impact", "likelihood", "product"))
    >>> sorted(found), [(f.part, f.found) for f in lost]
    (['impact'], [('likelihood', '26'), ('product', '26')])
    """
    found: dict[str, tuple[int, str]] = {}
    lost: list[Finding] = []
    remaining = list(order)
    filled = [(column, clean_cell(text).split()) for column, text in cells]
    while filled and not filled[-1][1] and len(filled) > 1 and len(filled) > len(remaining):
        filled.pop()
    for position, (column, tokens) in enumerate(filled):
        if not remaining:
            if tokens:
                lost.append(Finding("", column, " ".join(tokens), "more numbers than parts"))
            continue
        last = position == len(filled) - 1
        if last:
            parts, remaining = remaining, []
        else:
            take = max(1, min(len(tokens), len(remaining) - (len(filled) - position - 1)))
            parts, remaining = remaining[:take], remaining[take:]
        text = " ".join(tokens)
        if not tokens:
            lost.extend(Finding(p, column, "", "the cell is empty") for p in parts)
            continue
        if len(tokens) != len(parts):
            lost.extend(
                Finding(p, column, text,
                        f"{len(tokens)} numbers where {len(parts)} were expected; "
                        "split or run-together digits cannot be told apart")
                for p in parts
            )
            continue
        for part, token in zip(parts, tokens, strict=True):
            mapped = (words or {}).get(part, {}).get(token.casefold())
            if mapped is not None:
                found[part] = (column, mapped)
            elif _INTEGER.match(token) or _DECIMAL.match(token):
                found[part] = (column, token)
            else:
                lost.append(Finding(part, column, token, "not a number"))
    for part in remaining:
        lost.append(Finding(part, None, "", "no cell holds it"))
    return found, lost
