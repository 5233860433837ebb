"""Direction of travel: printed forms read as data, the printed text kept, trends worked out."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

import riskmodel as rm
from riskmodel.direction import Direction, Trend, direction_forms, trend_of
from strategies import directions


def shipped() -> dict[str, object]:
    text = (resources.files("riskmodel") / "data" / "directions.toml").read_text("utf-8")
    return tomllib.loads(text)


class TestParse:
    @pytest.mark.parametrize(("printed", "trend"), [
        ("↑", Trend.UP), ("▲", Trend.UP), ("Increasing", Trend.UP), ("worsening", Trend.UP),
        ("↓", Trend.DOWN), ("▼", Trend.DOWN), ("Decreasing", Trend.DOWN),
        ("→", Trend.SAME), ("Stable", Trend.SAME), ("No change", Trend.SAME),
        ("no  change.", Trend.SAME), ("Constant", Trend.SAME), ("◄►", Trend.SAME),
        ("New", Trend.NEW), ("NEW RISK", Trend.NEW),
    ])
    def test_known_forms(self, printed: str, trend: Trend) -> None:
        """Arrows, triangles and words read as their trend, whatever their case and spacing."""
        assert Direction.parse(printed) == Direction(printed, trend)

    def test_an_arrow_followed_by_words(self) -> None:
        """A cell that starts with a known symbol reads as that symbol's trend."""
        assert Direction.parse("↑ (was 12)").trend is Trend.UP

    def test_unknown_text_is_kept_without_a_trend(self) -> None:
        """Words riskmodel does not know keep their text and have no trend."""
        assert Direction.parse("see covering report") == Direction("see covering report", None)

    def test_a_word_is_not_read_from_its_first_letter(self) -> None:
        """Only a symbol at the start counts: 'upgrade' is not 'up'."""
        assert Direction.parse("upgrade planned").trend is None

    def test_text_is_stripped_and_trend_converted(self) -> None:
        """The value normalises its text and reads its trend from a word."""
        assert Direction("  ↓ ", "down") == Direction("↓", Trend.DOWN)

    def test_unknown_trend_word_is_refused(self) -> None:
        """A trend must be one of up, down, same and new."""
        with pytest.raises(rm.ValidationError, match="up, down, same, new"):
            Direction("↑", "sideways")

    def test_str_is_the_printed_text(self) -> None:
        """A direction prints as it was printed."""
        assert str(Direction.parse("No change")) == "No change"


class TestWordList:
    def test_the_forms_are_data(self) -> None:
        """Every form in the shipped TOML file is read as its table's trend, and only those."""
        data = shipped()
        expected = {
            " ".join(str(form).casefold().split()).removesuffix("."): Trend(name)
            for name, table in data.items() for form in table["forms"]  # type: ignore[attr-defined]
        }
        assert dict(direction_forms()) == expected

    def test_symbols(self) -> None:
        """Reports print each trend by the symbol the data file gives it."""
        assert [t.symbol for t in Trend] == ["↑", "↓", "→", "new"]

    def test_no_form_belongs_to_two_trends(self) -> None:
        """Each printed form means one trend."""
        data = shipped()
        forms = [" ".join(str(f).casefold().split()) for t in data.values()
                 for f in t["forms"]]  # type: ignore[attr-defined]
        assert len(forms) == len(set(forms))


class TestTrendOf:
    @pytest.mark.parametrize(("before", "after", "trend"), [
        (12, 16, Trend.UP), (16, 12, Trend.DOWN), (9, 9, Trend.SAME), (9.5, 9.5, Trend.SAME),
        (None, 9, None), (9, None, None), (None, None, None),
    ])
    def test_cases(self, before: float | None, after: float | None, trend: Trend | None) -> None:
        """The trend follows the rating; an unknown rating gives no trend."""
        assert trend_of(before, after) is trend

    @given(st.integers(0, 30), st.integers(0, 30))
    def test_reversal(self, a: int, b: int) -> None:
        """Swapping the ratings swaps up and down and keeps same."""
        swap = {Trend.UP: Trend.DOWN, Trend.DOWN: Trend.UP, Trend.SAME: Trend.SAME}
        assert trend_of(b, a) is swap[trend_of(a, b)]  # type: ignore[index]


class TestOnARisk:
    @given(directions())
    def test_round_trip(self, direction: Direction) -> None:
        """A risk's direction survives the JSON document."""
        scheme = rm.builtin_schemes().get("generic-5x5")
        register = rm.Register(scheme=scheme, risks=[rm.Risk(id="R1", direction=direction)])
        assert rm.loads(rm.dumps(register)) == register

    def test_written_as_text_and_trend(self) -> None:
        """The document writes the printed text and the trend word."""
        scheme = rm.builtin_schemes().get("generic-5x5")
        register = rm.Register(scheme=scheme, risks=[
            rm.Risk(id="R1", direction=Direction.parse("▲"))])
        assert '"direction": {\n        "text": "▲",\n        "trend": "up"\n      }' in rm.dumps(
            register)
