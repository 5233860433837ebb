"""The clean Leicester CYPF divisional register (seed 002) imports with every value proven."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import Register
from riskmodel.readers import ImportResult, LineKind, read

from . import fingerprint
from .expected_leicester_cypf import (
    LINE_COUNT_CLEAN,
    NON_RISK_LINES,
    REGISTER,
    RISKS,
    SECTIONS,
    SEED_CLEAN,
)

KIND_OF = {
    "blank": LineKind.SKIPPED,
    "title": LineKind.HEADER,
    "completed-by": LineKind.HEADER,
    "version": LineKind.HEADER,
    "date-completed": LineKind.HEADER,
    "header": LineKind.HEADER,
    "separator": LineKind.HEADER,
    "scale-row": LineKind.SKIPPED,
    "section": LineKind.SECTION,
}


@pytest.fixture(scope="module")
def result(seeds: Path) -> ImportResult:
    return read(seeds / SEED_CLEAN)


@pytest.fixture(scope="module")
def register(result: ImportResult) -> Register:
    (only,) = result.registers
    return only


def _triple(assessment: object) -> tuple[int | None, int | None, int | None] | None:
    if assessment is None:
        return None
    impact = getattr(assessment, "impact", None)
    likelihood = getattr(assessment, "likelihood", None)
    stated = getattr(assessment, "stated", None)
    return (
        int(impact.code) if impact else None,
        int(likelihood.code) if likelihood else None,
        int(stated) if stated is not None else None,
    )


class TestLayout:
    def test_chosen(self, result: ImportResult) -> None:
        """auto picks the Leicester divisional layout and says which header row it matched."""
        assert result.layout == "leicester-city-divisional"
        assert result.reason.startswith("the header row at line 11 names 10 columns")


class TestRegister:
    def test_metadata(self, register: Register) -> None:
        """Title, owner, version and completion date come from the document heading."""
        assert register.title.startswith(str(REGISTER["title"]))
        assert register.owner == REGISTER["owner"]
        assert register.version == REGISTER["version"]
        assert str(register.as_at) == "2015-10-27"
        assert register.organisation == "Leicester City Council"

    def test_sections(self, register: Register) -> None:
        """The ten sections are read with their numbers and names."""
        assert [(s.ref, s.title) for s in register.sections] == SECTIONS

    def test_scheme(self, register: Register) -> None:
        """The register is scored on the Leicester City 5x5 scheme."""
        assert register.scheme.id == "leicester-city-5x5"


class TestRisks:
    def test_ids_and_refs(self, register: Register) -> None:
        """Every risk is found, in order, with its id and printed ref."""
        assert [(r.id, r.ref or "") for r in register.risks] == [
            (e["id"], e["ref"]) for e in RISKS
        ]

    @pytest.mark.parametrize("expected", RISKS, ids=[str(e["id"]) for e in RISKS])
    def test_each_risk(self, register: Register, expected: dict[str, object]) -> None:
        """Each risk's section, line, words, scores, owner, cost and date are as printed."""
        risk = register.get(str(expected["id"]))
        section = dict(SECTIONS)[str(expected["section"])]
        assert risk.section == section
        assert risk.provenance is not None
        assert risk.provenance.line == expected["line"]
        assert fingerprint(risk.description) == expected["first_words"]
        assert _triple(risk.current) == expected["current"]
        assert _triple(risk.target) == expected["target"]
        assert (risk.risk_owner or "") == expected["owner"]
        assert (risk.cost.text if risk.cost else "") == expected["cost"]
        assert (risk.target_date.text if risk.target_date else "") == expected["target_date"]

    def test_scores_are_consistent(self, register: Register) -> None:
        """Every stated product equals the product of its factors."""
        stages = [s for r in register.risks for s in (r.current, r.target) if s is not None]
        assert len(stages) == 50
        assert all(s.complete and s.consistent for s in stages)

    def test_controls_split(self, register: Register) -> None:
        """A bulleted controls cell becomes several controls."""
        assert len(register.get("2a").controls) > 1


class TestReport:
    def test_every_line(self, result: ImportResult) -> None:
        """The report has one entry per line, the last line included."""
        assert result.report.line_count == LINE_COUNT_CLEAN
        assert len(result.report.lines) == LINE_COUNT_CLEAN

    def test_risk_lines(self, result: ImportResult) -> None:
        """The risk lines are exactly the expected rows."""
        assert result.report.lines_of("risk") == tuple(int(str(e["line"])) for e in RISKS)

    def test_other_lines(self, result: ImportResult) -> None:
        """Every other line is a header, section or skipped line as transcribed."""
        got = {n: result.report.kind_of(n) for n in NON_RISK_LINES}
        assert got == {n: KIND_OF[kind] for n, kind in NON_RISK_LINES.items()}

    def test_no_problems(self, result: ImportResult) -> None:
        """The clean register reads with no problem at all."""
        assert result.report.problems == ()

    def test_score_rows_say_why(self, result: ImportResult) -> None:
        """Number-only rows are skipped with the reason given."""
        assert result.report.entry(13).detail == (
            "scores with no risk text: a repeated score row, not a risk"
        )
