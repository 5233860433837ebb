"""Reading CSV and Excel files with a user's own column mapping (layout TOML)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from riskmodel import ReadError, RiskModelError
from riskmodel.errors import MissingExtraError
from riskmodel.readers import (
    LayoutError,
    LineKind,
    builtin_layouts,
    layout_from_toml,
    load_layout,
    read,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
LAYOUT = FIXTURES / "library-layout.toml"
HEADER = ["Ref", "Risk description", "Likelihood", "Impact", "Score", "Owner", "Review date"]


class TestCsv:
    def test_risks(self) -> None:
        """Each CSV record becomes a risk with its score, owner and review date."""
        result = read(FIXTURES / "library.csv", layout=LAYOUT)
        assert [
            (r.ref, str(r.current), r.risk_owner, r.review_date.text if r.review_date else None)
            for r in result.registers[0].risks
        ] == [
            ("L1", "3x4", "Facilities lead", "30/06/2026 then quarterly"),
            ("L2", "4x2", "?", "31/12/2026"),
            ("L3", "2x3", "Head of libraries", "ongoing"),
        ]

    def test_layout_named(self) -> None:
        """The result names the layout and says it was asked for."""
        result = read(FIXTURES / "library.csv", layout=LAYOUT)
        assert (result.layout, result.reason) == (
            "library-service", "the layout library-service was asked for",
        )

    def test_multiline_record(self, tmp_path: Path) -> None:
        """A quoted cell over two lines keeps both lines in the report, under one risk."""
        path = tmp_path / "log.csv"
        path.write_text(
            "Ref,Risk description,Likelihood,Impact,Score,Owner\n"
            'R9,"Boiler fails\nin winter",2,2,4,Caretaker\n', encoding="utf-8",
        )
        result = read(path, layout=LAYOUT)
        assert [(e.line, e.kind, e.risk_id) for e in result.report.lines] == [
            (1, LineKind.HEADER, None), (2, LineKind.RISK, "R9"), (3, LineKind.RISK, "R9"),
        ]

    def test_wrong_product_is_kept_and_reported(self, tmp_path: Path) -> None:
        """A score that disagrees with its factors is kept as printed and reported."""
        path = tmp_path / "log.csv"
        path.write_text(
            "Ref,Risk description,Likelihood,Impact,Score,Owner\nR1,Flood,2,3,8,Clerk\n",
            encoding="utf-8",
        )
        result = read(path, layout=LAYOUT)
        risk = result.registers[0].risks[0]
        assert (risk.current.stated if risk.current else None, risk.current.consistent
                if risk.current else None) == (8.0, False)
        assert [(n.line, n.field, n.found) for n in result.report.problems] == [
            (2, "current", "8"),
        ]


class TestXlsx:
    def test_workbook(self, tmp_path: Path) -> None:
        """An Excel sheet is read like the CSV, numbered by spreadsheet row."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER)
        sheet.append(["K1", "Mobile library van breaks down", 3, 3, 9, "Fleet manager", None])
        sheet.append([])
        sheet.append(["K2", "Book fund cut", 4, 4, 16, "Head of libraries", "31/03/2027"])
        path = tmp_path / "log.xlsx"
        book.save(path)
        result = read(path, layout=LAYOUT)
        assert [(r.ref, str(r.current), r.provenance.line if r.provenance else None)
                for r in result.registers[0].risks] == [("K1", "3x3", 2), ("K2", "4x4", 4)]
        assert result.report.kind_of(3) is LineKind.SKIPPED

    def test_missing_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without openpyxl, reading a workbook names the file and the extra to install."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        path = tmp_path / "log.xlsx"
        path.write_bytes(b"")
        with pytest.raises(MissingExtraError) as caught:
            read(path, layout=LAYOUT)
        assert str(caught.value) == f"reading {path} needs openpyxl: pip install 'riskmodel[excel]'"

    def test_missing_extra_is_a_riskmodel_error(self) -> None:
        """The missing-extra error is a RiskModelError and an ImportError."""
        assert issubclass(MissingExtraError, RiskModelError)
        assert issubclass(MissingExtraError, ImportError)

    def test_damaged_workbook(self, tmp_path: Path) -> None:
        """A file that is not a workbook raises ReadError."""
        pytest.importorskip("openpyxl")
        path = tmp_path / "log.xlsx"
        path.write_bytes(b"not a zip")
        with pytest.raises(ReadError, match="not a readable workbook"):
            read(path, layout=LAYOUT)


class TestLayouts:
    def test_builtin(self) -> None:
        """The four seed systems, riskmodel's own workbook export and the generic layout
        (the header vocabulary) are built in."""
        assert sorted(builtin_layouts()) == [
            "cambridgeshire", "generic", "leicester-city-divisional",
            "leicester-city-operational", "leicestershire", "riskmodel-export",
        ]

    def test_load(self) -> None:
        """A layout file loads with its columns in order."""
        layout = load_layout(LAYOUT)
        assert [rule.field for rule in layout.columns] == [
            "ref", "description", "current", "risk_owner", "review_date",
        ]

    def test_header_map(self) -> None:
        """Header cells map to fields; a stage takes each of its columns."""
        layout = load_layout(LAYOUT)
        assert layout.header_map(HEADER) == {
            0: "ref", 1: "description", 2: "current", 3: "current", 4: "current",
            5: "risk_owner", 6: "review_date",
        }

    def test_bad_toml(self) -> None:
        """Invalid TOML raises LayoutError naming the source."""
        with pytest.raises(LayoutError, match=r"^mine\.toml: invalid TOML"):
            layout_from_toml("name = ", source="mine.toml")

    def test_unknown_key(self) -> None:
        """An unknown key is named."""
        with pytest.raises(LayoutError, match="unknown keys: colour"):
            layout_from_toml('name = "x"\nscheme = "generic-5x5"\ncolour = "red"\n')

    def test_unknown_field(self) -> None:
        """A column rule for an unknown field is rejected, naming the key and the fields."""
        with pytest.raises(LayoutError) as caught:
            layout_from_toml(
                'name = "x"\nscheme = "generic-5x5"\n[[columns]]\nfield = "colour"\n'
                'match = ["colour"]\n', source="mine.toml",
            )
        assert (caught.value.where, caught.value.key) == ("mine.toml", "$.columns[0].field")
        assert caught.value.problem.startswith(
            "'colour' is not one of ref, area, category, section,")

    def test_unknown_layout_name(self, tmp_path: Path) -> None:
        """Asking for a layout that does not exist lists the known ones."""
        path = tmp_path / "log.csv"
        path.write_text("a,b\n", encoding="utf-8")
        with pytest.raises(LayoutError, match="known layouts: cambridgeshire"):
            read(path, layout="nope")

    def test_no_layout_matches(self, tmp_path: Path) -> None:
        """auto fails with ReadError when no header matches any layout."""
        path = tmp_path / "log.csv"
        path.write_text("a,b\n1,2\n", encoding="utf-8")
        with pytest.raises(ReadError, match="no header row matches any layout"):
            read(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file raises ReadError."""
        with pytest.raises(ReadError, match="cannot read the file"):
            read(tmp_path / "absent.txt")
