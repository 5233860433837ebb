"""The errors riskmodel raises: one root, each subclass also the built-in it means.

Every error keeps the details it was built from as attributes (``path``, ``source``,
``line`` …) and builds its message from them. Every error can be pickled and copied, so
it survives a process pool or a logging queue with its attributes intact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "AppetiteLevelError",
    "BandError",
    "LayoutError",
    "LevelError",
    "LoadError",
    "MissingExtraError",
    "NotationError",
    "OutputError",
    "PatchError",
    "ReadError",
    "RiskModelError",
    "RiskNotFoundError",
    "SchemeError",
    "SchemeMismatchError",
    "UnknownExampleError",
    "UnknownMappingError",
    "UnknownSchemeError",
    "ValidationError",
    "ValueTypeError",
]


def _candidates(names: Iterable[str], limit: int = 12) -> str:
    names = list(names)
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += f", … ({len(names) - limit} more)"
    return shown


def _printed_order(code: str) -> tuple[bool, int, str]:
    """Numbers in numeric order, then other codes alphabetically."""
    return (not code.isdigit(), int(code) if code.isdigit() else 0, code)


def _restore(cls: type[RiskModelError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """Rebuild a pickled error without calling its ``__init__`` again."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class RiskModelError(Exception):
    """Root of every error riskmodel raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take other arguments than their message; rebuild from the state.
        return (_restore, (type(self), self.args, dict(self.__dict__)))

    def __str__(self) -> str:  # LookupError and KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class ValidationError(RiskModelError, ValueError):
    """A value breaks an invariant of the model (for example, two risks share an id).

    ``path`` says where inside the value, such as ``risks[3]``, when it is known.
    """

    def __init__(self, problem: str, path: str = "") -> None:
        self.problem = problem
        self.path = path
        super().__init__(f"{path}: {problem}" if path else problem)


class ValueTypeError(RiskModelError, TypeError):
    """A value of the wrong type was given to the model (text where a number belongs).

    ``expected`` names what was wanted and ``found`` the type that was given.
    """

    def __init__(self, expected: str, found: object, path: str = "") -> None:
        self.expected = expected
        self.found = describe_value(found)
        self.path = path
        self.problem = f"expected {expected}, not {self.found}"
        super().__init__(f"{path}: {self.problem}" if path else self.problem)


def describe_value(value: object, limit: int = 40) -> str:
    """A value named by what it is, in the words of JSON: ``null``, ``the number 5`` …"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return f"the number {text if len(text) <= limit else text[:limit - 1] + '…'}"
    if isinstance(value, str):
        text = repr(value)
        return f"the text {text if len(text) <= limit else text[:limit - 1] + '…'}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


class SchemeError(RiskModelError, ValueError):
    """A scoring scheme (or a mapping between schemes) is not valid.

    ``where`` names the scheme (its file, or its id), ``key`` the key at fault as a path
    such as ``$.bands[2]`` when it is known, and ``problem`` what is wrong.
    """

    def __init__(self, where: str, problem: str, *, key: str = "") -> None:
        self.where = where
        self.problem = problem
        self.key = key
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


class LayoutError(RiskModelError, ValueError):
    """A layout profile is not valid; ``where`` names the file, ``key`` the key at fault."""

    def __init__(self, where: str, problem: str, *, key: str = "") -> None:
        self.where = where
        self.problem = problem
        self.key = key
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


class UnknownSchemeError(RiskModelError, LookupError):
    """No scheme with this id is registered; ``candidates`` lists those that are."""

    def __init__(self, scheme_id: str, candidates: Sequence[str]) -> None:
        self.scheme_id = scheme_id
        self.candidates = tuple(candidates)
        super().__init__(
            f"no scheme {scheme_id!r}; known schemes: {_candidates(self.candidates) or 'none'}"
        )


class UnknownMappingError(RiskModelError, LookupError):
    """No declared mapping has this id; ``candidates`` lists those that do."""

    def __init__(self, mapping_id: str, candidates: Sequence[str]) -> None:
        self.mapping_id = mapping_id
        self.candidates = tuple(candidates)
        super().__init__(
            f"no mapping {mapping_id!r}; known mappings: {_candidates(self.candidates) or 'none'}"
        )


class UnknownExampleError(RiskModelError, LookupError):
    """No example register has this name; ``candidates`` lists those that do."""

    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        super().__init__(
            f"no example register {name!r}; examples: {_candidates(self.candidates) or 'none'}"
        )


class AppetiteLevelError(RiskModelError, LookupError):
    """A scheme sets no threshold for an Orange Book appetite level.

    ``scheme_id`` and ``level`` say which; ``levels`` are the levels the scheme does set.
    """

    def __init__(self, scheme_id: str, level: str, levels: Sequence[str]) -> None:
        self.scheme_id = scheme_id
        self.level = level
        self.levels = tuple(levels)
        known = ", ".join(self.levels) or "none"
        super().__init__(f"scheme {scheme_id} sets no threshold for appetite {level} "
                         f"(it sets: {known})")


class LevelError(RiskModelError, ValueError):
    """A code is not a level of a scale, e.g. ``6 is not a level of x-5x5 likelihood (1..5)``."""

    def __init__(self, code: object, scheme_id: str, axis: str, codes: Sequence[str]) -> None:
        self.code = code
        self.scheme_id = scheme_id
        self.axis = axis
        self.codes = tuple(codes)
        ordered = sorted(self.codes, key=_printed_order)
        shown = f"{ordered[0]}..{ordered[-1]}" if len(ordered) > 3 else ", ".join(ordered)
        super().__init__(f"{code!s} is not a level of {scheme_id} {axis} ({shown})")


class BandError(RiskModelError, LookupError):
    """A printed word names no band of a scheme, or names two of them alike."""

    def __init__(
        self, word: str, scheme_id: str, candidates: Sequence[str], *, ambiguous: bool = False
    ) -> None:
        self.word = word
        self.scheme_id = scheme_id
        self.candidates = tuple(candidates)
        self.ambiguous = ambiguous
        if ambiguous:
            message = (f"{word!r} names several bands of {scheme_id}: "
                       f"{_candidates(self.candidates)}")
        else:
            message = (f"{word!r} is not a band of {scheme_id}; its bands are "
                       f"{_candidates(self.candidates) or 'none'}")
        super().__init__(message)


class NotationError(RiskModelError, ValueError):
    """A printed score cannot be read in a scheme's notation."""

    def __init__(self, text: str, scheme_id: str, reason: str) -> None:
        self.text = text
        self.scheme_id = scheme_id
        self.reason = reason
        super().__init__(f"cannot read {text!r} as a {scheme_id} score: {reason}")


class SchemeMismatchError(RiskModelError, TypeError):
    """Two values on different schemes were combined; convert one first.

    ``hint`` says how, for example which command converts a register.
    """

    def __init__(self, left: str, right: str, what: str = "score", hint: str = "") -> None:
        self.left = left
        self.right = right
        self.what = what
        self.hint = hint
        how = hint or "convert one of them first"
        super().__init__(f"cannot compare a {left} {what} with a {right} {what}; {how}")


class PatchError(RiskModelError, ValueError):
    """A diff does not apply: the register is not the version the diff was made from.

    ``where`` names the part that differs (``register title``, ``risk R7``) and
    ``problem`` says how.
    """

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"cannot apply the diff: {where}: {problem}")


class RiskNotFoundError(RiskModelError, LookupError):
    """No risk in the register has this id or ref; ``candidates`` are the closest."""

    def __init__(self, key: str, kind: str, candidates: Sequence[str]) -> None:
        self.key = key
        self.kind = kind
        self.candidates = tuple(candidates)
        hint = f"; did you mean {_candidates(self.candidates)}?" if self.candidates else ""
        super().__init__(f"no risk with {kind} {key!r}{hint}")


def _where(source: str | None, line: int | None, column: int | None) -> str:
    where = source or "<string>"
    if line is not None:
        where += f":{line}" + (f":{column}" if column is not None else "")
    return where


class LoadError(RiskModelError, ValueError):
    """A document could not be loaded.

    ``path`` is a JSON path such as ``$.risks[3].current.likelihood`` (empty when the
    text is not JSON at all, and ``line``/``column`` say where it broke); ``source`` is
    the file it came from, when there is one.
    """

    def __init__(
        self,
        path: str,
        problem: str,
        source: str | None = None,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = path
        self.problem = problem
        self.source = source
        self.line = line
        self.column = column
        where = [_where(source, line, column)] if source or line is not None else []
        if path:
            where.append(path)
        super().__init__(": ".join([*where, problem]))


class ReadError(RiskModelError, ValueError):
    """A source table could not be read; says ``file:line:column`` and what was expected."""

    def __init__(self, source: str, line: int | None, column: int | None, problem: str) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.problem = problem
        super().__init__(f"{_where(source, line, column)}: {problem}")


class OutputError(RiskModelError, OSError):
    """A file could not be written, or writing it would destroy something.

    ``path`` is the file and ``problem`` what went wrong; nothing was left half-written.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __str__(self) -> str:  # OSError formats its own arguments otherwise
        return f"{self.path}: {self.problem}"


class MissingExtraError(RiskModelError, ImportError):
    """An optional dependency is needed; says which extra installs it."""

    def __init__(self, package: str, extra: str, purpose: str = "reading this file") -> None:
        self.package = package
        self.extra = extra
        self.purpose = purpose
        super().__init__(f"{purpose} needs {package}: pip install 'riskmodel[{extra}]'")
