"""Reading what registers print around a score into an assessment: every form, and refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskmodel import (
    Assessment,
    Level,
    NotationError,
    RatingRule,
    Scale,
    Score,
    ScoringScheme,
    builtin_schemes,
    scheme_from_toml,
)
from riskmodel.documents import scheme_from_dict
from riskmodel.notation import MAX_TEXT, format_score, normalise, parse_assessment
from strategies import schemes

BUILTINS = builtin_schemes()
GENERIC = BUILTINS.get("generic-5x5")
LEICESTERSHIRE = BUILTINS.get("leicestershire-4x4")
LEICESTER = BUILTINS.get("leicester-city-5x5")


def read(text: str, scheme: ScoringScheme = GENERIC) -> tuple[object, ...]:
    """The parts of the assessment read from *text*: cell (or factors), rating, band."""
    a = scheme.parse_assessment(text)
    lk = a.likelihood.code if a.likelihood else None
    im = a.impact.code if a.impact else None
    return (lk, im, a.stated, a.stated_band)


def refused(text: str, scheme: ScoringScheme = GENERIC) -> str:
    """The reason *text* cannot be read."""
    with pytest.raises(NotationError) as caught:
        scheme.parse_assessment(text)
    assert caught.value.text == text
    return caught.value.reason


class TestFactors:
    """Factors are read in either order, with words, prefixes or suffixes, by code or label."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("4x5", ("4", "5", None, None)),
        ("(5 impact, 3 likelihood)", ("3", "5", None, None)),
        ("impact 5, likelihood 3", ("3", "5", None, None)),
        ("Likelihood: 3; Impact: 5", ("3", "5", None, None)),
        ("IMPACT 5 and LIKELIHOOD 3", ("3", "5", None, None)),
        ("probability 3, severity 5", ("3", "5", None, None)),
        ("consequence catastrophic, likelihood possible", ("3", "5", None, None)),
        ("impact major, likelihood unlikely", ("2", "4", None, None)),
        ("Possible x Catastrophic", ("3", "5", None, None)),
        ("3 × 5", ("3", "5", None, None)),
        ("3*5", ("3", "5", None, None)),
    ])
    def test_generic(self, text: str, expected: tuple[object, ...]) -> None:
        """The generic 5×5 reads each of these as the same kind of cell."""
        assert read(text) == expected

    def test_a_cell_restated_in_words(self) -> None:
        """``4x2 - impact minor, likelihood likely`` is the cell, its levels named again."""
        assert read("4x2 - impact minor, likelihood likely") == ("4", "2", None, None)

    def test_impact_first_scheme(self) -> None:
        """Leicester prints impact first: ``4x2`` is impact 4, likelihood 2."""
        assert read("4x2 - impact 4, likelihood 2", LEICESTER) == ("2", "4", None, None)

    @pytest.mark.parametrize(("text", "expected"), [
        ("2B", ("2", "B", None, None)),
        ("B2", ("2", "B", None, None)),
        ("3 b", ("3", "B", None, None)),
        ("likelihood 2, impact significant", ("2", "B", None, None)),
        ("Quite likely / Significant", ("2", "B", None, None)),
    ])
    def test_leicestershire(self, text: str, expected: tuple[object, ...]) -> None:
        """Number then letter, in either order, or by label."""
        assert read(text, LEICESTERSHIRE) == expected

    def test_a_factor_alone_with_its_axis(self) -> None:
        """``impact 4`` gives the impact only; the likelihood stays unknown."""
        assert read("impact 4") == (None, "4", None, None)

    def test_a_code_with_its_label(self) -> None:
        """``4 - Likely`` is likelihood 4 (its label says which axis); ``2 - Minor`` impact 2."""
        assert (read("4 - Likely"), read("2 - Minor"), read("2 (Minor)")) == (
            ("4", None, None, None), (None, "2", None, None), (None, "2", None, None))

    @pytest.mark.parametrize(("text", "expected"), [
        ("4 Likely", ("4", None, None, None)),
        ("3 moderate", (None, "3", None, None)),
        ("Likely 4", ("4", None, None, None)),
        ("4 likely, 4 major", ("4", "4", None, None)),
    ])
    def test_a_code_beside_its_own_label_is_one_factor(
        self, text: str, expected: tuple[object, ...]
    ) -> None:
        """``4 Likely`` is likelihood 4, never likelihood 4 and impact 4 made up from it."""
        assert read(text) == expected

    def test_a_code_beside_another_levels_label_is_a_cell(self) -> None:
        """``4 Minor``: likelihood 4 and impact Minor (2), since Minor is not level 4."""
        assert read("4 Minor") == ("4", "2", None, None)

    def test_a_label_after_its_cell(self) -> None:
        """A label restating a factor of the cell is read, and must agree."""
        assert read("4x4 - Major") == ("4", "4", None, None)


class TestRatingsAndBands:
    """A rating and a band are kept as printed, alone, together, or beside a cell."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("15", (None, None, 15, None)),
        ("12.5", (None, None, 12.5, None)),
        ("score 12", (None, None, 12, None)),
        ("Risk rating = 12", (None, None, 12, None)),
        ("Amber", (None, None, None, "amber")),
        ("very high", (None, None, None, "red")),
        ("RAG: Yellow", (None, None, None, "yellow")),
        ("Amber 12", (None, None, 12, "amber")),
        ("12 Amber", (None, None, 12, "amber")),
        ("12 (amber)", (None, None, 12, "amber")),
        ("High - 12", (None, None, 12, "amber")),
        ("4x4 = 16", ("4", "4", 16, None)),
        ("4x4 (16) red", ("4", "4", 16, "red")),
        ("4x4 = 12", ("4", "4", 12, None)),
        ("4x4 green", ("4", "4", None, "green")),
    ])
    def test_generic(self, text: str, expected: tuple[object, ...]) -> None:
        """No cell is guessed from a rating, and a disagreeing rating or band is kept."""
        assert read(text) == expected

    def test_the_source_text_is_kept(self) -> None:
        """The assessment keeps the text it was read from, stripped."""
        assert GENERIC.parse_assessment("  Amber 12 ").text == "Amber 12"

    def test_assessment_parse_is_the_same(self) -> None:
        """Assessment.parse(text, scheme) is scheme.parse_assessment(text)."""
        assert Assessment.parse("Amber 12", GENERIC) == GENERIC.parse_assessment("Amber 12")


class TestRefusals:
    """A text that cannot be read fully is an error that says why, never a partial match."""

    def test_a_code_and_a_label_of_different_levels(self) -> None:
        """``3 - Likely`` names both levels: the code's and the label's."""
        assert refused("3 - Likely") == (
            "'3' is likelihood 3 (Possible) but the label 'Likely' is likelihood 4 (Likely)")

    def test_a_cell_and_a_label_that_disagree(self) -> None:
        """A restating label of another level is an error naming both."""
        assert refused("4x2 - impact major") == (
            "'2' is impact 2 (Minor) but 'major' is impact 4 (Major)")

    def test_two_ratings(self) -> None:
        """Two different ratings cannot both be the stated one."""
        assert refused("12 15") == "it states two ratings, 12 and 15"

    def test_two_bands(self) -> None:
        """Two different bands cannot both be the stated one."""
        assert refused("Amber Red") == "it states two bands, 'Amber' and 'Red'"

    def test_an_unknown_word(self) -> None:
        """A word the scheme does not know is named as printed."""
        assert refused("Amber Twelve") == (
            "'Twelve' is not a code, label, band or word of generic-5x5")

    def test_a_word_cut_short(self) -> None:
        """Part of a word is not read as a code: the whole word is named."""
        assert refused("4xx5") == "'x' cannot stand there"

    def test_a_lone_code(self) -> None:
        """A level with no axis and no partner is refused, with how to write it."""
        assert refused("Likely") == (
            "'Likely' is likelihood 4 (Likely) alone; give its axis (likelihood 4) or both "
            "factors (as in '5x5')")

    def test_an_axis_word_without_a_level(self) -> None:
        """An axis word must be followed by a level of its scale."""
        assert refused("impact 7") == (
            "'impact' is followed by '7', which is not an impact level of generic-5x5 "
            "(1, 2, 3, 4, 5)")

    @pytest.mark.parametrize(("text", "reason"), [
        ("", "the text is empty"),
        ("  ", "the text is empty"),
        ("-", "it holds no score, rating or band"),
        ("(12", "a bracket is not closed"),
        ("12)", "')' closes nothing"),
        ("score", "'score' is not followed by a rating"),
        ("12 ?", "'?' is not a code, label, band or word of generic-5x5"),
    ])
    def test_malformed(self, text: str, reason: str) -> None:
        """Empty text, stray punctuation and unclosed brackets are refused."""
        assert refused(text) == reason

    def test_the_text_is_bounded(self) -> None:
        """A text longer than MAX_TEXT characters is refused before it is read."""
        with pytest.raises(NotationError, match=rf"longer than {MAX_TEXT} characters"):
            GENERIC.parse_assessment("12 " * 200)

    def test_not_text(self) -> None:
        """Anything but text is refused."""
        with pytest.raises(NotationError, match="expected text"):
            GENERIC.parse_assessment(12)  # type: ignore[arg-type]


class TestScoreParseStaysStrict:
    """Score.parse reads one cell and nothing else."""

    @pytest.mark.parametrize("text", ["Amber 12", "impact 5, likelihood 3", "4 - Likely"])
    def test_printed_forms_are_not_cells(self, text: str) -> None:
        """Words around codes are refused by Score.parse."""
        with pytest.raises(NotationError):
            Score.parse(text, GENERIC)

    def test_a_band_word_is_never_a_cell(self) -> None:
        """Where a band is called like a cell with a dash, Score.parse refuses it."""
        scheme = scheme_from_toml(BANDED.format(separator="/", label="Medium-High"))
        with pytest.raises(NotationError, match=r"'Medium-High' is a band word, not a cell"):
            scheme.parse("Medium-High")
        assert str(scheme.parse("Medium/High")) == "Medium/High"


BANDED = """
id = "tiny-words"
name = "Tiny words"
[likelihood]
name = "likelihood"
levels = [{{ code = "Medium", label = "", value = 1 }}, {{ code = "High", label = "", value = 2 }}]
[impact]
name = "impact"
levels = [{{ code = "Medium", label = "", value = 1 }}, {{ code = "High", label = "", value = 2 }}]
[rating]
rule = "product"
[notation]
separator = "{separator}"
[[bands]]
key = "one"
label = "{label}"
catch_all = true
"""


class TestCheckedWhenTheSchemeLoads:
    """A band word or label that a cell prints as is refused when the scheme loads."""

    def test_a_band_printed_like_a_cell(self) -> None:
        """With separator "-", the band "Medium-High" would hide the cell Medium-High."""
        with pytest.raises(Exception, match=(
                r"the notation prints 'Medium-High' for cell \(Medium, High\), which reads "
                r"back as likelihood \?, impact \?, band one")):
            scheme_from_toml(BANDED.format(separator="-", label="Medium-High"))

    def test_with_another_separator_the_band_is_fine(self) -> None:
        """With separator "/", "Medium-High" is the band and "Medium/High" the cell."""
        scheme = scheme_from_toml(BANDED.format(separator="/", label="Medium-High"))
        assert read("Medium-High", scheme) == (None, None, None, "one")
        assert read("Medium / High", scheme) == ("Medium", "High", None, None)


class TestNotationWords:
    """The words around codes are data: a scheme may name its own."""

    TOML = """
id = "harm"
name = "Harm"
[likelihood]
name = "chance"
levels = [{ code = "1", label = "Low", value = 1 }, { code = "2", label = "High", value = 2 }]
[impact]
name = "consequence"
levels = [{ code = "1", label = "Slight", value = 1 }, { code = "2", label = "Grave", value = 2 }]
[rating]
rule = "product"
[notation]
separator = "x"
[notation.words]
likelihood = ["odds"]
impact = ["harm"]
rating = ["points"]
band = []
joining = ["plus"]
"""

    def test_the_schemes_words_are_read(self) -> None:
        """"harm", "odds", "points" and "plus" are this scheme's words."""
        scheme = scheme_from_toml(self.TOML)
        a = scheme.parse_assessment("harm 2 plus odds 1, points 2")
        assert (a.likelihood.code, a.impact.code, a.stated) == ("1", "2", 2)

    def test_the_scale_names_are_always_words(self) -> None:
        """The scales' own names (chance, consequence) are axis words too."""
        scheme = scheme_from_toml(self.TOML)
        assert read("consequence 2, chance 1", scheme) == ("1", "2", None, None)

    def test_the_default_words_are_replaced(self) -> None:
        """"impact" is not a word of a scheme that lists its own impact words."""
        scheme = scheme_from_toml(self.TOML)
        assert refused("impact 2", scheme) == (
            "'impact' is not a code, label, band or word of harm")

    def test_an_empty_word_is_refused_with_its_key(self) -> None:
        """A blank notation word is an error located in the file."""
        with pytest.raises(Exception, match=r"^s.toml: \$\.notation\.words\.rating\[0\]: "
                                            r"a word must not be empty$"):
            scheme_from_toml(self.TOML.replace('["points"]', '[" "]'), source="s.toml")


class TestNormalise:
    """Printed words are compared folded, with spaces collapsed around dashes and slashes."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("Medium - High", "medium-high"),
        ("Medium–High", "medium-high"),
        ("N / A", "n/a"),
        ("  Very   HIGH ", "very high"),
        ("3×4", "3x4"),
    ])
    def test_forms(self, text: str, expected: str) -> None:
        """Each printed variant folds to one form."""
        assert normalise(text) == expected


class TestOffGrid:
    """A factor printed between a numeric scale's levels is kept as printed."""

    SCALE = Scale("likelihood", [Level(str(n), "", n) for n in range(1, 7)])

    def scheme(self) -> ScoringScheme:
        impact = Scale("impact", [Level(str(n), "", n) for n in range(1, 7)])
        return ScoringScheme("votes", "Votes", self.SCALE, impact,
                             rating=RatingRule("product"))

    def test_averaged_votes(self) -> None:
        """``4.2 x 5.1 = 21.42`` keeps both numbers and the rating; no level is taken."""
        a = self.scheme().parse_assessment("4.2 x 5.1 = 21.42")
        assert (a.likelihood, a.impact, a.off_grid, a.stated) == (
            None, None, (("likelihood", 4.2), ("impact", 5.1)), 21.42)

    def test_one_factor_off_the_grid(self) -> None:
        """``likelihood 3.5, impact 4`` keeps the impact level and the printed likelihood."""
        a = self.scheme().parse_assessment("likelihood 3.5, impact 4")
        assert (a.likelihood, a.impact.code, a.off_grid) == (None, "4", (("likelihood", 3.5),))

    def test_outside_the_scale_is_refused(self) -> None:
        """A number beyond the scale's codes is not a factor: 7.5 on 1-6 is refused."""
        assert refused("likelihood 7.5", self.scheme()) == (
            "'likelihood' is followed by '7.5', which is not a likelihood level of votes "
            "(1, 2, 3, 4, 5, 6)")


class TestEveryCellReadsBack:
    """The printed form of every cell reads back as that cell, for any scheme."""

    @pytest.mark.parametrize("scheme", list(BUILTINS), ids=lambda s: s.id)
    def test_builtin(self, scheme: ScoringScheme) -> None:
        """Each built-in cell, printed, reads back as an assessment of that cell."""
        for cell in scheme.cells():
            a = scheme.parse_assessment(format_score(cell))
            assert (a.likelihood, a.impact) == (cell.likelihood, cell.impact)

    @given(st.data())
    def test_generated(self, data: st.DataObject) -> None:
        """For any scheme and cell, parse_assessment(str(cell)) is Assessment.of(cell)."""
        scheme = data.draw(schemes())
        cell = data.draw(st.sampled_from(list(scheme.cells())))
        printed = format_score(cell)
        stated = cell.value if scheme.notation.show_value else None
        assert parse_assessment(printed, scheme) == Assessment.of(
            cell, stated=stated, text=printed.strip())


class TestNumberedBandLabels:
    """A band labelled with a number: after ``=`` the number is the rating."""

    SCHEME = scheme_from_dict({
        "id": "numbered", "name": "Numbered bands",
        "likelihood": {"name": "likelihood", "levels": [{"code": "1", "label": "", "value": 0}]},
        "impact": {"name": "impact", "levels": [{"code": "1", "label": "", "value": 0},
                                                {"code": "2", "label": "", "value": 1}]},
        "rating": {"rule": "sum"}, "notation": {"show_value": True},
        "bands": [{"key": "green", "label": "1", "minimum": 0, "maximum": 0},
                  {"key": "yellow", "label": "0", "minimum": 1, "maximum": 1}],
    })

    def test_after_equals_a_rating(self) -> None:
        """``11 = 0`` states the rating 0, not the band labelled 0."""
        a = self.SCHEME.parse_assessment("11 = 0")
        assert (a.stated, a.stated_band, a.consistent) == (0, None, True)

    def test_after_a_band_word_a_band(self) -> None:
        """``11, RAG 0`` names the band labelled 0 (here disagreeing with the cell)."""
        a = self.SCHEME.parse_assessment("11, RAG 0")
        assert (a.stated, a.stated_band) == (None, "yellow")


class TestSharedLabels:
    """A label two levels of one scale share names neither of them."""

    def test_a_shared_label_is_not_read(self) -> None:
        """Both impact levels are labelled "Serious": the label alone says nothing."""
        likelihood = Scale("likelihood", [Level("1", "Rare", 1), Level("2", "Often", 2)])
        impact = Scale("impact", [Level("1", "Serious", 1), Level("2", "Serious", 2)])
        scheme = ScoringScheme("shared", "Shared", likelihood, impact,
                               rating=RatingRule("product"))
        assert read("impact 2, likelihood often", scheme) == ("2", "2", None, None)
        assert refused("impact serious", scheme) == (
            "'impact' is followed by 'serious', which is not an impact level of shared (1, 2)")
