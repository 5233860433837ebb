"""Reading costs time in proportion to the input: no regex backtracks, no row rescans the others.

None of these tests measures time. Each either counts the work done (rows visited, text
handed to a layout's patterns), or reads an input that took the reader minutes or hours
before the fix (the docstring says how long) and now reads it whole, asserting the exact
result. A regression shows as a count over its bound, or as a test that does not finish.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
import pytest

from riskmodel import Cost, DateText
from riskmodel.readers import (
    assembly,
    builtin_layouts,
    layout_from_toml,
    read_text,
    split_items,
    strip_html,
    textreader,
)
from riskmodel.readers.patterns import PATTERN_TEXT_LIMIT, LayoutPattern

HEADER = ("| What could go wrong | Consequence | Existing controls | Score with existing measures "
          "| | | Further action | Target score | | | Cost | Risk Owner | Target date |\n")


def _row(ref: str = "", description: str = "Grants cut", controls: str = "Checks") -> str:
    return (f"| {ref}{description} | Less money | {controls} | 4 | 3 | 12 | Bid | 3 | 3 | 9 "
            f"| £1m | FD | 31/03/2027 |\n")


class TestCellText:
    """Tags, list markers and costs are read in one pass over the cell."""

    @pytest.mark.parametrize("unit", ["<", "<br", "<p ", "<li class=x", "< br", "a<"])
    def test_unclosed_tags(self, unit: str) -> None:
        """600 KB of unclosed tags strips to the text (a quadratic scan took hours here)."""
        text = unit * (600_000 // len(unit))
        plain = strip_html(text)
        assert plain == " ".join(text.split()).strip()

    def test_unclosed_break_tags_in_a_list_cell(self) -> None:
        """200,000 '<br' are one item: no tag closes, so nothing is removed."""
        assert split_items("<br" * 200_000) == ("<br" * 200_000,)

    def test_many_continued_paragraphs(self) -> None:
        """100,000 lower-case paragraphs join onto one item, each copied once."""
        items = split_items("Heading<br>" + "<br>".join(["and more"] * 100_000))
        assert (len(items), len(items[0])) == (1, len("Heading") + 9 * 100_000)

    def test_issue_table_with_many_tags(self) -> None:
        """A 200 KB table cell of '<br' imports (it ran for minutes before)."""
        result = read_text(HEADER + _row("a) ", controls="<br" * 66_000),
                           layout="leicester-city-divisional")
        (risk,) = result.registers[0].risks
        assert (risk.id, len(risk.controls), len(risk.controls[0].text)) == ("a", 1, 198_000)

    @pytest.mark.parametrize(
        ("text", "amount"),
        [("1" * 300_000 + ",1", None), (" " * 300_000 + "£5", Decimal(5)),
         ("1,111" * 60_000 + ",1", None), ("£ " * 150_000, None),
         ("£" + "9" * 300_000, None), ("1.1" * 100_000 + "k", None)],
    )
    def test_cost_cells(self, text: str, amount: Decimal | None) -> None:
        """300 KB cost cells parse in one pass (digit runs rescanned took an hour here)."""
        assert Cost.parse(text).amount == amount

    def test_long_date_cell(self) -> None:
        """A 300 KB date cell keeps its text: the date pattern is anchored at the start."""
        assert DateText.parse("1 " * 150_000).date is None


class _Counting(list[Any]):
    """A list that counts the items it hands out, however it is walked."""

    visited = 0

    def __iter__(self) -> Any:
        for item in super().__iter__():
            type(self).visited += 1
            yield item

    def __getitem__(self, index: Any) -> Any:
        found = super().__getitem__(index)
        type(self).visited += len(found) if isinstance(index, slice) else 1
        return found

    def index(self, *args: Any) -> int:
        found = super().index(*args)
        type(self).visited += found + 1
        return found


@attrs.define
class _CountingPart(assembly.Part):
    drafts: list[Any] = attrs.Factory(_Counting)
    sections: list[Any] = attrs.Factory(_Counting)


class TestRowsVisited:
    """A new risk's id, and the risk a continuation belongs to, are found without a scan."""

    @pytest.fixture(autouse=True)
    def _count(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(textreader, "Part", _CountingPart)
        _Counting.visited = 0

    @pytest.mark.parametrize("ref", ["", "a) "])
    def test_linear_in_rows(self, ref: str) -> None:
        """2,000 risks (distinct, or all with ref a) visit each earlier risk a bounded number
        of times: under 5 per row, where each row scanned every earlier one before."""
        text = HEADER + "".join(_row(ref, f"Risk {n}") for n in range(2000))
        result = read_text(text, layout="leicester-city-divisional")
        ids = [risk.id for risk in result.registers[0].risks]
        assert ids[-1] == ("a-2000" if ref else "row2001")
        assert _Counting.visited < 5 * 2000

    def test_grouped_rows(self) -> None:
        """Unnumbered rows grouped under a numbered risk are counted, not rescanned."""
        layout = builtin_layouts()["leicester-city-operational"]
        header = ("| Risk What could go wrong | Consequence | Existing controls | Score with "
                  "existing measures | | | Further action | Target score | | | Cost | Risk Owner "
                  "| Review date |\n")
        text = header + _row("7. ", "Numbered") + "".join(
            _row("", f"Further {n}") for n in range(1000))
        result = read_text(text, layout=layout)
        ids = [risk.id for risk in result.registers[0].risks]
        assert (ids[1], ids[-1], len(ids)) == ("7.1", "7.1000", 1001)
        assert _Counting.visited < 5 * 1001

    def test_sections(self) -> None:
        """99 sections of 10 risks each name their risks by counts, not by scans."""
        text = HEADER + "".join(
            f"| {n}. Area {n} | | | | | | | | | | | | |\n"
            + "".join(_row("", f"Risk {k}") for k in range(10)) for n in range(1, 100))
        result = read_text(text, layout="leicester-city-divisional")
        register = result.registers[0]
        assert (len(register.sections), register.risks[-1].id) == (99, "99j")
        assert _Counting.visited < 5 * 1089

    def test_many_risks_in_a_section(self) -> None:
        """Unlettered risks of a section are named a … z, then aa, ab …, never by symbols
        (the 37th was once named by a control character, which stripping made a repeat)."""
        text = HEADER + "| 1. Area | | | | | | | | | | | | |\n" + "".join(
            _row("", f"Risk {k}") for k in range(800))
        ids = [r.id for r in read_text(text, layout="leicester-city-divisional").registers[0]]
        assert (ids[:2], ids[25:28], ids[-1], len(set(ids))) == (
            ["1a", "1b"], ["1z", "1aa", "1ab"], "1adt", 800)


class TestWideRows:
    """A row as wide as a worksheet (16,384 cells) is read in one pass."""

    def test_header_with_a_wide_stage(self) -> None:
        """A stage header followed by 16,382 empty cells maps them all to that stage in one
        pass (each cell rebuilt the set of fields taken before: 134 million steps)."""
        layout = builtin_layouts()["leicester-city-divisional"]
        cells = ["What could go wrong", "Score with existing measures", *[""] * 16_382,
                 "Risk owner"]
        mapping = layout.header_map(cells)
        assert mapping is not None
        assert (len(mapping), mapping[16_383], mapping[16_384]) == (
            16_385, "current", "risk_owner")


class _Recording:
    """Stands in for a compiled pattern and records the length of each text it is given."""

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern, re.IGNORECASE)
        self.seen: list[int] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.regex, name)

        def call(text: str, *args: Any) -> Any:
            self.seen.append(len(text))
            return method(text, *args)

        return call if callable(method) else method


class TestLayoutPatterns:
    """A layout's patterns run on at most 300 characters, however long the cells are."""

    def test_every_pattern_call_is_bounded(self) -> None:
        """Reading a table with 100 KB cells hands no layout pattern more than 300 characters."""
        base = builtin_layouts()["leicester-city-divisional"]
        recorders = {name: _Recording(getattr(base, name).pattern)
                     for name in ("section", "ref_in_text")}
        meta = {key: _Recording(pattern.pattern) for key, pattern in base.meta.items()}
        headings = [_Recording(pattern.pattern) for pattern in base.page_heading]
        layout = attrs.evolve(
            base,
            section=LayoutPattern(recorders["section"]),  # type: ignore[arg-type]
            ref_in_text=LayoutPattern(recorders["ref_in_text"]),  # type: ignore[arg-type]
            meta={key: LayoutPattern(r) for key, r in meta.items()},  # type: ignore[arg-type]
            page_heading=[LayoutPattern(r) for r in headings],  # type: ignore[arg-type]
        )
        long = "Completed by " + "x " * 50_000
        text = (f"{long}\n\n" + HEADER + f"| {long} | | | | | | | | | | | | |\n"
                + _row("a) ", long) + f"| completed: {long} | v2 | | | | | | | | | | | |\n")
        result = read_text(text, layout=layout)
        seen = [n for r in [*recorders.values(), *meta.values(), *headings] for n in r.seen]
        assert (len(seen) > 10, max(seen)) == (True, PATTERN_TEXT_LIMIT)
        assert [r.id for r in result.registers[0].risks] == ["row4", "a"]

    def test_catastrophic_pattern_on_a_long_cell(self) -> None:
        """A cubic section pattern on a 100 KB cell finishes: the cell is over the limit,
        so the pattern never sees it (unbounded, it would take about 10^14 steps)."""
        layout = layout_from_toml(
            'name = "slow"\nscheme = "generic-5x5"\nsection = \'^(?P<title>.*.*.*)=$\'\n'
            'min_header_hits = 2\n'
            '[[columns]]\nfield = "description"\nmatch = ["what could go wrong"]\n'
            '[[columns]]\nfield = "current"\nmatch = ["score with existing"]\n'
            '[[columns]]\nfield = "risk_owner"\nmatch = ["risk owner"]\n'
        )
        text = ("| What could go wrong | Score with existing measures | | | Risk owner |\n"
                f"| {'x' * 100_000} | | | | |\n"
                f"| {'y' * (PATTERN_TEXT_LIMIT - 1)}= | | | | |\n"
                "| Leaks | 4 | 3 | 12 | FD |\n")
        result = read_text(text, layout=layout)
        register = result.registers[0]
        assert [s.title for s in register.sections] == ["y" * (PATTERN_TEXT_LIMIT - 1)]
        assert [(r.description[:5], r.current and str(r.current)) for r in register.risks] == [
            ("xxxxx", None), ("Leaks", "3x4")]

    def test_ref_in_text_reads_the_start(self) -> None:
        """ref_in_text sees the first 300 characters of a 200 KB description."""
        result = read_text(HEADER + _row("b) ", "z" * 200_000), layout="leicester-city-divisional")
        (risk,) = result.registers[0].risks
        assert (risk.id, len(risk.description)) == ("b", 200_000)
