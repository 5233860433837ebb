"""Making many model values at once: cheaper building, copying and comparing."""

from __future__ import annotations

import contextlib
import functools
import gc
import types
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs

__all__ = ["Referable", "constructible", "derive", "equal_if_same", "paused_gc", "twin"]

T = TypeVar("T")
A = TypeVar("A", bound=attrs.AttrsInstance)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while bulk work builds many acyclic objects.

    Loading, checking or converting a large register makes hundreds of thousands of
    small frozen values, none of them in reference cycles; collecting during that work
    only rescans them. The collector's previous state is restored afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def constructible(cls: type) -> bool:
    """Whether a value of *cls* may be built by setting its slots as its ``__init__`` sets
    them.

    That holds for a slotted attrs class with the ``__init__`` attrs generated and no
    ``__new__`` of its own, whose fields are all set by ``__init__`` under their own
    names, through plain converters, with no pre- or post-init step. Any other class is
    built by calling it.
    """
    fields = attrs.fields(cls)
    slots = set(getattr(cls, "__slots__", ())) - {"__weakref__"}
    init = getattr(vars(cls).get("__init__"), "__code__", None)
    if (slots != {a.name for a in fields} or vars(cls).get("__new__") is not None
            or init is None or not init.co_filename.startswith("<attrs generated")
            or any(hasattr(cls, hook) for hook in ("__attrs_pre_init__",
                                                   "__attrs_post_init__"))):
        return False
    for a in fields:
        default = a.default
        if (not a.init or a.alias != a.name or isinstance(a.converter, attrs.Converter)
                or type(cls.__dict__.get(a.name)) is not types.MemberDescriptorType
                or (isinstance(default, attrs.Factory)  # type: ignore[arg-type]
                    and default.takes_self)):
            return False
    return True


class Referable:
    """A base for a frozen slotted value class that is built in bulk.

    It holds the weak-reference slot, so the subclass's own slots are its fields alone.
    Where attrs adds ``__weakref__`` after the fields instead, CPython refuses the
    ``__class__`` assignment that :func:`twin` relies on, and the class's values are
    built through slot descriptors: the same values, several times slower to build.
    """

    __slots__ = ("__weakref__",)


@functools.cache
def twin(cls: type) -> type | None:
    """A class laid out as *cls*, whose instances set their slots plainly and may then
    become *cls* (``__class__`` assignment), or ``None`` where that cannot be done.

    Setting a slot of a frozen attrs class goes through a descriptor call; setting the
    same slot on the twin is an ordinary attribute store, which CPython makes several
    times cheaper. The twin is tried once here: a layout CPython refuses to swap gives
    ``None``, and the caller sets the slots as ``__init__`` does.
    """
    if not constructible(cls):
        return None
    made = type(cls.__name__, cls.__bases__, {"__slots__": vars(cls)["__slots__"],
                                              "__module__": cls.__module__})
    if any("__setattr__" in vars(base) for base in made.__mro__[:-1]):
        return None  # a frozen base: its stores are refused
    probe: Any = object.__new__(made)
    try:
        probe.__class__ = cls
    except TypeError:
        return None
    return made


_Setter = Callable[[Any, Any], None]
_Plan = tuple[
    tuple[tuple[str, _Setter, Callable[[Any], Any] | None], ...],
    tuple[tuple[str, "attrs.Attribute[Any]", Callable[..., Any]], ...],
    frozenset[str],
]


@functools.cache
def _evolve_plan(cls: type[attrs.AttrsInstance]) -> _Plan | None:
    if not constructible(cls):
        return None
    fields = attrs.fields(cls)
    return (
        tuple((a.name, cls.__dict__[a.name].__set__, a.converter) for a in fields),
        tuple((a.name, a, a.validator) for a in fields if a.validator is not None),
        frozenset(a.name for a in fields),
    )


def derive(instance: A, **changes: Any) -> A:
    """What ``attrs.evolve`` makes, for the model's values, without converting again what
    stays.

    The fields not changed are copied as they are: they were converted and checked when
    *instance* was built, and the model's converters give their own output back as it is
    (a converter that did not would make the two differ). The changed fields go through
    their converters, then every validator runs, as in ``__init__`` (unless attrs'
    validators are disabled). A class that cannot be built this way
    (:func:`constructible`), or an unknown field, goes to ``attrs.evolve``. A test holds
    the two to the same results.
    """
    cls: type[A] = type(instance)
    plan = _evolve_plan(cls)
    if plan is None or not changes.keys() <= plan[2]:
        return attrs.evolve(instance, **changes)  # type: ignore[misc]
    fields, validators, _ = plan
    new = object.__new__(cls)
    for name, put, converter in fields:
        if name in changes:
            value = changes[name]
            put(new, value if converter is None else converter(value))
        else:
            put(new, getattr(instance, name))
    if not attrs.validators.get_disabled():
        for name, attribute, validator in validators:
            validator(new, attribute, getattr(new, name))
    return new


def equal_if_same(cls: type[T]) -> type[T]:
    """Class decorator over an attrs class: a value compared with itself is equal at once.

    attrs' ``__eq__`` compares field by field even when both sides are one object; for a
    scheme that means every scale, band and table. The model's values hold no NaN, so a
    value always equals itself, and the answer is the same, only sooner.
    """
    compare = cls.__eq__

    def __eq__(self: Any, other: object) -> bool:
        return True if self is other else compare(self, other)

    __eq__.__qualname__ = f"{cls.__qualname__}.__eq__"
    __eq__.__doc__ = compare.__doc__
    setattr(cls, "__eq__", __eq__)  # noqa: B010 - a method replaced on the class
    return cls
