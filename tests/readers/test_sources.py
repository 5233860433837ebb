"""Rows from a source: the seam every kind of file plugs into, and where rows came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import ReadError
from riskmodel.readers import Row, RowKind, SourceRows, read, read_rows_as, sources

TABLE = [("Ref", "Risk", "Likelihood", "Impact", "Score"),
         ("P1", "Pavilion roof leaks", "3", "4", "12"),
         ("P2", "Mower stolen from the store", "2", "2", "4")]


def page_rows(data: bytes, *, name: str, sheet: str | None, max_bytes: int) -> SourceRows:
    """A row reader as a PDF reader would be: each row with its page and table."""
    rows = [Row(n, RowKind.CELLS, cells, page=1 + n // 3, table=1)
            for n, cells in enumerate(TABLE, 1)]
    return SourceRows(rows)


class TestRow:
    """A row says where it was printed; the page and table default to none."""

    def test_defaults(self) -> None:
        """A text row has no page or table."""
        row = Row(3, RowKind.CELLS, ("a", "b"))
        assert (row.page, row.table, row.date_system) == (None, None, None)

    def test_page_and_table(self) -> None:
        """A row of a printed page keeps its page and table."""
        row = Row(3, RowKind.CELLS, ("a",), page=2, table=1)
        assert (row.line, row.page, row.table) == (3, 2, 1)


class TestSeam:
    """Any function of the row reader's shape reads a new kind of file."""

    def test_rows_read_like_any_table(self) -> None:
        """Rows made by another reader become risks, every line accounted for."""
        rows = page_rows(b"", name="x.pdf", sheet=None, max_bytes=0).rows
        result = read_rows_as(rows, source="register.pdf", scheme="generic-5x5",
                              stage="current")
        assert [(r.id, str(r.current), r.provenance.line if r.provenance else None)
                for r in result.registers[0].risks] == [("P1", "3x4", 2), ("P2", "2x2", 3)]
        assert result.report.counts() == {"header": 1, "risk": 2}

    def test_reader_by_suffix(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A suffix in ROW_READERS sends its files to that reader, imported by name."""
        monkeypatch.setitem(sources.ROW_READERS, ".pdf", f"{__name__}:page_rows")
        path = tmp_path / "register.pdf"
        path.write_bytes(b"%PDF-1.7")
        result = read(path, scheme="generic-5x5", stage="current")
        assert [r.ref for r in result.registers[0].risks] == ["P1", "P2"]

    def test_sheet_only_for_workbooks(self, tmp_path: Path) -> None:
        """Naming a sheet of a text file is an error, before the file is read."""
        with pytest.raises(ReadError, match="only a workbook"):
            read(tmp_path / "missing.txt", sheet="Risks")

    def test_old_workbook(self, tmp_path: Path) -> None:
        """An .xls file is refused with what to do instead."""
        path = tmp_path / "old.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(ReadError, match=r"save it as an \.xlsx workbook"):
            read(path)
