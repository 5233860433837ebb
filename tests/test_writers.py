"""Exports: CSV with formulas escaped, a workbook that reads back with exact scores, Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import riskmodel as rm
import strategies
from riskmodel import writers
from riskmodel.cli import main
from riskmodel.columns import REGISTER_COLUMNS, RISK_COLUMNS
from riskmodel.readers import read

Q3 = rm.examples.load("fenbridge-corporate-2026-q3")
ASHBY = rm.examples.load("ashby-vale-cyps-2026")
G5 = rm.builtin_schemes().get("generic-5x5")
HEADER = [c.name for c in (*REGISTER_COLUMNS, *RISK_COLUMNS)]


def rows(text: str) -> list[dict[str, str]]:
    """The CSV's records as dicts."""
    return list(csv.DictReader(io.StringIO(text)))


def stages(register: rm.Register) -> dict[str | None, tuple[str, str, str]]:
    """Each risk's three stages as printed, by ref."""
    return {r.ref: (str(r.inherent), str(r.current), str(r.target)) for r in register.risks}


class TestCsv:
    def test_header_and_rows(self) -> None:
        """One header line, then one line per risk led by the register's particulars."""
        records = rows(writers.csv_text(Q3))
        assert list(records[0]) == HEADER
        assert len(records) == 28
        first = records[0]
        assert {k: first[k] for k in ("organisation", "as_at", "scheme", "id", "ref",
                                      "current_likelihood", "current_value", "current_band",
                                      "review_date", "cost_amount", "target_date")} == {
            "organisation": "Fenbridge District Council", "as_at": "2026-12-31",
            "scheme": "generic-5x5", "id": "FDC-001", "ref": "1", "current_likelihood": "4",
            "current_value": "20", "current_band": "red", "review_date": "2027-03-31",
            "cost_amount": "1200000", "target_date": ""}

    def test_formulas_escaped(self) -> None:
        """Text a spreadsheet would run starts with an apostrophe; numbers are left alone."""
        register = rm.Register(scheme=G5, risks=[rm.Risk(
            id="R1", title="=HYPERLINK(\"http://x\",\"y\")", description="+44 20 7946 0000",
            consequence="@SUM(A1:A9)", risk_owner="-", action_owner="Jo = lead",
            current=rm.Assessment(scheme=G5, stated=-2))])
        record = rows(writers.csv_text(register))[0]
        assert (record["title"], record["description"], record["consequence"],
                record["risk_owner"], record["action_owner"], record["current_stated"]) == (
            "'=HYPERLINK(\"http://x\",\"y\")", "'+44 20 7946 0000", "'@SUM(A1:A9)", "'-",
            "Jo = lead", "-2")

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
    def test_every_formula_start(self, start: str) -> None:
        """Each character that starts a formula is escaped."""
        assert writers.escape_cell(f"{start}1") == f"'{start}1"


class TestWorkbook:
    @pytest.fixture(autouse=True)
    def _openpyxl(self) -> None:
        pytest.importorskip("openpyxl", reason="needs openpyxl: pip install 'riskmodel[excel]'")

    def book(self, register: rm.Register) -> object:
        """The exported workbook, loaded."""
        import openpyxl

        return openpyxl.load_workbook(io.BytesIO(writers.xlsx_bytes(register)))

    def test_sheets(self) -> None:
        """Risks, findings and the scheme, in that order."""
        assert self.book(Q3).sheetnames == ["Risks", "Findings", "Scheme"]  # type: ignore[attr-defined]

    def test_risks_sheet(self) -> None:
        """A heading row, the column headers, section rows and band-coloured score cells."""
        sheet = self.book(Q3)["Risks"]  # type: ignore[index]
        assert [sheet.cell(1, c).value for c in (2, 4, 5, 6, 7, 8)] == [
            "Register title: Corporate Risk Register",
            "Organisation: Fenbridge District Council", "Version: 2026/27 Q3",
            "As at: 31/12/2026", "Register owner: Chief Executive", "Scheme: generic-5x5"]
        assert [c.value for c in sheet[3]] == list(writers.RISK_HEADERS)
        assert sheet["A4"].value == "Section 1: Children's social care"
        assert [sheet.cell(5, c).value for c in (1, 2, 9, 10, 11, 12, 13)] == [
            "1", "Not enough suitable placements for children in care", "5x5", "4x5", "3x4",
            None, "Director of Children's Services"]
        current = sheet.cell(5, 10)
        assert (current.fill.fgColor.rgb, current.font.color.rgb) == ("00C62828", "00FFFFFF")
        assert sheet.cell(5, 11).fill.fgColor.rgb == "00FB8C00"
        assert sheet.cell(5, 7).value.splitlines()[0].startswith("• Sufficiency strategy")

    def test_formula_text_stays_text(self) -> None:
        """A title that starts with '=' is written as text, not as a formula."""
        register = rm.Register(scheme=G5, risks=[rm.Risk(id="R1", ref="1", title="=1+1",
                                                         current=rm.Assessment.of(G5.score(2, 2)))])
        cell = self.book(register)["Risks"]["B4"]  # type: ignore[index]
        assert (cell.value, cell.data_type) == ("=1+1", "s")

    def test_findings_sheet(self) -> None:
        """Each finding is a row with its risk's ref and title; severities are coloured."""
        sheet = self.book(Q3)["Findings"]  # type: ignore[index]
        assert [c.value for c in sheet[1]] == [
            "Ref", "Risk id", "Title", "Code", "Severity", "Stage", "Message"]
        assert [c.value for c in sheet[8]] == [
            "19", "FDC-020", "Plant failure closes Fenbridge Leisure Centre", "RM505",
            "warning", None,
            "risk 19 (FDC-020): action 1 has no owner, and the risk names no action owner"]
        assert sheet.cell(4, 5).fill.fgColor.rgb == "00C62828"  # RM201, an error
        assert sheet.max_row == 1 + 8

    def test_scheme_sheet(self) -> None:
        """The matrix runs most likely first, each cell on its band's colour, then the bands."""
        sheet = self.book(ASHBY)["Scheme"]  # type: ignore[index]
        assert [c.value for c in sheet[2]] == [
            "likelihood \\ impact", "D Minor", "C Moderate", "B Significant", "A Severe"]
        assert [c.value for c in sheet[3]] == ["1 Very likely", "1D 4", "1C 8", "1B 12", "1A 16"]
        assert sheet["E3"].fill.fgColor.rgb == "00C62828"
        assert [c.value for c in sheet[9]][:5] == ["green", "Low", "#2e7d32", None, 3]

    def test_reads_back_through_import(self, tmp_path: Path) -> None:
        """riskmodel import picks the export layout and reads every score exactly."""
        book, out = tmp_path / "q3.xlsx", tmp_path / "back.json"
        assert main(["export", str(tmp_path / "q3.json"), "-o", str(book)]) == 1  # no file yet
        rm.dump(Q3, tmp_path / "q3.json")
        assert main(["export", str(tmp_path / "q3.json"), "-o", str(book)]) == 0
        assert main(["import", str(book), "-o", str(out), "--strict"]) == 0
        back = rm.load(out)
        assert stages(back) == stages(Q3)
        assert (back.title, back.as_at, back.owner, back.version) == (
            Q3.title, Q3.as_at, Q3.owner, Q3.version)
        assert back.sections == Q3.sections
        def kept(register: rm.Register) -> list[tuple[object, ...]]:
            # A risk's own appetite is written as the rating it resolves to on the scheme.
            return [(r.ref, r.section, r.title, r.risk_owner,
                     r.appetite.resolve(register.scheme) if r.appetite else None)
                    for r in register.risks if r.ref is not None]

        assert kept(back) == kept(Q3)

    def test_other_scheme_reads_back_with_its_layout(self, tmp_path: Path) -> None:
        """A register on another scheme reads back with the export layout for its scheme."""
        path = tmp_path / "ashby.xlsx"
        writers.export(ASHBY, path)
        result = read(path, layout=writers.export_layout(ASHBY.scheme))
        assert result.report.problems == ()
        assert stages(result.registers[0]) == stages(ASHBY)

    @settings(max_examples=25)
    @given(st.data())
    def test_any_complete_scores_read_back(self, data: st.DataObject) -> None:
        """Every complete score of a built-in scheme reads back exactly, as does its ref."""
        scheme = data.draw(strategies.builtin_scheme())
        scored = st.none() | strategies.scores(scheme).map(rm.Assessment.of)
        count = data.draw(st.integers(1, 6))
        register = rm.Register(scheme=scheme, risks=[
            rm.Risk(id=f"R{n}", ref=str(n), title=data.draw(st.text(
                st.characters(categories=["L", "N", "Zs", "P"]), min_size=1, max_size=30)
                .filter(str.strip)),
                inherent=data.draw(scored), current=data.draw(scored), target=data.draw(scored))
            for n in range(1, count + 1)])
        result = read_back(register)
        assert result.report.problems == ()
        assert stages(result.registers[0]) == stages(register)


def read_back(register: rm.Register) -> object:
    """The register exported as a workbook and read with the export layout for its scheme."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.xlsx"
        writers.export(register, path)
        return read(path, layout=writers.export_layout(register.scheme))


class TestParquet:
    @pytest.fixture(autouse=True)
    def _pyarrow(self) -> None:
        pytest.importorskip("pyarrow", reason="needs pyarrow: pip install 'riskmodel[arrow]'")

    def test_metadata_and_types(self) -> None:
        """The scheme id and format version are in the metadata; columns are typed."""
        table = writers.arrow_table(Q3)
        assert table.column_names == HEADER
        assert {k: v for k, v in table.schema.metadata.items()
                if k != b"riskmodel.version"} == {
            b"riskmodel.scheme": b"generic-5x5", b"riskmodel.format_version": b"1"}
        assert table.schema.metadata[b"riskmodel.version"] == rm.__version__.encode()
        types = {name: str(table.schema.field(name).type)
                 for name in ("as_at", "id", "current_impact", "current_value", "status")}
        assert types == {
            "as_at": "date32[day]", "id": "string",
            "current_impact": "dictionary<values=string, indices=int16, ordered=1>",
            "current_value": "double",
            "status": "dictionary<values=string, indices=int16, ordered=1>"}

    def test_file_round_trip(self) -> None:
        """The Parquet file reads back as the same table, metadata included."""
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(writers.parquet_bytes(ASHBY)))
        assert table.equals(writers.arrow_table(ASHBY))
        assert table.schema.metadata[b"riskmodel.scheme"] == b"leicestershire-4x4"

    def test_same_values_as_the_frame(self) -> None:
        """The Arrow table holds the frame's values."""
        frames = pytest.importorskip("riskmodel.frames", reason="needs pandas: pip install "
                                     "'riskmodel[pandas]'")
        pytest.importorskip("pandas", reason="needs pandas: pip install 'riskmodel[pandas]'")
        table = writers.arrow_table(Q3).to_pandas()
        frame = frames.concat([Q3])
        for name in ("id", "current_value", "current_band", "appetite", "cost_amount"):
            assert table[name].astype(object).where(table[name].notna(), None).tolist() == \
                frame[name].astype(object).where(frame[name].notna(), None).tolist()


class TestExportCommand:
    @pytest.fixture
    def source(self, tmp_path: Path) -> Path:
        """Ashby Vale as a file."""
        path = tmp_path / "ashby.json"
        rm.dump(ASHBY, path)
        return path

    @pytest.mark.parametrize(("name", "start"), [
        ("out.xlsx", b"PK"), ("out.csv", b"organisation,"), ("out.parquet", b"PAR1")])
    def test_by_suffix(self, source: Path, name: str, start: bytes,
                       capsys: pytest.CaptureFixture[str]) -> None:
        """The output's suffix chooses the format."""
        if name.endswith("xlsx"):
            pytest.importorskip("openpyxl", reason="needs openpyxl: pip install "
                                "'riskmodel[excel]'")
        if name.endswith("parquet"):
            pytest.importorskip("pyarrow", reason="needs pyarrow: pip install "
                                "'riskmodel[arrow]'")
        out = source.parent / name
        assert main(["export", str(source), "-o", str(out)]) == 0
        assert out.read_bytes().startswith(start)
        assert capsys.readouterr().out == f"wrote {out} ({name.split('.')[1]}, 9 risks)\n"

    def test_to_overrides_the_suffix(self, source: Path) -> None:
        """--to writes that format whatever the name."""
        out = source.parent / "ashby.txt"
        assert main(["export", str(source), "--to", "csv", "-o", str(out)]) == 0
        assert out.read_bytes().decode("utf-8") == writers.csv_text(ASHBY)

    def test_unknown_suffix(self, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A suffix that names no format, and no --to, is one error line."""
        out = source.parent / "ashby.txt"
        assert main(["export", str(source), "-o", str(out)]) == 1
        assert capsys.readouterr().err == (
            f"riskmodel: error: {out}: the suffix names no format riskmodel writes (xlsx, csv, "
            "parquet); give to= (--to on the command line)\n")
        assert not out.exists()

    def test_refuses_the_input(self, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o naming the input file is refused unless --force is given."""
        before = source.read_bytes()
        assert main(["export", str(source), "--to", "csv", "-o", str(source)]) == 1
        assert source.read_bytes() == before
        assert "is the input file" in capsys.readouterr().err
        assert main(["export", str(source), "--to", "csv", "-o", str(source), "--force"]) == 0
        assert source.read_bytes().decode("utf-8") == writers.csv_text(ASHBY)

    def test_missing_folder(self, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder that does not exist is an error; nothing is written."""
        out = source.parent / "no" / "such.csv"
        assert main(["export", str(source), "-o", str(out)]) == 1
        assert capsys.readouterr().err == (
            f"riskmodel: error: {out}: the folder {out.parent} does not exist\n")


class TestApi:
    def test_export_returns_the_format(self, tmp_path: Path) -> None:
        """export writes the file and says which format it wrote."""
        assert writers.export(ASHBY, tmp_path / "a.csv") == "csv"
        assert json.dumps(writers.FORMATS) == '["xlsx", "csv", "parquet"]'

    def test_unknown_format(self) -> None:
        """An unknown format name is a ValidationError naming the formats."""
        with pytest.raises(rm.ValidationError, match="'pdf' is not one of xlsx, csv, parquet"):
            writers.export_bytes(ASHBY, "pdf")
