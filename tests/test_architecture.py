"""The package's layout holds: no import cycles, and the model never imports the edges."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import typing
from pathlib import Path

import attrs
import pytest

import riskmodel

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "riskmodel"

#: The value classes and the functions over them: they import neither cattrs nor I/O.
MODEL = ("_meta", "_validate", "appetite", "assessment", "cost", "dates", "errors", "mapping",
         "notation", "provenance", "register", "risk", "scale", "scheme", "score")
EDGES = ("cattrs", "json", "tomllib", "os", "riskmodel.serialize", "riskmodel.documents",
         "riskmodel.readers", "riskmodel.cli", "riskmodel._files", "riskmodel._toml")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The modules *path* imports, at import time (outside TYPE_CHECKING blocks)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    nodes = list(tree.body) if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module(path): path for path in PACKAGE.rglob("*.py")}

#: Modules that import the bare package: the scheme imports them, so their annotations
#: name the scheme as ``riskmodel.scheme.ScoringScheme``. Nothing else may.
NAMES_THE_SCHEME_BY_PACKAGE = ("riskmodel.assessment", "riskmodel.score")


def _classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(riskmodel.__path__, "riskmodel."):
        module = importlib.import_module(info.name)
        found += [value for value in vars(module).values()
                  if isinstance(value, type) and attrs.has(value)
                  and value.__module__ == info.name]
    return found


class TestImports:
    """Modules import each other in one direction only."""

    def test_no_cycles(self) -> None:
        """The graph of import-time imports between riskmodel's modules has no cycle."""
        graph = {
            name: {m for m in _imports(path, top_level_only=True) if m in MODULES and m != name}
            for name, path in MODULES.items()
        }
        for package in [m for m in MODULES if (MODULES[m].name == "__init__.py")]:
            graph[package] = {m for m in graph[package] if not m.startswith(package + ".")}
        state: dict[str, int] = {}
        cycles: list[list[str]] = []

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for nxt in sorted(graph[node]):
                if state.get(nxt) == 1:
                    cycles.append([*trail[trail.index(nxt):], nxt] if nxt in trail else [nxt])
                elif nxt not in state:
                    visit(nxt, [*trail, nxt])
            state[node] = 2

        for name in sorted(graph):
            if name not in state:
                visit(name, [name])
        assert cycles == []

    @pytest.mark.parametrize("name", MODEL)
    def test_the_model_never_imports_the_edges(self, name: str) -> None:
        """A model module imports no serializer, no parser, no file access and no CLI."""
        imported = _imports(PACKAGE / f"{name}.py", top_level_only=False)
        assert sorted(m for m in imported if m.split(".")[0] in EDGES or m in EDGES) == []

    def test_only_the_scheme_cycle_imports_the_package(self) -> None:
        """A module inside riskmodel imports ``riskmodel`` itself only to name the scheme
        in annotations (its package would otherwise hide an import cycle)."""
        bare = sorted(
            name for name, path in MODULES.items()
            if any(isinstance(node, ast.Import) and "riskmodel" in [a.name for a in node.names]
                   for node in ast.parse(path.read_text(encoding="utf-8")).body))
        assert bare == list(NAMES_THE_SCHEME_BY_PACKAGE)


class TestAnnotations:
    """Every annotation of every attrs class resolves: cattrs, Sphinx and users read them."""

    def test_every_class_is_found(self) -> None:
        """The search finds the model's classes (so the check below is not vacuous)."""
        names = {cls.__name__ for cls in _classes()}
        assert {"Score", "Assessment", "ScoringScheme", "Risk", "Register",
                "RegisterDiff"} <= names

    @pytest.mark.parametrize("cls", _classes(), ids=lambda cls: cls.__qualname__)
    def test_type_hints_resolve(self, cls: type) -> None:
        """``typing.get_type_hints`` gives a real type for every field, and for every
        cached property (attrs lists those among the annotations of a slotted class)."""
        hints = typing.get_type_hints(cls)
        fields = set(attrs.fields_dict(cls))
        cached = set(getattr(cls, "__slots__", ())) - fields  # cached properties' slots
        assert (fields - set(hints), set(hints) - fields - cached) == (set(), set())
