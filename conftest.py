"""Doctests in pages and modules that need an optional extra skip, naming the extra, without it.

Figures are drawn with matplotlib's Agg backend, so no test or page opens a window.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).parent

#: The Sphinx configuration is not a page of examples.
collect_ignore = ["docs/conf.py"]

PANDAS = ("pandas", "'riskmodel[pandas]'")
MATPLOTLIB = ("matplotlib", "'riskmodel[plot]'")
OPENPYXL = ("openpyxl", "'riskmodel[excel]'")
PYARROW = ("pyarrow", "'riskmodel[arrow]'")
DUCKDB = ("duckdb", "duckdb")  # used by the page only, so no extra of riskmodel's
PDFPLUMBER = ("pdfplumber", "'riskmodel[pdf]'")
PYTHON_DOCX = ("docx", "'riskmodel[docx]'")

#: Page or module (from the repository root) → the packages its examples import, each
#: with what ``pip install`` needs to be given to install it.
NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    "docs/at-scale.md": (PYARROW, DUCKDB),
    "docs/export.md": (OPENPYXL, PYARROW),
    "docs/figures.md": (MATPLOTLIB,),
    "docs/frames.md": (PANDAS,),
    "docs/import-pdf.md": (PYTHON_DOCX, PDFPLUMBER, MATPLOTLIB),
    "docs/tutorial.md": (PANDAS, MATPLOTLIB, OPENPYXL),
    "src/riskmodel/frames.py": (PANDAS,),
    "src/riskmodel/plot.py": (MATPLOTLIB,),
    "src/riskmodel/writers/arrow.py": (PYARROW,),
    "src/riskmodel/writers/workbook.py": (OPENPYXL,),
}


def missing(packages: tuple[tuple[str, str], ...]) -> str:
    """The skip reason for those of *packages* that are not installed, or ``""``."""
    return "; ".join(f"needs {package}: pip install {argument}"
                     for package, argument in packages if find_spec(package) is None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the doctests of a page or module whose extra is not installed, saying which."""
    for item in items:
        try:
            key = item.path.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            continue
        reason = missing(NEEDS.get(key, ()))
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))
