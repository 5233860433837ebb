"""Cells: HTML is stripped and lists inside a cell are split into items."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel.readers import cells as cells_module
from riskmodel.readers import clean_cell, split_items, strip_html


class TestStripHtml:
    """HTML tags in a cell are taken out; the text between them is kept."""

    def test_paragraphs_become_lines(self) -> None:
        """Each paragraph becomes its own line."""
        assert strip_html("<p>First step</p><p>Second step</p>") == "First step\nSecond step"

    def test_breaks_become_lines(self) -> None:
        """A <br> starts a new line."""
        assert strip_html("Top line<br/>Next line") == "Top line\nNext line"

    def test_inline_tags_vanish(self) -> None:
        """Inline tags such as <i> leave their text in place."""
        assert strip_html("Costs <i>may</i> rise") == "Costs may rise"

    def test_entities_are_decoded(self) -> None:
        """HTML entities are decoded."""
        assert strip_html("Fees &amp; charges") == "Fees & charges"

    def test_attributes_are_dropped(self) -> None:
        """A list tag with a style attribute is removed with it."""
        assert strip_html('<ul style="list-style-type: none"><li>Only item</li></ul>') == (
            "Only item"
        )


class TestCleanCell:
    """A cell becomes one line of words one space apart."""

    def test_one_line(self) -> None:
        """A cell with several lines is read as one line of single spaces."""
        assert clean_cell("<p>Alpha</p>  <p>Beta   gamma</p>") == "Alpha Beta gamma"


class TestSplitItems:
    """A cell listing several controls or actions is split into its items."""

    @pytest.mark.parametrize(
        ("cell", "items"),
        [
            ("• Rota agreed • Cover arranged", ("Rota agreed", "Cover arranged")),
            ("■ Rota agreed ■ Cover arranged", ("Rota agreed", "Cover arranged")),
            ("~ Rota agreed ~ Cover arranged", ("Rota agreed", "Cover arranged")),
            ("- Rota agreed - Cover arranged", ("Rota agreed", "Cover arranged")),
            ("* Rota agreed * Cover arranged", ("Rota agreed", "Cover arranged")),
            ("1. Rota agreed 2. Cover arranged", ("Rota agreed", "Cover arranged")),
            ("1) Rota agreed 2) Cover arranged", ("Rota agreed", "Cover arranged")),
            ("<li>Rota agreed</li><li>Cover arranged</li>", ("Rota agreed", "Cover arranged")),
            ("<p>Rota agreed</p><p>Cover arranged</p>", ("Rota agreed", "Cover arranged")),
            ("Rota agreed<br>Cover arranged", ("Rota agreed", "Cover arranged")),
        ],
    )
    def test_each_notation(self, cell: str, items: tuple[str, ...]) -> None:
        """Every list notation seen in registers yields the same two items."""
        assert split_items(cell) == items

    def test_plain_text_is_one_item(self) -> None:
        """A cell with no list marker is a single item."""
        assert split_items("Budget monitored monthly.") == ("Budget monitored monthly.",)

    def test_lead_text_is_an_item(self) -> None:
        """Text before the first marker is kept as the first item."""
        assert split_items("Checks: • daily • weekly") == ("Checks:", "daily", "weekly")

    def test_hyphen_inside_a_word_is_kept(self) -> None:
        """A hyphen inside a word does not split the item."""
        assert split_items("Multi-agency panel meets") == ("Multi-agency panel meets",)

    def test_number_inside_text_is_kept(self) -> None:
        """A number with no full stop or bracket does not split the item."""
        assert split_items("Review every 3 years") == ("Review every 3 years",)

    def test_decimal_is_kept(self) -> None:
        """A decimal amount such as 2.5 does not open an item."""
        assert split_items("Saving of £2.5 million") == ("Saving of £2.5 million",)

    def test_empty_cell(self) -> None:
        """An empty cell has no items."""
        assert split_items("  ") == ()


class TestSplitItemsStructure:
    """Paragraphs, bullets and continuation lines decide where an item ends."""

    def test_lower_case_paragraph_continues(self) -> None:
        """A paragraph starting in lower case joins the item before it."""
        cell = "<p>1. Staff rota agreed</p> <p>with the unions.</p> <p>2. Cover found</p>"
        assert split_items(cell) == ("Staff rota agreed with the unions.", "Cover found")

    def test_heading_prefixes_its_list(self) -> None:
        """A paragraph heading a numbered list becomes a prefix of each item."""
        cell = "<p>Libraries:</p> <ol> 1. Fewer visits 2. Late returns <p>Museums</p> <ol> 1. Loans"
        assert split_items(cell) == (
            "Libraries: Fewer visits", "Libraries: Late returns", "Museums: Loans",
        )

    def test_paragraph_after_bullets_is_an_item(self) -> None:
        """A capitalised paragraph after a bulleted list is an item of its own."""
        assert split_items("<ul> ■ Audit ■ Review <p>Train staff</p>") == (
            "Audit", "Review", "Train staff",
        )


class TestSplitItemsNumbers:
    """Numbers inside an item's text are not read as item markers."""

    def test_number_without_space(self) -> None:
        """An item number followed directly by a word still opens an item."""
        assert split_items("1.Fewer visits 2.Late returns") == ("Fewer visits", "Late returns")

    def test_date_is_not_a_number(self) -> None:
        """A date such as 30.06.2011 is text, not an item number."""
        assert split_items("Due 30.06.2011") == ("Due 30.06.2011",)

    def test_other_style_is_text(self) -> None:
        """A "5)" inside a list numbered "1." is text."""
        assert split_items("1. Grades (levels 2 - 5) 2. Pay") == ("Grades (levels 2 - 5)", "Pay")

    def test_numbers_count_up(self) -> None:
        """A number lower than the last item's is text, unless it restarts at 1."""
        assert split_items("1. Two sites 2. Costs rise 1 in 3 years") == (
            "Two sites", "Costs rise 1 in 3 years",
        )

    @pytest.mark.parametrize("cell", ["none", "None.", "N/A", "nil"])
    def test_nothing(self, cell: str) -> None:
        """A cell saying there is nothing holds no items."""
        assert split_items(cell) == ()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"•■*~- 1234.)\nabcAB:\t<>&", "None", "n/a", "1. ", "• ",
                                 "\n• ", "- ", "Budget", "review"]), max_size=25).map("".join))
def test_common_cells_split_as_the_general_rules_split_them(text: str) -> None:
    """The shortcut for one-line and bulleted cells gives the items the general rules give."""
    general = cells_module._simple_items
    try:
        cells_module._simple_items = lambda blocks: None  # type: ignore[assignment]
        expected = split_items(text)
    finally:
        cells_module._simple_items = general
    assert split_items(text) == expected


class TestLaterMarkers:
    """A bulleted block is searched for a later item's marker only where one could be."""

    @pytest.mark.parametrize(("block", "expected"), [
        ("• Weekly budget review 12", False),
        ("• Weekly budget review.", False),
        ("• Level 2-3 funding", False),
        ("•• Staff trained", False),
        ("• Staff trained ■ Audit", True),
        ("• Staff trained - Audit", True),
        ("• Plan agreed 2. Board informed", True),
        ("• Plan agreed 2) Board informed", True),
        ("• 1) Plan agreed", True),
    ])
    def test_known_blocks(self, block: str, expected: bool) -> None:
        """A block opens a later item at a bullet, a spaced dash or a numbered marker."""
        assert cells_module._opens_later(block) is expected

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from([*"•■▪●◦~*-.)19٣a \n\t", "1.", "2)", "- ", "x-y", "• "]),
                    max_size=12).map("".join))
    def test_quick_test_agrees_with_the_pattern(self, block: str) -> None:
        """The character pre-check never changes what the full pattern finds."""
        expected = cells_module._LATER.search(block, 2) is not None
        assert cells_module._opens_later(block) is expected


class TestUnicodeFacts:
    """The facts about Unicode that the quick paths of clean_cell and split_items rest on,
    checked for every code point of this Python's Unicode database."""

    def test_every_whitespace_but_the_space_is_unprintable(self) -> None:
        """A printable text holds no whitespace other than the space."""
        found = [code for code in range(sys.maxunicode + 1)
                 if chr(code).isspace() and code != 0x20 and chr(code).isprintable()]
        assert found == []

    def test_casefolding_never_shortens_nor_makes_a_space_or_a_stop(self) -> None:
        """Each character casefolds to one or more characters, a space or a full stop
        only from itself."""
        found = [code for code in range(sys.maxunicode + 1)
                 if len(folded := chr(code).casefold()) < 1
                 or (chr(code) not in " ." and (" " in folded or "." in folded))]
        assert found == []


class TestQuickPaths:
    """The quick tests that let a clean cell, or a cell that lists nothing, skip the
    general rules."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("Budget watch", True),
        ("", True),
        ("Budget  watch", False),
        (" Budget", False),
        ("Budget ", False),
        ("Budget\nwatch", False),
        ("Budget\u00a0watch", False),
        ("Budget\u2028watch", False),
    ])
    def test_spaced_once(self, text: str, expected: bool) -> None:
        """Only a line of words one space apart is taken as clean already."""
        assert cells_module._spaced_once(text) is expected

    @pytest.mark.parametrize(("text", "expected"), [
        ("None", True),
        (" n/a. ", True),
        ("No further actions.", True),
        ("NONE IDENTIFIED", True),
        ("None yet", False),
        ("Nothing further is planned this year", False),
    ])
    def test_says_nothing(self, text: str, expected: bool) -> None:
        """A cell saying there is nothing to list is found with or without stops and
        spaces around it, in any case."""
        assert cells_module._says_nothing(text) is expected

    @pytest.mark.parametrize(("text", "expected"), [
        ("• Budget watch\n• Audit", "• Budget watch • Audit"),
        ("Budget\n\nwatch", "Budget watch"),
        ("Budget \nwatch\n", "Budget watch"),
    ])
    def test_lines_become_one(self, text: str, expected: str) -> None:
        """The lines of a cell are joined by one space, however they were spaced."""
        assert clean_cell(text) == expected

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from([*"ab \t\n\r\u00a0\u2003\u3000\x1c\x85.", "Budget",
                                     " ", "  "]), max_size=12).map("".join))
    def test_clean_text_is_what_splitting_gives(self, text: str) -> None:
        """A text taken as clean already is what splitting and joining its words gives."""
        assert clean_cell(text) == " ".join(text.split())
        if cells_module._spaced_once(text):
            assert " ".join(text.split()) == text

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(["None", "NONE", "nil", "n/a", "N/A", "none identified",
                                     "no further actions", " ", ".", "ß", "İ", "ﬁ", "x",
                                     "\u00a0"]), max_size=8).map("".join))
    def test_says_nothing_as_casefolding_the_whole_text_does(self, text: str) -> None:
        """The quick test agrees with casefolding and stripping the whole text."""
        expected = text.casefold().strip(" .") in cells_module._NOTHING
        assert cells_module._says_nothing(text) is expected

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(["None", "n/a", "nil", " ", ".", "\n", "<br>", "<p>",
                                     "&nbsp;", "&#10;", "x", "\t"]), max_size=8).map("".join))
    def test_nothing_is_looked_for_in_a_text_of_one_line(self, text: str) -> None:
        """Only a cell of one line can say there is nothing: the check of each line agrees
        with the check of the whole stripped text."""
        lines = cells_module._lines(text)
        expected = cells_module._says_nothing(strip_html(text))
        assert (len(lines) == 1 and cells_module._says_nothing(lines[0])) is expected
        assert split_items(text) == () or not expected


class TestBulletedLines:
    """Lines that each hold one bulleted item are read without the general rules; what
    they give is what the general rules give."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("• Weekly review\n• Audit twice a year", ("Weekly review", "Audit twice a year")),
        ("• Weekly review.\n• Audit", ("Weekly review.", "Audit")),
        ("•Weekly\n•Audit", ("Weekly", "Audit")),
        ("• Level 2-3 funding\n• Audit", ("Level 2-3 funding", "Audit")),
        ("• Plan agreed 2. Board told\n• Audit", ("Plan agreed", "Board told", "Audit")),
        ("•\u2003Weekly review\n• Audit", ("Weekly review", "Audit")),
        ("• Weekly review\n\n  • Audit  \n", ("Weekly review", "Audit")),
        ("• Weekly\n■ Audit\n* Staff", ("Weekly", "Audit", "Staff")),
        ("• Weekly review\nand monthly\n• Audit", ("Weekly review and monthly", "Audit")),
        ("• a ~ b\n• c", ("a", "b", "c")),
    ])
    def test_known_cells(self, text: str, expected: tuple[str, ...]) -> None:
        """Each line's item, with a later marker or an unspaced bullet read by the rules."""
        assert split_items(text) == expected

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from([*"•■~*-.)1a \u2003\u00a0\t", "• ", "x"]), max_size=10)
           .map("".join))
    def test_one_pattern_only_where_the_rules_agree(self, block: str) -> None:
        """A line the one pattern takes is a bullet, a space and no later marker."""
        if cells_module._ONE_BULLETED.fullmatch(block) is not None:
            assert block[:1] in cells_module._BULLETS
            assert block[1:2].isspace()
            assert not cells_module._opens_later(block)

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from([*"•a \n\t\u00a0\u2003\r.", "• ", "  "]), max_size=12)
           .map("".join))
    def test_plain_lines_are_squeezed_lines(self, text: str) -> None:
        """The lines of a plain text are its stripped, squeezed, non-empty lines."""
        squeezed = (cells_module._squeeze(line) for line in text.split("\n"))
        assert cells_module._lines(text) == [line for line in squeezed if line]

    @pytest.mark.parametrize(("text", "expected"), [
        ("Budget  watch", "Budget watch"),
        (" Budget", "Budget"),
        ("Budget watch ", "Budget watch"),
        ("Budget\u2003watch", "Budget watch"),
        ("Budget watch", "Budget watch"),
        ("", ""),
    ])
    def test_one_line_cells(self, text: str, expected: str) -> None:
        """A printable cell of one line is given back as it is only when spaced once."""
        assert clean_cell(text) == expected
