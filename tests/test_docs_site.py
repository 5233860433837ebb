"""The documentation site: every page is in the table of contents, every module in the API.

The site itself is built with warnings as errors by ``.ci/run``
(``python -m sphinx -W --keep-going -b html docs OUT``).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
PACKAGE = ROOT / "src" / "riskmodel"


def _toctree(text: str) -> list[str]:
    blocks = re.findall(r"```\{toctree\}\n(.*?)```", text, re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip() and not line.startswith(":")]


class TestSite:
    def test_every_page_in_the_toctree(self) -> None:
        """Each page of docs/ is listed once in the index's table of contents."""
        listed = _toctree((DOCS / "index.md").read_text("utf-8"))
        pages = sorted(p.stem for p in DOCS.glob("*.md") if p.stem != "index")
        assert sorted(listed) == pages

    def test_every_public_module_in_the_api(self) -> None:
        """Each public module is documented by the API page."""
        documented = set(re.findall(r"\.\. automodule:: (\S+)",
                                    (DOCS / "api.md").read_text("utf-8")))
        modules = {
            ".".join(("riskmodel", *path.relative_to(PACKAGE).with_suffix("").parts))
            .removesuffix(".__init__")
            for path in PACKAGE.rglob("*.py")
            if not any(part.startswith("_") and part != "__init__.py"
                       for part in path.relative_to(PACKAGE).parts)
            and path.name not in {"cli.py", "__main__.py"}
        } - {"riskmodel", "riskmodel.readers.scores"}  # scores: the text reader's helper
        assert sorted(modules - documented) == []
