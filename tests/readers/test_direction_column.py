"""A direction-of-travel column fills Risk.direction, keeping the cell as printed."""

from __future__ import annotations

from pathlib import Path

from riskmodel.direction import Direction, Trend
from riskmodel.readers import read
from riskmodel.readers.layout import FIELDS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


class TestDirectionColumn:
    def test_a_layout_can_name_the_column(self) -> None:
        """direction is a field a column can feed."""
        assert "direction" in FIELDS

    def test_each_risk_keeps_its_printed_direction(self) -> None:
        """Each row's cell is kept with the trend read from it, words and arrows alike."""
        result = read(FIXTURES / "bereavement-q2.csv",
                      layout=FIXTURES / "bereavement-layout.toml")
        assert [r.direction for r in result.registers[0]] == [
            Direction("Stable", Trend.SAME), Direction("▼", Trend.DOWN),
            Direction("New", Trend.NEW)]
        assert result.report.problems == ()

    def test_no_column_no_direction(self) -> None:
        """A layout without the column leaves every direction empty."""
        result = read(FIXTURES / "library.csv", layout=FIXTURES / "library-layout.toml")
        assert {r.direction for r in result.registers[0]} == {None}
