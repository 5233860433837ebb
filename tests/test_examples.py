"""The bundled examples: every script runs, every register loads."""

from __future__ import annotations

import runpy
import sys
from importlib import resources
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

    def test_quarters_add_close_and_delete(self) -> None:
        """Between quarters risks are added, closed and deleted under stable ids."""
        q1, q2, q3 = (riskmodel.load(p) for p in REGISTERS[1:])
        assert [len(q1), len(q2), len(q3)] == [26, 28, 28]
        ids = [{r.id for r in q} for q in (q1, q2, q3)]
        assert sorted(ids[1] - ids[0]) == ["FDC-027", "FDC-028"]
        assert sorted(ids[2] - ids[1]) == ["FDC-029", "FDC-030"]
        assert sorted(ids[0] - ids[2]) == ["FDC-009", "FDC-019"]
        assert q2.get("FDC-019").status.state is riskmodel.RiskState.DELETED
        assert q2.get("FDC-009").status.state is riskmodel.RiskState.CLOSED
        assert [r.id for r in q3.risks if not r.is_open] == ["FDC-004", "FDC-013"]

    def test_renumbered_moved_and_rescored(self) -> None:
        """A risk keeps its id while its ref, section and score change."""
        q1, q2, q3 = (riskmodel.load(p) for p in REGISTERS[1:])
        assert [q.get("FDC-006").ref for q in (q1, q2, q3)] == ["6", "7", "6"]
        assert [q.get("FDC-021").section for q in (q1, q2)] == ["Estates", "Governance"]
        current = [str(q.get("FDC-001").current) for q in (q1, q2)]
        assert current == ["4x4", "4x5"]


class TestBundled:
    """The example registers ship in the package and load by name."""

    def test_names(self) -> None:
        """Each example file is one name, without its suffix."""
        assert riskmodel.examples.names() == tuple(p.stem for p in REGISTERS)

    @pytest.mark.parametrize("path", REGISTERS, ids=lambda p: p.name)
    def test_load_by_name(self, path: Path) -> None:
        """Loading by name gives the register the file holds."""
        assert riskmodel.examples.load(path.stem) == riskmodel.load(path)

    def test_one_copy(self) -> None:
        """The package's example folder is the repository's examples/registers, not a copy."""
        packaged = Path(str(resources.files("riskmodel") / "data" / "examples"))
        assert packaged.resolve() == (ROOT / "examples" / "registers").resolve()

    @pytest.mark.parametrize("name", ["fenbridge", "../registers/ashby-vale-cyps-2026", ""])
    def test_unknown(self, name: str) -> None:
        """An unknown name, or one reaching out of the folder, lists the examples there are."""
        with pytest.raises(riskmodel.UnknownExampleError) as caught:
            riskmodel.examples.load(name)
        assert caught.value.candidates == riskmodel.examples.names()
