"""Diffs of the Leicester seeds: the 2015 divisional risks found again in the 2017 register,
and the 2017 register's AMENDMENTS matched to the rows they print again.

Risks are named by the source line they were read from (their provenance), so these tests
hold whatever ids the readers give them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmodel import Register
from riskmodel.changes import RegisterDiff, apply, diff, invert
from riskmodel.matching import MatchReason, NoteKind
from riskmodel.readers import read

from .expected_leicester_cypf import RISKS as CYPF_RISKS
from .expected_leicester_cypf import SEED_CLEAN as CYPF_SEED
from .expected_leicester_operational import (
    AMENDMENTS,
    CYPF_WITHOUT_COUNTERPART,
    OVERLAP_WITH_CYPF,
)
from .expected_leicester_operational import SEED as OPERATIONAL_SEED

CYPF_LINE = {str(r["id"]): int(r["line"]) for r in CYPF_RISKS}  # type: ignore[call-overload]
#: The AMENDMENTS rows that are risks (the "- Continued" row of 24 carries no scores).
REPRINTED = [a for a in AMENDMENTS
             if a["current"] != (None, None, None) or a["target"] != (None, None, None)]


def line(risk: object) -> int:
    return risk.provenance.line  # type: ignore[attr-defined,no-any-return]


@pytest.fixture(scope="module")
def cypf(seeds: Path) -> Register:
    return read(seeds / CYPF_SEED).registers[0]


@pytest.fixture(scope="module")
def operational(seeds: Path) -> tuple[Register, Register]:
    main, amendments = read(seeds / OPERATIONAL_SEED).registers
    return main, amendments


@pytest.fixture(scope="module")
def years(cypf: Register, operational: tuple[Register, Register]) -> RegisterDiff:
    return diff(cypf, operational[0])


@pytest.fixture(scope="module")
def amended(operational: tuple[Register, Register]) -> RegisterDiff:
    return diff(*operational)


class TestDivisional2015ToOperational2017:
    def test_each_risk_that_reappears_is_matched_to_its_2017_row(
        self, years: RegisterDiff
    ) -> None:
        """The 21 risks of 2015 found in 2017 (as 28-34 and rows grouped under them) pair up."""
        expected = sorted((CYPF_LINE[str(o["cypf_id"])], int(o["op_line"]))  # type: ignore[call-overload]
                          for o in OVERLAP_WITH_CYPF)
        assert sorted((line(m.old), line(m.new)) for m in years.matches) == expected
        assert len(expected) == 21

    def test_matched_by_content(self, years: RegisterDiff) -> None:
        """Ids and refs differ between the two registers, so every pair is a content match."""
        assert {m.reason for m in years.matches} == {MatchReason.CONTENT}
        assert years.notes == ()

    def test_the_rest_are_removed(self, years: RegisterDiff) -> None:
        """School attendance (two), access to records and elected members do not reappear."""
        assert sorted(line(r) for r in years.unlisted) == sorted(
            CYPF_LINE[i] for i in CYPF_WITHOUT_COUNTERPART)

    def test_the_other_2017_risks_are_new(
        self, years: RegisterDiff, operational: tuple[Register, Register]
    ) -> None:
        """Every 2017 row not matched is added."""
        assert len(years.added) == len(operational[0]) - 21 == 46

    def test_the_reworded_early_help_module_risk(self, years: RegisterDiff) -> None:
        """2015's 4b, reworded in 2017, is the weakest pair and still above the threshold."""
        weakest = min(years.matches, key=lambda m: m.confidence)
        assert line(weakest.old) == CYPF_LINE["4b"]
        assert years.threshold <= weakest.confidence < 0.5

    def test_new_owner_for_every_pair(self, years: RegisterDiff) -> None:
        """All 2017 rows have one owner, so each pair reports an owner change or a new owner."""
        owners = {m.field_change("risk_owner").new for m in years.matches}  # type: ignore[union-attr]
        assert owners == {"Caroline Tote"}

    def test_patch(self, cypf: Register, operational: tuple[Register, Register],
                   years: RegisterDiff) -> None:
        """The diff patches 2015 into 2017 and back."""
        assert apply(cypf, years) == operational[0]
        assert apply(operational[0], invert(years)) == cypf


class TestAmendments:
    def test_every_reprinted_row_is_matched_to_the_row_it_reprints(
        self, amended: RegisterDiff
    ) -> None:
        """All 36 rows printed again under AMENDMENTS pair with their main-register rows."""
        assert len(REPRINTED) == 36
        assert sorted((line(m.old), line(m.new)) for m in amended.matches) == sorted(
            (int(a["main_line"]), int(a["line"])) for a in REPRINTED)  # type: ignore[call-overload]
        assert amended.added == ()

    def test_the_row_printed_as_28_is_the_cost_of_agency_row(
        self, amended: RegisterDiff
    ) -> None:
        """Line 416 prints 28's number, but its words are line 207's: the id is reused."""
        [match] = [m for m in amended.matches if line(m.new) == 416]
        assert line(match.old) == 207
        assert match.reason is MatchReason.CONTENT
        [note] = amended.notes
        assert (note.kind, note.old_id, note.new_id) == (NoteKind.REUSED, "28", "28")
        assert note.other_id == match.old.id

    def test_what_amendments_changed(self, amended: RegisterDiff) -> None:
        """Scores filled in, review dates moved, costs: exactly the recorded changes."""
        tracked = {"risk_owner": "owner", "review_date": "review_date", "cost": "cost"}
        by_line = {int(a["line"]): sorted(a["changed"]) for a in REPRINTED}  # type: ignore[call-overload]
        found = {}
        for m in amended.matches:
            changed = [str(c.stage) for c in m.scores]
            changed += [tracked[c.name] for c in m.fields if c.name in tracked]
            found[line(m.new)] = sorted(changed)
        assert found == by_line

    def test_a_score_filled_in(self, amended: RegisterDiff) -> None:
        """17's grouped row had no current score; AMENDMENTS prints 5 3 15."""
        [match] = [m for m in amended.matches if line(m.new) == 405]
        change = match.score("current")
        assert change is not None
        assert change.old is None
        assert change.new is not None
        assert change.new.value == 15
        assert change.trend is None
