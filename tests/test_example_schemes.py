"""The example scheme files in examples/schemes/ load and state what their comments say."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from riskmodel import (
    NotationError,
    RuleKind,
    Score,
    ScoringScheme,
    builtin_schemes,
    load_scheme,
)
from riskmodel.documents import scheme_from_dict, scheme_to_dict

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "schemes"
FILES = sorted(FOLDER.glob("*.toml"))


@functools.cache
def example(name: str) -> ScoringScheme:
    return load_scheme(FOLDER / f"{name}.toml")


def band(score: Score) -> str | None:
    """The key of the score's band."""
    return score.band.key if score.band is not None else None


def cells_in(scheme: ScoringScheme, key: str) -> set[tuple[str, str]]:
    """The (likelihood code, impact code) cells the scheme puts in band *key*."""
    return {
        (c.likelihood.code, c.impact.code)
        for c in scheme.cells()
        if band(c) == key
    }


class TestEveryExampleFile:
    def test_the_folder_holds_the_five_examples(self) -> None:
        """examples/schemes/ holds one file per scheme kind, each with a distinct id."""
        assert [p.name for p in FILES] == [
            "letter-likelihood-5x5.toml",
            "nonlinear-impact-4x4.toml",
            "same-colours-5x5.toml",
            "tolerance-line-6x4.toml",
            "words-3x3.toml",
        ]
        ids = [load_scheme(p).id for p in FILES]
        assert ids == [
            "example-metropolitan-5x5",
            "example-district-nonlinear-4x4",
            "example-city-5x5",
            "example-shire-6x4",
            "example-town-words-3x3",
        ]
        assert not set(ids) & {s.id for s in builtin_schemes()}

    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
    def test_a_registry_loads_and_registers_it(self, path: Path) -> None:
        """builtin_schemes().load(path) returns the scheme and makes its id known."""
        registry = builtin_schemes()
        scheme = registry.load(path)
        assert registry.get(scheme.id) is scheme
        assert len(registry) == len(builtin_schemes()) + 1

    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
    def test_every_cell_reads_back_from_its_printed_form(self, path: Path) -> None:
        """parse(format(c)) == c for every cell of the scheme."""
        scheme = load_scheme(path)
        for cell in scheme.cells():
            assert scheme.parse(str(cell)) == cell

    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
    def test_every_cell_has_exactly_one_band(self, path: Path) -> None:
        """Every cell falls in one of the scheme's bands."""
        scheme = load_scheme(path)
        counts = [sum(b.contains(c.value, c.likelihood.code, c.impact.code) for b in scheme.bands)
                  for c in scheme.cells()]
        assert set(counts) == {1}

    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
    def test_the_dict_shape_reads_back_equal(self, path: Path) -> None:
        """scheme_from_dict(scheme_to_dict(s)) == s, so the scheme can travel inside JSON."""
        scheme = load_scheme(path)
        assert scheme_from_dict(scheme_to_dict(scheme)) == scheme


class TestLetterLikelihood:
    """(a) Letter likelihood A very low .. E almost certain × impact 1 .. 5, product."""

    def test_the_scales_run_from_a_and_1(self) -> None:
        """Likelihood is A..E, labelled very low .. almost certain; impact is 1..5."""
        scheme = example("letter-likelihood-5x5")
        assert scheme.likelihood.codes == ("A", "B", "C", "D", "E")
        assert (scheme.likelihood.least.label, scheme.likelihood.most.label) == (
            "Very low", "Almost certain")
        assert scheme.impact.codes == ("1", "2", "3", "4", "5")
        assert scheme.rating.kind is RuleKind.PRODUCT

    def test_e5_rates_25_and_is_red(self) -> None:
        """E5 is the product 5 × 5 = 25, in band red."""
        score = example("letter-likelihood-5x5").parse("E5")
        assert (score.value, band(score), str(score)) == (25, "red", "E5")

    @pytest.mark.parametrize("text", ["D4", "4D", "d4", "D 4", "D/4", "D x 4", "4 d", "D4 = 16"])
    def test_disjoint_codes_read_in_either_order(self, text: str) -> None:
        """With no code on both scales, D4 is read in either order and with any separator."""
        score = example("letter-likelihood-5x5").parse(text)
        assert (str(score), score.value) == ("D4", 16)

    def test_a_rating_alone_is_read_only_when_one_cell_has_it(self) -> None:
        """25 is only E5; 12 is both C4 and D3, so it is refused."""
        scheme = example("letter-likelihood-5x5")
        assert str(scheme.parse("25")) == "E5"
        with pytest.raises(NotationError, match="ambiguous: it could be C4 or D3"):
            scheme.parse("12")

    def test_a_stated_rating_is_checked(self) -> None:
        """D4 = 15 is refused, because D4 rates 16."""
        with pytest.raises(NotationError, match="it states 15 but D4 rates 16"):
            example("letter-likelihood-5x5").parse("D4 = 15")

    def test_bands_count_their_cells(self) -> None:
        """Green holds 8 cells, amber 11 and red 6."""
        scheme = example("letter-likelihood-5x5")
        counts = {b.key: len(cells_in(scheme, b.key)) for b in scheme.bands}
        assert counts == {"green": 8, "amber": 11, "red": 6}

    def test_appetite_thresholds_are_kept(self) -> None:
        """The Orange Book thresholds are 4, 6, 9, 12 and 16."""
        scheme = example("letter-likelihood-5x5")
        assert [(str(level), t) for level, t in scheme.appetite] == [
            ("averse", 4), ("minimal", 6), ("cautious", 9), ("open", 12), ("eager", 16)]


class TestNonLinearImpact:
    """(b) Impact values 1/2/4/8 on three dimensions combined by maximum."""

    def test_impact_values_double(self) -> None:
        """Impact codes 1..4 have values 1, 2, 4 and 8."""
        scheme = example("nonlinear-impact-4x4")
        assert [level.value for level in scheme.impact] == [1, 2, 4, 8]
        assert [level.value for level in scheme.likelihood] == [1, 2, 3, 4]

    def test_dimensions_are_recorded_on_the_impact_scale(self) -> None:
        """The impact scale names financial, reputation and service; likelihood names none."""
        scheme = example("nonlinear-impact-4x4")
        assert scheme.impact.dimensions == ("financial", "reputation", "service")
        assert scheme.likelihood.dimensions == ()

    def test_a_critical_impact_outweighs_a_likely_event(self) -> None:
        """I4 L1 rates 8 but I1 L4 rates 4; the worst cell rates 32."""
        scheme = example("nonlinear-impact-4x4")
        assert scheme.score(likelihood="1", impact="4").value == 8
        assert scheme.score(likelihood="4", impact="1").value == 4
        assert (scheme.min_rating, scheme.max_rating) == (1, 32)

    @pytest.mark.parametrize("text", ["I3 L2 = 8", "I3 L2", "L2 I3", "i3l2", "I3L2=8"])
    def test_prefixed_scores_read_in_either_order(self, text: str) -> None:
        """Prefixes name the axes, so I3 L2 and L2 I3 are the same cell."""
        score = example("nonlinear-impact-4x4").parse(text)
        assert (str(score), score.value, band(score)) == (
            "I3 L2 = 8", 8, "amber")

    def test_a_wrong_stated_rating_is_refused(self) -> None:
        """I3 L2 = 9 is refused, because the cell rates 8."""
        with pytest.raises(NotationError, match="it states 9 but"):
            example("nonlinear-impact-4x4").parse("I3 L2 = 9")

    def test_a_rating_shared_by_three_cells_is_refused(self) -> None:
        """8 is I4 L1, I3 L2 and I2 L4, so it is ambiguous; 32 is only I4 L4."""
        scheme = example("nonlinear-impact-4x4")
        with pytest.raises(NotationError, match="I4 L1 = 8 or I3 L2 = 8 or I2 L4 = 8"):
            scheme.parse("8")
        assert str(scheme.parse("32")) == "I4 L4 = 32"


class TestToleranceLine:
    """(c) A 6×4 matrix with probability ranges and a tolerance line given by cells."""

    ABOVE = frozenset({
        ("E", "I"), ("D", "II"), ("D", "I"), ("C", "II"), ("C", "I"),
        ("B", "III"), ("B", "II"), ("B", "I"), ("A", "III"), ("A", "II"), ("A", "I"),
    })

    def test_levels_run_least_severe_first_against_the_printed_order(self) -> None:
        """Likelihood runs F..A and impact IV..I: the reverse of how they are printed."""
        scheme = example("tolerance-line-6x4")
        assert scheme.likelihood.codes == ("F", "E", "D", "C", "B", "A")
        assert scheme.impact.codes == ("IV", "III", "II", "I")
        assert (len(scheme.likelihood), len(scheme.impact)) == (6, 4)

    def test_probability_ranges_are_kept(self) -> None:
        """Each likelihood level keeps its five-year probability range as fractions."""
        scheme = example("tolerance-line-6x4")
        assert [level.probability for level in scheme.likelihood] == [
            (0.0, 0.002), (0.002, 0.02), (0.02, 0.05), (0.05, 0.1), (0.1, 0.25), (0.25, 1.0)]
        assert scheme.likelihood.level("A").description == "More than 25 % over five years"

    def test_the_cells_above_tolerance_are_exactly_the_listed_set(self) -> None:
        """Eleven cells are above the line and the other thirteen are within it."""
        scheme = example("tolerance-line-6x4")
        assert cells_in(scheme, "above") == self.ABOVE
        assert len(cells_in(scheme, "within")) == 13
        assert [b.label for b in scheme.bands] == ["Within tolerance", "Above tolerance"]

    def test_the_line_is_not_a_threshold_on_the_rating(self) -> None:
        """E-I and C-III both rate 8, yet only E-I is above tolerance."""
        scheme = example("tolerance-line-6x4")
        high, wide = scheme.parse("EI"), scheme.parse("CIII")
        assert (high.value, wide.value) == (8, 8)
        assert (band(high), band(wide)) == ("above", "within")

    @pytest.mark.parametrize("text", ["BII", "b ii", "IIB", "B/II", "ii b", "BII = 15"])
    def test_letter_and_numeral_read_in_either_order(self, text: str) -> None:
        """B with II is read as BII whichever comes first."""
        score = example("tolerance-line-6x4").parse(text)
        assert (str(score), score.value, score.likelihood.label, score.impact.label) == (
            "BII", 15, "High", "Critical")


class TestWordsOnly:
    """(d) Low/medium/high words, a rating table, and red/amber/green by cell."""

    def test_high_low_parses_and_formats(self) -> None:
        """High/Low is a high likelihood with a low impact, and prints back the same."""
        score = example("words-3x3").parse("High/Low")
        assert (score.likelihood.code, score.impact.code) == ("High", "Low")
        assert (str(score), score.value, band(score)) == (
            "High/Low", 4, "amber")

    def test_the_order_is_fixed_when_codes_are_shared(self) -> None:
        """Low/High is a different cell from High/Low, and is red."""
        score = example("words-3x3").parse("Low/High")
        assert (score.likelihood.code, score.impact.code, band(score)) == (
            "Low", "High", "red")

    @pytest.mark.parametrize("text", ["high/low", "HIGH / LOW", "High Low", "High-Low"])
    def test_case_and_usual_separators_are_accepted(self, text: str) -> None:
        """Case and the usual separators do not matter."""
        assert str(example("words-3x3").parse(text)) == "High/Low"

    def test_words_without_a_separator_are_refused(self) -> None:
        """HighLow has no separator, which only disjoint codes or prefixes allow."""
        with pytest.raises(NotationError, match="expected likelihood Low/Medium/High"):
            example("words-3x3").parse("HighLow")

    def test_the_table_rates_every_cell(self) -> None:
        """The rating table gives ranks 1..9, one per cell."""
        scheme = example("words-3x3")
        assert scheme.rating.kind is RuleKind.TABLE
        assert {str(c): c.value for c in scheme.cells()} == {
            "Low/Low": 1, "Low/Medium": 3, "Low/High": 6,
            "Medium/Low": 2, "Medium/Medium": 5, "Medium/High": 8,
            "High/Low": 4, "High/Medium": 7, "High/High": 9,
        }

    def test_bands_are_given_by_cell(self) -> None:
        """Green, amber and red hold exactly their listed cells."""
        scheme = example("words-3x3")
        assert cells_in(scheme, "green") == {("Low", "Low"), ("Medium", "Low"), ("Low", "Medium")}
        assert cells_in(scheme, "amber") == {("High", "Low"), ("Medium", "Medium")}
        assert cells_in(scheme, "red") == {
            ("Low", "High"), ("High", "Medium"), ("Medium", "High"), ("High", "High")}


class TestSameColoursOtherThresholds:
    """(e) generic-5x5's colours on lower thresholds."""

    def test_the_band_colours_match_generic_5x5(self) -> None:
        """Keys, labels and colours are generic-5x5's, in the same order."""
        mine, generic = example("same-colours-5x5"), builtin_schemes().get("generic-5x5")

        def looks(s: ScoringScheme) -> list[tuple[str, str, str]]:
            return [(b.key, b.label, b.colour) for b in s.bands]

        assert looks(mine) == looks(generic)

    def test_the_same_cell_has_another_colour(self) -> None:
        """3x4 rates 12 in both schemes: red here, amber in generic-5x5."""
        mine, generic = example("same-colours-5x5"), builtin_schemes().get("generic-5x5")
        assert [(s.parse("3x4").value, band(s.parse("3x4"))) for s in (mine, generic)] == [
            (12, "red"), (12, "amber")]

    @pytest.mark.parametrize("text", ["4x5", "4 × 5", "4 x 5", "4*5", "4/5", "4 5"])
    def test_the_usual_ways_of_writing_a_product_are_read(self, text: str) -> None:
        """4x5, 4 × 5 and the other usual separators all read as likelihood 4, impact 5."""
        score = example("same-colours-5x5").parse(text)
        assert (score.likelihood.code, score.impact.code, score.value) == ("4", "5", 20)

    def test_digits_without_a_separator_are_refused(self) -> None:
        """45 is refused: both scales use digits and the notation declares a separator."""
        with pytest.raises(NotationError):
            example("same-colours-5x5").parse("45")
