"""Appetite status: whether a risk's rating is below, at or above its appetite."""

from __future__ import annotations

import pytest

import riskmodel as rm
from riskmodel.appetite import appetite_source

GENERIC = rm.builtin_schemes().get("generic-5x5")


def register(**risk: object) -> rm.Register:
    """A register on the generic 5×5 with a cautious default and an ICT category of 6."""
    policy = rm.AppetitePolicy(default=rm.Appetite(level="cautious"),
                               by_category=[("ict", rm.Appetite(threshold=6))])
    return rm.Register(scheme=GENERIC, appetite=policy, risks=[rm.Risk(id="R1", **risk)])


class TestAppetiteSource:
    """The risk's own appetite, else its category's, else the register default."""

    @pytest.mark.parametrize(("risk", "expected"), [
        ({"appetite": rm.Appetite(threshold=4), "category": "ict"}, ("4", "risk")),
        ({"category": "ict"}, ("6", "category")),
        ({"category": "finance"}, ("cautious", "register default")),
    ])
    def test_order(self, risk: dict[str, object], expected: tuple[str, str]) -> None:
        """Each source is used only when the ones before it say nothing."""
        reg = register(**risk)
        appetite, source = appetite_source(reg.get("R1"), reg)
        assert (str(appetite), source) == expected

    def test_none(self) -> None:
        """With no appetite anywhere there is none."""
        reg = rm.Register(scheme=GENERIC, risks=[rm.Risk(id="R1")])
        assert appetite_source(reg.get("R1"), reg) == (None, "")


class TestAppetiteStatus:
    """Below, at or above the threshold; None when it cannot be judged."""

    @pytest.mark.parametrize(("cell", "status"), [
        ((2, 2), rm.AppetiteStatus.BELOW),
        ((2, 5), rm.AppetiteStatus.AT),
        ((3, 4), rm.AppetiteStatus.ABOVE),
    ])
    def test_three_ways(self, cell: tuple[int, int], status: rm.AppetiteStatus) -> None:
        """On the cautious default of 10: 4 is below, 10 at, 12 above."""
        reg = register(current=rm.Assessment.of(GENERIC.score(*cell)))
        assert rm.appetite_status(reg.get("R1"), reg) is status

    def test_a_stated_rating_alone_is_judged(self) -> None:
        """A rating with no factors still has a status."""
        reg = register(target=rm.Assessment(scheme=GENERIC, stated=10))
        assert rm.appetite_status(reg.get("R1"), reg, "target") is rm.AppetiteStatus.AT

    def test_cannot_be_judged(self) -> None:
        """No rating at the stage, or a level the scheme has no threshold for, gives None."""
        reg = register(current=rm.Assessment(scheme=GENERIC, stated_band="red"))
        leics = rm.builtin_schemes().get("leicestershire-4x4")
        no_level = rm.Register(scheme=leics, risks=[rm.Risk(
            id="R1", appetite=rm.Appetite(level="open"),
            current=rm.Assessment.of(leics.parse("2B")))])
        assert (rm.appetite_status(reg.get("R1"), reg),
                rm.appetite_status(reg.get("R1"), reg, "target"),
                rm.appetite_status(no_level.get("R1"), no_level)) == (None, None, None)
