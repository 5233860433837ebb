"""The scheme registry, the built-in schemes, and schemes read from TOML."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import attrs
import pytest

from riskmodel import (
    RiskModelError,
    SchemeError,
    SchemeRegistry,
    UnknownSchemeError,
    builtin_schemes,
    load_scheme,
    scheme_from_toml,
)
from riskmodel.errors import ValueTypeError

BUILTIN_IDS = [
    "cambridgeshire-5x5", "generic-4x4", "generic-5x5", "leicester-city-5x5", "leicestershire-4x4",
]

TINY = """\
id = "tiny-2x2"
name = "Tiny"

[likelihood]
name = "likelihood"
levels = [{ code = "1", label = "Low", value = 1 }, { code = "2", label = "High", value = 2 }]

[impact]
name = "impact"
levels = [{ code = "A", label = "Minor", value = 1 }, { code = "B", label = "Major", value = 2 }]

[rating]
rule = "table"
columns = ["A", "B"]
rows = { "1" = [1, 2], "2" = [2, 4] }
"""


def _toml(*edits: tuple[str, str], extra: str = "") -> str:
    text = TINY
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + extra


class TestBuiltins:
    """The schemes that ship with riskmodel, read from the package's TOML files."""

    def test_ids(self) -> None:
        """Five schemes ship, iterated in id order."""
        assert [s.id for s in builtin_schemes()] == BUILTIN_IDS

    def test_repr_counts(self) -> None:
        """The registry's repr counts and names its schemes."""
        assert repr(builtin_schemes()) == (
            "<SchemeRegistry of 5 schemes: cambridgeshire-5x5, generic-4x4, generic-5x5, "
            "leicester-city-5x5, leicestershire-4x4>")

    def test_fresh_registry_each_call(self) -> None:
        """Registering in one built-in registry does not change the next one."""
        first = builtin_schemes()
        first.register(attrs.evolve(first.get("generic-5x5"), id="mine"))
        assert ("mine" in first, "mine" in builtin_schemes()) == (True, False)

    def test_schemes_are_shared(self) -> None:
        """The built-in scheme objects are read once and shared between registries."""
        assert builtin_schemes().get("generic-5x5") is builtin_schemes().get("generic-5x5")

    def test_leicester_is_printed_impact_first(self) -> None:
        """leicester-city-5x5 prints impact first with an x."""
        notation = builtin_schemes().get("leicester-city-5x5").notation
        assert (notation.order, notation.separator) == ("impact-likelihood", "x")

    def test_cambridgeshire_calls_impact_consequence(self) -> None:
        """cambridgeshire-5x5 names its impact scale 'consequence'."""
        assert builtin_schemes().get("cambridgeshire-5x5").impact.name == "consequence"


class TestRegistry:
    """A registry holds schemes by id and says what it holds."""

    def test_unknown_id_names_close_ids_first(self) -> None:
        """get('generic-5x4') fails and lists the closest ids first, then the rest."""
        with pytest.raises(UnknownSchemeError) as caught:
            builtin_schemes().get("generic-5x4")
        assert str(caught.value) == (
            "no scheme 'generic-5x4'; known schemes: generic-5x5, generic-4x4, "
            "cambridgeshire-5x5, leicester-city-5x5, leicestershire-4x4")
        assert caught.value.scheme_id == "generic-5x4"

    def test_unknown_in_empty_registry(self) -> None:
        """An empty registry says it knows no schemes."""
        with pytest.raises(UnknownSchemeError, match=r"^no scheme 'x'; known schemes: none$"):
            SchemeRegistry().get("x")

    def test_unknown_is_a_lookup_error(self) -> None:
        """UnknownSchemeError is both a RiskModelError and a LookupError."""
        with pytest.raises(LookupError) as caught:
            SchemeRegistry().get("x")
        assert isinstance(caught.value, RiskModelError)

    def test_register_same_scheme_again(self) -> None:
        """Registering an equal scheme again is allowed and returns it."""
        registry = builtin_schemes()
        scheme = registry.get("generic-5x5")
        assert registry.register(scheme) is scheme

    def test_register_different_scheme_with_same_id(self) -> None:
        """A different scheme under a held id is refused unless replace is true."""
        registry = builtin_schemes()
        other = attrs.evolve(registry.get("generic-5x5"), name="Other")
        with pytest.raises(SchemeError) as caught:
            registry.register(other)
        assert str(caught.value) == (
            "generic-5x5: a different scheme with this id is already registered")
        registry.register(other, replace=True)
        assert registry.get("generic-5x5").name == "Other"

    def test_register_non_scheme(self) -> None:
        """Only schemes can be registered."""
        with pytest.raises(ValueTypeError, match=(
            r"^expected a ScoringScheme, not the text"
            r" .generic-5x5.$")):
            SchemeRegistry().register("generic-5x5")  # type: ignore[arg-type]

    def test_copy_is_independent(self) -> None:
        """A copy holds the same schemes; adding to it leaves the original alone."""
        registry = builtin_schemes()
        copy = registry.copy()
        copy.register(attrs.evolve(registry.get("generic-5x5"), id="mine"))
        assert (len(copy), len(registry), "mine" in registry) == (6, 5, False)

    def test_contains_only_ids(self) -> None:
        """A registry contains ids, not other values."""
        registry = builtin_schemes()
        assert ("generic-5x5" in registry, "generic" in registry, 5 in registry) == (
            True, False, False)

    def test_load_registers(self, tmp_path: Path) -> None:
        """registry.load reads a TOML file and registers its scheme."""
        path = tmp_path / "tiny.toml"
        path.write_text(TINY, encoding="utf-8")
        registry = SchemeRegistry()
        scheme = registry.load(path)
        assert (scheme.id, registry.get("tiny-2x2") is scheme) == ("tiny-2x2", True)


class TestSchemeFromToml:
    """A scheme TOML file is read into a valid scheme."""

    def test_tiny(self) -> None:
        """The tiny table scheme rates 2B as 4 and prints it 2B."""
        scheme = scheme_from_toml(TINY)
        cell = scheme.parse("2B")
        assert (scheme.id, cell.value, str(cell)) == ("tiny-2x2", 4, "2B")

    def test_load_scheme_file(self, tmp_path: Path) -> None:
        """load_scheme reads a path."""
        path = tmp_path / "tiny.toml"
        path.write_text(TINY, encoding="utf-8")
        assert load_scheme(path) == scheme_from_toml(TINY)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a SchemeError naming the path."""
        path = tmp_path / "missing.toml"
        with pytest.raises(SchemeError) as caught:
            load_scheme(path)
        assert str(caught.value) == f"{path}: cannot read the file: No such file or directory"

    def test_integer_code(self) -> None:
        """A code written as a TOML integer is read as its text."""
        scheme = scheme_from_toml(_toml(('code = "1"', "code = 1")))
        assert scheme.likelihood.codes == ("1", "2")


class TestSchemeTomlErrors:
    """Each mistake in a scheme file is a SchemeError naming the file and the place."""

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            pytest.param(
                _toml(('name = "Tiny"\n', 'name = "Tiny"\ncolour = "red"\n')),
                "tiny.toml: $: unknown keys: colour",
                id="unknown-top-level-key",
            ),
            pytest.param(
                _toml(('value = 1 },', 'value = 1, weight = 3 },')),
                "tiny.toml: $.likelihood.levels[0]: unknown keys: weight",
                id="unknown-level-key",
            ),
            pytest.param(
                _toml(("[rating]\n", "[rating]\nscale = 5\n")),
                "tiny.toml: $.rating: unknown keys: scale",
                id="unknown-rating-key",
            ),
            pytest.param(
                _toml(('"2" = [2, 4]', '"2" = [2]')),
                "tiny.toml: $.rating.rows['2']: 1 ratings for 2 columns",
                id="row-missing-a-cell",
            ),
            pytest.param(
                _toml((', "2" = [2, 4]', "")),
                "tiny.toml: $.rating: rating table has no rating for cells "
                "[('2', 'A'), ('2', 'B')]",
                id="table-missing-a-row",
            ),
            pytest.param(
                _toml(('"2" = [2, 4]', '"3" = [2, 4]')),
                "tiny.toml: $.rating: rating table names cell (3, A) outside the scales",
                id="table-row-outside-scale",
            ),
            pytest.param(
                _toml(('label = "Low", value = 1', 'label = "Low", value = "1"')),
                "tiny.toml: $.likelihood.levels[0].value: expected a number, not the text '1'",
                id="string-value",
            ),
            pytest.param(
                _toml(('label = "Low", value = 1', 'label = "Low", value = true')),
                "tiny.toml: $.likelihood.levels[0].value: expected a number, not true",
                id="bool-value",
            ),
            pytest.param(
                _toml(('code = "2", label = "High"', 'code = "1", label = "High"')),
                "tiny.toml: $.likelihood.levels[1]: the likelihood scale repeats the code '1'",
                id="duplicate-code",
            ),
            pytest.param(
                _toml(('code = "B"', 'code = "a"')),
                "tiny.toml: $.impact.levels[1]: the impact scale repeats the code 'a'",
                id="duplicate-code-other-case",
            ),
            pytest.param(
                _toml(extra='[[bands]]\nkey = "lo"\nmaximum = 2\n'
                            '[[bands]]\nkey = "hi"\nminimum = 2\n'),
                "tiny.toml: $.bands: cell (1, B) rated 2 falls in bands ['lo', 'hi']",
                id="bands-overlap",
            ),
            pytest.param(
                _toml(extra='[[bands]]\nkey = "lo"\nmaximum = 1\n'
                            '[[bands]]\nkey = "hi"\nminimum = 3\n'),
                "tiny.toml: $.bands: cell (1, B) rated 2 falls in no band",
                id="bands-leave-a-gap",
            ),
            pytest.param(
                _toml(extra='[[bands]]\nkey = "lo"\n'
                            'cells = [["1", "A"], ["1", "B"], ["2", "A"]]\n'),
                "tiny.toml: $.bands: cell (2, B) rated 4 falls in no band",
                id="cell-bands-leave-a-cell",
            ),
            pytest.param(
                _toml(extra='[[bands]]\nkey = "lo"\ncells = [["1", "A"], ["1", "B"], ["2", "A"]]\n'
                            '[[bands]]\nkey = "hi"\ncells = [["2", "A"], ["2", "B"]]\n'),
                "tiny.toml: $.bands: cell (2, A) rated 2 falls in bands ['lo', 'hi']",
                id="cell-bands-overlap",
            ),
            pytest.param(
                _toml(extra='[[bands]]\nkey = "lo"\nmaximum = 4\ncells = [["1", "A"]]\n'),
                "tiny.toml: $.bands[0]: band 'lo' gives both cells and a range",
                id="band-cells-and-range",
            ),
            pytest.param(
                _toml(('rule = "table"', 'rule = "max"')),
                "tiny.toml: $.rating.rule: 'max' is not one of product, sum, table",
                id="unknown-rule",
            ),
            pytest.param(
                _toml(('rule = "table"', 'rule = "product"')),
                "tiny.toml: $.rating: a product rule takes no rows or columns",
                id="product-with-rows",
            ),
            pytest.param(
                _toml(('name = "Tiny"\n', "")),
                "tiny.toml: $.name: required key missing",
                id="missing-name",
            ),
            pytest.param(
                _toml(extra="[appetite]\naverse = 3\neager = 1\n"),
                "tiny.toml: $.appetite: appetite thresholds must not fall from averse to eager",
                id="appetite-falls",
            ),
            pytest.param(
                _toml(extra="[appetite]\nbrave = 3\n"),
                (
                    "tiny.toml: $.appetite.brave: 'brave' is not one of averse, minimal, "
                    "cautious, open, eager"),
                id="appetite-unknown-level",
            ),
            pytest.param(
                _toml(extra="x = = 1\n"),
                "tiny.toml: invalid TOML: Invalid value (at line 16, column 5)",
                id="invalid-toml",
            ),
            pytest.param(
                _toml(('code = "A"', 'code = "11"'), ('code = "B"', 'code = "1"'),
                      ('code = "2", label', 'code = "11", label'),
                      ('columns = ["A", "B"]', 'columns = ["11", "1"]'),
                      ('"2" = [2, 4]', '"11" = [2, 4]')),
                "tiny.toml: $.notation: the notation prints '111' for several cells: "
                "(1, 11), (11, 1)",
                id="ambiguous-notation",
            ),
        ],
    )
    def test_message(self, text: str, message: str) -> None:
        """The error message names the file and the key at fault."""
        with pytest.raises(SchemeError) as caught:
            scheme_from_toml(text, source="tiny.toml")
        assert str(caught.value) == message

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            pytest.param(
                _toml(('"tiny-2x2"', '"Tiny 2x2"')),
                "tiny.toml: $.id: 'Tiny 2x2' is not a scheme id (lower-case letters, digits, "
                "'.', '_' and '-')",
                id="bad-id",
            ),
            pytest.param(
                _toml(extra='[notation]\norder = "sideways"\n'),
                "tiny.toml: $.notation.order: 'sideways' is not one of 'likelihood-impact', "
                "'impact-likelihood'",
                id="bad-notation-order",
            ),
        ],
    )
    def test_attrs_validator_messages_are_one_line(self, text: str, message: str) -> None:
        """A bad id or notation order gives a one-line message that names the key."""
        with pytest.raises(SchemeError) as caught:
            scheme_from_toml(text, source="tiny.toml")
        assert str(caught.value) == message

    BANDS = ('[[bands]]\nkey = "lo"\nwords = ["L"]\nmaximum = 1\n'
             '[[bands]]\nkey = "hi"\nwords = ["H"]\nminimum = 2\n')

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            pytest.param(
                _toml(extra=BANDS.replace('["H"]', '["H", 3]')),
                "tiny.toml: $.bands[1].words[1]: expected text, not the number 3",
                id="band-word-not-text"),
            pytest.param(
                _toml(extra=BANDS.replace('["H"]', '["H", "l"]')),
                "tiny.toml: $.bands[1].words[1]: 'l' also names band 'lo'",
                id="band-word-of-two-bands"),
            pytest.param(
                _toml(extra=BANDS.replace('words = ["L"]\nmaximum = 1', 'catch_all = "yes"')),
                "tiny.toml: $.bands[0].catch_all: expected true or false, not the text 'yes'",
                id="catch-all-not-a-bool"),
            pytest.param(
                _toml(extra=BANDS.replace('words = ["L"]\nmaximum = 1',
                                          'catch_all = true\nmaximum = 1')),
                "tiny.toml: $.bands[0].catch_all: band 'lo' is the catch-all band, so it takes "
                "no cells or range",
                id="catch-all-with-a-range"),
            pytest.param(
                _toml(('name = "Tiny"\n', 'name = "Tiny"\npartial_bands = true\n'),
                      extra=BANDS.replace('words = ["L"]\nmaximum = 1', 'catch_all = true')),
                "tiny.toml: $.partial_bands: band 'lo' takes every cell left over, so no cell "
                "is unbanded",
                id="partial-and-catch-all"),
            pytest.param(
                _toml(('name = "Tiny"\n', 'name = "Tiny"\nat_appetite = "sometimes"\n')),
                "tiny.toml: $.at_appetite: 'sometimes' is not one of within, reported, outside",
                id="at-appetite-unknown"),
            pytest.param(
                _toml(('label = "Minor", value = 1', 'label = "Minor", value = 1, '
                                                      'amount = [10, 1]')),
                "tiny.toml: $.impact.levels[0]: a money band needs 0 <= low <= high, not "
                "(10, 1)",
                id="amount-falling"),
            pytest.param(
                _toml(('label = "Minor", value = 1', 'label = "Minor", value = 1, '
                                                      'amount = ["10k", 1]')),
                "tiny.toml: $.impact.levels[0].amount[0]: expected a number, not the text "
                "'10k'",
                id="amount-text"),
            pytest.param(
                _toml(('name = "impact"\n', 'name = "impact"\ndimensions = ["money"]\n'
                                            'not_applicable = ["A"]\n')),
                "tiny.toml: $.impact.not_applicable[0]: 'A' is a level code of the impact "
                "scale, so it cannot also mean 'does not apply'",
                id="not-applicable-is-a-code"),
            pytest.param(
                _toml(('name = "impact"\n', 'name = "impact"\nmoney_dimension = "money"\n')),
                "tiny.toml: $.impact.money_dimension: 'money' is not one of the dimensions "
                "(none)",
                id="money-dimension-unknown"),
            pytest.param(
                _toml(extra='[notation.words]\nimpact = ["harm", ""]\n'),
                "tiny.toml: $.notation.words.impact[1]: a word must not be empty",
                id="notation-word-empty"),
            pytest.param(
                _toml(extra='[notation.words]\nsize = ["big"]\n'),
                "tiny.toml: $.notation.words: unknown keys: size",
                id="notation-words-unknown-key"),
        ],
    )
    def test_new_keys_are_located(self, text: str, message: str) -> None:
        """Band words, catch-all and partial bands, at_appetite, money bands, n/a words and
        notation words: each fault names its key."""
        """A bad id or notation order gives a one-line message that names the key."""
        with pytest.raises(SchemeError) as caught:
            scheme_from_toml(text, source="tiny.toml")
        assert str(caught.value) == message

    def test_band_cells_in_another_case(self) -> None:
        """A band listing cell ["1", "a"] holds cell 1A."""
        text = _toml(extra='[[bands]]\nkey = "lo"\ncells = [["1", "a"], ["1", "B"], ["2", "A"]]\n'
                           '[[bands]]\nkey = "hi"\ncells = [["2", "b"]]\n')
        scheme = scheme_from_toml(text, source="tiny.toml")
        assert [c.band and c.band.key for c in scheme.cells()] == ["lo", "lo", "lo", "hi"]

    def test_value_too_large_for_a_float(self) -> None:
        """A level value of 10**400 is a SchemeError, not an OverflowError."""
        text = _toml(('label = "Low", value = 1', 'label = "Low", value = 1' + "0" * 400))
        with pytest.raises(SchemeError) as caught:
            scheme_from_toml(text, source="tiny.toml")
        assert str(caught.value) == (
            "tiny.toml: $.likelihood.levels[0].value: expected a finite number, not one this large")

    @pytest.mark.parametrize("scheme_id", BUILTIN_IDS)
    def test_builtin_file_loads_equal(self, scheme_id: str) -> None:
        """Each shipped TOML file reads into the scheme the registry holds."""
        scheme = builtin_schemes().get(scheme_id)
        folder = resources.files("riskmodel") / "data" / "schemes"
        text = (folder / f"{scheme_id}.toml").read_text(encoding="utf-8")
        assert scheme_from_toml(text, source=f"{scheme_id}.toml") == scheme
