"""The JSON document format and the scheme format: every (un)structuring lives here.

One cattrs converter turns registers into JSON-ready dicts and back, in the manner of
``cattrs.preconf``. The model never imports this module.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import IO, Any, TypeVar

import attrs
import cattrs
from attrs import define, field
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import make_converter

from riskmodel._bulk import paused_gc
from riskmodel.appetite import Appetite, AppetitePolicy
from riskmodel.assessment import Assessment
from riskmodel.check import Finding
from riskmodel.cost import Cost
from riskmodel.dates import DateText
from riskmodel.errors import LoadError, RiskModelError, SchemeError, ValidationError
from riskmodel.provenance import Provenance
from riskmodel.register import Placement, Register
from riskmodel.registry import SchemeRegistry, builtin_schemes
from riskmodel.risk import Action, Control, Risk, Status
from riskmodel.scale import Level, Scale
from riskmodel.scheme import Band, Notation, RatingRule, RuleKind, ScoringScheme

__all__ = [
    "FORMAT_VERSION",
    "dump",
    "dumps",
    "finding_to_dict",
    "load",
    "loads",
    "scheme_from_dict",
    "scheme_to_dict",
    "structure",
    "unstructure",
]

#: The version of the JSON document format this riskmodel writes and reads.
FORMAT_VERSION = 1

T = TypeVar("T")

# ---------------------------------------------------------------------------------------
# Schemes: the TOML shape is mirrored by small document classes, structured by cattrs
# with unknown keys forbidden, then built into the model.
# ---------------------------------------------------------------------------------------


@define
class _LevelDoc:
    code: str
    label: str
    value: float
    description: str = ""
    probability: tuple[float, float] | None = None


@define
class _ScaleDoc:
    name: str
    levels: list[_LevelDoc]
    dimensions: list[str] = field(factory=list)


@define
class _RatingDoc:
    rule: str
    columns: list[str] = field(factory=list)
    rows: dict[str, list[float]] = field(factory=dict)


@define
class _BandDoc:
    key: str
    label: str = ""
    colour: str = ""
    minimum: float | None = None
    maximum: float | None = None
    cells: list[tuple[str, str]] = field(factory=list)


@define
class _NotationDoc:
    order: str = "likelihood-impact"
    separator: str = ""
    likelihood_prefix: str = ""
    impact_prefix: str = ""
    show_value: bool = False
    rating_alone: bool = True


@define
class _SchemeDoc:
    id: str
    name: str
    likelihood: _ScaleDoc
    impact: _ScaleDoc
    rating: _RatingDoc
    description: str = ""
    notation: _NotationDoc = field(factory=_NotationDoc)
    bands: list[_BandDoc] = field(factory=list)
    appetite: dict[str, float] = field(factory=dict)


_scheme_docs = make_converter(forbid_extra_keys=True, detailed_validation=True)


def _strict_str(value: object, _: type) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expected text, not {type(value).__name__}")
    return str(value)


def _text(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {type(value).__name__}")
    return value


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, not {type(value).__name__}")
    return value


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, not {type(value).__name__}")
    return value


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, not {type(value).__name__}")
    return value


_scheme_docs.register_structure_hook(bool, _strict_bool)
_scheme_docs.register_structure_hook(str, _strict_str)
_scheme_docs.register_structure_hook(float, _strict_float)


def _scale(doc: _ScaleDoc) -> Scale:
    levels = [
        Level(lv.code, lv.label, lv.value, description=lv.description, probability=lv.probability)
        for lv in doc.levels
    ]
    return Scale(doc.name, levels, dimensions=doc.dimensions)


def _rating(doc: _RatingDoc, where: str) -> RatingRule:
    try:
        kind = RuleKind(doc.rule)
    except ValueError:
        choices = ", ".join(k.value for k in RuleKind)
        raise SchemeError(where, f"rating.rule: {doc.rule!r} is not one of {choices}") from None
    if kind is not RuleKind.TABLE:
        if doc.rows or doc.columns:
            raise SchemeError(where, f"rating: a {kind} rule takes no rows or columns")
        return RatingRule(kind)
    table: list[tuple[str, str, float]] = []
    for likelihood, values in doc.rows.items():
        if len(values) != len(doc.columns):
            raise SchemeError(
                where,
                f"rating.rows[{likelihood!r}]: {len(values)} ratings "
                f"for {len(doc.columns)} columns",
            )
        table.extend((likelihood, impact, v) for impact, v in zip(doc.columns, values, strict=True))
    return RatingRule(RuleKind.TABLE, table)


def scheme_from_dict(data: Mapping[str, Any], *, source: str = "<scheme>") -> ScoringScheme:
    """Build a scheme from its TOML/JSON shape; ``SchemeError`` names the key at fault."""
    try:
        doc = _scheme_docs.structure(data, _SchemeDoc)
    except Exception as exc:  # cattrs wraps whatever the hooks raised
        path, problem = next(_errors(exc, "$"))
        raise SchemeError(source, f"{path}: {problem}") from None
    where = f"{source} ({doc.id})" if doc.id not in source else source
    try:
        return ScoringScheme(
            doc.id,
            doc.name,
            _scale(doc.likelihood),
            _scale(doc.impact),
            rating=_rating(doc.rating, where),
            bands=[
                Band(b.key, b.label, colour=b.colour, minimum=b.minimum, maximum=b.maximum,
                     cells=b.cells)
                for b in doc.bands
            ],
            notation=Notation(
                doc.notation.order,  # type: ignore[arg-type]
                separator=doc.notation.separator,
                likelihood_prefix=doc.notation.likelihood_prefix,
                impact_prefix=doc.notation.impact_prefix,
                show_value=doc.notation.show_value,
                rating_alone=doc.notation.rating_alone,
            ),
            appetite=list(doc.appetite.items()),
            description=doc.description,
        )
    except SchemeError as exc:
        raise SchemeError(where, exc.problem) from None
    except (ValueError, TypeError) as exc:
        raise SchemeError(where, _message(exc)) from None


def _message(exc: BaseException) -> str:
    """An exception's own message (attrs validators put extra values in ``args``)."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, str) and first else str(exc)


def _number(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def scheme_to_dict(scheme: ScoringScheme) -> dict[str, Any]:
    """The scheme in its TOML/JSON shape; ``scheme_from_dict`` reads it back equal."""

    def scale(s: Scale) -> dict[str, Any]:
        out: dict[str, Any] = {"name": s.name, "levels": []}
        for lv in s.levels:
            level: dict[str, Any] = {"code": lv.code, "label": lv.label, "value": lv.value}
            if lv.description:
                level["description"] = lv.description
            if lv.probability is not None:
                level["probability"] = list(lv.probability)
            out["levels"].append(level)
        if s.dimensions:
            out["dimensions"] = list(s.dimensions)
        return out

    rating: dict[str, Any] = {"rule": str(scheme.rating.kind)}
    if scheme.rating.kind is RuleKind.TABLE:  # least severe row and column first
        rating["columns"] = list(scheme.impact.codes)
        rating["rows"] = {
            lk.code: [_number(scheme.rate(lk, im)) for im in scheme.impact]
            for lk in scheme.likelihood
        }
    bands = []
    for band in scheme.bands:
        entry: dict[str, Any] = {"key": band.key, "label": band.label}
        if band.colour:
            entry["colour"] = band.colour
        if band.minimum is not None:
            entry["minimum"] = band.minimum
        if band.maximum is not None:
            entry["maximum"] = band.maximum
        if band.cells:
            entry["cells"] = [list(c) for c in band.cells]
        bands.append(entry)
    notation = _scheme_docs.unstructure(
        _NotationDoc(
            scheme.notation.order, scheme.notation.separator, scheme.notation.likelihood_prefix,
            scheme.notation.impact_prefix, scheme.notation.show_value,
            scheme.notation.rating_alone,
        )
    )
    out: dict[str, Any] = {
        "id": scheme.id,
        "name": scheme.name,
        "likelihood": scale(scheme.likelihood),
        "impact": scale(scheme.impact),
        "rating": rating,
        "notation": notation,
    }
    if scheme.description:
        out["description"] = scheme.description
    if bands:
        out["bands"] = bands
    if scheme.appetite:
        out["appetite"] = {str(k): v for k, v in scheme.appetite}
    return out


# ---------------------------------------------------------------------------------------
# Registers
# ---------------------------------------------------------------------------------------


@define
class _LoadContext:
    registry: SchemeRegistry
    scheme: ScoringScheme | None = None
    #: The document value the scheme was built from, so it is built once.
    raw: object = None
    #: Equal frozen values met before in this load (assessments, dates), shared not rebuilt.
    seen: dict[object, Any] = field(factory=dict)


_CONTEXT: contextvars.ContextVar[_LoadContext] = contextvars.ContextVar("riskmodel_load")


def _context() -> _LoadContext:
    try:
        return _CONTEXT.get()
    except LookupError:
        context = _LoadContext(builtin_schemes())
        _CONTEXT.set(context)
        return context


def _structure_scheme(value: object, _: type) -> ScoringScheme:
    context = _context()
    if value is context.raw and context.scheme is not None:
        return context.scheme
    if isinstance(value, str):
        scheme = context.registry.get(value)
    elif isinstance(value, Mapping):
        scheme = scheme_from_dict(value, source="scheme")
    else:
        raise TypeError(f"expected a scheme id or a scheme object, not {type(value).__name__}")
    context.scheme, context.raw = scheme, value  # the risks and heat maps are scored on it
    return scheme


def _unstructure_scheme(scheme: ScoringScheme) -> str | dict[str, Any]:
    registry = _context().registry
    if scheme.id in registry and registry.get(scheme.id) == scheme:
        return scheme.id
    return scheme_to_dict(scheme)


def _current_scheme() -> ScoringScheme:
    scheme = _context().scheme
    if scheme is None:
        raise ValidationError("no scheme is known at this point of the document")
    return scheme


_ASSESSMENT_KEYS = frozenset({"likelihood", "impact", "stated", "text", "origin"})


def _attribute_error(cls: type, name: str, exc: Exception) -> ClassValidationError:
    exc.__notes__ = [AttributeValidationNote(f"Structuring {cls.__name__} @ {name}", name, str)]
    return ClassValidationError(f"While structuring {cls.__name__}", [exc], cls)


def _structure_assessment(value: object, _: type) -> Assessment:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, not {type(value).__name__}")
    context = _context()
    key = (Assessment, tuple(value.items()), tuple(map(type, value.values())))
    try:
        found = context.seen.get(key)
    except TypeError:  # an unhashable value: let the builder say what is wrong with it
        return _build_assessment(value)
    if found is not None:
        return found  # type: ignore[no-any-return]
    found = context.seen[key] = _build_assessment(value)
    return found


def _build_assessment(value: dict[str, Any]) -> Assessment:
    scheme = _current_scheme()
    extra = value.keys() - _ASSESSMENT_KEYS
    if extra:
        raise ForbiddenExtraKeysError("", Assessment, set(extra))
    lk = value.get("likelihood")
    im = value.get("impact")
    try:
        likelihood = None if lk is None else scheme.likelihood.level(_code(lk), scheme_id=scheme.id)
    except Exception as exc:
        raise _attribute_error(Assessment, "likelihood", exc) from None
    try:
        impact = None if im is None else scheme.impact.level(_code(im), scheme_id=scheme.id)
    except Exception as exc:
        raise _attribute_error(Assessment, "impact", exc) from None
    stated = value.get("stated")
    if stated is not None and (isinstance(stated, bool) or not isinstance(stated, int | float)):
        raise _attribute_error(Assessment, "stated", TypeError("expected a number"))
    texts = {}
    for key in ("text", "origin"):
        texts[key] = value.get(key, "")
        if not isinstance(texts[key], str):
            raise _attribute_error(Assessment, key, TypeError("expected text"))
    return Assessment(
        scheme=scheme, likelihood=likelihood, impact=impact, stated=stated, **texts
    )


def _code(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expected a level code, not {type(value).__name__}")
    return str(value)


def _unstructure_assessment(a: Assessment) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if a.likelihood is not None:
        out["likelihood"] = a.likelihood.code
    if a.impact is not None:
        out["impact"] = a.impact.code
    if a.stated is not None:
        out["stated"] = a.stated
    if a.text:
        out["text"] = a.text
    if a.origin:
        out["origin"] = a.origin
    return out


def _structure_placement(value: object, _: type) -> Placement:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, not {type(value).__name__}")
    extra = value.keys() - {"ref", "likelihood", "impact"}
    if extra:
        raise ForbiddenExtraKeysError("", Placement, set(extra))
    scheme = _current_scheme()
    for key in ("ref", "likelihood", "impact"):
        if key not in value:
            raise _attribute_error(Placement, key, KeyError(key))
    try:
        likelihood = scheme.likelihood.level(_code(value["likelihood"]), scheme_id=scheme.id)
    except Exception as exc:
        raise _attribute_error(Placement, "likelihood", exc) from None
    try:
        impact = scheme.impact.level(_code(value["impact"]), scheme_id=scheme.id)
    except Exception as exc:
        raise _attribute_error(Placement, "impact", exc) from None
    return Placement(_code(value["ref"]), scheme.score(likelihood, impact))


def _unstructure_placement(p: Placement) -> dict[str, Any]:
    return {"ref": p.ref, "likelihood": p.score.likelihood.code, "impact": p.score.impact.code}


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date text, not {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expected an amount as text, not {type(value).__name__}")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount") from None


def _structure_policy(value: object, _: type) -> AppetitePolicy:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, not {type(value).__name__}")
    extra = value.keys() - {"default", "by_category"}
    if extra:
        raise ForbiddenExtraKeysError("", AppetitePolicy, set(extra))
    default = value.get("default")
    categories = value.get("by_category", {})
    return AppetitePolicy(
        default=None if default is None else _converter.structure(default, Appetite),
        by_category=list(_converter.structure(categories, dict[str, Appetite]).items()),
    )


def _unstructure_policy(policy: AppetitePolicy) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if policy.default is not None:
        out["default"] = _converter.unstructure(policy.default)
    if policy.by_category:
        out["by_category"] = {k: _converter.unstructure(v) for k, v in policy.by_category}
    return out


def _register_hook(conv: cattrs.Converter, detailed: bool) -> Callable[[object, type], Register]:
    """Structure the scheme before anything scored on it, then the rest of the register."""
    generated = make_dict_structure_fn(
        Register, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
    )

    def structure_register(value: object, cls: type) -> Register:
        if isinstance(value, dict) and "scheme" in value:
            with contextlib.suppress(Exception):  # the generated function reports it in place
                _structure_scheme(value["scheme"], ScoringScheme)
        return generated(value, cls)  # type: ignore[arg-type]

    return structure_register


# -- the fast path ------------------------------------------------------------------------
# Loading a large register is dominated by risks. These hooks build them directly, and
# share equal dates; they accept exactly what the generated (detailed) hooks accept, which
# are used to say where a document is wrong.

_TEXT_FIELDS = ("objective", "title", "description", "consequence")
_OPTIONAL_TEXT_FIELDS = ("ref", "section", "category", "risk_owner", "action_owner")
_RISK_KEYS = frozenset(a.name for a in attrs.fields(Risk))
_NOT_NULL = ("triggers", "controls", "actions", "status")


def _fast_date_text(value: object) -> DateText:
    if type(value) is not dict:
        raise TypeError("expected an object")
    context = _context()
    key = (DateText, tuple(value.items()))
    found = context.seen.get(key)
    if found is None:
        found = context.seen[key] = _converter.structure(value, DateText)
    return found


def _fast_action(value: object) -> Action:
    if type(value) is not dict or not value.keys() <= _ACTION_KEYS:
        raise TypeError("not a plain action")
    owner = value.get("owner")
    due = value.get("due")
    return Action(
        text=value["text"],  # the model's converters refuse anything but text
        owner=owner,
        due=None if due is None else _fast_date_text(due),
    )


_ACTION_KEYS = frozenset({"text", "owner", "due"})


def _fast_risk(value: object, _: type) -> Risk:
    if type(value) is not dict:
        raise TypeError(f"expected an object, not {type(value).__name__}")
    if not value.keys() <= _RISK_KEYS:
        raise ForbiddenExtraKeysError("", Risk, set(value.keys() - _RISK_KEYS))
    for name in _NOT_NULL:
        if name in value and value[name] is None:
            raise TypeError(f"{name} may not be null")
    get = value.get
    # Text goes straight to the model, whose converters refuse anything but text.
    kwargs: dict[str, Any] = {"id": value["id"]}
    for name in _TEXT_FIELDS:
        if name in value:
            kwargs[name] = value[name]
    for name in _OPTIONAL_TEXT_FIELDS:
        text = get(name)
        if text is not None:
            kwargs[name] = text
    for name in ("inherent", "current", "target"):
        stage = get(name)
        if stage is not None:
            kwargs[name] = _structure_assessment(stage, Assessment)
    for name in ("review_date", "target_date"):
        date = get(name)
        if date is not None:
            kwargs[name] = _fast_date_text(date)
    triggers = get("triggers")
    if triggers is not None:
        if type(triggers) is not list:
            raise TypeError("expected a list")
        kwargs["triggers"] = triggers
    controls = get("controls")
    if controls is not None:
        if type(controls) is not list:
            raise TypeError("expected a list")
        kwargs["controls"] = tuple([
            Control(c["text"]) if type(c) is dict and len(c) == 1 else _bad(c)
            for c in controls
        ])
    actions = get("actions")
    if actions is not None:
        if type(actions) is not list:
            raise TypeError("expected a list")
        kwargs["actions"] = tuple([_fast_action(a) for a in actions])
    for name, cls in _RARE_FIELDS:
        item = get(name)
        if item is not None:
            kwargs[name] = _converter.structure(item, cls)
    return Risk(**kwargs)


def _bad(value: object) -> Any:
    raise TypeError(f"unexpected {type(value).__name__}")


_RARE_FIELDS: tuple[tuple[str, type], ...] = (
    ("appetite", Appetite), ("cost", Cost), ("status", Status), ("provenance", Provenance)
)


def _is_tuple(cls: object) -> bool:
    return getattr(cls, "__origin__", None) is tuple


def _tuple_hook(conv: cattrs.Converter, detailed: bool) -> Callable[[Any], Callable[..., Any]]:
    """Sequences are JSON lists: a string is not a list of characters."""

    def factory(cls: Any) -> Callable[[object, type], tuple[Any, ...]]:
        item = cls.__args__[0]
        inner = conv.get_structure_hook(item)

        def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError(f"expected a list, not {type(value).__name__}")
            if not detailed:
                return tuple([inner(v, item) for v in value])
            out, errors = [], []
            for index, v in enumerate(value):
                try:
                    out.append(inner(v, item))
                except Exception as exc:
                    exc.__notes__ = [IterableValidationNote(f"@ index {index}", index, item)]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
            return tuple(out)

        return structure_tuple

    return factory


def _json_type(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    names = {type(None): "null", bool: "true or false", int: "a number", float: "a number",
             str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _objects_only(conv: cattrs.Converter, detailed: bool) -> Callable[[Any], Any]:
    """Generated class hooks that first say when the value is not a JSON object."""

    def factory(cls: Any) -> Callable[[object, type], Any]:
        generated = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
        )

        def structure_object(value: object, _: type) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, not {_json_type(value)}")
            return generated(value, cls)

        return structure_object

    return factory


def _make_converter(detailed: bool) -> cattrs.Converter:
    conv = make_converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=detailed
    )
    conv.register_structure_hook(str, _text)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(ScoringScheme, _structure_scheme)
    conv.register_unstructure_hook(ScoringScheme, _unstructure_scheme)
    conv.register_structure_hook(Assessment, _structure_assessment)
    conv.register_unstructure_hook(Assessment, _unstructure_assessment)
    conv.register_structure_hook(Placement, _structure_placement)
    conv.register_unstructure_hook(Placement, _unstructure_placement)
    conv.register_structure_hook(AppetitePolicy, _structure_policy)
    conv.register_unstructure_hook(AppetitePolicy, _unstructure_policy)
    conv.register_structure_hook_factory(attrs.has, _objects_only(conv, detailed))
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook(conv, detailed))
    if not detailed:
        conv.register_structure_hook(Risk, _fast_risk)
    conv.register_structure_hook(Register, _register_hook(conv, detailed))
    return conv


#: The converter used for loading and dumping; its twin reports paths when a load fails.
_converter = _make_converter(detailed=False)
_detailed = _make_converter(detailed=True)


def _errors(exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """(JSON path, problem) for each error inside a cattrs validation error."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                step = f".{note.name}"
            else:
                step = f"[{note.index!r}]"
            yield from _errors(inner, path + step)
        for inner in without:
            yield from _errors(inner, path)
        return
    if isinstance(exc, ValidationError) and exc.path:
        path = f"{path}.{exc.path}"
    yield path, _problem(exc)


def _problem(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return exc.problem
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown keys: {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, RiskModelError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, AttributeError):
        return "expected an object"
    return str(exc) or type(exc).__name__


def structure(data: object, cls: type[T], *, schemes: SchemeRegistry | None = None) -> T:
    """Build a model value of *cls* from JSON-ready *data*; ``LoadError`` says where it is wrong."""
    token = _CONTEXT.set(_LoadContext(schemes or builtin_schemes()))
    try:
        try:
            return _converter.structure(data, cls)
        except Exception:  # the fast converter has no paths: ask its twin where
            _CONTEXT.set(_LoadContext(schemes or builtin_schemes()))
            try:
                _detailed.structure(data, cls)
            except Exception as exc:
                path, problem = next(_errors(exc, "$"))
                raise LoadError(path, problem) from None
            raise LoadError("$", "the document could not be loaded") from None
    finally:
        _CONTEXT.reset(token)


def unstructure(value: object, *, schemes: SchemeRegistry | None = None) -> Any:
    """The JSON-ready form of a model value."""
    token = _CONTEXT.set(_LoadContext(schemes or builtin_schemes()))
    try:
        return _converter.unstructure(value)
    finally:
        _CONTEXT.reset(token)


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A check finding as JSON-ready data: the shape of ``riskmodel check --json``."""
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "risk_id": finding.risk_id,
        "stage": None if finding.stage is None else str(finding.stage),
        "message": finding.message,
        "evidence": dict(finding.evidence),
    }


def _document(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise LoadError("$", f"expected a register object, not {type(data).__name__}")
    if "format_version" not in data:
        raise LoadError("$.format_version", "required key missing")
    version = data["format_version"]
    if type(version) is not int or version != FORMAT_VERSION:
        raise LoadError(
            "$.format_version", f"this riskmodel reads format {FORMAT_VERSION}, not {version!r}"
        )
    return {k: v for k, v in data.items() if k != "format_version"}


def loads(
    text: str | bytes, *, schemes: SchemeRegistry | None = None, source: str | None = None
) -> Register:
    """Load a register from JSON text.

    *schemes* resolves scheme ids (default: the built-in schemes). Errors are
    ``LoadError`` with the JSON path, or the line and column of broken JSON.
    """
    with paused_gc():
        return _loads(text, schemes, source)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _loads(text: str | bytes, schemes: SchemeRegistry | None, source: str | None) -> Register:
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise LoadError(
            "", f"not valid JSON: {exc.msg}", source, line=exc.lineno, column=exc.colno
        ) from None
    except UnicodeDecodeError as exc:
        raise LoadError("", f"not UTF-8 text: {exc.reason}", source) from None
    except ValueError as exc:  # NaN or Infinity, refused by _no_constant
        raise LoadError("", f"not valid JSON: {exc}", source) from None
    except RecursionError:
        raise LoadError("", "the JSON is nested too deeply to read", source) from None
    try:
        return structure(_document(data), Register, schemes=schemes)
    except LoadError as exc:
        if source is None:
            raise
        raise LoadError(exc.path, exc.problem, source) from None


def dumps(
    register: Register, *, indent: int | None = 2, schemes: SchemeRegistry | None = None
) -> str:
    """The register as a JSON document; ``loads(dumps(r)) == r``.

    A scheme that equals a registered one is written as its id; any other scheme is
    written out in full, so the document stands alone.
    """
    body = unstructure(register, schemes=schemes)
    document = {"format_version": FORMAT_VERSION, **body}
    return json.dumps(document, indent=indent, ensure_ascii=False) + ("\n" if indent else "")


def load(
    file: str | os.PathLike[str] | IO[str] | IO[bytes], *, schemes: SchemeRegistry | None = None
) -> Register:
    """Load a register from a JSON file path or open file."""
    if isinstance(file, str | os.PathLike):
        name = os.fspath(file)
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise LoadError("", f"cannot read the file: {exc.strerror}", name) from None
        return loads(data, schemes=schemes, source=name)
    return loads(file.read(), schemes=schemes, source=getattr(file, "name", None))


def dump(
    register: Register,
    file: str | os.PathLike[str] | IO[str],
    *,
    indent: int | None = 2,
    schemes: SchemeRegistry | None = None,
) -> None:
    """Write the register as a JSON document to a path or an open text file."""
    text = dumps(register, indent=indent, schemes=schemes)
    if isinstance(file, str | os.PathLike):
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        file.write(text)


