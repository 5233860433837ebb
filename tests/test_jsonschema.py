"""The JSON Schema of the register document: generated from the model, shipped, and honest."""

from __future__ import annotations

import copy
import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

import riskmodel
from riskmodel import (
    Action,
    Appetite,
    AppetitePolicy,
    Assessment,
    Control,
    Cost,
    DateText,
    Direction,
    HeatMap,
    Placement,
    Provenance,
    Register,
    Risk,
    RiskState,
    Section,
    Stage,
    Status,
    builtin_schemes,
    load_scheme,
)
from riskmodel.jsonschema import DIALECT, main, register_schema
from strategies import registers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_REGISTERS = sorted((ROOT / "examples" / "registers").glob("*.json"))
EXAMPLE_SCHEMES = sorted((ROOT / "examples" / "schemes").glob("*.toml"))


def shipped_text() -> str:
    return (resources.files("riskmodel") / "data" / "register.schema.json").read_text("utf-8")


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    checker = Draft202012Validator.FORMAT_CHECKER
    return Draft202012Validator(register_schema(), format_checker=checker)


def errors(validator: Draft202012Validator, document: object) -> list[tuple[str, str]]:
    """(JSON path, validator keyword) of every error, sorted."""
    return sorted((e.json_path, str(e.validator)) for e in validator.iter_errors(document))


def rich_register() -> Register:
    """A register that sets every field the format has, on generic-5x5."""
    scheme = builtin_schemes().get("generic-5x5")
    return Register(
        organisation="Example Borough Council",
        title="Corporate risk register",
        level="corporate",
        owner="Chief Executive",
        version="2026/27 Q1",
        as_at=dt.date(2026, 6, 30),
        scheme=scheme,
        escalation_threshold=15,
        appetite=AppetitePolicy(
            default=Appetite(level="cautious"),
            by_category=[("ict", Appetite(threshold=12)), ("commercial", Appetite(level="open"))],
        ),
        sections=[Section("Finance", ref="1"), Section("ICT and cyber", ref="2")],
        risks=[
            Risk(
                id="EBC-001",
                ref="1.1",
                section="Finance",
                category="finance",
                objective="A balanced budget",
                title="Budget gap not closed",
                description="Demand grows faster than funding.",
                consequence="Reserves fall below the minimum.",
                triggers=["Overspend above 2 %", "Grant cut announced"],
                controls=[Control("Monthly budget monitoring"), Control("Reserves policy")],
                actions=[
                    Action(text="Agree savings plan", owner="S151 officer",
                           due=DateText.parse("30.09.26 ongoing"), status="G"),
                    Action(text="Review fees and charges"),
                ],
                inherent=Assessment.of(scheme.score(5, 5), stated=25, text="5x5 = 25"),
                current=Assessment.of(scheme.score(4, 4), stated=16),
                target=Assessment(scheme=scheme, likelihood=scheme.likelihood.level("3")),
                direction=Direction.parse("▲"),
                appetite=Appetite(threshold=10),
                risk_owner="Director of Finance",
                action_owner="?",
                cost=Cost.parse("£1.2m over three years"),
                review_date=DateText.parse("31/03/2027 and every year end"),
                target_date=DateText.of(dt.date(2027, 3, 31)),
                notes=[("Area", "Corporate"), ("Comments", "Reviewed in May")],
                status=Status(RiskState.CLOSED, "Savings plan agreed"),
                provenance=Provenance("register.xlsx", 12, 3),
            ),
            Risk(id="EBC-002", section="ICT and cyber", category="ict",
                 current=Assessment(scheme=scheme, stated=12),
                 cost=Cost.parse("Staff time"),
                 status=Status(RiskState.DELETED, "Covered by EBC-001")),
        ],
        heatmaps=[
            HeatMap(stage=Stage.CURRENT, title="Current risk", placements=[
                Placement("1.1", scheme.score(4, 4))], provenance=Provenance("register.xlsx", 40)),
        ],
        source=Provenance("register.xlsx"),
    )


def dumped(register: Register) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(riskmodel.dumps(register))
    return document


class TestShippedSchema:
    def test_the_shipped_file_equals_the_generated_schema(self) -> None:
        """The packaged register.schema.json is what register_schema() generates today."""
        assert json.loads(shipped_text()) == register_schema(), (
            "regenerate: python -m riskmodel.jsonschema > src/riskmodel/data/register.schema.json"
        )

    def test_the_module_prints_the_shipped_file_byte_for_byte(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`python -m riskmodel.jsonschema` writes exactly the shipped text."""
        main()
        assert capsys.readouterr().out == shipped_text()

    def test_the_schema_is_a_valid_draft_2020_12_schema(self) -> None:
        """The metaschema of draft 2020-12 accepts the schema."""
        schema = register_schema()
        assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


class TestGeneratedFromTheModel:
    def test_the_top_level_adds_format_version_to_the_register_fields(self) -> None:
        """The document's keys are format_version then the Register fields, in field order."""
        schema = register_schema()
        assert list(schema["properties"]) == [
            "format_version", "organisation", "title", "level", "owner", "version", "as_at",
            "scheme", "escalation_threshold", "appetite", "sections", "risks", "heatmaps",
            "source",
        ]
        assert schema["properties"]["format_version"]["const"] == 1
        assert schema["required"] == ["format_version", "scheme"]
        assert schema["additionalProperties"] is False

    def test_every_reachable_class_has_a_definition(self) -> None:
        """Each class the register holds, and each scheme part, has one $defs entry."""
        assert sorted(register_schema()["$defs"]) == [
            "Action", "Appetite", "AppetitePolicy", "Assessment", "BandDocument", "Code",
            "Control", "Cost", "DateText", "Direction", "HeatMap", "LevelDocument",
            "NotationDocument", "NotationWordsDocument", "Placement", "Provenance",
            "RatingDocument", "Risk",
            "ScaleDocument", "SchemeDocument", "ScoringScheme", "Section", "Status",
        ]

    def test_required_keys_are_the_fields_without_defaults(self) -> None:
        """`required` lists exactly the fields that have no default."""
        defs = register_schema()["$defs"]
        required = {name: d.get("required", []) for name, d in defs.items() if "properties" in d}
        assert required == {
            "Action": ["text"], "Appetite": [], "AppetitePolicy": [], "Assessment": [],
            "Control": ["text"], "Cost": ["text"], "DateText": ["text"], "Direction": ["text"],
            "HeatMap": ["stage"], "Placement": ["ref", "likelihood", "impact"],
            "Provenance": ["source"],
            "Risk": ["id"], "BandDocument": ["key"],
            "SchemeDocument": ["id", "name", "likelihood", "impact", "rating"],
            "LevelDocument": ["code", "label", "value"], "NotationDocument": [],
            "NotationWordsDocument": [],
            "RatingDocument": ["rule"], "ScaleDocument": ["name", "levels"], "Section": ["title"],
            "Status": [],
        }

    def test_every_object_is_closed(self) -> None:
        """Every object definition forbids keys it does not name."""
        defs = register_schema()["$defs"]
        assert all(d["additionalProperties"] is False for d in defs.values() if "properties" in d)

    def test_types_map_to_json_schema_types(self) -> None:
        """Text, numbers, dates, decimals, tuples, enums and optional fields map as documented."""
        defs = register_schema()["$defs"]
        risk, cost = defs["Risk"]["properties"], defs["Cost"]["properties"]
        assert risk["id"] == {"type": "string", "minLength": 1}
        assert risk["ref"] == {"type": "string"}
        assert risk["triggers"] == {"type": "array", "items": {"type": "string"}}
        assert risk["controls"] == {"type": "array", "items": {"$ref": "#/$defs/Control"}}
        assert risk["cost"] == {"$ref": "#/$defs/Cost"}
        assert cost["amount"] == {"description": "An amount, as text such as '500000'.",
                                  "type": ["string", "integer"]}
        assert defs["DateText"]["properties"]["date"] == {"type": "string", "format": "date"}
        assert defs["Provenance"]["properties"]["line"] == {"type": "integer"}
        assert defs["Status"]["properties"]["state"] == {
            "type": "string", "enum": ["open", "closed", "deleted"]}
        assert defs["HeatMap"]["properties"]["stage"] == {
            "type": "string", "enum": ["inherent", "current", "target"]}
        assert defs["Appetite"]["properties"]["level"] == {
            "type": "string", "enum": ["averse", "minimal", "cautious", "open", "eager"]}

    def test_init_false_fields_are_skipped(self) -> None:
        """Private caches such as Register._by_id are not part of the document."""
        assert "_by_id" not in register_schema()["properties"]

    def test_shapes_follow_serialize(self) -> None:
        """Assessment, Placement and AppetitePolicy have the keys the dumper writes."""
        defs = register_schema()["$defs"]
        assert list(defs["Assessment"]["properties"]) == [
            "likelihood", "impact", "stated", "stated_band", "dimensions", "off_grid", "text",
            "origin"]
        assert defs["Assessment"]["properties"]["dimensions"] == {
            "type": "object",
            "additionalProperties": {"anyOf": [{"$ref": "#/$defs/Code"}, {"type": "null"}]}}
        assert defs["Assessment"]["properties"]["off_grid"] == {
            "type": "object", "additionalProperties": {"type": "number"},
            "propertyNames": {"enum": ["likelihood", "impact"]}}
        assert list(defs["Placement"]["properties"]) == ["ref", "likelihood", "impact"]
        assert defs["AppetitePolicy"]["properties"]["by_category"] == {
            "type": "object", "additionalProperties": {"$ref": "#/$defs/Appetite"}}

    def test_a_scheme_is_an_id_or_a_scheme_object(self) -> None:
        """ScoringScheme is a scheme id string or an embedded scheme document."""
        assert register_schema()["$defs"]["ScoringScheme"]["anyOf"] == [
            {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"},
            {"$ref": "#/$defs/SchemeDocument"},
        ]


class TestDumpedDocumentsValidate:
    @pytest.mark.parametrize("scheme_id", [s.id for s in builtin_schemes()])
    def test_a_register_on_a_builtin_scheme_validates(
        self, validator: Draft202012Validator, scheme_id: str
    ) -> None:
        """dumps() of a register scored on each built-in scheme, written as its id, is valid."""
        scheme = builtin_schemes().get(scheme_id)
        top = max(scheme.cells())
        register = Register(scheme=scheme, risks=[
            Risk(id="R1", current=Assessment.of(top, stated=top.value),
                 target=Assessment(scheme=scheme, impact=top.impact))])
        assert dumped(register)["scheme"] == scheme_id
        assert errors(validator, dumped(register)) == []

    def test_every_field_of_the_rich_register_is_written_and_valid(
        self, validator: Draft202012Validator
    ) -> None:
        """The rich register's document uses every Risk key and validates."""
        document = dumped(rich_register())
        assert errors(validator, document) == []
        assert set(document["risks"][0]) == set(register_schema()["$defs"]["Risk"]["properties"])

    @pytest.mark.parametrize("path", EXAMPLE_SCHEMES, ids=lambda p: p.name)
    def test_an_embedded_example_scheme_validates(
        self, validator: Draft202012Validator, path: Path
    ) -> None:
        """A register on an unregistered example scheme embeds it, and the document validates."""
        scheme = load_scheme(path)
        first = next(scheme.cells())
        register = Register(scheme=scheme, risks=[Risk(id="R1", current=Assessment.of(first))],
                            heatmaps=[HeatMap(stage="current", placements=[Placement("1", first)])])
        document = dumped(register)
        assert isinstance(document["scheme"], dict)
        assert errors(validator, document) == []

    def test_a_level_code_written_as_a_number_validates(
        self, validator: Draft202012Validator
    ) -> None:
        """A code written as a whole number, which loads() accepts, is valid."""
        document = {"format_version": 1, "scheme": "generic-5x5",
                    "risks": [{"id": "R1", "current": {"likelihood": 4, "impact": 5}}]}
        assert riskmodel.loads(json.dumps(document)).get("R1").current.value == 20
        assert errors(validator, document) == []


class TestEveryDumpValidates:
    @given(registers())
    def test_any_register_dumps_to_a_valid_document(self, register: Register) -> None:
        """dumps() of any register, on a built-in or a generated scheme, is valid."""
        checker = Draft202012Validator.FORMAT_CHECKER
        validator = Draft202012Validator(register_schema(), format_checker=checker)
        assert errors(validator, dumped(register)) == []


class TestInvalidDocumentsFail:
    @pytest.fixture
    def document(self) -> dict[str, Any]:
        return dumped(rich_register())

    def test_a_missing_format_version_fails(
        self, validator: Draft202012Validator, document: dict[str, Any]
    ) -> None:
        """A document without format_version is rejected at the top."""
        del document["format_version"]
        assert errors(validator, document) == [("$", "required")]

    def test_another_format_version_fails(
        self, validator: Draft202012Validator, document: dict[str, Any]
    ) -> None:
        """format_version 2 is not this format."""
        document["format_version"] = 2
        assert errors(validator, document) == [("$.format_version", "const")]

    def test_a_wrong_type_fails_at_its_path(
        self, validator: Draft202012Validator, document: dict[str, Any]
    ) -> None:
        """A number where text belongs, or text where a number belongs, is rejected in place."""
        document["risks"][0]["title"] = 5
        document["escalation_threshold"] = "15"
        document["risks"][0]["controls"][1] = "Reserves policy"
        assert errors(validator, document) == [
            ("$.escalation_threshold", "type"),
            ("$.risks[0].controls[1]", "type"),
            ("$.risks[0].title", "type"),
        ]

    def test_an_unknown_key_fails(
        self, validator: Draft202012Validator, document: dict[str, Any]
    ) -> None:
        """Keys the model does not have are rejected, at any depth."""
        document["colour"] = "red"
        document["risks"][0]["current"]["band"] = "red"
        document["heatmaps"][0]["cells"] = []
        assert errors(validator, document) == [
            ("$", "additionalProperties"),
            ("$.heatmaps[0]", "additionalProperties"),
            ("$.risks[0].current", "additionalProperties"),
        ]

    def test_a_missing_required_key_fails(
        self, validator: Draft202012Validator, document: dict[str, Any]
    ) -> None:
        """A risk without an id, and a placement without a ref, are rejected."""
        del document["risks"][1]["id"]
        del document["heatmaps"][0]["placements"][0]["ref"]
        assert errors(validator, document) == [
            ("$.heatmaps[0].placements[0]", "required"),
            ("$.risks[1]", "required"),
        ]

    def test_values_outside_an_enum_or_format_fail(
        self, validator: Draft202012Validator, document: dict[str, Any]
    ) -> None:
        """A stage, a state, an appetite level and a date must be among the allowed values."""
        document["heatmaps"][0]["stage"] = "residual"
        document["risks"][1]["status"]["state"] = "archived"
        document["appetite"]["default"] = {"level": "bold"}
        document["as_at"] = "30/06/2026"
        assert errors(validator, document) == [
            ("$.appetite.default.level", "enum"),
            ("$.as_at", "format"),
            ("$.heatmaps[0].stage", "enum"),
            ("$.risks[1].status.state", "enum"),
        ]

    def test_an_appetite_is_a_threshold_or_a_level_not_both(
        self, validator: Draft202012Validator, document: dict[str, Any]
    ) -> None:
        """An appetite with both keys, or with neither, is rejected."""
        document["risks"][0]["appetite"] = {"threshold": 10, "level": "open"}
        document["appetite"]["default"] = {}
        assert errors(validator, document) == [
            ("$.appetite.default", "minProperties"),
            ("$.risks[0].appetite", "maxProperties"),
        ]

    def test_an_invalid_embedded_scheme_fails(self, validator: Draft202012Validator) -> None:
        """An embedded scheme with an unknown rule, a tableless table or a two-way band fails."""
        ranges = ROOT / "examples" / "schemes" / "letter-likelihood-5x5.toml"
        document = dumped(Register(scheme=load_scheme(ranges)))
        broken = copy.deepcopy(document)
        broken["scheme"]["rating"] = {"rule": "maximum"}
        assert ("$.scheme", "anyOf") in errors(validator, broken)
        table = copy.deepcopy(document)
        table["scheme"]["rating"] = {"rule": "table"}
        assert ("$.scheme", "anyOf") in errors(validator, table)
        band = copy.deepcopy(document)
        band["scheme"]["bands"][0]["cells"] = [["A", "1"]]
        assert ("$.scheme", "anyOf") in errors(validator, band)
        id_with_space = {"format_version": 1, "scheme": "generic 5x5"}
        assert errors(validator, id_with_space) == [("$.scheme", "anyOf")]

    def test_the_loader_rejects_what_the_schema_rejects(
        self, document: dict[str, Any]
    ) -> None:
        """The loader refuses the same unknown key the schema refuses."""
        document["risks"][0]["current"]["band"] = "red"
        message = r"\$\.risks\[0\]\.current: unknown keys: band"
        with pytest.raises(riskmodel.LoadError, match=message):
            riskmodel.loads(json.dumps(document))


class TestExampleRegisters:
    @pytest.mark.skipif(not EXAMPLE_REGISTERS, reason="examples/registers/ has no documents yet")
    @pytest.mark.parametrize("path", EXAMPLE_REGISTERS, ids=lambda p: p.name)
    def test_every_example_register_validates(
        self, validator: Draft202012Validator, path: Path
    ) -> None:
        """Each document in examples/registers/ is valid against the schema."""
        found = errors(validator, json.loads(path.read_text("utf-8")))
        if found:
            try:
                riskmodel.load(path)
            except riskmodel.LoadError as exc:
                pytest.fail(f"invalid against the schema at {found}; riskmodel.load agrees: {exc}")
        assert found == []
