"""Scores: a cell of one scheme, its rating, band, text and order of severity."""

from __future__ import annotations

import itertools
import operator

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from riskmodel import (
    Level,
    LevelError,
    RiskModelError,
    SchemeMismatchError,
    Score,
    ScoringScheme,
    builtin_schemes,
)
from riskmodel.documents import scheme_from_dict, scheme_to_dict
from strategies import schemes, scores

BUILTINS = builtin_schemes()
LEICESTERSHIRE = BUILTINS.get("leicestershire-4x4")
LEICESTER = BUILTINS.get("leicester-city-5x5")
GENERIC = BUILTINS.get("generic-5x5")
CAMBRIDGESHIRE = BUILTINS.get("cambridgeshire-5x5")


class TestScoreValue:
    """A score knows its rating, band and text through its scheme."""

    def test_leicester_20(self) -> None:
        """Impact 4 and likelihood 5 in leicester-city-5x5 rate 20 and print 4x5."""
        score = LEICESTER.score(likelihood=5, impact=4)
        assert (score.value, str(score)) == (20, "4x5")

    def test_band(self) -> None:
        """generic-5x5 2x3 (rating 6) is in the yellow band."""
        band = GENERIC.score(2, 3).band
        assert (band and band.key, band and band.label) == ("yellow", "Medium")

    def test_severity_key(self) -> None:
        """The severity of leicestershire 2B is rating 9, impact rank 2, likelihood rank 2."""
        assert LEICESTERSHIRE.parse("2B").severity == (9, 2, 2)

    def test_repr_names_the_scheme_by_id(self) -> None:
        """A score's repr shows the scheme id, not the whole scheme."""
        assert repr(LEICESTERSHIRE.parse("4D")).startswith("Score(scheme=leicestershire-4x4, ")

    def test_level_from_another_scale(self) -> None:
        """A score refuses a level that is not on its scheme's scale."""
        with pytest.raises(LevelError) as caught:
            Score(LEICESTERSHIRE, Level("5", "", 5), LEICESTERSHIRE.impact.level("A"))
        assert str(caught.value) == "5 is not a level of leicestershire-4x4 likelihood (1..4)"

    def test_frozen(self) -> None:
        """A score cannot be changed in place."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            GENERIC.score(1, 1).impact = GENERIC.impact.level("2")  # type: ignore[misc]


class TestOrder:
    """Scores of one scheme order by rating, then impact, then likelihood."""

    def test_higher_rating_is_more_severe(self) -> None:
        """Leicester 4x5 (20) is more severe than 4x4 (16)."""
        assert LEICESTER.parse("4x5") > LEICESTER.parse("4x4")

    def test_tie_broken_by_impact(self) -> None:
        """Leicester 5x4 (impact 5) is more severe than 4x5 (impact 4), both rating 20."""
        assert LEICESTER.parse("5x4") > LEICESTER.parse("4x5")

    def test_order_follows_severity_not_code(self) -> None:
        """In Leicestershire 1A > 2A > 4A and 1A > 1B."""
        parse = LEICESTERSHIRE.parse
        assert parse("1A") > parse("2A") > parse("4A")
        assert parse("1A") > parse("1B")

    def test_sorted_leicestershire(self) -> None:
        """Sorted, Leicestershire's cells start 4D 3D 4C and end 1B 2A 1A (ties go by impact)."""
        ordered = [str(c) for c in sorted(LEICESTERSHIRE.cells())]
        assert (ordered[:3], ordered[-3:]) == (["4D", "3D", "4C"], ["1B", "2A", "1A"])

    def test_all_four_operators(self) -> None:
        """<, <=, > and >= agree on one pair."""
        low, high = GENERIC.score(1, 1), GENERIC.score(5, 5)
        assert (low < high, low <= high, low > high, low >= high) == (True, True, False, False)
        assert (low <= low, low >= low, low < low) == (True, True, False)

    def test_equal_schemes_compare(self) -> None:
        """A score compares with one of an equal scheme rebuilt from its dict."""
        copy = scheme_from_dict(scheme_to_dict(GENERIC))
        assert copy is not GENERIC
        assert GENERIC.score(1, 2) < copy.score(2, 2)
        assert GENERIC.score(1, 2) == copy.score(1, 2)
        assert hash(GENERIC.score(1, 2)) == hash(copy.score(1, 2))


class TestMismatch:
    """Scores of two schemes never compare by severity."""

    @pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
    def test_builtins(self, op: str) -> None:
        """Ordering a generic-5x5 score against a cambridgeshire-5x5 score raises."""
        left, right = GENERIC.score(1, 1), CAMBRIDGESHIRE.score(1, 1)
        compare = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]
        with pytest.raises(SchemeMismatchError) as caught:
            compare(left, right)
        assert str(caught.value) == (
            "cannot compare a generic-5x5 score with a cambridgeshire-5x5 score; "
            "convert one of them first")
        assert (caught.value.left, caught.value.right) == ("generic-5x5", "cambridgeshire-5x5")

    def test_mismatch_is_a_type_error(self) -> None:
        """SchemeMismatchError is both a RiskModelError and a TypeError."""
        with pytest.raises(TypeError) as caught:
            _ = GENERIC.score(1, 1) < LEICESTER.score(1, 1)
        assert isinstance(caught.value, RiskModelError)
        assert isinstance(caught.value, SchemeMismatchError)

    def test_equality_across_schemes_is_false(self) -> None:
        """== between scores of two schemes is False rather than an error."""
        assert (GENERIC.score(1, 1) == CAMBRIDGESHIRE.score(1, 1)) is False

    def test_not_a_score(self) -> None:
        """Ordering a score against a number raises a TypeError naming what was given."""
        with pytest.raises(TypeError, match=(
            r"^expected a Score to compare with, not the number"
            r" 5$")):
            _ = GENERIC.score(1, 1) < 5


class TestParse:
    """Score.parse reads a printed score in a scheme's notation."""

    def test_parse_is_the_scheme_parse(self) -> None:
        """Score.parse('2B', scheme) is scheme.parse('2B')."""
        assert Score.parse("2B", LEICESTERSHIRE) == LEICESTERSHIRE.parse("2B")


class TestOrderProperties:
    """The order of severity agrees with the ratings of every generated scheme."""

    @settings(max_examples=60)
    @given(schemes(), st.data())
    def test_rating_decides_order(self, scheme: ScoringScheme, data: st.DataObject) -> None:
        """a.value < b.value implies a < b and b > a."""
        a = data.draw(scores(scheme))
        b = data.draw(scores(scheme))
        if a.value < b.value:
            assert (a < b, b > a, a >= b) == (True, True, False)
        elif a.value > b.value:
            assert (a > b, b < a, a <= b) == (True, True, False)
        else:
            assert (a < b) == (a.severity < b.severity)

    @settings(max_examples=40)
    @given(schemes())
    def test_order_is_total_on_cells(self, scheme: ScoringScheme) -> None:
        """Sorted cells have non-decreasing ratings and each is strictly below the next."""
        ordered = sorted(scheme.cells())
        assert [c.value for c in ordered] == sorted(c.value for c in ordered)
        for a, b in itertools.pairwise(ordered):
            assert a < b

    @settings(max_examples=40)
    @given(schemes(), schemes())
    def test_two_schemes_never_compare(self, left: ScoringScheme, right: ScoringScheme) -> None:
        """Ordering scores of two unequal generated schemes raises SchemeMismatchError."""
        assume(left != right)
        a, b = next(left.cells()), next(right.cells())
        with pytest.raises(SchemeMismatchError):
            _ = a < b
        with pytest.raises(TypeError):
            _ = b >= a
