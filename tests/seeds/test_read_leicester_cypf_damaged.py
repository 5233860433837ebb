"""The damaged extraction of the CYPF register (seed 000): nothing guessed, every loss reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import Register
from riskmodel.readers import ImportResult, LineKind, NoteKind, read

from .expected_leicester_cypf import (
    BLANK_LINES_000,
    CYRILLIC_OWNER,
    DAMAGED,
    DAMAGED_LOST_COUNT,
    LINE_COUNT_DAMAGED,
    PAGE_HEADER_LINES_000,
    SECTION_LINES_000,
    SEED_CLEAN,
    SEED_DAMAGED,
    STRAY_COST_CELLS_000,
)

PARTS = ("impact", "likelihood", "product")


@pytest.fixture(scope="module")
def result(seeds: Path) -> ImportResult:
    return read(seeds / SEED_DAMAGED)


@pytest.fixture(scope="module")
def register(result: ImportResult) -> Register:
    (only,) = result.registers
    return only


@pytest.fixture(scope="module")
def clean(seeds: Path) -> Register:
    return read(seeds / SEED_CLEAN).registers[0]


def _triple(assessment: object) -> tuple[int | None, int | None, int | None]:
    impact = getattr(assessment, "impact", None)
    likelihood = getattr(assessment, "likelihood", None)
    stated = getattr(assessment, "stated", None)
    return (
        int(impact.code) if impact else None,
        int(likelihood.code) if likelihood else None,
        int(stated) if stated is not None else None,
    )


class TestRisks:
    def test_all_found(self, register: Register) -> None:
        """All 25 risks are found in order, on their lines."""
        assert [(r.id, r.provenance.line if r.provenance else None) for r in register.risks] == [
            (d["id"], d["line"]) for d in DAMAGED
        ]

    @pytest.mark.parametrize("expected", DAMAGED, ids=[str(d["id"]) for d in DAMAGED])
    def test_proven_values_kept(self, register: Register, expected: dict[str, object]) -> None:
        """Every value the damaged cells prove is read."""
        risk = register.get(str(expected["id"]))
        for stage in ("current", "target"):
            got = _triple(getattr(risk, stage))
            wanted = expected[stage]
            assert isinstance(wanted, tuple)
            assert [g for g, w in zip(got, wanted, strict=True) if w is not None] == [
                w for w in wanted if w is not None
            ]

    def test_no_number_disagrees_with_clean(self, register: Register, clean: Register) -> None:
        """No number read from 000 disagrees with the clean 002 register."""
        for risk in register.risks:
            twin = clean.get(risk.id)
            for stage in ("current", "target"):
                mine, theirs = _triple(getattr(risk, stage)), _triple(getattr(twin, stage))
                assert all(m is None or m == t for m, t in zip(mine, theirs, strict=True)), (
                    risk.id, stage, mine, theirs,
                )

    def test_cyrillic_owner_kept(self, register: Register) -> None:
        """The owner printed in Cyrillic letters is kept as printed, not transliterated."""
        assert register.get(str(CYRILLIC_OWNER["id"])).risk_owner == CYRILLIC_OWNER["text"]

    def test_sections(self, register: Register) -> None:
        """The ten sections are read despite stray marks in their rows."""
        assert [s.ref for s in register.sections] == list(SECTION_LINES_000.values())


class TestLostValues:
    def test_every_loss_reported(self, result: ImportResult) -> None:
        """Each value 000 cannot prove has a problem note naming the risk and part."""
        problems = {(n.risk_id, n.field) for n in result.report.problems}
        lost = {(str(d["id"]), field) for d in DAMAGED for field in d["lost"]}  # type: ignore[attr-defined]
        assert lost <= problems

    def test_count(self, result: ImportResult) -> None:
        """Exactly the transcribed number of score parts are reported lost."""
        parts = [n for n in result.report.problems
                 if n.field.split(".")[-1] in PARTS and n.risk_id is not None]
        assert len(parts) == DAMAGED_LOST_COUNT

    def test_problems_say_what_was_seen(self, result: ImportResult) -> None:
        """A run-together cell is reported with its text and column."""
        (note,) = [n for n in result.report.problems
                   if (n.risk_id, n.field) == ("9a", "target.product")]
        assert (note.line, note.column, note.found) == (56, 8, "26")

    def test_recoveries_have_evidence(self, register: Register, result: ImportResult) -> None:
        """A factor filled from the product is named in a recovery note with its evidence."""
        recovered = {(n.risk_id, n.field) for n in result.report.notes
                     if n.kind is NoteKind.RECOVERY}
        for expected in DAMAGED:
            risk = register.get(str(expected["id"]))
            for field in expected["lost"]:  # type: ignore[attr-defined]
                stage, part = field.split(".")
                value = _triple(getattr(risk, stage))[PARTS.index(part)]
                assert value is None or (risk.id, field) in recovered
        assert sorted(recovered) == [
            ("10a", "target.impact"), ("2a", "current.impact"), ("2a", "target.impact"),
            ("2b", "current.impact"), ("4a", "current.impact"), ("7a", "target.impact"),
            ("9a", "target.likelihood"), ("9a", "target.product"),
        ]


class TestOtherDamage:
    def test_text_problems(self, result: ImportResult) -> None:
        """Lost risk text, a split owner/date cell and Cyrillic initials are each reported."""
        assert [
            (n.line, n.risk_id, n.field, n.found) for n in result.report.problems
            if n.field.split(".")[-1] not in PARTS and n.risk_id is not None
            and n.field != "target"
        ] == [
            (11, "1e", "description", ""),
            (47, "7a", "description", ""),
            (17, "2a", "target_date", "r 30/09/16"),
            (18, "2b", "target_date", "r 30/09/16"),
            (29, "2h", "risk_owner", CYRILLIC_OWNER["text"]),
        ]

    def test_stray_marks_in_section_row(self, result: ImportResult) -> None:
        """Stray marks in the section 3 row are reported with their columns."""
        assert [(n.line, n.column) for n in result.report.problems if n.risk_id is None] == [
            (30, 7), (30, 8),
        ]


class TestCostColumn:
    """The cost column after the damaged score cells holds stray digits, never a cost."""

    def test_no_cost_read(self, register: Register, clean: Register) -> None:
        """No risk has a cost, as in the clean 002 register."""
        assert [(r.id, r.cost) for r in register.risks if r.cost is not None] == []
        assert [r.id for r in clean.risks if r.cost is not None] == []

    def test_stray_digits_reported(self, result: ImportResult) -> None:
        """Each stray mark is a problem on the target at its line and column (the cost
        cell), with what was printed."""
        strays = [(n.line, n.column) for n in result.report.problems if n.field == "target"]
        assert [line for line, _ in strays] == [
            line for line, cell in STRAY_COST_CELLS_000.items() if cell != "taken"]
        assert {column for _, column in strays} == {9}

    def test_target_rating_after_the_score_cells(self, register: Register,
                                                 result: ImportResult) -> None:
        """Risk 9a's target rating 6, printed one cell right of its score cells, is read
        because its impact 3 proves it (likelihood 2 recovered), as 002 prints it."""
        target = register.get("9a").target
        assert target is not None
        assert (target.impact.code if target.impact else None,
                target.likelihood.code if target.likelihood else None, target.stated) == (
            "3", "2", 6)
        (note,) = [n for n in result.report.notes
                   if (n.risk_id, n.field, n.kind) == ("9a", "target.product", NoteKind.RECOVERY)]
        assert (note.line, note.column, note.found) == (56, 9, "6")


class TestReport:
    def test_every_line(self, result: ImportResult) -> None:
        """All 58 lines are accounted for."""
        assert len(result.report.lines) == LINE_COUNT_DAMAGED

    def test_page_headings(self, result: ImportResult) -> None:
        """Each two-line page heading is accounted for as header lines."""
        lines = [line for pair in PAGE_HEADER_LINES_000 for line in pair]
        assert {result.report.kind_of(n) for n in lines} == {LineKind.HEADER}

    def test_sections_and_blanks(self, result: ImportResult) -> None:
        """Section rows are sections and blank lines are skipped."""
        assert result.report.lines_of("section") == tuple(SECTION_LINES_000)
        assert result.report.lines_of("skipped") == tuple(BLANK_LINES_000)

    def test_damaged_header_says_so(self, result: ImportResult) -> None:
        """A header whose score columns are unreadable says they are read by position."""
        assert result.report.entry(2).detail == (
            "column headers (13 cells; score columns unnamed, read by position)"
        )
