"""The header stage: one or two header rows, score groups, and the rule for their stages."""

from __future__ import annotations

import pytest

from riskmodel.readers import builtin_layouts, builtin_vocabulary, read_rows, read_text
from riskmodel.readers.header import Column, find_header, settle_stages
from riskmodel.readers.report import NoteKind

GENERIC = builtin_layouts()["generic"]
WORDS = builtin_vocabulary()


def header_of(text: str, **options: object) -> list[tuple[int, str, str | None]]:
    rows = read_rows(text)
    found = find_header(rows, 0, GENERIC, WORDS, **options)  # type: ignore[arg-type]
    assert found is not None
    return [(c.index, c.field, c.part) for c in found.columns]


def unnamed(*parts: str | None) -> list[Column]:
    return [Column(i, "?", "", part=part) for i, part in enumerate(parts)]


class TestSettleStages:
    """Groups whose header names no stage get one by the stated rule."""

    def test_one(self) -> None:
        """One unnamed group is the current score."""
        columns, notes = settle_stages(unnamed("likelihood", "impact", "product"))
        assert ({c.field for c in columns}, len(notes)) == ({"current"}, 1)

    def test_two(self) -> None:
        """Two unnamed groups are the current score, then the target."""
        columns, _ = settle_stages(unnamed("likelihood", "impact", "likelihood", "impact"))
        assert [c.field for c in columns] == ["current", "current", "target", "target"]

    def test_three(self) -> None:
        """Three are inherent, current and target."""
        columns, _ = settle_stages(unnamed("product", "product", "product"))
        assert [c.field for c in columns] == ["inherent", "current", "target"]

    def test_given_stage(self) -> None:
        """A stage given is the first unnamed group's; the next get the stages after it,
        and the report says which each of those got."""
        columns, notes = settle_stages(unnamed("product", "product"), stage="current")
        assert [c.field for c in columns] == ["current", "target"]
        assert [(n.kind, n.column, n.message) for n in notes] == [
            (NoteKind.ASSUMPTION, 1, "the score columns Column 2 (column 2) name no stage: "
             "read as target (the stage current was given for the first score printed "
             "without a stage, and the next take the stages after it)")]

    def test_given_stage_taken_by_a_named_group(self) -> None:
        """A stage given that another group's header already names is not silently moved:
        the report says which stage the unnamed group took, and why."""
        columns = [Column(0, "current", "Current score", part="product"),
                   Column(1, "?", "Score", part="product")]
        settled, notes = settle_stages(columns, stage="current")
        assert [c.field for c in settled] == ["current", "target"]
        assert [n.message for n in notes] == [
            "the score columns Score (column 2) name no stage: read as target (the stage "
            "current was given, but other columns' header names it, so this group takes the "
            "next stage left)"]

    def test_the_other_stage_left(self) -> None:
        """One unnamed group beside a current one takes the first stage left, and the
        reason says so."""
        columns = [Column(0, "current", "Current score", part="product"),
                   Column(1, "?", "Previous score", part="product")]
        settled, notes = settle_stages(columns)
        assert [c.field for c in settled] == ["current", "inherent"]
        assert [n.message for n in notes] == [
            "the score columns Previous score (column 2) name no stage: read as inherent "
            "(the other score columns name the current stage, and this is the first stage "
            "no column names); give the stage with --stage (or the layout's stage) to say "
            "otherwise"]

    def test_named_groups_keep_theirs(self) -> None:
        """Beside a named inherent group, one unnamed group is the current score."""
        columns, _ = settle_stages([Column(0, "inherent", "", part="product"),
                                    Column(2, "?", "", part="product")])
        assert [c.field for c in columns] == ["inherent", "current"]

    def test_no_stage_left(self) -> None:
        """A fourth unnamed group has no stage left: it is kept as notes and reported."""
        columns, notes = settle_stages(unnamed("product", "product", "product", "product"))
        assert [c.field for c in columns] == ["inherent", "current", "target", "note"]
        assert notes[-1].message.startswith(
            "the score columns Column 4 (column 4) are a score with no stage left")


class TestHeaders:
    """Header rows of the generic layout."""

    def test_two_rows_merged(self) -> None:
        """Group words above the parts name each column's stage; the rule line between
        them is part of the header."""
        text = ("| Ref | Risk | Gross | | Net | |\n|---|---|---|---|---|---|\n"
                "| | | L | I | L | I |\n")
        assert header_of(text) == [
            (0, "ref", None), (1, "description", None), (2, "inherent", "likelihood"),
            (3, "inherent", "impact"), (4, "current", "likelihood"), (5, "current", "impact")]
        found = find_header(read_rows(text), 0, GENERIC, WORDS)
        assert found is not None
        assert found.lines == (1, 2, 3)

    def test_consequence_as_text(self) -> None:
        """Consequence beside a group that has an impact is the text of the consequence."""
        assert header_of("Risk\tConsequence\tLikelihood\tImpact\tScore")[1] == (
            1, "consequence", None)

    def test_consequence_as_factor(self) -> None:
        """Consequence beside a likelihood with no impact is the impact."""
        assert header_of("Risk\tLikelihood\tConsequence\tScore")[2] == (2, "current", "impact")

    def test_a_row_of_numbers_is_not_a_header(self) -> None:
        """A row holding a bare number is data, however many words it holds."""
        rows = read_rows("Risk\tImpact\tOwner\t12\n")
        assert find_header(rows, 0, GENERIC, WORDS) is None

    def test_a_year_may_head_a_column(self) -> None:
        """A year is a header word for a column of past scores, not a number of data: the
        header is read, and the year's column is kept as notes."""
        rows = read_rows("Ref\tRisk\tLikelihood\tImpact\tScore\tOwner\t2025\n")
        header = find_header(rows, 0, GENERIC, WORDS)
        assert header is not None
        assert [(c.index, c.field) for c in header.columns] == [
            (0, "ref"), (1, "description"), (2, "current"), (3, "current"), (4, "current"),
            (5, "risk_owner"), (6, "note")]

    def test_prose_is_not_a_header(self) -> None:
        """A row whose cells are mostly prose is not a header, though they hold words."""
        rows = read_rows("Risk of flooding\tSome impact on the depot and its staff over "
                         "the winter months when the river is high\tnotes\tmore notes\n")
        assert find_header(rows, 0, GENERIC, WORDS) is None

    def test_dimensions(self) -> None:
        """With a scheme's impact dimensions, their headers join the score group."""
        text = "Risk\tLikelihood\tFinance\tReputation impact\tImpact\n"
        assert header_of(text, dimensions=("finance", "reputation")) == [
            (0, "description", None), (1, "current", "likelihood"),
            (2, "current", "dimension:finance"), (3, "current", "dimension:reputation"),
            (4, "current", "impact")]

    @pytest.mark.parametrize("title", ["Risk", "Title"])
    def test_second_description(self, title: str) -> None:
        """'Risk' beside 'Description' is the title; a title column keeps the second
        description as a note."""
        text = f"Ref\t{title}\tDescription\tRisk description\tScore\n"
        fields = [field for _, field, _ in header_of(text)]
        assert fields[1:4] == ["title", "description", "note"]


class TestCarryDown:
    """A layout's carry-down column fills the rows below the one that prints it."""

    def test_only_new_risks(self) -> None:
        """The category printed once applies to each risk below until the next."""
        text = ("Area\tRisk\tScore\n"
                "Parks\tPond overflows\t6\n"
                "\tTree falls\t9\n"
                "Halls\tBoiler fails\t12\n")
        risks = read_text(text, scheme="generic-5x5", stage="current").registers[0].risks
        assert [(r.category, r.description) for r in risks] == [
            ("Parks", "Pond overflows"), ("Parks", "Tree falls"), ("Halls", "Boiler fails")]
