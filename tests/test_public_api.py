"""The public surface: every name in __all__ imports, __all__ is sorted, a version is set."""

from __future__ import annotations

import importlib
from importlib.metadata import version

import pytest

import riskmodel

FOUNDATION_MODULES = [
    "appetite", "assessment", "cost", "dates", "errors", "provenance", "register", "registry",
    "risk", "scale", "scheme", "score", "serialize",
    "changes", "committee", "direction", "matching", "timeline",
]


def _isort_key(name: str) -> tuple[int, str]:
    """RUF022's order: CONSTANTS, then CamelCase classes, then everything else."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[0].isupper() else (2, name)


class TestAll:
    """riskmodel.__all__ is the chosen public surface."""

    @pytest.mark.parametrize("name", riskmodel.__all__)
    def test_name_imports(self, name: str) -> None:
        """Each name in __all__ is an attribute of the package."""
        namespace: dict[str, object] = {}
        exec(f"from riskmodel import {name}", namespace)
        assert namespace[name] is getattr(riskmodel, name)

    def test_sorted(self) -> None:
        """__all__ is sorted as ruff's RUF022 sorts it, and has no repeats."""
        assert riskmodel.__all__ == sorted(set(riskmodel.__all__), key=_isort_key)

    def test_star_import(self) -> None:
        """'from riskmodel import *' binds exactly the names in __all__."""
        namespace: dict[str, object] = {}
        exec("from riskmodel import *", namespace)
        assert sorted(k for k in namespace if k != "__builtins__") == sorted(riskmodel.__all__)

    @pytest.mark.parametrize("module", FOUNDATION_MODULES)
    def test_module_all_resolves(self, module: str) -> None:
        """Each foundation module's __all__ is sorted and names only what it defines."""
        mod = importlib.import_module(f"riskmodel.{module}")
        assert mod.__all__ == sorted(mod.__all__, key=_isort_key)
        assert [n for n in mod.__all__ if not hasattr(mod, n)] == []


class TestVersion:
    """__version__ comes from the installed package metadata."""

    def test_version_is_text(self) -> None:
        """__version__ is a str equal to the distribution's version."""
        assert isinstance(riskmodel.__version__, str)
        assert riskmodel.__version__ == version("riskmodel")
