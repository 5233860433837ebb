"""Sphinx configuration: the riskmodel documentation site, built from these Markdown pages.

Build it with warnings as errors::

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

project = "riskmodel"
author = "riskmodel developers"
copyright = "riskmodel developers"
try:
    release = metadata.version("riskmodel")
except metadata.PackageNotFoundError:  # pragma: no cover - building from a bare source tree
    release = "0+unknown"
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
# Illustrative TOML fragments ("...") cannot be highlighted; that is not an error.
suppress_warnings = ["misc.highlighting_failure"]
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

html_theme = "furo"
html_title = f"riskmodel {release}"


def _public_bases(app: Sphinx, name: str, obj: object, options: object,
                  bases: list[type]) -> None:
    """Leave private bases (such as ``riskmodel._bulk.Referable``) out of "Bases:" lines."""
    bases[:] = [base for base in bases
                if not base.__module__.startswith("riskmodel._")] or [object]


def setup(app: Sphinx) -> None:
    app.connect("autodoc-process-bases", _public_bases)
