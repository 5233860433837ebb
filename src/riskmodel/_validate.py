"""Converters and validators shared by the model's value classes.

Every failure is a :class:`~riskmodel.RiskModelError`: a wrong type raises
:class:`~riskmodel.errors.ValueTypeError`, a broken invariant
:class:`~riskmodel.ValidationError`, each naming the field.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

import attrs

from riskmodel.errors import ValidationError, ValueTypeError

__all__ = [
    "KEEPS",
    "PASSES",
    "PURE",
    "TYPES_CHECKED",
    "Choice",
    "Each",
    "fields_of_types",
    "finite",
    "matches",
    "non_empty",
    "one_of",
    "optional_number",
    "optional_text",
    "pairs",
    "strip_text",
    "texts",
    "to_tuple",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def strip_text(value: str) -> str:
    """Text with surrounding white space removed."""
    if value.__class__ is str:
        return value.strip()
    if not isinstance(value, str):
        raise ValueTypeError("text", value)
    return str(value).strip()


def finite(value: float) -> float:
    """A finite number (not a bool), kept as ``int`` when it is an ``int``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueTypeError("a number", value)
    try:
        ok = math.isfinite(value)
    except OverflowError:  # an int too large for a float
        raise ValidationError("expected a finite number, not one this large") from None
    if not ok:
        raise ValidationError(f"expected a finite number, not {value!r}")
    return value


def optional_number(value: float | None) -> float | None:
    """``None``, or a finite number (not a bool), kept as ``int`` when it is whole."""
    return None if value is None else finite(value)


def optional_text(value: str | None) -> str | None:
    """Stripped text, with empty text as ``None``."""
    if value is None:
        return None
    value = strip_text(value)
    return value or None


#: What :func:`strip_text` and :func:`optional_text` do to a value that is exactly a
#: ``str``, as an expression over ``{0}``: generated code (the fast load path) writes
#: that in place of the call, and calls the function for any other value.
ON_TEXT: dict[Callable[[Any], Any], str] = {
    strip_text: "{0}.strip()",
    optional_text: "({0}.strip() or None)",
}


def texts(value: Iterable[str]) -> tuple[str, ...]:
    """A sequence of texts as a tuple of stripped texts."""
    return tuple(strip_text(text) for text in to_tuple(value))


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Any iterable (but not a bare string or a mapping) as a tuple."""
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes):
        raise ValueTypeError("a sequence", value)
    if isinstance(value, dict):
        raise ValueTypeError("a sequence, not a mapping", value)
    try:
        return tuple(value)
    except TypeError:
        raise ValueTypeError("a sequence", value) from None


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def member(name: str) -> str:
    """The JSON path step to the key *name* of an object: ``.cash``, or ``['in year']``
    when the name is not a plain word (JSONPath's bracket notation, RFC 9535)."""
    if _NAME.fullmatch(name):
        return f".{name}"
    escaped = name.replace("\\", "\\\\").replace("'", "\\'")
    return f"['{escaped}']"


def pairs(value: Any) -> tuple[tuple[str, Any], ...]:
    """A mapping, or a sequence of ``(name, value)`` pairs, as a tuple of pairs."""
    items = value.items() if isinstance(value, dict) else to_tuple(value)
    out = []
    for item in items:
        pair = to_tuple(item)
        if len(pair) != 2:
            raise ValidationError(f"expected (name, value) pairs, not {item!r:.40}")
        out.append((strip_text(pair[0]), pair[1]))
    return tuple(out)


#: Converters that keep no state and give equal results for equal values, so that
#: generated code may convert a field's default once; a module adds its own.
PURE: set[Callable[[Any], Any]] = {
    strip_text, optional_text, optional_number, finite, texts, to_tuple, pairs,
}


def non_empty(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: the text (or sequence) is not empty."""
    if not value:
        raise ValidationError("must not be empty", attribute.name)


#: Validators with a cheap test, as an expression over ``{0}``, that only values the
#: validator accepts pass: generated code (the fast load path) calls the validator only
#: for a value that fails the test, and the validator then says what is wrong.
PASSES: dict[Callable[..., Any], str] = {
    non_empty: "{0}",
}


def one_of(choices: Collection[Any]) -> Validator:
    """Validator: the value is one of *choices*."""
    shown = ", ".join(repr(c) for c in choices)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in choices:
            raise ValidationError(f"{value!r:.40} is not one of {shown}", attribute.name)

    return check


def matches(pattern: str, meaning: str) -> Validator:
    """Validator: the text matches *pattern*; the error says what *meaning* it must have."""
    compiled = re.compile(pattern)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str):
            raise ValueTypeError("text", value, attribute.name)
        if not compiled.fullmatch(value):
            raise ValidationError(f"{value!r:.40} is not {meaning}", attribute.name)

    return check


class Choice(enum.StrEnum):
    """A closed set of words; any other word is a :class:`~riskmodel.ValidationError`."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        choices = ", ".join(member.value for member in cls)
        raise ValidationError(f"{value!r:.40} is not one of {choices}")


@attrs.frozen
class Each:
    """In :func:`fields_of_types`: a sequence whose every item is a *kind*."""

    kind: type


def fields_of_types(expected: dict[str, type | tuple[type, ...] | Each]) -> Validator:
    """Validator (placed on any field): each named field holds a value of its type.

    A tuple of types allows any of them (``type(None)`` for an optional field); ``Each``
    checks every item of a sequence. One call checks a whole record, so a risk built with
    a text where an assessment belongs fails where it is built, naming the field, and not
    later inside a check or a write.
    """
    plan = list(expected.items())

    def explain(instance: Any) -> None:
        """Raise the error that names the first field (or item) of the wrong type."""
        for name, kind in plan:
            value = getattr(instance, name)
            if isinstance(kind, Each):
                for index, item in enumerate(value):
                    if not isinstance(item, kind.kind):
                        raise ValueTypeError(_a(kind.kind), item, f"{name}[{index}]")
            elif not isinstance(value, kind):
                kinds = kind if isinstance(kind, tuple) else (kind,)
                wanted = " or ".join("null" if k is type(None) else _a(k) for k in kinds)
                raise ValueTypeError(wanted, value, name)
        raise ValidationError("a field holds a value of another type than it declares")

    # The accepting test runs on every value built, so it is generated as straight-line
    # code: an exact class is accepted by identity before isinstance is asked. Any miss
    # goes to *explain*, which says what is wrong.
    names: dict[str, Any] = {"__explain": explain, "__isinstance": isinstance}
    lines = ["def check(instance, attribute, _):"]
    for index, (name, kind) in enumerate(plan):  # field names: identifiers, by attrs' rule
        exact = kind.kind if isinstance(kind, Each) else kind
        kinds = exact if isinstance(exact, tuple) else (exact,)
        names[f"__kinds{index}"] = kinds
        tests = []
        for number, one in enumerate(kinds):
            if one is type(None):
                tests.append("item is not None")
            else:
                names[f"__kind{index}_{number}"] = one
                tests.append(f"item.__class__ is not __kind{index}_{number}")
        test = " and ".join([*tests, f"not __isinstance(item, __kinds{index})"])
        if isinstance(kind, Each):
            lines += [f"    for item in instance.{name}:", f"        if {test}:",
                      "            __explain(instance)"]
        else:
            lines += [f"    item = instance.{name}", f"    if {test}:",
                      "        __explain(instance)"]
    if not plan:
        lines.append("    pass")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<riskmodel fields_of_types>", "exec"), names, namespace)
    check: Validator = namespace["check"]
    TYPES_CHECKED[check] = dict(expected)
    return check


#: What each validator made by :func:`fields_of_types` checks, field by field: generated
#: code that has built every named field with a hook making exactly that type may leave
#: the check out.
TYPES_CHECKED: dict[Validator, dict[str, type | tuple[type, ...] | Each]] = {}

#: Converters that give back a value of the kind they are given as it is (a tuple stays
#: the same tuple), so a type proved before the converter holds after it.
KEEPS: set[Callable[[Any], Any]] = {to_tuple}


def _a(kind: type) -> str:
    """``a Control``, ``an Assessment``."""
    name = kind.__name__
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"
