"""CSV files as offices save them: other delimiters, UTF-16, CRs in cells; none read as nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import ReadError, builtin_schemes
from riskmodel.cli import main
from riskmodel.readers import (
    LineKind,
    ReportBuilder,
    read,
    read_csv_rows,
    read_rows_as,
    sniff_delimiter,
)
from riskmodel.readers.layout import builtin_layouts
from riskmodel.readers.parsers import CellParsers, ScoreCell

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
LAYOUT = FIXTURES / "library-layout.toml"
TEXT = (FIXTURES / "library.csv").read_text("utf-8")
EXPECTED = [("L1", "3x4", "Facilities lead"), ("L2", "4x2", "?"),
            ("L3", "2x3", "Head of libraries")]


def _risks(path: Path) -> list[tuple[str | None, str, str | None]]:
    result = read(path, layout=LAYOUT)
    return [(r.ref, str(r.current), r.risk_owner) for r in result.registers[0].risks]


class TestDelimiter:
    """The delimiter is the one that splits the first records into rows of one width."""

    @pytest.mark.parametrize("delimiter", [";", "\t", "|"])
    def test_other_delimiters(self, tmp_path: Path, delimiter: str) -> None:
        """A semicolon-, tab- or pipe-separated file reads like the comma one."""
        path = tmp_path / "log.csv"
        path.write_text(TEXT.replace(",", delimiter), encoding="utf-8")
        assert _risks(path) == EXPECTED

    def test_commas_in_semicolon_file(self, tmp_path: Path) -> None:
        """Commas in the text of a semicolon file do not make it a comma file."""
        text = TEXT.replace(",", ";").replace("damage the archive", "damage maps, deeds, plans")
        path = tmp_path / "log.csv"
        path.write_text(text, encoding="utf-8")
        result = read(path, layout=LAYOUT)
        assert result.registers[0].risks[0].description == "Roof leaks damage maps, deeds, plans"

    @pytest.mark.parametrize(
        ("text", "delimiter"),
        [("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;2;3\n", ";"), ("a\tb\n1\t2\n", "\t"),
         ("a|b\n1|2\n", "|"), ("one cell\nper line\n", ","), ("", ","),
         ('a,b\n"x;y;z",2\n', ","), ("a;b\n1,5;2,5\n", ";")],
    )
    def test_sniff(self, text: str, delimiter: str) -> None:
        """The delimiter found for each sample; a tie or no split is a comma."""
        assert sniff_delimiter(text) == delimiter

    def test_given_delimiter(self) -> None:
        """A delimiter given is used as it is."""
        assert [r.cells for r in read_csv_rows("a;b\n1;2\n", delimiter=",")] == [
            ("a;b",), ("1;2",)]


class TestNothingRead:
    """A file read with no header row is a problem, so --strict fails on it."""

    def test_no_header_is_a_problem(self, tmp_path: Path) -> None:
        """A file whose header the layout does not match: 0 risks and one located problem."""
        path = tmp_path / "log.csv"
        path.write_text("Item,Note\nA,B\n", encoding="utf-8")
        result = read(path, layout=LAYOUT)
        assert (len(result.registers[0].risks), [
            (n.line, n.found, n.message) for n in result.report.problems]) == (0, [
                (1, "Item,Note", "no row is a column header of the layout library-service "
                 "(at least 3 header cells must match its words), so no risk was read")])

    def test_strict_fails(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """riskmodel import --strict exits 1 for a file in which no header is found."""
        path = tmp_path / "log.csv"
        path.write_text("Item,Note\nA,B\n", encoding="utf-8")
        assert main(["import", str(path), "--layout", str(LAYOUT), "--strict"]) == 1
        assert "  problems: 1" in capsys.readouterr().out.splitlines()

    def test_empty_file(self, tmp_path: Path) -> None:
        """An empty file has nothing to report but its one blank line."""
        path = tmp_path / "log.csv"
        path.write_text("", encoding="utf-8")
        result = read(path, layout=LAYOUT)
        assert (result.report.problems, result.report.line_count) == ((), 0)


class TestEncoding:
    """UTF-16 with a byte-order mark is read; text without one is never read as garbage."""

    @pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
    def test_with_bom(self, tmp_path: Path, codec: str) -> None:
        """Excel's 'Unicode text' (UTF-16 with a BOM) reads like UTF-8."""
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
        path = tmp_path / "log.csv"
        path.write_bytes(bom + TEXT.encode(codec))
        assert _risks(path) == EXPECTED

    def test_utf16_without_bom(self, tmp_path: Path) -> None:
        """UTF-16 with no BOM is refused at its first NUL, not read as 0 risks."""
        path = tmp_path / "log.csv"
        path.write_bytes(TEXT.encode("utf-16-le"))
        with pytest.raises(ReadError) as caught:
            read(path, layout=LAYOUT)
        assert (caught.value.line, caught.value.column, caught.value.problem) == (
            1, 2, "a NUL character: the file is binary, or UTF-16 text without a byte-order "
                  "mark; save it as UTF-8 text")

    def test_broken_utf16(self, tmp_path: Path) -> None:
        """A lone surrogate in UTF-16 text is located."""
        path = tmp_path / "log.csv"
        path.write_bytes(b"\xff\xfe" + "Ref\n".encode("utf-16-le") + b"\x00\xd8A\x00")
        with pytest.raises(ReadError) as caught:
            read(path, layout=LAYOUT)
        assert (caught.value.line, caught.value.column, caught.value.problem) == (
            2, 1, "not valid UTF-16 text")


class TestLineEnds:
    """Records end at LF or CRLF; a lone CR is a line break inside a cell."""

    def test_lone_cr_in_a_cell(self, tmp_path: Path) -> None:
        """A CR inside an unquoted cell does not make a bogus risk."""
        path = tmp_path / "log.csv"
        path.write_bytes(TEXT.replace("Roof leaks damage", "Roof leaks\rdamage").encode())
        result = read(path, layout=LAYOUT)
        risks = result.registers[0].risks
        assert [r.ref for r in risks] == ["L1", "L2", "L3"]
        assert risks[0].description == "Roof leaks damage the archive"
        assert result.report.line_count == 4

    def test_cr_only_file(self, tmp_path: Path) -> None:
        """A file with CR line ends only (old Mac) has one line per CR."""
        path = tmp_path / "log.csv"
        path.write_bytes(TEXT.replace("\n", "\r").encode())
        result = read(path, layout=LAYOUT)
        assert (_risks(path), result.report.kind_of(4)) == (EXPECTED, LineKind.RISK)

    def test_crlf(self, tmp_path: Path) -> None:
        """CRLF line ends read like LF."""
        path = tmp_path / "log.csv"
        path.write_bytes(TEXT.replace("\n", "\r\n").encode())
        assert _risks(path) == EXPECTED

    def test_cell_keeps_line_break(self) -> None:
        """The CR becomes a line break inside its cell, so lists in the cell split."""
        rows = read_csv_rows("a,b\n1,one\rtwo\n")
        assert [(r.line, r.cells) for r in rows] == [(1, ("a", "b")), (2, ("1", "one\ntwo"))]


#: A table whose stage spans three columns under a two-row header, with a short row and
#: a row longer than the header.
PLANNED = (
    "Ref,Risk,Current,,,Owner\n"
    ",,Likelihood,Impact,Score,\n"
    "1,Flooding of the depot,4,3,12,Depot manager\n"
    "2,Loss of the payroll system,2\n"
    "3,Late grant claim,1,2,2,Finance lead,Spare note\n"
)


class TestRowsByHeader:
    """A row's cells are shared out by what the header says, worked out once per header."""

    def test_fields_stages_short_and_long_rows(self) -> None:
        """Each field takes its columns; a short row lacks the rest, a long row's extra
        cell is kept in the notes and reported."""
        result = read_rows_as(read_csv_rows(PLANNED), scheme="generic-5x5")
        risks = result.registers[0].risks
        assert [(r.id, r.description, r.risk_owner, r.notes) for r in risks] == [
            ("1", "Flooding of the depot", "Depot manager", ()),
            ("2", "Loss of the payroll system", None, ()),
            ("3", "Late grant claim", "Finance lead", (("Column 7", "Spare note"),)),
        ]
        current = [r.current for r in risks]
        assert [(a.text, str(a.score) if a.score else None, a.stated) for a in current
                if a is not None] == [("4 3 12", "4x3", 12), ("2", None, None),
                                      ("1 2 2", "1x2", 2)]
        assert [(n.line, n.column, n.message) for n in result.report.notes] == [
            (5, 6, "a cell lies outside the header's columns; it is kept in the notes as "
                   "'Column 7'"),
        ]


class TestRememberedScores:
    """A stage's cells read once are not read again: given as cells or as a row's
    columns, parts and texts, the same cells give the same reading."""

    @staticmethod
    def _parsers() -> tuple[CellParsers, ReportBuilder]:
        report = ReportBuilder("reg.csv", 3)
        layout = builtin_layouts()["generic"]
        scheme = builtin_schemes().get("generic-5x5")
        return CellParsers(scheme=scheme, layout=layout, report=report), report

    def test_columns_and_cells_share_a_reading(self) -> None:
        """The reading of a row's columns is the reading of the same cells, remembered."""
        parsers, _ = self._parsers()
        by_columns = parsers.assessment_at(1, "R1", "current", (2, 3),
                                           ("likelihood", "impact"), ("4", "3"))
        by_cells = parsers.assessment(2, "R2", "current", [
            ScoreCell(2, "likelihood", "4"), ScoreCell(3, "impact", "3")])
        assert by_columns is by_cells
        assert by_cells is not None
        assert str(by_cells.score) == "4x3"

    def test_a_reading_with_a_note_is_read_again(self) -> None:
        """Cells whose reading gave a note give it again on the next row."""
        parsers, report = self._parsers()
        for line in (1, 2):
            parsers.assessment_at(line, f"R{line}", "current", (2, 3),
                                  ("likelihood", "impact"), ("9", "3"))
        assert [(n.line, n.column, n.risk_id) for n in report.notes] == [
            (1, 2, "R1"), (2, 2, "R2")]
