"""The import report accounts for every line exactly once."""

from __future__ import annotations

import pytest

from riskmodel import ReadError
from riskmodel.readers import ImportReport, LineEntry, LineKind, NoteKind, ReportBuilder


class TestReportBuilder:
    def test_every_line_once(self) -> None:
        """Lines accounted for keep their kind and detail."""
        builder = ReportBuilder("reg.txt", 2)
        builder.account(1, LineKind.HEADER, "column headers")
        builder.account(2, LineKind.RISK, "risk 1", "1")
        report = builder.build()
        assert [(e.kind, e.detail, e.risk_id) for e in report.lines] == [
            (LineKind.HEADER, "column headers", None), (LineKind.RISK, "risk 1", "1"),
        ]

    def test_twice_is_an_error(self) -> None:
        """A line accounted for twice raises ReadError naming its first kind."""
        builder = ReportBuilder("reg.txt", 1)
        builder.account(1, LineKind.SECTION)
        with pytest.raises(ReadError, match=r"reg.txt:1: line already accounted for as section"):
            builder.account(1, LineKind.RISK)

    def test_out_of_range(self) -> None:
        """A line number past the end raises ReadError."""
        with pytest.raises(ReadError):
            ReportBuilder("reg.txt", 1).account(2, LineKind.RISK)

    def test_forgotten_lines_are_problems(self) -> None:
        """A line never accounted for becomes a problem entry and a problem note."""
        report = ReportBuilder("reg.txt", 1).build()
        assert report.kind_of(1) is LineKind.PROBLEM
        assert [(n.line, n.message) for n in report.problems] == [
            (1, "the line was not recognised"),
        ]


class TestImportReport:
    def test_gap_is_rejected(self) -> None:
        """A report that skips a line cannot be built."""
        with pytest.raises(ReadError):
            ImportReport(source="x", line_count=2, lines=[LineEntry(line=1, kind="risk")])

    def test_lines_of(self) -> None:
        """lines_of lists the lines of one kind."""
        builder = ReportBuilder("x", 3)
        builder.account(1, LineKind.HEADER)
        builder.account(2, LineKind.SKIPPED, "blank line")
        builder.account(3, LineKind.HEADER)
        assert builder.build().lines_of("header") == (1, 3)

    def test_note_where(self) -> None:
        """A note prints file:line:column with columns counted from 1."""
        builder = ReportBuilder("reg.txt", 1)
        builder.account(1, LineKind.RISK, "risk 1", "1")
        builder.problem(1, "impact lost", column=4, risk_id="1", field="current.impact",
                        found="n")
        report = builder.build()
        assert report.problems[0].where("reg.txt") == "reg.txt:1:5"
        assert report.format().splitlines()[-1] == (
            "reg.txt:1:5: problem: 1 current.impact: impact lost (found 'n')"
        )

    def test_counts(self) -> None:
        """counts tallies line kinds and note kinds."""
        builder = ReportBuilder("x", 2)
        builder.account(1, LineKind.RISK, risk_id="a")
        builder.account(2, LineKind.RISK, risk_id="b")
        builder.note(NoteKind.RECOVERY, 2, "factor from product")
        assert builder.build().counts() == {"note:recovery": 1, "risk": 2}

    def test_notes_for(self) -> None:
        """notes_for selects the notes about one risk."""
        builder = ReportBuilder("x", 1)
        builder.account(1, LineKind.RISK, risk_id="a")
        builder.problem(1, "one", risk_id="a")
        builder.problem(1, "two", risk_id="b")
        assert [n.message for n in builder.build().notes_for("a")] == ["one"]


class TestEntriesBuiltInBulk:
    """Entries are built without their class's converter where the kind is a LineKind;
    they are the entries the class builds."""

    def test_entries_are_what_the_class_builds(self) -> None:
        """A kind given as a LineKind or as its word gives equal entries."""
        builder = ReportBuilder("reg.csv", 4)
        builder.account(1, LineKind.RISK, "risk 1", "1")
        builder.account(2, "skipped", "blank line")
        builder.account_span(1, 1)
        builder.account(3, LineKind.RISK, "risk 2", "2")
        builder.account_span(3, 4)
        assert builder.build().lines == (
            LineEntry(line=1, kind=LineKind.RISK, detail="risk 1", risk_id="1"),
            LineEntry(line=2, kind=LineKind.SKIPPED, detail="blank line"),
            LineEntry(line=3, kind=LineKind.RISK, detail="risk 2", risk_id="2"),
            LineEntry(line=4, kind=LineKind.RISK, detail="part of the row at line 3",
                      risk_id="2"),
        )

    def test_a_span_over_an_accounted_line_is_an_error(self) -> None:
        """A span reaching a line accounted for already raises ReadError naming its kind."""
        builder = ReportBuilder("reg.csv", 3)
        builder.account(1, LineKind.RISK, "risk 1", "1")
        builder.account(3, LineKind.SECTION, "Finance")
        with pytest.raises(ReadError, match=r"reg.csv:3: line already accounted for as section"):
            builder.account_span(1, 3)

    def test_a_span_past_the_end_is_an_error(self) -> None:
        """A span past the last line raises ReadError."""
        builder = ReportBuilder("reg.csv", 2)
        builder.account(1, LineKind.RISK, "risk 1", "1")
        with pytest.raises(ReadError, match=r"reg.csv:3: line number outside the source"):
            builder.account_span(1, 3)

    def test_an_unknown_kind_is_still_refused(self) -> None:
        """A word that is no LineKind goes through the class, which refuses it."""
        with pytest.raises(ValueError, match="'nonsense' is not a valid LineKind"):
            ReportBuilder("reg.csv", 1).account(1, "nonsense")  # type: ignore[arg-type]
