"""The Cambridgeshire register (seed 004) imports with factors taken from its heat map."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import Register
from riskmodel.readers import ImportResult, LineKind, read

from . import fingerprint
from .expected_cambridgeshire import (
    CONTINUATION_ROWS,
    HEADER_LINES,
    HEATMAP,
    N_LINES,
    RISKS,
    SEED_FILE,
)


@pytest.fixture(scope="module")
def result(seeds: Path) -> ImportResult:
    return read(seeds / SEED_FILE)


@pytest.fixture(scope="module")
def register(result: ImportResult) -> Register:
    (only,) = result.registers
    return only


class TestLayout:
    def test_chosen(self, result: ImportResult) -> None:
        """auto picks the Cambridgeshire layout from the header at line 106."""
        assert result.layout == "cambridgeshire"
        assert result.reason.startswith("the header row at line 106 names 6 columns")


class TestRegister:
    def test_metadata(self, register: Register) -> None:
        """Title, meeting date and scheme come from the report."""
        assert register.title == "PEOPLE & COMMUNITIES RISK REGISTER"
        assert str(register.as_at) == "2018-09-11"
        assert register.scheme.id == "cambridgeshire-5x5"

    def test_heatmap(self, register: Register) -> None:
        """The heat map's 17 placements are read as (ref, likelihood, consequence)."""
        (heatmap,) = register.heatmaps
        assert heatmap.stage.value == "current"
        assert [
            (p.ref, int(p.score.likelihood.code), int(p.score.impact.code))
            for p in heatmap.placements
        ] == HEATMAP["placements"]


class TestRisks:
    def test_refs(self, register: Register) -> None:
        """All 17 risks are read in order."""
        assert [r.ref for r in register.risks] == [e["ref"] for e in RISKS]

    @pytest.mark.parametrize("expected", RISKS, ids=[str(e["ref"]) for e in RISKS])
    def test_each_risk(self, register: Register, expected: dict[str, object]) -> None:
        """Each risk has its level, heat-map factors, appetite, triggers and controls."""
        risk = register.get(str(expected["ref"]))
        current = risk.current
        assert current is not None
        assert current.stated == expected["residual_level"]
        assert current.likelihood is not None
        assert current.impact is not None
        assert int(current.likelihood.code) == expected["likelihood"]
        assert int(current.impact.code) == expected["consequence"]
        assert current.consistent
        assert risk.appetite is not None
        assert risk.appetite.threshold == expected["appetite"]
        assert len(risk.triggers) == expected["n_triggers"]
        assert len(risk.controls) == expected["n_controls"]
        assert risk.provenance is not None
        assert risk.provenance.line == expected["line"]
        assert fingerprint(risk.description) == expected["first_words"]


class TestReport:
    def test_every_line(self, result: ImportResult) -> None:
        """The report has one entry for each of the 144 lines."""
        assert len(result.report.lines) == N_LINES

    def test_kinds(self, result: ImportResult) -> None:
        """Risks, headers, heat-map lines and continuations are where transcribed."""
        report = result.report
        assert report.lines_of("risk") == tuple(e["line"] for e in RISKS)
        assert report.lines_of("continuation") == tuple(c[0] for c in CONTINUATION_ROWS)
        assert report.lines_of("heatmap") == tuple(
            range(HEATMAP["start_line"], HEATMAP["end_line"] + 1)
        )
        assert set(HEADER_LINES) <= set(report.lines_of(LineKind.HEADER))

    def test_continuations_name_their_risk(self, result: ImportResult) -> None:
        """Each continuation row names the risk it continues."""
        assert [result.report.entry(line).risk_id for line, *_ in CONTINUATION_ROWS] == [
            ref for _, ref, *_ in CONTINUATION_ROWS
        ]

    def test_no_problems(self, result: ImportResult) -> None:
        """Nothing is lost and the heat map agrees with every level."""
        assert result.report.problems == ()
        assert [n for n in result.report.notes if n.kind.value == "disagreement"] == []
