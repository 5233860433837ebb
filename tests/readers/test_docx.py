"""Word registers: each paragraph and each table row is a line, merged cells read once."""

from __future__ import annotations

import io
import zipfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import attrs
import pytest

from riskmodel import ReadError
from riskmodel.cli import main
from riskmodel.readers import RowKind, read
from riskmodel.readers.docx import read_docx_rows

from .published import (
    LEFT,
    UP,
    WEXCOMBE_RISKS,
    docx,
    raw_docx,
    wexcombe_docx,
    wexcombe_pdf,
    wexcombe_risks,
    word_table,
)

python_docx = pytest.importorskip(
    "docx", reason="needs python-docx: pip install 'riskmodel[docx]'")


def _run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _cell(text: str, properties: str = "") -> str:
    shown = f"<w:tcPr>{properties}</w:tcPr>" if properties else ""
    return f"<w:tc>{shown}<w:p>{_run(text)}</w:p></w:tc>"


def _cells(body: str) -> list[tuple[str, ...]]:
    """The cells of the rows of *body*, read with a last table (a Word file needs one)."""
    rows = read_docx_rows(raw_docx(body + f"<w:tbl><w:tr>{_cell('end')}</w:tr></w:tbl>"))
    return [row.cells for row in rows[:-1]]


@pytest.fixture
def wexcombe(tmp_path: Path) -> Path:
    """Wexcombe's register as a Word file."""
    path = tmp_path / "wexcombe.docx"
    path.write_bytes(wexcombe_docx())
    return path


class TestRows:
    def test_lines_in_document_order(self) -> None:
        """Paragraphs and table rows are numbered in the order the document holds them."""
        rows = read_docx_rows(wexcombe_docx())
        assert [(row.line, row.kind, row.place) for row in rows] == [
            (1, RowKind.TEXT, ""), (2, RowKind.TEXT, ""), (3, RowKind.TEXT, ""),
            (4, RowKind.TEXT, ""), (5, RowKind.BLANK, ""),
            (6, RowKind.CELLS, "table 1, row 1"), (7, RowKind.CELLS, "table 1, row 2"),
            (8, RowKind.CELLS, "table 1, row 3"), (9, RowKind.CELLS, "table 1, row 4"),
            (10, RowKind.TEXT, ""),
            (11, RowKind.CELLS, "table 2, row 1"), (12, RowKind.CELLS, "table 2, row 2"),
            (13, RowKind.CELLS, "table 2, row 3"), (14, RowKind.CELLS, "table 2, row 4"),
            (15, RowKind.TEXT, ""),
        ]

    def test_merged_cells_read_once(self) -> None:
        """A cell merged across columns or down rows holds its text in its first grid cell;
        the grid cells it also covers are empty."""
        rows = read_docx_rows(wexcombe_docx())
        assert rows[5].cells == (
            "Business\nObjective", "Risk\nWhat is the issue", "Consequence",
            "Existing\nactions/controls", "Risk Score\nwith existing\nmeasures", "", "",
            "Further\nmanagement\nactions/controls", "Target Score\nwith further\ncontrols",
            "", "", "Cost", "Risk Owner", "Target Date",
        )
        assert rows[6].cells == ("1. Buildings", *("",) * 13)
        assert (rows[7].cells[0], rows[8].cells[0]) == ("Keep the hall\nopen to hirers", "")

    def test_python_docx_would_repeat_them(self) -> None:
        """python-docx's own row.cells repeats a merged cell's text in each grid cell it
        covers, which is why riskmodel reads the XML's cells instead."""
        def build(document: Any) -> None:
            word_table(document, [["Score", LEFT], ["3", "4"], [UP, "5"]])

        document = python_docx.Document(io.BytesIO(docx(build)))
        table = document.tables[0]
        assert [[cell.text for cell in row.cells] for row in table.rows] == [
            ["Score", "Score"], ["3", "4"], ["3", "5"],
        ]
        assert [row.cells for row in read_docx_rows(docx(build))] == [
            ("Score", ""), ("3", "4"), ("", "5"),
        ]

    def test_paragraph_breaks_and_tabs(self) -> None:
        """A paragraph is one line: its tabs and line breaks read as spaces."""
        body = ("<w:p><w:r><w:t>Risk</w:t><w:tab/><w:t>register</w:t><w:br/><w:t>2026</w:t>"
                "</w:r></w:p>")
        assert _cells(body) == [("Risk register 2026",)]

    def test_cell_paragraphs(self) -> None:
        """A cell's paragraphs are its lines; empty ones are dropped."""
        body = (f"<w:tbl><w:tr><w:tc><w:p>{_run('Weekly checks')}</w:p><w:p/>"
                f"<w:p>{_run('Audit')}</w:p></w:tc></w:tr></w:tbl>")
        assert _cells(body) == [("Weekly checks\nAudit",)]

    def test_table_in_a_cell(self) -> None:
        """The text of a table inside a cell is part of that cell."""
        inner = f"<w:tbl><w:tr>{_cell('Step 1')}{_cell('Step 2')}</w:tr></w:tbl>"
        body = (f"<w:tbl><w:tr>{_cell('R1')}<w:tc><w:p>{_run('Plan:')}</w:p>{inner}<w:p/>"
                "</w:tc></w:tr></w:tbl>")
        rows = read_docx_rows(raw_docx(body))
        assert [(row.cells, row.place) for row in rows] == [
            (("R1", "Plan:\nStep 1\nStep 2"), "table 1, row 1"),
        ]

    def test_tracked_changes_accepted(self) -> None:
        """Inserted text is read and deleted text is not, as if the changes were accepted."""
        body = ("<w:p>" + _run("Owner: ") + "<w:del w:id='1' w:author='A'><w:r><w:delText>Clerk"
                "</w:delText></w:r></w:del><w:ins w:id='2' w:author='A'>" + _run("Treasurer")
                + "</w:ins></w:p>")
        assert _cells(body) == [("Owner: Treasurer",)]

    def test_content_controls_read_through(self) -> None:
        """Rows, cells and paragraphs inside content controls are read."""
        body = (f"<w:sdt><w:sdtContent><w:p>{_run('Title')}</w:p></w:sdtContent></w:sdt>"
                f"<w:tbl><w:sdt><w:sdtContent><w:tr>{_cell('A')}<w:sdt><w:sdtContent>"
                f"{_cell('B')}</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>")
        assert _cells(body) == [("Title",), ("A", "B")]

    def test_grid_before_and_spans(self) -> None:
        """A row that starts after the first grid column, and a cell spanning two, keep
        each cell under its grid column."""
        spanning = _cell("Flood", "<w:gridSpan w:val='2'/>")
        body = (f"<w:tbl><w:tr>{_cell('Ref')}{_cell('Risk')}{_cell('Owner')}</w:tr>"
                f"<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>{spanning}</w:tr></w:tbl>")
        assert _cells(body) == [("Ref", "Risk", "Owner"), ("", "Flood", "")]

    def test_text_boxes_and_fields_not_read(self) -> None:
        """A field's code and a text box's text are not part of the paragraph's text."""
        body = (f"<w:p>{_run('Page ')}<w:r><w:instrText>PAGE</w:instrText></w:r>"
                f"<w:r><w:drawing><w:txbxContent><w:p>{_run('Draft')}</w:p></w:txbxContent>"
                "</w:drawing></w:r></w:p>")
        assert _cells(body) == [("Page",)]

    def test_empty_table_row(self) -> None:
        """A table row with no text is a blank row that keeps its place."""
        rows = read_docx_rows(raw_docx(f"<w:tbl><w:tr>{_cell('')}</w:tr></w:tbl>"))
        assert [(row.kind, row.cells, row.place) for row in rows] == [
            (RowKind.BLANK, (), "table 1, row 1"),
        ]

    def test_path_or_bytes(self, wexcombe: Path) -> None:
        """A path reads the same rows as the file's bytes."""
        assert read_docx_rows(wexcombe) == read_docx_rows(wexcombe_docx())


class TestImport:
    def test_layout_chosen_by_header(self, wexcombe: Path) -> None:
        """``layout="auto"`` finds the built-in layout whose header words the table uses."""
        result = read(wexcombe)
        assert (result.layout, result.reason) == (
            "leicester-city-divisional",
            "the header row at line 6 names 10 columns (100% of its filled cells) with "
            "leicester-city-divisional's header words",
        )

    def test_risks(self, wexcombe: Path) -> None:
        """Every risk comes in with its section, scores, owner, cost and date."""
        assert wexcombe_risks(read(wexcombe)) == WEXCOMBE_RISKS

    def test_every_line_accounted(self, wexcombe: Path) -> None:
        """The report gives each paragraph and each table row one entry, and finds no
        problem."""
        assert read(wexcombe).report.format().splitlines() == [
            "wexcombe.docx:1: header: document heading: title",
            "wexcombe.docx:2: header: document heading: owner",
            "wexcombe.docx:3: header: document heading: version",
            "wexcombe.docx:4: header: document heading: as_at",
            "wexcombe.docx:5: skipped: blank line",
            "wexcombe.docx:6: header: column headers (14 cells) (table 1, row 1)",
            "wexcombe.docx:7: section: 1. Buildings (table 1, row 2)",
            "wexcombe.docx:8: risk: risk 1a (table 1, row 3)",
            "wexcombe.docx:9: risk: risk 1b (table 1, row 4)",
            "wexcombe.docx:10: skipped: text outside any table",
            "wexcombe.docx:11: header: column headers (14 cells) (table 2, row 1)",
            "wexcombe.docx:12: section: 2. Money (table 2, row 2)",
            "wexcombe.docx:13: risk: risk 2a (table 2, row 3)",
            "wexcombe.docx:14: risk: risk 2b (table 2, row 4)",
            "wexcombe.docx:15: skipped: text outside any table",
        ]

    @pytest.mark.skipif(find_spec("pdfplumber") is None,
                        reason="needs pdfplumber: pip install 'riskmodel[pdf]'")
    def test_same_register_as_the_pdf(self, wexcombe: Path, tmp_path: Path) -> None:
        """The Word file and the PDF of one register give the same register, but for the
        lines the risks come from."""
        path = tmp_path / "wexcombe.pdf"
        path.write_bytes(wexcombe_pdf())
        from_pdf, from_word = read(path).registers[0], read(wexcombe).registers[0]
        assert [r.provenance.line if r.provenance else None for r in from_pdf.risks] == [
            7, 8, 13, 14]
        assert [r.provenance.line if r.provenance else None for r in from_word.risks] == [
            8, 9, 13, 14]
        assert [attrs.evolve(r, provenance=None) for r in from_pdf.risks] == [
            attrs.evolve(r, provenance=None) for r in from_word.risks]
        assert attrs.evolve(from_pdf, risks=(), source=None) == attrs.evolve(
            from_word, risks=(), source=None)


class TestLimits:
    def test_cell_budget(self) -> None:
        """Tables of more cells than ``max_bytes // 256`` are refused, naming the row."""
        rows = "".join(f"<w:tr>{_cell('x') * 10}</w:tr>" for _ in range(60))
        data = raw_docx(f"<w:tbl>{rows}</w:tbl>")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
        limit = max(len(data), unzipped)
        budget = limit // 256
        assert budget < 600
        with pytest.raises(ReadError) as caught:
            read_docx_rows(data, name="big.docx", max_bytes=limit)
        assert str(caught.value) == (
            f"big.docx: the tables hold more than {budget:,} cells (at table 1, row "
            f"{budget // 10 + 1}); raise max_bytes to read them")
        assert len(read_docx_rows(data, max_bytes=limit * 4)) == 60


class TestCommandLine:
    def test_import(self, wexcombe: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``riskmodel import register.docx`` reads it with the layout it finds."""
        assert main(["import", str(wexcombe), "--strict"]) == 0
        assert capsys.readouterr().out.splitlines()[1:] == [
            "  scheme: leicester-city-5x5 (the layout leicester-city-divisional names it)",
            "  register 1: Wexcombe Parish Council risk register: 4 risks; stages scored: "
            "inherent 0, current 4, target 4",
            "  lines: 6 header, 4 risk, 2 section, 3 skipped",
            "  problems: 0",
        ]
