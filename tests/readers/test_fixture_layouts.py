"""Each built-in layout on a small table written for the tests, one trap per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import RiskState
from riskmodel.readers import ImportResult, LineKind, NoteKind, read

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


@pytest.fixture(scope="module")
def divisional() -> ImportResult:
    return read(FIXTURES / "divisional.md")


@pytest.fixture(scope="module")
def operational() -> ImportResult:
    return read(FIXTURES / "operational.txt")


@pytest.fixture(scope="module")
def leicestershire() -> ImportResult:
    return read(FIXTURES / "leicestershire.txt")


@pytest.fixture(scope="module")
def cambridgeshire() -> ImportResult:
    return read(FIXTURES / "cambridgeshire.txt")


class TestDivisional:
    def test_auto(self, divisional: ImportResult) -> None:
        """auto picks the divisional layout."""
        assert divisional.layout == "leicester-city-divisional"

    def test_ids(self, divisional: ImportResult) -> None:
        """Printed refs give ids; unnumbered rows get a letter by position in their section."""
        assert [(r.id, r.ref) for r in divisional.registers[0].risks] == [
            ("1a", "1 a)"), ("1b", "b)"), ("2a", None), ("2b", None),
        ]

    def test_fused_cells(self, divisional: ImportResult) -> None:
        """A page whose score cells hold '3 5 15' is read like separate columns."""
        risk = divisional.registers[0].get("2a")
        assert (str(risk.current), risk.current.stated if risk.current else None) == ("3x5", 15)

    def test_lists(self, divisional: ImportResult) -> None:
        """Bulleted, squared and numbered cells become separate controls and actions."""
        register = divisional.registers[0]
        assert [c.text for c in register.get("1a").controls] == ["Annual survey", "Felling plan"]
        assert [a.text for a in register.get("2b").actions] == [
            "Neighbourhood watch", "Faster repairs",
        ]

    def test_cost_and_date(self, divisional: ImportResult) -> None:
        """Cost text and a date with words keep their text beside the parsed value."""
        risk = divisional.registers[0].get("1a")
        assert risk.cost is not None
        assert (risk.cost.text, risk.cost.amount) == ("£20k", 20000)
        assert risk.target_date is not None
        assert (str(risk.target_date.date), risk.target_date.note) == ("2026-10-31", "ongoing")

    def test_placeholder_owner(self, divisional: ImportResult) -> None:
        """A '?' owner is kept as printed."""
        assert divisional.registers[0].get("1b").risk_owner == "?"

    def test_page_heading_and_score_row(self, divisional: ImportResult) -> None:
        """A repeated page heading is a header; a number-only row is skipped with its reason."""
        report = divisional.report
        assert report.entry(16).detail == "page heading repeated: title"
        assert report.kind_of(11) is LineKind.SKIPPED


class TestOperational:
    def test_grouped_row(self, operational: ImportResult) -> None:
        """An unnumbered row with scores is a risk grouped under the numbered one above."""
        risk = operational.registers[0].get("1.1")
        assert (risk.ref, str(risk.current)) == (None, "4x3")

    def test_continued_row(self, operational: ImportResult) -> None:
        """A '- Continued' row after a page header merges into its risk."""
        entry = operational.report.entry(15)
        assert (entry.kind, entry.risk_id) == (LineKind.CONTINUATION, "1")
        assert [a.text for a in operational.registers[0].get("1").actions] == [
            "Extra gang in winter", "Survey all roads yearly",
        ]

    def test_amendments(self, operational: ImportResult) -> None:
        """Rows under AMENDMENTS form their own register."""
        amended = operational.registers[1]
        assert (amended.title, [str(r.target) for r in amended.risks]) == ("AMENDMENTS", ["5x1"])

    def test_deletions(self, operational: ImportResult) -> None:
        """A deleted row keeps its scores and the reason written in capitals."""
        (deleted,) = [r for r in operational.registers[0].risks
                      if r.status.state is RiskState.DELETED]
        assert (deleted.status.reason, deleted.description.split()[0]) == (
            "COVERED BY RISK 2", "Highways",
        )

    def test_review_date_words(self, operational: ImportResult) -> None:
        """A review date followed by words keeps them."""
        review = operational.registers[0].get("2").review_date
        assert review is not None
        assert review.note == "and every year end"


class TestLeicestershire:
    def test_letter_number_ratings(self, leicestershire: ImportResult) -> None:
        """'2B' and '3 C' ratings are read; the residual stage is the target."""
        register = leicestershire.registers[0]
        assert [(str(r.inherent), str(r.target)) for r in register.risks] == [
            ("2B", "3B"), ("3A", "3C"),
        ]

    def test_none_means_no_actions(self, leicestershire: ImportResult) -> None:
        """A further-action cell saying 'none' holds no actions."""
        assert leicestershire.registers[0].get("1.2").actions == ()

    def test_heatmap_disagreements(self, leicestershire: ImportResult) -> None:
        """A map cell that disagrees with the table, and a ref only in the map, are reported."""
        notes = [(n.line, n.risk_id, n.found) for n in leicestershire.report.notes
                 if (n.kind is NoteKind.DISAGREEMENT and n.field != "heatmap") or
                 "no risk of the table" in n.message]
        assert notes == [(6, "1.2", "2A"), (8, None, "1.3")]


class TestCambridgeshire:
    def test_factors_from_heatmap(self, cambridgeshire: ImportResult) -> None:
        """The heat map gives the factors of each risk's printed level."""
        register = cambridgeshire.registers[0]
        assert [(str(r.current), r.current.stated if r.current else None)
                for r in register.risks] == [("3x4", 12), ("4x3", 12)]

    def test_appetite(self, cambridgeshire: ImportResult) -> None:
        """The appetite column is read as a threshold per risk."""
        register = cambridgeshire.registers[0]
        assert [r.appetite.threshold if r.appetite else None for r in register.risks] == [9, 12]

    def test_continuation(self, cambridgeshire: ImportResult) -> None:
        """A row with only controls after a repeated header continues the risk above."""
        assert [c.text for c in cambridgeshire.registers[0].get("1").controls] == [
            "Market monitoring", "Contingency beds", "Weekly calls with providers",
        ]

    def test_not_in_heatmap(self, tmp_path: Path) -> None:
        """A risk the heat map does not place keeps its level and the loss is reported."""
        text = (FIXTURES / "cambridgeshire.txt").read_text("utf-8").replace(
            "\t4\t\t2\t\t", "\t4\t\t\t\t"
        )
        path = tmp_path / "cam.txt"
        path.write_text(text, encoding="utf-8")
        result = read(path)
        risk = result.registers[0].get("2")
        assert risk.current is not None
        assert (risk.current.likelihood, risk.current.stated) == (None, 12)
        assert [(n.risk_id, n.message) for n in result.report.problems] == [
            ("2", "the heat map does not place this risk, so its factors are unknown"),
        ]
