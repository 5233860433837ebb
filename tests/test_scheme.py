"""Scoring schemes: rating rules, bands, notations, appetite and the invariants between them."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest
from hypothesis import given, settings

from riskmodel import (
    AppetiteLevel,
    AppetiteLevelError,
    AtAppetite,
    Band,
    BandError,
    Level,
    LevelError,
    Notation,
    RatingRule,
    RuleKind,
    Scale,
    SchemeError,
    ScoringScheme,
    builtin_schemes,
)
from strategies import schemes

BUILTINS = builtin_schemes()
LEICESTERSHIRE = BUILTINS.get("leicestershire-4x4")
LEICESTER = BUILTINS.get("leicester-city-5x5")
GENERIC = BUILTINS.get("generic-5x5")

LIKELIHOOD = Scale("likelihood", [Level("1", "Low", 1), Level("2", "High", 2)])
IMPACT = Scale("impact", [Level("A", "Minor", 1), Level("B", "Major", 2)])


def tiny(
    rating: RatingRule | None = None,
    bands: Sequence[Band] = (),
    **kwargs: object,
) -> ScoringScheme:
    """A 2×2 scheme, likelihood 1-2 by impact A-B, product rule unless told otherwise."""
    return ScoringScheme(
        "tiny", "Tiny", LIKELIHOOD, IMPACT,
        rating=rating or RatingRule(RuleKind.PRODUCT), bands=bands, **kwargs,  # type: ignore[arg-type]
    )


class TestRatingRule:
    """A rating rule is a product, a sum or a table of cells."""

    def test_kind_converted_from_text(self) -> None:
        """The kind may be given as its text."""
        assert RatingRule("sum").kind is RuleKind.SUM

    def test_unknown_kind_is_refused(self) -> None:
        """An unknown kind raises ValueError."""
        with pytest.raises(ValueError, match=r"^'max' is not one of product, sum, table$"):
            RatingRule("max")  # type: ignore[arg-type]

    def test_product_rates_by_multiplying_values(self) -> None:
        """Under a product rule cell (2, B) rates 2 × 2 = 4."""
        assert tiny().score("2", "B").value == 4

    def test_sum_rates_by_adding_values(self) -> None:
        """Under a sum rule cell (2, A) rates 2 + 1 = 3."""
        assert tiny(RatingRule(RuleKind.SUM)).score("2", "A").value == 3

    def test_table_rates_by_lookup(self) -> None:
        """Under a table rule each cell rates what the table says, codes in any case."""
        table = [("1", "a", 1), ("1", "b", 5), ("2", "A", 7), ("2", "B", 9)]
        scheme = tiny(RatingRule(RuleKind.TABLE, table))
        assert [c.value for c in scheme.cells()] == [1, 5, 7, 9]

    def test_leicestershire_rank_product(self) -> None:
        """Leicestershire's table rates 2B as 9 and 4D as 1."""
        assert (LEICESTERSHIRE.parse("2B").value, LEICESTERSHIRE.parse("4D").value) == (9, 1)


class TestSchemeValidation:
    """A scheme refuses any definition that does not rate and band every cell exactly once."""

    def test_table_missing_a_cell(self) -> None:
        """A table without cell (2, B) is refused, naming the cell."""
        table = [("1", "A", 1), ("1", "B", 3), ("2", "A", 2)]
        with pytest.raises(SchemeError) as caught:
            tiny(RatingRule(RuleKind.TABLE, table))
        assert str(caught.value) == (
            "scheme tiny: rating: rating table has no rating for cells [('2', 'B')]")
        assert (caught.value.where, caught.value.problem) == (
            "scheme tiny", "rating table has no rating for cells [('2', 'B')]")

    def test_table_repeating_a_cell(self) -> None:
        """A table that rates (2, B) twice, once as (2, b), is refused."""
        table = [("1", "A", 1), ("1", "B", 3), ("2", "A", 2), ("2", "b", 4), ("2", "B", 5)]
        message = r"^scheme tiny: rating: rating table gives cell \(2, B\) twice$"
        with pytest.raises(SchemeError, match=message):
            tiny(RatingRule(RuleKind.TABLE, table))

    def test_table_cell_outside_the_scales(self) -> None:
        """A table naming likelihood 3 is refused."""
        table = [("1", "A", 1), ("1", "B", 3), ("2", "A", 2), ("3", "B", 4)]
        with pytest.raises(
            SchemeError, match=(
                r"^scheme tiny: rating: rating table names cell \(3, B\) outside"
                r" the scales$")
        ):
            tiny(RatingRule(RuleKind.TABLE, table))

    def test_product_with_table(self) -> None:
        """A product rule that carries a table is refused."""
        with pytest.raises(SchemeError, match=(
            r"^scheme tiny: rating: a product rule takes no"
            r" table$")):
            tiny(RatingRule(RuleKind.PRODUCT, [("1", "A", 1)]))

    def test_band_with_cells_and_range(self) -> None:
        """A band cannot both list cells and give a range."""
        band = Band("lo", "Low", maximum=2, cells=[("1", "A")])
        with pytest.raises(
            SchemeError, match=r"^scheme tiny: bands\[0\]: band 'lo' gives both cells and a range$"
        ):
            tiny(bands=[band])

    def test_band_cell_outside_the_scales(self) -> None:
        """A band listing impact C of a scale A-B is refused."""
        with pytest.raises(
            SchemeError, match=(
                r"^scheme tiny: bands\[0\].cells: band 'lo' names cell \(1, C\)"
                r" outside the scales$")
        ):
            tiny(bands=[Band("lo", "Low", cells=[("1", "C")])])

    def test_band_keys_repeat(self) -> None:
        """Two bands with one key are refused."""
        with pytest.raises(SchemeError, match=(
            r"^scheme tiny: bands: band keys repeat: \['lo',"
            r" 'lo'\]$")):
            tiny(bands=[Band("lo", "Low", maximum=2), Band("lo", "High", minimum=3)])

    def test_overlapping_range_bands(self) -> None:
        """Ranges that both take rating 2 are refused, naming the first such cell."""
        bands = [Band("lo", "Low", maximum=2), Band("hi", "High", minimum=2)]
        with pytest.raises(
            SchemeError, match=(
                r"^scheme tiny: bands: cell \(1, B\) rated 2 falls in bands"
                r" \['lo', 'hi'\]$")
        ):
            tiny(bands=bands)

    def test_range_bands_leaving_a_gap(self) -> None:
        """Ranges that skip rating 2 are refused."""
        bands = [Band("lo", "Low", maximum=1), Band("hi", "High", minimum=3)]
        message = r"^scheme tiny: bands: cell \(1, B\) rated 2 falls in no band$"
        with pytest.raises(SchemeError, match=message):
            tiny(bands=bands)

    def test_cell_bands_leaving_a_cell(self) -> None:
        """Cell bands that leave (2, B) out are refused."""
        bands = [Band("lo", "Low", cells=[("1", "A"), ("1", "B")]),
                 Band("hi", "", cells=[("2", "A")])]
        message = r"^scheme tiny: bands: cell \(2, B\) rated 4 falls in no band$"
        with pytest.raises(SchemeError, match=message):
            tiny(bands=bands)

    def test_appetite_repeating_a_level(self) -> None:
        """An appetite level given twice is refused."""
        with pytest.raises(SchemeError, match=r"^scheme tiny: appetite: appetite repeats a level$"):
            tiny(appetite=[("averse", 1), ("averse", 2)])

    def test_appetite_falling(self) -> None:
        """An open threshold below the averse one is refused."""
        message = r"^scheme tiny: appetite: appetite thresholds must not fall from averse to eager$"
        with pytest.raises(SchemeError, match=message):
            tiny(appetite=[("open", 1), ("averse", 2)])

    def test_notation_printing_two_cells_alike(self) -> None:
        """Codes 1/11 by 1/11 with no separator print 111 for two cells, and are refused."""
        codes = Scale("likelihood", [Level("1", "", 1), Level("11", "", 2)])
        with pytest.raises(SchemeError) as caught:
            ScoringScheme("t", "T", codes, attrs.evolve(codes, name="impact"),
                          rating=RatingRule("product"))
        assert str(caught.value) == (
            "scheme t: notation: the notation prints '111' for several cells: (1, 11), (11, 1)")

    @pytest.mark.parametrize("scheme_id", ["Tiny", "tiny 2", "-tiny", ""])
    def test_bad_id(self, scheme_id: str) -> None:
        """An id must be lower-case letters, digits, dots, dashes and underscores."""
        with pytest.raises(ValueError, match=(
            r"^id: .* is not a scheme id \(lower-case letters,"
            r" digits, '.', '_' and '-'\)$")):
            ScoringScheme(scheme_id, "T", LIKELIHOOD, IMPACT, rating=RatingRule("product"))

    def test_bad_notation_order(self) -> None:
        """A notation order is likelihood-impact or impact-likelihood."""
        with pytest.raises(ValueError, match=(
            r"^order: 'sideways' is not one of"
            r" 'likelihood-impact', 'impact-likelihood'$")):
            Notation("sideways")  # type: ignore[arg-type]


class TestBand:
    """A band takes cells by an inclusive rating range or by listing them."""

    @pytest.mark.parametrize(
        ("rating", "inside"), [(4, False), (5, True), (12, True), (12.5, False)]
    )
    def test_closed_range(self, rating: float, inside: bool) -> None:
        """A band from 5 to 12 holds 5 and 12, not 4 or 12.5."""
        assert Band("amber", "Medium", minimum=5, maximum=12).contains(rating, "1", "1") is inside

    def test_open_ends(self) -> None:
        """A band with no maximum holds any higher rating; one with no bounds holds all."""
        assert Band("red", "High", minimum=15).contains(10**6, "x", "y") is True
        assert Band("all", "All").contains(-1, "x", "y") is True

    def test_cell_band_ignores_rating(self) -> None:
        """A cell band holds exactly its listed cells, whatever they rate."""
        band = Band("tol", "Above tolerance", cells=[("4", "B"), ("5", "A")])
        assert (band.contains(0, "4", "B"), band.contains(99, "4", "A")) == (True, False)

    def test_cells_are_tuples_of_stripped_codes(self) -> None:
        """Listed cells are stored as pairs of stripped text."""
        assert Band("a", "", cells=[[" 1 ", "A "]]).cells == (("1", "A"),)  # type: ignore[list-item]

    def test_text(self) -> None:
        """A band prints its label, or its key when it has none."""
        assert (str(Band("red", "High")), str(Band("red", ""))) == ("High", "red")

    def test_cell_band_codes_in_another_case(self) -> None:
        """A band listing (1, a) holds cell 1A, as a rating table naming (1, a) rates it."""
        scheme = tiny(bands=[Band("lo", "Low", cells=[("1", "a"), ("1", "B"), ("2", "A")]),
                             Band("hi", "High", cells=[("2", "B")])])
        assert scheme.score("1", "A").band == scheme.bands[0]


class TestSchemeCells:
    """A scheme turns levels or codes into scores and knows its range of ratings."""

    def test_score_by_codes_ints_and_levels(self) -> None:
        """The same cell is reached by text codes, int codes and levels."""
        by_level = GENERIC.score(GENERIC.likelihood.level("3"), GENERIC.impact.level("4"))
        assert GENERIC.score("3", "4") == GENERIC.score(3, 4) == by_level

    def test_cells_likelihood_major(self) -> None:
        """cells() runs likelihood-major, least severe levels first."""
        assert [str(c) for c in LEICESTERSHIRE.cells()][:5] == ["4D", "4C", "4B", "4A", "3D"]

    def test_cell_count(self) -> None:
        """A 5×5 scheme has 25 cells."""
        assert len(list(LEICESTER.cells())) == 25

    def test_min_and_max_rating(self) -> None:
        """generic-5x5 rates from 1 to 25."""
        assert (GENERIC.min_rating, GENERIC.max_rating) == (1, 25)

    def test_band_of_cell(self) -> None:
        """Leicester 4x5 (rating 20) is in the red band; 1x1 is green."""
        red = LEICESTER.score(likelihood=5, impact=4).band
        green = LEICESTER.score(likelihood=1, impact=1).band
        assert (red and red.key, green and green.key) == ("red", "green")

    def test_no_bands(self) -> None:
        """A scheme without bands puts every cell in no band."""
        assert {c.band for c in tiny().cells()} == {None}

    def test_unknown_code(self) -> None:
        """score() with an unknown code raises LevelError naming the scheme."""
        message = r"^6 is not a level of generic-5x5 likelihood \(1\.\.5\)$"
        with pytest.raises(ValueError, match=message):
            GENERIC.score(6, 1)

    def test_text_is_the_id(self) -> None:
        """A scheme prints as its id."""
        assert str(LEICESTERSHIRE) == "leicestershire-4x4"

    def test_equal_definitions_are_equal(self) -> None:
        """Two schemes built from equal parts are equal and hash alike."""
        assert tiny() == tiny()
        assert hash(tiny()) == hash(tiny())

    def test_score_memo_does_not_confuse_true_with_one(self) -> None:
        """score(True, ...) is refused whether or not score(1, ...) was asked for first."""
        scheme = tiny()
        scheme.score(1, "A")
        with pytest.raises(ValueError, match=r"^True is not a level of tiny likelihood \(1, 2\)$"):
            scheme.score(True, "A")

    def test_true_is_not_a_code(self) -> None:
        """score(True, ...) on a fresh scheme is refused: True is not the code 1."""
        with pytest.raises(ValueError, match=r"^True is not a level of tiny likelihood \(1, 2\)$"):
            tiny().score(True, "A")


    def test_one_score_per_cell_however_the_codes_are_spelt(self) -> None:
        """Codes that name one cell give the same score object; asking with many spellings
        of the codes keeps one score per cell, not one per spelling."""
        scheme = tiny()
        memo = len(scheme._memo)
        spellings = [("1", "A"), (1, "a"), (" 1 ", " A"), ("1", "a "), ("1", " a")]
        scores = {id(scheme.score(lk, im)) for lk, im in spellings}
        assert (len(scores), len(scheme._memo)) == (1, memo)

    def test_a_level_of_another_scheme_is_refused(self) -> None:
        """rate() and band_of() refuse a level their scheme does not have, even one
        whose code is printed there too (generic-5x5's "4" means another thing in
        Leicester's 5x5: same code, other label)."""
        four = GENERIC.likelihood.level("4")
        own = LEICESTER.impact.level("4")
        assert (four.code, four in LEICESTER.likelihood) == ("4", False)
        message = r"^4 is not a level of leicester-city-5x5 likelihood \(1\.\.5\)$"
        with pytest.raises(LevelError, match=message):
            LEICESTER.rate(four, own)
        with pytest.raises(LevelError, match=message):
            LEICESTER.band_of(four, own)


class TestSeverity:
    """The order of severity is the scheme's, not the printed codes'."""

    def test_leicestershire_most_and_least_severe(self) -> None:
        """1A is the most severe cell of leicestershire-4x4 and 4D the least."""
        cells = sorted(LEICESTERSHIRE.cells())
        assert (str(cells[-1]), str(cells[0])) == ("1A", "4D")

    def test_leicestershire_labels(self) -> None:
        """Likelihood 1 is 'Very likely' and impact A is 'Severe'."""
        assert (LEICESTERSHIRE.likelihood.level("1").label,
                LEICESTERSHIRE.impact.level("A").label) == ("Very likely", "Severe")


class TestAppetite:
    """A scheme maps Orange Book appetite levels to rating thresholds."""

    def test_threshold_by_text_and_enum(self) -> None:
        """generic-5x5 puts cautious at 10 and eager at 20."""
        assert (GENERIC.appetite_threshold("cautious"),
                GENERIC.appetite_threshold(AppetiteLevel.EAGER)) == (10, 20)

    def test_missing_level(self) -> None:
        """A scheme without appetite thresholds raises AppetiteLevelError naming the level."""
        message = (r"^scheme leicester-city-5x5 sets no threshold for appetite cautious "
                   r"\(it sets: none\)$")
        with pytest.raises(AppetiteLevelError, match=message) as caught:
            LEICESTER.appetite_threshold("cautious")
        assert (isinstance(caught.value, LookupError), caught.value.levels) == (True, ())

    def test_unknown_level(self) -> None:
        """A level that is not an Orange Book level raises ValueError."""
        with pytest.raises(ValueError, match=(
            r"^'brave' is not one of averse, minimal, cautious,"
            r" open, eager$")):
            GENERIC.appetite_threshold("brave")

    def test_stored_order_is_kept(self) -> None:
        """Thresholds may be stated in any order; the scheme keeps the order given."""
        scheme = tiny(appetite=[("open", 3), ("averse", 1)])
        assert scheme.appetite == ((AppetiteLevel.OPEN, 3), (AppetiteLevel.AVERSE, 1))


class TestCombinedImpact:
    """Impact scored on several dimensions combines by the most severe level."""

    @staticmethod
    def _scheme() -> ScoringScheme:
        impact = Scale("impact", [Level(c, "", v) for c, v in zip("DCBA", (1, 2, 3, 4),
                                                                   strict=True)],
                       dimensions=["financial", "reputation", "service"])
        return ScoringScheme("dims", "Dimensions", LIKELIHOOD, impact,
                             rating=RatingRule("product"))

    def test_most_severe_wins(self) -> None:
        """C, a and B across three dimensions combine to A (codes or levels, any case)."""
        scheme = self._scheme()
        combined = scheme.combined_impact(
            {"financial": "C", "reputation": "a", "service": scheme.impact.level("B")})
        assert combined == scheme.impact.level("A")

    def test_no_dimensions(self) -> None:
        """An empty mapping is refused."""
        with pytest.raises(ValueError, match=r"^no impact dimensions were given$"):
            self._scheme().combined_impact({})

    def test_unknown_dimension(self) -> None:
        """A dimension the impact scale does not list is refused, naming the known ones."""
        message = (r"^dims: unknown impact dimensions \['people'\]; "
                   r"known: financial, reputation, service$")
        with pytest.raises(ValueError, match=message):
            self._scheme().combined_impact({"people": "A"})

    def test_scheme_without_dimensions(self) -> None:
        """A scheme whose impact has no dimensions knows none."""
        with pytest.raises(ValueError, match=r"known: none$"):
            GENERIC.combined_impact({"financial": "1"})

    def test_unknown_code(self) -> None:
        """An unknown code on one dimension is a LevelError."""
        with pytest.raises(ValueError, match=r"^E is not a level of dims impact \(A\.\.D\)$"):
            self._scheme().combined_impact({"financial": "E"})


class TestGeneratedSchemes:
    """Properties of every valid scheme."""

    @settings(max_examples=60)
    @given(schemes())
    def test_every_cell_in_one_band(self, scheme: ScoringScheme) -> None:
        """When a scheme has bands, each cell falls in exactly one of them."""
        for cell in scheme.cells():
            lk, im = cell.likelihood, cell.impact
            hits = [b for b in scheme.bands if b.contains(cell.value, lk.code, im.code)]
            assert len(hits) == (1 if scheme.bands else 0)
            assert cell.band == (hits[0] if hits else None)

    @settings(max_examples=60)
    @given(schemes())
    def test_cells_cover_the_grid(self, scheme: ScoringScheme) -> None:
        """cells() yields each (likelihood, impact) pair once."""
        pairs = [(c.likelihood.code, c.impact.code) for c in scheme.cells()]
        assert pairs == [(lk, im) for lk in scheme.likelihood.codes for im in scheme.impact.codes]

    @settings(max_examples=60)
    @given(schemes())
    def test_rating_follows_the_rule(self, scheme: ScoringScheme) -> None:
        """Each cell rates by the scheme's rule, and min/max ratings bound them."""
        table = {(lc, ic): v for lc, ic, v in scheme.rating.table}
        for cell in scheme.cells():
            lk, im = cell.likelihood, cell.impact
            expected = {
                RuleKind.PRODUCT: lambda: lk.value * im.value,  # noqa: B023
                RuleKind.SUM: lambda: lk.value + im.value,  # noqa: B023
                RuleKind.TABLE: lambda: table[(lk.code, im.code)],  # noqa: B023
            }[scheme.rating.kind]()
            assert cell.value == expected
            assert scheme.min_rating <= cell.value <= scheme.max_rating


class TestBandWords:
    """Registers print a band by key, label, colour word or another word: each names one."""

    BANDS = (
        Band("green", "Low", colour="green", words=["G"], maximum=1),
        Band("amber", "Medium", colour="#f9a825", words=["A", "Med"], minimum=2, maximum=2),
        Band("red", "High", colour="red", words=["R"], minimum=4),
    )

    def test_every_printed_word_finds_its_band(self) -> None:
        """Key, label, colour word and listed words, in any case, name the band."""
        scheme = tiny(bands=self.BANDS)
        assert [scheme.band(word).key for word in
                ("GREEN", "low", "g", "Medium", " med ", "a", "R", "high")] == [
            "green", "green", "green", "amber", "amber", "amber", "red", "red"]

    def test_a_hex_colour_is_not_a_word(self) -> None:
        """#f9a825 is a colour for drawing, not a word a register prints."""
        assert self.BANDS[1].printed == ("amber", "Medium", "A", "Med")
        with pytest.raises(LookupError, match=r"^'#f9a825' is not a band of tiny; its bands "
                                              r"are green, amber, red$"):
            tiny(bands=self.BANDS).band("#f9a825")

    def test_a_key_wins_over_another_bands_label(self) -> None:
        """Where one band's label is another's key, the key names its band."""
        scheme = tiny(bands=[Band("low", "High", maximum=1), Band("high", "Top", minimum=2)])
        assert (scheme.band("high").key, scheme.band("top").key) == ("high", "high")

    def test_two_bands_with_one_label_are_ambiguous(self) -> None:
        """A label two bands share names neither: BandError lists both."""
        scheme = tiny(bands=[Band("a", "Same", maximum=1), Band("b", "Same", minimum=2)])
        with pytest.raises(BandError, match=r"^'same' names several bands of tiny: a, b$"):
            scheme.band("same")

    def test_a_listed_word_of_two_bands_is_refused(self) -> None:
        """A word listed for one band that names another is an error naming both."""
        with pytest.raises(SchemeError, match=r"^scheme tiny: bands\[1\]\.words\[0\]: 'G' "
                                              r"also names band 'green'$"):
            tiny(bands=[Band("green", "Low", words=["G"], maximum=1),
                        Band("amber", "Mid", words=["G"], minimum=2)])

    def test_a_blank_word_is_refused(self) -> None:
        """A band word must say something."""
        with pytest.raises(ValueError, match=r"^words\[0\]: a band word must not be empty$"):
            Band("green", "Low", words=[" "])


class TestPartialBands:
    """A scheme may leave cells unbanded, or give them to one catch-all band."""

    def test_cells_left_out_have_no_band(self) -> None:
        """With partial_bands, a cell no band takes has none, and says so."""
        scheme = tiny(bands=[Band("red", "High", minimum=4)], partial_bands=True)
        assert [(str(c), c.band and c.band.key, c.unbanded) for c in scheme.cells()] == [
            ("1A", None, True), ("1B", None, True), ("2A", None, True), ("2B", "red", False)]
        assert [str(c) for c in scheme.unbanded] == ["1A", "1B", "2A"]

    def test_without_partial_bands_a_gap_is_an_error(self) -> None:
        """The same bands without partial_bands are refused, naming the first cell left out."""
        with pytest.raises(SchemeError, match=r"cell \(1, A\) rated 1 falls in no band"):
            tiny(bands=[Band("red", "High", minimum=4)])

    def test_a_catch_all_band_takes_the_rest(self) -> None:
        """The catch-all band holds every cell the other bands leave."""
        scheme = tiny(bands=[Band("rest", "Other", catch_all=True),
                             Band("red", "High", minimum=4)])
        assert [c.band.key for c in scheme.cells() if c.band] == ["rest", "rest", "rest", "red"]
        assert (scheme.unbanded, scheme.catch_all.key if scheme.catch_all else None) == (
            (), "rest")

    def test_a_catch_all_band_with_a_range_is_refused(self) -> None:
        """A catch-all band takes no range or cells of its own."""
        with pytest.raises(SchemeError, match=r"bands\[0\]\.catch_all: band 'rest' is the "
                                              r"catch-all band, so it takes no cells or range"):
            tiny(bands=[Band("rest", "", catch_all=True, minimum=1)])

    def test_two_catch_all_bands_are_refused(self) -> None:
        """Only one band may take the rest."""
        with pytest.raises(SchemeError, match=r"bands\[1\]\.catch_all: only one band may be "
                                              r"the catch-all band"):
            tiny(bands=[Band("a", "", catch_all=True), Band("b", "", catch_all=True)])

    def test_partial_bands_with_a_catch_all_is_refused(self) -> None:
        """A catch-all band leaves nothing unbanded, so partial_bands contradicts it."""
        with pytest.raises(SchemeError, match=r"partial_bands: band 'rest' takes every cell "
                                              r"left over, so no cell is unbanded"):
            tiny(bands=[Band("rest", "", catch_all=True)], partial_bands=True)

    def test_partial_bands_without_bands_is_refused(self) -> None:
        """A scheme with no bands has nothing to leave out."""
        with pytest.raises(SchemeError, match=r"partial_bands: a scheme without bands has no "
                                              r"cells to leave unbanded"):
            tiny(partial_bands=True)

    def test_a_catch_all_flag_must_be_a_bool(self) -> None:
        """catch_all is true or false, not text."""
        with pytest.raises(TypeError, match=r"catch_all: expected true or false"):
            Band("rest", "", catch_all="yes")  # type: ignore[arg-type]


class TestBandForRating:
    """A rating printed without its cell is banded only where bands are ranges."""

    def test_range_bands(self) -> None:
        """The generic 5×5 puts a stated 12 in amber and 25 in red."""
        assert [GENERIC.band_for_rating(r).key for r in (3, 12, 25)] == ["green", "amber", "red"]

    def test_cell_bands(self) -> None:
        """Where a band lists cells, a rating alone does not say which cell: no band."""
        scheme = tiny(bands=[Band("all", "", cells=[(lk, im) for lk in "12" for im in "AB"])])
        assert scheme.band_for_rating(2) is None


class TestAtAppetite:
    """A scheme says what a rating equal to its appetite threshold is."""

    def test_default_is_within(self) -> None:
        """Unless told otherwise, at appetite is within it."""
        assert tiny().at_appetite is AtAppetite.WITHIN

    def test_from_text(self) -> None:
        """The word converts to the enum."""
        assert tiny(at_appetite="reported").at_appetite is AtAppetite.REPORTED

    def test_unknown_word(self) -> None:
        """Any other word names the three choices."""
        with pytest.raises(ValueError, match=r"^'maybe' is not one of within, reported, "
                                             r"outside$"):
            tiny(at_appetite="maybe")


class TestCombinedImpactNotApplicable:
    """A dimension scored 0 or n/a does not apply; the most severe of the rest counts."""

    SCHEME = ScoringScheme(
        "dims", "Dims", LIKELIHOOD,
        Scale("impact", [Level("1", "Low", 1), Level("2", "High", 2)],
              dimensions=["money", "people", "image"]),
        rating=RatingRule("product"),
    )

    @pytest.mark.parametrize(("given", "expected"), [
        ({"money": "1", "people": "n/a", "image": "2"}, "2"),
        ({"money": "1", "people": "0", "image": None}, "1"),
        ({"money": "N/A", "people": "Not Applicable"}, None),
        ({"money": None}, None),
    ])
    def test_not_applicable_is_left_out(self, given: dict[str, str | None],
                                        expected: str | None) -> None:
        """n/a, 0, not applicable and None are left out; none left gives None."""
        found = self.SCHEME.combined_impact(given)
        assert (found.code if found else None) == expected
