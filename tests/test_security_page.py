"""docs/security.md names a test for every promise; each test it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
TESTS = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("*.py"))


def _proofs() -> list[str]:
    """The "Proved by" cell of every table row of the page."""
    cells = []
    for line in PAGE.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if len(parts) == 4 and parts[1] not in ("Promise", "---"):
            cells.append(parts[2])
    return cells


class TestSecurityPage:
    """Every promise on the security page is held by tests that exist."""

    def test_every_promise_names_a_test(self) -> None:
        """Each table row names at least one test file, class, function or corpus case."""
        proofs = _proofs()
        assert (len(proofs) > 30, [p for p in proofs if "`" not in p]) == (True, [])

    def test_named_classes_and_functions_exist(self) -> None:
        """Every TestX and test_x the page names is defined in the tests."""
        names = set(re.findall(r"\b(Test\w+|test_\w+)\b(?!\.py)", " ".join(_proofs())))
        defined = set(re.findall(r"(?:class|def) (Test\w+|test_\w+)", TESTS))
        assert sorted(names - defined) == []

    def test_named_files_exist(self) -> None:
        """Every test file the page names by path exists."""
        paths = set(re.findall(r"(tests/[\w/]+\.py)", PAGE))
        assert sorted(p for p in paths if not (ROOT / p).is_file()) == []

    def test_named_corpus_cases_exist(self) -> None:
        """Every corpus case named after "case" or "cases" is an id in a corpus file."""
        ids: set[str] = set()
        for cell in _proofs():
            for listing in re.findall(r"cases? ((?:`[\w*-]+`(?:, |,? and | or )?)+)", cell):
                ids.update(re.findall(r"`([\w*-]+)`", listing))
        missing = []
        for case in sorted(ids):
            pattern = re.escape(case).replace(r"\*", r"[\w-]*")
            if not re.search(rf"[\"']{pattern}[\"']", TESTS):
                missing.append(case)
        assert (len(ids) > 40, missing) == (True, [])
