"""The scheme registry: the built-in schemes, and schemes loaded from users' TOML files."""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterable, Iterator

from riskmodel._toml import builtin_texts, parse_toml, read_text
from riskmodel.errors import SchemeError, UnknownSchemeError
from riskmodel.scheme import ScoringScheme

__all__ = ["SchemeRegistry", "builtin_schemes", "load_scheme", "scheme_from_toml"]


def scheme_from_toml(text: str, *, source: str = "<string>") -> ScoringScheme:
    """A scheme from the text of a scheme TOML file (see ``docs/schemes.md``)."""
    from riskmodel.serialize import scheme_from_dict

    return scheme_from_dict(parse_toml(text, source, SchemeError), source=source)


def load_scheme(path: str | os.PathLike[str]) -> ScoringScheme:
    """A scheme from a TOML file; ``SchemeError`` says where the file is wrong."""
    return scheme_from_toml(read_text(path, SchemeError), source=os.fspath(path))


@functools.cache
def _builtins() -> tuple[ScoringScheme, ...]:
    return tuple(scheme_from_toml(text, source=name) for name, text in builtin_texts("schemes"))


class SchemeRegistry:
    """Schemes by id.

    >>> registry = builtin_schemes()
    >>> registry  # doctest: +ELLIPSIS
    <SchemeRegistry of 5 schemes: cambridgeshire-5x5, generic-4x4, generic-5x5, ...>
    >>> "generic-5x5" in registry
    True
    >>> registry.get("generic-5x4")
    Traceback (most recent call last):
    ...
    riskmodel.errors.UnknownSchemeError: no scheme 'generic-5x4'; known schemes: generic-5x5, ...
    """

    __slots__ = ("_schemes",)

    def __init__(self, schemes: Iterable[ScoringScheme] = ()) -> None:
        self._schemes: dict[str, ScoringScheme] = {}
        for scheme in schemes:
            self.register(scheme)

    def register(self, scheme: ScoringScheme, *, replace: bool = False) -> ScoringScheme:
        """Add *scheme*; an id already held is an error unless *replace* is true."""
        if not isinstance(scheme, ScoringScheme):
            raise TypeError(f"expected a ScoringScheme, not {type(scheme).__name__}")
        held = self._schemes.get(scheme.id)
        if held is not None and held != scheme and not replace:
            raise SchemeError(scheme.id, "a different scheme with this id is already registered")
        self._schemes[scheme.id] = scheme
        return scheme

    def load(self, path: str | os.PathLike[str]) -> ScoringScheme:
        """Load a scheme from a TOML file and register it."""
        return self.register(load_scheme(path))

    def get(self, scheme_id: str) -> ScoringScheme:
        """The scheme with this id; ``UnknownSchemeError`` lists the closest ids first."""
        try:
            return self._schemes[scheme_id]
        except KeyError:
            close = difflib.get_close_matches(scheme_id, list(self._schemes), n=3, cutoff=0.5)
            rest = [s for s in sorted(self._schemes) if s not in close]
            raise UnknownSchemeError(scheme_id, close + rest) from None

    def copy(self) -> SchemeRegistry:
        """A new registry holding the same schemes."""
        return SchemeRegistry(self)

    def __contains__(self, scheme_id: object) -> bool:
        return scheme_id in self._schemes

    def __iter__(self) -> Iterator[ScoringScheme]:
        return iter(sorted(self._schemes.values(), key=lambda s: s.id))

    def __len__(self) -> int:
        return len(self._schemes)

    def __repr__(self) -> str:
        ids = ", ".join(sorted(self._schemes))
        if not ids:
            return "<SchemeRegistry, empty>"
        return f"<SchemeRegistry of {len(self)} schemes: {ids}>"


def builtin_schemes() -> SchemeRegistry:
    """A new registry holding the schemes that ship with riskmodel."""
    return SchemeRegistry(_builtins())
