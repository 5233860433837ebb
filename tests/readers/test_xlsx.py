"""Workbooks from anyone: bounded, protected, every sheet accounted for, dates read as dates."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from riskmodel import ReadError
from riskmodel.readers import LineKind, NoteKind, read
from riskmodel.readers.xlsx import SheetSummary, read_workbook

from .workbooks import (
    HEADER,
    SHEET,
    number_cell,
    rewrite,
    row_xml,
    save,
    set_dimension,
    text_cell,
    with_sheet,
    workbook,
    zip_of,
)

openpyxl = pytest.importorskip("openpyxl")

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
LAYOUT = FIXTURES / "library-layout.toml"
K1 = ["K1", "Van breaks down", 3, 3, 9, "Fleet manager", None]
K2 = ["K2", "Book fund cut", 4, 4, 16, "Head of libraries", None]


def _risks(path: Path, **options: object) -> list[tuple[str | None, str, int | None]]:
    result = read(path, layout=LAYOUT, **options)  # type: ignore[arg-type]
    return [(r.ref, str(r.current), r.provenance.line if r.provenance else None)
            for r in result.registers[0].risks]


class TestDeclaredRange:
    """Only the cells a sheet holds are read, whatever range it declares."""

    def test_huge_declared_range(self, tmp_path: Path) -> None:
        """2,000 rows under a declared A1:XFD1048576 are read as 2,000 risks (not 464 s)."""
        rows = row_xml(1, HEADER) + "".join(
            row_xml(n, [f"K{n}", "Risk", 2, 3, 6]) for n in range(2, 2002))
        path = save(tmp_path / "wide.xlsx", with_sheet(rows, dimension="A1:XFD1048576"))
        risks = _risks(path)
        assert (len(risks), risks[0], risks[-1]) == (2000, ("K2", "2x3", 2), ("K2001", "2x3", 2001))

    def test_rows_past_a_stale_dimension(self, tmp_path: Path) -> None:
        """Rows below a stale <dimension> are read, not dropped."""
        data = rewrite(workbook([HEADER, K1, [], K2]), {SHEET: set_dimension("A1:B2")})
        path = save(tmp_path / "stale.xlsx", data)
        assert _risks(path) == [("K1", "3x3", 2), ("K2", "4x4", 4)]
        assert read(path, layout=LAYOUT).report.kind_of(3) is LineKind.SKIPPED

    def test_row_reaching_xfd(self, tmp_path: Path) -> None:
        """A cell in column XFD is read and reported as outside the header's columns."""
        rows = row_xml(1, HEADER) + (
            f'<row r="2">{text_cell("A2", "K1")}{text_cell("B2", "Risk")}'
            f'{number_cell("C2", 1)}{number_cell("D2", 2)}{number_cell("E2", 2)}'
            f'{text_cell("XFD2", "stray")}</row>')
        path = save(tmp_path / "xfd.xlsx", with_sheet(rows))
        result = read(path, layout=LAYOUT)
        assert [(n.line, n.column, n.found, n.message) for n in result.report.problems] == [
            (2, 16383, "stray", "a cell lies outside the header's columns; it is kept in the "
                                "notes as 'Column 16384'"),
        ]
        assert read_workbook(path).rows[1].cells[-1] == "stray"

    def test_too_many_cells(self, tmp_path: Path) -> None:
        """2,000 rows that each reach column XFD are refused, naming the limit."""
        rows = row_xml(1, HEADER) + "".join(
            f'<row r="{n}">{text_cell(f"A{n}", "K")}{number_cell(f"XFD{n}", 1)}</row>'
            for n in range(2, 2002))
        path = save(tmp_path / "xfd.xlsx", with_sheet(rows))
        with pytest.raises(ReadError) as caught:
            read(path, layout=LAYOUT)
        assert (caught.value.line, caught.value.problem) == (65, (
            "sheet 'Register' is too large: its 2,001 rows, each as wide as its last filled "
            "cell, hold more than 1,048,576 cells (counting each row once too); raise "
            "max_bytes to read it"))

    def test_limit_follows_max_bytes(self, tmp_path: Path) -> None:
        """The cell limit is max_bytes / 256: 128 cells for a 32 KiB limit."""
        rows = "".join(row_xml(n, ["a", "b", "c"]) for n in range(1, 51))
        path = save(tmp_path / "small.xlsx", with_sheet(rows))
        with pytest.raises(ReadError) as caught:
            read_workbook(path, max_bytes=32 * 1024)
        assert (caught.value.line, caught.value.problem[:60]) == (
            27, "sheet 'Register' is too large: its 50 rows, each as wide as ")
        assert len(read_workbook(path, max_bytes=64 * 1024).rows) == 50


class TestSheets:
    """The first visible sheet is read; every other sheet holding cells is reported."""

    @staticmethod
    def _book(tmp_path: Path) -> Path:
        def build(book: object) -> None:
            hidden = book.create_sheet("Old", 0)  # type: ignore[attr-defined]
            hidden.append(HEADER)
            hidden.append(["H1", "Hidden risk", 1, 1, 1, "Nobody", None])
            hidden.sheet_state = "hidden"
            other = book.create_sheet("Costs")  # type: ignore[attr-defined]
            other.append(["Budget line", "Amount"])
            other.append(["Staff", 1200])
            other.append(["Fuel", 300])
            book.create_sheet("Empty")  # type: ignore[attr-defined]

        return save(tmp_path / "sheets.xlsx", workbook([HEADER, K1], build=build))

    def test_hidden_sheet_is_not_read(self, tmp_path: Path) -> None:
        """A hidden first sheet is skipped for the first visible one."""
        assert _risks(self._book(tmp_path)) == [("K1", "3x3", 2)]

    def test_other_sheets_are_reported(self, tmp_path: Path) -> None:
        """The visible sheet left unread is a problem; the hidden one an unread note."""
        report = read(self._book(tmp_path), layout=LAYOUT).report
        assert [(n.kind, n.line, n.field, n.found, n.message) for n in report.notes] == [
            (NoteKind.UNREAD, None, "sheet", "Old",
             "the hidden sheet 'Old' has 2 filled rows; hidden sheets are read only when "
             "named, with sheet='Old'"),
            (NoteKind.PROBLEM, None, "sheet", "Costs",
             "the sheet 'Costs' has 3 filled rows that were not read (only 'Register' was); "
             "read it with sheet='Costs'"),
        ]
        assert report.format().splitlines()[-1] == (
            "sheets.xlsx: problem: sheet: the sheet 'Costs' has 3 filled rows that were not "
            "read (only 'Register' was); read it with sheet='Costs' (found 'Costs')")

    def test_named_sheet(self, tmp_path: Path) -> None:
        """A sheet named with sheet= is read, hidden or not."""
        assert _risks(self._book(tmp_path), sheet="Old") == [("H1", "1x1", 2)]

    def test_summaries(self, tmp_path: Path) -> None:
        """read_workbook lists the other sheets that hold cells, with their state."""
        book = read_workbook(self._book(tmp_path))
        assert (book.sheet, book.unread) == ("Register", (
            SheetSummary("Old", "hidden", 2), SheetSummary("Costs", "visible", 3)))

    def test_unknown_sheet(self, tmp_path: Path) -> None:
        """Naming a sheet that does not exist lists the sheets and their states."""
        with pytest.raises(ReadError) as caught:
            read(self._book(tmp_path), layout=LAYOUT, sheet="Risks")
        assert caught.value.problem == (
            "no sheet 'Risks'; sheets: 'Old' (hidden), 'Register', 'Costs', 'Empty'")

    def test_no_visible_sheet(self, tmp_path: Path) -> None:
        """A workbook whose sheets are all hidden asks for one to be named."""
        def build(book: object) -> None:
            book.create_sheet("Shown")  # type: ignore[attr-defined]
            book["Register"].sheet_state = "hidden"  # type: ignore[index]
            book.active = 1  # type: ignore[attr-defined]

        data = rewrite(workbook([HEADER], build=build), {
            "xl/workbook.xml": lambda body: body.replace(b'state="visible"',
                                                         b'state="veryHidden"')})
        path = save(tmp_path / "hidden.xlsx", data)
        with pytest.raises(ReadError, match=r"no visible sheet; name one to read \(sheets: "
                                            r"'Register' \(hidden\), 'Shown' \(veryHidden\)\)"):
            read(path, layout=LAYOUT)

    def test_sheet_of_a_text_file(self, tmp_path: Path) -> None:
        """sheet= is refused for a file that is not a workbook."""
        path = tmp_path / "log.csv"
        path.write_text("Ref\n", encoding="utf-8")
        with pytest.raises(ReadError, match="only a workbook"):
            read(path, layout=LAYOUT, sheet="Register")


class TestValues:
    """Cells read as a reader of the sheet sees them: dates as dates, times as times."""

    def test_date_formatted_serial(self, tmp_path: Path) -> None:
        """46112 in a date-formatted cell is 31/03/2026."""
        def build(book: object) -> None:
            book.active["G2"].number_format = "dd/mm/yyyy"  # type: ignore[attr-defined]

        path = save(tmp_path / "d.xlsx", workbook([HEADER, [*K1[:6], 46112]], build=build))
        review = read(path, layout=LAYOUT).registers[0].risks[0].review_date
        assert review is not None
        assert (review.text, review.date) == ("31/03/2026", dt.date(2026, 3, 31))

    def test_serial_in_a_date_column(self, tmp_path: Path) -> None:
        """A plain 46112 in a date column is a serial date, recorded as a recovery."""
        path = save(tmp_path / "d.xlsx", workbook([HEADER, [*K1[:6], 46112]]))
        result = read(path, layout=LAYOUT)
        review = result.registers[0].risks[0].review_date
        assert review is not None
        assert (review.text, review.date) == ("46112", dt.date(2026, 3, 31))
        assert [(n.kind, n.line, n.field, n.message) for n in result.report.notes] == [
            (NoteKind.RECOVERY, 2, "review_date",
             "46112 read as the Excel serial date 31/03/2026 (1900 date system)"),
        ]

    def test_serial_in_the_1904_system(self, tmp_path: Path) -> None:
        """In a workbook of the 1904 date system, serial 0 is 1 January 1904."""
        data = workbook([HEADER, [*K1[:6], 44650]])
        data = rewrite(data, {"xl/workbook.xml": lambda body: body.replace(
            b"<workbookPr", b'<workbookPr date1904="1"', 1)})
        path = save(tmp_path / "mac.xlsx", data)
        review = read(path, layout=LAYOUT).registers[0].risks[0].review_date
        assert review is not None
        assert review.date == dt.date(2026, 3, 31)

    def test_time_of_day_is_not_a_date(self, tmp_path: Path) -> None:
        """A time-of-day cell reads as 09:30 (a problem in a date column), not 01/01/1900."""
        path = save(tmp_path / "t.xlsx", workbook([HEADER, [*K1[:6], dt.time(9, 30)]]))
        result = read(path, layout=LAYOUT)
        review = result.registers[0].risks[0].review_date
        assert review is not None
        assert (review.text, review.date) == ("09:30", None)
        assert [(n.field, n.found) for n in result.report.problems] == [("review_date", "09:30")]

    def test_cell_texts(self, tmp_path: Path) -> None:
        """Dates, date-times, times, durations, booleans and numbers read as printed."""
        values = [dt.datetime(2026, 3, 31), dt.datetime(2026, 3, 31, 14, 5),
                  dt.time(9, 30, 15), dt.timedelta(hours=30, minutes=5), True, 0.1 + 0.2,
                  12.0, 7]

        def build(book: object) -> None:
            book.active["D1"].number_format = "[h]:mm:ss"  # type: ignore[attr-defined]

        path = save(tmp_path / "v.xlsx", workbook([values], build=build))
        assert read_workbook(path).rows[0].cells == (
            "31/03/2026", "31/03/2026 14:05", "09:30:15", "30:05:00", "TRUE", "0.3", "12", "7")


class TestMergedCells:
    """A merged range keeps its value in its first cell, as Excel stores it."""

    @staticmethod
    def _read(tmp_path: Path, merges: list[str], rows: list[list[object]]) -> object:
        layout = tmp_path / "merged.toml"
        layout.write_text(
            'name = "merged"\nscheme = "generic-5x5"\nscore_order = ["likelihood", "impact", '
            '"product"]\n[[columns]]\nfield = "ref"\nmatch = ["=ref"]\n[[columns]]\n'
            'field = "description"\nmatch = ["risk"]\n[[columns]]\nfield = "current"\n'
            'match = ["score now"]\n[[columns]]\nfield = "risk_owner"\nmatch = ["owner"]\n'
            '[[columns]]\nfield = "controls"\nmatch = ["controls"]\n', encoding="utf-8")

        def build(book: object) -> None:
            for cells in merges:
                book.active.merge_cells(cells)  # type: ignore[attr-defined]

        header = ["Ref", "Risk", "Score now", None, None, "Owner", "Controls"]
        path = save(tmp_path / "m.xlsx", workbook([header, *rows], build=build))
        return read(path, layout=layout)

    def test_merged_header_and_owner(self, tmp_path: Path) -> None:
        """A header merged over the score columns widens the stage; an owner merged over
        two risks is the first risk's only."""
        result = self._read(tmp_path, ["C1:E1", "F2:F3"], [
            ["K1", "Van breaks down", 3, 3, 9, "Fleet manager", "Checks"],
            ["K2", "Book fund cut", 4, 4, 16, None, "Bids"]])
        assert [(r.ref, str(r.current), r.risk_owner)
                for r in result.registers[0].risks] == [  # type: ignore[attr-defined]
            ("K1", "3x3", "Fleet manager"), ("K2", "4x4", None)]

    def test_merged_description(self, tmp_path: Path) -> None:
        """A description merged over two rows is one risk; its second row adds controls."""
        result = self._read(tmp_path, ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3"], [
            ["K1", "Van breaks down", 3, 3, 9, "Fleet manager", "Weekly checks"],
            [None, None, None, None, None, None, "Second van on call"]])
        (risk,) = result.registers[0].risks  # type: ignore[attr-defined]
        assert (risk.ref, [c.text for c in risk.controls]) == (
            "K1", ["Weekly checks", "Second van on call"])
        assert result.report.problems == ()  # type: ignore[attr-defined]

    def test_continuation_text_not_kept_is_reported(self, tmp_path: Path) -> None:
        """An owner in a row that continues a risk is reported and kept in the notes."""
        result = self._read(tmp_path, ["B2:B3"], [
            ["K1", "Van breaks down", 3, 3, 9, "Fleet manager", "Weekly checks"],
            [None, None, None, None, None, "Deputy", None]])
        assert [(n.line, n.column, n.field, n.found, n.message)
                for n in result.report.problems] == [  # type: ignore[attr-defined]
            (3, 5, "risk_owner", "Deputy",
             "a row continuing K1 has text in its risk_owner column, which a continuation "
             "row cannot add to; it is kept in the notes")]
        assert result.registers[0].get("K1").notes == (("Owner", "Deputy"),)


class TestExternalLinks:
    """Links to other workbooks are never followed; their cached values are read."""

    def test_cached_values(self, tmp_path: Path) -> None:
        """A formula into an external book reads as the value Excel last showed."""
        rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
                b'/officeDocument/2006/relationships/externalLinkPath" '
                b'Target="file:///C:/secret/other.xlsx" TargetMode="External"/>'
                b'</Relationships>')
        link = (b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
                b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                b'<externalBook r:id="rId1"><sheetNames><sheetName val="Scores"/></sheetNames>'
                b'</externalBook></externalLink>')
        rows = row_xml(1, HEADER) + (
            f'<row r="2">{text_cell("A2", "K1")}{text_cell("B2", "Risk")}'
            '<c r="C2"><f>[1]Scores!A1</f><v>2</v></c><c r="D2"><f>[1]Scores!B1</f><v>5</v></c>'
            '<c r="E2"><f>C2*D2</f><v>10</v></c></row>')
        data = rewrite(workbook([["x"]]), {
            SHEET: with_sheet_part(rows),
            "xl/externalLinks/externalLink1.xml": link,
            "xl/externalLinks/_rels/externalLink1.xml.rels": rels,
            "xl/_rels/workbook.xml.rels": lambda body: body.replace(
                b"</Relationships>",
                b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/externalLink" '
                b'Target="externalLinks/externalLink1.xml"/></Relationships>'),
            "xl/workbook.xml": lambda body: body.replace(
                b"</sheets>",
                b'</sheets><externalReferences><externalReference xmlns:r="http://schemas.'
                b'openxmlformats.org/officeDocument/2006/relationships" r:id="rId99"/>'
                b"</externalReferences>"),
        })
        path = save(tmp_path / "linked.xlsx", data)
        assert _risks(path) == [("K1", "2x5", 2)]


def with_sheet_part(rows: str) -> bytes:
    """A sheet part holding *rows* (no declared range)."""
    from .workbooks import sheet_xml

    return sheet_xml(rows, dimension=None)


class TestProtection:
    """Zip bombs, entity payloads and damaged parts are refused before or while parsing."""

    def test_zip_bomb(self, tmp_path: Path) -> None:
        """Parts that unzip past the limit are refused from the zip directory alone."""
        data = rewrite(workbook([HEADER]), {"xl/media/padding.bin": bytes(2 * 2**20)})
        path = save(tmp_path / "bomb.xlsx", data)
        assert path.stat().st_size < 20_000
        with pytest.raises(ReadError) as caught:
            read(path, layout=LAYOUT, max_bytes=2**20)
        assert caught.value.problem.startswith("its parts unzip to 2.0 MiB, more than the "
                                               "limit of 1.0 MiB;")

    def test_part_larger_than_declared(self, tmp_path: Path) -> None:
        """A part that unzips to more than its directory entry says is damaged."""
        data = bytearray(zip_of({"[Content_Types].xml": b"<Types/>" * 1000}))
        # Shrink the declared size in the local header and the central directory.
        for offset in (22, data.rfind(b"PK\x01\x02") + 24):
            data[offset:offset + 4] = (100).to_bytes(4, "little")
        path = save(tmp_path / "liar.xlsx", bytes(data))
        with pytest.raises(ReadError, match=r"the part \[Content_Types\]\.xml is damaged"):
            read(path, layout=LAYOUT)

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
    def test_entity_payload(self, tmp_path: Path, encoding: str) -> None:
        """A part declaring entities (billion laughs) is refused before openpyxl parses it."""
        laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  f'<worksheet xmlns="{"http://schemas.openxmlformats.org/spreadsheetml/2006/main"}">'
                  '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
                  '</sheetData></worksheet>')
        data = rewrite(workbook([HEADER]), {SHEET: laughs.encode(encoding)})
        path = save(tmp_path / "lol.xlsx", data)
        with pytest.raises(ReadError) as caught:
            read(path, layout=LAYOUT)
        assert caught.value.problem == (
            "the part xl/worksheets/sheet1.xml declares a document type (<!DOCTYPE); "
            "workbooks never do, and XML entities are not read")

    def test_defusedxml_guards_openpyxl(self) -> None:
        """openpyxl parses with defusedxml, the excel extra's second guard."""
        from openpyxl.xml import DEFUSEDXML

        assert DEFUSEDXML is True

    def test_broken_xml(self, tmp_path: Path) -> None:
        """A truncated sheet part is a ReadError naming the sheet, not a ParseError."""
        data = rewrite(workbook([HEADER, K1]), {SHEET: lambda body: body[:-40]})
        path = save(tmp_path / "cut.xlsx", data)
        with pytest.raises(ReadError, match=r"sheet 'Register' cannot be read: ParseError: "):
            read(path, layout=LAYOUT)

    def test_not_a_zip(self, tmp_path: Path) -> None:
        """Bytes that are not a zip file are refused as not a workbook."""
        path = save(tmp_path / "x.xlsx", b"Ref,Owner\n")
        with pytest.raises(ReadError) as caught:
            read(path, layout=LAYOUT)
        assert caught.value.problem == (
            "not a readable workbook: not a zip file (File is not a zip file)")

    def test_old_format(self, tmp_path: Path) -> None:
        """An OLE compound file (.xls, or an encrypted .xlsx) says to save it as .xlsx."""
        path = save(tmp_path / "x.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
        with pytest.raises(ReadError, match="old-format"):
            read(path, layout=LAYOUT)

    def test_cell_written_twice(self, tmp_path: Path) -> None:
        """A cell written twice in the sheet part is an error, not a silent choice."""
        rows = f'<row r="1">{text_cell("A1", "Ref")}{text_cell("A1", "Owner")}</row>'
        path = save(tmp_path / "twice.xlsx", with_sheet(rows))
        with pytest.raises(ReadError) as caught:
            read(path, layout=LAYOUT)
        assert (caught.value.line, caught.value.column, caught.value.problem) == (
            1, 1, "sheet 'Register': the cell A1 is written twice")

    def test_zip_of_nothing(self, tmp_path: Path) -> None:
        """A zip without a workbook in it is not a readable workbook."""
        path = save(tmp_path / "empty.xlsx", zip_of({"readme.txt": b"hello"}))
        with pytest.raises(ReadError, match="not a readable workbook"):
            read(path, layout=LAYOUT)

    def test_stored_zip(self, tmp_path: Path) -> None:
        """A workbook stored without compression is read the same."""
        with zipfile.ZipFile(__import__("io").BytesIO(workbook([HEADER, K1]))) as archive:
            entries = {name: archive.read(name) for name in archive.namelist()}
        path = save(tmp_path / "stored.xlsx", zip_of(entries, compression=zipfile.ZIP_STORED))
        assert _risks(path) == [("K1", "3x3", 2)]
