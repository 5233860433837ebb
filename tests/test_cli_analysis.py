"""The analysis commands: check, convert, heatmap and explain."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import riskmodel as rm
from riskmodel.cli import main


@pytest.fixture
def register_file(tmp_path: Path) -> str:
    """Two risks on generic-5x5: one with a worse target, a passed review and high scores."""
    g = rm.builtin_schemes().get("generic-5x5")
    risks = [
        rm.Risk(id="C-1", ref="1", title="Care market fails", risk_owner="Director of Adults",
                current=rm.Assessment.of(g.score(4, 4)), target=rm.Assessment.of(g.score(4, 5)),
                actions=[rm.Action(text="Commission a market review")],
                appetite=rm.Appetite(threshold=10),
                review_date=rm.DateText.parse("01/01/2026")),
        rm.Risk(id="C-2", ref="2", title="Payroll system outage", risk_owner="Head of ICT",
                current=rm.Assessment.of(g.score(2, 3)), target=rm.Assessment.of(g.score(1, 3)),
                review_date=rm.DateText.parse("31/12/2026")),
    ]
    path = tmp_path / "register.json"
    rm.dump(rm.Register(title="Test register", scheme=g, as_at=dt.date(2026, 6, 30),
                        risks=risks), path)
    return str(path)


class TestCheck:
    def test_text(self, register_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Findings print grouped under their risk's ref, id and title, then a summary."""
        assert main(["check", register_file]) == 1
        assert capsys.readouterr().out.splitlines() == [
            "Risk 1 (C-1): Care market fails",
            "  RM201 error, target: target 4x5 (20) is worse than current 4x4 (16)",
            "  RM202 warning, target: target impact 5 (Catastrophic) is worse than current "
            "impact 4 (Major)",
            "  RM301 warning, current: current 16 is above appetite 10 (the risk's own)",
            "  RM301 warning, target: target 20 is above appetite 10 (the risk's own)",
            "  RM401 warning: review date 01/01/2026 passed before 30/06/2026",
            "  RM505 warning: action 1 has no owner, and the risk names no action owner",
            "",
            f"{register_file}: 6 findings (1 error, 5 warning, 0 info); 1 at or above error",
        ]

    def test_as_of(self, register_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--as-of judges dates at another day."""
        assert main(["check", register_file, "--as-of", "05/01/2027"]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert lines[-4:-1] == [
            "Risk 2 (C-2): Payroll system outage",
            "  RM401 warning: review date 31/12/2026 passed before 05/01/2027",
            "",
        ]

    def test_fail_on(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Only warnings pass at the default --fail-on, fail at warning, pass at never."""
        g = rm.builtin_schemes().get("generic-5x5")
        path = tmp_path / "r.json"
        rm.dump(rm.Register(scheme=g, risks=[rm.Risk(
            id="A", ref="1", risk_owner="?", current=rm.Assessment.of(g.score(2, 2)),
            target=rm.Assessment.of(g.score(1, 2)), review_date=rm.DateText.parse("ongoing"))]),
            path)
        assert main(["check", str(path)]) == 0
        assert main(["check", str(path), "--fail-on", "warning"]) == 1
        assert capsys.readouterr().out.splitlines()[:2] == [
            "Risk 1 (A)", "  RM501 warning: has no owner"]
        assert main(["check", str(path), "--fail-on", "never"]) == 0
        assert capsys.readouterr().out.splitlines()[-1] == (
            f"{path}: 1 findings (0 error, 1 warning, 0 info); --fail-on never")

    def test_never_fails_on_errors(
        self, register_file: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--fail-on never exits 0 even with an error finding, and says so in JSON."""
        assert main(["check", register_file, "--fail-on", "never", "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert (document["fail_on"], document["failing"], document["counts"]) == (
            "never", 0, {"error": 1, "warning": 5, "info": 0})

    def test_no_findings(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A clean register prints only the summary."""
        path = tmp_path / "empty.json"
        rm.dump(rm.Register(scheme=rm.builtin_schemes().get("generic-5x5")), path)
        assert main(["check", str(path)]) == 0
        assert capsys.readouterr().out == (
            f"{path}: 0 findings (0 error, 0 warning, 0 info); 0 at or above error\n")

    def test_fenbridge_committee_text(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Fenbridge's traps print under their risks' titles."""
        path = tmp_path / "q3.json"
        rm.dump(rm.examples.load("fenbridge-corporate-2026-q3"), path)
        assert main(["check", str(path)]) == 1
        text = capsys.readouterr().out
        assert (
            "Risk 17 (FDC-017): Security failure at a supplier that holds council data\n"
            "  RM506 warning: the action owner is '?', a placeholder\n"
            "\n"
            "Risk 19 (FDC-020): Plant failure closes Fenbridge Leisure Centre\n"
            "  RM505 warning: action 1 has no owner, and the risk names no action owner\n"
        ) in text
        assert text.splitlines()[-1] == (
            f"{path}: 8 findings (1 error, 7 warning, 0 info); 1 at or above error")

    def test_json(self, register_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints the library's findings with counts and the as-of date."""
        assert main(["check", register_file, "--json", "--fail-on", "warning"]) == 1
        document = json.loads(capsys.readouterr().out)
        assert {k: v for k, v in document.items() if k != "findings"} == {
            "file": register_file, "as_of": "2026-06-30", "fail_on": "warning",
            "counts": {"error": 1, "warning": 5, "info": 0}, "failing": 6,
        }
        register = rm.load(register_file)
        assert document["findings"] == [
            rm.serialize.finding_to_dict(f) for f in rm.check(register)
        ]
        assert document["findings"][0] == {
            "code": "RM201", "severity": "error", "risk_id": "C-1", "stage": "target",
            "message": "risk 1 (C-1): target 4x5 (20) is worse than current 4x4 (16)",
            "evidence": document["findings"][0]["evidence"],
        }

    def test_bad_date(self, register_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """An --as-of that is not a date is a usage error."""
        with pytest.raises(SystemExit) as stop:
            main(["check", register_file, "--as-of", "32/13/2026"])
        assert stop.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            "riskmodel check: error: argument --as-of: '32/13/2026' is not a date such as "
            "2027-03-31"
        )


class TestConvert:
    def test_lossy(self, register_file: str, tmp_path: Path,
                   capsys: pytest.CaptureFixture[str]) -> None:
        """Convert states each loss, band change and reversal once with the assessments it
        touches, then notes and a summary; -o writes the result."""
        out = tmp_path / "out.json"
        assert main(["convert", register_file, "--to", "generic-4x4", "-o", str(out)]) == 0
        assert capsys.readouterr().out.splitlines() == [
            "lost: likelihood 3 (Possible) and 4 (Likely) of generic-5x5 both become 3 (Likely) "
            "[1 (C-1) current; 1 (C-1) target]",
            "lost: impact 3 (Moderate) and 4 (Major) of generic-5x5 both become 3 (Major) "
            "[1 (C-1) current; 2 (C-2) current; 2 (C-2) target]",
            "band: Very high (red) becomes High (red) [1 (C-1) current; 1 (C-1) target]",
            "band: Low (green) becomes Medium (amber) [2 (C-2) target]",
            "order: 5x3 (15) rates below 4x4 (16) on generic-5x5, but becomes 4x3 (12), above "
            "3x3 (9) on generic-4x4 [1 (C-1) current]",
            "order: 3x5 (15) rates below 4x4 (16) on generic-5x5, but becomes 3x4 (12), above "
            "3x3 (9) on generic-4x4 [1 (C-1) current]",
            "note: risk C-1: appetite 10 does not split the cells the same way on the new "
            "scheme and is dropped",
            f"{register_file}: 4 assessments converted to generic-4x4 by "
            "declared:generic-5x5-to-generic-4x4; 4 lossy, 3 with a band called otherwise, "
            "1 in a pair whose rating order is turned round",
        ]
        converted = rm.load(out)
        assert converted.scheme.id == "generic-4x4"
        assert [str(r.current) for r in converted] == ["3x3", "2x3"]

    def test_a_lossless_mapping_reports_no_loss(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Ashby Vale onto the generic 5×5 by a lossless mapping: nothing lost; band names
        that change are listed apart, each once."""
        path = "examples/registers/ashby-vale-cyps-2026.json"
        assert main(["convert", path, "--to", "generic-5x5"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert [line for line in lines if line.startswith(("lost:", "band:"))] == [
            "band: High (red) becomes Very high (red) [1.1 (AVC-CYPS-01) inherent; "
            "1.2 (AVC-CYPS-02) inherent; 2.1 (AVC-CYPS-04) inherent; 2.2 (AVC-CYPS-05) "
            "inherent; 2.2 (AVC-CYPS-05) target; 4.1 (AVC-CYPS-08) inherent; 4.1 (AVC-CYPS-08) "
            "target; 4.2 (AVC-CYPS-09) inherent]",
            "band: Medium (amber) becomes High (amber) [1.1 (AVC-CYPS-01) target; "
            "1.2 (AVC-CYPS-02) target; 1.3 (AVC-CYPS-03) inherent; 2.1 (AVC-CYPS-04) target; "
            "2.3 (AVC-CYPS-06) inherent; 3.1 (AVC-CYPS-07) inherent]",
            "band: Low (green) becomes Medium (yellow) [3.1 (AVC-CYPS-07) target]",
        ]
        assert lines[-1] == (
            f"{path}: 18 assessments converted to generic-5x5 by "
            "declared:leicestershire-4x4-to-generic-5x5; 0 lossy, 15 with a band called "
            "otherwise, 8 in a pair whose rating order is turned round")

    def test_unknown_scheme(
        self, register_file: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown target scheme is one clean error line."""
        assert main(["convert", register_file, "--to", "generic-9x9"]) == 1
        assert capsys.readouterr().err.startswith("riskmodel: error: no scheme 'generic-9x9'")


class TestHeatmapAndExplain:
    def test_heatmap(self, register_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Heatmap draws one stage with refs in their cells."""
        assert main(["heatmap", register_file, "--stage", "target"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == "Target (after further actions): all 2 open risks placed."
        row = "{:<20}| {:<13}| {:<8}| {:<11}| {:<8}| {}"
        assert lines[4] == row.format("4 Likely", "[M]", "[H]", "[H]", "[V]", "[V] 1")
        assert lines[7] == row.format("1 Rare", "[L]", "[L]", "[L] 2", "[M]", "[M]")

    def test_explain(self, register_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Explain walks from cell to rating to band to appetite."""
        assert main(["explain", register_file, "2"]) == 0
        assert capsys.readouterr().out.splitlines() == [
            "Risk 2 (C-2): Payroll system outage",
            "Current: likelihood 2 (Unlikely) and impact 3 (Moderate) make cell 2x3.",
            "  Rating: 2 × 3 = 6 on generic-5x5.",
            "  Band: Medium (yellow), for ratings 4 to 6.",
            "  Appetite: none set.",
            "Target: likelihood 1 (Rare) and impact 3 (Moderate) make cell 1x3.",
            "  Rating: 1 × 3 = 3 on generic-5x5.",
            "  Band: Low (green), for ratings up to 3.",
            "  Appetite: none set.",
        ]

    def test_explain_unknown(
        self, register_file: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown ref is one clean error line and exit 1."""
        assert main(["explain", register_file, "9"]) == 1
        assert capsys.readouterr().err == "riskmodel: error: no risk with id or ref '9'\n"
