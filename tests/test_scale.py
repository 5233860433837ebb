"""Levels and scales: codes, values, severity order and look-up."""

from __future__ import annotations

import copy
import math
import pickle
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import Level, LevelError, RiskModelError, Scale
from strategies import levels, scales


def _scale(name: str = "likelihood", codes: str = "12345") -> Scale:
    return Scale(name, [Level(c, f"L{c}", i + 1) for i, c in enumerate(codes)])


class TestLevelConstruction:
    """A level normalises what it is given and refuses what makes no sense."""

    def test_code_and_label_are_stripped(self) -> None:
        """Surrounding white space is dropped from the code, label and description."""
        level = Level("  2 ", " Quite likely\n", 3, description="  often ")
        assert (level.code, level.label, level.description) == ("2", "Quite likely", "often")

    def test_integral_float_value_becomes_int(self) -> None:
        """A value of 4.0 is kept as the int 4, so it prints as 4."""
        value = Level("4", "", 4.0).value
        assert (value, type(value)) == (4, int)

    def test_fractional_value_stays_float(self) -> None:
        """A value of 2.5 stays the float 2.5."""
        assert Level("x", "", 2.5).value == 2.5

    def test_bool_value_is_refused(self) -> None:
        """True is not a number for a level value."""
        with pytest.raises(TypeError, match=r"^expected a number, not true$"):
            Level("1", "", True)

    def test_text_value_is_refused(self) -> None:
        """A value given as text is refused with the text quoted."""
        with pytest.raises(TypeError, match=r"^expected a number, not the text '1'$"):
            Level("1", "", "1")  # type: ignore[arg-type]

    def test_blank_code_is_refused(self) -> None:
        """A code that is blank once stripped is refused."""
        with pytest.raises(ValueError, match=r"^code: must not be empty$"):
            Level("   ", "", 1)

    def test_probability_is_kept_as_floats(self) -> None:
        """A probability range of ints is stored as a pair of floats."""
        assert Level("5", "", 5, probability=(0, 1)).probability == (0.0, 1.0)

    @pytest.mark.parametrize("bounds", [(0.5, 0.2), (-0.1, 0.5), (0.5, 1.5)])
    def test_probability_out_of_order_or_range_is_refused(
        self, bounds: tuple[float, float]
    ) -> None:
        """A range must satisfy 0 <= low <= high <= 1."""
        with pytest.raises(ValueError, match=r"needs 0 <= low <= high <= 1, not \("):
            Level("5", "", 5, probability=bounds)

    def test_level_is_frozen(self) -> None:
        """A level cannot be changed in place."""
        level = Level("1", "Rare", 1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            level.value = 2  # type: ignore[misc]

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
    def test_non_finite_value_is_refused(self, value: float) -> None:
        """A level value must be a finite number (NaN would be unequal to itself)."""
        with pytest.raises(ValueError, match=rf"^expected a finite number, not "
                                             rf"{re.escape(repr(value))}$"):
            Level("1", "", value)

    def test_value_too_large_for_a_float(self) -> None:
        """An int too large for a float is refused as a ValueError, not an OverflowError."""
        message = r"^expected a finite number, not one this large$"
        with pytest.raises(ValueError, match=message):
            Level("1", "", 10**400)


class TestLevelText:
    """A level prints its code, with its label when that says more."""

    def test_code_and_label(self) -> None:
        """A level with a distinct label prints as 'code (label)'."""
        assert str(Level("2", "Quite likely", 3)) == "2 (Quite likely)"

    def test_label_equal_to_code(self) -> None:
        """A label that repeats the code is not printed twice."""
        assert str(Level("2", "2", 2)) == "2"

    def test_no_label(self) -> None:
        """A level without a label prints its code alone."""
        assert str(Level("B", "", 3)) == "B"


class TestScaleConstruction:
    """A scale holds at least one level and never repeats a code."""

    def test_levels_become_a_tuple(self) -> None:
        """A list of levels is stored as a tuple."""
        assert type(_scale().levels) is tuple

    def test_empty_scale_is_refused(self) -> None:
        """A scale with no levels is refused, naming the scale."""
        with pytest.raises(ValueError, match=(
            r"^levels: the impact scale needs at least one"
            r" level$")):
            Scale("impact", [])

    def test_repeated_code_is_refused(self) -> None:
        """Two levels with the same code are refused."""
        with pytest.raises(ValueError, match=(
            r"^levels\[1\]: the impact scale repeats the code"
            r" '1'$")):
            Scale("impact", [Level("1", "", 1), Level("1", "", 2)])

    def test_codes_differing_only_in_case_and_spaces_repeat(self) -> None:
        """Codes are compared without case or white space, so 'very high' repeats 'Very High'."""
        with pytest.raises(ValueError, match=(
            r"^levels\[1\]: the impact scale repeats the code"
            r" 'very high'$")):
            Scale("impact", [Level("VeryHigh", "", 1), Level("very high", "", 2)])

    def test_non_level_is_refused(self) -> None:
        """A scale holds Level values only."""
        with pytest.raises(TypeError, match=r"^levels\[0\]: expected a Level, not the text '1'$"):
            Scale("impact", ["1"])  # type: ignore[list-item]

    def test_text_is_not_a_sequence_of_levels(self) -> None:
        """A bare string is not taken as a sequence of levels."""
        with pytest.raises(TypeError, match=r"^expected a sequence, not the text '12'$"):
            Scale("impact", "12")  # type: ignore[arg-type]

    def test_blank_name_is_refused(self) -> None:
        """A scale needs a name."""
        with pytest.raises(ValueError, match=r"^name: must not be empty$"):
            Scale(" ", [Level("1", "", 1)])


class TestScaleLookup:
    """A scale finds levels by printed code, and ranks them by severity."""

    def test_level_by_code(self) -> None:
        """level('3') is the level printed 3."""
        assert _scale().level("3") == Level("3", "L3", 3)

    def test_level_by_int(self) -> None:
        """An int code is looked up as its text."""
        assert _scale().level(3).code == "3"

    def test_level_ignores_case_and_spaces(self) -> None:
        """' b ' finds the level printed B."""
        assert _scale(codes="ABC").level(" b ").code == "B"

    def test_unknown_code_raises_level_error(self) -> None:
        """An unknown code raises LevelError listing the range of codes."""
        with pytest.raises(LevelError) as caught:
            _scale().level("6", scheme_id="leicester-city-5x5")
        assert str(caught.value) == "6 is not a level of leicester-city-5x5 likelihood (1..5)"
        assert (caught.value.code, caught.value.axis, caught.value.codes) == (
            "6", "likelihood", ("1", "2", "3", "4", "5"))

    def test_unknown_code_without_scheme(self) -> None:
        """Without a scheme id the message says 'this scale' and lists three codes in full."""
        message = r"^E is not a level of this scale impact \(A, B, C\)$"
        with pytest.raises(LevelError, match=message):
            _scale("impact", "ABC").level("E")

    def test_level_error_is_a_value_error(self) -> None:
        """LevelError is both a RiskModelError and a ValueError."""
        with pytest.raises(LevelError) as caught:
            _scale().level("0")
        assert isinstance(caught.value, RiskModelError)
        assert isinstance(caught.value, ValueError)

    def test_rank_follows_listed_order_not_code(self) -> None:
        """In a scale listed 4, 3, 2, 1 the level printed 1 has the highest rank."""
        scale = _scale(codes="4321")
        assert [scale.rank(scale.level(c)) for c in "1234"] == [3, 2, 1, 0]

    def test_rank_of_foreign_level(self) -> None:
        """A level with a known code but another label is not ranked."""
        with pytest.raises(ValueError, match=(
            r"^3 is not a level of this scale likelihood"
            r" \(1..5\)$")):
            _scale().rank(Level("3", "Other", 3))

    def test_rank_of_equal_level_and_of_copies(self) -> None:
        """An equal level that is another object, and a copied or unpickled scale's own
        levels, are ranked by code."""
        scale = _scale(codes="4321")
        copied = copy.deepcopy(scale)
        thawed = pickle.loads(pickle.dumps(scale))
        twin = Level(scale.levels[1].code, scale.levels[1].label, scale.levels[1].value)
        assert [copied.rank(lv) for lv in copied.levels] == [0, 1, 2, 3]
        assert [thawed.rank(lv) for lv in thawed.levels] == [0, 1, 2, 3]
        assert [scale.rank(lv) for lv in thawed.levels] == [0, 1, 2, 3]
        assert scale.rank(twin) == 1

    def test_rank_by_identity_is_checked(self) -> None:
        """An id the identity index holds for another object is not trusted."""
        scale = _scale(codes="4321")
        twin = Level(scale.levels[1].code, scale.levels[1].label, scale.levels[1].value)
        object.__setattr__(scale, "_by_identity", {id(twin): 3})
        assert scale.rank(twin) == 1

    def test_codes_least_most_and_len(self) -> None:
        """codes, least, most and len describe the scale in severity order."""
        scale = _scale(codes="DCBA")
        assert (scale.codes, scale.least.code, scale.most.code, len(scale)) == (
            ("D", "C", "B", "A"), "D", "A", 4)

    def test_iteration_yields_levels_in_order(self) -> None:
        """Iterating a scale yields its levels, least severe first."""
        assert [lv.code for lv in _scale(codes="321")] == ["3", "2", "1"]

    def test_contains_code_and_level(self) -> None:
        """A scale contains its codes (any case) and its own levels, not look-alikes or ints."""
        scale = _scale(codes="AB")
        assert ("a" in scale, "C" in scale, Level("A", "LA", 1) in scale) == (True, False, True)
        assert (Level("A", "other", 1) in scale, 1 in scale) == (False, False)


class TestScaleProperties:
    """Properties that hold for every generated scale."""

    @settings(max_examples=60)
    @given(scales())
    def test_every_code_finds_its_level(self, scale: Scale) -> None:
        """Each level is found by its code, in upper or lower case, at its rank."""
        for rank, level in enumerate(scale):
            assert scale.level(level.code) == level
            assert scale.level(level.code.upper()) == level
            assert scale.rank(level) == rank

    @settings(max_examples=60)
    @given(scales())
    def test_values_rise_with_severity(self, scale: Scale) -> None:
        """Generated scales list strictly rising values, least severe first."""
        values = [level.value for level in scale]
        assert values == sorted(set(values))

    @settings(max_examples=60)
    @given(levels(), st.text(max_size=3))
    def test_evolve_keeps_level_valid(self, level: Level, suffix: str) -> None:
        """Changing a level's label with attrs.evolve keeps its code and value."""
        changed = attrs.evolve(level, label=level.label + suffix)
        assert (changed.code, changed.value, changed.label) == (
            level.code, level.value, (level.label + suffix).strip())


class TestMoneyBands:
    """A level may be defined by money: [low, high] in pounds, both inclusive."""

    def test_amount_is_kept(self) -> None:
        """Whole amounts stay whole; the pair is a tuple."""
        assert Level("3", "Moderate", 3, amount=[500_000, 5e6]).amount == (500_000, 5_000_000)

    @pytest.mark.parametrize(("amount", "message"), [
        ([5, 1], r"a money band needs 0 <= low <= high, not \[5, 1\]"),
        ([-1, 1], r"a money band needs 0 <= low <= high, not \[-1, 1\]"),
        ([1], r"a money band is two amounts, not 1"),
    ])
    def test_bad_amounts_are_refused(self, amount: list[float], message: str) -> None:
        """A money band runs upward from zero or more, and has two ends."""
        with pytest.raises(ValueError, match=rf"^{message}$"):
            Level("1", "", 1, amount=amount)  # type: ignore[arg-type]


class TestDimensions:
    """Dimensions are named once; their "does not apply" words are not level codes."""

    def test_default_not_applicable_words(self) -> None:
        """0, n/a and not applicable mean "does not apply" unless the scale says otherwise."""
        scale = Scale("impact", [Level("1", "", 1)], dimensions=["money"])
        assert scale.not_applicable == ("0", "n/a", "not applicable")
        assert [scale.is_not_applicable(w) for w in ("0", "N / A", "Not  applicable", "1")] == [
            True, True, True, False]

    def test_without_dimensions_nothing_is_not_applicable(self) -> None:
        """A scale with no dimensions never reads a word as "does not apply"."""
        assert not Scale("impact", [Level("1", "", 1)]).is_not_applicable("n/a")

    def test_a_code_that_is_a_not_applicable_word_is_refused(self) -> None:
        """A scale coded 0..4 with dimensions must choose other words for n/a."""
        with pytest.raises(ValueError, match=r"^not_applicable\[0\]: '0' is a level code of the "
                                             r"impact scale, so it cannot also mean 'does not "
                                             r"apply'$"):
            Scale("impact", [Level("0", "", 0), Level("1", "", 1)], dimensions=["money"])
        scale = Scale("impact", [Level("0", "", 0)], dimensions=["money"],
                      not_applicable=["n/a"])
        assert scale.not_applicable == ("n/a",)

    def test_a_dimension_named_twice_is_refused(self) -> None:
        """Dimension names are compared without case."""
        with pytest.raises(ValueError, match=r"^dimensions\[1\]: the dimension 'Money' is "
                                             r"named twice$"):
            Scale("impact", [Level("1", "", 1)], dimensions=["money", "Money"])

    def test_money_dimension_must_be_a_dimension(self) -> None:
        """The dimension the amounts describe is one of the dimensions."""
        with pytest.raises(ValueError, match=r"^money_dimension: 'cash' is not one of the "
                                             r"dimensions \(money\)$"):
            Scale("impact", [Level("1", "", 1)], dimensions=["money"], money_dimension="cash")
