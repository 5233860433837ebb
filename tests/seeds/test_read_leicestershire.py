"""The Leicestershire plan (seed 003) yields two registers, cross-checked with their heat maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import Register, check
from riskmodel.readers import ImportResult, NoteKind, read

from . import fingerprint
from .expected_leicestershire import DISAGREEMENTS, HEATMAPS, N_LINES, REGISTERS, SEED_FILE

PAIRS = [(reg["key"], risk) for reg in REGISTERS for risk in reg["risks"]]


@pytest.fixture(scope="module")
def result(seeds: Path) -> ImportResult:
    return read(seeds / SEED_FILE)


def _register(result: ImportResult, key: str) -> Register:
    index = [reg["key"] for reg in REGISTERS].index(key)
    return result.registers[index]


def _pair(assessment: object) -> tuple[int, str] | None:
    likelihood = getattr(assessment, "likelihood", None)
    impact = getattr(assessment, "impact", None)
    if likelihood is None or impact is None:
        return None
    return (int(likelihood.code), impact.code)


class TestRegisters:
    def test_two_registers(self, result: ImportResult) -> None:
        """The major-risk appendix and the inherent register are read apart, titled."""
        assert result.layout == "leicestershire"
        assert [r.title for r in result.registers] == [reg["title_words"] for reg in REGISTERS]
        assert [len(r.risks) for r in result.registers] == [reg["n_risks"] for reg in REGISTERS]

    @pytest.mark.parametrize("expected", REGISTERS, ids=[str(r["key"]) for r in REGISTERS])
    def test_sections(self, result: ImportResult, expected: dict[str, object]) -> None:
        """Each register has its own area rows as sections."""
        register = _register(result, str(expected["key"]))
        assert [f"{s.ref}. {s.title}" for s in register.sections] == [
            text for _, text in expected["area_rows"]  # type: ignore[attr-defined]
        ]

    def test_overlapping_refs(self, result: ImportResult) -> None:
        """A ref printed in both registers names a different risk in each."""
        major, inherent = result.registers
        assert major.find("4.1").inherent != inherent.find("4.1").inherent


class TestRisks:
    @pytest.mark.parametrize(
        ("key", "expected"), PAIRS, ids=[f"{k}-{r['ref']}" for k, r in PAIRS]
    )
    def test_each_risk(self, result: ImportResult, key: str, expected: dict[str, object]) -> None:
        """Each risk has its ref, area, ratings, owners, controls and actions as printed."""
        register = _register(result, key)
        risk = register.get(str(expected["ref"]))
        assert risk.ref == expected["ref_printed"]
        assert f"{risk.section}" == str(expected["area"]).split(". ", 1)[1]
        assert risk.provenance is not None
        assert risk.provenance.line == expected["line"]
        assert fingerprint(risk.description) == expected["first_words"]
        inherent, residual = expected["inherent"], expected["residual"]
        assert _pair(risk.inherent) == inherent["parsed"]  # type: ignore[index]
        assert _pair(risk.target) == residual["parsed"]  # type: ignore[index]
        assert risk.target is not None
        assert risk.target.text == residual["printed"]  # type: ignore[index]
        assert (risk.risk_owner or "") == " ".join(expected["risk_owner_parts"])  # type: ignore[arg-type]
        assert (risk.action_owner or "") == " ".join(expected["action_owner_parts"])  # type: ignore[arg-type]
        assert len(risk.controls) == expected["n_controls"]
        assert len(risk.actions) == expected["n_actions"]


class TestHeatMaps:
    @pytest.mark.parametrize("index", [0, 1])
    def test_placements(self, result: ImportResult, index: int) -> None:
        """Each heat map is read with the column shift corrected, each placement named by
        the ref its risk is printed with in the table (the heat map prints 1.1 for the
        table's 1.1.)."""
        register = result.registers[index]
        (heatmap,) = register.heatmaps
        printed = {risk.id: risk.ref for risk in register.risks}  # ids are the bare refs
        assert heatmap.stage.value == "inherent"
        assert [
            (p.ref, int(p.score.likelihood.code), p.score.impact.code)
            for p in heatmap.placements
        ] == [(printed.get(ref, ref), likelihood, impact)
              for ref, likelihood, impact in HEATMAPS[index]["placements"]]

    def test_no_disagreement_over_a_full_stop(self, result: ImportResult) -> None:
        """check finds no heat map disagreement in the inherent register, whose table
        prints 1.1. where its heat map prints 1.1 (14 RM702/RM703 findings before)."""
        findings = check(result.registers[1])
        assert [f.code for f in findings if f.code in ("RM701", "RM702", "RM703")] == []

    def test_real_disagreements_still_found(self, result: ImportResult) -> None:
        """The major-risks register's heat map still disagrees with its table where it
        places refs the table does not have, and leaves out refs it has."""
        found = [(f.code, f.evidence["ref"]) for f in check(result.registers[0])
                 if f.code in ("RM702", "RM703")]
        assert sorted(found) == [
            ("RM702", "10.3"), ("RM702", "6.5"), ("RM702", "9.4"), ("RM703", "10.2"),
            ("RM703", "2.7"), ("RM703", "2.8"), ("RM703", "2.9"), ("RM703", "6.4"),
            ("RM703", "9.3"),
        ]

    def test_shift_reported(self, result: ImportResult) -> None:
        """The shifted number row of each heat map is reported where it is printed."""
        lines = [
            n.line for n in result.report.notes
            if n.kind is NoteKind.DISAGREEMENT and n.field == "heatmap" and n.risk_id is None
            and "axis numbers" in n.message
        ]
        assert lines == [h["number_row_line"] for h in HEATMAPS]

    def test_every_disagreement(self, result: ImportResult) -> None:
        """Refs missing from the heat map, or from the table, are each reported."""
        notes = [n for n in result.report.notes if n.kind is NoteKind.DISAGREEMENT]
        not_placed = sorted(n.risk_id for n in notes if n.risk_id and "does not place" in n.message)
        unknown = sorted(n.found for n in notes if "no risk of the table" in n.message)
        major = DISAGREEMENTS["major"]
        assert not_placed == sorted(major["in_table_not_heatmap"])  # type: ignore[arg-type]
        assert unknown == sorted(major["in_heatmap_not_table"])  # type: ignore[arg-type]

    def test_no_inherent_disagreement(self, result: ImportResult) -> None:
        """No placed ref disagrees with its inherent rating."""
        assert not [n for n in result.report.notes if "puts this risk at" in n.message]


class TestReport:
    def test_every_line(self, result: ImportResult) -> None:
        """The report accounts for all 417 lines with no problem."""
        assert len(result.report.lines) == N_LINES
        assert result.report.problems == ()

    def test_heatmap_lines(self, result: ImportResult) -> None:
        """Both six-line heat maps are accounted for as heat map lines."""
        assert result.report.lines_of("heatmap") == tuple(
            line for h in HEATMAPS for line in range(h["start_line"], h["end_line"] + 1)
        )
