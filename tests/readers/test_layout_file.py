"""Layout files as documents: what is accepted, what is refused and where, and patterns bounded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import LayoutError, ValidationError
from riskmodel.errors import ValueTypeError
from riskmodel.readers import ColumnRule, builtin_layouts, layout_from_toml, read_text
from riskmodel.readers.layout import LayoutDocument, layout_from_dict
from riskmodel.readers.patterns import (
    MAX_PATTERN_LENGTH,
    PATTERN_TEXT_LIMIT,
    LayoutPattern,
    nested_repeat,
)

TOP = 'name = "mine"\nscheme = "generic-5x5"\n'
COLUMN = '[[columns]]\nfield = "description"\nmatch = ["risk"]\n'


class TestBuiltins:
    """The built-in layouts load through the same document class and know their files."""

    def test_sources(self) -> None:
        """Each built-in layout names the file it came from."""
        assert {name: layout.where for name, layout in builtin_layouts().items()} == {
            "cambridgeshire": "cambridgeshire.toml",
            "generic": "generic.toml",
            "leicester-city-divisional": "leicester-city-divisional.toml",
            "leicester-city-operational": "leicester-city-operational.toml",
            "leicestershire": "leicestershire.toml",
            "riskmodel-export": "riskmodel-export.toml",
        }

    def test_source_is_not_part_of_equality(self) -> None:
        """The same layout read from two files is equal."""
        one = layout_from_toml(TOP + COLUMN, source="a.toml")
        assert (one == layout_from_toml(TOP + COLUMN, source="b.toml"), one.where) == (
            True, "a.toml")


class TestMatchWords:
    """Header words are plain words, always written as a list."""

    def test_text_is_refused(self) -> None:
        """match = "owner" is refused with the list to write instead, not split into letters."""
        with pytest.raises(LayoutError) as caught:
            layout_from_toml(TOP + '[[columns]]\nfield = "risk_owner"\nmatch = "owner"\n',
                             source="mine.toml")
        assert (caught.value.key, caught.value.problem) == (
            "$.columns[0].match", "expected a list such as [\"owner\"], not the text 'owner'")

    def test_rule_refuses_text(self) -> None:
        """A ColumnRule built in code refuses a bare text too."""
        with pytest.raises(ValueTypeError, match="expected a sequence"):
            ColumnRule("risk_owner", "owner")  # type: ignore[arg-type]

    def test_words_are_not_patterns(self) -> None:
        """A word holding regex characters matches itself, literally."""
        rule = ColumnRule("cost", ["cost (£)", "=a.b"])
        assert (rule.matches("Cost (£) per year"), rule.matches("a.b"), rule.matches("axb")) == (
            True, True, False)


class TestRuleOf:
    """A header cell is named by the first rule whose words it holds."""

    @pytest.mark.parametrize(("header", "field"), [
        ("Risk", "ref"),
        ("Risk description", "description"),
        ("  RISK   Description ", "description"),
        ("Direction of travel", None),
        ("", None),
    ])
    def test_cambridgeshire(self, header: str, field: str | None) -> None:
        """A whole-cell word, a held word, spacing and case, and a cell of no rule."""
        assert builtin_layouts()["cambridgeshire"].field_of(header) == field

    @settings(max_examples=300, deadline=None)
    @given(st.sampled_from(sorted(builtin_layouts())),
           st.lists(st.sampled_from(["risk", "ref", "owner", "action", "description", "cost",
                                     "=", " ", "  ", "\n", "Risk", "no", "further", "x",
                                     "likelihood /impact", "controls in place", "title"]),
                    max_size=6).map("".join),
           st.frozensets(st.sampled_from(["ref", "description", "risk_owner", "actions"])))
    def test_as_each_rule_in_turn(self, name: str, header: str, taken: frozenset[str]) -> None:
        """The rule found is the one trying each rule in turn finds: the check of all the
        words at once only spares the trying."""
        layout = builtin_layouts()[name]
        expected = next((rule for rule in layout.columns
                         if rule.field not in taken and rule.matches(header)), None)
        assert layout.rule_of(header, taken) == expected


class TestStructure:
    """The document is structured strictly: types, unknown keys and headings are named."""

    def test_document(self) -> None:
        """A layout's TOML becomes a LayoutDocument, then a Layout."""
        layout = layout_from_dict({"name": "mine", "scheme": "generic-5x5", "columns": [
            {"field": "description", "match": ["risk"]}], "min_header_hits": 1})
        assert (layout.name, layout.columns[0].match, layout.min_header_hits) == (
            "mine", ("risk",), 1)

    def test_not_a_table(self) -> None:
        """Data that is not a table at all is refused at $."""
        with pytest.raises(LayoutError, match=r"^x\.toml: \$: expected a table, not a list$"):
            layout_from_dict([], source="x.toml")  # type: ignore[arg-type]

    def test_meta_keys(self) -> None:
        """Only the headings a reader uses may be given under [meta]."""
        with pytest.raises(LayoutError) as caught:
            layout_from_toml(TOP + "[meta]\nauthor = '^(?P<value>.*)$'\n" + COLUMN)
        assert (caught.value.key, caught.value.problem.split(";")[0]) == (
            "$.meta", "unknown keys: author")

    def test_every_key_documented(self) -> None:
        """Every key of a layout file appears in the how-to."""
        from pathlib import Path

        import attrs

        howto = (Path(__file__).parents[2] / "docs" / "howto-import-spreadsheet.md").read_text(
            "utf-8")
        missing = [a.name for a in attrs.fields(LayoutDocument) if f"`{a.name}`" not in howto]
        assert missing == []


class TestPatterns:
    """Layout patterns are checked when loaded and see at most 300 characters."""

    @pytest.mark.parametrize(
        ("pattern", "nested"),
        [(r"(a+)+", True), (r"(a*)*b", True), (r"(?:\w+\s?)*:", True), (r"(a{1,9})*", True),
         (r"(a+){5}", True), (r"(?=(a+)+)", True), (r"(a|b(c+)+)", True),
         (r"(a+){3}", False), (r"(?:\d+\.){0,4}", False), (r"^\d{1,2}\.\s+(?P<t>\S.*)$", False),
         (r"[;,\s]+", False), (r"(a{2}){3}", False), (r"(ab)?c+", False)],
    )
    def test_nested_repeat(self, pattern: str, nested: bool) -> None:
        """A repeat under an unbounded repeat, or an unbounded one repeated 5 times, is nested."""
        assert nested_repeat(pattern) is nested

    def test_bounded_calls(self) -> None:
        """match, search and split skip text over the limit; match_start reads its start."""
        pattern = LayoutPattern.compile(r"^(?P<ref>\d+)\)")
        long = "12) " + "x" * PATTERN_TEXT_LIMIT
        assert (pattern.match(long), pattern.search(long), pattern.split(long)) == (
            None, None, None)
        match = pattern.match_start(long)
        assert match is not None
        assert match["ref"] == "12"

    def test_case_insensitive(self) -> None:
        """Patterns ignore case, as the built-in layouts expect."""
        assert LayoutPattern.compile("^amendments$").match("AMENDMENTS") is not None

    def test_too_long(self) -> None:
        """A pattern longer than 1,000 characters is refused."""
        with pytest.raises(ValidationError, match=f"at most {MAX_PATTERN_LENGTH} are allowed"):
            LayoutPattern.compile("a" * (MAX_PATTERN_LENGTH + 1))

    def test_groups(self) -> None:
        """A pattern must name the groups its reader takes."""
        with pytest.raises(ValidationError, match=r"name the part it reads with \(\?P<value>"):
            LayoutPattern.compile("^x$", groups=("value",))

    def test_long_heading_is_not_a_section(self) -> None:
        """A section pattern never sees a cell over the limit, which is then read as a risk."""
        layout = layout_from_toml(
            TOP + "section = '^(?P<title>area.*)$'\nmin_header_hits = 1\n" + COLUMN)
        text = ("| Risk |\n| Area one |\n"
                f"| Area {'x' * PATTERN_TEXT_LIMIT} |\n")
        register = read_text(text, layout=layout).registers[0]
        assert ([s.title for s in register.sections], [r.id for r in register.risks]) == (
            ["Area one"], ["row3"])


class TestNewKeys:
    """The keys for other councils' quirks are checked where they are written."""

    def test_rating_code_is_text(self) -> None:
        """A word map's code is text, as printed; a number is refused at its key."""
        with pytest.raises(LayoutError) as caught:
            layout_from_toml(TOP + "[ratings.likelihood]\nH = 3\n" + COLUMN, source="m.toml")
        assert (caught.value.key, caught.value.problem) == (
            "$.ratings.likelihood.H", 'expected text such as "3", not the number 3')

    def test_rating_code_on_the_scheme(self) -> None:
        """A word mapped to a level the scheme lacks is refused when the table is read."""
        layout = layout_from_toml(TOP + '[ratings.impact]\nH = "High"\n' + COLUMN,
                                  source="m.toml")
        with pytest.raises(LayoutError) as caught:
            read_text("Risk\tImpact\nFlood\tH\n", layout=layout)
        assert (caught.value.key, caught.value.problem) == (
            "$.ratings.impact.h", "'High' is not a impact level of generic-5x5 (1, 2, 3, 4, 5)")

    def test_unknown_rating_map(self) -> None:
        """[ratings] holds likelihood, impact and band maps only."""
        with pytest.raises(LayoutError) as caught:
            layout_from_toml(TOP + '[ratings.colour]\nG = "green"\n' + COLUMN, source="m.toml")
        assert caught.value.key == "$.ratings"

    def test_part_of_a_stage_only(self) -> None:
        """Only a stage column says which part of a score it holds."""
        with pytest.raises(LayoutError) as caught:
            layout_from_toml(TOP + '[[columns]]\nfield = "risk_owner"\nmatch = ["owner"]\n'
                             'part = "likelihood"\n', source="m.toml")
        assert (caught.value.key, caught.value.problem) == (
            "$.columns[0]", "only a stage column has a part, not risk_owner")

    def test_ref_pattern_needs_its_group(self) -> None:
        """A column's ref pattern must hold (?P<ref>...)."""
        with pytest.raises(LayoutError) as caught:
            layout_from_toml(TOP + '[[columns]]\nfield = "category"\nmatch = ["topic"]\n'
                             "ref = '^\\d+\\.'\n", source="m.toml")
        assert caught.value.key == "$.columns[0].ref"

    def test_vocabulary_layout_needs_no_columns(self) -> None:
        """A layout that maps columns by the vocabulary may have no [[columns]]."""
        layout = layout_from_toml('name = "mine"\nuse_vocabulary = true\nstage = "target"\n')
        assert (layout.columns, layout.scheme, layout.stage) == ((), "", "target")

    def test_carry_and_ref(self) -> None:
        """A column can carry its cell down and read a ref at its start."""
        layout = layout_from_toml(
            TOP + "min_header_hits = 2\n"
            '[[columns]]\nfield = "category"\nmatch = ["=topic"]\ncarry = true\n'
            "ref = '^(?P<ref>\\d+)\\.\\s+'\n" + COLUMN.replace("risk", "=risk"))
        text = "Topic\tRisk\n1. Money\tInvoice paid twice\n\tCheque lost\n"
        risks = read_text(text, layout=layout).registers[0].risks
        assert [(r.ref, r.category, r.description) for r in risks] == [
            ("1", "Money", "Invoice paid twice"), (None, "Money", "Cheque lost")]
