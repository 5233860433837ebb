"""Registries of schemes and mappings: the built-in ones, and those loaded from users' files."""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterable, Iterator

from riskmodel._toml import builtin_texts, parse_toml, read_text
from riskmodel.documents import mapping_from_dict, scheme_from_dict
from riskmodel.errors import SchemeError, UnknownMappingError, UnknownSchemeError, ValueTypeError
from riskmodel.mapping import SchemeMapping
from riskmodel.scheme import ScoringScheme

__all__ = [
    "MappingRegistry",
    "SchemeRegistry",
    "builtin_mappings",
    "builtin_schemes",
    "default_mappings",
    "load_mapping",
    "load_scheme",
    "mapping_from_toml",
    "scheme_from_toml",
]


def scheme_from_toml(text: str, *, source: str = "<string>") -> ScoringScheme:
    """A scheme from the text of a scheme TOML file (see ``docs/schemes.md``)."""
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

    __slots__ = ("__weakref__", "_schemes")

    def __init__(self, schemes: Iterable[ScoringScheme] = ()) -> None:
        self._schemes: dict[str, ScoringScheme] = {}
        for scheme in schemes:
            self.register(scheme)

    def register(self, scheme: ScoringScheme, *, replace: bool = False) -> ScoringScheme:
        """Add *scheme*; an id already held is an error unless *replace* is true."""
        if not isinstance(scheme, ScoringScheme):
            raise ValueTypeError("a ScoringScheme", scheme)
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
        if not isinstance(scheme_id, str):
            raise ValueTypeError("a scheme id (text)", scheme_id)
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


def mapping_from_toml(text: str, *, source: str = "<string>") -> SchemeMapping:
    """A mapping from the text of a mapping TOML file (see ``docs/comparing-schemes.md``)."""
    return mapping_from_dict(parse_toml(text, source, SchemeError), source=source)


def load_mapping(path: str | os.PathLike[str]) -> SchemeMapping:
    """A mapping from a TOML file; ``SchemeError`` says where the file is wrong."""
    return mapping_from_toml(read_text(path, SchemeError), source=os.fspath(path))


@functools.cache
def _builtin_mappings() -> tuple[SchemeMapping, ...]:
    return tuple(mapping_from_toml(text, source=name) for name, text in builtin_texts("mappings"))


class MappingRegistry:
    """Declared mappings by id, and by the pair of scheme ids they connect.

    >>> registry = builtin_mappings()
    >>> registry
    <MappingRegistry of 6 mappings: cambridgeshire-5x5-to-leicester-city-5x5,
     generic-4x4-to-generic-5x5, generic-5x5-to-generic-4x4,
     generic-5x5-to-leicestershire-4x4, leicester-city-5x5-to-cambridgeshire-5x5,
     leicestershire-4x4-to-generic-5x5>
    >>> registry.find("generic-4x4", "generic-5x5").id
    'generic-4x4-to-generic-5x5'
    >>> registry.find("generic-4x4", "leicestershire-4x4") is None
    True
    """

    __slots__ = ("__weakref__", "_by_id", "_by_pair")

    def __init__(self, mappings: Iterable[SchemeMapping] = ()) -> None:
        self._by_id: dict[str, SchemeMapping] = {}
        self._by_pair: dict[tuple[str, str], SchemeMapping] = {}
        for mapping in mappings:
            self.register(mapping)

    def register(self, mapping: SchemeMapping, *, replace: bool = False) -> SchemeMapping:
        """Add *mapping*; a second mapping for an id or a scheme pair needs *replace*."""
        if not isinstance(mapping, SchemeMapping):
            raise ValueTypeError("a SchemeMapping", mapping)
        pair = (mapping.source, mapping.target)
        held = self._by_id.get(mapping.id) or self._by_pair.get(pair)
        if held is not None and held != mapping and not replace:
            raise SchemeError(
                mapping.id, f"mapping {held.id} already maps {pair[0]} to {pair[1]}"
                if held.id != mapping.id else "a different mapping with this id is registered"
            )
        for old in {id(m): m for m in (self._by_id.get(mapping.id), self._by_pair.get(pair))
                    if m is not None}.values():
            self._by_id.pop(old.id, None)
            self._by_pair.pop((old.source, old.target), None)
        self._by_id[mapping.id] = mapping
        self._by_pair[pair] = mapping
        return mapping

    def load(self, path: str | os.PathLike[str], *, replace: bool = False) -> SchemeMapping:
        """Load a mapping from a TOML file and register it; *replace* lets it override one."""
        return self.register(load_mapping(path), replace=replace)

    def get(self, mapping_id: str) -> SchemeMapping:
        """The mapping with this id; ``UnknownMappingError`` names the closest ids."""
        if not isinstance(mapping_id, str):
            raise ValueTypeError("a mapping id (text)", mapping_id)
        try:
            return self._by_id[mapping_id]
        except KeyError:
            close = difflib.get_close_matches(mapping_id, list(self._by_id), n=3, cutoff=0.4)
            raise UnknownMappingError(mapping_id, close + [
                m for m in sorted(self._by_id) if m not in close]) from None

    def find(self, source: str, target: str) -> SchemeMapping | None:
        """The mapping declared from scheme *source* to scheme *target*, if any."""
        return self._by_pair.get((source, target))

    def copy(self) -> MappingRegistry:
        """A new registry holding the same mappings."""
        return MappingRegistry(self)

    def __contains__(self, mapping_id: object) -> bool:
        return mapping_id in self._by_id

    def __iter__(self) -> Iterator[SchemeMapping]:
        return iter(sorted(self._by_id.values(), key=lambda m: m.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        return f"<MappingRegistry of {len(self)} mappings: {', '.join(sorted(self._by_id))}>"


def builtin_mappings() -> MappingRegistry:
    """A new registry holding the mappings that ship with riskmodel."""
    return MappingRegistry(_builtin_mappings())


@functools.cache
def default_mappings() -> MappingRegistry:
    """The shared registry of built-in mappings used when none is given (do not modify)."""
    return builtin_mappings()
