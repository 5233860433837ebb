"""The diff: matching by id, ref and content, what it reports per risk, and the patch it is."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import riskmodel as rm
from riskmodel import matching
from riskmodel.changes import (
    Crossing,
    Edit,
    FieldChange,
    ItemChange,
    ItemKind,
    RegisterDiff,
    RiskMatch,
    ScoreChange,
    TextChange,
    _words_alike,
    apply,
    diff,
    invert,
)
from riskmodel.direction import Trend
from riskmodel.matching import MatchNote, MatchReason, NoteKind, Side, similarity
from riskmodel.serialize import make_converter
from strategies import register_diffs, register_versions, registers

G5 = rm.builtin_schemes().get("generic-5x5")
#: One converter for every test: making one generates its hooks.
CONVERTER = make_converter()
LEICS = rm.builtin_schemes().get("leicestershire-4x4")


def cell(text: str, scheme: rm.ScoringScheme = G5) -> rm.Assessment:
    return rm.Assessment.of(scheme.parse(text))


def risk(risk_id: str, **fields: Any) -> rm.Risk:
    """A risk with a title, description, consequence and controls of its own words."""
    base = {
        "id": risk_id, "ref": risk_id.removeprefix("R"),
        "title": f"Payroll system {risk_id} fails at month end",
        "description": f"The {risk_id} payroll server is out of support and crashes",
        "consequence": "Staff are paid late and the council breaches its contracts",
        "controls": [rm.Control("Monthly failover test"), rm.Control("Support contract")],
        "current": cell("3x4"),
    }
    return rm.Risk(**{**base, **fields})


def register(*risks: rm.Risk, **fields: Any) -> rm.Register:
    return rm.Register(**{"scheme": G5, "title": "Resources", "version": "Q1",
                          "risks": risks, **fields})


WORDS = {
    "A": ("Ransomware encrypts the housing system", "Tenants cannot report repairs"),
    "B": ("Flooding closes the town hall basement archive", "Records are lost for good"),
    "C": ("Bus operator withdraws rural school routes", "Pupils miss school days"),
    "D": ("Landfill tax rise outstrips the waste budget", "An overspend of two million"),
}


def worded(risk_id: str, key: str, **fields: Any) -> rm.Risk:
    """A risk whose words are those of *key*, unlike any other key's."""
    description, consequence = WORDS[key]
    return rm.Risk(id=risk_id, description=description, consequence=consequence,
                   **fields)


def pairs(d: RegisterDiff) -> list[tuple[str, str, str]]:
    return [(m.old.id, m.new.id, str(m.reason)) for m in d.matches]


class TestMatching:
    def test_same_id(self) -> None:
        """Risks with the same id and content are paired by id, with confidence 1."""
        d = diff(register(risk("R1")), register(risk("R1", current=cell("4x4"))))
        assert [(m.old.id, m.new.id, m.reason, m.confidence) for m in d.matches] == [
            ("R1", "R1", MatchReason.ID, 1.0)]
        assert d.added == d.unlisted == d.notes == ()

    def test_renumbered_risk_is_matched_by_content(self) -> None:
        """A risk printed under a new id and ref with the same words is found by content."""
        d = diff(register(worded("7", "A", ref="7"), worded("8", "B", ref="8")),
                 register(worded("3", "B", ref="3"), worded("12", "A", ref="12")))
        assert pairs(d) == [("8", "3", "content"), ("7", "12", "content")]
        assert [m.field_change("ref") for m in d.matches] == [
            FieldChange(name="ref", old="8", new="3"), FieldChange(name="ref", old="7", new="12")]

    def test_reused_id_is_set_aside(self) -> None:
        """An id now carried by another risk's words is taken as reused, and noted."""
        old = register(worded("1", "A"), worded("2", "B"))
        new = register(worded("1", "B"), worded("5", "C"))
        d = diff(old, new)
        assert pairs(d) == [("2", "1", "content")]
        assert [r.id for r in d.added] == ["5"]
        assert [r.id for r in d.unlisted] == ["1"]
        assert d.notes == (MatchNote(kind=NoteKind.REUSED, old_id="1", new_id="1",
                                     similarity=0.0, other_id="2", other_side=Side.OLD),)
        assert d.notes[0].message == (
            "old 1 and new 1 share an id or ref but are only 0% alike, and old 2 is more "
            "alike: the id was taken as reused")

    def test_rewritten_risk_keeps_its_id(self) -> None:
        """A risk rewritten under its id, with nothing more alike, is a weak match, noted."""
        d = diff(register(worded("1", "A")), register(worded("1", "C")))
        assert pairs(d) == [("1", "1", "id")]
        assert d.matches[0].confidence == 0.0
        assert [(n.kind, n.old_id, n.new_id) for n in d.notes] == [(NoteKind.WEAK, "1", "1")]

    def test_same_ref(self) -> None:
        """Two risks with other ids but the same ref and alike words are paired by ref."""
        old = register(worded("row3", "A", ref="3"))
        new = register(worded("row4", "A", ref="3", title="Ransomware"))
        assert pairs(diff(old, new)) == [("row3", "row4", "ref")]

    def test_a_ref_does_not_beat_better_content(self) -> None:
        """A shared ref pairs two risks only when neither is more alike another risk."""
        old = register(worded("a", "A", ref="3"), worded("b", "B", ref="4"))
        new = register(worded("c", "B", ref="3", title="Flooding town hall"))
        assert pairs(diff(old, new)) == [("b", "c", "content")]

    def test_unrelated_risks_are_added_and_removed(self) -> None:
        """Risks with nothing in common are not matched, whatever their refs."""
        d = diff(register(worded("1", "A", ref="1")), register(worded("2", "D", ref="1")))
        assert d.matches == ()
        assert [r.id for r in d.added] == ["2"]
        assert [r.id for r in d.unlisted] == ["1"]

    def test_tie_goes_to_the_first_and_is_noted(self) -> None:
        """Two old risks equally like a new one: the earlier is taken, and the tie noted."""
        old = register(worded("x", "A"), worded("y", "A"))
        d = diff(old, register(worded("z", "A")))
        assert pairs(d) == [("x", "z", "content")]
        assert [(n.kind, n.other_id, n.other_side) for n in d.notes] == [
            (NoteKind.TIE, "y", Side.OLD)]

    def test_threshold(self) -> None:
        """A reworded risk below the threshold is added and removed; a lower one pairs it."""
        old = register(rm.Risk(id="a", description="Pressures on the divisional budget"))
        new = register(rm.Risk(id="b", description="Budget pressures rise across services"))
        # 2 words shared of 3 and 5: Dice 4/8, overlap 2/3, mean 0.5833.
        assert similarity(old.risks[0], new.risks[0]) == 0.5833
        assert diff(old, new, threshold=0.6).matches == ()
        assert pairs(diff(old, new, threshold=0.55)) == [("a", "b", "content")]

    @pytest.mark.parametrize("threshold", [-0.1, 1.5])
    def test_threshold_out_of_range(self, threshold: float) -> None:
        """A threshold is a similarity from 0 to 1."""
        with pytest.raises(rm.ValidationError, match="from 0 to 1"):
            diff(register(), register(), threshold=threshold)

    def test_content_matching_does_not_compare_every_pair(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With 300 unmatched risks a side, at most 5 candidates each are compared in full."""
        calls = 0
        score = matching._score

        def counted(*args: Any) -> float:
            nonlocal calls
            calls += 1
            return score(*args)

        monkeypatch.setattr(matching, "_score", counted)

        def numbered(prefix: str, n: int) -> rm.Risk:
            return rm.Risk(id=f"{prefix}{n}", description=f"Hazard word{n} alpha{n % 7}",
                           consequence=f"Harm kind{n} beta{n % 11}")

        old = register(*(numbered("o", n) for n in range(300)))
        new = register(*(numbered("n", n) for n in range(300)))
        d = diff(old, new)
        assert [(m.old.id, m.new.id) for m in d.matches] == [(f"o{n}", f"n{n}")
                                                              for n in range(300)]
        assert calls <= 300 * 5

    def test_similarity(self) -> None:
        """Similarity weighs each part's shared words; empty parts are left out."""
        a = rm.Risk(id="1", title="Budget gap", description="Demand grows faster than funding")
        b = rm.Risk(id="2", title="Budget gap", description="Demand grows faster than grants")
        # title 1 (weight 2); description 3 of 4 words: (6/8 + 3/4) / 2 = 0.75 (weight 3).
        assert similarity(a, b) == round((2 * 1 + 3 * 0.75) / 5, 4) == 0.85
        assert similarity(a, a) == 1.0 == similarity(rm.Risk(id="x"), rm.Risk(id="y"))


class TestRiskChanges:
    def test_score_change(self) -> None:
        """A re-scored stage gives its trend, value change, factor steps and bands."""
        d = diff(register(risk("R1", current=cell("4x4"))),
                 register(risk("R1", current=cell("4x5"), target=cell("2x3"))))
        [match] = d.matches
        assert match.scores == (
            ScoreChange(stage="current", old=cell("4x4"), new=cell("4x5"), trend=Trend.UP,
                        value_change=4, likelihood_steps=0, impact_steps=1,
                        old_band="red", new_band="red"),
            ScoreChange(stage="target", new=cell("2x3"), new_band="yellow"),
        )
        assert match.trend is Trend.UP
        assert [c.band_moved for c in match.scores] == [False, True]
        assert str(match.scores[0]) == "current 4x4 -> 4x5 ↑"

    def test_factor_steps_follow_severity_not_codes(self) -> None:
        """On Leicestershire's scheme, likelihood 2 to 1 is one step worse."""
        old = rm.Register(scheme=LEICS, risks=[rm.Risk(id="1", current=cell("2B", LEICS))])
        new = rm.Register(scheme=LEICS, risks=[rm.Risk(id="1", current=cell("1B", LEICS))])
        change = diff(old, new).matches[0].score("current")
        assert change is not None
        assert (change.likelihood_steps, change.impact_steps, change.trend) == (1, 0, Trend.UP)

    def test_appetite_crossings(self) -> None:
        """Going above the risk's appetite, or back within it, is reported per stage."""
        policy = rm.AppetitePolicy(default=rm.Appetite(threshold=12))
        old = register(risk("R1", current=cell("3x4")), risk("R2", current=cell("4x4")),
                       appetite=policy)
        new = register(risk("R1", current=cell("4x4")), risk("R2", current=cell("3x3")),
                       appetite=policy)
        d = diff(old, new)
        assert [m.score("current").crossing for m in d.matches] == [  # type: ignore[union-attr]
            Crossing.ABOVE, Crossing.WITHIN]
        assert [r.id for r in d.newly_above_appetite()] == ["R1"]

    def test_appetite_lowered_under_an_unchanged_score(self) -> None:
        """A lower appetite can put an unchanged score above it: a change with trend same."""
        d = diff(register(risk("R1", appetite=rm.Appetite(threshold=12))),
                 register(risk("R1", appetite=rm.Appetite(threshold=10))))
        [match] = d.matches
        assert match.scores == (ScoreChange(
            stage="current", old=cell("3x4"), new=cell("3x4"), trend=Trend.SAME,
            value_change=0, likelihood_steps=0, impact_steps=0, old_band="amber",
            new_band="amber", crossing=Crossing.ABOVE),)
        assert match.field_change("appetite") == FieldChange(name="appetite", old="12",
                                                             new="10")

    def test_values(self) -> None:
        """Owner, dates, status, section, category, cost and direction changes, as printed."""
        old = register(risk("R1", risk_owner="Director of Finance",
                            review_date=rm.DateText.parse("30/09/2026"), section="Finance"),
                       sections=[rm.Section("Finance"), rm.Section("ICT")])
        new = register(risk("R1", risk_owner="Chief Executive",
                            review_date=rm.DateText.parse("31/12/2026 then monthly"),
                            section="ICT", cost=rm.Cost.parse("50K"),
                            direction=rm.Direction.parse("→"),
                            status=rm.Status("closed", "Contract re-let")),
                       sections=[rm.Section("Finance"), rm.Section("ICT")])
        [match] = diff(old, new).matches
        assert [str(c) for c in match.fields] == [
            "section: Finance -> ICT",
            "risk_owner: Director of Finance -> Chief Executive",
            "review_date: 30/09/2026 -> 31/12/2026 then monthly",
            "cost: none -> 50K",
            "status: open -> closed: Contract re-let",
            "direction: none -> →",
        ]

    def test_notes_compared_by_header(self) -> None:
        """A note changed, added or removed is a value change named by its header; notes
        only reordered are no change."""
        old = register(risk("R1", notes={"Comments": "Quote requested", "RAG (Q1)": "A",
                                         "Lead": "Clerk"}))
        new = register(risk("R1", notes={"Lead": "Clerk", "Comments": "Quote accepted",
                                         "Funding": "Reserves"}))
        [match] = diff(old, new).matches
        assert [str(c) for c in match.fields] == [
            "notes.Comments: Quote requested -> Quote accepted",
            "notes['RAG (Q1)']: A -> none",
            "notes.Funding: none -> Reserves",
        ]
        assert match.field_change("notes.Funding") == FieldChange(
            name="notes.Funding", old=None, new="Reserves")
        same = diff(old, register(risk("R1", notes={"Lead": "Clerk", "RAG (Q1)": "A",
                                                   "Comments": "Quote requested"})))
        assert same.matches[0].fields == ()

    def test_text_edits(self) -> None:
        """An edited text part is reported with the share of its words kept."""
        d = diff(register(risk("R1")),
                 register(risk("R1", consequence="Staff are paid late and morale falls")))
        assert d.matches[0].texts == (TextChange(
            name="consequence",
            old="Staff are paid late and the council breaches its contracts",
            new="Staff are paid late and morale falls", similarity=0.5882),)
        # 5 words kept of 10 and 7: 2 * 5 / 17.
        assert str(d.matches[0].texts[0]) == "consequence edited (59% of the wording kept)"

    def test_controls_and_actions(self) -> None:
        """List items are kept, edited (alike), added or removed; an action's owner counts."""
        old = risk("R1", controls=[rm.Control("Monthly failover test"),
                                   rm.Control("Support contract with the supplier")],
                   actions=[rm.Action(text="Move payroll to the cloud", owner="Head of ICT")],
                   triggers=["Two failed runs"])
        new = risk("R1", controls=[rm.Control("Monthly failover test"),
                                   rm.Control("Support contract with the new supplier"),
                                   rm.Control("Manual payment fallback")],
                   actions=[rm.Action(text="Move payroll to the cloud", owner="Head of HR",
                                      due=rm.DateText.parse("31/03/2027"))],
                   triggers=[])
        assert diff(register(old), register(new)).matches[0].items == (
            ItemChange(kind=ItemKind.CONTROL, edit=Edit.EDITED,
                       old="Support contract with the supplier",
                       new="Support contract with the new supplier", similarity=0.9091),
            ItemChange(kind=ItemKind.CONTROL, edit=Edit.ADDED, new="Manual payment fallback"),
            ItemChange(kind=ItemKind.ACTION, edit=Edit.EDITED,
                       old="Move payroll to the cloud (owner Head of ICT)",
                       new="Move payroll to the cloud (owner Head of HR; due 31/03/2027)",
                       similarity=1.0),
            ItemChange(kind=ItemKind.TRIGGER, edit=Edit.REMOVED, old="Two failed runs"),
        )

    def test_where_printed_is_not_a_change(self) -> None:
        """Provenance and the raw text of a score cell are kept but not reported."""
        old = risk("R1", provenance=rm.Provenance("q1.txt", 12),
                   current=rm.Assessment.of(G5.parse("3x4"), text="3 4 12"))
        new = risk("R1", provenance=rm.Provenance("q2.txt", 40),
                   current=rm.Assessment.of(G5.parse("3x4"), text="3  4  12"))
        d = diff(register(old), register(new))
        assert d.is_empty
        assert not d.matches[0].changed
        assert apply(register(old), d).risks[0].provenance == rm.Provenance("q2.txt", 40)


class TestRegister:
    def test_register_changes(self) -> None:
        """Version, date, owner, title and sections are register-level changes."""
        old = register(version="Q1", as_at=dt.date(2026, 6, 30), owner="Chief Executive")
        new = register(version="Q2", as_at=dt.date(2026, 9, 30), owner=None,
                       title="Resources and governance", sections=[rm.Section("Finance")])
        assert [str(c) for c in diff(old, new).changes] == [
            "title: Resources -> Resources and governance",
            "owner: Chief Executive -> none",
            "version: Q1 -> Q2",
            "as_at: 30/06/2026 -> 30/09/2026",
            "sections: none -> Finance",
        ]

    def test_different_schemes(self) -> None:
        """Registers on two schemes are refused, naming the command that converts one."""
        with pytest.raises(rm.SchemeMismatchError) as caught:
            diff(register(), rm.Register(scheme=LEICS))
        assert str(caught.value) == (
            "cannot compare a generic-5x5 register with a leicestershire-4x4 register; "
            "convert one of them first: riskmodel convert FILE --to SCHEME (here --to "
            "leicestershire-4x4 or --to generic-5x5)")
        assert caught.value.hint.startswith("convert one of them first")

    def test_one_id_two_definitions(self) -> None:
        """Two registers defining the same scheme id differently are refused too."""
        other = attrs.evolve(G5, name="Generic, edited")
        with pytest.raises(rm.SchemeMismatchError, match="define generic-5x5 differently"):
            diff(register(), rm.Register(scheme=other))

    def test_removed_closed_and_deleted(self) -> None:
        """Closed and deleted risks carry the reason the new version gives; unlisted none."""
        old = register(risk("R1"), risk("R2"), risk("R3"))
        new = register(risk("R1", status=rm.Status("closed", "Done")),
                       risk("R2", status=rm.Status("deleted", "Covered by R1")))
        d = diff(old, new)
        assert [(r.risk.id, r.state, r.reason) for r in d.removed] == [
            ("R1", rm.RiskState.CLOSED, "Done"), ("R2", rm.RiskState.DELETED, "Covered by R1"),
            ("R3", None, None)]
        assert [m.new.id for m in d.closed] == ["R1"]
        assert [m.new.id for m in d.deleted] == ["R2"]

    def test_summary(self) -> None:
        """The summary counts what a committee asks about."""
        policy = rm.AppetitePolicy(default=rm.Appetite(threshold=12))
        old = register(risk("R1", current=cell("3x3")), risk("R2", current=cell("4x4")),
                       risk("R3"), risk("R4", current=None), appetite=policy)
        new = register(risk("R1", current=cell("4x4")), risk("R2", current=cell("2x4")),
                       risk("R3", status=rm.Status("closed")), risk("R4", current=None),
                       risk("R5", current=cell("5x5")), appetite=policy)
        assert attrs.asdict(diff(old, new).summary) == {
            "new": 1, "closed": 1, "deleted": 0, "unlisted": 0, "increased": 1,
            "decreased": 1, "unchanged": 0, "not_comparable": 1, "band_changes": 2,
            "newly_above_appetite": 2, "amended": 2,
        }

    @given(register_diffs())
    def test_counts_add_up(self, d: RegisterDiff) -> None:
        """Up, down, same and not comparable split the risks open in both versions, and the
        removals are the closed, the deleted and the no longer listed."""
        s = d.summary
        assert s.increased + s.decreased + s.unchanged + s.not_comparable == len(d.continuing)
        assert len(d.removed) == len(d.closed) + len(d.deleted) + len(d.unlisted)

    def test_reordered(self) -> None:
        """Listing the same risks in another order is a change."""
        d = diff(register(risk("R1"), risk("R2")), register(risk("R2"), risk("R1")))
        assert d.reordered
        assert not d.is_empty
        assert apply(register(risk("R1"), risk("R2")), d).risks[0].id == "R2"


class TestPatch:
    def test_apply_refuses_another_base(self) -> None:
        """A diff applies only to the version it was made from, and says what differs."""
        d = diff(register(risk("R1")), register(risk("R1", current=cell("4x4"))))
        with pytest.raises(rm.PatchError) as caught:
            apply(register(risk("R1", risk_owner="?")), d)
        assert str(caught.value) == (
            "cannot apply the diff: risk R1: it differs from the version the diff was made from")
        with pytest.raises(rm.PatchError, match="register title"):
            apply(register(risk("R1"), title="Other"), d)
        with pytest.raises(rm.PatchError, match="lists the risks"):
            apply(register(risk("R2")), d)

    def test_apply_refuses_another_scheme(self) -> None:
        """Applying a diff to a register on another scheme names the command to convert."""
        with pytest.raises(rm.SchemeMismatchError, match="riskmodel convert FILE"):
            apply(rm.Register(scheme=LEICS), diff(register(), register()))

    def test_inconsistent_diff_is_refused(self) -> None:
        """A diff must hold exactly the risks each version lists."""
        d = diff(register(risk("R1")), register(risk("R1")))
        with pytest.raises(rm.ValidationError, match="lists ids the diff does not hold"):
            attrs.evolve(d, new=attrs.evolve(d.new, risk_ids=("R1", "R9")))

    def test_json_round_trip_example(self) -> None:
        """A diff is a root document: its scheme first, then its risks bound to it."""
        q1 = rm.load("examples/registers/fenbridge-corporate-2026-q1.json")
        q2 = rm.load("examples/registers/fenbridge-corporate-2026-q2.json")
        d = diff(q1, q2)
        converter = make_converter()
        text = converter.dumps(d)
        document = json.loads(text)
        assert list(document)[:4] == ["format_version", "scheme", "old", "new"]
        assert document["scheme"] == "generic-5x5"
        assert converter.loads(text, RegisterDiff) == d
        assert apply(q1, converter.loads(text, RegisterDiff)) == q2

    def test_stored_changes_must_be_what_the_risks_make(self) -> None:
        """A diff file whose changes say other than its risks is refused where it lies."""
        d = diff(rm.load("examples/registers/fenbridge-corporate-2026-q1.json"),
                 rm.load("examples/registers/fenbridge-corporate-2026-q2.json"))
        document = json.loads(CONVERTER.dumps(d))
        first = document["matches"][0]
        assert first["new"]["id"] == "FDC-001"
        first["fields"] = [{"name": "ref", "old": "A", "new": "B"}]
        with pytest.raises(rm.LoadError) as caught:
            CONVERTER.loads(json.dumps(document), RegisterDiff, source="q.json")
        assert str(caught.value) == (
            "q.json: $.matches[0].fields: the stored changes are not the changes its two "
            "risks make: expected [], found [ref: A -> B]")

    def test_stored_register_changes_must_be_what_the_versions_make(self) -> None:
        """The register-level changes are checked against the two versions' own fields."""
        d = diff(register(risk("R1")), register(risk("R1")))
        document = json.loads(CONVERTER.dumps(d))
        document["changes"] = [{"name": "title", "old": "x", "new": "y"}]
        assert [str(e) for e in CONVERTER.problems(json.dumps(document), RegisterDiff)] == [
            "$.changes: the stored changes are not the changes the two versions make: "
            "expected [], found [title: x -> y]"]

    def test_verify_lists_at_most_three_changes(self) -> None:
        """A long list of differing changes is cut after three, with the count left."""
        d = diff(register(risk("R1")), register(risk("R1")))
        fields = [FieldChange(name=f"f{n}", old="a", new="b") for n in range(5)]
        forged = attrs.evolve(d, matches=[attrs.evolve(d.matches[0], fields=fields)])
        with pytest.raises(rm.ValidationError) as caught:
            forged.verify()
        assert caught.value.path == "matches[0].fields"
        assert caught.value.problem == (
            "the stored changes are not the changes its two risks make: expected [], found "
            "[f0: a -> b, f1: a -> b, f2: a -> b, … 2 more]")

    @given(register_versions())
    def test_patch_laws(self, pair: tuple[rm.Register, rm.Register]) -> None:
        """apply(old, d) == new, apply(new, invert(d)) == old and invert(invert(d)) == d,
        for d = diff(old, new), also once d has been written as JSON and read back."""
        old, new = pair
        d = diff(old, new)
        assert apply(old, d) == new
        assert apply(new, invert(d)) == old
        assert invert(invert(d)) == d
        loaded = CONVERTER.loads(CONVERTER.dumps(d), RegisterDiff)
        assert loaded == d
        assert apply(old, loaded) == new

    @given(registers())
    def test_diff_with_itself_is_empty(self, register_: rm.Register) -> None:
        """diff(a, a) reports nothing: every risk matched by id, unchanged, no notes."""
        d = diff(register_, register_)
        assert d.is_empty
        assert d.notes == ()
        assert d.summary.amended == 0
        assert all(m.reason is MatchReason.ID and m.confidence == 1.0 for m in d.matches)


class TestWordsFastPath:
    """ASCII text is folded and spaced by a byte table; it must give what the general
    routine (``str.casefold`` and the character table) gives."""

    @given(st.text(alphabet=st.characters(max_codepoint=127)))
    def test_ascii_as_the_general_routine(self, text: str) -> None:
        assert matching._spaced(text) == text.casefold().translate(matching._SPACES)

    @given(st.lists(st.sampled_from(["is", "a", "14", "7", "2013", "systems", "class", "bus",
                                     "the", "of", "Council's", "IT", "ss", "Straße", "ÉTÉ"]))
           | st.lists(st.text(max_size=6), max_size=4))
    def test_has_words_as_words(self, words: list[str]) -> None:
        """Whether a text has words is what reading its words finds, only sooner."""
        text = " ".join(words)
        assert matching._has_words(text) == bool(matching._words(text))

    def test_other_scripts_take_the_general_routine(self) -> None:
        assert matching._spaced("Straße_Ärger—IT") == "strasse ärger it"


def _former_words(text: str) -> frozenset[str]:
    """The words of *text* as the set-based rule read them before words were read token by
    token: kept here as the specification the faster reading must meet."""
    found = set(matching._spaced(text).split())
    found -= matching._STOPWORDS
    odd = [w for w in found if w[-1] == "s" or len(w) < 3]
    if odd:
        found.difference_update(odd)
        found.update([w[:-1] if len(w) > 4 and w[-1] == "s" and w[-2] != "s" else w
                      for w in odd if len(w) > 2 or (len(w) == 2 and w.isdigit())])
    return frozenset(found)


def _former_words_alike(old: str, new: str) -> float:
    """The share of shared words as it was counted word by word before."""
    if old == new:
        return 1.0
    a, b = old.split(), new.split()
    if not a or not b:
        return 0.0
    left = Counter(a)
    kept = 0
    for word in b:
        if left[word]:
            left[word] -= 1
            kept += 1
    return round(2 * kept / (len(a) + len(b)), 4)


_TOKENS = ["is", "a", "14", "7", "2013", "systems", "class", "bus", "buses", "others", "its",
           "the", "of", "Council's", "IT", "ss", "Straße", "ÉTÉ", "risks", "２０", "½", "sss"]


class TestFasterReadings:
    """The faster readings of the diff give exactly what the readings they replaced gave."""

    @given(st.lists(st.sampled_from(_TOKENS)) | st.lists(st.text(max_size=6), max_size=6))
    def test_words_token_by_token(self, tokens: list[str]) -> None:
        """A text's words read token by token, once or through a vocabulary met before,
        are the words the set-based rule read."""
        text = " ".join(tokens)
        vocabulary = matching._Vocabulary()
        vocabulary[" ".join(reversed(tokens))]  # its tokens met before, in another text
        assert matching._words(text) == _former_words(text)
        assert vocabulary[text] == _former_words(text)

    def test_words_of_plurals_and_stop_words(self) -> None:
        """A plural loses its ``s`` from five letters up, after stop words are dropped."""
        text = "others its buses bus class systems risks sss 14 7 a"
        assert matching._Vocabulary()[text] == frozenset(
            {"other", "buse", "bus", "class", "system", "sss", "14"})

    @given(st.lists(st.sampled_from(["pay", "staff", "late", "the", "of", "x"]), max_size=8),
           st.lists(st.sampled_from(["pay", "staff", "late", "the", "of", "y"]), max_size=8))
    def test_words_alike_with_repeats(self, old: list[str], new: list[str]) -> None:
        """The share of shared words counts a repeated word as often as both texts have it,
        as counting word by word did."""
        a, b = " ".join(old), " ".join(new)
        assert _words_alike(a, b) == _former_words_alike(a, b)

    def test_words_alike_exact(self) -> None:
        """Two of three repeats shared, and one of one: 2 * 3 / (4 + 5)."""
        assert _words_alike("the the the pay", "the the pay late rise") == 0.6667


class TestEqualPartsFastPath:
    """A pair whose reported parts are all equal is left at once; its scores still count."""

    def test_a_copy_has_no_changes(self) -> None:
        """An equal copy (another object) changes nothing, and keeps tuples."""
        a = risk("R1", review_date=rm.DateText.parse("31/03/2027"))
        b = attrs.evolve(a, controls=[rm.Control("Monthly failover test"),
                                      rm.Control("Support contract")])
        assert a is not b
        assert a.controls is not b.controls
        m = RiskMatch.of(a, b, reason="id", confidence=1.0)
        assert (m.scores, m.fields, m.texts, m.items) == ((), (), (), ())

    def test_only_the_score_moved(self) -> None:
        """Equal parts but another current score: the score change alone."""
        a, b = risk("R1"), risk("R1", current=cell("4x4"))
        m = RiskMatch.of(a, b, reason="id", confidence=1.0)
        assert [str(c) for c in m.changes] == ["current 3x4 -> 4x4 ↑"]

    def test_appetite_crossed_without_a_new_score(self) -> None:
        """Equal risks whose appetite threshold moved below their score cross it."""
        a = risk("R1")
        m = RiskMatch.of(a, attrs.evolve(a), reason="id", confidence=1.0,
                         thresholds=(None, 5.0))
        assert [(str(c.stage), c.crossing) for c in m.scores] == [("current", Crossing.ABOVE)]
        assert (m.fields, m.texts, m.items) == ((), (), ())

    def test_provenance_is_not_a_change(self) -> None:
        """Where a risk was printed is kept, not reported: equal parts, no change."""
        a = risk("R1")
        b = attrs.evolve(a, provenance=rm.Provenance(source="q2.xlsx", line=4))
        assert RiskMatch.of(a, b, reason="id", confidence=1.0).changes == ()

    def test_one_note_differs(self) -> None:
        """A note alone differs: the general path names it."""
        a = risk("R1", notes=[("Comments", "Reviewed")])
        b = risk("R1", notes=[("Comments", "Reviewed again")])
        m = RiskMatch.of(a, b, reason="id", confidence=1.0)
        assert [str(c) for c in m.changes] == ["notes.Comments: Reviewed -> Reviewed again"]


class TestSchemeCheck:
    """A diff's risks must be scored on its scheme: the same object, or an equal one."""

    def test_an_equal_scheme_object_passes(self) -> None:
        """A risk scored on an equal copy of the scheme is held."""
        equal = attrs.evolve(G5)
        assert equal == G5
        assert equal is not G5
        copied = risk("R1", current=cell("3x4", equal))
        d = diff(register(risk("R1")), register(risk("R1")))
        evolved = attrs.evolve(d, matches=[attrs.evolve(d.matches[0], new=copied)])
        assert evolved.matches[0].new is copied

    def test_another_scheme_is_named(self) -> None:
        """A risk scored on another scheme is named with both schemes."""
        d = diff(register(risk("R1")), register(risk("R1")))
        stray = risk("R1", current=cell("3B", LEICS))
        with pytest.raises(rm.ValidationError, match="risk R1 is scored on "
                           "leicestershire-4x4, but the diff is on generic-5x5"):
            attrs.evolve(d, matches=[attrs.evolve(d.matches[0], new=stray)])
