"""Table rows: lines of text or CSV records, numbered from 1, with their cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import ReadError
from riskmodel.readers import RowKind, read_csv_rows, read_rows


class TestReadRows:
    def test_kinds(self) -> None:
        """Blank, text, pipe, rule and tab lines are told apart."""
        rows = read_rows("Heading\n\n| a | b |\n|---|:--|\nx\ty")
        assert [row.kind for row in rows] == [
            RowKind.TEXT, RowKind.BLANK, RowKind.CELLS, RowKind.RULE, RowKind.CELLS,
        ]

    def test_line_numbers(self) -> None:
        """Rows are numbered from 1 in source order."""
        assert [row.line for row in read_rows("a\nb\nc")] == [1, 2, 3]

    def test_no_final_newline(self) -> None:
        """The last line counts although the file does not end with a newline."""
        rows = read_rows("x\ty\nlast\trow")
        assert rows[-1].cells == ("last", "row")

    def test_final_newline_makes_a_blank_line(self) -> None:
        """A final newline is a blank last line, so the line count matches the text."""
        assert read_rows("a\tb\n")[-1].kind is RowKind.BLANK

    def test_pipe_cells_keep_empty_cells(self) -> None:
        """Empty pipe cells are kept so columns stay aligned."""
        assert read_rows("| 1 | | 3 |")[0].cells == ("1", "", "3")

    def test_escaped_pipe_stays_in_its_cell(self) -> None:
        """A pipe written ``\\|`` inside a Markdown cell is text, so no cell shifts."""
        assert read_rows(r"| 1.2 | Theft of mower \| trailer | 2 | 2 | 4 |")[0].cells == (
            "1.2", "Theft of mower | trailer", "2", "2", "4")

    def test_tab_cells_are_stripped(self) -> None:
        """Tab cells lose surrounding spaces."""
        assert read_rows(" a \t b ")[0].cells == ("a", "b")

    def test_cell_beyond_the_row(self) -> None:
        """A cell past the end of a short row reads as empty."""
        assert read_rows("a\tb")[0].cell(5) == ""

    def test_filled(self) -> None:
        """filled lists the indexes of non-empty cells."""
        assert read_rows("a\t\tc")[0].filled == (0, 2)

    def test_crlf(self) -> None:
        """Windows line ends do not add lines."""
        assert len(read_rows("a\r\nb")) == 2


class TestReadCsvRows:
    def test_quoted_newline_keeps_first_line(self) -> None:
        """A record spanning lines is numbered by the line it starts on."""
        rows = read_csv_rows('h1,h2\n1,"two\nlines"\n3,x')
        assert [(row.line, row.cells) for row in rows] == [
            (1, ("h1", "h2")), (2, ("1", "two\nlines")), (4, ("3", "x")),
        ]

    def test_blank_record(self) -> None:
        """A record of empty cells is a blank row."""
        assert read_csv_rows("a,b\n,\n")[1].kind is RowKind.BLANK

    def test_fixture(self) -> None:
        """The CSV fixture has a header and three records."""
        path = Path(__file__).parents[1] / "fixtures" / "readers" / "library.csv"
        assert len(read_csv_rows(path.read_text("utf-8"))) == 4

    def test_bad_csv_is_a_read_error(self) -> None:
        """CSV that the csv module rejects raises ReadError."""
        with pytest.raises(ReadError):
            read_csv_rows('"a"b,c')
