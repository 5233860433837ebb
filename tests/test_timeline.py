"""History: each risk followed through the versions that list it, and the register's trend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import riskmodel as rm
from riskmodel.direction import Trend
from riskmodel.timeline import History, history
from strategies import register_versions

EXAMPLES = Path(__file__).parent.parent / "examples" / "registers"
G5 = rm.builtin_schemes().get("generic-5x5")


@pytest.fixture(scope="module")
def quarters() -> History:
    return history([rm.load(EXAMPLES / f"fenbridge-corporate-2026-q{n}.json")
                    for n in (1, 2, 3)])


def version(*risks: rm.Risk, **fields: Any) -> rm.Register:
    return rm.Register(scheme=G5, risks=risks, **fields)


def worded(risk_id: str, words: str, current: str = "3x3", **fields: Any) -> rm.Risk:
    return rm.Risk(id=risk_id, ref=risk_id, description=words,
                   current=rm.Assessment.of(G5.parse(current)), **fields)


class TestTimelines:
    def test_one_per_risk_ever_listed(self, quarters: History) -> None:
        """26 risks, 2 added in Q2 and 2 in Q3: 30 timelines, the last version's first."""
        assert len(quarters.timelines) == 30
        assert [t.id for t in quarters.timelines[26:]] == [
            "FDC-004", "FDC-013", "FDC-009", "FDC-019"]

    def test_renumbered_and_rescored(self, quarters: History) -> None:
        """FDC-022 is printed as 22, 21, 20, its current score falls once then holds."""
        line = quarters.timeline_of("FDC-022")
        assert line.refs == ("22", "21", "20")
        assert line.values("current") == (16, 12, 12)
        assert line.moves == (Trend.DOWN, Trend.SAME)
        assert line.trend is Trend.SAME
        assert (line.appeared, line.closed, line.unlisted) == (None, None, None)

    def test_appeared(self, quarters: History) -> None:
        """FDC-027 is new in Q2 (version index 1), with no score before."""
        line = quarters.timeline_of("FDC-027")
        assert line.appeared == 1
        assert line.values() == (None, 15, 15)
        assert [a.version for a in line.appearances] == [1, 2]

    def test_new_in_the_last_version(self, quarters: History) -> None:
        """A risk listed once, after the first version, has the trend new."""
        assert quarters.timeline_of("FDC-030").trend is Trend.NEW

    def test_closed_then_no_longer_listed(self, quarters: History) -> None:
        """FDC-009 is closed in Q2 and no longer listed in Q3."""
        line = quarters.timeline_of("FDC-009", version=1)
        assert (line.closed, line.unlisted, line.state) == (1, 2, None)
        assert line.values() == (8, 8, None)

    def test_closed_in_the_last_version(self, quarters: History) -> None:
        """FDC-004 is closed in Q3 and still listed there."""
        line = quarters.timeline_of("FDC-004")
        assert (line.closed, line.unlisted, line.state) == (2, None, rm.RiskState.CLOSED)

    def test_unknown_risk(self, quarters: History) -> None:
        """Asking for a risk a version does not list names the version."""
        with pytest.raises(rm.ValidationError, match="version 3 lists no risk 'FDC-009'"):
            quarters.timeline_of("FDC-009")

    def test_followed_across_new_ids(self) -> None:
        """A risk renumbered (new id and ref) between versions keeps one timeline."""
        v1 = version(worded("4", "Coastal erosion threatens the promenade", "3x4"))
        v2 = version(worded("7", "Coastal erosion threatens the promenade", "4x4"))
        v3 = version(worded("2", "Coastal erosion threatens the promenade", "4x4"))
        [line] = history([v1, v2, v3]).timelines
        assert (line.ids, line.refs, line.values()) == (("4", "7", "2"), ("4", "7", "2"),
                                                        (12, 16, 16))

    def test_one_version(self) -> None:
        """One version is a history with no diffs and no trends."""
        h = history([version(worded("1", "Flood"))])
        assert h.diffs == ()
        assert [t.trend for t in h.timelines] == [None]

    def test_no_versions(self) -> None:
        """A history needs a version."""
        with pytest.raises(rm.ValidationError, match="at least one version"):
            history([])

    def test_different_schemes(self) -> None:
        """Versions on two schemes are refused as a diff refuses them."""
        leics = rm.builtin_schemes().get("leicestershire-4x4")
        with pytest.raises(rm.SchemeMismatchError):
            history([version(), rm.Register(scheme=leics)])

    @given(register_versions())
    def test_every_listing_is_in_one_timeline(
        self, pair: tuple[rm.Register, rm.Register]
    ) -> None:
        """Each risk of each version appears in exactly one timeline, in version order."""
        h = history(pair)
        seen = sorted((a.version, a.risk.id) for t in h.timelines for a in t.appearances)
        assert seen == sorted((v, r.id) for v, reg in enumerate(pair) for r in reg.risks)
        for t in h.timelines:
            versions = [a.version for a in t.appearances]
            assert versions == list(range(versions[0], versions[0] + len(versions)))


class TestTrend:
    def test_band_counts_per_version(self, quarters: History) -> None:
        """Open risks by current band in each quarter."""
        assert [dict(c) for c in quarters.band_counts()] == [
            {"green": 0, "yellow": 1, "amber": 19, "red": 6, "unscored": 0},
            {"green": 0, "yellow": 1, "amber": 19, "red": 6, "unscored": 0},
            {"green": 0, "yellow": 0, "amber": 17, "red": 9, "unscored": 0},
        ]

    def test_other_stages(self, quarters: History) -> None:
        """The trend of any stage can be asked for."""
        assert [c["red"] for c in quarters.band_counts("target")] == [0, 0, 0]

    def test_versions(self, quarters: History) -> None:
        """Each version's own fields are kept."""
        assert [v.label for v in quarters.versions] == ["2026/27 Q1", "2026/27 Q2",
                                                        "2026/27 Q3"]
