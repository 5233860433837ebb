"""PDF registers: each ruled table row and each line of text is a line, placed on its page."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import ReadError
from riskmodel.cli import main
from riskmodel.readers import LineKind, RowKind, read
from riskmodel.readers import pdf as pdf_module
from riskmodel.readers.pdf import read_pdf_rows

from .published import (
    ASHGROVE_HEADER,
    ASHGROVE_RISKS,
    ASHGROVE_WIDTHS,
    WEXCOMBE_RISKS,
    Drawn,
    Grid,
    Lines,
    ashgrove_pdf,
    ashgrove_risks,
    pdf,
    wexcombe_pdf,
    wexcombe_risks,
)

pytest.importorskip("pdfplumber", reason="needs pdfplumber: pip install 'riskmodel[pdf]'")

LIBRARY_LAYOUT = Path(__file__).parents[1] / "fixtures" / "readers" / "library-layout.toml"
#: What each line of Wexcombe's PDF is, and where it is printed.
WEXCOMBE_LINES = [
    (1, RowKind.TEXT, "page 1"), (2, RowKind.TEXT, "page 1"), (3, RowKind.TEXT, "page 1"),
    (4, RowKind.TEXT, "page 1"), (5, RowKind.CELLS, "page 1, table 1, row 1"),
    (6, RowKind.CELLS, "page 1, table 1, row 2"), (7, RowKind.CELLS, "page 1, table 1, row 3"),
    (8, RowKind.CELLS, "page 1, table 1, row 4"), (9, RowKind.TEXT, "page 1"),
    (10, RowKind.TEXT, "page 2"), (11, RowKind.CELLS, "page 2, table 1, row 1"),
    (12, RowKind.CELLS, "page 2, table 1, row 2"), (13, RowKind.CELLS, "page 2, table 1, row 3"),
    (14, RowKind.CELLS, "page 2, table 1, row 4"), (15, RowKind.TEXT, "page 2"),
]
@pytest.fixture
def wexcombe(tmp_path: Path) -> Path:
    """Wexcombe's register as a PDF file."""
    path = tmp_path / "wexcombe.pdf"
    path.write_bytes(wexcombe_pdf())
    return path


class TestRows:
    def test_lines_in_reading_order(self) -> None:
        """Text lines and table rows are numbered down each page, then the next page."""
        rows = read_pdf_rows(wexcombe_pdf())
        assert [(row.line, row.kind, row.place) for row in rows] == WEXCOMBE_LINES

    def test_text_lines(self) -> None:
        """Each line of text outside the tables is a row of one cell."""
        rows = read_pdf_rows(wexcombe_pdf())
        assert [row.cells for row in rows if row.kind is RowKind.TEXT] == [
            ("Wexcombe Parish Council risk register",),
            ("Completed by (Risk Owner): Parish Clerk",), ("V4",),
            ("Date completed: 14.04.26",), ("Page 1 of 2",),
            ("Wexcombe Parish Council risk register",), ("Page 2 of 2",),
        ]

    def test_merged_header_cells_read_once(self) -> None:
        """A header cell spanning three score columns holds its text in the first of them."""
        header = read_pdf_rows(wexcombe_pdf())[4]
        assert header.cells == (
            "Business\nObjective", "Risk\nWhat is the issue", "Consequence",
            "Existing\nactions/controls", "Risk Score\nwith existing\nmeasures", "", "",
            "Further\nmanagement\nactions/controls", "Target Score\nwith further\ncontrols",
            "", "", "Cost", "Risk Owner", "Target Date",
        )

    def test_row_merged_across_the_table(self) -> None:
        """A section row merged across the table is its title and empty cells."""
        section = read_pdf_rows(wexcombe_pdf())[5]
        assert section.cells == ("1. Buildings", *("",) * 13)

    def test_cell_merged_down(self) -> None:
        """A cell merged down over two rows holds its text in the first row only."""
        rows = read_pdf_rows(wexcombe_pdf())
        assert (rows[6].cells[0], rows[7].cells[0]) == ("Keep the hall\nopen to hirers", "")

    def test_two_tables_on_a_page(self) -> None:
        """Tables on one page are numbered from the top, with the text between them."""
        small = Grid((40, 60), (("Ref", "Owner"), ("Q1", "Clerk")))
        rows = read_pdf_rows(pdf([[small, Lines(("Between the tables",)), small]]))
        assert [(row.line, row.kind, row.place, row.cells) for row in rows] == [
            (1, RowKind.CELLS, "page 1, table 1, row 1", ("Ref", "Owner")),
            (2, RowKind.CELLS, "page 1, table 1, row 2", ("Q1", "Clerk")),
            (3, RowKind.TEXT, "page 1", ("Between the tables",)),
            (4, RowKind.CELLS, "page 1, table 2, row 1", ("Ref", "Owner")),
            (5, RowKind.CELLS, "page 1, table 2, row 2", ("Q1", "Clerk")),
        ]

    def test_text_beside_a_short_row(self) -> None:
        """Text inside a table's box but in none of its cells (beside a row with fewer
        cells than the others) is read as a line of text, not lost."""
        short = Drawn(
            lines=((40, 800, 220, 800), (40, 780, 220, 780), (40, 760, 100, 760),
                   *((x, 800, x, 780) for x in (40, 100, 160, 220)),
                   *((x, 780, x, 760) for x in (40, 100))),
            texts=((42, 786, "Ref"), (102, 786, "Owner"), (162, 786, "Date"),
                   (42, 766, "Q1"), (120, 766, "see the note")))
        rows = read_pdf_rows(pdf([[short]], landscape=False))
        assert [(row.line, row.kind, row.place, row.cells) for row in rows] == [
            (1, RowKind.CELLS, "page 1, table 1, row 1", ("Ref", "Owner", "Date")),
            (2, RowKind.CELLS, "page 1, table 1, row 2", ("Q1", "", "")),
            (3, RowKind.TEXT, "page 1", ("see the note",)),
        ]

    def test_empty_table_row(self) -> None:
        """A table row with no text is a blank row that keeps its place."""
        grid = Grid((40, 60), (("Ref", "Owner"), ("", ""), ("Q1", "Clerk")))
        row = read_pdf_rows(pdf([[grid]]))[1]
        assert (row.kind, row.cells, row.place) == (RowKind.BLANK, (), "page 1, table 1, row 2")

    def test_blank_page(self) -> None:
        """A page with nothing on it has no rows; the next page's lines follow on."""
        small = Grid((40, 60), (("Ref", "Owner"),))
        rows = read_pdf_rows(pdf([[small], [], [small]]))
        assert [(row.line, row.place) for row in rows] == [
            (1, "page 1, table 1, row 1"), (2, "page 3, table 1, row 1"),
        ]

    def test_path_or_bytes(self, wexcombe: Path) -> None:
        """A path reads the same rows as the file's bytes."""
        assert read_pdf_rows(wexcombe) == read_pdf_rows(wexcombe_pdf())

    def test_protected_without_password(self) -> None:
        """A PDF encrypted with an empty password (protected from editing only) is read."""
        grid = Grid((40, 60), (("Ref", "Owner"), ("Q1", "Clerk £")))
        assert [row.cells for row in read_pdf_rows(pdf([[grid]], user_password=""))] == [
            ("Ref", "Owner"), ("Q1", "Clerk £"),
        ]


class TestImport:
    def test_layout_chosen_by_header(self, wexcombe: Path) -> None:
        """``layout="auto"`` finds the built-in layout whose header words the table uses."""
        result = read(wexcombe)
        assert (result.layout, result.reason) == (
            "leicester-city-divisional",
            "the header row at line 5 names 10 columns (100% of its filled cells) with "
            "leicester-city-divisional's header words",
        )

    def test_risks(self, wexcombe: Path) -> None:
        """Every risk comes in with its section, scores, owner, cost and date."""
        assert wexcombe_risks(read(wexcombe)) == WEXCOMBE_RISKS

    def test_heading(self, wexcombe: Path) -> None:
        """The lines above the table give the register's title, owner, version and date."""
        register = read(wexcombe).registers[0]
        assert (register.title, register.owner, register.version, str(register.as_at)) == (
            "Wexcombe Parish Council risk register", "Parish Clerk", "V4", "2026-04-14",
        )

    def test_every_line_accounted(self, wexcombe: Path) -> None:
        """The report gives each line one entry with its place, and finds no problem."""
        assert read(wexcombe).report.format().splitlines() == [
            "wexcombe.pdf:1: header: document heading: title (page 1)",
            "wexcombe.pdf:2: header: document heading: owner (page 1)",
            "wexcombe.pdf:3: header: document heading: version (page 1)",
            "wexcombe.pdf:4: header: document heading: as_at (page 1)",
            "wexcombe.pdf:5: header: column headers (14 cells) (page 1, table 1, row 1)",
            "wexcombe.pdf:6: section: 1. Buildings (page 1, table 1, row 2)",
            "wexcombe.pdf:7: risk: risk 1a (page 1, table 1, row 3)",
            "wexcombe.pdf:8: risk: risk 1b (page 1, table 1, row 4)",
            "wexcombe.pdf:9: skipped: text outside any table (page 1)",
            "wexcombe.pdf:10: header: page heading repeated: title (page 2)",
            "wexcombe.pdf:11: header: column headers (14 cells) (page 2, table 1, row 1)",
            "wexcombe.pdf:12: section: 2. Money (page 2, table 1, row 2)",
            "wexcombe.pdf:13: risk: risk 2a (page 2, table 1, row 3)",
            "wexcombe.pdf:14: risk: risk 2b (page 2, table 1, row 4)",
            "wexcombe.pdf:15: skipped: text outside any table (page 2)",
        ]

    def test_provenance_finds_the_row(self, wexcombe: Path) -> None:
        """A risk's provenance names its line, and the report's entry for it its place."""
        result = read(wexcombe)
        risk = result.registers[0].get("2a")
        assert risk.provenance is not None
        assert risk.provenance.line is not None
        assert (str(risk.provenance), result.report.entry(risk.provenance.line).place) == (
            "wexcombe.pdf:13", "page 2, table 1, row 3",
        )

    def test_problem_located_by_cell(self, tmp_path: Path) -> None:
        """A cell the layout cannot read is reported at its line and its column (cell)."""
        path = tmp_path / "log.pdf"
        grid = Grid(ASHGROVE_WIDTHS, (ASHGROVE_HEADER,
                                      ("B1", "Lift breaks down", "2", "3", "7", "Caretaker", "")))
        path.write_bytes(pdf([[grid]], landscape=False))
        result = read(path, layout=LIBRARY_LAYOUT)
        assert [f"{n.where(result.report.source)}: {n.message}" for n in result.report.problems] \
            == ["log.pdf:2:5: the stated rating 7 is not 6 from the factors"]
        assert result.report.entry(2).place == "page 1, table 1, row 2"


class TestAcrossPages:
    def test_header_printed_on_each_page(self, tmp_path: Path) -> None:
        """A table whose header row is printed again on the next page reads every risk."""
        path = tmp_path / "log.pdf"
        path.write_bytes(ashgrove_pdf(repeat_header=True))
        result = read(path, layout=LIBRARY_LAYOUT)
        assert ashgrove_risks(result) == ASHGROVE_RISKS
        assert [(e.line, e.kind, e.place) for e in result.report.lines[5:8]] == [
            (6, LineKind.SKIPPED, "page 1"),
            (7, LineKind.HEADER, "page 2, table 1, row 1"),
            (8, LineKind.CONTINUATION, "page 2, table 1, row 2"),
        ]

    def test_header_printed_once(self, tmp_path: Path) -> None:
        """A table that runs on to the next page without its header keeps its columns."""
        path = tmp_path / "log.pdf"
        path.write_bytes(ashgrove_pdf(repeat_header=False))
        result = read(path, layout=LIBRARY_LAYOUT)
        assert ashgrove_risks(result) == ASHGROVE_RISKS
        assert [(e.line, e.kind, e.detail, e.place) for e in result.report.lines[5:]] == [
            (6, LineKind.SKIPPED, "text outside any table", "page 1"),
            (7, LineKind.CONTINUATION, "more text for A3 (no scores)", "page 2, table 1, row 1"),
            (8, LineKind.RISK, "risk A4", "page 2, table 1, row 2"),
            (9, LineKind.RISK, "risk A5", "page 2, table 1, row 3"),
        ]
        assert result.report.problems == ()


class TestLimits:
    def test_page_limit(self) -> None:
        """A PDF with more pages than *max_pages* is refused; raising the limit reads it."""
        pages = [[Grid((40, 60), (("Ref", "Owner"),))]] * 3
        with pytest.raises(ReadError) as caught:
            read_pdf_rows(pdf(pages), name="long.pdf", max_pages=2)
        assert str(caught.value) == (
            "long.pdf: the PDF has more than 2 pages; a register this long is not read; "
            "raise max_pages (or max_bytes) to read it")
        assert len(read_pdf_rows(pdf(pages), max_pages=3)) == 3

    def test_page_limit_follows_max_bytes(self, tmp_path: Path) -> None:
        """By default a PDF may have one page for each 256 KiB of the size limit."""
        path = tmp_path / "long.pdf"
        path.write_bytes(pdf([[Grid((40, 60), (("Ref", "Owner"),))]] * 3))
        with pytest.raises(ReadError) as caught:
            read(path, max_bytes=512 * 2**10)
        assert str(caught.value) == (
            f"{path}: the PDF has more than 2 pages; a register this long is not read; raise "
            "max_pages (or max_bytes) to read it")

    def test_crossing_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A page whose ruled lines may cross in more places than the limit is refused
        before its tables are looked for."""
        monkeypatch.setattr(pdf_module, "MAX_CROSSINGS", 8)
        grid = Grid((40, 60), (("Ref", "Owner"), ("Q1", "Clerk")))
        with pytest.raises(ReadError) as caught:
            read_pdf_rows(pdf([[grid]]), name="lines.pdf")
        assert str(caught.value) == (
            "lines.pdf: page 1 rules 3 lines across and 3 down, which may cross in 9 places, "
            "more than the 8 a page of tables needs; it is not read")
        monkeypatch.setattr(pdf_module, "MAX_CROSSINGS", 9)
        assert len(read_pdf_rows(pdf([[grid]]))) == 2

    def test_streams_within_the_limit(self) -> None:
        """Compressed streams that decompress within the limit are read."""
        grid = Grid((40, 60), (("Ref", "Owner"),))
        assert len(read_pdf_rows(pdf([[grid]], padding=2**20), max_bytes=2 * 2**20)) == 1


class TestCommandLine:
    def test_import(self, wexcombe: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``riskmodel import register.pdf`` reads it with the layout it finds."""
        assert main(["import", str(wexcombe), "--strict"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[1:] == [
            "  scheme: leicester-city-5x5 (the layout leicester-city-divisional names it)",
            "  register 1: Wexcombe Parish Council risk register: 4 risks; stages scored: "
            "inherent 0, current 4, target 4",
            "  lines: 7 header, 4 risk, 2 section, 2 skipped",
            "  problems: 0",
        ]

    def test_report(self, wexcombe: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--report`` prints each line with its page, table and row."""
        assert main(["import", str(wexcombe), "--report"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[5] == (f"{wexcombe.name}:1: header: document heading: title (page 1)")
        assert out[11] == f"{wexcombe.name}:7: risk: risk 1a (page 1, table 1, row 3)"

