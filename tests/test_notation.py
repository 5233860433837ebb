"""Reading and writing scores as registers print them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import (
    Level,
    Notation,
    NotationError,
    RatingRule,
    RiskModelError,
    Scale,
    Score,
    ScoringScheme,
    builtin_schemes,
)
from riskmodel.notation import check_notation, format_score, parse_score
from strategies import schemes

BUILTINS = builtin_schemes()
LEICESTERSHIRE = BUILTINS.get("leicestershire-4x4")
LEICESTER = BUILTINS.get("leicester-city-5x5")
CAMBRIDGESHIRE = BUILTINS.get("cambridgeshire-5x5")

EVERY_BUILTIN_CELL = [
    pytest.param(cell, id=f"{scheme.id}-{format_score(cell)}")
    for scheme in BUILTINS
    for cell in scheme.cells()
]


def _prefixed() -> ScoringScheme:
    """A 5×5 scheme printed ``I4 L5 = 20``."""
    def scale(name: str) -> Scale:
        return Scale(name, [Level(str(n), "", n) for n in range(1, 6)])

    return ScoringScheme(
        "prefixed-5x5", "Prefixed", scale("likelihood"), scale("impact"),
        rating=RatingRule("product"),
        notation=Notation("impact-likelihood", separator=" ", impact_prefix="I",
                          likelihood_prefix="L", show_value=True),
    )


PREFIXED = _prefixed()


def _cell(score: Score) -> tuple[str, str]:
    return (score.likelihood.code, score.impact.code)


class TestRoundTripBuiltins:
    """Every cell of every built-in scheme reads back from its printed form."""

    @pytest.mark.parametrize("cell", EVERY_BUILTIN_CELL)
    def test_parse_format(self, cell: Score) -> None:
        """parse(format(s)) is s."""
        assert parse_score(format_score(cell), cell.scheme) == cell

    @pytest.mark.parametrize("scheme", list(BUILTINS), ids=lambda s: s.id)
    def test_notation_is_unambiguous(self, scheme: ScoringScheme) -> None:
        """check_notation finds no problem in a built-in scheme."""
        assert check_notation(scheme) is None


class TestFormat:
    """A score prints in its scheme's order, separator, prefixes and value."""

    def test_number_letter(self) -> None:
        """Leicestershire prints likelihood then impact with no separator."""
        assert str(LEICESTERSHIRE.score("2", "B")) == "2B"

    def test_impact_first(self) -> None:
        """Leicester City prints impact first: impact 4, likelihood 5 is 4x5."""
        assert str(LEICESTER.score(likelihood=5, impact=4)) == "4x5"

    def test_likelihood_first(self) -> None:
        """Cambridgeshire prints likelihood first: likelihood 5, consequence 4 is 5x4."""
        assert str(CAMBRIDGESHIRE.score(likelihood=5, impact=4)) == "5x4"

    def test_prefixes_and_value(self) -> None:
        """A prefixed notation with a value prints I4 L5 = 20."""
        assert str(PREFIXED.score(likelihood=5, impact=4)) == "I4 L5 = 20"


class TestParseNamedCases:
    """The printed forms seen in real registers."""

    def test_leicestershire_2b(self) -> None:
        """2B is likelihood 'Quite likely' and impact 'Significant'."""
        score = LEICESTERSHIRE.parse("2B")
        assert (score.likelihood.label, score.impact.label) == ("Quite likely", "Significant")

    def test_space_inside(self) -> None:
        """'3 B' reads as 3B."""
        assert str(LEICESTERSHIRE.parse("3 B")) == "3B"

    def test_reversed_when_scales_share_no_code(self) -> None:
        """'B2' reads as 2B because numbers and letters cannot be confused."""
        assert str(LEICESTERSHIRE.parse("B2")) == "2B"

    def test_lower_case(self) -> None:
        """'1a' reads as 1A."""
        assert str(LEICESTERSHIRE.parse(" 1a ")) == "1A"

    def test_leicester_4x5(self) -> None:
        """'4x5' in leicester-city-5x5 is impact 4, likelihood 5, rating 20."""
        score = Score.parse("4x5", LEICESTER)
        assert (score.impact.code, score.likelihood.code, score.value) == ("4", "5", 20)

    @pytest.mark.parametrize("text", ["4 x 5", "4×5", "4*5", "4 X 5", "4/5", "4 - 5", "4,5"])
    def test_usual_separators(self, text: str) -> None:
        """Any usual separator reads as the declared one."""
        assert str(LEICESTER.parse(text)) == "4x5"

    def test_no_separator_when_codes_overlap(self) -> None:
        """'45' is not read as 4x5, since both scales print digits."""
        with pytest.raises(NotationError, match=r"expected impact 1/2/3/4/5 then likelihood"):
            LEICESTER.parse("45")

    def test_rating_alone_unique(self) -> None:
        """'25' reads as 5x5, the only cell rated 25."""
        assert _cell(LEICESTER.parse("25")) == ("5", "5")

    def test_rating_alone_ambiguous(self) -> None:
        """'20' is refused: it names both 4x5 and 5x4."""
        with pytest.raises(NotationError) as caught:
            LEICESTER.parse("20")
        assert str(caught.value) == (
            "cannot read '20' as a leicester-city-5x5 score: ambiguous: it could be 5x4 or 4x5")
        assert (caught.value.text, caught.value.scheme_id) == ("20", "leicester-city-5x5")

    def test_stated_value_agreeing(self) -> None:
        """'4x5 = 20' and '4x5 (20)' read as 4x5."""
        assert [str(LEICESTER.parse(t)) for t in ("4x5 = 20", "4x5 (20)")] == ["4x5", "4x5"]

    def test_stated_value_disagreeing(self) -> None:
        """'4x5 = 16' is refused: 4x5 rates 20."""
        with pytest.raises(NotationError) as caught:
            LEICESTER.parse("4x5 = 16")
        assert str(caught.value) == (
            "cannot read '4x5 = 16' as a leicester-city-5x5 score: it states 16 but 4x5 rates 20")

    def test_prefixed_any_order(self) -> None:
        """A prefixed score reads in either order, with or without its value."""
        texts = ["I4 L5 = 20", "L5 I4", "l5i4", "I4L5(20)"]
        assert {_cell(PREFIXED.parse(t)) for t in texts} == {("5", "4")}

    def test_prefixed_wrong_value(self) -> None:
        """'I4 L5 = 16' is refused, naming the printed form and its rating."""
        with pytest.raises(NotationError, match=r"it states 16 but I4 L5 rates 20$"):
            PREFIXED.parse("I4 L5 = 16")


class TestParseErrors:
    """Text that names no cell raises NotationError saying why."""

    def test_empty(self) -> None:
        """Blank text is refused as empty."""
        with pytest.raises(NotationError) as caught:
            LEICESTERSHIRE.parse("  ")
        assert str(caught.value) == (
            "cannot read '  ' as a leicestershire-4x4 score: the text is empty")

    def test_not_text(self) -> None:
        """A number is refused as not text."""
        with pytest.raises(NotationError) as caught:
            parse_score(20, LEICESTER)  # type: ignore[arg-type]
        assert str(caught.value) == "cannot read '20' as a leicester-city-5x5 score: expected text"

    def test_unknown_cell(self) -> None:
        """'5E' is refused with the codes of both scales and an example."""
        with pytest.raises(NotationError) as caught:
            LEICESTERSHIRE.parse("5E")
        assert str(caught.value) == (
            "cannot read '5E' as a leicestershire-4x4 score: expected likelihood 1/2/3/4 then "
            "impact A/B/C/D, written like '1A'")

    def test_notation_error_is_a_value_error(self) -> None:
        """NotationError is both a RiskModelError and a ValueError."""
        with pytest.raises(NotationError) as caught:
            LEICESTER.parse("?")
        assert isinstance(caught.value, RiskModelError)
        assert isinstance(caught.value, ValueError)


class TestFloatValues:
    """Schemes whose level values are not whole numbers."""

    @staticmethod
    def _scheme(likelihood: list[float], impact: list[float]) -> ScoringScheme:
        return ScoringScheme(
            "floats", "Floats",
            Scale("likelihood", [Level(str(i + 1), "", v) for i, v in enumerate(likelihood)]),
            Scale("impact", [Level("ABC"[i], "", v) for i, v in enumerate(impact)]),
            rating=RatingRule("product"), notation=Notation(show_value=True),
        )

    def test_halves_round_trip(self) -> None:
        """Values 1.5 and 2.25 print '2B = 3.375' and read back."""
        scheme = self._scheme([1, 1.5], [1, 2.25])
        cell = scheme.score("2", "B")
        assert (str(cell), scheme.parse(str(cell))) == ("2B = 3.375", cell)

    def test_probability_values_round_trip(self) -> None:
        """Values 0.1 and 0.2 print to ten digits and read back despite float error."""
        scheme = self._scheme([0.1, 0.2], [0.1, 0.7])
        printed = [str(cell) for cell in scheme.cells()]
        assert printed == ["1A = 0.01", "1B = 0.07", "2A = 0.02", "2B = 0.14"]
        assert [scheme.parse(text) for text in printed] == list(scheme.cells())

    def test_large_values_round_trip(self) -> None:
        """Values of 1000 print '1A = 1000000' (not 1e+06) and read back."""
        scheme = self._scheme([1000, 2000], [1000, 3000])
        cell = scheme.score("1", "A")
        assert (str(cell), scheme.parse(str(cell))) == ("1A = 1000000", cell)


class TestGeneratedNotation:
    """Every cell of every valid scheme reads back from what it prints."""

    @settings(max_examples=80)
    @given(schemes())
    def test_parse_format_every_cell(self, scheme: ScoringScheme) -> None:
        """parse(format(s)) == s for each cell."""
        for cell in scheme.cells():
            assert scheme.parse(format_score(cell)) == cell

    @settings(max_examples=60)
    @given(schemes(), st.data())
    def test_case_and_padding_do_not_matter(
        self, scheme: ScoringScheme, data: st.DataObject
    ) -> None:
        """The printed form in lower or upper case, padded with spaces, reads the same cell."""
        cell = data.draw(st.sampled_from(list(scheme.cells())))
        printed = format_score(cell)
        for variant in (printed.lower(), printed.upper(), f"  {printed}\t"):
            assert scheme.parse(variant) == cell
