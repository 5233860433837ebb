"""The JSON document format: exact shape, lossless round trips and errors that say where."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskmodel
from riskmodel import (
    FORMAT_VERSION,
    Action,
    Assessment,
    Control,
    Cost,
    DateText,
    HeatMap,
    Level,
    LoadError,
    Placement,
    Provenance,
    RatingRule,
    Register,
    Risk,
    RiskModelError,
    RuleKind,
    Scale,
    SchemeRegistry,
    ScoringScheme,
    Section,
    Status,
    builtin_schemes,
    dump,
    dumps,
    load,
    loads,
)
from riskmodel.documents import scheme_from_dict, scheme_to_dict
from strategies import BUILTIN_IDS, builtin_scheme, json_paths, registers, schemes

BUILTINS = builtin_schemes()
LEICESTER = BUILTINS.get("leicester-city-5x5")


def _cypf() -> Register:
    """A small Leicester City register with every kind of field filled in."""
    cell = LEICESTER.score(likelihood=5, impact=4)
    return Register(
        organisation="Leicester City Council",
        title="CYPF divisional register",
        level="divisional",
        version="V5",
        as_at=dt.date(2015, 10, 27),
        scheme=LEICESTER,
        escalation_threshold=15,
        sections=[Section("1. Budget", "1")],
        risks=[Risk(
            id="cypf-1a", ref="a)", section="1. Budget", title="Budget pressure",
            controls=[Control("Monthly monitoring")],
            actions=[Action(text="Review plans", owner="JS",
                            due=DateText.parse("31.03.2016 ongoing"))],
            current=Assessment.of(cell, stated=20, text="4 5 20"),
            target=Assessment(scheme=LEICESTER, impact=LEICESTER.impact.level("3"), stated=9),
            cost=Cost.parse("£0.5m"), risk_owner="?",
            status=Status("deleted", "HISTORICAL"), provenance=Provenance("cypf.txt", 12, 3),
        )],
        heatmaps=[HeatMap(stage="current", placements=[Placement("a)", cell)])],
    )


CYPF_DOCUMENT: dict[str, Any] = {
    "format_version": 1,
    "scheme": "leicester-city-5x5",
    "organisation": "Leicester City Council",
    "title": "CYPF divisional register",
    "level": "divisional",
    "version": "V5",
    "as_at": "2015-10-27",
    "escalation_threshold": 15,
    "sections": [{"title": "1. Budget", "ref": "1"}],
    "risks": [{
        "id": "cypf-1a",
        "ref": "a)",
        "section": "1. Budget",
        "title": "Budget pressure",
        "controls": [{"text": "Monthly monitoring"}],
        "actions": [{
            "text": "Review plans",
            "owner": "JS",
            "due": {"text": "31.03.2016 ongoing", "date": "2016-03-31", "note": "ongoing"},
        }],
        "current": {"likelihood": "5", "impact": "4", "stated": 20, "text": "4 5 20"},
        "target": {"impact": "3", "stated": 9},
        "risk_owner": "?",
        "cost": {"text": "£0.5m", "amount": "500000"},
        "status": {"state": "deleted", "reason": "HISTORICAL"},
        "provenance": {"source": "cypf.txt", "line": 12, "column": 3},
    }],
    "heatmaps": [{
        "stage": "current",
        "placements": [{"ref": "a)", "likelihood": "5", "impact": "4"}],
    }],
}


def _document(**changes: Any) -> str:
    """The CYPF document as JSON text, with top-level keys replaced."""
    return json.dumps({**copy.deepcopy(CYPF_DOCUMENT), **changes})


def _custom_scheme() -> ScoringScheme:
    """A 3×3 scheme with letter likelihood that no registry holds."""
    return ScoringScheme(
        "custom-3x3", "Custom",
        Scale("likelihood", [Level(c, c, v) for c, v in zip("CBA", (1, 2, 3), strict=True)]),
        Scale("impact", [Level(str(v), "", v) for v in (1, 2, 4)]),
        rating=RatingRule(RuleKind.SUM),
    )


class TestDumps:
    """dumps writes the documented JSON shape."""

    def test_exact_document(self) -> None:
        """A small register dumps to exactly the expected document, defaults left out."""
        assert json.loads(dumps(_cypf())) == CYPF_DOCUMENT

    def test_format_version_comes_first(self) -> None:
        """The document opens with its format version."""
        assert next(iter(json.loads(dumps(_cypf())))) == "format_version"
        assert FORMAT_VERSION == 1

    def test_indent_and_final_newline(self) -> None:
        """Indented text ends with a newline; compact text has neither."""
        pretty, compact = dumps(_cypf()), dumps(_cypf(), indent=None)
        assert (pretty.endswith("}\n"), "\n" in compact, compact.endswith("}]}")) == (
            True, False, True)

    def test_text_is_not_escaped(self) -> None:
        """Non-ASCII text such as £ is written as itself."""
        assert '"£0.5m"' in dumps(_cypf())

    def test_builtin_scheme_by_id(self) -> None:
        """A built-in scheme is written as its id."""
        assert json.loads(dumps(Register(scheme=LEICESTER)))["scheme"] == "leicester-city-5x5"

    def test_other_scheme_in_full(self) -> None:
        """A scheme no registry holds is written out in full, as scheme_to_dict gives it."""
        scheme = _custom_scheme()
        assert json.loads(dumps(Register(scheme=scheme)))["scheme"] == scheme_to_dict(scheme)

    def test_changed_builtin_in_full(self) -> None:
        """A scheme with a built-in id but other content is written in full."""
        scheme = attrs.evolve(LEICESTER, name="Changed")
        written = json.loads(dumps(Register(scheme=scheme)))["scheme"]
        assert (written["id"], written["name"]) == ("leicester-city-5x5", "Changed")

    def test_custom_registry_by_id(self) -> None:
        """A scheme in the registry passed to dumps is written as its id."""
        registry = SchemeRegistry([_custom_scheme()])
        text = dumps(Register(scheme=_custom_scheme()), schemes=registry)
        assert json.loads(text)["scheme"] == "custom-3x3"


class TestSchemeDict:
    """scheme_to_dict gives the TOML shape, and scheme_from_dict reads it back."""

    def test_table_shape(self) -> None:
        """Leicestershire's table is written as columns and one row per likelihood code."""
        rating = scheme_to_dict(BUILTINS.get("leicestershire-4x4"))["rating"]
        assert rating == {
            "rule": "table",
            "columns": ["D", "C", "B", "A"],
            "rows": {"4": [1, 2, 3, 4], "3": [2, 4, 6, 8], "2": [3, 6, 9, 12],
                     "1": [4, 8, 12, 16]},
        }

    def test_custom_shape(self) -> None:
        """A minimal scheme writes only what it has: defaults are left out."""
        assert scheme_to_dict(_custom_scheme()) == {
            "id": "custom-3x3",
            "name": "Custom",
            "likelihood": {"name": "likelihood", "levels": [
                {"code": "C", "label": "C", "value": 1},
                {"code": "B", "label": "B", "value": 2},
                {"code": "A", "label": "A", "value": 3}]},
            "impact": {"name": "impact", "levels": [
                {"code": "1", "label": "", "value": 1},
                {"code": "2", "label": "", "value": 2},
                {"code": "4", "label": "", "value": 4}]},
            "rating": {"rule": "sum"},
        }

    @pytest.mark.parametrize("scheme_id", BUILTIN_IDS)
    def test_builtins_read_back_equal(self, scheme_id: str) -> None:
        """Each built-in scheme reads back equal from its dict."""
        scheme = BUILTINS.get(scheme_id)
        assert scheme_from_dict(scheme_to_dict(scheme)) == scheme

    @settings(max_examples=80)
    @given(schemes())
    def test_generated_read_back_equal(self, scheme: ScoringScheme) -> None:
        """Every generated scheme reads back equal from its dict, through JSON text."""
        assert scheme_from_dict(json.loads(json.dumps(scheme_to_dict(scheme)))) == scheme

    def test_table_in_column_order_reads_back_equal(self) -> None:
        """A table listed column by column reads back equal: a table is a set of cells."""
        codes = Scale("likelihood", [Level("1", "", 1), Level("2", "", 2)])
        table = [("1", "A", 1), ("2", "A", 2), ("1", "B", 3), ("2", "B", 4)]
        scheme = ScoringScheme(
            "by-column", "By column", codes,
            Scale("impact", [Level("A", "", 1), Level("B", "", 2)]),
            rating=RatingRule(RuleKind.TABLE, table),
        )
        assert scheme_from_dict(scheme_to_dict(scheme)) == scheme

    def test_table_codes_in_another_case_read_back_equal(self) -> None:
        """A table naming impact 'a' for level 'A' reads back equal."""
        codes = Scale("likelihood", [Level("1", "", 1), Level("2", "", 2)])
        table = [("1", "a", 1), ("1", "b", 3), ("2", "a", 2), ("2", "b", 4)]
        scheme = ScoringScheme(
            "lower", "Lower case", codes,
            Scale("impact", [Level("A", "", 1), Level("B", "", 2)]),
            rating=RatingRule(RuleKind.TABLE, table),
        )
        assert scheme_from_dict(scheme_to_dict(scheme)) == scheme


class TestRoundTrip:
    """loads(dumps(r)) == r."""

    def test_cypf(self) -> None:
        """The small register reads back equal."""
        assert loads(dumps(_cypf())) == _cypf()

    def test_compact(self) -> None:
        """Compact text reads back equal too."""
        assert loads(dumps(_cypf(), indent=None)) == _cypf()

    def test_bytes(self) -> None:
        """UTF-8 bytes read like text."""
        assert loads(dumps(_cypf()).encode("utf-8")) == _cypf()

    def test_custom_scheme_embedded(self) -> None:
        """A register on a scheme no registry holds reads back equal with no registry."""
        register = Register(scheme=_custom_scheme(), risks=[
            Risk(id="R1", current=Assessment.of(_custom_scheme().score("A", "4")))])
        assert loads(dumps(register)) == register

    def test_custom_registry(self) -> None:
        """A scheme written by id reads back through the same registry."""
        registry = SchemeRegistry([_custom_scheme()])
        register = Register(scheme=_custom_scheme())
        assert loads(dumps(register, schemes=registry), schemes=registry) == register

    def test_file_path(self, tmp_path: Path) -> None:
        """dump to a path and load from it give the register back."""
        path = tmp_path / "register.json"
        dump(_cypf(), path)
        assert load(path) == _cypf()
        assert path.read_text(encoding="utf-8") == dumps(_cypf())

    def test_open_files(self) -> None:
        """dump to and load from open text files work too."""
        buffer = io.StringIO()
        dump(_cypf(), buffer)
        buffer.seek(0)
        assert load(buffer) == _cypf()

    @settings(max_examples=100)
    @given(registers())
    def test_generated_registers(self, register: Register) -> None:
        """Every generated register (built-in or embedded scheme) reads back equal."""
        text = dumps(register)
        assert loads(text) == register
        embedded = not any(register.scheme == BUILTINS.get(i) for i in BUILTIN_IDS)
        assert isinstance(json.loads(text)["scheme"], dict) is embedded

    @settings(max_examples=40)
    @given(builtin_scheme().flatmap(registers))
    def test_generated_registers_on_builtins(self, register: Register) -> None:
        """Registers on built-in schemes read back equal and name the scheme by id."""
        text = dumps(register)
        assert (loads(text), json.loads(text)["scheme"]) == (register, register.scheme.id)


class TestLoadErrors:
    """A document that is wrong raises LoadError saying where and what."""

    def _error(self, text: str | bytes, **kwargs: Any) -> LoadError:
        with pytest.raises(LoadError) as caught:
            loads(text, **kwargs)
        return caught.value

    def test_level_out_of_range(self) -> None:
        """Likelihood 6 on a 5×5 scheme names the path, the scheme and the range."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"][0]["current"]["likelihood"] = 6
        error = self._error(json.dumps(doc))
        assert str(error) == (
            "$.risks[0].current.likelihood: 6 is not a level of leicester-city-5x5 "
            "likelihood (1..5)")
        assert (error.path, error.line, error.source) == (
            "$.risks[0].current.likelihood", None, None)

    def test_level_out_of_range_as_text(self) -> None:
        """Impact '9' in a heat map names the placement's path."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["heatmaps"][0]["placements"][0]["impact"] = "9"
        assert str(self._error(json.dumps(doc))) == (
            "$.heatmaps[0].placements[0].impact: 9 is not a level of leicester-city-5x5 "
            "impact (1..5)")

    def test_truncated_json(self) -> None:
        """Truncated text gives the line and column where the JSON broke."""
        text = dumps(_cypf())[:40]
        error = self._error(text)
        assert (error.line, error.column, error.path) == (3, 13, "")
        assert str(error) == "<string>:3:13: not valid JSON: Unterminated string starting at"

    def test_truncated_file_names_the_file(self, tmp_path: Path) -> None:
        """A broken file's error starts with its path, line and column."""
        path = tmp_path / "broken.json"
        path.write_text(dumps(_cypf())[:40], encoding="utf-8")
        with pytest.raises(LoadError) as caught:
            load(path)
        assert str(caught.value) == (
            f"{path}:3:13: not valid JSON: Unterminated string starting at")

    def test_wrong_value_in_file_names_the_file(self, tmp_path: Path) -> None:
        """A file's error gives its path before the JSON path."""
        path = tmp_path / "register.json"
        path.write_text(_document(as_at="27.10.15"), encoding="utf-8")
        with pytest.raises(LoadError) as caught:
            load(path)
        assert str(caught.value) == (
            f"{path}: $.as_at: '27.10.15' is not an ISO date (YYYY-MM-DD)")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that cannot be read is a LoadError naming it."""
        path = tmp_path / "missing.json"
        with pytest.raises(LoadError) as caught:
            load(path)
        assert str(caught.value) == f"{path}: cannot read the file: No such file or directory"

    def test_not_utf8(self) -> None:
        """Bytes that are not UTF-8 are refused."""
        assert str(self._error(b"\x80{}")) == "<string>:1:1: byte 0x80 is not UTF-8 text"

    def test_not_an_object(self) -> None:
        """A JSON list is not a register."""
        assert str(self._error("[]")) == "$: expected a document object, not a list"

    def test_missing_format_version(self) -> None:
        """The format version is required."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        del doc["format_version"]
        assert str(self._error(json.dumps(doc))) == "$.format_version: required key missing"

    def test_other_format_version(self) -> None:
        """A document of format 2 is refused by a reader of format 1."""
        assert str(self._error(_document(format_version=2))) == (
            "$.format_version: this riskmodel reads format 1, not the number 2")

    def test_unknown_scheme(self) -> None:
        """An unknown scheme id names the known ones, closest first."""
        assert str(self._error(_document(scheme="leicester-5x5"))) == (
            "$.scheme: no scheme 'leicester-5x5'; known schemes: leicester-city-5x5, "
            "leicestershire-4x4, generic-5x5, cambridgeshire-5x5, generic-4x4")

    def test_unknown_key(self) -> None:
        """An unknown key in a risk is named with its path."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"][0]["colour"] = "red"
        assert str(self._error(json.dumps(doc))) == "$.risks[0]: unknown keys: colour"

    def test_missing_id(self) -> None:
        """A risk without an id names the key."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        del doc["risks"][0]["id"]
        assert str(self._error(json.dumps(doc))) == "$.risks[0].id: required key missing"

    def test_model_invariant(self) -> None:
        """A model invariant broken by the document is reported at its place."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"].append({"id": "cypf-1a"})
        assert str(self._error(json.dumps(doc))) == (
            "$.risks[1]: the id 'cypf-1a' is used by an earlier risk")

    def test_wrong_type(self) -> None:
        """A stated rating given as text is refused at its path."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"][0]["current"]["stated"] = "20"
        assert str(self._error(json.dumps(doc))) == (
            "$.risks[0].current.stated: expected a number, not the text '20'")

    def test_text_is_not_a_list(self) -> None:
        """Controls given as text are refused rather than split into characters."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"][0]["triggers"] = "overspend"
        assert str(self._error(json.dumps(doc))) == (
            "$.risks[0].triggers: expected a list, not the text 'overspend'")

    def test_load_error_is_a_value_error(self) -> None:
        """LoadError is both a RiskModelError and a ValueError."""
        error = self._error("{")
        assert (isinstance(error, RiskModelError), isinstance(error, ValueError)) == (True, True)

    @pytest.mark.parametrize("key", ["triggers", "controls", "actions"])
    def test_null_sequence(self, key: str) -> None:
        """A risk's triggers, controls or actions given as null are refused there."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"][0][key] = None
        assert str(self._error(json.dumps(doc))) == (
            f"$.risks[0].{key}: expected a list, not null")

    def test_null_status_is_refused(self) -> None:
        """A risk's status given as null is refused at its path."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"][0]["status"] = None
        assert self._error(json.dumps(doc)).path == "$.risks[0].status"

    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            (("risks", 0, "status"), None, "$.risks[0].status: expected an object, not null"),
            (("risks", 0), 5, "$.risks[0]: expected an object, not the number 5"),
            (("sections", 0), True, "$.sections[0]: expected an object, not true"),
            (("risks", 0, "cost"), 5, "$.risks[0].cost: expected an object, not the number 5"),
            (("risks", 0, "current", "likelihood"), [],
             "$.risks[0].current.likelihood: expected a level code, not a list"),
            (("risks", 0, "current", "text"), {},
             "$.risks[0].current.text: expected text, not an object"),
        ],
        ids=["null-status", "int-risk", "bool-section", "int-cost", "list-code", "dict-text"],
    )
    def test_wrong_shape_messages(
        self, path: tuple[str | int, ...], value: object, message: str
    ) -> None:
        """A value of the wrong JSON type is described in the model's words."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = value
        assert str(self._error(json.dumps(doc))) == message

    def test_first_fault_is_reported(self) -> None:
        """With null triggers on one risk and likelihood 9 on the next, the first is named."""
        doc = copy.deepcopy(CYPF_DOCUMENT)
        doc["risks"][0]["triggers"] = None
        doc["risks"].append({"id": "R2", "current": {"likelihood": "9"}})
        assert self._error(json.dumps(doc)).path == "$.risks[0].triggers"

    def test_deeply_nested_text(self) -> None:
        """Text nested a hundred thousand lists deep is a LoadError, not a RecursionError."""
        error = self._error("[" * 100_000, source="deep.json")
        assert str(error) == "deep.json: the JSON is nested too deeply to read"


# Drawn as deep copies, so that no test can change this module's lists and dicts.
_REPLACEMENTS = st.sampled_from(
    [None, 0, -1, 7, 2.5, True, "", "x", "2099-13-45", [], ["x"], {}, {"x": 1}, 10**400]
).map(copy.deepcopy)
_MUTATIONS = ("delete", "replace", "add-key", "shuffle", "truncate")


class TestMutatedDocuments:
    """A damaged document loads or raises RiskModelError, never another exception."""

    @settings(max_examples=150)
    @given(registers(max_risks=3), st.sampled_from(_MUTATIONS), st.data())
    def test_mutation(self, register: Register, mutation: str, data: st.DataObject) -> None:
        """Deleting, replacing, adding, shuffling or truncating never escapes as another error."""
        text = dumps(register)
        document = json.loads(text)
        if mutation == "truncate":
            text = text[: data.draw(st.integers(0, len(text) - 2))]
        else:
            path = data.draw(st.sampled_from(json_paths(document)[1:]))
            parent: Any = document
            for step in path[:-1]:
                parent = parent[step]
            last: Any = path[-1]
            if mutation == "delete":
                del parent[last]
            elif mutation == "replace":
                parent[last] = data.draw(_REPLACEMENTS)
            elif mutation == "add-key" and isinstance(parent[last], dict):
                parent[last]["unknown_key"] = 1
            elif mutation == "shuffle" and isinstance(parent[last], list):
                parent[last] = data.draw(st.permutations(parent[last]))
            elif mutation == "shuffle" and isinstance(parent[last], dict):
                parent[last] = dict(data.draw(st.permutations(list(parent[last].items()))))
            text = json.dumps(document)
        try:
            loaded = loads(text)
        except RiskModelError:
            return
        assert isinstance(loaded, Register)

    @pytest.mark.parametrize(
        "text",
        ["", "null", "1", '"x"', "{}", '{"format_version": 1}', "{" * 50, '{"a": NaN}'],
    )
    def test_small_bad_documents(self, text: str) -> None:
        """Tiny documents that are not registers raise LoadError."""
        with pytest.raises(LoadError):
            loads(text)


class TestPublicFunctions:
    """The serialisation functions are exported from the package."""

    def test_exported(self) -> None:
        """dumps, loads, dump and load are the package's own."""
        assert (riskmodel.dumps, riskmodel.loads, riskmodel.dump, riskmodel.load) == (
            dumps, loads, dump, load)

    def test_decimal_amount_kept_exactly(self) -> None:
        """An amount of £12.50 is written as the text '12.50' and read back exactly."""
        register = Register(scheme=LEICESTER, risks=[Risk(id="R1", cost=Cost.parse("£12.50"))])
        document = json.loads(dumps(register))
        cost = loads(dumps(register)).risks[0].cost
        assert (document["risks"][0]["cost"]["amount"], cost and cost.amount) == (
            "12.50", Decimal("12.50"))


class TestFastExtra:
    """With orjson installed (the ``fast`` extra) dumps writes exactly the same bytes."""

    @pytest.fixture
    def orjson_or_skip(self) -> None:
        pytest.importorskip("orjson", reason="install riskmodel[fast] to test the fast path")

    @staticmethod
    def _both(register: Register, indent: int | None, monkeypatch: pytest.MonkeyPatch) -> tuple[
            str, str]:
        from riskmodel import serialize

        fast = dumps(register, indent=indent)
        with monkeypatch.context() as patch:
            patch.setattr(serialize, "_orjson", None)
            plain = dumps(register, indent=indent)
        return fast, plain

    @pytest.mark.usefixtures("orjson_or_skip")
    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(register=registers(max_risks=3), indent=st.sampled_from([2, None]))
    def test_same_bytes(self, monkeypatch: pytest.MonkeyPatch, register: Register,
                        indent: int | None) -> None:
        """Every generated register is written the same with and without orjson."""
        fast, plain = self._both(register, indent, monkeypatch)
        assert fast == plain

    @pytest.mark.usefixtures("orjson_or_skip")
    @pytest.mark.parametrize("stated", [1e-05, 9.5e-06, 0.0001, 1e16, 1e-12, 21.42, 10**20])
    def test_numbers_orjson_prints_otherwise(self, stated: float,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
        """Numbers that orjson prints in another form (1e-6, 0.00001) are written as json does."""
        register = Register(scheme=LEICESTER, escalation_threshold=stated)
        fast, plain = self._both(register, 2, monkeypatch)
        assert (fast, json.loads(fast)["escalation_threshold"]) == (plain, stated)

    @pytest.mark.usefixtures("orjson_or_skip")
    def test_control_characters_and_other_scripts(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Escapes of control characters and raw non-ASCII text agree byte for byte."""
        register = Register(scheme=LEICESTER, title="a\x1b[0m\x7f\u0085 £ × ☂ \U0001f600 \"q\" \\")
        fast, plain = self._both(register, None, monkeypatch)
        assert fast == plain


class TestFastRead:
    """With the fast extra, ``loads`` reads with it only what the json module reads alike.

    Each test runs twice: reading with msgspec (checked by orjson), and with orjson alone.
    """

    @pytest.fixture(params=["msgspec", "orjson"])
    def orjson_or_skip(self, request: pytest.FixtureRequest,
                       monkeypatch: pytest.MonkeyPatch) -> str:
        from riskmodel import serialize

        pytest.importorskip("orjson", reason="install riskmodel[fast] to test the fast path")
        if request.param == "msgspec":
            pytest.importorskip("msgspec", reason="install riskmodel[fast] to test msgspec")
        else:
            monkeypatch.setattr(serialize, "_msgspec_decode", None)
        return str(request.param)

    @staticmethod
    def _outcome(text: str | bytes) -> object:
        try:
            return loads(text)
        except LoadError as exc:
            return f"{type(exc).__name__}: {exc}"

    def _both(self, text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
        from riskmodel import serialize

        fast = self._outcome(text)
        with monkeypatch.context() as patch:
            patch.setattr(serialize, "_orjson", None)
            plain = self._outcome(text)
        return fast, plain

    @pytest.mark.usefixtures("orjson_or_skip")
    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(register=registers(max_risks=3), indent=st.sampled_from([2, None]),
           as_bytes=st.booleans())
    def test_same_register(self, monkeypatch: pytest.MonkeyPatch, register: Register,
                           indent: int | None, as_bytes: bool) -> None:
        """Every generated register, compact or indented, text or bytes, loads the same."""
        text = dumps(register, indent=indent)
        fast, plain = self._both(text.encode() if as_bytes else text, monkeypatch)
        assert fast == plain == register

    @pytest.mark.usefixtures("orjson_or_skip")
    def test_objects_read_as_dicts(self) -> None:
        """A document as dumps writes it is read by the extra, each object a dict."""
        from riskmodel import serialize

        text = '{"format_version":1,"scheme":"generic-5x5","risks":[{"id":"R1"}]}'
        assert serialize._orjson_parse(text) == {
            "format_version": 1, "scheme": "generic-5x5", "risks": [{"id": "R1"}]}
        assert serialize._orjson_parse(text.replace(":", ": ")) is serialize._UNREAD

    @pytest.mark.usefixtures("orjson_or_skip")
    @pytest.mark.parametrize(("text", "expected"), [
        ('{"format_version":1,"scheme":"generic-5x5","risks":[],"risks":[]}',
         "LoadError: $: the key 'risks' appears twice"),
        ('{"format_version":1,"scheme":"generic-5x5","risks":[{"id":"R1","id":"R2"}]}',
         "LoadError: $.risks[0]: the key 'id' appears twice"),
        ('{"format_version":1,"scheme":"generic-5x5","title":"a\\ud800"}',
         "LoadError: $.title: the text holds a lone surrogate (half of a character escape), "
         "which is not a character"),
        ('{"format_version":1,"scheme":"generic-5x5","escalation_threshold":NaN}',
         "LoadError: not valid JSON: NaN is not a JSON number"),
        ('{"format_version":1,"scheme":"generic-5x5","title":' + "[" * 300 + "]" * 300 + "}",
         "LoadError: $.title: expected text, not a list"),
        ('{"format_version":1,"scheme":"generic-5x5","escalation_threshold":1' + "0" * 30 + "}",
         ("", 10**30)),
        ("\ufeff" + '{"format_version":1,"scheme":"generic-5x5","title":"x"}', ("x", None)),
        ('{"format_version":1,"scheme":"generic-5x5","title":"caf\\u00e9"}', ("café", None)),
        ('{"format_version":1,"scheme":"generic-5x5","title":"\\ud800"}',
         "LoadError: $.title: the text holds a lone surrogate (half of a character escape), "
         "which is not a character"),
        ('{"format_version":1,"scheme":"generic-5x5","title":' + "[" * 100_000
         + "]" * 100_000 + "}", "LoadError: the JSON is nested too deeply to read"),
        ('{"format_version":1,"scheme":"generic-5x5","escalation_threshold":1' + "0" * 5000
         + "}", "LoadError: not valid JSON: a number has too many digits"),
        ('{"format_version":1,"scheme":"generic-5x5","escalation_threshold":1' + "0" * 25
         + ".5}", ("", 1e25)),
    ], ids=["repeated-key", "repeated-key-inside", "lone-surrogate", "nan", "deep",
            "big-integer", "bom", "escaped-letter", "only-a-surrogate", "deeper-than-read",
            "integer-of-5000-digits", "long-decimal"])
    def test_same_outcome(self, text: str, expected: str | tuple[str, int | None],
                          monkeypatch: pytest.MonkeyPatch) -> None:
        """What the extra would read otherwise goes to the json module: the same error, or value."""
        fast, plain = self._both(text, monkeypatch)
        assert fast == plain
        if isinstance(fast, Register):
            assert (fast.title, fast.escalation_threshold) == expected
        else:
            assert fast == expected


class TestPrintedParts:
    """Stated bands, impact per dimension and factors off the grid travel through JSON."""

    TOWN = riskmodel.load_scheme("examples/schemes/dimensions-na-5x5.toml")

    def document(self, current: dict[str, Any]) -> str:
        return json.dumps({"format_version": 1, "scheme": self.TOWN.id,
                           "risks": [{"id": "T1", "current": current}]})

    def registry(self) -> SchemeRegistry:
        registry = riskmodel.builtin_schemes()
        registry.register(self.TOWN)
        return registry

    def test_written_shape(self) -> None:
        """Codes by dimension with null for n/a; off-grid numbers by axis; the band key."""
        a = self.TOWN.parse_assessment("4.5 x 3, amber, finance 3, people n/a = 13.5")
        register = Register(scheme=self.TOWN, risks=[Risk(id="T1", current=a)])
        written = json.loads(dumps(register, schemes=self.registry()))["risks"][0]["current"]
        assert written == {
            "impact": "3", "stated": 13.5, "stated_band": "amber",
            "dimensions": {"finance": "3", "people": None}, "off_grid": {"likelihood": 4.5},
            "text": "4.5 x 3, amber, finance 3, people n/a = 13.5"}
        assert loads(dumps(register, schemes=self.registry()),
                     schemes=self.registry()) == register

    @pytest.mark.parametrize(("current", "message"), [
        ({"stated_band": "Amber"},
         "$.risks[0].current.stated_band: 'Amber' is not a band key of "
         "example-town-dimensions-5x5 (green, amber, red); scheme.band(word) finds the band "
         "a printed word names"),
        ({"dimensions": {"finance": "9"}},
         "$.risks[0].current.dimensions.finance: 9 is not a level of "
         "example-town-dimensions-5x5 impact (1..5)"),
        ({"dimensions": {"cash": "1"}},
         "$.risks[0].current.dimensions.cash: 'cash' is not an impact dimension of "
         "example-town-dimensions-5x5 (finance, services, reputation, people, legal, "
         "environment, data)"),
        ({"off_grid": {"likelihood": "4.5"}},
         "$.risks[0].current.off_grid.likelihood: expected a number, not the text '4.5'"),
        ({"likelihood": "4", "off_grid": {"likelihood": 4.5}},
         "$.risks[0].current.off_grid.likelihood: likelihood has a level, so it is not "
         "off the grid"),
    ])
    def test_errors_say_where(self, current: dict[str, Any], message: str) -> None:
        """A wrong band key, level, dimension or number names its path."""
        with pytest.raises(LoadError) as caught:
            loads(self.document(current), schemes=self.registry())
        assert str(caught.value) == message

    def test_a_nested_true_is_not_a_code_after_a_nested_one(self) -> None:
        """{"finance": true} is refused even after {"finance": 1} was read in the same load."""
        document = json.dumps({"format_version": 1, "scheme": self.TOWN.id, "risks": [
            {"id": "A", "current": {"dimensions": {"finance": 1}}},
            {"id": "B", "current": {"dimensions": {"finance": True}}}]})
        with pytest.raises(LoadError, match=r"expected a level code, not true"):
            loads(document, schemes=self.registry())


class TestSharedValues:
    """Equal small values are shared within one document, never across documents."""

    DOC = ('{"format_version": 1, "scheme": "generic-5x5", "risks": [{"id": "A", '
           '"current": {"likelihood": %s, "impact": 5}, "cost": {"text": "x", "amount": %s}}]}')

    def test_a_float_code_is_refused_after_an_int_one(self) -> None:
        """4.0 is refused as a level code even after 4 was read in an earlier load."""
        loads(self.DOC % ("4", "5"))
        with pytest.raises(LoadError) as caught:
            loads(self.DOC % ("4.0", "5"))
        assert str(caught.value) == (
            "$.risks[0].current.likelihood: expected a level code, not the number 4.0")

    def test_a_float_amount_is_refused_after_an_int_one(self) -> None:
        """An amount of 5.0 is refused even after an amount of 5 was read."""
        loads(self.DOC % ("4", "5"))
        with pytest.raises(LoadError) as caught:
            loads(self.DOC % ("4", "5.0"))
        assert str(caught.value) == (
            "$.risks[0].cost.amount: expected an amount as text, not the number 5.0")

    def test_nothing_is_kept_after_a_load(self) -> None:
        """After a load the converter holds no value of the document it read."""
        from riskmodel.serialize import make_converter

        converter = make_converter()
        register = converter.loads(self.DOC % ("4", '"5"'))
        bound = converter.bind(register.scheme)
        assert [len(memo) for memo in bound.memos if memo] == []

    def test_a_dropped_registry_is_not_kept_alive(self) -> None:
        """A registry passed to loads is freed with its converter once the caller drops it."""
        import gc
        import weakref

        registry = riskmodel.builtin_schemes()
        loads(self.DOC % ("4", '"5"'), schemes=registry)
        held = weakref.ref(registry)
        del registry
        gc.collect()
        assert held() is None
