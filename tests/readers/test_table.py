"""Table rows: lines of text or CSV records, numbered from 1, with their cells."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import ReadError
from riskmodel.readers import Row, RowKind, read_csv_rows, read_rows
from riskmodel.readers import table as table_module


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


class TestCsvLines:
    """CSV records are parsed from the text's lines, which are the lines a StringIO gives."""

    @pytest.mark.parametrize("text", [
        "", "a", "a\n", "a\nb", "a\n\n", "a\n\x0c", "a\n\x0cb", "\x0c", "a\u2028b\n",
        "x\x85", 'a,"b\x1cc"\nd',
    ])
    def test_known_texts(self, text: str) -> None:
        """Each text's lines, with characters that str.splitlines also splits at."""
        assert list(table_module._csv_lines(text)) == list(io.StringIO(text, newline=""))

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from([*"a,\"\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"]),
                    max_size=12).map("".join))
    def test_lines_are_what_a_stringio_gives(self, text: str) -> None:
        """The lines agree with a StringIO's for any text without a CR."""
        assert list(table_module._csv_lines(text)) == list(io.StringIO(text, newline=""))

    def test_form_feed_and_line_separator_stay_in_their_cells(self) -> None:
        """A form feed or U+2028 in a cell is text, not the end of a record."""
        rows = read_csv_rows('ref,risk\n1,"Flood\x0cdepot"\n2,Fire\u2028store\n')
        assert [(row.line, row.cells) for row in rows] == [
            (1, ("ref", "risk")), (2, ("1", "Flood\x0cdepot")), (3, ("2", "Fire\u2028store")),
        ]

    def test_rows_are_what_their_class_builds(self) -> None:
        """Each row equals the row built by its class, with the same filled cells."""
        rows = read_csv_rows('a, ,b\n , \n"c\nd",e\n')
        assert rows == (
            Row(1, RowKind.CELLS, ("a", "", "b"), "a, ,b"),
            Row(2, RowKind.BLANK, (), " , "),
            Row(3, RowKind.CELLS, ("c\nd", "e"), "c\nd,e", end_line=4),
        )
        assert [row.filled for row in rows] == [(0, 2), (), (0, 1)]
        assert [row.filled for row in rows] == [
            Row(r.line, r.kind, r.cells, r.raw, r.end_line).filled for r in rows]
