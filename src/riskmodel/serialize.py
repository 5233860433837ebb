"""The JSON document format, built by one converter factory at the edge.

:func:`make_converter` returns a configured :class:`DocumentConverter`, in the manner of
``cattrs.preconf``: there is no module-level converter and no context variable. Every
hook is generated from ``attrs.fields`` of the model's classes and the metadata they
declare (:mod:`riskmodel._meta`), so a field added to the model is written and read back
without anyone listing it.

A register document is structured in two steps. Its ``scheme`` comes first (an id the
converter's :class:`~riskmodel.SchemeRegistry` knows, or a whole scheme object); the
converter is then *bound* to that scheme, and the bound converter reads the risks, whose
levels are printed codes of that scheme.

Loading has a fast path and a detailed one, both generated from the same fields. The
fast path hands text straight to the model's own converters, which refuse anything but
text, builds each value of a class whose ``__init__`` attrs generated as that
``__init__`` would (each field's converter, the default for a missing key, then the
validators) without the cost of the call, and shares
equal small values (dates, assessments) instead of rebuilding them. The detailed path
calls the classes, and a test holds the two to the same results. When the fast path
fails, the document is structured again with detailed validation only to find the JSON
path of the fault: ``$.risks[3].current.likelihood: 6 is not a level of …``.

>>> import riskmodel
>>> converter = make_converter()
>>> register = converter.loads(
...     '{"format_version": 1, "scheme": "generic-5x5",'
...     ' "risks": [{"id": "R1", "current": {"likelihood": "4", "impact": "5"}}]}')
>>> register.get("R1").current.value
20
>>> converter.loads('{"format_version": 1, "scheme": "generic-5x5",'
...                 ' "risks": [{"id": "R1", "id": "R2"}]}')
Traceback (most recent call last):
...
riskmodel.errors.LoadError: $.risks[0]: the key 'id' appears twice
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import os
import re
import typing
import weakref
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import IO, Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override
from cattrs.strategies import configure_union_passthrough

from riskmodel._bulk import constructible, paused_gc, worth_twin
from riskmodel._files import position, read_bytes, write_atomic
from riskmodel._meta import BOUND, OBJECT, SCALE
from riskmodel._validate import KEEPS, ON_TEXT, PASSES, PURE, TYPES_CHECKED, Choice, Each, finite
from riskmodel.appetite import Appetite
from riskmodel.assessment import Assessment
from riskmodel.changes import RegisterDiff
from riskmodel.check import Finding
from riskmodel.cost import Cost
from riskmodel.dates import DateText, iso_date
from riskmodel.documents import error_paths, gather, scheme_from_dict, scheme_to_dict
from riskmodel.errors import (
    LoadError,
    OutputError,
    SchemeError,
    ValidationError,
    ValueTypeError,
    describe_value,
)
from riskmodel.register import Placement, Register
from riskmodel.registry import SchemeRegistry, builtin_schemes
from riskmodel.risk import Status
from riskmodel.scale import Level
from riskmodel.scheme import ScoringScheme

__all__ = [
    "FORMAT_VERSION",
    "DocumentConverter",
    "dump",
    "dumps",
    "finding_to_dict",
    "load",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
    "validate",
]

#: The version of the JSON document format this riskmodel writes and reads.
FORMAT_VERSION = 1

T = TypeVar("T")

#: A JSON object as the fast path reads it: its ``(key, value)`` pairs, in order, so a
#: repeated key is seen (``json.loads(..., object_pairs_hook=tuple)``).
Pairs = tuple[tuple[str, Any], ...]


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice")
        self.key = key


def _object(value: object) -> dict[str, Any]:
    """A JSON object as a dict: from a dict, or from its pairs with no key repeated."""
    if type(value) is dict:
        return value
    if type(value) is tuple:
        found = dict(value)
        if len(found) != len(value):
            seen: set[str] = set()
            for key, _ in value:
                if key in seen:
                    raise _DuplicateKey(key)
                seen.add(key)
        return found
    if isinstance(value, Mapping):
        return dict(value)
    raise ValueTypeError("an object", _json_value(value))


def _json_value(value: object) -> object:
    """A value for messages, named by its JSON type (a list is a list, pairs an object)."""
    return dict(value) if type(value) is tuple else value


def _to_plain(value: object, path: str = "$") -> Any:
    """The document with every object as a dict, refusing repeated keys where they are."""
    stack: list[tuple[object, str, Callable[[Any], None]]] = []
    root: list[Any] = [None]
    stack.append((value, path, lambda v: root.__setitem__(0, v)))
    while stack:
        item, where, put = stack.pop()
        if type(item) is tuple:
            out: dict[str, Any] = {}
            for key, inner in item:
                if key in out:
                    raise LoadError(where, f"the key {key!r} appears twice")
                out[key] = None
                stack.append((inner, f"{where}.{key}", functools.partial(out.__setitem__, key)))
            put(out)
        elif type(item) is list:
            items: list[Any] = [None] * len(item)
            for index, inner in enumerate(item):
                stack.append((inner, f"{where}[{index}]",
                              functools.partial(items.__setitem__, index)))
            put(items)
        else:
            put(item)
    return root[0]


# -- scalar hooks --------------------------------------------------------------------------


def _text(value: object, _: type) -> str:
    if type(value) is not str:
        raise ValueTypeError("text", _json_value(value))
    return value


def _choice(value: object, tp: type[Choice]) -> Choice:
    return tp(_text(value, str))


def _number(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueTypeError("a number", _json_value(value))
    return finite(value)  # 1e999 reads as infinity


def _whole(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueTypeError("a whole number", _json_value(value))
    return value


def _flag(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueTypeError("true or false", _json_value(value))
    return value


def _date(value: object, _: type) -> dt.date:
    if type(value) is not str:
        raise ValueTypeError("an ISO date (YYYY-MM-DD) as text", _json_value(value))
    found = iso_date(value)  # not the basic form 20261231, nor a week date 2026-W53-1
    if found is None:
        raise ValidationError(f"{value!r:.40} is not an ISO date (YYYY-MM-DD)")
    return found


def _decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueTypeError("an amount as text", _json_value(value))
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{value!r:.40} is not an amount") from None
    if not amount.is_finite():
        raise ValidationError(f"{value!r:.40} is not a finite amount")
    return amount


def _code(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueTypeError("a level code", _json_value(value))
    return str(value)


# -- field rules -------------------------------------------------------------------------


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional(tp: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether it was optional."""
    args = typing.get_args(tp)
    if type(None) in args and len(args) == 2:
        return next(a for a in args if a is not type(None)), True
    return tp, False


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _passthrough(a: attrs.Attribute[Any], tp: Any) -> bool:
    """Whether the model's own converter both checks and normalises this field's value.

    Text, numbers and words (enums) qualify: the converters refuse any other type.
    Sequences and classes do not: they are structured by their own hooks.
    """
    if a.converter is None or a.metadata.get(SCALE) or a.metadata.get(OBJECT):
        return False
    inner, _ = _optional(tp)
    return inner in (str, float, int) or (isinstance(inner, type) and issubclass(inner, str))


def _is_root(cls: type) -> bool:
    """A document class: it has a ``scheme`` that its nested values are scored on."""
    return attrs.has(cls) and any(
        a.name == "scheme" and not a.metadata.get(BOUND) for a in attrs.fields(cls)
    )


#: Small values that repeat across a register: a scheme has a few dozen cells, and review
#: dates, statuses and costs such as "Staff time" recur. Equal ones are built once per
#: document and shared within it. Prose (controls, actions) rarely repeats, so it is not.
_SHARED: frozenset[type] = frozenset({Assessment, DateText, Status, Appetite, Cost})


def _memoisable(cls: type) -> tuple[bool, bool]:
    """(whether equal values of *cls* are shared, whether its key needs a number guard).

    Where a field holds numbers or codes, ``1`` and ``true`` are equal keys, so a value
    holding a bool is always built (and refused) rather than looked up.
    """
    if cls not in _SHARED:
        return False, False
    hints = _hints(cls)
    typed = False
    for a in attrs.fields(cls):
        tp, _ = _optional(hints[a.name])
        if _is_tuple(tp) and not a.metadata.get(OBJECT):
            return False, False
        if a.metadata.get(OBJECT) or a.metadata.get(SCALE) or tp in (float, int, Decimal):
            typed = True
        elif attrs.has(tp) and tp is not ScoringScheme:
            shared, inner_typed = _memoisable(tp)
            if not shared:
                return False, False
            typed = typed or inner_typed
    return True, typed


#: How many bound converters (one per scheme) a converter keeps.
_BOUND_LIMIT = 16


class DocumentConverter(cattrs.Converter):
    """A cattrs converter for riskmodel's JSON documents, from :func:`make_converter`.

    ``schemes`` resolves scheme ids. A converter *bound* to a scheme (:meth:`bind`) can
    also structure the values scored on it (risks, assessments) outside a register.
    """

    def __init__(
        self,
        schemes: SchemeRegistry,
        *,
        scheme: ScoringScheme | None = None,
        detailed_validation: bool = False,
    ) -> None:
        super().__init__(
            omit_if_default=True,
            forbid_extra_keys=True,
            detailed_validation=detailed_validation,
            prefer_attrib_converters=not detailed_validation,
        )
        self.schemes = schemes
        self.scheme = scheme
        self._bound: dict[ScoringScheme, DocumentConverter] = {}
        #: The shared values of each class's hook, by the raw JSON they were built from.
        self.memos: list[dict[object, Any]] = []
        self._detailed: DocumentConverter | None = None
        _configure(self)

    # -- binding -------------------------------------------------------------------------

    def bind(self, scheme: ScoringScheme) -> DocumentConverter:
        """This converter bound to *scheme*, for values scored on it (made once, kept)."""
        if self.scheme is not None and (self.scheme is scheme or self.scheme == scheme):
            return self
        bound = self._bound.get(scheme)
        if bound is None:
            while len(self._bound) >= _BOUND_LIMIT:  # the least recently used goes first
                self._bound.pop(next(iter(self._bound)))
            bound = DocumentConverter(
                self.schemes, scheme=scheme, detailed_validation=self.detailed_validation
            )
        self._bound[scheme] = self._bound.pop(scheme, bound)  # now the most recently used
        return bound

    def structure_scheme(self, value: object) -> ScoringScheme:
        """A document's ``scheme``: an id this converter's registry holds, or an object."""
        if type(value) is str:
            return self.schemes.get(value)
        if type(value) is tuple or isinstance(value, Mapping):
            try:
                return scheme_from_dict(_to_plain(value, "$.scheme"), source="scheme")
            except SchemeError as exc:
                raise LoadError("$.scheme" + exc.key.removeprefix("$"), exc.problem) from None
        raise ValueTypeError("a scheme id or a scheme object", _json_value(value))

    def unstructure_scheme(self, scheme: ScoringScheme) -> str | dict[str, Any]:
        """The scheme as an id when the registry holds an equal scheme, else written out."""
        if scheme.id in self.schemes and self.schemes.get(scheme.id) == scheme:
            return scheme.id
        return scheme_to_dict(scheme)

    def forget(self) -> None:
        """Drop the values shared while reading a document, so none outlives its load."""
        for memo in self.memos:
            memo.clear()

    # -- documents -----------------------------------------------------------------------

    def structure_document(self, data: object, cls: type[T] = Register,  # type: ignore[assignment]
                           *, source: str | None = None) -> T:
        """Build *cls* from JSON-ready *data*; a :class:`~riskmodel.LoadError` says where."""
        with paused_gc():
            try:
                return self.structure(data, cls)
            except LoadError as exc:
                raise _sourced(exc, source) from None
            except Exception as fast:  # the fast path has no paths: ask the detailed twin
                raise self._locate(data, cls, source, fast) from None

    def _locate(self, data: object, cls: type, source: str | None, fast: Exception) -> LoadError:
        try:
            plain = _to_plain(data)
        except LoadError as exc:
            return _sourced(exc, source)
        if self._detailed is None:
            self._detailed = DocumentConverter(self.schemes, scheme=self.scheme,
                                               detailed_validation=True)
        try:
            self._detailed.structure(plain, cls)
        except LoadError as exc:
            return _sourced(exc, source)
        except Exception as exc:
            path, problem = next(error_paths(exc))
            return LoadError(path, problem, source)
        path, problem = next(error_paths(fast))  # the twins disagree: report what the fast one saw
        return LoadError(path, problem, source)

    def problems(self, text: str | bytes, cls: type = Register, *,
                 source: str | None = None) -> tuple[LoadError, ...]:
        """Every fault of a document, each with its JSON path; empty when it loads.

        :meth:`loads` stops at the first fault; this reads on and reports the faults of
        every field it can reach (a broken scheme stops the rest, since the risks are
        scored on it).
        """
        with paused_gc():
            try:
                data = _versioned(_parse(text, source), source)
                plain = _to_plain(data)
            except LoadError as exc:
                return (_sourced(exc, source),)
            if self._detailed is None:
                self._detailed = DocumentConverter(self.schemes, scheme=self.scheme,
                                                   detailed_validation=True)
            try:
                self._detailed.structure(plain, cls)
            except LoadError as exc:
                return (_sourced(exc, source),)
            except Exception as exc:
                return tuple(LoadError(path, problem, source)
                             for path, problem in error_paths(exc))
            return ()

    def loads(self, text: str | bytes, cls: type[T] = Register,  # type: ignore[assignment]
              *, source: str | None = None) -> T:
        """A document from JSON text; errors give the JSON path, or the line and column."""
        with paused_gc():  # parsing makes as many small objects as building does
            data = _parse(text, source)
            return self.structure_document(_versioned(data, source), cls, source=source)

    def dumps(self, value: Any, *, indent: int | None = 2) -> str:
        """The value as a JSON document, with its ``format_version``; ``loads`` reads it back.

        *indent* is 2 by default; ``None`` writes compact JSON with no spaces. With the
        ``fast`` extra installed (orjson) the text is the same, only sooner.
        """
        with paused_gc():
            document = {"format_version": FORMAT_VERSION, **self.unstructure(value)}
            data = _orjson_bytes(document, indent)
            if data is not None:
                return data.decode("utf-8")
            text = _json_text(document, indent)
            if not text.isascii():  # ASCII text cannot hold a lone surrogate
                _encoded(text, document)
            return text

    def dump_bytes(self, value: Any, *, indent: int | None = 2) -> bytes:
        """The document as UTF-8 bytes; text that UTF-8 cannot hold is a located error."""
        with paused_gc():
            document = {"format_version": FORMAT_VERSION, **self.unstructure(value)}
            data = _orjson_bytes(document, indent)
            return data if data is not None else _encoded(_json_text(document, indent),
                                                          document)

    def load(self, file: str | os.PathLike[str] | IO[str] | IO[bytes],
             cls: type[T] = Register, *, max_bytes: int | None = None) -> T:  # type: ignore[assignment]
        """A document from a JSON file (a path or an open file)."""
        if isinstance(file, str | os.PathLike):
            name = os.fspath(file)
            data = read_bytes(name, lambda where, problem: LoadError("", problem, where),
                              limit=max_bytes)
            return self.loads(data, cls, source=name)
        return self.loads(file.read(), cls, source=getattr(file, "name", None))

    def dump(self, value: Any, file: str | os.PathLike[str] | IO[str], *,
             indent: int | None = 2) -> None:
        """Write the value as a JSON document: to a path atomically, or to an open file."""
        if isinstance(file, str | os.PathLike):
            try:
                data = self.dump_bytes(value, indent=indent)
            except OutputError as exc:
                raise OutputError(os.fspath(file), exc.problem) from None
            write_atomic(file, data)
        else:
            file.write(self.dumps(value, indent=indent))


def _sourced(error: LoadError, source: str | None) -> LoadError:
    if source is None or error.source is not None:
        return error
    return LoadError(error.path, error.problem, source, line=error.line, column=error.column)


_orjson: Any
try:  # the ``fast`` extra: the same bytes, sooner
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised by the tests that hide it
    _orjson = None

_msgspec_decode: Callable[[bytes], Any] | None
try:  # also in the ``fast`` extra: it reads a register sooner than orjson does
    import msgspec.json as _msgspec_json

    _msgspec_decode = _msgspec_json.Decoder().decode
except ImportError:  # pragma: no cover - exercised by the tests that hide it
    _msgspec_decode = None

#: Where orjson's number forms differ from Python's (``1e-6`` for ``1e-06``, ``0.00001``
#: for ``1e-05``); if the output holds either, it is written again by the json module.
_ORJSON_EXPONENT = re.compile(rb"e-[0-9](?![0-9])")


def _orjson_bytes(document: dict[str, Any], indent: int | None) -> bytes | None:
    """The document written by orjson, or ``None`` where the json module must write it.

    Two-space indents and a final new line, or compact: the same bytes the json module
    writes. Where orjson would print a number otherwise (``1e-6`` for ``1e-06``), or
    cannot write the value at all (a lone surrogate, an integer beyond 64 bits), the json
    module writes it instead.
    """
    if _orjson is None or indent not in (None, 2):
        return None
    option = (_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE) if indent else 0
    try:
        out: bytes = _orjson.dumps(document, option=option)
    except TypeError:
        return None
    if b"0.0000" in out or _ORJSON_EXPONENT.search(out):
        return None
    return out


def _json_text(document: dict[str, Any], indent: int | None) -> str:
    """The document written by the json module: as orjson writes it, spaces and all."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(document, indent=indent, ensure_ascii=False, separators=separators)
    return text + ("\n" if indent else "")


def _encoded(text: str, document: Any) -> bytes:
    """The text as UTF-8; a lone surrogate is an error that names its JSON path."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        path = next(_bad_text(document, "$", bad), "$")
        raise OutputError(
            "<document>", f"{path}: text holds {bad!r}, which is not a character (a lone "
            "surrogate) and cannot be written as UTF-8; nothing was written",
        ) from None


def _bad_text(value: Any, path: str, bad: str) -> Iterator[str]:
    if isinstance(value, str):
        if bad in value:
            yield path
    elif isinstance(value, dict):
        for key, inner in value.items():
            if bad in key:
                yield path
            yield from _bad_text(inner, f"{path}.{key}", bad)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _bad_text(inner, f"{path}[{index}]", bad)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _parse(data: str | bytes, source: str | None) -> Any:
    """The JSON value of *data*, each object as its pairs (or, from orjson, as a dict)."""
    fast = _orjson_parse(data)
    if fast is not _UNREAD:
        return fast
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line, column = position(bytes(data), exc.start)
            raise LoadError("", f"byte 0x{data[exc.start]:02x} is not UTF-8 text", source,
                            line=line, column=column) from None
    else:
        text = data.removeprefix("\ufeff")
    try:
        parsed = json.loads(text, object_pairs_hook=tuple, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise LoadError("", f"not valid JSON: {exc.msg}", source,
                        line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise LoadError("", "the JSON is nested too deeply to read", source) from None
    except ValueError as exc:  # NaN or Infinity, or an integer of thousands of digits
        problem = str(exc) if "JSON number" in str(exc) else "a number has too many digits"
        raise LoadError("", f"not valid JSON: {problem}", source) from None
    escaped = "\\" in text and ("\\ud" in text or "\\uD" in text)  # one fast scan if none
    if escaped or (type(data) is str and not text.isascii() and _unencodable(text)):
        path = next(_lone_surrogates(parsed, "$"), None)
        if path is not None:
            raise LoadError(path, "the text holds a lone surrogate (half of a character "
                            "escape), which is not a character", source)
    return parsed


#: What :func:`_orjson_parse` gives when orjson did not read the document.
_UNREAD: Any = object()


def _orjson_parse(data: str | bytes) -> Any:
    """The JSON value of *data* read by the ``fast`` extra, or ``_UNREAD``.

    msgspec reads it where installed (sooner), else orjson. Both keep the last of a
    repeated key without a word, so the reading is used only when orjson, writing the
    value back, gives the very bytes that were read: compact, or indented by two spaces,
    as :meth:`DocumentConverter.dumps` writes. Then no key was repeated or lost, no
    number was read otherwise than the json module reads it, and no text holds a lone
    surrogate; the value is the one the json module would read, with each object a dict.
    Anything else is read by the json module, which says what is wrong where.
    """
    if _orjson is None:
        return _UNREAD
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:
            return _UNREAD
    else:
        raw = bytes(data)
    try:
        value = (_msgspec_decode or _orjson.loads)(raw)
    except (ValueError, RecursionError):  # broken JSON, or nested too deeply to read
        return _UNREAD
    indented = raw[1:2] == b"\n"
    option = (_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE) if indented else 0
    try:
        written = _orjson.dumps(value, option=option)
    except TypeError:  # nested deeper than orjson writes
        return _UNREAD
    return value if written == raw else _UNREAD


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _lone_surrogates(value: object, path: str) -> Iterator[str]:
    """The JSON paths of texts that hold a lone surrogate, which UTF-8 cannot write."""
    stack: list[tuple[object, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if type(item) is str:
            if not item.isascii() and _unencodable(item):
                yield where
        elif type(item) is tuple:
            for key, inner in reversed(item):
                if _unencodable(key):
                    yield where
                stack.append((inner, f"{where}.{key}"))
        elif type(item) is list:
            stack.extend((inner, f"{where}[{index}]") for index, inner in
                         reversed(list(enumerate(item))))


def _versioned(data: object, source: str | None) -> dict[str, Any] | Pairs:
    """The document without its ``format_version``, which must be this riskmodel's."""
    if type(data) is not tuple and not isinstance(data, dict):
        raise LoadError("$", f"expected a document object, not {_json_type(data)}", source)
    try:
        found = _object(data)
    except _DuplicateKey as exc:
        raise LoadError("$", str(exc), source) from None
    if "format_version" not in found:
        raise LoadError("$.format_version", "required key missing", source)
    version = found["format_version"]
    if type(version) is not int or version != FORMAT_VERSION:
        raise LoadError("$.format_version",
                        f"this riskmodel reads format {FORMAT_VERSION}, not "
                        f"{describe_value(_json_value(version))}", source)
    if type(data) is tuple:
        return tuple(pair for pair in data if pair[0] != "format_version")
    return {k: v for k, v in found.items() if k != "format_version"}


def _json_type(value: object) -> str:
    names = {type(None): "null", bool: "true or false", int: "a number", float: "a number",
             str: "text", list: "a list", dict: "an object", tuple: "an object"}
    return names.get(type(value), type(value).__name__)


# -- errors --------------------------------------------------------------------------------


def _attribute_error(cls: type, name: str, exc: Exception) -> ClassValidationError:
    exc.__notes__ = [AttributeValidationNote(f"Structuring {cls.__name__} @ {name}", name, str)]
    return ClassValidationError(f"While structuring {cls.__name__}", [exc], cls)


def _item_error(tp: Any, index: int, exc: Exception) -> IterableValidationError:
    exc.__notes__ = [IterableValidationNote(f"@ index {index!r}", index, tp)]
    return IterableValidationError(f"While structuring {tp!r}", [exc], tp)


# -- hooks -------------------------------------------------------------------------------


def _configure(conv: DocumentConverter) -> None:
    detailed = conv.detailed_validation
    conv.register_structure_hook(str, _text)
    conv.register_structure_hook(Choice, _choice)  # a str too, but a closed set of words
    conv.register_structure_hook(float, _number)
    conv.register_structure_hook(int, _whole)
    conv.register_structure_hook(bool, _flag)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(Level, lambda level: level.code)
    configure_union_passthrough(str | int | float | bool | None, conv)
    conv.register_structure_hook(ScoringScheme, _scheme_hook(conv))
    conv.register_unstructure_hook(ScoringScheme, conv.unstructure_scheme)
    conv.register_structure_hook(Placement, _placement_hook(conv))
    conv.register_unstructure_hook(Placement, _unstructure_placement)
    conv.register_unstructure_hook(Finding, _unstructure_finding)
    conv.register_unstructure_hook_factory(_is_tuple, lambda cls: _unstructure_tuple(conv, cls))
    conv.register_structure_hook_factory(_is_tuple, lambda cls: _tuple_hook(conv, cls, detailed))
    conv.register_structure_hook_factory(attrs.has, lambda cls: _class_hook(conv, cls))
    conv.register_unstructure_hook_factory(attrs.has, lambda cls: _unstructure_class(conv, cls))


def _scheme_hook(conv: DocumentConverter) -> Callable[[object, type], ScoringScheme]:
    def structure(value: object, _: type) -> ScoringScheme:
        if conv.scheme is not None:  # bound: the document's scheme was read first
            return conv.scheme
        return conv.structure_scheme(value)

    return structure


def _bound_scheme(conv: DocumentConverter, what: str) -> ScoringScheme:
    if conv.scheme is None:
        raise ValidationError(
            f"{what} is scored on a scheme: structure it inside its register, or with a "
            "converter bound to the scheme (converter.bind(scheme))"
        )
    return conv.scheme


def _level_hook(conv: DocumentConverter, axis: str) -> Callable[[object, type], Level]:
    def structure(value: object, _: type) -> Level:
        scheme = _bound_scheme(conv, "a level")
        return getattr(scheme, axis).level(_code(value), scheme_id=scheme.id)  # type: ignore[no-any-return]

    return structure


def _tuple_hook(conv: DocumentConverter, cls: Any, detailed: bool) -> Callable[[object, type], Any]:
    """A JSON list as a tuple (a text is not a list of characters)."""
    args = typing.get_args(cls)
    item = args[0]
    if len(args) != 2 or args[1] is not Ellipsis:  # a fixed tuple: a pair, for example
        hooks = [conv.get_structure_hook(arg) for arg in args]

        def structure_fixed(value: object, _: type) -> tuple[Any, ...]:
            if type(value) is not list or len(value) != len(args):
                raise ValueTypeError(f"a list of {len(args)} values", _json_value(value))
            return tuple([hook(v, arg) for hook, v, arg in zip(hooks, value, args, strict=True)])

        return structure_fixed
    inner = conv.get_structure_hook(item)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise ValueTypeError("a list", _json_value(value))
        if not detailed:
            return tuple([inner(v, item) for v in value])
        return tuple(gather(((index, lambda v=v: inner(v, item))  # type: ignore[misc]
                             for index, v in enumerate(value)), cls))

    if isinstance(_MAKES.get(inner), type):
        _MAKES[structure_tuple] = Each(_MAKES[inner])  # type: ignore[arg-type]
    return structure_tuple


def _unstructure_tuple(conv: DocumentConverter, cls: Any) -> Callable[[Any], list[Any]]:
    args = typing.get_args(cls)
    if len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if item in (str, int, float):
            return list
        inner = conv.get_unstructure_hook(item)
        return lambda value: [inner(v) for v in value]
    hooks = [conv.get_unstructure_hook(arg) for arg in args]
    return lambda value: [hook(v) for hook, v in zip(hooks, value, strict=True)]


def _pairs_hook(
    conv: DocumentConverter, tp: Any, detailed: bool, scale: str | None = None
) -> Callable[[object, type], Any]:
    """A tuple of ``(name, value)`` pairs, read from a JSON object.

    With *scale*, each value is a level code of that scale (or null, where the type
    allows ``None``), as for impact scored per dimension.
    """
    (pair,) = typing.get_args(tp)[:1]
    value_type = typing.get_args(pair)[1]
    if scale is not None:
        level = _level_hook(conv, scale)
        inner = _or_none(level) if _optional(value_type)[1] else level
    else:
        inner = conv.get_structure_hook(value_type)

    def structure(value: object, _: type) -> tuple[tuple[str, Any], ...]:
        found = _object(value)
        if not detailed:
            return tuple([(key, inner(item, value_type)) for key, item in found.items()])
        return tuple(gather(((key, lambda key=key, item=item: (  # type: ignore[misc]
            key, inner(item, value_type))) for key, item in found.items()), tp))

    return structure


def _unstructure_pairs(conv: DocumentConverter, tp: Any) -> Callable[[Any], dict[str, Any]]:
    (pair,) = typing.get_args(tp)[:1]
    inner = conv.get_unstructure_hook(typing.get_args(pair)[1])
    return lambda value: {key: inner(item) for key, item in value}


def _field_hooks(conv: DocumentConverter, cls: type) -> dict[str, Any]:
    """Per-field structure overrides, from each field's type and metadata."""
    hints = _hints(cls)
    detailed = conv.detailed_validation
    found: dict[str, Any] = {}
    for a in attrs.fields(cls):
        if not a.init:
            continue
        tp = hints[a.name]
        if a.metadata.get(OBJECT):
            found[a.name] = override(
                struct_hook=_pairs_hook(conv, tp, detailed, a.metadata.get(SCALE)))
        elif a.metadata.get(SCALE):
            hook = _level_hook(conv, a.metadata[SCALE])
            _, optional = _optional(tp)
            found[a.name] = override(struct_hook=_or_none(hook) if optional else hook)
        elif not detailed and a.converter is not None and not _passthrough(a, tp):
            found[a.name] = override(struct_hook=conv.get_structure_hook(tp))
        elif not detailed:
            inner, optional = _optional(tp)
            if optional and attrs.has(inner):  # skip cattrs' dispatch on every value
                found[a.name] = override(struct_hook=_or_none(conv.get_structure_hook(inner)))
    return found


def _or_none(hook: Callable[[object, type], Any]) -> Callable[[object, type], Any]:
    return lambda value, tp: None if value is None else hook(value, tp)


def _class_hook(conv: DocumentConverter, cls: Any) -> Callable[[object, type], Any]:
    """The structure hook of an attrs class, generated from its fields."""
    if _is_root(cls) and conv.scheme is None:
        return _root_hook(conv, cls)
    detailed = conv.detailed_validation
    bound = [a.name for a in attrs.fields(cls) if a.metadata.get(BOUND)]
    generated = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed,
        _cattrs_prefer_attrib_converters=not detailed, **_field_hooks(conv, cls),
    )
    name = cls.__name__

    def build(value: object) -> Any:
        found = _object(value)
        if bound:
            clash = [key for key in bound if key in found]
            if clash:
                raise ForbiddenExtraKeysError("", cls, set(clash))
            scheme = _bound_scheme(conv, f"a {name}")
            found = {**found, **dict.fromkeys(bound, scheme)}
        return generated(found, cls)

    shared, typed = _memoisable(cls)
    if detailed:
        return lambda value, _: build(value)
    if not shared:
        return _direct_hook(conv, cls, build) if not bound else (lambda value, _: build(value))
    # Objects read as pairs are shared by their pairs. Objects read as dicts are shared by
    # their values, taken in the order of their key set (their *shape*), each shape with
    # its own memos: the cheapest key there is. The last shape of each size is tried
    # first (keyed by the size), and a dict with as many keys that has each of its keys
    # is of that shape. A class whose fields hold numbers keeps a key holding one apart
    # (*numbered*), by each number's type and printed form (:func:`_exact`): a key with
    # no number in it equals only a key of the very same texts, so a value found by it
    # needs no check.
    by_pairs: dict[object, Any] = {}
    numbered_pairs: dict[object, Any] = {}
    shapes: dict[object, _Shape] = {}
    conv.memos += [by_pairs, numbered_pairs, shapes]

    def structure_shared(value: object, _: type) -> Any:
        kind = value.__class__
        if kind is dict:
            size = len(value)  # type: ignore[arg-type]
            try:
                values, memo, numbered = shapes[size]
                key: Any = values(value)  # as many keys, each of them: that shape
            except KeyError:
                values, memo, numbered = shapes[size] = _shape_of(value, shapes)  # type: ignore[arg-type]
                key = values(value)
        elif kind is tuple:
            key, memo, numbered = value, by_pairs, numbered_pairs
        else:
            return build(value)
        try:
            found = memo.get(key)
        except TypeError:  # a list or an object inside: let the builder say what it is
            return build(value)
        if found is not None:
            return found
        if typed and _holds_number(key):  # kept apart, by each number's type and printing
            exact = _exact(key)
            found = numbered.get(exact)
            if found is None:
                found = numbered[exact] = build(value)
            return found
        found = memo[key] = build(value)
        return found

    _MAKES[structure_shared] = cls
    _SHAPES[structure_shared] = shapes
    return structure_shared


#: A key set of dicts read for one class: a getter of their values in one order, and the
#: values built, by those values (keys with no number) and by :func:`_exact` keys.
_Shape = tuple[Callable[[Any], Any], dict[object, Any], dict[object, Any]]


def _shape_of(value: dict[str, Any], shapes: dict[object, _Shape]) -> _Shape:
    """The shape of *value*'s keys, made the first time it is met."""
    keys = tuple(value)
    shape = shapes.get(keys)
    if shape is None:
        # A getter of one key gives its value alone, and of none, nothing: each is a key
        # only within its own shape.
        values = operator.itemgetter(*keys) if keys else _no_values
        shape = shapes[keys] = (values, {}, {})
    return shape


def _no_values(value: object) -> tuple[()]:
    return ()


#: The shapes of a hook that shares equal values (:func:`_class_hook`), which generated
#: code may look in before it calls the hook.
_SHAPES: weakref.WeakKeyDictionary[Callable[..., Any], dict[object, _Shape]] = (
    weakref.WeakKeyDictionary())


#: Hooks known to give exactly a value of a class (or, for a list, a tuple of them), or
#: raise: generated code may leave out a validator that only checks those types.
_MAKES: weakref.WeakKeyDictionary[Callable[..., Any], type | Each] = (
    weakref.WeakKeyDictionary())


def _holds_number(key: object) -> bool:
    """Whether *key* (values read from JSON, or pairs of them) holds a number or a bool."""
    kind = key.__class__
    if kind is tuple:
        return any(_holds_number(item) for item in key)  # type: ignore[attr-defined]
    return kind is int or kind is float or kind is bool


def _exact(key: object) -> object:
    """*key* with each number as its type and printed form: ``true``, ``1``, ``1.0`` and
    ``-0.0`` equal another of them, and the values built from them differ."""
    kind = key.__class__
    if kind is tuple:
        return tuple(_exact(item) for item in key)  # type: ignore[attr-defined]
    if kind is int or kind is float or kind is bool:
        return kind, repr(key)
    return key


_attrs_config: Any
try:  # the flag attrs.validators.set_disabled sets, which attrs' __init__ reads
    from attr import _config as _attrs_config

    _attrs_config = _attrs_config if isinstance(
        getattr(_attrs_config, "_run_validators", None), bool) else None
except ImportError:  # pragma: no cover - a future attrs without it
    _attrs_config = None


def _immutable(value: object) -> bool:
    """Whether *value* cannot change: text, a number, a word, ``None``, or a tuple of them."""
    if value is None or type(value) in (str, int, float, bool) or isinstance(value, Choice):
        return True
    return type(value) is tuple and all(_immutable(item) for item in value)


def _converted_default(a: attrs.Attribute[Any]) -> tuple[bool, Any]:
    """``(True, value)`` when the field's default may be converted once and shared.

    That needs a converter declared pure (:data:`~riskmodel._validate.PURE`) that accepts
    the default and gives a value that cannot change; otherwise the converter runs on the
    default for each value built, as ``__init__`` runs it.
    """
    converter: Any = a.converter
    if converter not in PURE:
        return False, None
    try:
        converted = converter(a.default)
    except Exception:  # __init__ will raise it, value by value
        return False, None
    return _immutable(converted), converted


def _direct_hook(
    conv: DocumentConverter, cls: Any, build: Callable[[object], Any]
) -> Callable[[object, type], Any]:
    """The fast hook, generated from the fields: a JSON object's pairs straight into the class.

    Text, number and word values go to the field's converter as they are (the converters
    refuse any other type); the other fields go through their hooks first. The instance
    is then made as its ``__init__`` makes it: each field's converter, the converted
    default for a missing key, and the validators in field order (unless attrs'
    validators are disabled). A test holds the two to the same results. The object may
    be a dict or its pairs. Anything out of the ordinary (a repeated, unknown or missing
    key, a value that is not an object) goes to *build*, the hook generated by cattrs,
    which says what is wrong.
    """
    if not constructible(cls):
        return lambda value, _: build(value)
    hints = _hints(cls)
    overrides = _field_hooks(conv, cls)
    fields = attrs.fields(cls)
    names: dict[str, Any] = {"__cls": cls, "__build": build, "__tuple": tuple, "__dict": dict,
                             "__list": list, "__len": len, "__new": object.__new__,
                             "__str": str, "__disabled": attrs.validators.get_disabled,
                             "__config": _attrs_config, "__unshared": (KeyError, TypeError)}
    lines = [
        "def structure_direct(value, _):",
        "    if value.__class__ is __dict:",
        "        found = value",
        "    elif value.__class__ is __tuple:",
        "        found = __dict(value)",
        "        if __len(found) != __len(value):",
        "            return __build(value)",
        "    else:",
        "        return __build(value)",
        "    self = __new(__twin)",
        "    missing = 0",  # the fields not given: the rest of the keys must be fields
    ]
    # slots set by plain stores and the class then swapped in, or each through its descriptor
    plain = worth_twin(cls)
    names["__twin"] = cls if plain is None else plain
    checks = []
    made: dict[str, _Made] = {}
    for a in fields:
        name = a.name
        built, made[name] = _built_expression(conv, a, hints[name], overrides.get(name), names)
        names[f"__s_{name}"] = cls.__dict__[name].__set__
        store = f"__s_{name}(self, {{}})" if plain is None else f"self.{name} = {{}}"
        given = [f"        item = found[{name!r}]", "        " + store.format(built)]
        shapes = _SHAPES.get(names[f"__h_{name}"]) if built == _optional_call(name) else None
        if shapes is not None:  # equal values shared: the lookup written out here
            names[f"__shapes_{name}"] = shapes
            given = _shared_lines(name, store)
        if a.default is attrs.NOTHING:
            lines += [f"    if {name!r} not in found:", "        return __build(value)",
                      *(line.removeprefix("    ") for line in given)]
        else:
            lines += [f"    if {name!r} in found:", *given, "    else:",
                      "        missing += 1",
                      "        " + store.format(_default_expression(a, names))]
        if a.default is not attrs.NOTHING and not _holds(_default_value(a), made[name]):
            made[name] = None  # a missing key gives a value not known to be of that kind
    for a in fields:
        name = a.name
        if a.validator is not None and not _proved(a.validator, made):
            names[f"__v_{name}"], names[f"__a_{name}"] = a.validator, a
            call = f"__v_{name}(self, __a_{name}, self.{name})"
            if a.validator in PASSES:  # called only for a value that fails its quick test
                checks += [f"        if not ({PASSES[a.validator].format(f'self.{name}')}):",
                           f"            {call}"]
            else:
                checks.append(f"        {call}")
    lines += [f"    if __len(found) != {len(fields)} - missing:  # a key that is no field",
              "        return __build(value)"]
    if plain is not None:
        lines.append("    self.__class__ = __cls")
    if checks:  # attrs' own __init__ reads its flag; where it cannot be read, ask for it
        running = "__config._run_validators is True" if _attrs_config else "not __disabled()"
        lines += [f"    if {running}:", *checks]
    lines.append("    return self")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<riskmodel direct structure {cls.__name__}>", "exec"),
         names, namespace)
    hook: Callable[[object, type], Any] = namespace["structure_direct"]
    _MAKES[hook] = cls
    return hook


#: What generated code is known to give for a field: exactly one of these classes, a
#: tuple of exactly this class (``Each``), or ``None`` where nothing is known.
_Made = tuple[type, ...] | Each | None


def _holds(value: object, made: _Made) -> bool:
    """Whether *value* (a field's default) is of the kind *made* says."""
    if isinstance(made, Each):
        return type(value) is tuple and all(type(item) is made.kind for item in value)
    return made is not None and type(value) in made


def _default_value(a: attrs.Attribute[Any]) -> object:
    """The value a missing key gives field *a*, where it is one value; else a marker."""
    shared, converted = _converted_default(a)
    if shared:
        return converted
    return _VARIES if a.converter is not None or isinstance(
        a.default, attrs.Factory) else a.default  # type: ignore[arg-type]


#: What :func:`_default_value` gives for a default made anew for each value built.
_VARIES: Any = object()


def _proved(validator: Any, made: dict[str, _Made]) -> bool:
    """Whether *validator* only checks types that the generated code has already made."""
    expected = TYPES_CHECKED.get(validator)
    if expected is None:
        return False
    for name, kind in expected.items():
        have = made.get(name)
        if isinstance(kind, Each):
            if not (isinstance(have, Each) and issubclass(have.kind, kind.kind)):
                return False
        else:
            kinds = kind if isinstance(kind, tuple) else (kind,)
            if not isinstance(have, tuple) or not all(issubclass(one, kinds) for one in have):
                return False
    return True


def _built_expression(conv: DocumentConverter, a: attrs.Attribute[Any], tp: Any,
                      override: Any, names: dict[str, Any]) -> tuple[str, _Made]:
    """Python source that makes field *a* from the given value ``item``, as ``__init__``
    would, and what it is known to make."""
    name = a.name
    inner, optional = _optional(tp)
    plain = not (a.metadata.get(SCALE) or a.metadata.get(OBJECT))
    args = typing.get_args(tp)
    made: _Made = None
    if plain and len(args) == 2 and args[1] is Ellipsis and _is_tuple(tp) and attrs.has(args[0]):
        # a list of objects: each built by its class's hook, in a loop written here
        names[f"__h_{name}"], names[f"__t_{name}"] = conv.get_structure_hook(tp), tp
        names[f"__e_{name}"], names[f"__et_{name}"] = conv.get_structure_hook(args[0]), args[0]
        other = f"__h_{name}(item, __t_{name})"  # not a list: its hook says what is wrong
        each = _MAKES.get(names[f"__e_{name}"])
        if isinstance(each, type) and _MAKES.get(names[f"__h_{name}"]) == Each(each):
            made = Each(each)
        keeps: Any = a.converter
        kept = made is not None and keeps in KEEPS  # the tuple built here needs no converter
        if kept:
            names[f"__c_{name}"] = keeps
            other = f"__c_{name}({other})"
        built = (f"(__tuple([__e_{name}(v, __et_{name}) for v in item]) "
                 f"if item.__class__ is __list else {other})")
        if kept:
            return built, made
    elif override is not None and not (plain and optional and attrs.has(inner)):
        names[f"__h_{name}"], names[f"__t_{name}"] = override.struct_hook, tp
        built = f"__h_{name}(item, __t_{name})"
        made = _made_by(override.struct_hook)
    elif a.converter is not None and _passthrough(a, tp):
        built = "item"
    elif optional and attrs.has(inner):
        names[f"__h_{name}"], names[f"__t_{name}"] = conv.get_structure_hook(inner), inner
        built = _optional_call(name)
        kinds = _made_by(names[f"__h_{name}"])
        made = None if kinds is None else (*kinds, type(None))
    else:
        names[f"__h_{name}"], names[f"__t_{name}"] = conv.get_structure_hook(tp), tp
        built = f"__h_{name}(item, __t_{name})"
        made = _made_by(names[f"__h_{name}"])
    converter: Any = a.converter
    if converter is None:
        return built, made
    names[f"__c_{name}"] = converter
    if built == "item" and converter in ON_TEXT:  # text: the call written out
        return f"({ON_TEXT[converter].format('item')} if item.__class__ is __str else " \
               f"__c_{name}(item))", None
    return f"__c_{name}({built})", (made if converter in KEEPS else None)


def _optional_call(name: str) -> str:
    """Python source for an optional object field: ``None``, else its class's hook."""
    return f"(None if item is None else __h_{name}(item, __t_{name}))"


def _shared_lines(name: str, store: str) -> list[str]:
    """Python statements for an optional field whose class's hook shares equal values: a
    dict of a shape met before is looked up in that shape's memo here, and anything else
    (a new value or shape, pairs, ``None``, a value of another type) goes to the hook."""
    call = f"__h_{name}(item, __t_{name})"
    return [f"        item = found[{name!r}]",
            "        if item.__class__ is __dict:",
            "            try:",
            f"                shape = __shapes_{name}[__len(item)]",
            "                made = shape[1].get(shape[0](item))",
            "            except __unshared:  # another shape, or a list or object inside",
            "                made = None",
            "            if made is None:",
            f"                made = {call}",
            "        else:",
            f"            made = None if item is None else {call}",
            "        " + store.format("made")]


def _made_by(hook: Callable[..., Any]) -> tuple[type, ...] | None:
    """The class *hook* is known to make, as a one-class tuple."""
    made = _MAKES.get(hook)
    return (made,) if isinstance(made, type) else None


def _default_expression(a: attrs.Attribute[Any], names: dict[str, Any]) -> str:
    """Python source for field *a* when its key is missing, as ``__init__`` makes it."""
    name = a.name
    default_value: Any = a.default
    if isinstance(default_value, attrs.Factory):  # type: ignore[arg-type]
        names[f"__f_{name}"] = default_value.factory
        default = f"__f_{name}()"
        return f"__c_{name}({default})" if a.converter is not None else default
    shared, converted = _converted_default(a)
    names[f"__d_{name}"] = converted if shared else a.default
    if a.converter is not None and not shared:
        return f"__c_{name}(__d_{name})"
    return f"__d_{name}"


def _root_hook(conv: DocumentConverter, cls: Any) -> Callable[[object, type], Any]:
    """A document (a register): its scheme first, then the rest through a bound converter."""

    def structure_root(value: object, _: type) -> Any:
        found = _object(value)
        if "scheme" not in found:
            raise _attribute_error(cls, "scheme", KeyError("scheme"))
        try:
            scheme = conv.structure_scheme(found["scheme"])
        except LoadError:
            raise
        except Exception as exc:
            raise _attribute_error(cls, "scheme", exc) from None
        bound = conv.bind(scheme)
        try:
            document = bound.structure(value, cls)
        finally:  # equal values are shared within one document, never kept after it
            bound.forget()
        if isinstance(document, RegisterDiff):  # its changes must be what its risks make
            try:
                document.verify()
            except ValidationError as exc:
                raise LoadError(f"$.{exc.path}", exc.problem) from None
        return document

    return structure_root


_SCALARS = (str, int, float, bool)


def _value_expression(conv: DocumentConverter, tp: Any, names: dict[str, Any],
                      name: str, var: str) -> str:
    """Python source that writes the value *var* of type *tp* in its JSON form."""
    tp, _ = _optional(tp)
    if tp in _SCALARS:
        return var
    if isinstance(tp, type) and issubclass(tp, Choice):
        return f"{var}.value"
    if tp is dt.date:
        return f"{var}.isoformat()"
    if tp is Decimal:
        return f"str({var})"
    if tp is Level:
        return f"{var}.code"
    if _is_tuple(tp):
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] in _SCALARS:
                return f"list({var})"
            inner = _value_expression(conv, args[0], names, f"{name}_item", "item")
            return f"[{inner} for item in {var}]"
    names[f"__u_{name}"] = conv.get_unstructure_hook(tp)
    return f"__u_{name}({var})"


def _unstructure_class(conv: DocumentConverter, cls: Any) -> Callable[[Any], Any]:
    """The unstructure hook of an attrs class, generated from its fields.

    A field is written only when it differs from its default, so a key is present
    exactly when it says something; a scheme-bound field is never written (the document
    carries the scheme once), a level is its code, pairs marked as an object are one.
    """
    hints = _hints(cls)
    names: dict[str, Any] = {}
    lines = [f"def unstructure_{cls.__name__}(value):", "    out = {}"]
    written = [a for a in attrs.fields(cls)
               if not (a.metadata.get(BOUND) or a.name.startswith("_") or not a.init)]
    # The keys that have no default come first (a register's scheme, a risk's id).
    written.sort(key=lambda a: a.default is not attrs.NOTHING)
    for a in written:
        tp = hints[a.name]
        if a.metadata.get(OBJECT):
            pair = typing.get_args(_optional(tp)[0])[0]
            inner = _value_expression(conv, typing.get_args(pair)[1], names, a.name, "item")
            if _optional(typing.get_args(pair)[1])[1]:
                inner = f"(None if item is None else {inner})"
            expression = f"{{key: {inner} for key, item in found}}"
        else:
            expression = _value_expression(conv, tp, names, a.name, "found")
        lines.append(f"    found = value.{a.name}")
        default = a.default
        if default is attrs.NOTHING:
            lines.append(f"    out[{a.name!r}] = {expression}")
            continue
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if default is None:
            condition = "found is not None"
        elif isinstance(default, str | tuple) and not default:
            condition = "found"
        else:
            names[f"__d_{a.name}"] = default
            condition = f"found != __d_{a.name}"
        lines += [f"    if {condition}:", f"        out[{a.name!r}] = {expression}"]
    lines.append("    return out")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<riskmodel unstructure {cls.__name__}>", "exec"),
         names, namespace)
    return namespace[f"unstructure_{cls.__name__}"]  # type: ignore[no-any-return]


def _placement_hook(conv: DocumentConverter) -> Callable[[object, type], Placement]:
    """A heat-map placement is printed flat: ``{"ref": …, "likelihood": …, "impact": …}``."""

    def structure(value: object, _: type) -> Placement:
        found = _object(value)
        extra = found.keys() - {"ref", "likelihood", "impact"}
        if extra:
            raise ForbiddenExtraKeysError("", Placement, set(extra))
        scheme = _bound_scheme(conv, "a placement")
        for key in ("ref", "likelihood", "impact"):
            if key not in found:
                raise _attribute_error(Placement, key, KeyError(key))
        levels = []
        for key in ("likelihood", "impact"):
            try:
                levels.append(getattr(scheme, key).level(_code(found[key]), scheme_id=scheme.id))
            except Exception as exc:
                raise _attribute_error(Placement, key, exc) from None
        try:
            ref = _text(found["ref"], str)
        except Exception as exc:
            raise _attribute_error(Placement, "ref", exc) from None
        return Placement(ref, scheme.score(*levels))

    return structure


def _unstructure_placement(p: Placement) -> dict[str, Any]:
    return {"ref": p.ref, "likelihood": p.score.likelihood.code, "impact": p.score.impact.code}


def _unstructure_finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "risk_id": finding.risk_id,
        "stage": None if finding.stage is None else str(finding.stage),
        "message": finding.message,
        "evidence": dict(finding.evidence),
    }


# -- the factory and the functions over it -------------------------------------------------


def make_converter(
    *, schemes: SchemeRegistry | None = None, detailed_validation: bool = False
) -> DocumentConverter:
    """A converter for riskmodel's JSON documents.

    *schemes* resolves the scheme ids that documents name (default: a registry of the
    built-in schemes). *detailed_validation* makes every structuring error carry its
    path, at some cost in speed; :meth:`DocumentConverter.loads` finds the path of a
    fault either way.
    """
    return DocumentConverter(
        schemes if schemes is not None else builtin_schemes(),
        detailed_validation=detailed_validation,
    )


#: Converters made for the registries passed to the module-level functions.
#: The converter of each registry passed to the functions below. A converter holds its
#: registry only through a weak proxy, so both go when the user drops the registry.
_CONVERTERS: weakref.WeakKeyDictionary[SchemeRegistry, DocumentConverter] = (
    weakref.WeakKeyDictionary()
)


@functools.cache
def _default() -> DocumentConverter:
    return make_converter()


def _converter_for(schemes: SchemeRegistry | None) -> DocumentConverter:
    if schemes is None:
        return _default()
    found = _CONVERTERS.get(schemes)
    if found is None:
        proxy = typing.cast(SchemeRegistry, weakref.proxy(schemes))
        found = _CONVERTERS[schemes] = make_converter(schemes=proxy)
    return found


def structure(data: object, cls: type[T], *, schemes: SchemeRegistry | None = None,
              scheme: ScoringScheme | None = None) -> T:
    """Build a model value of *cls* from JSON-ready *data*; ``LoadError`` says where it is wrong.

    Values scored on a scheme outside a register (a :class:`~riskmodel.Risk`) need it:
    pass *scheme*.
    """
    converter = _converter_for(schemes)
    if scheme is not None:
        converter = converter.bind(scheme)
    return converter.structure_document(data, cls)


def unstructure(value: object, *, schemes: SchemeRegistry | None = None) -> Any:
    """The JSON-ready form of a model value."""
    return _converter_for(schemes).unstructure(value)


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A check finding as JSON-ready data: the shape of ``riskmodel check --json``."""
    return _unstructure_finding(finding)


def loads(text: str | bytes, *, schemes: SchemeRegistry | None = None,
          source: str | None = None) -> Register:
    """Load a register from JSON text.

    *schemes* resolves scheme ids (default: the built-in schemes). Errors are
    ``LoadError`` with the JSON path, or the line and column of broken JSON.
    """
    return _converter_for(schemes).loads(text, source=source)


def dumps(register: Register, *, indent: int | None = 2,
          schemes: SchemeRegistry | None = None) -> str:
    """The register as a JSON document; ``loads(dumps(r)) == r``.

    A scheme that equals a registered one is written as its id; any other scheme is
    written out in full, so the document stands alone.
    """
    return _converter_for(schemes).dumps(register, indent=indent)


def load(file: str | os.PathLike[str] | IO[str] | IO[bytes], *,
         schemes: SchemeRegistry | None = None, max_bytes: int | None = None) -> Register:
    """Load a register from a JSON file path or an open file.

    A path must name a regular file no larger than *max_bytes* (default 256 MiB).
    """
    return _converter_for(schemes).load(file, max_bytes=max_bytes)


def validate(file: str | os.PathLike[str], *, schemes: SchemeRegistry | None = None,
             max_bytes: int | None = None) -> tuple[LoadError, ...]:
    """Every fault of the register document at *file*; empty when it loads.

    >>> import riskmodel
    >>> riskmodel.validate("examples/registers/fenbridge-corporate-2026-q3.json")
    ()
    """
    name = os.fspath(file)
    try:
        data = read_bytes(name, lambda where, problem: LoadError("", problem, where),
                          limit=max_bytes)
    except LoadError as exc:
        return (exc,)
    return _converter_for(schemes).problems(data, source=name)


def dump(register: Register, file: str | os.PathLike[str] | IO[str], *,
         indent: int | None = 2, schemes: SchemeRegistry | None = None) -> None:
    """Write the register as a JSON document to a path (atomically) or an open text file."""
    _converter_for(schemes).dump(register, file, indent=indent)

