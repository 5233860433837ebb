"""The import command: read a published table, summarise it, write one document per register."""

from __future__ import annotations

from pathlib import Path

import pytest

import riskmodel
from riskmodel.cli import main
from seeds.conftest import SEEDS

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


class TestImport:
    def test_summary_and_output(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A divisional table is read with the layout picked, summarised and written."""
        source = str(FIXTURES / "divisional.md")
        out = tmp_path / "parks.json"
        assert main(["import", source, "-o", str(out)]) == 0
        assert capsys.readouterr().out.splitlines() == [
            f"{source}: layout leicester-city-divisional (the header row at line 9 names 10 "
            "columns (100% of its filled cells) with leicester-city-divisional's header words)",
            "  scheme: leicester-city-5x5 (the layout leicester-city-divisional names it)",
            "  register 1: Divisional Risk Register (Parks and Open Spaces): 4 risks; "
            "stages scored: inherent 0, current 4, target 4",
            "  lines: 12 header, 4 risk, 2 section, 10 skipped",
            "  problems: 0",
            f"  wrote {out}",
        ]
        register = riskmodel.load(out)
        assert [r.id for r in register] == ["1a", "1b", "2a", "2b"]

    def test_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--report accounts for every line of the source with its line number."""
        assert main(["import", str(FIXTURES / "divisional.md"), "--report"]) == 0
        report = [line for line in capsys.readouterr().out.splitlines()
                  if line.startswith("divisional.md:")]
        assert len(report) == 28
        assert report[12] == "divisional.md:13: risk: risk 1a"

    def test_custom_layout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A CSV is read with a user's layout file."""
        source = str(FIXTURES / "library.csv")
        layout = str(FIXTURES / "library-layout.toml")
        assert main(["import", source, "--layout", layout, "--strict"]) == 0
        assert capsys.readouterr().out.splitlines()[2] == (
            "  register 1: (untitled): 3 risks; stages scored: inherent 0, current 3, target 0"
        )

    def test_missing_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing source is one clean error line and exit 1."""
        assert main(["import", "no-such-register.txt"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("riskmodel: error: ")
        assert err.count("\n") == 1


class TestSeeds:
    def test_strict_on_damaged_copy(self, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
        """The damaged PDF extraction imports with its problems counted; --strict exits 1."""
        source = SEEDS / "000_48e6364fb115602f.txt"
        if not source.exists():
            pytest.skip(f"the seed documents are not at {SEEDS}")
        assert main(["import", str(source), "--strict"]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert lines[1:5] == [
            "  scheme: leicester-city-5x5 (the layout leicester-city-divisional names it)",
            "  register 1: (untitled): 25 risks; stages scored: inherent 0, current 24, target 24",
            "  lines: 16 header, 41 note:problem, 8 note:recovery, 25 risk, 10 section, 7 skipped",
            "  problems: 41",
        ]

    def test_two_registers_written(self, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
        """A document holding two registers is written as two numbered files."""
        source = SEEDS / "003_b610f2126081d1ed.txt"
        if not source.exists():
            pytest.skip(f"the seed documents are not at {SEEDS}")
        out = tmp_path / "plan.json"
        assert main(["import", str(source), "-o", str(out)]) == 0
        capsys.readouterr()
        first, second = (riskmodel.load(tmp_path / f"plan-{n}.json") for n in (1, 2))
        assert (len(first), len(second)) == (30, 7)
        assert first.scheme.id == "leicestershire-4x4"
