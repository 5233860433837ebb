"""The package's layout holds: no import cycles, and the model never imports the edges."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

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
