"""Layout patterns: regular expressions from layout files, checked and run on bounded text.

A layout's patterns (``section``, ``ref_in_text``, ``meta``, ``page_heading``,
``register_title``, ``amendments``, ``deletions``, ``nothing``, the heat map's
``ref_separator``) come from a file that may not be trusted. Python's regular expressions
backtrack, so a pattern can take time that grows steeply with the text it runs on. Two
rules keep that time bounded:

- a pattern is tried only on a cell of at most :data:`PATTERN_TEXT_LIMIT` characters
  (``ref_in_text``, which reads the start of a description, on its first
  :data:`PATTERN_TEXT_LIMIT` characters), so its time does not grow with the table;
- a pattern that repeats a part that itself repeats, such as ``(a+)+`` or
  ``(\\w+\\s?)*``, is refused when the layout is loaded, since such a pattern can take
  exponential time on a few dozen characters; a part repeated at most four times,
  such as ``(?:\\d+\\.){0,4}``, is allowed.

Patterns are tried with :data:`re.IGNORECASE`.

>>> pattern = LayoutPattern.compile(r"^(?P<title>.*)$", groups=("title",))
>>> pattern.match("Budget")["title"]
'Budget'
>>> pattern.match("x" * (PATTERN_TEXT_LIMIT + 1)) is None
True
>>> LayoutPattern.compile(r"^(\\w+\\s?)*:$")
Traceback (most recent call last):
...
riskmodel.errors.ValidationError: the pattern repeats a part that itself repeats, ...
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Collection, Iterable
from typing import Any

from attrs import frozen

from riskmodel.errors import ValidationError, ValueTypeError

__all__ = ["MAX_PATTERN_LENGTH", "PATTERN_TEXT_LIMIT", "LayoutPattern", "nested_repeat"]

#: The longest text a layout pattern is tried on, in characters. Section rows, headings
#: and titles are far shorter (the longest in the seed documents is about 100).
PATTERN_TEXT_LIMIT = 300
#: The longest pattern a layout may hold, in characters.
MAX_PATTERN_LENGTH = 1000
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def _name(op: object) -> str:
    return str(getattr(op, "name", op))


#: A repeat with no upper bound may hold a bounded repeat no wider than this many times.
_MAX_OUTER = 4


def _nested(items: Iterable[tuple[Any, Any]], outer: int | None, unbounded: int) -> bool:
    """Whether a repeat inside *items* repeats under an enclosing repeat of at most *outer*.

    Refused: a repeat inside a repeat with no upper bound (``(a+)+``, ``(a{1,9})*``), and
    a repeat with no upper bound repeated more than four times (``(a+){5}``). A repeat of
    at most one (``(…)?``) is not a repeat here.
    """
    for op, av in items:
        name = _name(op)
        if name in _REPEATS:
            _, high, body = av
            if high > 1 and outer is not None and (
                outer == unbounded or (high == unbounded and outer > _MAX_OUTER)
            ):
                return True
            inner = outer
            if high > 1:
                inner = unbounded if unbounded in (high, outer) else max(high, outer or 0)
            if _nested(body, inner, unbounded):
                return True
        elif name == "SUBPATTERN":
            if _nested(av[3], outer, unbounded):
                return True
        elif name == "BRANCH":
            if any(_nested(branch, outer, unbounded) for branch in av[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _nested(av[1], outer, unbounded):
                return True
        elif name == "ATOMIC_GROUP":
            if _nested(av, outer, unbounded):
                return True
        elif name == "GROUPREF_EXISTS" and any(
            _nested(part, outer, unbounded) for part in av[1:] if part is not None
        ):
            return True
    return False


def nested_repeat(pattern: str) -> bool:
    """Whether *pattern* repeats a part that itself repeats with no upper bound.

    >>> nested_repeat(r"(a+)+"), nested_repeat(r"(?:\\w+\\s?)*x"), nested_repeat(r"\\d+\\.\\s+")
    (True, True, False)
    """
    parser = importlib.import_module("re._parser")
    constants = importlib.import_module("re._constants")
    tree = parser.parse(pattern, re.IGNORECASE)
    return _nested(tree, None, constants.MAXREPEAT)


def _compile(text: object, groups: Collection[str]) -> re.Pattern[str]:
    if not isinstance(text, str):
        raise ValueTypeError("a pattern (text)", text)
    if len(text) > MAX_PATTERN_LENGTH:
        raise ValidationError(
            f"the pattern is {len(text)} characters long; at most {MAX_PATTERN_LENGTH} are allowed"
        )
    try:
        regex = re.compile(text, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        raise ValidationError(f"not a valid pattern: {exc}") from None
    if nested_repeat(text):
        raise ValidationError(
            "the pattern repeats a part that itself repeats, such as (a+)+ or (\\w+\\s?)*, "
            "which can take exponential time; repeat the outer part a bounded number of "
            "times instead, such as (?:\\d+\\.){0,4}"
        )
    missing = [name for name in groups if name not in regex.groupindex]
    if missing:
        names = ", ".join(f"(?P<{name}>...)" for name in missing)
        raise ValidationError(f"the pattern must name the part it reads with {names}")
    return regex


@frozen
class LayoutPattern:
    """A layout's regular expression (case-insensitive), tried only on bounded text."""

    regex: re.Pattern[str]

    @classmethod
    def compile(cls, text: str, *, groups: Collection[str] = ()) -> LayoutPattern:
        """The pattern of *text*; it must name each of *groups* (``(?P<value>...)``).

        A :class:`~riskmodel.ValidationError` says why a pattern is refused.
        """
        return cls(_compile(text, groups))

    @property
    def pattern(self) -> str:
        """The pattern as written."""
        return self.regex.pattern

    def match(self, text: str) -> re.Match[str] | None:
        """A match at the start of *text*; a text over the limit never matches."""
        return None if len(text) > PATTERN_TEXT_LIMIT else self.regex.match(text)

    def search(self, text: str) -> re.Match[str] | None:
        """A match anywhere in *text*; a text over the limit never matches."""
        return None if len(text) > PATTERN_TEXT_LIMIT else self.regex.search(text)

    def match_start(self, text: str) -> re.Match[str] | None:
        """A match within the first :data:`PATTERN_TEXT_LIMIT` characters of *text*."""
        return self.regex.match(text[:PATTERN_TEXT_LIMIT])

    def split(self, text: str) -> list[str] | None:
        """*text* split where the pattern matches; ``None`` for a text over the limit."""
        return None if len(text) > PATTERN_TEXT_LIMIT else self.regex.split(text)
