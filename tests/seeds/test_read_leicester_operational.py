"""The Leicester operational register (seed 001): grouped rows, page breaks, amendments, deletions."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import Register, RiskState
from riskmodel.readers import ImportResult, LineKind, read

from . import fingerprint
from .expected_leicester_operational import (
    AMENDMENTS,
    DASH_SEPARATOR_LINES,
    DELETIONS,
    LINE_COUNT,
    NONE_LINES,
    PAGE_HEADER_LINES,
    REGISTER,
    RISKS,
    SECTION_MARKER_LINES,
    SEED,
    STRATEGIC_AREAS,
)

CONTINUED = [r for r in RISKS if r["continued_on_next_page"]]
SCORED_AMENDMENTS = [a for a in AMENDMENTS if a["current"] != (None, None, None)]
GROUPED = [(str(r["ref"]), n, g) for r in RISKS for n, g in enumerate(r["grouped"], 1)]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def result(seeds: Path) -> ImportResult:
    return read(seeds / SEED)


@pytest.fixture(scope="module")
def main(result: ImportResult) -> Register:
    return result.registers[0]


@pytest.fixture(scope="module")
def amended(result: ImportResult) -> Register:
    return result.registers[1]


def _triple(assessment: object) -> tuple[int | None, int | None, int | None]:
    impact = getattr(assessment, "impact", None)
    likelihood = getattr(assessment, "likelihood", None)
    stated = getattr(assessment, "stated", None)
    return (
        int(impact.code) if impact else None,
        int(likelihood.code) if likelihood else None,
        int(stated) if stated is not None else None,
    )


class TestRegister:
    def test_metadata(self, result: ImportResult, main: Register) -> None:
        """The operational layout is chosen; title, owner and as-at date are read."""
        assert result.layout == "leicester-city-operational"
        assert main.title == REGISTER["title"]
        assert main.owner == REGISTER["owner"]
        assert str(main.as_at) == "2017-04-30"

    def test_areas(self, main: Register) -> None:
        """The five strategic areas are the sections."""
        assert [s.title for s in main.sections] == [name for _, name in STRATEGIC_AREAS]

    def test_parts(self, result: ImportResult) -> None:
        """The main register (with its deletions) and the amendments are two registers."""
        assert [len(r.risks) for r in result.registers] == [44 + 15 + len(DELETIONS), 36]


class TestNumberedRisks:
    @pytest.mark.parametrize("expected", RISKS, ids=[str(r["ref"]) for r in RISKS])
    def test_each(self, main: Register, expected: dict[str, object]) -> None:
        """Each numbered risk has its area, scores, owner, review date and cost."""
        risk = main.get(str(expected["ref"]))
        assert risk.ref == expected["ref"]
        assert risk.section == expected["strategic_area"]
        assert risk.provenance is not None
        assert risk.provenance.line == expected["line"]
        assert fingerprint(risk.description) == expected["first_words"]
        assert _triple(risk.current) == expected["current"]
        assert _triple(risk.target) == expected["target"]
        assert risk.risk_owner == expected["owner"]
        assert risk.review_date is not None
        assert risk.review_date.text == expected["review_date"]
        if expected["cost"] is not None:
            assert (risk.cost.text if risk.cost else "") == expected["cost"]

    def test_missing_ref(self, main: Register) -> None:
        """Ref 27 is never printed, so no risk has it."""
        assert main.by_ref("27") == ()


class TestGroupedRows:
    @pytest.mark.parametrize(
        ("under", "n", "expected"), GROUPED, ids=[f"{u}.{n}" for u, n, _ in GROUPED]
    )
    def test_each(self, main: Register, under: str, n: int, expected: dict[str, object]) -> None:
        """An unnumbered row is a risk of its own, id'd under the numbered risk above it."""
        risk = main.get(f"{under}.{n}")
        assert risk.ref is None
        assert risk.provenance is not None
        assert risk.provenance.line == expected["line"]
        assert fingerprint(risk.description) == expected["first_words"]
        assert _triple(risk.current) == expected["current"]
        assert _triple(risk.target) == expected["target"]
        assert risk.risk_owner == expected["owner"]
        assert risk.review_date is not None
        assert risk.review_date.text == expected["review_date"]

    def test_count(self) -> None:
        """Fifteen grouped rows are transcribed."""
        assert len(GROUPED) == 15


class TestPageBreaks:
    def test_continued_row(self, result: ImportResult) -> None:
        """The '- Continued' row after a page header merges into its risk."""
        assert [
            (result.report.kind_of(int(str(r["continuation_line"]))),
             result.report.entry(int(str(r["continuation_line"]))).risk_id)
            for r in CONTINUED
        ] == [(LineKind.CONTINUATION, r["ref"]) for r in CONTINUED]

    def test_page_headers(self, result: ImportResult) -> None:
        """Every repeated column header is a header line."""
        assert all(result.report.kind_of(n) is LineKind.HEADER for n in PAGE_HEADER_LINES)

    def test_dash_lines(self, result: ImportResult) -> None:
        """Lines of dashes are table rules, not risks."""
        assert all(result.report.kind_of(n) is LineKind.HEADER for n in DASH_SEPARATOR_LINES)


class TestAmendments:
    def test_rows(self, amended: Register) -> None:
        """Each amendment row is read with its scores, owner and review date."""
        got = [
            (r.provenance.line if r.provenance else None, _triple(r.current), _triple(r.target),
             r.risk_owner, r.review_date.text if r.review_date else None)
            for r in amended.risks
        ]
        assert got == [
            (a["line"], a["current"], a["target"], a["owner"], a["review_date"])
            for a in SCORED_AMENDMENTS
        ]

    def test_refs(self, amended: Register) -> None:
        """Numbered amendment rows keep their printed ref; the '- Continued' row merges."""
        assert len(amended.risks) == len(SCORED_AMENDMENTS) == 36
        assert [r.ref for r in amended.risks if r.ref] == [
            a["ref"] for a in SCORED_AMENDMENTS if a["ref"] == a["under"]
        ]

    def test_marker(self, result: ImportResult) -> None:
        """The AMENDMENTS and DELETIONS rows open their parts."""
        assert all(
            result.report.kind_of(line) is LineKind.SECTION
            for line in SECTION_MARKER_LINES.values()
        )


class TestDeletions:
    def test_rows(self, main: Register) -> None:
        """Each deleted risk keeps its scores and its reason, in capitals as printed."""
        deleted = [r for r in main.risks if r.status.state is RiskState.DELETED]
        assert [r.provenance.line if r.provenance else None for r in deleted] == [
            d["line"] for d in DELETIONS
        ]
        for risk, expected in zip(deleted, DELETIONS, strict=True):
            assert risk.status.reason is not None
            assert risk.status.reason.startswith(str(expected["reason_words"]))
            assert fingerprint(risk.description) == expected["first_words"]
            assert _triple(risk.current) == expected["current"]
            assert _triple(risk.target) == expected["target"]
            assert risk.risk_owner == expected["owner"]
            assert risk.ref is None

    def test_none_rows(self, result: ImportResult) -> None:
        """A NONE row is skipped with its reason."""
        assert [result.report.entry(n).detail for n in NONE_LINES] == [
            "the area has no risks here", "the area has no risks here",
        ]


class TestReport:
    def test_every_line(self, result: ImportResult) -> None:
        """All 475 lines are accounted for and nothing is a problem."""
        assert len(result.report.lines) == LINE_COUNT
        assert result.report.problems == ()
