"""The bundled Fenbridge quarters: every change examples/registers/README.md lists, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

import riskmodel as rm
from riskmodel.changes import RegisterDiff, apply, diff, invert
from riskmodel.matching import MatchReason

REGISTERS = Path(__file__).parent.parent / "examples" / "registers"


def quarter(n: int) -> rm.Register:
    return rm.load(REGISTERS / f"fenbridge-corporate-2026-q{n}.json")


@pytest.fixture(scope="module")
def q1_q2() -> RegisterDiff:
    return diff(quarter(1), quarter(2))


@pytest.fixture(scope="module")
def q2_q3() -> RegisterDiff:
    return diff(quarter(2), quarter(3))


def rescored(d: RegisterDiff, stage: str) -> dict[str, tuple[str, str]]:
    """Risk id → (old cell, new cell) for each risk whose score at *stage* changed."""
    found = {}
    for m in d.matches:
        change = m.score(stage)
        if change is not None and change.old is not None and change.new is not None \
                and change.old.score != change.new.score:
            found[m.new.id] = (str(change.old), str(change.new))
    return found


def moved(d: RegisterDiff) -> dict[str, tuple[str | None, str | None]]:
    return {m.new.id: (c.old, c.new) for m in d.matches if (c := m.field_change("section"))}


class TestQ1ToQ2:
    def test_every_risk_matched_by_its_stable_id(self, q1_q2: RegisterDiff) -> None:
        """Ids stay the same in every version, so every pair is an id match, with no notes."""
        assert {m.reason for m in q1_q2.matches} == {MatchReason.ID}
        assert all(m.old.id == m.new.id for m in q1_q2.matches)
        assert len(q1_q2.matches) == 26
        assert q1_q2.notes == ()

    def test_added(self, q1_q2: RegisterDiff) -> None:
        """FDC-027 and FDC-028 added."""
        assert [r.id for r in q1_q2.added] == ["FDC-027", "FDC-028"]

    def test_closed_and_deleted(self, q1_q2: RegisterDiff) -> None:
        """FDC-009 closed; FDC-019 deleted, below this register's threshold; none unlisted."""
        assert [m.new.id for m in q1_q2.closed] == ["FDC-009"]
        assert [m.new.id for m in q1_q2.deleted] == ["FDC-019"]
        [deleted] = [r for r in q1_q2.removed if r.risk.id == "FDC-019"]
        assert deleted.reason is not None
        assert deleted.reason.startswith(
            "Below this register's threshold")
        assert q1_q2.unlisted == ()

    def test_moved(self, q1_q2: RegisterDiff) -> None:
        """FDC-021 moved from Estates to Governance, and no other risk moved."""
        assert moved(q1_q2) == {"FDC-021": ("Estates", "Governance")}

    def test_current_rescored(self, q1_q2: RegisterDiff) -> None:
        """Current re-scored for FDC-001, FDC-006, FDC-008 and FDC-022 only."""
        assert rescored(q1_q2, "current") == {
            "FDC-001": ("4x4", "4x5"), "FDC-006": ("4x4", "4x5"),
            "FDC-008": ("4x3", "3x3"), "FDC-022": ("4x4", "3x4"),
        }

    def test_target_rescored(self, q1_q2: RegisterDiff) -> None:
        """FDC-008's target also changed, and no other target or inherent score did."""
        assert rescored(q1_q2, "target") == {"FDC-008": ("3x3", "2x3")}
        assert rescored(q1_q2, "inherent") == {}

    def test_renumbered(self, q1_q2: RegisterDiff) -> None:
        """10 risks renumbered."""
        assert sum(m.renumbered for m in q1_q2.matches) == 10
        assert sorted(m.new.id for m in q1_q2.matches if m.renumbered) == [
            "FDC-006", "FDC-007", "FDC-008", "FDC-016", "FDC-017", "FDC-018", "FDC-021",
            "FDC-022", "FDC-023", "FDC-024"]

    def test_register_level(self, q1_q2: RegisterDiff) -> None:
        """The version and the as-at date change; nothing else of the register does."""
        assert [str(c) for c in q1_q2.changes] == [
            "version: 2026/27 Q1 -> 2026/27 Q2", "as_at: 30/06/2026 -> 30/09/2026"]


class TestQ2ToQ3:
    def test_added(self, q2_q3: RegisterDiff) -> None:
        """FDC-029 and FDC-030 added."""
        assert [r.id for r in q2_q3.added] == ["FDC-029", "FDC-030"]

    def test_closed(self, q2_q3: RegisterDiff) -> None:
        """FDC-004 and FDC-013 closed; nothing deleted."""
        assert [m.new.id for m in q2_q3.closed] == ["FDC-004", "FDC-013"]
        assert q2_q3.deleted == ()

    def test_no_longer_listed(self, q2_q3: RegisterDiff) -> None:
        """FDC-009 and FDC-019 (closed and deleted in Q2) are no longer listed."""
        assert [r.id for r in q2_q3.unlisted] == ["FDC-009", "FDC-019"]
        assert [(r.risk.id, r.state) for r in q2_q3.removed] == [
            ("FDC-004", rm.RiskState.CLOSED), ("FDC-013", rm.RiskState.CLOSED),
            ("FDC-009", None), ("FDC-019", None)]

    def test_moved(self, q2_q3: RegisterDiff) -> None:
        """FDC-015 moved from ICT and cyber to Governance, and no other risk moved."""
        assert moved(q2_q3) == {"FDC-015": ("ICT and cyber", "Governance")}

    def test_current_rescored(self, q2_q3: RegisterDiff) -> None:
        """Current re-scored for FDC-002, 007, 010, 011, 012 and 025 only."""
        assert rescored(q2_q3, "current") == {
            "FDC-002": ("3x5", "4x5"), "FDC-007": ("3x4", "4x4"), "FDC-010": ("4x5", "4x4"),
            "FDC-011": ("3x4", "3x3"), "FDC-012": ("4x3", "3x3"), "FDC-025": ("4x3", "4x4"),
        }
        assert rescored(q2_q3, "target") == rescored(q2_q3, "inherent") == {}

    def test_renumbered(self, q2_q3: RegisterDiff) -> None:
        """15 risks renumbered."""
        assert sum(m.renumbered for m in q2_q3.matches) == 15

    def test_fdc_002_newly_above_its_appetite(self, q2_q3: RegisterDiff) -> None:
        """FDC-002 re-scored to 20 is above its appetite of 15; at 15 it was not."""
        change = q2_q3.match_of("FDC-002").score("current")  # type: ignore[union-attr]
        assert change is not None
        assert str(change.crossing) == "above"
        assert [r.id for r in q2_q3.newly_above_appetite()] == ["FDC-002"]

    def test_summary(self, q2_q3: RegisterDiff) -> None:
        """The committee's counts for Q2 to Q3."""
        s = q2_q3.summary
        assert (s.new, s.closed, s.deleted, s.unlisted) == (2, 2, 0, 2)
        assert (s.increased, s.decreased, s.unchanged) == (3, 3, 18)
        assert s.newly_above_appetite == 1


class TestPatches:
    @pytest.mark.parametrize(("a", "b"), [(1, 2), (2, 3), (1, 3)])
    def test_apply_and_invert(self, a: int, b: int) -> None:
        """Each pair of quarters patches forwards and back."""
        old, new = quarter(a), quarter(b)
        d = diff(old, new)
        assert apply(old, d) == new
        assert apply(new, invert(d)) == old

    @pytest.mark.parametrize("n", [1, 2, 3])
    def test_a_quarter_against_itself(self, n: int) -> None:
        """Each quarter diffed with itself is empty."""
        assert diff(quarter(n), quarter(n)).is_empty
