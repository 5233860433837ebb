"""The example scheme files in examples/schemes/ load and state what their comments say."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from riskmodel import (
    Assessment,
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


def parts(scheme: ScoringScheme, text: str) -> tuple[object, ...]:
    """What parse_assessment reads from *text*: the two codes, the stated rating and band,
    the dimensions (name → code, None for n/a) and the factors off the grid."""
    a: Assessment = scheme.parse_assessment(text)
    return (
        a.likelihood.code if a.likelihood else None,
        a.impact.code if a.impact else None,
        a.stated,
        a.stated_band,
        {name: level.code if level else None for name, level in a.dimensions},
        dict(a.off_grid),
    )


def cells_in(scheme: ScoringScheme, key: str) -> set[tuple[str, str]]:
    """The (likelihood code, impact code) cells the scheme puts in band *key*."""
    return {
        (c.likelihood.code, c.impact.code)
        for c in scheme.cells()
        if band(c) == key
    }


class TestEveryExampleFile:
    def test_the_folder_holds_the_nine_examples(self) -> None:
        """examples/schemes/ holds one file per scheme kind, each with a distinct id."""
        assert [p.name for p in FILES] == [
            "compound-words-3x3.toml",
            "dimensions-na-5x5.toml",
            "letter-likelihood-5x5.toml",
            "money-bands-5x5.toml",
            "nonlinear-impact-4x4.toml",
            "same-colours-5x5.toml",
            "tolerance-line-6x4.toml",
            "unbanded-cells-4x4.toml",
            "words-3x3.toml",
        ]
        ids = [load_scheme(p).id for p in FILES]
        assert ids == [
            "example-village-compound-3x3",
            "example-town-dimensions-5x5",
            "example-metropolitan-5x5",
            "example-city-money-5x5",
            "example-district-nonlinear-4x4",
            "example-city-5x5",
            "example-shire-6x4",
            "example-forum-unbanded-4x4",
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
    def test_every_cell_has_at_most_one_band(self, path: Path) -> None:
        """No cell falls in two bands; only a scheme with partial bands leaves one in none."""
        scheme = load_scheme(path)
        counts = {sum(b.contains(c.value, c.likelihood.code, c.impact.code) for b in scheme.bands)
                  + (c.band is not None and c.band.catch_all) for c in scheme.cells()}
        assert counts == ({0, 1} if scheme.partial_bands else {1})

    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
    def test_every_cell_reads_back_as_an_assessment(self, path: Path) -> None:
        """parse_assessment(format(c)) has the cell's levels, for every cell."""
        scheme = load_scheme(path)
        for cell in scheme.cells():
            a = scheme.parse_assessment(str(cell))
            assert (a.likelihood, a.impact) == (cell.likelihood, cell.impact)

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

    @pytest.mark.parametrize(("text", "expected"), [
        ("I3 L2 = 8", ("2", "3", 8, None, {}, {})),
        ("I3 L2", ("2", "3", None, None, {}, {})),
        ("L2 I3", ("2", "3", None, None, {}, {})),
        ("I3 L2 (8)", ("2", "3", 8, None, {}, {})),
        ("I3 L2 = 9", ("2", "3", 9, None, {}, {})),
        ("impact 3, likelihood 2", ("2", "3", None, None, {}, {})),
        ("impact high, likelihood possible", ("2", "3", None, None, {}, {})),
        ("I4 L2 - Critical", ("2", "4", None, None, {}, {})),
        ("8", (None, None, 8, None, {}, {})),
        ("Very high 16", (None, None, 16, "red", {}, {})),
        ("I3 L2 = 8 High", ("2", "3", 8, "amber", {}, {})),
        ("financial 3, reputation n/a, service 2",
         (None, "3", None, None, {"financial": "3", "reputation": None, "service": "2"}, {})),
        ("L2; financial 4, reputation 0, service 1",
         ("2", "4", None, None, {"financial": "4", "reputation": None, "service": "1"}, {})),
        ("I3 L2, financial 4, reputation 1",
         ("2", "3", None, None, {"financial": "4", "reputation": "1"}, {})),
    ])
    def test_every_printed_form(self, text: str, expected: tuple[object, ...]) -> None:
        """Prefixed cells, words, a rating alone, a band with a rating, and dimensions."""
        assert parts(example("nonlinear-impact-4x4"), text) == expected

    def test_the_combined_impact_of_dimensions(self) -> None:
        """The most severe dimension that applies is the impact; n/a is left out."""
        scheme = example("nonlinear-impact-4x4")
        assert scheme.combined_impact(
            {"financial": "1", "reputation": "n/a", "service": "3"}).code == "3"
        assert scheme.combined_impact({"financial": "0", "reputation": None}) is None

    def test_rank_conversion_reverses_rating_order(self) -> None:
        """By rank onto the generic 5×5, 16 (red) becomes 10 and 12 becomes 16: reported."""
        from riskmodel.convert import convert

        scheme, generic = example("nonlinear-impact-4x4"), builtin_schemes().get("generic-5x5")
        high, low = convert(scheme.parse("I4 L2"), generic), convert(scheme.parse("I3 L3"),
                                                                        generic)
        assert [(str(c.result), c.result.value) for c in (high, low)] == [
            ("2x5", 10), ("4x4", 16)]
        assert [str(r) for r in high.reversals if r.lower == low.source] == [
            "I3 L3 (12) rates below I4 L2 (16) on example-district-nonlinear-4x4, but becomes "
            "4x4 (16), above 2x5 (10) on generic-5x5"]


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


    @pytest.mark.parametrize(("text", "expected"), [
        ("EI", ("E", "I", None, None, {}, {})),
        ("E I", ("E", "I", None, None, {}, {})),
        ("C-III", ("C", "III", None, None, {}, {})),
        ("EI Y", ("E", "I", None, "above", {}, {})),
        ("CIII No", ("C", "III", None, "within", {}, {})),
        ("Yes", (None, None, None, "above", {}, {})),
        ("8 N", (None, None, 8, "within", {}, {})),
        ("likelihood C, impact III", ("C", "III", None, None, {}, {})),
        ("Significant x Marginal", ("C", "III", None, None, {}, {})),
        ("Above tolerance", (None, None, None, "above", {}, {})),
    ])
    def test_every_printed_form(self, text: str, expected: tuple[object, ...]) -> None:
        """Cells glued or spaced, by label, and the yes/no flag of the tolerance column."""
        assert parts(example("tolerance-line-6x4"), text) == expected


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


class TestDimensionsWithNotApplicable:
    """(f) Impact on seven dimensions, each scored 1-5 or 0 / n/a where it does not apply."""

    def test_the_dimensions_and_their_na_words(self) -> None:
        """Seven dimensions; 0, n/a, na and not applicable mean "does not apply"."""
        scheme = example("dimensions-na-5x5")
        assert scheme.impact.dimensions == (
            "finance", "services", "reputation", "people", "legal", "environment", "data")
        assert scheme.impact.not_applicable == ("0", "n/a", "na", "not applicable")

    @pytest.mark.parametrize(("text", "expected"), [
        ("4x3", ("4", "3", None, None, {}, {})),
        ("4x3 (finance 3, services 2, reputation 1, people n/a, legal 0, environment n/a, "
         "data n/a)",
         ("4", "3", None, None, {"finance": "3", "services": "2", "reputation": "1",
                                 "people": None, "legal": None, "environment": None,
                                 "data": None}, {})),
        ("likelihood 2; finance 0, services n/a",
         ("2", None, None, None, {"finance": None, "services": None}, {})),
        ("finance: 3, legal: 4", (None, "4", None, None, {"finance": "3", "legal": "4"}, {})),
        ("people N/A, data Not Applicable, legal 2",
         (None, "2", None, None, {"people": None, "data": None, "legal": "2"}, {})),
        ("finance moderate, services minor",
         (None, "3", None, None, {"finance": "3", "services": "2"}, {})),
        ("likelihood 4, finance 2, services 3, impact 4",
         ("4", "4", None, None, {"finance": "2", "services": "3"}, {})),
        ("Likely x Serious = 16 High", ("4", "4", 16, "red", {}, {})),
    ])
    def test_every_printed_form(self, text: str, expected: tuple[object, ...]) -> None:
        """The impact is the dimensions' most severe level unless printed beside them."""
        assert parts(example("dimensions-na-5x5"), text) == expected

    def test_a_level_off_the_scale_is_refused(self) -> None:
        """finance 6 is not a level of the impact scale."""
        with pytest.raises(NotationError, match=r"'finance' is followed by '6', which is not "
                                                r"an impact level"):
            example("dimensions-na-5x5").parse_assessment("finance 6")

    def test_a_printed_impact_against_its_dimensions_is_kept_for_check(self) -> None:
        """Impact 4 beside dimensions whose worst is 3 is kept, and check reports RM108."""
        from riskmodel import Register, Risk, check

        scheme = example("dimensions-na-5x5")
        a = scheme.parse_assessment("likelihood 4, finance 2, services 3, impact 4")
        assert (a.impact.code, a.combined_impact.code) == ("4", "3")
        findings = check(Register(scheme=scheme, risks=[Risk(id="R1", current=a)]))
        assert [f.code for f in findings if f.code.startswith("RM1")] == ["RM108"]


class TestCompoundBandWords:
    """(g) Words only, with a compound band word: Medium-High is a band, not a cell."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("High/Low", ("High", "Low", None, None, {}, {})),
        ("medium / high", ("Medium", "High", None, None, {}, {})),
        ("High-Low", ("High", "Low", None, None, {}, {})),
        ("Medium-High", (None, None, None, "medium-high", {}, {})),
        ("Medium - High", (None, None, None, "medium-high", {}, {})),
        ("MEDIUM–HIGH", (None, None, None, "medium-high", {}, {})),
        ("MH", (None, None, None, "medium-high", {}, {})),
        ("Med-High", (None, None, None, "medium-high", {}, {})),
        ("Amber", (None, None, None, "medium-high", {}, {})),
        ("High", (None, None, None, "high", {}, {})),
        ("H 9", (None, None, 9, "high", {}, {})),
        ("High/Medium (MH)", ("High", "Medium", None, "medium-high", {}, {})),
        ("likelihood high, impact low", ("High", "Low", None, None, {}, {})),
    ])
    def test_every_printed_form(self, text: str, expected: tuple[object, ...]) -> None:
        """A slash makes a cell; the band's own words, dashed or not, make the band."""
        assert parts(example("compound-words-3x3"), text) == expected

    def test_score_parse_refuses_the_band(self) -> None:
        """Score.parse reads cells only, and says Medium-High is a band word."""
        scheme = example("compound-words-3x3")
        with pytest.raises(NotationError, match="'Medium-High' is a band word, not a cell"):
            scheme.parse("Medium-High")
        assert str(scheme.parse("Medium/High")) == "Medium/High"

    def test_the_band_is_found_by_any_of_its_words(self) -> None:
        """Key, label, colour word and listed words all name the band."""
        scheme = example("compound-words-3x3")
        assert {scheme.band(word).key for word in
                ("medium-high", "Medium - High", "amber", "MH", "med-high")} == {"medium-high"}


class TestMoneyBands:
    """(h) Impact levels defined by money, a catch-all green band, and at-appetite reported."""

    def test_each_impact_level_has_a_money_band(self) -> None:
        """Amounts run from £0 to £100m in five inclusive ranges."""
        scheme = example("money-bands-5x5")
        assert [level.amount for level in scheme.impact] == [
            (0, 50_000), (50_000, 500_000), (500_000, 5_000_000), (5_000_000, 20_000_000),
            (20_000_000, 100_000_000)]

    def test_green_takes_every_cell_left_over(self) -> None:
        """Red from 16 and amber 11-15 are ranges; every other cell is green."""
        scheme = example("money-bands-5x5")
        counts = {b.key: len(cells_in(scheme, b.key)) for b in scheme.bands}
        assert counts == {"green": 17, "amber": 4, "red": 4}
        assert scheme.catch_all is not None
        assert scheme.catch_all.key == "green"
        assert scheme.band_for_rating(7).key == "green"

    def test_at_appetite_is_reported(self) -> None:
        """The finance committee lists risks at appetite apart."""
        assert str(example("money-bands-5x5").at_appetite) == "reported"

    @pytest.mark.parametrize(("text", "expected"), [
        ("4-3", ("3", "4", None, None, {}, {})),
        ("4-3 (A)", ("3", "4", None, "amber", {}, {})),
        ("12 (A)", (None, None, 12, "amber", {}, {})),
        ("Amber 12", (None, None, 12, "amber", {}, {})),
        ("12 Amber", (None, None, 12, "amber", {}, {})),
        ("R", (None, None, None, "red", {}, {})),
        ("impact 4, likelihood 3", ("3", "4", None, None, {}, {})),
        ("impact major", (None, "4", None, None, {}, {})),
        ("4 - Major", (None, "4", None, None, {}, {})),
        ("5 - Almost certain", ("5", None, None, None, {}, {})),
    ])
    def test_every_printed_form(self, text: str, expected: tuple[object, ...]) -> None:
        """Impact first with a dash, band letters in brackets or beside a rating."""
        assert parts(example("money-bands-5x5"), text) == expected

    def test_a_code_with_another_levels_label_names_both(self) -> None:
        """4 - Minor is refused: 4 is Major and Minor is 2."""
        with pytest.raises(NotationError, match=r"'4' is impact 4 \(Major\) but the label "
                                                r"'Minor' is impact 2 \(Minor\)"):
            example("money-bands-5x5").parse_assessment("4 - Minor")


class TestUnbandedCells:
    """(i) A hand-coloured 4×4 that leaves three low cells in no band."""

    def test_three_cells_have_no_band(self) -> None:
        """(1, 1), (1, 2) and (2, 1) are unbanded, and say so."""
        scheme = example("unbanded-cells-4x4")
        assert scheme.partial_bands
        assert [(c.likelihood.code, c.impact.code) for c in scheme.unbanded] == [
            ("1", "1"), ("1", "2"), ("2", "1")]
        score = scheme.parse("1 2")
        assert (score.band, score.unbanded, scheme.parse("2 2").unbanded) == (None, True, False)

    @pytest.mark.parametrize(("text", "expected"), [
        ("3 4", ("3", "4", None, None, {}, {})),
        ("1 1", ("1", "1", None, None, {}, {})),
        ("9 R", (None, None, 9, "red", {}, {})),
        ("R 9", (None, None, 9, "red", {}, {})),
        ("2 2 G", ("2", "2", None, "green", {}, {})),
        ("1 1 A", ("1", "1", None, "amber", {}, {})),
        ("3 - Likely", ("3", None, None, None, {}, {})),
        ("likelihood 2, impact limited", ("2", "1", None, None, {}, {})),
    ])
    def test_every_printed_form(self, text: str, expected: tuple[object, ...]) -> None:
        """Cells with a space, and ratings with a RAG letter either side."""
        assert parts(example("unbanded-cells-4x4"), text) == expected

    def test_a_band_printed_beside_an_unbanded_cell_is_the_band(self) -> None:
        """The register's own band counts where the scheme gives none."""
        a = example("unbanded-cells-4x4").parse_assessment("1 1 A")
        assert a.band is not None
        assert a.band.key == "amber"
