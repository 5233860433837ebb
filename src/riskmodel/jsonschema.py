"""The JSON Schema of the register document format, generated from the model's attrs classes.

The schema (draft 2020-12) is built by walking the fields and type hints of
:class:`~riskmodel.Register` and the classes it holds. The few shapes that
:mod:`riskmodel.serialize` writes by hand (the scheme, assessments, heat-map placements
and the appetite policy) are stated here by hand, the scheme from its TOML shape.

The package ships the result as ``riskmodel/data/register.schema.json``; regenerate it
with::

    python -m riskmodel.jsonschema > src/riskmodel/data/register.schema.json

>>> schema = register_schema()
>>> schema["properties"]["format_version"], schema["required"]
({'const': 1, 'description': 'The version of the document format.'}, ['format_version', 'scheme'])
>>> schema["$defs"]["Control"]["properties"]
{'text': {'type': 'string', 'minLength': 1}}
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

import attrs

from riskmodel.appetite import Appetite, AppetiteLevel, AppetitePolicy
from riskmodel.assessment import Assessment
from riskmodel.register import Placement, Register
from riskmodel.scheme import _ID, Notation, RuleKind, ScoringScheme
from riskmodel.serialize import FORMAT_VERSION

__all__ = ["DIALECT", "main", "register_schema"]

#: The JSON Schema dialect of the generated schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]

_SCALARS: dict[type, Schema] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    dt.date: {"type": "string", "format": "date"},
    Decimal: {"type": "string"},
}

#: Invariants held by validators that cross fields, which no single type shows.
_REFINEMENTS: dict[type, Schema] = {
    # Either a threshold or an Orange Book level, never both, never neither.
    Appetite: {"minProperties": 1, "maxProperties": 1},
}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _summary(cls: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = (cls.__doc__ or "").strip()
    return " ".join(doc.split("\n\n")[0].split()).replace("``", "`")


def _min_length(attribute: attrs.Attribute[Any]) -> Schema:
    """``minLength`` for a field whose validators include ``attrs.validators.min_len``."""
    validator = attribute.validator
    found = getattr(validator, "_validators", (validator,))  # attrs.validators.and_
    for each in found:
        length = getattr(each, "min_length", None)
        if isinstance(length, int) and length > 0:
            return {"minLength": length}
    return {}


class _Builder:
    """Collects the ``$defs`` while walking the classes reachable from the register."""

    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {}
        self.special: dict[type, Callable[[], Schema]] = {
            ScoringScheme: self._scoring_scheme,
            Assessment: self._assessment,
            Placement: self._placement,
            AppetitePolicy: self._appetite_policy,
        }

    def define(self, name: str, build: Callable[[], Schema]) -> Schema:
        """A ``$ref`` to the definition *name*, built once (recursion-safe)."""
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = build()
        return _ref(name)

    def of_type(self, tp: Any) -> Schema:
        """The schema of a field annotated with *tp*."""
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Union or origin is types.UnionType:
            # The dumper omits None (every optional field defaults to it).
            present = [arg for arg in args if arg is not type(None)]
            if len(present) == 1:
                return self.of_type(present[0])
            return {"anyOf": [self.of_type(arg) for arg in present]}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of_type(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.of_type(arg) for arg in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin is Literal:
            return {"enum": list(args)}
        if isinstance(tp, type):
            if tp in self.special:
                return self.define(tp.__name__, self.special[tp])
            if attrs.has(tp):
                return self.define(tp.__name__, lambda: self.of_class(tp))
            if issubclass(tp, enum.Enum):
                return {"type": "string", "enum": [member.value for member in tp]}
            if tp is bool:
                return {"type": "boolean"}
            if tp in _SCALARS:
                return dict(_SCALARS[tp])
        raise TypeError(f"no JSON Schema is known for the type {tp!r}")

    def of_class(self, cls: type) -> Schema:
        """An attrs class as a closed object: one property per init field."""
        hints = typing.get_type_hints(cls)
        properties: Schema = {}
        required: list[str] = []
        for attribute in attrs.fields(cls):
            if not attribute.init or attribute.name.startswith("_"):
                continue
            properties[attribute.name] = {
                **self.of_type(hints[attribute.name]),
                **_min_length(attribute),
            }
            if attribute.default is attrs.NOTHING:
                required.append(attribute.name)
        schema: Schema = {"description": _summary(cls), "type": "object", "properties": properties}
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        schema.update(_REFINEMENTS.get(cls, {}))
        return schema

    # -- the shapes serialize.py writes by hand ----------------------------------------------

    def _code(self) -> Schema:
        return self.define(
            "Code",
            lambda: {
                "description": "A level's printed code, such as '2' or 'B'; a whole number "
                "is read as its text.",
                "type": ["string", "integer"],
                "minLength": 1,
            },
        )

    def _assessment(self) -> Schema:
        return {
            "description": _summary(Assessment) + " It is scored on the register's scheme.",
            "type": "object",
            "properties": {
                "likelihood": self._code(),
                "impact": self._code(),
                "stated": {"type": "number"},
                "text": {"type": "string"},
                "origin": {"type": "string"},
            },
            "additionalProperties": False,
        }

    def _placement(self) -> Schema:
        return {
            "description": _summary(Placement),
            "type": "object",
            "properties": {
                "ref": {"type": "string"},
                "likelihood": self._code(),
                "impact": self._code(),
            },
            "required": ["ref", "likelihood", "impact"],
            "additionalProperties": False,
        }

    def _appetite_policy(self) -> Schema:
        appetite = self.of_type(Appetite)
        return {
            "description": _summary(AppetitePolicy),
            "type": "object",
            "properties": {
                "default": appetite,
                "by_category": {"type": "object", "additionalProperties": appetite},
            },
            "additionalProperties": False,
        }

    def _scoring_scheme(self) -> Schema:
        return {
            "description": "The id of a registered scheme, or the scheme written out in "
            "full in the shape of a scheme TOML file.",
            "anyOf": [
                {"type": "string", "pattern": _ID.pattern},
                self.define("SchemeDefinition", self._scheme_definition),
            ],
        }

    def _scheme_definition(self) -> Schema:
        scale = self.define("SchemeScale", self._scheme_scale)
        return {
            "description": "A scoring scheme in the shape of a scheme TOML file "
            "(docs/schemes.md).",
            "type": "object",
            "properties": {
                "id": {"type": "string", "pattern": _ID.pattern},
                "name": {"type": "string"},
                "description": {"type": "string"},
                "likelihood": scale,
                "impact": scale,
                "rating": self.define("SchemeRating", self._scheme_rating),
                "notation": self.define("SchemeNotation", self._scheme_notation),
                "bands": {"type": "array", "items": self.define("SchemeBand", self._scheme_band)},
                "appetite": {
                    "description": "Orange Book level: the highest rating within it.",
                    "type": "object",
                    "properties": {str(level): {"type": "number"} for level in AppetiteLevel},
                    "additionalProperties": False,
                },
            },
            "required": ["id", "name", "likelihood", "impact", "rating"],
            "additionalProperties": False,
        }

    def _scheme_scale(self) -> Schema:
        return {
            "description": "An ordinal scale: its levels least severe first.",
            "type": "object",
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "levels": {
                    "type": "array",
                    "items": self.define("SchemeLevel", self._scheme_level),
                    "minItems": 1,
                },
                "dimensions": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["name", "levels"],
            "additionalProperties": False,
        }

    def _scheme_level(self) -> Schema:
        fraction = {"type": "number", "minimum": 0, "maximum": 1}
        return {
            "description": "One step of a scale.",
            "type": "object",
            "properties": {
                "code": self._code(),
                "label": {"type": "string"},
                "value": {"type": "number"},
                "description": {"type": "string"},
                "probability": {
                    "description": "[low, high] as fractions of one.",
                    "type": "array",
                    "prefixItems": [fraction, fraction],
                    "minItems": 2,
                    "maxItems": 2,
                },
            },
            "required": ["code", "label", "value"],
            "additionalProperties": False,
        }

    def _scheme_rating(self) -> Schema:
        return {
            "description": "How a cell is rated: product or sum of the level values, or a "
            "table with one row per likelihood code and one column per impact code.",
            "type": "object",
            "properties": {
                "rule": {"type": "string", "enum": [kind.value for kind in RuleKind]},
                "columns": {"type": "array", "items": self._code()},
                "rows": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "number"}},
                },
            },
            "required": ["rule"],
            "additionalProperties": False,
            "if": {"properties": {"rule": {"const": RuleKind.TABLE.value}}},
            "then": {
                "properties": {"columns": {"minItems": 1}, "rows": {"minProperties": 1}},
                "required": ["columns", "rows"],
            },
            "else": {"properties": {"columns": {"maxItems": 0}, "rows": {"maxProperties": 0}}},
        }

    def _scheme_notation(self) -> Schema:
        return {
            "description": _summary(Notation),
            "type": "object",
            "properties": {
                "order": self.of_type(typing.get_type_hints(Notation)["order"]),
                "separator": {"type": "string"},
                "likelihood_prefix": {"type": "string"},
                "impact_prefix": {"type": "string"},
                "show_value": {"type": "boolean"},
                "rating_alone": {"type": "boolean"},
            },
            "additionalProperties": False,
        }

    def _scheme_band(self) -> Schema:
        code = self._code()
        return {
            "description": "A named band of cells, by rating range (both ends inclusive, "
            "either open) or by listing its cells as [likelihood code, impact code].",
            "type": "object",
            "properties": {
                "key": {"type": "string", "minLength": 1},
                "label": {"type": "string"},
                "colour": {"type": "string"},
                "minimum": {"type": "number"},
                "maximum": {"type": "number"},
                "cells": {
                    "type": "array",
                    "items": {
                        "type": "array",
                        "prefixItems": [code, code],
                        "minItems": 2,
                        "maxItems": 2,
                    },
                },
            },
            "required": ["key"],
            "additionalProperties": False,
            "if": {"properties": {"cells": {"minItems": 1}}, "required": ["cells"]},
            "then": {"not": {"anyOf": [{"required": ["minimum"]}, {"required": ["maximum"]}]}},
        }


def register_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a register document, ``format_version`` 1."""
    builder = _Builder()
    register = builder.of_class(Register)
    properties: Schema = {
        "format_version": {
            "const": FORMAT_VERSION,
            "description": "The version of the document format.",
        },
        **register["properties"],
    }
    return {
        "$schema": DIALECT,
        "title": "riskmodel register document",
        "description": register["description"],
        "type": "object",
        "properties": properties,
        "required": ["format_version", *register.get("required", [])],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def main() -> None:
    """Print the schema as the package ships it."""
    sys.stdout.write(json.dumps(register_schema(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
