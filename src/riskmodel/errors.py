"""The errors riskmodel raises: one root, each subclass also the built-in it means."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "LevelError",
    "LoadError",
    "NotationError",
    "ReadError",
    "RiskModelError",
    "RiskNotFoundError",
    "SchemeError",
    "SchemeMismatchError",
    "UnknownMappingError",
    "UnknownSchemeError",
    "ValidationError",
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


class RiskModelError(Exception):
    """Root of every error riskmodel raises on purpose."""


class ValidationError(RiskModelError, ValueError):
    """A value breaks an invariant of the model (for example, two risks share an id).

    ``path`` says where inside the value, such as ``risks[3]``, when it is known.
    """

    def __init__(self, problem: str, path: str = "") -> None:
        self.problem = problem
        self.path = path
        super().__init__(f"{path}: {problem}" if path else problem)


class SchemeError(RiskModelError, ValueError):
    """A scoring scheme definition is not valid.

    ``where`` names the scheme (its id or file) and ``problem`` what is wrong.
    """

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


class UnknownSchemeError(RiskModelError, LookupError):
    """No scheme with this id is registered; ``candidates`` lists those that are."""

    def __init__(self, scheme_id: str, candidates: Sequence[str]) -> None:
        self.scheme_id = scheme_id
        self.candidates = tuple(candidates)
        super().__init__(
            f"no scheme {scheme_id!r}; known schemes: {_candidates(self.candidates) or 'none'}"
        )

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return str(self.args[0])


class UnknownMappingError(RiskModelError, LookupError):
    """No declared mapping has this id; ``candidates`` lists those that do."""

    def __init__(self, mapping_id: str, candidates: Sequence[str]) -> None:
        self.mapping_id = mapping_id
        self.candidates = tuple(candidates)
        super().__init__(
            f"no mapping {mapping_id!r}; known mappings: {_candidates(self.candidates) or 'none'}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


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


class NotationError(RiskModelError, ValueError):
    """A printed score cannot be read in a scheme's notation."""

    def __init__(self, text: str, scheme_id: str, reason: str) -> None:
        self.text = text
        self.scheme_id = scheme_id
        self.reason = reason
        super().__init__(f"cannot read {text!r} as a {scheme_id} score: {reason}")


class SchemeMismatchError(RiskModelError, TypeError):
    """Two scores of different schemes were compared; convert one first."""

    def __init__(self, left: str, right: str) -> None:
        self.left = left
        self.right = right
        super().__init__(
            f"cannot compare a {left} score with a {right} score; convert one of them first"
        )


class RiskNotFoundError(RiskModelError, LookupError):
    """No risk in the register has this id or ref; ``candidates`` are the closest."""

    def __init__(self, key: str, kind: str, candidates: Sequence[str]) -> None:
        self.key = key
        self.kind = kind
        self.candidates = tuple(candidates)
        hint = f"; did you mean {_candidates(self.candidates)}?" if self.candidates else ""
        super().__init__(f"no risk with {kind} {key!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


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
        where = [source or "<string>"] if source or line is not None else []
        if line is not None:
            where[0] += f":{line}" + (f":{column}" if column is not None else "")
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
        where = source
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {problem}")
