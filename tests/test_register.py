"""Registers: unique ids, known sections, one scheme, and look-up by id or ref."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from riskmodel import (
    Appetite,
    AppetitePolicy,
    Assessment,
    HeatMap,
    Placement,
    Register,
    Risk,
    RiskModelError,
    RiskNotFoundError,
    Section,
    Stage,
    Status,
    ValidationError,
    builtin_schemes,
)
from riskmodel.documents import scheme_from_dict, scheme_to_dict
from strategies import registers

BUILTINS = builtin_schemes()
GENERIC = BUILTINS.get("generic-5x5")
CAMBRIDGESHIRE = BUILTINS.get("cambridgeshire-5x5")


def _register() -> Register:
    return Register(
        scheme=GENERIC,
        sections=[Section("1. Budget", "1")],
        risks=[
            Risk(id="R1", ref="1", section="1. Budget"),
            Risk(id="R2", ref="2"),
            Risk(id="R3", ref="2"),
            Risk(id="R10", ref="a)", status=Status("deleted", "historical")),
        ],
    )


class TestValidation:
    """A register refuses what would make its risks ambiguous or mis-scored."""

    def test_repeated_section_titles(self) -> None:
        """Two sections with one title are refused at 'sections'."""
        with pytest.raises(ValidationError) as caught:
            Register(scheme=GENERIC, sections=[Section("A"), Section("A")])
        assert str(caught.value) == "sections: section titles repeat: ['A', 'A']"
        assert (caught.value.path, caught.value.problem) == (
            "sections", "section titles repeat: ['A', 'A']")

    def test_repeated_ids(self) -> None:
        """A second risk with id R1 is refused at its index."""
        with pytest.raises(ValidationError) as caught:
            Register(scheme=GENERIC, risks=[Risk(id="R1"), Risk(id="R1")])
        assert str(caught.value) == "risks[1]: the id 'R1' is used by an earlier risk"

    def test_unknown_section(self) -> None:
        """A risk in a section the register does not have is refused."""
        with pytest.raises(ValidationError) as caught:
            Register(scheme=GENERIC, sections=[Section("Budget")],
                     risks=[Risk(id="R1", section="Staff")])
        assert str(caught.value) == "risks[0]: section 'Staff' is not one of ['Budget']"

    def test_risk_on_another_scheme(self) -> None:
        """A risk scored on another scheme is refused, naming both schemes."""
        with pytest.raises(ValidationError) as caught:
            Register(scheme=GENERIC,
                     risks=[Risk(id="R1", current=Assessment.of(CAMBRIDGESHIRE.score(1, 1)))])
        assert str(caught.value) == (
            "risks[0]: scored on cambridgeshire-5x5, but the register uses generic-5x5")

    def test_first_stray_risk_is_named(self) -> None:
        """The first risk outside the sections, or on another scheme, is named by index."""
        other = Assessment.of(CAMBRIDGESHIRE.score(1, 1))
        with pytest.raises(ValidationError) as caught:
            Register(scheme=GENERIC, sections=[Section("Budget")],
                     risks=[Risk(id="R1", section="Budget"), Risk(id="R2"),
                            Risk(id="R3", section="Staff"), Risk(id="R4", target=other)])
        assert str(caught.value) == "risks[2]: section 'Staff' is not one of ['Budget']"
        with pytest.raises(ValidationError) as caught:
            Register(scheme=GENERIC, risks=[Risk(id="R1"), Risk(id="R2", target=other)])
        assert str(caught.value) == (
            "risks[1]: scored on cambridgeshire-5x5, but the register uses generic-5x5")

    def test_equal_scheme_is_the_scheme(self) -> None:
        """A risk scored on an equal copy of the register's scheme belongs to it."""
        copy = scheme_from_dict(scheme_to_dict(GENERIC))
        risk = Risk(id="R1", current=Assessment.of(copy.score(2, 3)))
        assert Register(scheme=GENERIC, risks=[risk]).get("R1").current.scheme is copy  # type: ignore[union-attr]

    def test_heatmap_on_another_scheme(self) -> None:
        """A heat map placing a ref on another scheme's cell is refused."""
        heatmap = HeatMap(stage="current", placements=[Placement("1", CAMBRIDGESHIRE.score(1, 1))])
        with pytest.raises(ValidationError) as caught:
            Register(scheme=GENERIC, heatmaps=[heatmap])
        assert str(caught.value) == (
            "heatmaps[0]: places '1' on cambridgeshire-5x5, but the register uses generic-5x5")

    def test_validation_error_is_a_value_error(self) -> None:
        """ValidationError is both a RiskModelError and a ValueError."""
        with pytest.raises(ValueError, match="used by an earlier risk") as caught:
            Register(scheme=GENERIC, risks=[Risk(id="R1"), Risk(id="R1")])
        assert isinstance(caught.value, RiskModelError)

    def test_non_risk(self) -> None:
        """A register holds Risk values only, and says where it found another."""
        with pytest.raises(ValidationError, match=r"^risks\[0\]: expected a Risk, not str$"):
            Register(scheme=GENERIC, risks=["R1"])  # type: ignore[list-item]


class TestEscalationThreshold:
    """The escalation threshold is a rating on the register's scheme."""

    def test_kept(self) -> None:
        """A threshold of 15 is kept as given."""
        assert Register(scheme=GENERIC, escalation_threshold=15).escalation_threshold == 15

    @pytest.mark.parametrize("threshold", ["15", True])
    def test_must_be_a_number(self, threshold: object) -> None:
        """A threshold given as text or a bool is refused."""
        with pytest.raises(TypeError):
            Register(scheme=GENERIC, escalation_threshold=threshold)  # type: ignore[arg-type]


class TestLookup:
    """Risks are found by id, or by a ref printed on exactly one risk."""

    def test_get_by_id(self) -> None:
        """get('R2') is the risk with id R2."""
        assert _register().get("R2").ref == "2"

    def test_get_unknown_id_names_close_ids(self) -> None:
        """get('1') fails and suggests R1."""
        with pytest.raises(RiskNotFoundError) as caught:
            _register().get("1")
        assert str(caught.value) == "no risk with id '1'; did you mean R1?"
        assert (caught.value.key, caught.value.kind, caught.value.candidates) == (
            "1", "id", ("R1",))

    def test_not_found_is_a_lookup_error(self) -> None:
        """RiskNotFoundError is both a RiskModelError and a LookupError."""
        with pytest.raises(LookupError) as caught:
            _register().get("nothing")
        assert isinstance(caught.value, RiskModelError)

    def test_find_by_id_then_ref(self) -> None:
        """find() takes an id first, then a unique ref."""
        register = _register()
        assert (register.find("R1").id, register.find("1").id, register.find("a)").id) == (
            "R1", "R1", "R10")

    def test_find_repeated_ref(self) -> None:
        """A ref printed on two risks is ambiguous and names both ids."""
        with pytest.raises(RiskNotFoundError) as caught:
            _register().find("2")
        assert str(caught.value) == "no risk with a unique ref '2'; did you mean R2, R3?"

    def test_find_nothing(self) -> None:
        """A key that is neither id nor ref suggests close ones."""
        with pytest.raises(RiskNotFoundError) as caught:
            _register().find("R")
        assert str(caught.value) == "no risk with id or ref 'R'; did you mean R3, R2, R1?"

    def test_by_ref(self) -> None:
        """by_ref(' 2 ') gives every risk printed with ref 2."""
        assert [r.id for r in _register().by_ref(" 2 ")] == ["R2", "R3"]

    def test_container(self) -> None:
        """A register has a length, iterates its risks and contains ids (not refs)."""
        register = _register()
        assert (len(register), [r.id for r in register], "R1" in register, "1" in register) == (
            4, ["R1", "R2", "R3", "R10"], True, False)

    def test_open_risks(self) -> None:
        """Deleted risks are not open."""
        assert [r.id for r in _register().open_risks] == ["R1", "R2", "R3"]


class TestAppetiteSource:
    """A risk's appetite is its own, else its category's, else the register default."""

    def test_precedence(self) -> None:
        """Own appetite beats category, category beats default."""
        policy = AppetitePolicy(default=Appetite(level="cautious"),
                                by_category=[("finance", Appetite(threshold=6))])
        register = Register(scheme=GENERIC, appetite=policy, risks=[
            Risk(id="A", category="finance"),
            Risk(id="B", category="ict"),
            Risk(id="C", category="finance", appetite=Appetite(threshold=3)),
        ])
        assert [register.appetite_for(r) for r in register] == [
            Appetite(threshold=6), Appetite(level="cautious"), Appetite(threshold=3)]

    def test_none(self) -> None:
        """With no appetite anywhere the answer is None."""
        assert Register(scheme=GENERIC).appetite_for(Risk(id="A")) is None


class TestHeatMap:
    """A heat map places refs in cells."""

    def test_cell_of(self) -> None:
        """cell_of gives every cell a ref is placed in, in order."""
        heatmap = HeatMap(stage="target", placements=[
            Placement(" 1 ", GENERIC.score(1, 2)), Placement("2", GENERIC.score(3, 3)),
            Placement("1", GENERIC.score(4, 4))])
        assert ([str(s) for s in heatmap.cell_of("1")], heatmap.cell_of("9"), heatmap.stage) == (
            ["1x2", "4x4"], (), Stage.TARGET)


class TestGeneratedRegisters:
    """Properties of every generated register."""

    @settings(max_examples=40)
    @given(registers())
    def test_every_risk_found_by_id(self, register: Register) -> None:
        """Each risk is found by its id, and the register counts them all."""
        for risk in register:
            assert register.get(risk.id) is risk
            assert register.find(risk.id) is risk
        assert len(register) == len({r.id for r in register})

    @settings(max_examples=40)
    @given(registers())
    def test_sections_are_consistent(self, register: Register) -> None:
        """Each risk's section is None or one of the register's section titles."""
        titles = {s.title for s in register.sections}
        assert all(r.section is None or r.section in titles for r in register)
        assert len(titles) == len(register.sections)
