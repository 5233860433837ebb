"""Heat map and movement figures: each cell's colour and labels, the axes, the files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import riskmodel as rm

matplotlib = pytest.importorskip("matplotlib", reason="needs matplotlib: pip install "
                                 "'riskmodel[plot]'")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from riskmodel import plot  # noqa: E402
from riskmodel.cli import main  # noqa: E402

Q3 = rm.examples.load("fenbridge-corporate-2026-q3")
ASHBY = rm.examples.load("ashby-vale-cyps-2026")
G5 = rm.builtin_schemes().get("generic-5x5")

GREEN, YELLOW, ORANGE, RED = "#2e7d32", "#fdd835", "#fb8c00", "#c62828"
#: generic-5x5's band colours, likelihood 5 (top row) to 1, impact 1 to 5.
G5_COLOURS = [
    [YELLOW, ORANGE, RED, RED, RED],
    [YELLOW, ORANGE, ORANGE, RED, RED],
    [GREEN, YELLOW, ORANGE, ORANGE, RED],
    [GREEN, YELLOW, YELLOW, ORANGE, ORANGE],
    [GREEN, GREEN, GREEN, YELLOW, YELLOW],
]


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Figures made through pyplot are closed after each test."""
    yield
    plt.close("all")


def colours(ax: object) -> dict[str, str]:
    """Each cell's gid and fill colour."""
    return {p.get_gid(): to_hex(p.get_facecolor()) for p in ax.patches}  # type: ignore[attr-defined]


def at(ax: object, gid: str) -> tuple[float, float]:
    """Where the cell *gid* sits: its lower-left corner in data units."""
    [patch] = [p for p in ax.patches if p.get_gid() == gid]  # type: ignore[attr-defined]
    return patch.get_xy()


class TestHeatmap:
    def test_cell_colours(self) -> None:
        """Every cell is filled with its band's colour."""
        found = colours(plot.heatmap(Q3, "current"))
        expected = {
            f"cell:{lk}:{im}": G5_COLOURS[5 - lk][im - 1]
            for lk in range(1, 6) for im in range(1, 6)
        }
        assert found == expected

    def test_cell_labels(self) -> None:
        """Each cell holds the refs scored there, in register order, wrapped to fit."""
        ax = plot.heatmap(Q3, "current")
        assert {t.get_gid(): t.get_text() for t in ax.texts} == {
            "refs:5:3": "5", "refs:4:3": "24", "refs:4:4": "7, 10, 11, 25",
            "refs:4:5": "1, 2, 6", "refs:3:3": "9, 12, 13, 16, 17,\n19, 21",
            "refs:3:4": "3, 4, 8, 20, 22,\n23", "refs:3:5": "14", "refs:2:4": "15, 26",
            "refs:2:5": "18",
        }
        assert plot.cell_text(ax, "1", "1") == ""
        assert {t.get_color() for t in ax.texts if t.get_gid() == "refs:4:5"} == {"white"}
        assert {t.get_color() for t in ax.texts if t.get_gid() == "refs:4:3"} == {"black"}

    def test_axes_in_severity_order(self) -> None:
        """Level labels run least severe first: bottom to top, left to right."""
        ax = plot.heatmap(Q3, "current")
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "1 Negligible", "2 Minor", "3 Moderate", "4 Major", "5 Catastrophic"]
        assert [t.get_text() for t in ax.get_yticklabels()] == [
            "1 Rare", "2 Unlikely", "3 Possible", "4 Likely", "5 Almost certain"]
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("Impact", "Likelihood")
        assert ax.get_title() == "Current (with existing controls)\nall 26 open risks placed"

    def test_inverted_scheme(self) -> None:
        """Leicestershire's 1 (very likely) is the top row and A (severe) the right column."""
        ax = plot.heatmap(ASHBY, "inherent")
        assert [t.get_text() for t in ax.get_yticklabels()] == [
            "4 Very unlikely", "3 Not very likely", "2 Quite likely", "1 Very likely"]
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "D Minor", "C Moderate", "B Significant", "A Severe"]
        assert (at(ax, "cell:1:A"), at(ax, "cell:4:D")) == ((3, 3), (0, 0))
        assert colours(ax)["cell:1:A"] == RED
        assert colours(ax)["cell:4:A"] == "#f9a825"
        assert plot.cell_text(ax, "1", "A") == "1.2, 2.2"
        assert plot.cell_text(ax, "2", "C") == "2.3, 3.1"

    def test_unscored_stage(self) -> None:
        """A stage no risk is scored at draws the grid and says none was placed."""
        ax = plot.heatmap(ASHBY, "current")
        assert (list(ax.texts), ax.get_title()) == (
            [], "Current (with existing controls)\n0 of 9 open risks placed")

    def test_crowded_cell(self) -> None:
        """Many refs shrink the font to the minimum, then the rest are counted."""
        register = rm.Register(scheme=G5, risks=[
            rm.Risk(id=f"R{n}", ref=str(n), current=rm.Assessment.of(G5.score(4, 4)))
            for n in range(1, 81)])
        ax = plot.heatmap(register, "current")
        [label] = ax.texts
        lines = label.get_text().split("\n")
        assert (len(lines), lines[0], lines[-1]) == (7, "1, 2, 3, 4, 5, 6, 7, 8, 9,", "+36 more")
        assert label.get_fontsize() == plot.MIN_FONT_SIZE
        shown = [ref for line in lines[:-1] for ref in line.replace(",", " ").split()]
        assert shown == [str(n) for n in range(1, 45)]

    def test_few_refs_keep_the_full_size(self) -> None:
        """A cell with few refs keeps the full font size."""
        ax = plot.heatmap(Q3, "current")
        assert {t.get_fontsize() for t in ax.texts} == {9.0}

    def test_given_axes(self) -> None:
        """Drawing on given axes returns those axes."""
        _, ax = plt.subplots()
        assert plot.heatmap(Q3, "target", ax=ax) is ax
        assert plot.cell_text(ax, "2", "3") != ""

    def test_band_without_colour(self) -> None:
        """A band with no colour is drawn in its key when that is a colour, else grey."""
        assert (plot.band_colour(rm.Band("red", "High")),
                plot.band_colour(rm.Band("hot", "Hot"))) == ("#ff0000", "#e0e0e0")

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib the error names the extra to install."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(rm.MissingExtraError) as caught:
            plot.heatmap(Q3)
        assert str(caught.value) == "a figure needs matplotlib: pip install 'riskmodel[plot]'"


class TestMovement:
    def test_arrows(self) -> None:
        """Each open risk moves from its current cell to its target cell."""
        ax = plot.movement(Q3)
        arrows = {t.get_gid(): (t.xyann, t.xy) for t in ax.texts
                  if (t.get_gid() or "").startswith("move:")}
        assert len(arrows) == 25
        assert arrows["move:FDC-018"] == ((4.5, 1.5), (4.5, 0.5))  # 2x5 -> 1x5
        assert [line.get_gid() for line in ax.lines] == ["still:FDC-024"]  # 3x4 stays
        assert ax.get_title() == "Current → target\nall 26 open risks"

    def test_points_apart(self) -> None:
        """Risks sharing a cell start from different points inside it."""
        ax = plot.movement(Q3)
        starts = [t.xyann for t in ax.texts if (t.get_gid() or "").startswith("move:")]
        assert len(set(starts)) == len(starts)
        assert all(0 < x < 5 and 0 < y < 5 for x, y in starts)

    def test_without_targets(self) -> None:
        """Risks without both stages are counted in the title."""
        ax = plot.movement(ASHBY)
        assert ax.get_title() == (
            "Current → target\n0 of 9 open risks (the others lack a current or target score)")


class TestImage:
    def test_png_and_svg(self) -> None:
        """PNG and SVG bytes are made in memory; the same register gives the same bytes."""
        png = plot.image(Q3, "current")
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        svg = plot.image(Q3, "current", format="svg")
        assert svg.startswith(b"<?xml")
        assert b"fill: #c62828" in svg
        assert plot.image(Q3, "current", format="svg") == svg

    def test_unknown_format(self) -> None:
        """Only png and svg are written."""
        with pytest.raises(rm.ValidationError, match="'pdf' is not one of png, svg"):
            plot.image(Q3, format="pdf")


class TestCommand:
    @pytest.fixture
    def source(self, tmp_path: Path) -> Path:
        """The Fenbridge third quarter as a file."""
        path = tmp_path / "q3.json"
        rm.dump(Q3, path)
        return path

    def test_png_and_svg(self, source: Path, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
        """--png and --svg write figures and say so."""
        png, svg = tmp_path / "q3.png", tmp_path / "q3.svg"
        assert main(["heatmap", str(source), "--stage", "target", "--png", str(png),
                     "--svg", str(svg)]) == 0
        assert capsys.readouterr().out == f"wrote {png}\nwrote {svg}\n"
        assert png.read_bytes() == plot.image(Q3, "target")
        assert svg.read_bytes() == plot.image(Q3, "target", format="svg")

    def test_movement(self, source: Path, tmp_path: Path) -> None:
        """--movement draws the arrows instead."""
        svg = tmp_path / "moves.svg"
        assert main(["heatmap", str(source), "--movement", "--svg", str(svg)]) == 0
        assert svg.read_bytes() == plot.image(Q3, format="svg", moves=True)

    def test_refuses_the_input(self, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Writing a figure over the input file is refused unless --force is given."""
        before = source.read_bytes()
        assert main(["heatmap", str(source), "--png", str(source)]) == 1
        assert source.read_bytes() == before
        assert capsys.readouterr().err == (
            f"riskmodel: error: {source}: is the input file {source}; writing would replace "
            "it (give --force to overwrite it, or choose another output)\n")
        assert main(["heatmap", str(source), "--png", str(source), "--force"]) == 0
        assert source.read_bytes().startswith(b"\x89PNG")

    def test_movement_needs_a_file(self, source: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
        """--movement without --png or --svg is a usage error."""
        assert main(["heatmap", str(source), "--movement"]) == 2
        assert capsys.readouterr() == (
            "", "riskmodel heatmap: error: --movement draws a figure; give --png or --svg\n")
