"""Risks, their controls, actions, status and assessments by stage."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import riskmodel as rm
from riskmodel import (
    Action,
    Appetite,
    AppetiteLevel,
    AppetitePolicy,
    Assessment,
    Control,
    DateText,
    Provenance,
    Risk,
    RiskState,
    ScoringScheme,
    Stage,
    Status,
    builtin_schemes,
    is_placeholder,
)
from strategies import risks, schemes

BUILTINS = builtin_schemes()
GENERIC = BUILTINS.get("generic-5x5")
CAMBRIDGESHIRE = BUILTINS.get("cambridgeshire-5x5")


class TestPlaceholders:
    """Owner cells that mean 'unknown'."""

    @pytest.mark.parametrize("owner", [None, "?", " ?? ", "TBC", "tbd", "N/A", "-", "Unknown"])
    def test_placeholder(self, owner: str | None) -> None:
        """Missing owners and placeholders such as '?' and 'TBC' are placeholders."""
        assert is_placeholder(owner) is True

    @pytest.mark.parametrize("owner", ["Director of Finance", "JS", "Head of Service ?"])
    def test_real_owner(self, owner: str) -> None:
        """A named owner is not a placeholder."""
        assert is_placeholder(owner) is False

    def test_empty_text_is_a_placeholder(self) -> None:
        """Empty or blank text counts as a missing owner, as None does."""
        assert (is_placeholder(""), is_placeholder("  ")) == (True, True)


class TestControlsAndActions:
    """Controls and actions hold text; actions add an owner and a due date."""

    def test_control_text_stripped(self) -> None:
        """A control keeps its stripped text."""
        assert Control("  Monthly budget monitoring ").text == "Monthly budget monitoring"

    def test_blank_control(self) -> None:
        """A control needs text."""
        with pytest.raises(ValueError, match=r"^text: must not be empty$"):
            Control("   ")

    def test_action_owner_blank_is_none(self) -> None:
        """A blank owner is stored as None."""
        assert Action(text="Review contracts", owner="  ") == Action(text="Review contracts")

    def test_action_due(self) -> None:
        """An action keeps its due date cell."""
        due = DateText.parse("31.03.2018 and every year end.")
        assert Action(text="Audit", owner=" JS ", due=due).owner == "JS"

    def test_action_is_keyword_only(self) -> None:
        """Action is a wide record, so it takes keywords only."""
        with pytest.raises(TypeError):
            Action("Audit")  # type: ignore[misc]


class TestStatus:
    """A risk is open, closed or deleted, with the reason given."""

    def test_default_open(self) -> None:
        """The default status is open with no reason."""
        assert (Status().state, Status().reason) == (RiskState.OPEN, None)

    def test_deleted_with_reason(self) -> None:
        """A deletion keeps its stripped reason."""
        assert Status("deleted", " HISTORICAL ") == Status(RiskState.DELETED, "HISTORICAL")

    def test_unknown_state(self) -> None:
        """An unknown state is refused."""
        with pytest.raises(ValueError, match=r"^'archived' is not one of open, closed, deleted$"):
            Status("archived")  # type: ignore[arg-type]


class TestAppetite:
    """An appetite is either a threshold or an Orange Book level."""

    def test_neither_or_both(self) -> None:
        """An appetite with neither or both is refused."""
        message = (
            r"^threshold: an appetite is either a threshold or an Orange Book level, not"
            r" both$")
        with pytest.raises(ValueError, match=message):
            Appetite()
        with pytest.raises(ValueError, match=message):
            Appetite(threshold=3, level="open")

    @pytest.mark.parametrize("threshold", ["3", True])
    def test_threshold_must_be_a_number(self, threshold: object) -> None:
        """A threshold given as text or a bool is refused."""
        with pytest.raises(TypeError):
            Appetite(threshold=threshold)  # type: ignore[arg-type]

    def test_resolve(self) -> None:
        """A threshold resolves to itself; a level to the scheme's threshold for it."""
        assert (Appetite(threshold=3).resolve(GENERIC),
                Appetite(level="open").resolve(GENERIC)) == (3, 15)

    def test_resolve_missing_level(self) -> None:
        """A scheme without thresholds cannot resolve a level."""
        with pytest.raises(LookupError, match=r"^scheme cambridgeshire-5x5 sets no threshold"):
            Appetite(level=AppetiteLevel.OPEN).resolve(CAMBRIDGESHIRE)

    def test_text(self) -> None:
        """An appetite prints its level or its threshold."""
        assert (str(Appetite(level="open")), str(Appetite(threshold=12.5))) == ("open", "12.5")

    def test_policy_by_category(self) -> None:
        """A policy gives a category's own appetite, else the default."""
        policy = AppetitePolicy(default=Appetite(level="cautious"),
                                by_category=[("finance", Appetite(threshold=6))])
        assert (policy.for_category("finance"), policy.for_category("ict"),
                policy.for_category(None)) == (
            Appetite(threshold=6), Appetite(level="cautious"), Appetite(level="cautious"))

    def test_policy_repeating_a_category(self) -> None:
        """A policy that names a category twice is refused, as repeated section titles are."""
        message = r"^by_category: the appetite policy names categories twice: \['finance'\]$"
        with pytest.raises(ValueError, match=message):
            AppetitePolicy(by_category=[("finance", Appetite(threshold=6)),
                                        ("finance", Appetite(threshold=9))])


class TestRisk:
    """A risk's fields are normalised and its stages share one scheme."""

    def test_text_fields_normalised(self) -> None:
        """Ids are stripped, blank optional text becomes None, sequences become tuples."""
        risk = Risk(id=" R1 ", ref=" ", section="", triggers=["overspend"],
                    controls=[Control("Monitoring")])
        assert (risk.id, risk.ref, risk.section, risk.triggers, risk.controls) == (
            "R1", None, None, ("overspend",), (Control("Monitoring"),))

    def test_blank_id(self) -> None:
        """A risk needs an id."""
        with pytest.raises(ValueError, match=r"^id: must not be empty$"):
            Risk(id="  ")

    def test_assessment_by_stage(self) -> None:
        """assessment() returns the stage asked for, by enum or by text."""
        current = Assessment.of(GENERIC.score(4, 5))
        target = Assessment.of(GENERIC.score(2, 3))
        risk = Risk(id="R1", current=current, target=target)
        assert (risk.assessment("current"), risk.assessment(Stage.TARGET),
                risk.assessment("inherent")) == (current, target, None)

    def test_unknown_stage(self) -> None:
        """A council word for a stage is refused."""
        with pytest.raises(ValueError, match=r"^'residual' is not a stage; the stages are "):
            Risk(id="R1").assessment("residual")

    def test_stages_share_a_scheme(self) -> None:
        """Stages scored on two schemes are refused, naming both."""
        with pytest.raises(ValueError, match="mixes schemes") as caught:
            Risk(id="R1", current=Assessment.of(GENERIC.score(4, 5)),
                 target=Assessment.of(CAMBRIDGESHIRE.score(1, 1)))
        assert str(caught.value) == (
            "risk 'R1' mixes schemes across its stages: generic-5x5, cambridgeshire-5x5")

    def test_open_and_label(self) -> None:
        """A deleted risk is not open; its label is its ref, else its id."""
        deleted = Risk(id="R7", ref="28", status=Status("deleted", "covered by risk 12"))
        assert (deleted.is_open, deleted.label, Risk(id="R8").label) == (False, "28", "R8")

    def test_risk_is_keyword_only(self) -> None:
        """Risk is a wide record, so it takes keywords only."""
        with pytest.raises(TypeError):
            Risk("R1")  # type: ignore[misc]

    def test_evolve(self) -> None:
        """attrs.evolve gives a changed copy and leaves the original alone."""
        risk = Risk(id="R1", title="Budget overspend")
        changed = attrs.evolve(risk, title="Budget pressure")
        assert (risk.title, changed.title, changed.id) == (
            "Budget overspend", "Budget pressure", "R1")


class TestGeneratedRisks:
    """Properties of every generated risk."""

    @settings(max_examples=40)
    @given(schemes(), st.data())
    def test_stages_on_one_scheme(self, scheme: ScoringScheme, data: st.DataObject) -> None:
        """Every stage of a generated risk is scored on the scheme it was drawn for."""
        risk = data.draw(risks(scheme))
        stages = [risk.assessment(stage) for stage in Stage]
        assert {a.scheme for a in stages if a is not None} <= {scheme}
        assert risk.label == (risk.ref if risk.ref is not None else risk.id)


class TestFieldTypes:
    """A risk, register or place built with the wrong kind of value fails where it is built."""

    @pytest.mark.parametrize(("build", "message"), [
        (lambda: Risk(id="R", status="closed"), "status: expected a Status, not the text 'closed'"),
        (lambda: Risk(id="R", controls=["x"]), "controls[0]: expected a Control, not the text 'x'"),
        (lambda: Risk(id="R", current="4x5"),
         "current: expected an Assessment or null, not the text '4x5'"),
        (lambda: Risk(id="R", appetite=10),
         "appetite: expected an Appetite or null, not the number 10"),
        (lambda: Action(text="Do", due="31/03/2027"),
         "due: expected a DateText or null, not the text '31/03/2027'"),
        (lambda: Provenance("x.txt", "twelve"),
         "line: expected a whole number, not the text 'twelve'"),
        (lambda: rm.Register(scheme="generic-5x5"),
         "scheme: expected a ScoringScheme, not the text 'generic-5x5'"),
        (lambda: rm.Register(scheme=GENERIC, as_at="2026-01-01"),
         "as_at: expected a date or null, not the text '2026-01-01'"),
    ], ids=["status", "controls", "stage", "appetite", "due", "line", "scheme", "as-at"])
    def test_wrong_kind(self, build: Any, message: str) -> None:
        """Each is a ValueTypeError naming the field, not an AttributeError later."""
        with pytest.raises(rm.ValueTypeError) as caught:
            build()
        assert str(caught.value) == message

    def test_subclasses_are_accepted(self) -> None:
        """A value of a subclass is a value of its class: it is accepted, item by item."""

        @attrs.frozen
        class Checked(rm.Control):
            pass

        risk = Risk(id="R", controls=[rm.Control("a"), Checked("b")])
        assert [type(c).__name__ for c in risk.controls] == ["Control", "Checked"]

    def test_second_item_of_wrong_kind(self) -> None:
        """The error names the first wrong item, past the good ones."""
        with pytest.raises(rm.ValueTypeError) as caught:
            Risk(id="R", controls=[rm.Control("a")], actions=[rm.Action(text="x"), "y"])
        assert str(caught.value) == "actions[1]: expected an Action, not the text 'y'"
