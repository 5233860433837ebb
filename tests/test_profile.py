"""The risk profile: band counts, heat-map matrices, movement and explanations."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

import riskmodel as rm
import strategies
from riskmodel.profile import band_of, explain, heatmap, movement, profile

SCHEMES = rm.builtin_schemes()
G5 = SCHEMES.get("generic-5x5")
LEICS = SCHEMES.get("leicestershire-4x4")
C = rm.Stage.CURRENT
T = rm.Stage.TARGET
I = rm.Stage.INHERENT  # noqa: E741


def cell(text: str, scheme: rm.ScoringScheme = G5) -> rm.Assessment:
    """The assessment of a cell printed as *text*."""
    return rm.Assessment.of(scheme.parse(text))


def register() -> rm.Register:
    """Four risks in two sections on the generic 5×5; one is closed, one states only 12."""
    return rm.Register(
        scheme=G5,
        sections=[rm.Section("Finance"), rm.Section("People")],
        risks=[
            rm.Risk(id="F1", ref="1", section="Finance", title="Council tax income falls",
                    inherent=cell("5x5"), current=cell("4x4"), target=cell("2x4")),
            rm.Risk(id="F2", ref="2", section="Finance",
                    current=cell("3x4"), target=cell("3x2")),
            rm.Risk(id="P1", ref="3", section="People",
                    current=rm.Assessment(scheme=G5, stated=12), target=cell("1x1")),
            rm.Risk(id="P2", ref="4", section="People", current=cell("5x5"),
                    status=rm.Status("closed", "transferred")),
            rm.Risk(id="X1", current=cell("4x4")),
        ],
    )


def counts(mapping: Any) -> dict[str, int]:
    """A count mapping as a plain dict."""
    return dict(mapping)


class TestBandCounts:
    def test_by_stage(self) -> None:
        """Open risks are counted by band per stage; those with no band are unscored."""
        p = profile(register())
        assert {str(s): counts(c) for s, c in p.by_stage.items()} == {
            "inherent": {"green": 0, "yellow": 0, "amber": 0, "red": 1, "unscored": 3},
            "current": {"green": 0, "yellow": 0, "amber": 2, "red": 2, "unscored": 0},
            "target": {"green": 1, "yellow": 1, "amber": 1, "red": 0, "unscored": 1},
        }

    def test_by_section(self) -> None:
        """Each section (and risks in none, under None) has its own counts per stage."""
        p = profile(register())
        assert {title: counts(stages[C]) for title, stages in p.by_section.items()} == {
            "Finance": {"green": 0, "yellow": 0, "amber": 1, "red": 1, "unscored": 0},
            "People": {"green": 0, "yellow": 0, "amber": 1, "red": 0, "unscored": 0},
            None: {"green": 0, "yellow": 0, "amber": 0, "red": 1, "unscored": 0},
        }

    def test_stated_only_by_range(self) -> None:
        """A stated rating alone takes its band from the range bands."""
        band = band_of(rm.Assessment(scheme=G5, stated=12))
        assert band is not None
        assert band.key == "amber"

    def test_missing_factor_without_stated(self) -> None:
        """An assessment with one factor and no rating has no band."""
        assert band_of(rm.Assessment(scheme=G5, likelihood=G5.likelihood.level("3"))) is None


class TestHeatmap:
    def test_current(self) -> None:
        """Every cell is present; open risks sit in their cell by ref, else id."""
        matrix = heatmap(register(), "current")
        assert len(matrix) == 25
        assert {k: v for k, v in matrix.items() if v} == {
            ("4", "4"): ("1", "X1"), ("3", "4"): ("2",)}

    def test_order_and_codes(self) -> None:
        """Keys are printed codes, likelihood-major and least severe first."""
        matrix = heatmap(rm.Register(scheme=LEICS, risks=[
            rm.Risk(id="A", ref="1.1", target=cell("2B", LEICS))]), rm.Stage.TARGET)
        assert list(matrix)[:5] == [("4", "D"), ("4", "C"), ("4", "B"), ("4", "A"), ("3", "D")]
        assert matrix[("2", "B")] == ("1.1",)


class TestMovement:
    def test_values(self) -> None:
        """Movement gives the change in value, band steps and factor steps, per open risk."""
        moves = profile(register()).movements
        assert [(m.risk_id, m.current, m.target, m.value, m.band_steps, m.likelihood_steps,
                 m.impact_steps) for m in moves] == [
            ("F1", "4x4", "2x4", -8, -1, -2, 0),
            ("F2", "3x4", "3x2", -6, -1, 0, -2),
            ("P1", "likelihood ?, impact ? = 12", "1x1", -11, -2, None, None),
        ]

    def test_no_target(self) -> None:
        """A risk without a target has no movement."""
        assert movement(rm.Risk(id="A", current=cell("3x3"))) is None

    def test_leicestershire(self) -> None:
        """Steps follow severity, not printed codes: 1A to 3C is two steps down on each."""
        m = movement(rm.Risk(id="A", current=cell("1A", LEICS), target=cell("3C", LEICS)))
        assert m is not None
        assert (m.value, m.band_steps, m.likelihood_steps, m.impact_steps) == (-12, -1, -2, -2)


class TestExplain:
    def test_product_and_default_appetite(self) -> None:
        """Each stage is explained cell, rating, band and appetite."""
        reg = register()
        reg = rm.Register(scheme=G5, sections=reg.sections, risks=reg.risks,
                          appetite=rm.AppetitePolicy(default=rm.Appetite(level="open")))
        assert explain(reg.get("F1"), reg) == "\n".join([
            "Risk 1 (F1): Council tax income falls",
            "Inherent: likelihood 5 (Almost certain) and impact 5 (Catastrophic) make cell 5x5.",
            "  Rating: 5 × 5 = 25 on generic-5x5.",
            "  Band: Very high (red), for ratings 15 and above.",
            "  Appetite: open, 15 on generic-5x5 (register default); 25 is above it by 10.",
            "Current: likelihood 4 (Likely) and impact 4 (Major) make cell 4x4.",
            "  Rating: 4 × 4 = 16 on generic-5x5.",
            "  Band: Very high (red), for ratings 15 and above.",
            "  Appetite: open, 15 on generic-5x5 (register default); 16 is above it by 1.",
            "Target: likelihood 2 (Unlikely) and impact 4 (Major) make cell 2x4.",
            "  Rating: 2 × 4 = 8 on generic-5x5.",
            "  Band: High (amber), for ratings 8 to 12.",
            "  Appetite: open, 15 on generic-5x5 (register default); 8 is below it.",
        ])

    def test_table_scheme_and_stated_only(self) -> None:
        """A table scheme names its table; a stated rating alone is banded by range."""
        reg = rm.Register(scheme=LEICS, risks=[rm.Risk(
            id="A", ref="1.1", appetite=rm.Appetite(level="cautious"),
            inherent=cell("2B", LEICS), target=rm.Assessment(scheme=LEICS, stated=4))])
        assert explain(reg.get("A"), reg) == "\n".join([
            "Risk 1.1 (A)",
            "Inherent: likelihood 2 (Quite likely) and impact B (Significant) make cell 2B.",
            "  Rating: 9, from the rating table of leicestershire-4x4.",
            "  Band: High (red), for ratings 9 and above.",
            "  Appetite: cautious (the risk's own), but leicestershire-4x4 sets no threshold "
            "for it.",
            "Target: the register states a rating of 4, with no factors.",
            "  Band: Medium (amber), for ratings 4 to 8.",
            "  Appetite: cautious (the risk's own), but leicestershire-4x4 sets no threshold "
            "for it.",
        ])

    def test_category_and_unscored(self) -> None:
        """The category's numeric appetite is named; a risk with no score says so."""
        reg = rm.Register(scheme=G5, appetite=rm.AppetitePolicy(
            by_category=[("ict", rm.Appetite(threshold=12))]), risks=[
            rm.Risk(id="B", category="ict", current=cell("3x4")), rm.Risk(id="C")])
        assert explain(reg.get("B"), reg).splitlines()[-1] == (
            "  Appetite: 12 (category ict); 12 is at it, which generic-5x5 counts as within it.")
        assert explain(reg.get("C"), reg) == "Risk C\nIt is not scored at any stage."


class TestAnyRegister:
    @given(strategies.registers())
    def test_counts_add_up(self, reg: rm.Register) -> None:
        """Each stage's counts add up to the open risks; the heat map holds the complete ones."""
        p = profile(reg)
        open_risks = reg.open_risks
        for stage in rm.Stage:
            assert sum(p.by_stage[stage].values()) == len(open_risks)
            complete = [r for r in open_risks
                        if (a := r.assessment(stage)) is not None and a.complete]
            assert sum(len(refs) for refs in heatmap(reg, stage).values()) == len(complete)
        for risk in reg:
            assert explain(risk, reg).startswith("Risk ")


class TestProfileIsFrozen:
    """A profile is a value: its counts cannot be changed after the fact."""

    def test_inner_counts_are_read_only(self) -> None:
        """Assigning into a stage's counts is refused."""
        register = rm.load("examples/registers/fenbridge-corporate-2026-q3.json")
        counts = rm.profile(register).by_stage[rm.Stage.CURRENT]
        with pytest.raises(TypeError):
            counts["x"] = 1  # type: ignore[index]


def example(name: str) -> rm.ScoringScheme:
    """A scheme from examples/schemes/."""
    return rm.load_scheme(f"examples/schemes/{name}.toml")


class TestStatedBands:
    """A risk with no cell is counted in the band the register states for it."""

    def test_counted_by_stated_band(self) -> None:
        """Bands alone, a band beside a rating, and a rating alone are each counted once."""
        reg = rm.Register(scheme=G5, risks=[
            rm.Risk(id="A", current=G5.parse_assessment("Amber")),
            rm.Risk(id="B", current=G5.parse_assessment("4 red")),
            rm.Risk(id="C", current=G5.parse_assessment("4")),
            rm.Risk(id="D", current=G5.parse_assessment("impact 2")),
            rm.Risk(id="E", current=cell("5x5")),
        ])
        assert dict(profile(reg).by_stage[C]) == {
            "green": 0, "yellow": 1, "amber": 1, "red": 2, "unscored": 1}
        assert band_of(reg.get("B").current).key == "red"  # type: ignore[union-attr]

    def test_unbanded_cells_are_counted_apart(self) -> None:
        """A scheme with partial bands counts scores in white cells as unbanded."""
        forum = example("unbanded-cells-4x4")
        reg = rm.Register(scheme=forum, risks=[
            rm.Risk(id="A", current=forum.parse_assessment("1 1")),
            rm.Risk(id="B", current=forum.parse_assessment("1 1 A")),
            rm.Risk(id="C", current=forum.parse_assessment("4 4")),
        ])
        assert dict(profile(reg).by_stage[C]) == {
            "green": 0, "amber": 1, "red": 1, "unscored": 0, "unbanded": 1}


class TestExplainBands:
    """Explain says how the band is known: by cell, as stated, or not at all."""

    def test_a_stated_band_against_the_cell(self) -> None:
        """A disagreeing stated band is named beside the cell's band."""
        reg = rm.Register(scheme=G5, risks=[rm.Risk(
            id="A", current=rm.Assessment.of(G5.score(3, 3), band="red"))])
        assert explain(reg.get("A"), reg).splitlines()[3] == (
            "  Band: High (amber), for ratings 8 to 12 (the register states Very high (red)).")

    def test_a_band_and_a_rating_with_no_factors(self) -> None:
        """A rating and a band printed together are explained as stated."""
        reg = rm.Register(scheme=G5, appetite=rm.AppetitePolicy(
            default=rm.Appetite(threshold=12)), risks=[rm.Risk(
                id="A", current=G5.parse_assessment("Amber 12"))])
        assert explain(reg.get("A"), reg).splitlines()[1:] == [
            "Current: the register states a rating of 12 and band amber, with no factors.",
            "  Band: High (amber), as the register states it.",
            "  Appetite: 12 (register default); 12 is at it, which generic-5x5 counts as "
            "within it.",
        ]

    def test_an_unbanded_cell(self) -> None:
        """A white cell is explained as unbanded, with any band the register gives."""
        forum = example("unbanded-cells-4x4")
        reg = rm.Register(scheme=forum, risks=[rm.Risk(
            id="A", current=forum.parse_assessment("2 1 G"))])
        assert explain(reg.get("A"), reg).splitlines()[3] == (
            "  Band: none; example-forum-unbanded-4x4 leaves cell 2 1 unbanded; the register "
            "states Green (green).")

    def test_off_grid_factors(self) -> None:
        """Factors off the grid are named as printed; 14.7 falls between amber (to 12) and
        red (from 15), so it has no band."""
        reg = rm.Register(scheme=G5, risks=[rm.Risk(
            id="A", current=G5.parse_assessment("4.2 x 3.5 = 14.7"))])
        assert explain(reg.get("A"), reg).splitlines()[1:3] == [
            "Current: the register states a rating of 14.7, with likelihood 4.2 (off the grid) "
            "and impact 3.5 (off the grid) only.",
            "  Band: none.",
        ]
