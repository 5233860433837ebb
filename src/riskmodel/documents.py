"""Scheme and mapping files as document classes: one shape for reading, writing and the schema.

A scheme file (TOML, or the ``scheme`` object inside a register's JSON) is structured by
cattrs into :class:`SchemeDocument`, then built into a :class:`~riskmodel.ScoringScheme`;
:func:`scheme_to_dict` goes the other way through the same classes, and the JSON Schema of
the ``scheme`` object is generated from them too. Mapping files work the same way through
:class:`MappingDocument`. Every error names the file and the key at fault, for example
``tiny.toml: $.impact.levels[2].value: expected a number, not text``.

>>> import riskmodel
>>> data = scheme_to_dict(riskmodel.builtin_schemes().get("generic-4x4"))
>>> scheme_from_dict(data) == riskmodel.builtin_schemes().get("generic-4x4")
True
>>> scheme_from_dict({"id": "x", "name": "X"}, source="x.toml")
Traceback (most recent call last):
...
riskmodel.errors.SchemeError: x.toml: $.likelihood: required key missing
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NewType, TypeVar

import attrs
import cattrs
from attrs import define, field
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from riskmodel._validate import Choice, finite, member
from riskmodel.appetite import AppetiteLevel, AtAppetite
from riskmodel.errors import RiskModelError, SchemeError, ValidationError, ValueTypeError
from riskmodel.mapping import MappingBasis, SchemeMapping
from riskmodel.scale import NOT_APPLICABLE, Level, Scale
from riskmodel.scheme import Band, Notation, NotationWords, RatingRule, RuleKind, ScoringScheme

__all__ = [
    "BandDocument",
    "CellMappingDocument",
    "LevelDocument",
    "MappingDocument",
    "NotationDocument",
    "NotationWordsDocument",
    "RatingDocument",
    "ScaleDocument",
    "SchemeDocument",
    "error_paths",
    "mapping_from_dict",
    "mapping_to_dict",
    "scheme_from_dict",
    "scheme_to_dict",
    "structure_document",
]

T = TypeVar("T")

#: A level's printed code, such as ``"2"`` or ``"B"``: text, or a whole number read as
#: its digits (TOML files often write ``code = 1``).
Code = NewType("Code", str)

# -- scheme documents ------------------------------------------------------------------------


@define
class LevelDocument:
    """One level of a scale: ``[[likelihood.levels]]`` in a scheme file."""

    code: Code
    label: str
    value: float
    description: str = ""
    #: ``[low, high]`` as fractions, for a likelihood defined by probability.
    probability: tuple[float, float] | None = None
    #: ``[low, high]`` in pounds, for an impact defined by money.
    amount: tuple[float, float] | None = None


@define
class ScaleDocument:
    """A scale: ``[likelihood]`` or ``[impact]``, its levels least severe first."""

    name: str
    levels: list[LevelDocument]
    #: Impact scored on several dimensions (financial, reputation …), combined by maximum.
    dimensions: list[str] = field(factory=list)
    #: Words that score a dimension as "does not apply".
    not_applicable: list[str] = field(factory=lambda: list(NOT_APPLICABLE))
    #: The dimension the levels' money bands describe.
    money_dimension: str = ""


@define
class RatingDocument:
    """``[rating]``: the rule, and for a ``table`` its columns (impact codes) and rows."""

    rule: RuleKind
    columns: list[Code] = field(factory=list)
    rows: dict[str, list[float]] = field(factory=dict)


@define
class BandDocument:
    """``[[bands]]``: a band by rating range (``minimum``/``maximum``) or by ``cells``."""

    key: str
    label: str = ""
    colour: str = ""
    minimum: float | None = None
    maximum: float | None = None
    cells: list[tuple[Code, Code]] = field(factory=list)
    #: More words and letters that registers print for the band (``A``, ``Amber/Medium``).
    words: list[str] = field(factory=list)
    #: The band of every cell no other band takes.
    catch_all: bool = False


_WORDS = NotationWords()


@define
class NotationWordsDocument:
    """``[notation.words]``: the words printed around codes, by what they mean."""

    likelihood: list[str] = field(factory=lambda: list(_WORDS.likelihood))
    impact: list[str] = field(factory=lambda: list(_WORDS.impact))
    rating: list[str] = field(factory=lambda: list(_WORDS.rating))
    band: list[str] = field(factory=lambda: list(_WORDS.band))
    joining: list[str] = field(factory=lambda: list(_WORDS.joining))


@define
class NotationDocument:
    """``[notation]``: how a score is printed (``2B``, ``B2``, ``4x5``, ``I4 L5 = 20``)."""

    order: str = "likelihood-impact"
    separator: str = ""
    likelihood_prefix: str = ""
    impact_prefix: str = ""
    show_value: bool = False
    rating_alone: bool = True
    words: NotationWordsDocument = field(factory=NotationWordsDocument)


@define
class SchemeDocument:
    """A whole scheme file. See ``docs/schemes.md`` for every key."""

    id: str
    name: str
    likelihood: ScaleDocument
    impact: ScaleDocument
    rating: RatingDocument
    description: str = ""
    notation: NotationDocument = field(factory=NotationDocument)
    bands: list[BandDocument] = field(factory=list)
    #: Orange Book level → the highest rating within that appetite.
    appetite: dict[AppetiteLevel, float] = field(factory=dict)
    #: What a rating equal to the appetite threshold is: within, reported, outside.
    at_appetite: AtAppetite = AtAppetite.WITHIN
    #: Whether the bands may leave some cells out.
    partial_bands: bool = False

    @classmethod
    def of(cls, scheme: ScoringScheme) -> SchemeDocument:
        """The document that :meth:`build` turns back into *scheme*."""

        def scale(s: Scale) -> ScaleDocument:
            return ScaleDocument(
                s.name,
                [LevelDocument(Code(lv.code), lv.label, lv.value, lv.description, lv.probability,
                               lv.amount)
                 for lv in s.levels],
                list(s.dimensions),
                list(s.not_applicable),
                s.money_dimension,
            )

        if scheme.rating.kind is RuleKind.TABLE:  # least severe row and column first
            rating = RatingDocument(
                scheme.rating.kind,
                [Code(code) for code in scheme.impact.codes],
                {lk.code: [_whole(scheme.rate(lk, im)) for im in scheme.impact]
                 for lk in scheme.likelihood},
            )
        else:
            rating = RatingDocument(scheme.rating.kind)
        n = scheme.notation
        words = NotationWordsDocument(*(list(getattr(n.words, a.name))
                                        for a in attrs.fields(NotationWords)))
        return cls(
            id=scheme.id,
            name=scheme.name,
            likelihood=scale(scheme.likelihood),
            impact=scale(scheme.impact),
            rating=rating,
            description=scheme.description,
            notation=NotationDocument(n.order, n.separator, n.likelihood_prefix,
                                      n.impact_prefix, n.show_value, n.rating_alone, words),
            bands=[BandDocument(b.key, b.label, b.colour, b.minimum, b.maximum,
                                [(Code(lc), Code(ic)) for lc, ic in b.cells],
                                list(b.words), b.catch_all)
                   for b in scheme.bands],
            appetite=dict(scheme.appetite),
            at_appetite=scheme.at_appetite,
            partial_bands=scheme.partial_bands,
        )

    def build(self) -> ScoringScheme:
        """The scheme; a :class:`~riskmodel.SchemeError` names the key at fault."""
        likelihood = _located("$.likelihood", lambda: _scale(self.likelihood, "$.likelihood"))
        impact = _located("$.impact", lambda: _scale(self.impact, "$.impact"))
        rating = _located("$.rating", lambda: _rating(self.rating))
        bands = [
            _located(f"$.bands[{i}]", lambda b=b: Band(  # type: ignore[misc]
                b.key, b.label, colour=b.colour, minimum=b.minimum, maximum=b.maximum,
                cells=b.cells, words=b.words, catch_all=b.catch_all))
            for i, b in enumerate(self.bands)
        ]
        n = self.notation
        w = n.words
        words = _located("$.notation.words", lambda: NotationWords(
            w.likelihood, w.impact, w.rating, w.band, w.joining))
        notation = _located("$.notation", lambda: Notation(
            n.order,  # type: ignore[arg-type]
            separator=n.separator, likelihood_prefix=n.likelihood_prefix,
            impact_prefix=n.impact_prefix, show_value=n.show_value,
            rating_alone=n.rating_alone, words=words,
        ))
        appetite = _located("$.appetite", lambda: [
            (level, finite(threshold)) for level, threshold in self.appetite.items()])
        return _located("$", lambda: ScoringScheme(
            self.id, self.name, likelihood, impact, rating=rating, bands=bands,
            notation=notation, appetite=appetite, description=self.description,
            at_appetite=self.at_appetite, partial_bands=self.partial_bands,
        ))


def _whole(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def _scale(doc: ScaleDocument, path: str) -> Scale:
    levels = [
        _located(f"{path}.levels[{i}]", lambda lv=lv: Level(  # type: ignore[misc]
            lv.code, lv.label, lv.value, description=lv.description,
            probability=lv.probability, amount=lv.amount))
        for i, lv in enumerate(doc.levels)
    ]
    return Scale(doc.name, levels, dimensions=doc.dimensions,
                 not_applicable=doc.not_applicable, money_dimension=doc.money_dimension)


def _rating(doc: RatingDocument) -> RatingRule:
    kind = doc.rule
    if kind is not RuleKind.TABLE:
        if doc.rows or doc.columns:
            raise ValidationError(f"a {kind} rule takes no rows or columns")
        return RatingRule(kind)
    table: list[tuple[str, str, float]] = []
    for likelihood, values in doc.rows.items():
        if len(values) != len(doc.columns):
            raise ValidationError(
                f"{len(values)} ratings for {len(doc.columns)} columns",
                f"rows{member(likelihood)}",
            )
        table.extend((likelihood, impact, v) for impact, v in zip(doc.columns, values, strict=True))
    return RatingRule(RuleKind.TABLE, table)


class _Located(Exception):
    """A model error, with the document path of the value that raised it."""

    def __init__(self, path: str, error: RiskModelError) -> None:
        super().__init__(path, error)
        self.path = path
        self.error = error


def _located(path: str, build: Callable[[], T]) -> T:
    try:
        return build()
    except _Located:
        raise
    except SchemeError as exc:  # a cross-field invariant of the scheme names its own key
        raise _Located(f"$.{exc.key}" if exc.key else path, exc) from None
    except RiskModelError as exc:
        inner = getattr(exc, "path", "")
        raise _Located(f"{path}.{inner}" if inner else path, exc) from None


def _problem(error: BaseException) -> str:
    """The message of *error* without the location it may already print."""
    if isinstance(error, SchemeError):
        return error.problem
    return str(getattr(error, "problem", None) or error)


# -- mapping documents -----------------------------------------------------------------------


@define
class CellMappingDocument:
    """``[[cells]]``: one source cell and the target cell it goes to, each as printed."""

    source: Code = field(metadata={"key": "from"})
    target: Code = field(metadata={"key": "to"})


@define
class MappingDocument:
    """A mapping file: where each level (or cell) of one scheme goes in another."""

    id: str
    source: str = field(metadata={"key": "from"})
    target: str = field(metadata={"key": "to"})
    lossless: bool = False
    description: str = ""
    likelihood: dict[Code, Code] = field(factory=dict)
    impact: dict[Code, Code] = field(factory=dict)
    cells: list[CellMappingDocument] = field(factory=list)
    #: ``levels`` (the default) or ``rating``: what the conversion goes by.
    by: MappingBasis = MappingBasis.LEVELS

    @classmethod
    def of(cls, mapping: SchemeMapping) -> MappingDocument:
        """The document that :meth:`build` turns back into *mapping*."""
        return cls(
            mapping.id, mapping.source, mapping.target, mapping.lossless, mapping.description,
            {Code(a): Code(b) for a, b in mapping.likelihood},
            {Code(a): Code(b) for a, b in mapping.impact},
            [CellMappingDocument(Code(a), Code(b)) for a, b in mapping.cells],
            mapping.by,
        )

    def build(self) -> SchemeMapping:
        """The mapping; a repeated source cell is an error that names it."""
        folded = [" ".join(c.source.split()).casefold() for c in self.cells]
        for index, key in enumerate(folded):
            if key in folded[:index]:
                raise _Located(f"$.cells[{index}].from", ValidationError(
                    f"{self.cells[index].source} is listed more than once"))
        return _located("$", lambda: SchemeMapping(
            id=self.id, source=self.source, target=self.target,
            likelihood=self.likelihood, impact=self.impact,
            cells=[(c.source, c.target) for c in self.cells],
            lossless=self.lossless, description=self.description, by=self.by,
        ))


# -- the document converter --------------------------------------------------------------------


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise ValueTypeError("text", value)
    return value


def _code(value: object, _: type) -> str:
    """A code: text, or a whole number taken as its digits (TOML codes are often ``1``)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueTypeError("a level code (text or a whole number)", value)
    return str(value)


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueTypeError("a number", value)
    return finite(value)  # TOML allows nan and inf


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueTypeError("true or false", value)
    return value


def _renames(cls: type) -> dict[str, Any]:
    """Fields written under another key (``from``, a Python keyword), from their metadata."""
    return {a.name: override(rename=a.metadata["key"])
            for a in attrs.fields(cls) if "key" in a.metadata}


def _objects_only(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """Class hooks that first say when the value is not a table, then name bad keys."""

    def factory(cls: Any) -> Callable[[object, type], Any]:
        generated = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True,
            **_renames(cls),
        )

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, Mapping):
                raise ValueTypeError("a table", value)
            return generated(value, cls)

        return structure

    return factory


def _unstructure_renamed(conv: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cls: Any) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **_renames(cls))

    return factory


def _is_dict(tp: object) -> bool:
    return typing.get_origin(tp) is dict


def gather(items: Iterable[tuple[int | str, Callable[[], T]]], tp: Any) -> list[T]:
    """Build every item, keeping each failure with its index or key for the error's path.

    One fault does not hide the next: they are raised together, as cattrs' detailed
    validation does, and :func:`error_paths` turns the index into ``[2]`` and the key
    into ``.name``.
    """
    out: list[T] = []
    errors: list[Exception] = []
    for where, build in items:
        try:
            out.append(build())
        except Exception as exc:
            label = f"@ index {where}" if isinstance(where, int) else f"@ {where}"
            exc.__notes__ = [IterableValidationNote(label, where, tp)]
            errors.append(exc)
    if errors:
        raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
    return out


def _dict_hook(conv: cattrs.Converter) -> Callable[[Any], Callable[[object, type], Any]]:
    """A TOML table of entries; anything else (an array, a value) is named."""

    def factory(tp: Any) -> Callable[[object, type], Any]:
        keys, values = typing.get_args(tp)
        key_hook, value_hook = conv.get_structure_hook(keys), conv.get_structure_hook(values)

        def structure(value: object, _: type) -> dict[Any, Any]:
            if not isinstance(value, Mapping):
                raise ValueTypeError("a table", value)
            return dict(gather(
                ((str(key), lambda key=key, item=item: (key_hook(key, keys),  # type: ignore[misc]
                                                        value_hook(item, values)))
                 for key, item in value.items()), values))

        return structure

    return factory


def _is_pair(tp: object) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and bool(args) and args[-1] is not Ellipsis


def _pair_hook(conv: cattrs.Converter) -> Callable[[Any], Callable[[object, type], Any]]:
    """A fixed-length array such as ``[low, high]``: its length is checked and named."""

    def factory(tp: Any) -> Callable[[object, type], Any]:
        args = typing.get_args(tp)
        hooks = [conv.get_structure_hook(arg) for arg in args]

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise ValueTypeError(f"an array of {len(args)} values", value)
            if len(value) != len(args):
                raise ValidationError(f"expected an array of {len(args)} values, not "
                                      f"{len(value)}")
            return tuple(gather(
                ((index, lambda hook=hook, arg=arg, item=item: hook(item, arg))  # type: ignore[misc]
                 for index, (hook, arg, item) in enumerate(zip(hooks, args, value, strict=True))),
                tp))

        return structure

    return factory


def _choice(value: object, tp: type[Choice]) -> Choice:
    """A word of a closed set (a rule, an appetite level); any other names the choices."""
    return tp(_strict_str(value, str))


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter for data files: strict scalars, unknown keys refused, paths kept."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(Code, _code)
    # A word of a closed set is a str too; its own hook comes first in its classes' order.
    conv.register_structure_hook(Choice, _choice)
    conv.register_structure_hook_factory(_is_dict, _dict_hook(conv))
    conv.register_structure_hook_factory(_is_pair, _pair_hook(conv))
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook_factory(attrs.has, _objects_only(conv))
    conv.register_unstructure_hook_factory(attrs.has, _unstructure_renamed(conv))
    return conv


def error_paths(exc: BaseException, path: str = "$") -> Iterator[tuple[str, str]]:
    """``(path, problem)`` for each error inside a cattrs validation error, in order.

    This is the one error path of the data files: paths are written like JSON paths
    (``$.levels[2].value``), and problems in plain words.
    """
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner in without:  # unknown keys first: a misspelt key also looks missing
            yield from error_paths(inner, path)
        keys = _keys(exc.cl) if isinstance(exc, ClassValidationError) else {}
        for inner, note in with_notes:
            name = getattr(note, "name", None)
            index = getattr(note, "index", "?")
            if name is not None:
                step = f".{keys.get(name, name)}"
            else:
                step = member(index) if isinstance(index, str) else f"[{index!r}]"
            yield from error_paths(inner, path + step)
        return
    if isinstance(exc, _Located):
        yield exc.path, _problem(exc.error)
        return
    if isinstance(exc, ValidationError | ValueTypeError) and exc.path:
        path = f"{path}.{exc.path}"
    yield path, describe(exc)


def _keys(cls: type) -> dict[str, str]:
    """The document keys of fields written under another name (``source`` as ``from``)."""
    if not attrs.has(cls):
        return {}
    return {a.name: a.metadata["key"] for a in attrs.fields(cls) if "key" in a.metadata}


def describe(exc: BaseException) -> str:
    """A problem in words, whatever raised it."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown keys: {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, ValidationError | ValueTypeError):
        return exc.problem
    if isinstance(exc, RiskModelError):
        return _problem(exc)
    if isinstance(exc, KeyError):
        return "required key missing"
    return str(exc) or type(exc).__name__


#: Builds the error to raise: ``error(source, problem, key=path)``.
DocumentError = Callable[..., Exception]


def structure_document(data: object, cls: type[T], *, source: str, error: DocumentError) -> T:
    """*data* structured as the document class *cls*; ``error(source, problem, key=path)``."""
    try:
        return _converter().structure(data, cls)
    except Exception as exc:  # cattrs gathers whatever the hooks raised
        path, problem = next(error_paths(exc))
        raise error(source, problem, key=path) from None


def _build(document: Any, source: str, error: DocumentError) -> Any:
    try:
        return document.build()
    except _Located as exc:
        raise error(source, _problem(exc.error), key=exc.path) from None


def scheme_from_dict(data: Mapping[str, Any], *, source: str = "<scheme>") -> ScoringScheme:
    """Build a scheme from its TOML/JSON shape; ``SchemeError`` names the key at fault."""
    document = structure_document(data, SchemeDocument, source=source, error=SchemeError)
    return _build(document, source, SchemeError)  # type: ignore[no-any-return]


def scheme_to_dict(scheme: ScoringScheme) -> dict[str, Any]:
    """The scheme in its TOML/JSON shape; ``scheme_from_dict`` reads it back equal."""
    return _converter().unstructure(SchemeDocument.of(scheme))  # type: ignore[no-any-return]


def mapping_from_dict(data: Mapping[str, Any], *, source: str = "<mapping>") -> SchemeMapping:
    """A mapping from its TOML shape; ``SchemeError`` names the key at fault."""
    document = structure_document(data, MappingDocument, source=source, error=SchemeError)
    return _build(document, source, SchemeError)  # type: ignore[no-any-return]


def mapping_to_dict(mapping: SchemeMapping) -> dict[str, Any]:
    """The mapping in its TOML shape; ``mapping_from_dict`` reads it back equal."""
    return _converter().unstructure(MappingDocument.of(mapping))  # type: ignore[no-any-return]

