"""The bundled examples: every script runs, every register loads."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

import riskmodel

ROOT = Path(__file__).parent.parent
SCRIPTS = sorted((ROOT / "examples").glob("*.py"))
REGISTERS = sorted((ROOT / "examples" / "registers").glob("*.json"))


class TestScripts:
    @pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
    def test_runs(self, script: Path, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> None:
        """Each example script runs to the end and prints something."""
        monkeypatch.setattr(sys, "argv", [str(script)])
        runpy.run_path(str(script), run_name="__main__")
        assert capsys.readouterr().out.strip() != ""


class TestRegisters:
    def test_the_set(self) -> None:
        """The example folder holds three quarters of one council and one 4×4 register."""
        assert [p.name for p in REGISTERS] == [
            "ashby-vale-cyps-2026.json",
            "fenbridge-corporate-2026-q1.json",
            "fenbridge-corporate-2026-q2.json",
            "fenbridge-corporate-2026-q3.json",
        ]

    @pytest.mark.parametrize("path", REGISTERS, ids=lambda p: p.name)
    def test_round_trip(self, path: Path) -> None:
        """Each example loads and dumps back to a document that loads equal."""
        register = riskmodel.load(path)
        assert riskmodel.loads(riskmodel.dumps(register)) == register

    def test_ids_are_stable_across_quarters(self) -> None:
        """Risks keep their ids across quarters while refs and scores move."""
        quarters = [riskmodel.load(p) for p in REGISTERS[1:]]
        ids = [{r.id for r in q} for q in quarters]
        assert all(20 <= len(q) <= 30 for q in quarters)
        assert ids[0] & ids[1] & ids[2]
        assert ids[0] - ids[2]  # some risks of Q1 have gone by Q3 ...
        assert ids[2] - ids[0]  # ... and some of Q3 are new
