"""The JSON Schemas of the register and diff documents, generated from the converter's classes.

The schema (draft 2020-12) is built by walking the fields, type hints and metadata of
:class:`~riskmodel.Register` and the classes it holds, by the same rules as
:mod:`riskmodel.serialize`: a scheme-bound field is left out, a level is its printed
code, pairs marked as an object are a JSON object. A written-out scheme is described by
the document classes of :mod:`riskmodel.documents`, which read and write scheme files.
The one shape written by hand is a heat-map placement, which prints its cell flat.

The package ships the results as ``riskmodel/data/register.schema.json`` and
``riskmodel/data/diff.schema.json`` (the :class:`~riskmodel.RegisterDiff` document, built
by the same rules); regenerate them with::

    python -m riskmodel.jsonschema > src/riskmodel/data/register.schema.json
    python -m riskmodel.jsonschema diff > src/riskmodel/data/diff.schema.json

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

from riskmodel._meta import BOUND, OBJECT, SCALE
from riskmodel._validate import non_empty
from riskmodel.appetite import Appetite
from riskmodel.assessment import Assessment
from riskmodel.changes import RegisterDiff
from riskmodel.documents import (
    BandDocument,
    Code,
    LevelDocument,
    NotationDocument,
    RatingDocument,
    SchemeDocument,
)
from riskmodel.register import Placement, Register
from riskmodel.scheme import _ID, Notation, RuleKind, ScoringScheme
from riskmodel.serialize import FORMAT_VERSION

__all__ = ["DIALECT", "diff_schema", "main", "register_schema"]

#: The JSON Schema dialect of the generated schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]

_SCALARS: dict[Any, Schema] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date"},
    Decimal: {"description": "An amount, as text such as '500000'.",
              "type": ["string", "integer"]},
}

_FRACTION = {"type": "number", "minimum": 0, "maximum": 1}

#: Invariants held by validators that cross fields, which no single type shows.
_REFINEMENTS: dict[type, Schema] = {
    # Either a threshold or an Orange Book level, never both, never neither.
    Appetite: {"minProperties": 1, "maxProperties": 1},
    RatingDocument: {
        "if": {"properties": {"rule": {"const": RuleKind.TABLE.value}}},
        "then": {
            "properties": {"columns": {"minItems": 1}, "rows": {"minProperties": 1}},
            "required": ["columns", "rows"],
        },
        "else": {"properties": {"columns": {"maxItems": 0}, "rows": {"maxProperties": 0}}},
    },
    BandDocument: {
        "if": {"properties": {"cells": {"minItems": 1}}, "required": ["cells"]},
        "then": {"not": {"anyOf": [{"required": ["minimum"]}, {"required": ["maximum"]}]}},
    },
}

#: What one field may hold beyond its type: a pattern, a range, a set of words.
_FIELD_REFINEMENTS: dict[tuple[type, str], Schema] = {
    (SchemeDocument, "id"): {"pattern": _ID.pattern},
    (LevelDocument, "probability"): {"prefixItems": [_FRACTION, _FRACTION]},
    (LevelDocument, "amount"): {"prefixItems": [{"type": "number", "minimum": 0}] * 2},
    (Assessment, "off_grid"): {"propertyNames": {"enum": ["likelihood", "impact"]}},
    (NotationDocument, "order"): {"enum": list(typing.get_args(
        typing.get_type_hints(Notation)["order"]))},
}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _summary(cls: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = (cls.__doc__ or "").strip()
    return " ".join(doc.split("\n\n")[0].split()).replace("``", "`")


def _min_length(attribute: attrs.Attribute[Any]) -> Schema:
    """``minLength`` for a field that must not be empty."""
    validator = attribute.validator
    found = getattr(validator, "_validators", (validator,))  # attrs.validators.and_
    return {"minLength": 1} if non_empty in found else {}


class _Builder:
    """Collects the ``$defs`` while walking the classes reachable from the register."""

    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {}
        self.special: dict[type, Callable[[], Schema]] = {
            ScoringScheme: self._scoring_scheme,
            Placement: self._placement,
        }

    def define(self, name: str, build: Callable[[], Schema]) -> Schema:
        """A ``$ref`` to the definition *name*, built once (recursion-safe)."""
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = build()
        return _ref(name)

    def code(self) -> Schema:
        """A level's printed code."""
        return self.define("Code", lambda: {
            "description": "A level's printed code, such as '2' or 'B'; a whole number "
            "is read as its text.",
            "type": ["string", "integer"],
            "minLength": 1,
        })

    def of_type(self, tp: Any) -> Schema:
        """The schema of a value annotated with *tp*."""
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp is Code:
            return self.code()
        if origin is typing.Union or origin is types.UnionType:
            # The writer omits None (every optional field defaults to it).
            present = [arg for arg in args if arg is not type(None)]
            if len(present) == 1:
                return self.of_type(present[0])
            return {"anyOf": [self.of_type(arg) for arg in present]}
        if origin in (tuple, list):
            if origin is list or (len(args) == 2 and args[1] is Ellipsis):
                return {"type": "array", "items": self.of_type(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.of_type(arg) for arg in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin is dict:
            keys, values = args
            schema: Schema = {"type": "object", "additionalProperties": self.of_type(values)}
            if isinstance(keys, type) and issubclass(keys, enum.Enum):
                schema["propertyNames"] = {"enum": [member.value for member in keys]}
            return schema
        if origin is Literal:
            return {"enum": list(args)}
        if isinstance(tp, type):
            if tp in self.special:
                return self.define(tp.__name__, self.special[tp])
            if attrs.has(tp):
                return self.define(tp.__name__, lambda: self.of_class(tp))
            if issubclass(tp, enum.Enum):
                return {"type": "string", "enum": [member.value for member in tp]}
            if tp in _SCALARS:
                return dict(_SCALARS[tp])
        raise TypeError(f"no JSON Schema is known for the type {tp!r}")

    def of_field(self, cls: type, attribute: attrs.Attribute[Any], tp: Any) -> Schema:
        """One field's schema, by the converter's rules for its metadata."""
        if attribute.metadata.get(SCALE):
            if attribute.metadata.get(OBJECT):  # levels by name, such as impact dimensions
                value_type = typing.get_args(typing.get_args(tp)[0])[1]
                optional = type(None) in typing.get_args(value_type)
                level = {"anyOf": [self.code(), {"type": "null"}]} if optional else self.code()
                return {"type": "object", "additionalProperties": level}
            return self.code()
        if attribute.metadata.get(OBJECT):
            pair = typing.get_args(tp)[0]
            schema = {"type": "object",
                      "additionalProperties": self.of_type(typing.get_args(pair)[1])}
            return {**schema, **_FIELD_REFINEMENTS.get((cls, attribute.name), {})}
        schema = {**self.of_type(tp), **_min_length(attribute)}
        refinement = _FIELD_REFINEMENTS.get((cls, attribute.name))
        if refinement:
            schema = {**schema, **refinement}
        return schema

    def of_class(self, cls: type) -> Schema:
        """An attrs class as a closed object: one property per written field."""
        hints = typing.get_type_hints(cls)
        properties: Schema = {}
        required: list[str] = []
        for attribute in attrs.fields(cls):
            if (not attribute.init or attribute.name.startswith("_")
                    or attribute.metadata.get(BOUND)):
                continue
            key = attribute.metadata.get("key", attribute.name)
            properties[key] = self.of_field(cls, attribute, hints[attribute.name])
            if attribute.default is attrs.NOTHING:
                required.append(key)
        schema: Schema = {"description": _summary(cls), "type": "object", "properties": properties}
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        schema.update(_REFINEMENTS.get(cls, {}))
        return schema

    # -- the two shapes not taken from a class's fields ------------------------------------

    def _placement(self) -> Schema:
        return {
            "description": _summary(Placement) + " Its cell is printed flat, as two codes.",
            "type": "object",
            "properties": {
                "ref": {"type": "string"},
                "likelihood": self.code(),
                "impact": self.code(),
            },
            "required": ["ref", "likelihood", "impact"],
            "additionalProperties": False,
        }

    def _scoring_scheme(self) -> Schema:
        return {
            "description": "The id of a registered scheme, or the scheme written out in "
            "full in the shape of a scheme TOML file (docs/schemes.md).",
            "anyOf": [
                {"type": "string", "pattern": _ID.pattern},
                self.of_type(SchemeDocument),
            ],
        }


def _document_schema(cls: type, title: str) -> dict[str, Any]:
    """A root document: its class's fields after ``format_version``, with every definition."""
    builder = _Builder()
    document = builder.of_class(cls)
    properties: Schema = {
        "format_version": {
            "const": FORMAT_VERSION,
            "description": "The version of the document format.",
        },
        **document["properties"],
    }
    return {
        "$schema": DIALECT,
        "title": title,
        "description": document["description"],
        "type": "object",
        "properties": properties,
        "required": ["format_version", *document.get("required", [])],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def register_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a register document, ``format_version`` 1."""
    return _document_schema(Register, "riskmodel register document")


def diff_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a diff document (:class:`~riskmodel.RegisterDiff`).

    >>> schema = diff_schema()
    >>> schema["required"]
    ['format_version', 'scheme', 'old', 'new', 'threshold']
    >>> sorted(schema["$defs"]["RiskMatch"]["required"])
    ['confidence', 'new', 'old', 'reason']
    """
    return _document_schema(RegisterDiff, "riskmodel diff document")


def main(argv: list[str] | None = None) -> None:
    """Print a schema as the package ships it: the register's, or with ``diff`` the diff's."""
    which = (sys.argv[1:] if argv is None else argv)[:1]
    schema = diff_schema() if which == ["diff"] else register_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
