"""Declared mappings between scoring schemes, as data: where each level or cell goes."""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from riskmodel._toml import builtin_texts, parse_toml, read_text
from riskmodel._validate import strip_text, to_tuple
from riskmodel.errors import SchemeError, UnknownMappingError

__all__ = [
    "MappingRegistry",
    "SchemeMapping",
    "builtin_mappings",
    "load_mapping",
    "mapping_from_toml",
]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _pairs(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        value = value.items()
    return tuple((strip_text(a), strip_text(b)) for a, b in to_tuple(value))  # type: ignore[arg-type]


@frozen(kw_only=True)
class SchemeMapping:
    """Where each level (or cell) of one scheme goes in another, declared as data.

    ``likelihood`` and ``impact`` pair a source level code with a target level code.
    ``cells`` pair a source cell with a target cell, each as printed in its own scheme's
    notation (``"1A"``, ``"5x5"``); a cell listed there overrides the level maps.
    ``lossless`` declares that no two source cells meet, so that the mapping back
    returns every cell exactly; it is verified when the mapping is first used.

    >>> m = SchemeMapping(id="a-to-b", source="a", target="b",
    ...                   likelihood={"1": "1", "2": "3"}, impact={"L": "1", "H": "2"})
    >>> m.likelihood
    (('1', '1'), ('2', '3'))
    """

    id: str = field(validator=attrs.validators.matches_re(_ID))
    source: str = field(converter=strip_text, validator=attrs.validators.min_len(1))
    target: str = field(converter=strip_text, validator=attrs.validators.min_len(1))
    likelihood: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    impact: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    cells: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    lossless: bool = False
    description: str = field(default="", converter=strip_text)

    def __str__(self) -> str:
        return self.id


_KEYS = frozenset({"id", "from", "to", "lossless", "description", "likelihood", "impact", "cells"})


def mapping_from_dict(data: Mapping[str, Any], *, source: str = "<mapping>") -> SchemeMapping:
    """A mapping from its TOML shape; ``SchemeError`` names the key at fault."""
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise SchemeError(source, f"unknown keys {unknown}; expected some of {sorted(_KEYS)}")
    for key in ("id", "from", "to"):
        if not isinstance(data.get(key), str):
            raise SchemeError(source, f"${'.' + key}: a text value is required")
    for key in ("likelihood", "impact"):
        table = data.get(key, {})
        if not isinstance(table, Mapping) or not all(
            isinstance(v, str) for v in table.values()
        ):
            raise SchemeError(source, f"$.{key}: expected a table of level code = level code")
    cells = data.get("cells", [])
    if not isinstance(cells, list) or not all(
        isinstance(c, Mapping) and isinstance(c.get("from"), str) and isinstance(c.get("to"), str)
        for c in cells
    ):
        raise SchemeError(source, '$.cells: expected [[cells]] tables with from = "…", to = "…"')
    sources = [" ".join(c["from"].split()).casefold() for c in cells]
    repeated = sorted({c["from"] for c, s in zip(cells, sources, strict=True)
                       if sources.count(s) > 1})
    if repeated:
        raise SchemeError(source, f"$.cells: {', '.join(repeated)} listed more than once")
    if not isinstance(data.get("lossless", False), bool):
        raise SchemeError(source, "$.lossless: expected true or false")
    try:
        return SchemeMapping(
            id=data["id"],
            source=data["from"],
            target=data["to"],
            likelihood=data.get("likelihood", {}),
            impact=data.get("impact", {}),
            cells=[(c["from"], c["to"]) for c in cells],
            lossless=data.get("lossless", False),
            description=data.get("description", ""),
        )
    except (TypeError, ValueError) as exc:
        raise SchemeError(source, str(exc)) from None


def mapping_from_toml(text: str, *, source: str = "<string>") -> SchemeMapping:
    """A mapping from the text of a mapping TOML file (see ``docs/comparing-schemes.md``)."""
    return mapping_from_dict(parse_toml(text, source, SchemeError), source=source)


def load_mapping(path: str | os.PathLike[str]) -> SchemeMapping:
    """A mapping from a TOML file; ``SchemeError`` says where the file is wrong."""
    return mapping_from_toml(read_text(path, SchemeError), source=os.fspath(path))


@functools.cache
def _builtins() -> tuple[SchemeMapping, ...]:
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

    __slots__ = ("_by_id", "_by_pair")

    def __init__(self, mappings: Iterable[SchemeMapping] = ()) -> None:
        self._by_id: dict[str, SchemeMapping] = {}
        self._by_pair: dict[tuple[str, str], SchemeMapping] = {}
        for mapping in mappings:
            self.register(mapping)

    def register(self, mapping: SchemeMapping, *, replace: bool = False) -> SchemeMapping:
        """Add *mapping*; a second mapping for an id or a scheme pair needs *replace*."""
        if not isinstance(mapping, SchemeMapping):
            raise TypeError(f"expected a SchemeMapping, not {type(mapping).__name__}")
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
        """The mapping with this id; ``LookupError`` names the closest ids."""
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
    return MappingRegistry(_builtins())


@functools.cache
def default_mappings() -> MappingRegistry:
    """The shared registry of built-in mappings used when none is given (do not modify)."""
    return builtin_mappings()
