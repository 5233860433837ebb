"""Stages and assessments: what a register states for a risk at one stage."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import (
    Assessment,
    Level,
    LevelError,
    Score,
    ScoringScheme,
    Stage,
    ValidationError,
    builtin_schemes,
)
from strategies import assessments, schemes

BUILTINS = builtin_schemes()
LEICESTER = BUILTINS.get("leicester-city-5x5")
LEICESTERSHIRE = BUILTINS.get("leicestershire-4x4")
CAMBRIDGESHIRE = BUILTINS.get("cambridgeshire-5x5")


class TestStage:
    """Each stage has one meaning, whatever a council calls it."""

    def test_members_in_order(self) -> None:
        """The stages are inherent, current and target, in that order."""
        assert [str(s) for s in Stage] == ["inherent", "current", "target"]

    @pytest.mark.parametrize("word", ["residual", "gross", "net", "Current"])
    def test_council_words_are_not_stages(self, word: str) -> None:
        """Council words such as 'residual' must be mapped by a reader, not guessed here."""
        with pytest.raises(ValidationError, match=rf"^'{word}' is not a stage; the stages are "
                           r"inherent, current, target \(a council's 'residual' is current "
                           r"or target, depending on the council\)$"):
            Stage(word)


class TestCompleteAssessment:
    """An assessment with both factors has a score, and may state a rating."""

    def test_of_score(self) -> None:
        """Assessment.of keeps the factors; value comes from them, not from 'stated'."""
        a = Assessment.of(LEICESTER.score(likelihood=5, impact=4), stated=16)
        assert (a.value, a.stated, a.complete, a.consistent) == (20, 16, True, False)

    def test_consistent_when_stated_agrees(self) -> None:
        """A stated rating equal to the factors' rating is consistent."""
        assert Assessment.of(LEICESTER.score(likelihood=5, impact=4), stated=20).consistent is True

    def test_consistent_when_nothing_stated(self) -> None:
        """With no stated rating there is nothing to disagree with."""
        assert Assessment.of(LEICESTER.score(1, 1)).consistent is True

    def test_score_and_text(self) -> None:
        """A complete assessment's score is the scheme's cell, printed in its notation."""
        a = Assessment.of(LEICESTERSHIRE.parse("2B"), text=" 2 B ")
        assert (a.score, str(a), a.text) == (LEICESTERSHIRE.parse("2B"), "2B", "2 B")

    def test_repr_names_the_scheme_by_id(self) -> None:
        """The repr shows the scheme id, not the whole scheme."""
        assert repr(Assessment(scheme=LEICESTER)) == (
            "Assessment(scheme=leicester-city-5x5, likelihood=None, impact=None, stated=None, "
            "stated_band=None, dimensions=(), off_grid=(), text='', origin='')")


class TestPartialAssessment:
    """A register may leave a factor out; what it did state is kept."""

    def test_missing_likelihood_with_stated_rating(self) -> None:
        """Impact 4 and a stated 12 with no likelihood: no score, value 12."""
        a = Assessment(scheme=LEICESTER, impact=LEICESTER.impact.level("4"), stated=12)
        assert (a.score, a.value, a.complete, a.consistent) == (None, 12, False, True)
        assert str(a) == "likelihood ?, impact 4 = 12"

    def test_missing_impact(self) -> None:
        """Likelihood 3 alone prints with a question mark for impact."""
        a = Assessment(scheme=LEICESTER, likelihood=LEICESTER.likelihood.level("3"))
        assert (str(a), a.value) == ("likelihood 3, impact ?", None)

    def test_stated_rating_only(self) -> None:
        """A stated 12.5 with no factors has value 12.5."""
        a = Assessment(scheme=LEICESTER, stated=12.5)
        assert (str(a), a.value) == ("likelihood ?, impact ? = 12.5", 12.5)


class TestAssessmentValidation:
    """A level must belong to the assessment's scheme."""

    def test_foreign_level(self) -> None:
        """A likelihood 6 is refused in a 5×5 scheme."""
        with pytest.raises(LevelError) as caught:
            Assessment(scheme=LEICESTER, likelihood=Level("6", "", 6))
        assert str(caught.value) == "6 is not a level of leicester-city-5x5 likelihood (1..5)"

    def test_equal_level_of_another_scheme(self) -> None:
        """A level equal in every part to one of the scheme's is accepted."""
        level = CAMBRIDGESHIRE.likelihood.level("1")
        assert Assessment(scheme=LEICESTER, likelihood=level).likelihood == level

    def test_code_text_is_not_a_level(self) -> None:
        """A code given as text where a Level belongs is refused, never stored as text."""
        with pytest.raises(LevelError) as caught:
            Assessment(scheme=LEICESTER, likelihood="3")  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.axis) == ("3", "likelihood")

    def test_score_code_text_is_not_a_level(self) -> None:
        """A Score built from code text is refused; scheme.score() is the way from codes."""
        with pytest.raises(LevelError) as caught:
            Score(LEICESTER, "5", "4")  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.scheme_id) == ("5", "leicester-city-5x5")


class TestStatedRating:
    """The stated rating is a number, as the JSON format requires."""

    @pytest.mark.parametrize("stated", ["20", True])
    def test_stated_must_be_a_number(self, stated: object) -> None:
        """A stated rating given as text or a bool is refused."""
        with pytest.raises(TypeError):
            Assessment(scheme=LEICESTER, stated=stated)  # type: ignore[arg-type]


class TestGeneratedAssessments:
    """Properties of every generated assessment."""

    @settings(max_examples=60)
    @given(schemes(), st.data())
    def test_value_rule(self, scheme: ScoringScheme, data: st.DataObject) -> None:
        """The value is the score's rating when complete, else the stated rating."""
        a = data.draw(assessments(scheme))
        if a.complete:
            assert a.score is not None
            assert (a.value, a.consistent) == (a.score.value, a.stated in (None, a.score.value))
        else:
            assert (a.score, a.value, a.consistent) == (None, a.stated, True)

    @settings(max_examples=40)
    @given(schemes(), st.data())
    def test_partial_assessments_miss_a_factor(
        self, scheme: ScoringScheme, data: st.DataObject
    ) -> None:
        """assessments(scheme, complete=False) always leaves a factor out."""
        a = data.draw(assessments(scheme, complete=False))
        assert (a.likelihood is None or a.impact is None, a.complete) == (True, False)


GENERIC = BUILTINS.get("generic-5x5")


class TestStatedBand:
    """An assessment may state the band as printed: its key, checked against the scheme."""

    def test_a_band_alone(self) -> None:
        """A band with no factors and no rating is kept, and is the assessment's band."""
        a = Assessment(scheme=GENERIC, stated_band="amber")
        assert (a.score, a.value, a.band.key if a.band else None, str(a)) == (
            None, None, "amber", "likelihood ?, impact ?, band amber")

    def test_the_cell_band_comes_first(self) -> None:
        """Where the cell has a band, that is the band, whatever is stated."""
        a = Assessment.of(GENERIC.score(5, 5), band="Green")
        assert (a.stated_band, a.band.key if a.band else None, str(a)) == (
            "green", "red", "5x5, band green")

    def test_a_word_is_not_a_key(self) -> None:
        """The field holds a key; a printed word is refused with how to find the key."""
        with pytest.raises(ValidationError, match=r"^stated_band: 'Amber' is not a band key of "
                                                  r"generic-5x5 \(green, yellow, amber, red\); "
                                                  r"scheme\.band\(word\) finds the band a "
                                                  r"printed word names$"):
            Assessment(scheme=GENERIC, stated_band="Amber")

    def test_without_a_band_the_stated_rating_bands_it(self) -> None:
        """A rating alone is banded by range."""
        assert Assessment(scheme=GENERIC, stated=16).band.key == "red"  # type: ignore[union-attr]


class TestDimensionsAndOffGrid:
    """Impact per dimension, and factors printed off the grid, are kept as printed."""

    def scheme(self) -> ScoringScheme:
        from riskmodel import load_scheme

        return load_scheme("examples/schemes/dimensions-na-5x5.toml")

    def test_dimensions_and_their_combination(self) -> None:
        """Levels by dimension, None where it does not apply; the worst that applies counts."""
        scheme = self.scheme()
        a = Assessment(scheme=scheme, dimensions={"finance": scheme.impact.level("2"),
                                                  "people": None,
                                                  "legal": scheme.impact.level("4")})
        assert [(n, lv.code if lv else None) for n, lv in a.dimensions] == [
            ("finance", "2"), ("people", None), ("legal", "4")]
        assert a.combined_impact is scheme.impact.level("4")

    def test_an_unknown_dimension_is_refused(self) -> None:
        """A dimension the scale does not name is refused, naming those it does."""
        with pytest.raises(ValidationError, match=r"^dimensions\.cash: 'cash' is not an "
                                                  r"impact dimension of example-town-"
                                                  r"dimensions-5x5 \(finance, services, "):
            Assessment(scheme=self.scheme(), dimensions={"cash": None})

    def test_a_dimension_level_of_another_scheme_is_refused(self) -> None:
        """Each level must be one of the impact scale's levels."""
        with pytest.raises(LevelError):
            Assessment(scheme=self.scheme(),
                       dimensions={"finance": LEICESTERSHIRE.impact.level("A")})

    def test_off_grid_factors(self) -> None:
        """A factor printed between levels is kept by axis; its level stays None."""
        a = Assessment(scheme=GENERIC, off_grid={"likelihood": 4.2, "impact": 4.5}, stated=19)
        assert (a.off_grid, a.complete, a.value, str(a)) == (
            (("likelihood", 4.2), ("impact", 4.5)), False, 19,
            "likelihood 4.2, impact 4.5 = 19")

    @pytest.mark.parametrize(("given", "likelihood", "message"), [
        ({"size": 1.5}, None, r"off_grid\.size: 'size' is not 'likelihood' or 'impact'"),
        ({"likelihood": 3}, None, r"off_grid\.likelihood: 3 is a level of generic-5x5 "
                                  r"likelihood, so it is on the grid"),
        ({"likelihood": 3.5}, "2", r"off_grid\.likelihood: likelihood has a level, so it "
                                   r"is not off the grid"),
    ])
    def test_bad_off_grid_factors(self, given: dict[str, float], likelihood: str | None,
                                  message: str) -> None:
        """An axis off the grid has no level, and its number is no level's code."""
        level = GENERIC.likelihood.level(likelihood) if likelihood else None
        with pytest.raises(ValidationError, match=rf"^{message}$"):
            Assessment(scheme=GENERIC, likelihood=level, off_grid=given)

    def test_off_grid_must_be_a_number(self) -> None:
        """Text is not a factor."""
        with pytest.raises(TypeError, match=r"off_grid\.impact: expected a finite number"):
            Assessment(scheme=GENERIC, off_grid={"impact": "4.5"})
