"""Registers of bodies riskmodel has no layout for: each of the seven ways they failed to
come in, on fixtures written for the tests (a police and crime commissioner, a Scottish
council, a borough council, a town council and three parish councils)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import riskmodel
from riskmodel import ReadError, check, load_scheme
from riskmodel.cli import main
from riskmodel.readers import ImportResult, LineKind, NoteKind, read, read_text

from .bodies import (
    ASHCOMBE,
    EXAMPLES,
    GLENMUIR,
    HARWELL,
    LAYOUTS,
    PCC,
    SEDGEBROOK,
    THORNBY,
    borough_workbook,
)

WORDS = EXAMPLES / "words-3x3.toml"
DIMENSIONS = EXAMPLES / "dimensions-na-5x5.toml"


def scores(result: ImportResult, stage: str) -> list[tuple[str, str | None, float | None]]:
    """Each risk's id, cell (``likelihood x impact``) and printed rating at *stage*."""
    out = []
    for risk in result.registers[0].risks:
        a = risk.assessment(stage)
        cell = None if a is None or a.score is None else str(a.score)
        out.append((risk.id, cell, None if a is None else a.stated))
    return out


def header_notes(result: ImportResult, kind: NoteKind) -> list[tuple[int | None, str]]:
    """The report's notes of *kind* about the header: column (from 1) and cell."""
    return [(None if n.column is None else n.column + 1, n.found) for n in result.report.notes
            if n.field == "header" and n.kind is kind]


@pytest.fixture(scope="module")
def pcc() -> ImportResult:
    return read(PCC)


@pytest.fixture(scope="module")
def glenmuir() -> ImportResult:
    return read(GLENMUIR)


@pytest.fixture(scope="module")
def borough(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    pytest.importorskip("openpyxl", reason="needs openpyxl: pip install 'riskmodel[excel]'")
    return read(borough_workbook(tmp_path_factory.mktemp("borough")))


@pytest.fixture(scope="module")
def harwell() -> ImportResult:
    return read(HARWELL, layouts=[LAYOUTS], scheme=WORDS)


@pytest.fixture(scope="module")
def thornby() -> ImportResult:
    return read(THORNBY, scheme="generic-5x5")


@pytest.fixture(scope="module")
def sedgebrook() -> ImportResult:
    return read(SEDGEBROOK, scheme=DIMENSIONS)


class TestHeaderWords:
    """1. A table is read by its header words alone, in any order and case."""

    def test_pcc_csv(self, pcc: ImportResult) -> None:
        """The commissioner's CSV is read by the generic layout, every column named."""
        assert (pcc.layout, pcc.reason) == ("generic", (
            "the header row at line 2 names 19 columns (100% of its filled cells) with the "
            "header vocabulary; the closest named layout, riskmodel-export, names 5"))
        assert [(r.ref, r.description) for r in pcc.registers[0].risks][:2] == [
            ("PCC01", "Police precept not agreed by the panel in time"),
            ("PCC02", "Commissioned victim services cannot meet demand")]

    def test_pcc_exact_scores(self, pcc: ImportResult) -> None:
        """Every one of the twelve printed scores comes in, with its cell."""
        assert [scores(pcc, stage) for stage in ("inherent", "current", "target")] == [
            [("PCC01", "4x5", 20), ("PCC02", "5x4", 20), ("PCC03", "3x4", 12),
             ("PCC04", "3x3", 9)],
            [("PCC01", "3x4", 12), ("PCC02", "4x4", 16), ("PCC03", "2x4", 8),
             ("PCC04", "2x3", 6)],
            [("PCC01", "2x4", 8), ("PCC02", "3x3", 9), ("PCC03", "1x4", 4),
             ("PCC04", "2x2", 4)],
        ]
        assert pcc.report.problems == ()

    def test_workbook_in_an_unusual_order(self, borough: ImportResult) -> None:
        """A workbook whose columns run Owner, Score, Impact, Likelihood, Risk, Ref is read
        with exact scores and bands."""
        assert borough.layout == "generic"
        assert scores(borough, "current") == [
            ("SBC1", "5x4", 20), ("SBC2", "3x4", 12), ("SBC3", "2x5", 10), ("SBC4", "2x2", 4)]
        assert [r.current.stated_band for r in borough.registers[0].risks
                if r.current is not None] == ["red", "amber", "green", "yellow"]
        assert borough.registers[0].title == (
            "Stourmouth Borough Council - Corporate Risk Register, quarter 1 2026/27")

    def test_markdown(self, glenmuir: ImportResult) -> None:
        """The council's markdown tables are read with their titles, descriptions and
        owners, and the current scores exact."""
        risk = glenmuir.registers[0].get("GC-RD-02")
        assert (risk.title, risk.description, risk.risk_owner) == (
            "Ferry terminal ramp closes",
            "The linkspan bearing was found worn at the last inspection",
            "Head of Marine Services")
        assert scores(glenmuir, "current") == [
            ("GC-ED-01", "4x5", 20), ("GC-ED-02", "4x4", 16), ("GC-RD-01", "3x4", 12),
            ("GC-RD-02", "2x5", 10)]

    @pytest.mark.parametrize("source", ["csv", "xlsx", "md"])
    def test_command_line_auto(self, source: str, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
        """riskmodel import --layout auto writes each table with exact scores, with no
        other flag; the only problem is the borough's RAG word that disagrees with its
        factors."""
        if source == "xlsx":
            pytest.importorskip("openpyxl", reason="needs openpyxl")
        path = {"csv": PCC, "md": GLENMUIR}.get(source) or borough_workbook(tmp_path)
        out = tmp_path / "out.json"
        assert main(["import", str(path), "--layout", "auto", "-o", str(out)]) == 0
        printed = capsys.readouterr().out
        assert "layout generic" in printed
        assert f"  problems: {1 if source == 'xlsx' else 0}\n" in printed
        written = riskmodel.load(out)
        assert [(r.id, str(r.current), r.current.stated) for r in written
                if r.current is not None] == [
            (r.id, str(r.current), r.current.stated)
            for r in read(path).registers[0].risks if r.current is not None]

    def test_named_layouts_still_win(self) -> None:
        """A table with a built-in layout's own header is read with that layout."""
        text = ("| What could go wrong | Score with existing measures | | | Target score | | |"
                " Risk Owner |\n| a) Grants cut | 4 | 3 | 12 | 3 | 3 | 9 | FD |")
        assert read_text(text).layout == "leicester-city-divisional"

    def test_user_vocabulary(self) -> None:
        """A vocabulary.toml in a layouts folder adds header words: 'Member champion' is
        the risk owner with it, and a note without it."""
        plain = read(THORNBY, scheme="generic-5x5")
        extended = read(THORNBY, scheme="generic-5x5", layouts=[LAYOUTS])
        first, second = plain.registers[0].risks[0], extended.registers[0].risks[0]
        assert (first.risk_owner, first.notes) == (None, (("Member champion", "Cllr Dunn"),))
        assert (second.risk_owner, second.notes) == ("Cllr Dunn", ())


class TestWordRatings:
    """2. Ratings printed as words: letter factors, a level word, RAG, action status."""

    def test_letter_factors(self, harwell: ImportResult) -> None:
        """H/M/L frequency and severity read as the levels the layout maps them to."""
        assert scores(harwell, "current") == [
            ("row2", "Medium/High", 8), ("row3", "High/Medium", 7), ("row4", "Low/High", 6),
            ("row5", "Medium/Medium", 4)]

    def test_level_word(self) -> None:
        """A level printed L, M or H is the band the layout maps it to, with no factors."""
        result = read(ASHCOMBE, layouts=[LAYOUTS])
        assert [(r.id, r.current.stated_band if r.current else None, r.current.score
                 if r.current else None) for r in result.registers[0].risks] == [
            ("1a", "amber", None), ("1b", "green", None), ("2a", "green", None),
            ("2b", "green", None), ("3a", "red", None)]

    def test_rag_word(self, thornby: ImportResult) -> None:
        """A RAG colour is the stated band of the risk's one assessment."""
        assert [(r.id, r.current.stated_band if r.current else None)
                for r in thornby.registers[0].risks] == [
            ("A1", "green"), ("A2", "amber"), ("A3", "green")]

    def test_band_word_checked(self, borough: ImportResult) -> None:
        """A RAG word that disagrees with its factors is kept, reported by the import at
        its cell, and found by check (RM105)."""
        assert [(f.code, f.risk_id, f.evidence["stated_band"], f.evidence["band"])
                for f in check(borough.registers[0]) if f.code == "RM105"] == [
            ("RM105", "SBC3", "green", "amber")]
        assert [(n.risk_id, n.field, n.message) for n in borough.report.problems] == [
            ("SBC3", "current.band", "the stated band green is not amber, the band of 2x5")]

    @pytest.mark.parametrize(("text", "column"), [
        ("Ref\tRisk\tLikelihood\tImpact\tRating\n1\tData breach\t5\t5\tLow\n", 4),
        ("Ref\tRisk\tCurrent risk\n1\tData breach\t5x5 Green\n2\tFlood\t1x1 Green\n", 2),
    ])
    def test_band_word_checked_in_any_cell(self, text: str, column: int) -> None:
        """A band word in the rating column, or in a one-cell score, that is not the band
        of its factors is reported at that cell."""
        result = read_text(text, stage="current")
        assert [(n.line, n.column, n.message) for n in result.report.problems] == [
            (2, column, "the stated band green is not red, the band of 5x5")]

    def test_action_status(self, pcc: ImportResult) -> None:
        """Each action keeps its status as printed (G, A, R, Complete)."""
        assert [[a.status for a in r.actions] for r in pcc.registers[0].risks] == [
            ["G", "A"], ["A", "G", "R"], ["Complete"], []]

    def test_unmapped_word_reported(self) -> None:
        """A letter the layout does not map is a problem that names the scheme, not a
        guessed level."""
        result = read(ASHCOMBE, scheme="generic-4x4")
        assert [(n.line, n.field, n.found) for n in result.report.problems] == [
            (7, "current.product", "M"), (8, "current.product", "L"),
            (9, "current.product", "L"), (10, "current.product", "L"),
            (11, "current.product", "H")]


class TestUnmappedColumns:
    """3. A column in the header that no field holds is kept as a note, or ignored, and
    the report names it."""

    def test_kept_as_notes(self, borough: ImportResult) -> None:
        """The Comments column is kept on each risk under its header, where filled."""
        assert [(r.id, r.notes) for r in borough.registers[0].risks] == [
            ("SBC1", (("Comments", "Savings plan to cabinet in July"),)), ("SBC2", ()),
            ("SBC3", (("Comments", "RAG not updated since the audit"),)), ("SBC4", ())]
        assert header_notes(borough, NoteKind.KEPT) == [(10, "Comments")]

    def test_ignored(self, harwell: ImportResult) -> None:
        """The layout ignores the Checked column: nothing is read from it, and the report
        says so once, at the header."""
        assert [r.notes for r in harwell.registers[0].risks] == [(), (), (), ()]
        assert header_notes(harwell, NoteKind.UNREAD) == [(8, "Checked")]

    def test_notes_written_as_an_object(self, borough: ImportResult) -> None:
        """In JSON the notes are an object keyed by header."""
        document = json.loads(riskmodel.dumps(borough.registers[0]))
        assert document["risks"][0]["notes"] == {"Comments": "Savings plan to cabinet in July"}

    def test_repeated_header_suffixed(self) -> None:
        """A header printed twice keeps both columns, the second with a suffix."""
        text = ("Ref\tRisk\tLikelihood\tImpact\tScore\tNotes\tNotes\n"
                "W1\tWeir gate jams\t2\t3\t6\tChecked in May\tParts on order\n")
        result = read_text(text, scheme="generic-5x5", stage="current")
        assert result.registers[0].risks[0].notes == (
            ("Notes", "Checked in May"), ("Notes (2)", "Parts on order"))

    def test_cells_outside_the_header(self) -> None:
        """A cell beyond the header's last column is kept as 'Column N' and reported."""
        text = ("Ref\tRisk\tLikelihood\tImpact\tScore\n"
                "W1\tWeir gate jams\t2\t3\t6\tsee minute 12\n")
        result = read_text(text, scheme="generic-5x5", stage="current")
        assert result.registers[0].risks[0].notes == (("Column 6", "see minute 12"),)
        assert [(n.line, n.column) for n in result.report.problems] == [(2, 5)]

    @pytest.mark.parametrize("printed", ["N/A", "n/a", "Not assessed", "TBC", "-"])
    def test_not_scored(self, printed: str) -> None:
        """A stage printed as not scored keeps its text, with no factor and no problem."""
        text = ("Ref\tRisk\tLikelihood\tImpact\tScore\n"
                f"W1\tWeir gate jams\t{printed}\t{printed}\t{printed}\n"
                "W2\tSluice fails\t2\t3\t6\n")
        result = read_text(text, scheme="generic-5x5", stage="current")
        first, second = result.registers[0].risks
        assert first.current is not None
        assert (first.current.text, first.current.likelihood, first.current.impact,
                first.current.stated) == (f"{printed} {printed} {printed}", None, None, None)
        assert str(second.current) == "2x3"
        assert result.report.problems == ()

    def test_a_year_in_a_data_row_is_a_ref(self) -> None:
        """Inside a table, a row whose ref is a year is a risk, not another header."""
        text = ("Ref\tRisk\tOwner\tProgress\tLikelihood\tImpact\n"
                "2023\tData breach\tJ Smith\tNot started\t3\t4\n"
                "2024\tFraud\tIT Manager\tIn progress\t2\tMajor\n")
        result = read_text(text, scheme="generic-5x5")
        assert [(r.id, str(r.current)) for r in result.registers[0].risks] == [
            ("2023", "3x4"), ("2024", "2x4")]

    def test_one_part_not_scored(self) -> None:
        """A RAG cell printed N/A beside its factors is not scored, and the factors read."""
        text = ("Ref\tRisk\tLikelihood\tImpact\tRAG\n1\tData breach\t3\t4\tN/A\n"
                "2\tFlood\t5\t5\tRed\n")
        result = read_text(text, stage="current")
        assert (result.scheme, [str(r.current) for r in result.registers[0].risks],
                result.report.problems) == ("generic-5x5", ["3x4", "5x5, band red"], ())

    def test_cells_under_an_empty_header_cell(self) -> None:
        """A cell under an empty header cell is kept as 'Column N', and the problem says
        where it lies."""
        text = ("Ref\tRisk\t\tLikelihood\tImpact\tScore\n"
                "W1\tWeir gate jams\tsee map\t2\t3\t6\n")
        result = read_text(text, scheme="generic-5x5", stage="current")
        assert result.registers[0].risks[0].notes == (("Column 3", "see map"),)
        assert [(n.line, n.column, n.message) for n in result.report.problems] == [
            (2, 2, "a cell lies under an empty header cell; it is kept in the notes as "
                   "'Column 3'")]
        trailing = read_text("Ref\tRisk\tLikelihood\tImpact\t\nW1\tWeir\t2\t3\tsee map\n",
                             scheme="generic-5x5", stage="current")
        assert [(n.column, n.message) for n in trailing.report.problems] == [
            (4, "a cell lies under an empty header cell; it is kept in the notes as "
                "'Column 5'")]


class TestStages:
    """4. Score groups are told apart by their group words; an unnamed stage is settled by
    a stated rule or a flag, never silently."""

    def test_two_row_header(self, pcc: ImportResult) -> None:
        """Inherent, Residual and Target over L, I, Score: residual is the current stage,
        and both header lines are accounted for as the header."""
        assert [pcc.report.entry(n).detail for n in (2, 3)] == [
            "column headers (19 cells, over 2 rows)"] * 2
        assert header_notes(pcc, NoteKind.ASSUMPTION) == [(18, "Status")]

    def test_three_groups_without_words(self, glenmuir: ImportResult) -> None:
        """Three identical groups are read as inherent, current and target, and the report
        says so for each group."""
        assert [n.message.split(":")[1].split("(")[0].strip() for n in glenmuir.report.notes
                if n.field == "header" and n.kind is NoteKind.ASSUMPTION] == [
            "read as inherent", "read as current", "read as target"]
        assert scores(glenmuir, "target")[:2] == [("GC-ED-01", "2x4", 8),
                                                   ("GC-ED-02", "2x3", 6)]

    def test_one_group_assumed_current(self, thornby: ImportResult) -> None:
        """One score with no stage word is the current one, and the report says so."""
        (note,) = [n for n in thornby.report.notes if n.kind is NoteKind.ASSUMPTION]
        assert note.message.startswith(
            "the score columns RAG (column 4) name no stage: read as current")

    def test_stage_flag(self) -> None:
        """--stage target reads the one unnamed group as the target, with no assumption."""
        result = read(THORNBY, scheme="generic-5x5", stage="target")
        risk = result.registers[0].risks[0]
        assert (risk.current, risk.target.stated_band if risk.target else None) == (
            None, "green")
        assert [n for n in result.report.notes if n.kind is NoteKind.ASSUMPTION] == []

    def test_stage_flag_on_the_command_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The command line takes --stage and prints the assumptions otherwise made."""
        assert main(["import", str(THORNBY), "--scheme", "generic-5x5"]) == 0
        assert "  assumption: the score columns RAG (column 4) name no stage" in (
            capsys.readouterr().out)
        assert main(["import", str(THORNBY), "--scheme", "generic-5x5", "--stage",
                     "inherent"]) == 0
        assert "assumption" not in capsys.readouterr().out

    def test_residual_after_action_is_target(self) -> None:
        """'Residual risk (after action)' is a target, 'Residual risk' the current score."""
        text = ("Ref\tRisk\tResidual risk\tResidual risk (after action)\n"
                "R1\tLibrary roof leaks\t4x4\t2x4\n")
        risk = read_text(text, scheme="generic-5x5").registers[0].risks[0]
        assert (str(risk.current), str(risk.target)) == ("4x4", "2x4")

    def test_two_quarters_side_by_side(self) -> None:
        """A second group of the same stage is kept as notes and reported, not read over
        the first."""
        text = ("Ref\tRisk\tResidual score Q1\tResidual score Q2\n"
                "R1\tLibrary roof leaks\t16\t12\n")
        result = read_text(text, scheme="generic-5x5")
        risk = result.registers[0].risks[0]
        assert (risk.current.stated if risk.current else None, risk.notes) == (
            16, (("Residual score Q2", "12"),))
        assert header_notes(result, NoteKind.KEPT) == [(4, "Residual score Q2")]


class TestGrouping:
    """5. A topic printed once is carried down, and sections above the header are read."""

    def test_topic_carried_as_section(self) -> None:
        """A layout reads Ashcombe's numbered topic as a section over the rows below it."""
        register = read(ASHCOMBE, layouts=[LAYOUTS]).registers[0]
        assert [(s.ref, s.title) for s in register.sections] == [
            ("1", "Precept"), ("2", "Banking"), ("3", "Grants")]
        assert [(r.id, r.section) for r in register.risks] == [
            ("1a", "Precept"), ("1b", "Precept"), ("2a", "Banking"), ("2b", "Banking"),
            ("3a", "Grants")]

    def test_topic_carried_as_category(self) -> None:
        """The generic layout carries the topic down as each risk's category."""
        register = read(ASHCOMBE, scheme="generic-4x4").registers[0]
        assert [(r.ref, r.category) for r in register.risks] == [
            ("1.", "Precept"), (None, "Precept"), ("2.", "Banking"), (None, "Banking"),
            ("3.", "Grants")]

    def test_sections_above_markdown_tables(self, glenmuir: ImportResult) -> None:
        """A section line above each table opens a section for its rows."""
        register = glenmuir.registers[0]
        assert [(s.ref, s.title) for s in register.sections] == [
            ("1", "Education and Children's Services"), ("2", "Roads and Infrastructure")]
        assert [r.section for r in register.risks] == [
            "Education and Children's Services", "Education and Children's Services",
            "Roads and Infrastructure", "Roads and Infrastructure"]
        assert glenmuir.report.kind_of(7) is LineKind.SECTION

    def test_section_row_above_a_csv_header(self, thornby: ImportResult) -> None:
        """A CSV row above the header holding only a section heading opens the section."""
        assert (thornby.report.entry(2).detail, thornby.registers[0].risks[0].section) == (
            "A. Money", "Money")


class TestNothingDropped:
    """6. Cells are kept: an area column, and the owners, dates and statuses of actions on
    continuation rows."""

    def test_area_is_category(self, borough: ImportResult) -> None:
        """The Area column is each risk's category."""
        assert [r.category for r in borough.registers[0].risks] == [
            "Finance", "Housing", "ICT", "Planning"]

    def test_actions_keep_their_own(self, pcc: ImportResult) -> None:
        """Each action keeps its owner and due date, on continuation rows too."""
        risk = pcc.registers[0].get("PCC02")
        assert [(a.text, a.owner, a.due.text if a.due else None) for a in risk.actions] == [
            ("Re-tender the advocacy contract", "Commissioning Manager", "31/08/2026"),
            ("Agree interim funding with the local authority", "Head of Commissioning",
             "30/06/2026"),
            ("Publish waiting times each quarter", "Performance Analyst", "31/07/2026")]
        assert (risk.action_owner, risk.target_date.text if risk.target_date else None) == (
            "Commissioning Manager", "31/08/2026")

    def test_every_line_counted(self, pcc: ImportResult) -> None:
        """Every line of the file is accounted for once: title, header, risks and the
        continuation rows that carry further actions."""
        assert pcc.report.counts() == {
            "continuation": 3, "header": 3, "note:assumption": 2, "risk": 4}

    def test_cause_kept(self, pcc: ImportResult) -> None:
        """A cause column beside the risk is kept as a note; alone it is the description."""
        assert pcc.registers[0].get("PCC03").notes == (
            ("Cause", "Staff send casework to the wrong address"),)
        text = "Ref\tCause\tScore\nR1\tBoiler fails in winter\t12\n"
        risk = read_text(text, scheme="generic-5x5", stage="current").registers[0].risks[0]
        assert (risk.description, risk.notes) == ("Boiler fails in winter", ())

    def test_continuation_cell_kept(self) -> None:
        """A continuation row's cell that has no place on the risk is kept as a note and
        reported."""
        text = ("Ref\tRisk\tScore\tOwner\n"
                "R1\tBoiler fails in winter\t12\tSite manager\n"
                "\t\t\tDeputy site manager\n")
        result = read_text(text, scheme="generic-5x5", stage="current")
        assert result.registers[0].risks[0].notes == (("Owner", "Deputy site manager"),)
        assert [(n.line, n.field) for n in result.report.problems] == [(3, "risk_owner")]

    def test_status_word(self) -> None:
        """A status column names the risk's state; one that names none is kept as a note."""
        text = ("Ref\tRisk\tScore\tStatus\n"
                "R1\tBoiler fails in winter\t12\tClosed - boiler replaced\n"
                "R2\tLift breaks down\t9\tUnder review\n")
        risks = read_text(text, scheme="generic-5x5", stage="current").registers[0].risks
        assert [(str(r.status.state), r.status.reason, r.notes) for r in risks] == [
            ("closed", "boiler replaced", ()), ("open", None, (("Status", "Under review"),))]


class TestSingleCases:
    """7. Decimals, a ref in another cell, a printed rating beside letters, impact by
    dimension, and a custom scheme carried by the written document."""

    def test_decimals_off_the_grid(self, glenmuir: ImportResult) -> None:
        """Averaged votes (4.2 x 4.6 = 19.32) are kept as printed, with no level, and
        check reports them (RM109)."""
        risk = glenmuir.registers[0].get("GC-ED-01")
        assert risk.inherent is not None
        assert (risk.inherent.likelihood, risk.inherent.impact, risk.inherent.off_grid,
                risk.inherent.stated) == (None, None, (("likelihood", 4.2), ("impact", 4.6)),
                                          19.32)
        assert [(f.risk_id, f.evidence["factor"], f.evidence["printed"])
                for f in check(glenmuir.registers[0]) if f.code == "RM109"] == [
            ("GC-ED-01", "likelihood", 4.2), ("GC-ED-01", "impact", 4.6),
            ("GC-RD-01", "likelihood", 3.6), ("GC-RD-01", "impact", 4.4)]

    def test_ref_in_another_cell(self, thornby: ImportResult) -> None:
        """'1. Invoices' in the Subject column is the ref 1. and the category Invoices."""
        assert [(r.ref, r.category, r.description) for r in thornby.registers[0].risks] == [
            ("1.", "Invoices", "An invoice is paid twice"),
            ("2.", "Insurance", "Cover lapses at renewal"),
            ("3.", "VAT", "VAT is not reclaimed")]

    def test_rating_beside_letters(self, harwell: ImportResult) -> None:
        """The printed level beside letter factors is checked against the council's
        table: the one that disagrees is kept, reported and found by check (RM101)."""
        assert [(n.line, n.field, n.found, n.message) for n in harwell.report.problems] == [
            (5, "current", "4", "the stated rating 4 is not 5 from the factors")]
        assert [(f.code, f.risk_id) for f in check(harwell.registers[0])
                if f.code == "RM101"] == [("RM101", "row5")]

    def test_impact_by_dimension(self, sedgebrook: ImportResult) -> None:
        """Each dimension keeps its level (none where 0 or n/a is printed), and check finds
        the printed impact that is not the dimensions' combination (RM108)."""
        risk = sedgebrook.registers[0].get("ST1")
        assert risk.current is not None
        assert [(name, level.code if level else None)
                for name, level in risk.current.dimensions] == [
            ("finance", "2"), ("services", "4"), ("reputation", "2"), ("people", None)]
        assert [(f.risk_id, f.evidence["impact"], f.evidence["combined"])
                for f in check(sedgebrook.registers[0]) if f.code == "RM108"] == [
            ("ST3", "2", "3")]
        assert [f.risk_id for f in check(sedgebrook.registers[0]) if f.code == "RM105"] == [
            "ST4"]

    def test_custom_scheme_written_in_full(self, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
        """A register read on a scheme file is written with the whole scheme, so it
        loads again with no flag."""
        out = tmp_path / "harwell.json"
        assert main(["import", str(HARWELL), "--layouts", str(LAYOUTS), "--scheme", str(WORDS),
                     "-o", str(out)]) == 0
        capsys.readouterr()
        document = json.loads(out.read_text("utf-8"))
        assert document["scheme"]["id"] == "example-town-words-3x3"
        register = riskmodel.load(out)
        assert register.scheme == load_scheme(WORDS)
        assert str(register.risks[0].current) == "Medium/High"

    def test_custom_scheme_file_of_a_layout(self, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
        """A layout naming a scheme given with --scheme-file writes it in full too."""
        layout = tmp_path / "sedgebrook.toml"
        layout.write_text('name = "sedgebrook"\nscheme = "example-town-dimensions-5x5"\n'
                          'use_vocabulary = true\nstage = "current"\n[[columns]]\n'
                          'field = "risk_owner"\nmatch = ["=owner"]\n', encoding="utf-8")
        out = tmp_path / "town.json"
        assert main(["import", str(SEDGEBROOK), "--layout", str(layout), "--scheme-file",
                     str(DIMENSIONS), "-o", str(out)]) == 0
        capsys.readouterr()
        assert riskmodel.load(out).scheme.id == "example-town-dimensions-5x5"


class TestSchemeWhenNoneGiven:
    """The reader says which built-in scheme fits and why, or fails naming --scheme."""

    def test_fit_stated(self, borough: ImportResult) -> None:
        """The borough's yellow band fits only generic-5x5, and the report says so."""
        assert borough.scheme == "generic-5x5"
        assert borough.scheme_reason == (
            "the values seen (likelihood 2 to 5; impact 2 to 5; 4 printed ratings, 4 equal "
            "to the rating of their factors; bands amber, green, red, yellow) fit only "
            "generic-5x5 of the built-in schemes")
        assert [(n.kind, n.found) for n in borough.report.notes if n.field == "scheme"] == [
            (NoteKind.ASSUMPTION, "generic-5x5")]

    def test_generic_taken_among_equals(self, pcc: ImportResult) -> None:
        """Values reaching 5 on both scales fit three 5x5 schemes: the generic one is
        taken, and the others are named."""
        assert pcc.scheme == "generic-5x5"
        assert "cambridgeshire-5x5, leicester-city-5x5 fit too" in pcc.scheme_reason

    def test_unsettled_fails_naming_the_flag(self) -> None:
        """RAG words alone fit several schemes: the reader fails and names --scheme."""
        with pytest.raises(ReadError) as caught:
            read(THORNBY)
        assert caught.value.problem == (
            "the score cells fit several built-in schemes (cambridgeshire-5x5, generic-4x4, "
            "generic-5x5, leicester-city-5x5, leicestershire-4x4) and the values do not "
            "settle which; name the scheme with --scheme ID or --scheme FILE (scheme= in "
            "Python)")

    def test_nothing_fits(self) -> None:
        """Letter factors no built-in scheme has fail naming the first cell that does not
        read on each scheme."""
        with pytest.raises(ReadError) as caught:
            read(HARWELL)
        assert caught.value.problem == (
            "no built-in scheme fits the score cells (cambridgeshire-5x5, generic-4x4, "
            "generic-5x5, leicester-city-5x5, leicestershire-4x4: 'M' at line 2:2 does not "
            "read); name the scheme with --scheme ID or --scheme FILE (scheme= in Python)")

    def test_export_reads_back_on_its_scheme(self, tmp_path: Path) -> None:
        """riskmodel's own workbook names its scheme in a heading: a register on the
        Leicestershire scheme reads back on it with --layout auto."""
        pytest.importorskip("openpyxl", reason="needs openpyxl")
        from riskmodel import writers

        ashby = riskmodel.examples.load("ashby-vale-cyps-2026")
        path = tmp_path / "ashby.xlsx"
        writers.export(ashby, path)
        result = read(path)
        assert (result.layout, result.scheme, result.report.problems) == (
            "riskmodel-export", "leicestershire-4x4", ())
        assert [str(r.inherent) for r in result.registers[0].risks] == [
            str(r.inherent) for r in ashby.risks]


class TestLayoutFolders:
    """User layouts in a folder take part in --layout auto."""

    def test_auto_picks_a_folder_layout(self, harwell: ImportResult) -> None:
        """The Little Harwell layout names the Checked column, so auto takes it."""
        assert (harwell.layout, harwell.reason) == ("little-harwell-parish", (
            "the header row at line 1 names 8 columns (100% of its filled cells) with "
            "little-harwell-parish's header words and the header vocabulary"))

    def test_environment(self, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
        """The command line reads layout folders from RISKMODEL_LAYOUTS when --layouts is
        not given."""
        monkeypatch.setenv("RISKMODEL_LAYOUTS", str(LAYOUTS))
        assert main(["import", str(ASHCOMBE)]) == 0
        assert capsys.readouterr().out.splitlines()[1] == (
            "  scheme: generic-4x4 (the layout ashcombe-parish names it)")

    def test_flag_overrides_environment(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
        """--layouts is used instead of RISKMODEL_LAYOUTS, not beside it."""
        monkeypatch.setenv("RISKMODEL_LAYOUTS", str(LAYOUTS))
        assert main(["import", str(ASHCOMBE), "--layouts", str(tmp_path)]) == 1
        assert "no built-in scheme fits the score cells" in capsys.readouterr().err

    def test_name_taken(self, tmp_path: Path) -> None:
        """A folder layout may not take a built-in layout's name."""
        (tmp_path / "mine.toml").write_text(
            'name = "generic"\nuse_vocabulary = true\n', encoding="utf-8")
        with pytest.raises(riskmodel.LayoutError, match=r"already taken by generic\.toml"):
            read(PCC, layouts=[tmp_path])
