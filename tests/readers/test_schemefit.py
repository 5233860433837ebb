"""The scheme of a table when none is given: a heading, or the built-in scheme that fits."""

from __future__ import annotations

import pytest

from riskmodel import Assessment, ReadError, Register, Risk, ScoringScheme, builtin_schemes
from riskmodel.readers import builtin_layouts, builtin_vocabulary, read_rows, read_text
from riskmodel.readers.schemefit import fit_scheme, heading_scheme
from riskmodel.readers.textreader import TableReader

HEADER = "Ref\tRisk\tLikelihood\tImpact\tScore\n"


def table(*rows: tuple[int, int]) -> str:
    lines = [f"R{n}\tRisk {n}\t{lk}\t{im}\t{lk * im}" for n, (lk, im) in enumerate(rows, 1)]
    return HEADER + "\n".join(lines) + "\n"


class TestFit:
    """A scheme fits when every score cell reads on it; the top levels decide."""

    def test_four_by_four(self) -> None:
        """Values that reach 4 on both scales and no further are on generic-4x4: the only
        scheme whose top they reach."""
        result = read_text(table((4, 1), (1, 4), (2, 3)), stage="current")
        assert result.scheme == "generic-4x4"
        assert result.scheme_reason.startswith(
            "the values seen (likelihood 1 to 4; impact 1 to 4; 3 printed ratings, 3 equal "
            "to the rating of their factors) reach the top of generic-4x4's scales; ")

    def test_short_of_the_top(self) -> None:
        """Values that reach the top of no scheme's scales do not settle the scheme."""
        with pytest.raises(ReadError, match=r"fit several built-in schemes"):
            read_text(table((1, 2), (3, 3)), stage="current")

    def test_letter_notation(self) -> None:
        """'2B' ratings fit only the Leicestershire scheme."""
        text = "Ref\tRisk\tCurrent risk\nL1\tSchool transport\t2B\nL2\tCare costs\t1A\n"
        result = read_text(text)
        assert (result.scheme, [str(r.current) for r in result.registers[0].risks]) == (
            "leicestershire-4x4", ["2B", "1A"])

    def test_each_scheme_read_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each built-in scheme is tried once, and the read that fits is the result: the
        table is not read again on the scheme chosen."""
        tried: list[str] = []
        original = TableReader.read

        def spy(reader: TableReader) -> tuple[Register, ...]:
            tried.append(reader.scheme.id)
            return original(reader)

        monkeypatch.setattr(TableReader, "read", spy)
        result = read_text(table((4, 1), (1, 4), (2, 3)), stage="current")
        assert result.scheme == "generic-4x4"
        assert tried == [scheme.id for scheme in builtin_schemes()]
        assert [str(r.current) for r in result.registers[0].risks] == ["4x1", "1x4", "2x3"]

    def test_a_misfit_stops_at_its_first_cell(self) -> None:
        """Trying a scheme stops at the first score cell that does not read on it, which
        the failure names."""
        text = "Ref\tRisk\tLikelihood\tImpact\tScore\nR1\tFlood\t7\t7\t49\n"
        with pytest.raises(ReadError) as caught:
            read_text(text + "R2\tFire\t9\t9\t81\n", stage="current")
        assert caught.value.problem == (
            "no built-in scheme fits the score cells (cambridgeshire-5x5, generic-4x4, "
            "generic-5x5, leicester-city-5x5, leicestershire-4x4: '7' at line 2:3 does not "
            "read); name the scheme with --scheme ID or --scheme FILE (scheme= in Python)")

    def test_a_rating_that_disagrees_still_fits(self) -> None:
        """A printed rating that disagrees with its factors reads on every 5x5 scheme: the
        scheme is still found, and the slip is reported at its cell."""
        text = HEADER + "R1\tFlood\t5\t5\t25\nR2\tFire\t4\t2\t9\n"
        result = read_text(text, stage="current")
        assert result.scheme == "generic-5x5"
        assert [(n.line, n.column, n.message) for n in result.report.problems] == [
            (3, 4, "the stated rating 9 is not 8 from the factors")]

    def test_fewest_disagreements_win(self) -> None:
        """Of the schemes a table's cells read on, the one its printed ratings agree with
        is taken, however many others the cells read on."""
        schemes = builtin_schemes()

        def trial(scheme: ScoringScheme) -> tuple[tuple[Register, ...], None]:
            stated = 12 if scheme.id == "cambridgeshire-5x5" else 13
            score = Assessment.of(scheme.score(3, 4), stated=stated)
            return (Register(scheme=scheme, risks=[Risk(id="R1", current=score)]),), None

        candidates = [schemes.get("generic-5x5"), schemes.get("cambridgeshire-5x5")]
        chosen, why = fit_scheme(candidates, trial, source="t.csv")
        assert chosen.id == "cambridgeshire-5x5"
        assert why == (
            "the values seen (likelihood 3; impact 4; 1 printed ratings, 1 equal to the "
            "rating of their factors) read on several built-in schemes, and "
            "cambridgeshire-5x5 is the one on which the fewest printed ratings and bands "
            "disagree with their factors (0; generic-5x5 with 1); give --scheme to choose "
            "another")

    def test_no_scores(self) -> None:
        """A table that prints no score reads the same on any scheme: the generic 5x5 is
        taken, and the reason says why."""
        result = read_text("Ref\tRisk\tOwner\nR1\tFlood\tClerk\nR2\tFire\tClerk\n")
        assert (result.scheme, result.scheme_reason) == (
            "generic-5x5", "the table prints no scores, so the scheme decides nothing read; "
            "generic-5x5 is taken (give --scheme to name the one the register uses)")
        assert [r.id for r in result.registers[0].risks] == ["R1", "R2"]

    def test_asked_for_wins(self) -> None:
        """A scheme asked for is used as it is, even where another fits better."""
        result = read_text(table((4, 1), (1, 4)), scheme="generic-5x5", stage="current")
        assert (result.scheme, result.scheme_reason) == (
            "generic-5x5", "the scheme generic-5x5 was asked for")


class TestHeading:
    """A heading above the table can name the scheme, where the layout reads one."""

    def test_heading(self) -> None:
        """The export layout reads 'Scheme: <id>' from the heading row."""
        rows = read_rows("Register title: Parks\tScheme: generic-4x4\n\nRef\tTitle\tCurrent\n")
        layout = builtin_layouts()["riskmodel-export"]
        assert heading_scheme(rows, layout, builtin_vocabulary()) == "generic-4x4"

    def test_no_pattern(self) -> None:
        """A layout with no [meta] scheme reads no scheme from headings."""
        rows = read_rows("Scheme: generic-4x4\n")
        assert heading_scheme(rows, builtin_layouts()["generic"], builtin_vocabulary()) is None

    def test_unknown_scheme_named(self) -> None:
        """A heading naming a scheme that is not known fails, naming --scheme FILE."""
        text = ("Register title: Parks\tScheme: parks-3x3\n\n"
                "Ref\tTitle\tDescription\tCurrent\tTarget\tRisk owner\n"
                "P1\tPond\tPond overflows\t2x2\t1x1\tClerk\n")
        with pytest.raises(ReadError, match=r"names the scheme 'parks-3x3'.*--scheme FILE"):
            read_text(text, layout="riskmodel-export")
