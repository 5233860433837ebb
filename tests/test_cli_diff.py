"""The diff and history commands, on example registers and on documents `import` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import riskmodel as rm
from riskmodel.cli import main
from riskmodel.committee import diff_report
from riskmodel.serialize import make_converter

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "registers"
FIXTURES = Path(__file__).parent / "fixtures" / "readers"
Q = [str(EXAMPLES / f"fenbridge-corporate-2026-q{n}.json") for n in (1, 2, 3)]


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The bereavement service's two quarters, imported from CSV with its layout."""
    paths = []
    for n in (1, 2):
        out = tmp_path / f"bereavement-q{n}.json"
        assert main(["import", str(FIXTURES / f"bereavement-q{n}.csv"), "--layout",
                     str(FIXTURES / "bereavement-layout.toml"), "-o", str(out), "--strict"]) == 0
        paths.append(str(out))
    capsys.readouterr()
    return paths


class TestDiff:
    def test_text_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The text report is the library's, printed."""
        assert main(["diff", Q[1], Q[2]]) == 0
        expected = diff_report(rm.diff(rm.load(Q[1]), rm.load(Q[2])))
        assert capsys.readouterr().out == expected + "\n"

    def test_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format markdown prints headings and tables."""
        assert main(["diff", Q[0], Q[1], "--format", "markdown"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("# Corporate Risk Register, Fenbridge District Council\n")
        assert "| 21 | Heavy reliance on agency social workers | 4x4 16 | 3x4 12 | ↓ | " \
               "Very high → High |" in out

    def test_json_is_the_diff_document(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints the RegisterDiff document, which loads back equal."""
        assert main(["diff", Q[0], Q[1], "--format", "json"]) == 0
        text = capsys.readouterr().out
        assert json.loads(text)["format_version"] == 1
        loaded = make_converter().loads(text, rm.RegisterDiff)
        assert loaded == rm.diff(rm.load(Q[0]), rm.load(Q[1]))

    @pytest.mark.parametrize(("old", "new", "status"), [(0, 1, 1), (1, 1, 0)])
    def test_exit_code(self, old: int, new: int, status: int,
                       capsys: pytest.CaptureFixture[str]) -> None:
        """--exit-code exits 1 when anything changed, 0 when nothing did."""
        assert main(["diff", Q[old], Q[new], "--exit-code"]) == status
        assert main(["diff", Q[old], Q[new]]) == 0

    def test_threshold(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--threshold is passed to the matching and kept in the document."""
        assert main(["diff", Q[0], Q[1], "--format", "json", "--threshold", "0.8"]) == 0
        assert json.loads(capsys.readouterr().out)["threshold"] == 0.8

    @pytest.mark.parametrize("bad", ["1.5", "-0.1", "high"])
    def test_threshold_out_of_range(self, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A threshold outside 0..1 is a usage error (exit 2)."""
        with pytest.raises(SystemExit) as caught:
            main(["diff", Q[0], Q[1], "--threshold", bad])
        assert caught.value.code == 2
        assert "is not a similarity from 0 to 1" in capsys.readouterr().err

    def test_different_schemes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Registers on two schemes: one line naming the command that converts one."""
        assert main(["diff", Q[0], str(EXAMPLES / "ashby-vale-cyps-2026.json")]) == 1
        assert capsys.readouterr().err == (
            "riskmodel: error: cannot compare a generic-5x5 register with a leicestershire-4x4 "
            "register; convert one of them first: riskmodel convert FILE --to SCHEME (here "
            "--to leicestershire-4x4 or --to generic-5x5)\n")

    def test_imported_documents(self, imported: list[str],
                                capsys: pytest.CaptureFixture[str]) -> None:
        """Documents written by import diff across renumbering, and show printed arrows."""
        assert main(["diff", *imported]) == 0
        out = capsys.readouterr().out.splitlines()
        travel = out[out.index("Direction of travel (current score)") + 1:][:4]
        assert [line.split("  ")[1:2] for line in travel] == [["Ref"], ["B1"], ["B2"], ["B3"]]
        assert "↑ (printed Stable)" in travel[1]
        assert "  B1 Crematorium cremator fails during the winter peak" in out


class TestCheckPrevious:
    def test_direction_disagreement(self, imported: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
        """check --previous reports a printed 'Stable' beside a score that rose (RM801)."""
        assert main(["check", imported[1], "--previous", imported[0], "--json"]) == 0
        findings = json.loads(capsys.readouterr().out)["findings"]
        assert [(f["code"], f["risk_id"], f["evidence"]) for f in findings
                if f["code"] == "RM801"] == [("RM801", "B1", {
                    "printed": "Stable", "printed_trend": "same", "computed": "up",
                    "previous_id": "B2", "previous": "2x5", "current": "3x5"})]


class TestHistory:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The history lists the versions, the band counts and a row per risk."""
        assert main(["history", *Q]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[:4] == [
            "Corporate Risk Register, Fenbridge District Council: history of 3 versions",
            "  v1: 2026/27 Q1 (30/06/2026), 26 risks",
            "  v2: 2026/27 Q2 (30/09/2026), 28 risks",
            "  v3: 2026/27 Q3 (31/12/2026), 28 risks",
        ]
        assert "  Very high  6   6   9" in out
        [row] = [line for line in out if "FDC-022" in line]
        assert row.split() == ["20", "FDC-022", "Heavy", "reliance", "on", "agency",
                               "social…", "4x4", "16", "3x4", "12", "3x4", "12", "→",
                               "22,", "21,", "20"]

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json gives versions with band counts and a timeline per risk."""
        assert main(["history", *Q, "--format", "json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert [v["bands"]["red"] for v in document["versions"]] == [6, 6, 9]
        [line] = [t for t in document["timelines"] if t["id"] == "FDC-009"]
        assert {k: line[k] for k in ("refs", "listed", "appeared", "closed", "unlisted",
                                     "state")} == {
            "refs": ["9"], "listed": [1, 2], "appeared": None, "closed": 2, "unlisted": 3,
            "state": None}
        assert line["current"] == [{"cell": "2x4", "value": 8, "band": "amber"},
                                   {"cell": "2x4", "value": 8, "band": "amber"}, None]

    def test_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format markdown gives a heading, the versions and two tables."""
        assert main(["history", *Q, "--format", "markdown"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("# Corporate Risk Register, Fenbridge District Council: history")
        assert "| Very high | 6 | 6 | 9 |" in out

    def test_imported_documents(self, imported: list[str],
                                capsys: pytest.CaptureFixture[str]) -> None:
        """A risk renumbered between imports keeps one timeline with both refs."""
        assert main(["history", *imported, "--format", "json"]) == 0
        timelines = json.loads(capsys.readouterr().out)["timelines"]
        assert [(t["ids"], t["refs"], t["trend"]) for t in timelines] == [
            (["B2", "B1"], ["B2", "B1"], "up"), (["B3", "B2"], ["B3", "B2"], "down"),
            (["B3"], ["B3"], "new"), (["B1"], ["B1"], None)]
