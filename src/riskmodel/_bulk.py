"""Making many model values at once: cheaper building, copying and comparing."""

from __future__ import annotations

import contextlib
import functools
import gc
import types
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs

__all__ = ["Referable", "assembler", "constructible", "derive", "equal_if_same", "paused_gc",
           "twin", "worth_twin"]

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
    init = getattr(vars(cls).get("__init__"), "__code__", None)
    if (not _slotted(cls) or init is None
            or not init.co_filename.startswith("<attrs generated")
            or any(hasattr(cls, hook) for hook in ("__attrs_pre_init__",
                                                   "__attrs_post_init__"))):
        return False
    for a in attrs.fields(cls):
        default = a.default
        if (not a.init or a.alias != a.name or isinstance(a.converter, attrs.Converter)
                or (isinstance(default, attrs.Factory)  # type: ignore[arg-type]
                    and default.takes_self)):
            return False
    return True


def _slotted(cls: type) -> bool:
    """Whether *cls* is an attrs class whose slots, besides ``__weakref__``, are its fields,
    each a plain slot, with no ``__new__`` of its own."""
    if not attrs.has(cls) or vars(cls).get("__new__") is not None:
        return False
    fields = attrs.fields(cls)
    slots = set(getattr(cls, "__slots__", ())) - {"__weakref__"}
    return slots == {a.name for a in fields} and all(
        type(vars(cls).get(a.name)) is types.MemberDescriptorType for a in fields)


class Referable:
    """A base for a frozen slotted value class that is built in bulk.

    It holds the weak-reference slot, so the subclass's own slots are its fields alone.
    Where attrs adds ``__weakref__`` after the fields instead, CPython refuses the
    ``__class__`` assignment that :func:`twin` relies on, and the class's values are
    built through slot descriptors: the same values, several times slower to build.
    """

    __slots__ = ("__weakref__",)


#: The fewest fields for which a twin pays: a plain store costs about 15 ns and the
#: ``__class__`` assignment about 150 ns, against about 50 ns a field through a descriptor.
TWIN_FROM = 3


@functools.cache
def twin(cls: type) -> type | None:
    """A class laid out as *cls*, whose instances set their slots plainly and may then
    become *cls* (``__class__`` assignment), or ``None`` where that cannot be done.

    Setting a slot of a frozen attrs class goes through a descriptor call; setting the
    same slot on the twin is an ordinary attribute store, which CPython makes several
    times cheaper. The twin is tried once here: a layout CPython refuses to swap gives
    ``None``, and the caller sets the slots through their descriptors.
    """
    if not _slotted(cls):
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


@functools.cache
def assembler(cls: type[A]) -> Callable[..., A]:
    """A function that makes a value of *cls* from the values of all its fields, given by
    name, each set as it is given: nothing is converted, defaulted or checked.

    It is for values that are already what ``__init__`` would make of them, such as a
    caller's own literals, and it builds them through the class's :func:`twin` where it
    has one. A class whose slots are not its fields is built by calling it.
    """
    if not _slotted(cls):
        return cls
    names = [a.name for a in attrs.fields(cls)]
    made = worth_twin(cls)
    namespace: dict[str, Any] = {"__cls": cls, "__new": object.__new__, "__twin": made}
    lines = [f"def assemble(*, {', '.join(names)}):"]
    if made is None:
        namespace.update({f"__s_{name}": vars(cls)[name].__set__ for name in names})
        lines += ["    self = __new(__cls)", *(f"    __s_{name}(self, {name})" for name in names)]
    else:
        lines += ["    self = __new(__twin)", *(f"    self.{name} = {name}" for name in names),
                  "    self.__class__ = __cls"]
    lines.append("    return self")
    exec(compile("\n".join(lines), f"<riskmodel assembler {cls.__name__}>", "exec"), namespace)
    assemble: Callable[..., A] = namespace["assemble"]
    return assemble


#: A class's generated copier (the instance, its changes by field name) and field names.
def worth_twin(cls: type) -> type | None:
    """*cls*'s :func:`twin` where it pays (from :data:`TWIN_FROM` fields), else ``None``:
    a class of fewer fields is built more cheaply through its descriptors."""
    return twin(cls) if len(attrs.fields(cls)) >= TWIN_FROM else None


_Deriver = tuple[Callable[[Any, dict[str, Any]], Any], frozenset[str]]


@functools.cache
def _deriver(cls: type) -> _Deriver | None:
    """The copier :func:`derive` uses for *cls*, generated from its fields, or ``None``.

    It copies every field, then sets the changed ones (in field order, as ``__init__``
    converts them) through their converters, and runs every validator unless attrs'
    validators are disabled. Values are built through the class's twin where it has one.
    """
    if not constructible(cls):
        return None
    fields = attrs.fields(cls)
    made = worth_twin(cls)
    order = {a.name: index for index, a in enumerate(fields)}
    holder = cls if made is None else made  # the class whose slot descriptors set the slots
    namespace: dict[str, Any] = {
        "__cls": cls, "__new": object.__new__, "__holder": holder, "__order": order.__getitem__,
        "__sorted": sorted, "__len": len, "__disabled": attrs.validators.get_disabled,
        "__puts": {a.name: (vars(holder)[a.name].__set__, a.converter) for a in fields},
    }
    lines = ["def derive(instance, changes):", "    new = __new(__holder)"]
    for a in fields:
        if made is None:
            namespace[f"__s_{a.name}"] = vars(cls)[a.name].__set__
            lines.append(f"    __s_{a.name}(new, instance.{a.name})")
        else:
            lines.append(f"    new.{a.name} = instance.{a.name}")
    lines += [
        "    for name in (changes if __len(changes) < 2 else __sorted(changes, key=__order)):",
        "        put, converter = __puts[name]",
        "        value = changes[name]",
        "        put(new, value if converter is None else converter(value))",
    ]
    if made is not None:
        lines.append("    new.__class__ = __cls")
    checks = []
    for a in fields:
        if a.validator is not None:
            namespace[f"__v_{a.name}"], namespace[f"__a_{a.name}"] = a.validator, a
            checks.append(f"        __v_{a.name}(new, __a_{a.name}, new.{a.name})")
    if checks:
        lines += ["    if not __disabled():", *checks]
    lines.append("    return new")
    exec(compile("\n".join(lines), f"<riskmodel derive {cls.__name__}>", "exec"), namespace)
    return namespace["derive"], frozenset(order)


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
    found = _deriver(type(instance))
    if found is None or not changes.keys() <= found[1]:
        return attrs.evolve(instance, **changes)  # type: ignore[misc]
    made: A = found[0](instance, changes)
    return made


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
