"""The example registers shipped inside the package, loaded by name.

They are the files of ``examples/registers/`` in the source tree (the package's
``data/examples`` folder refers to that folder), so they load the same from an
installed wheel as from a checkout.

>>> from riskmodel import examples
>>> for name in examples.names(): print(name)
ashby-vale-cyps-2026
fenbridge-corporate-2026-q1
fenbridge-corporate-2026-q2
fenbridge-corporate-2026-q3
>>> q3 = examples.load("fenbridge-corporate-2026-q3")
>>> q3.organisation, q3.as_at, len(q3)
('Fenbridge District Council', datetime.date(2026, 12, 31), 28)
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from riskmodel.errors import UnknownExampleError
from riskmodel.register import Register
from riskmodel.registry import SchemeRegistry
from riskmodel.serialize import loads

__all__ = ["load", "names", "text"]


def _folder() -> Traversable:
    return resources.files("riskmodel") / "data" / "examples"


def names() -> tuple[str, ...]:
    """The names of the example registers, sorted."""
    return tuple(sorted(
        entry.name.removesuffix(".json") for entry in _folder().iterdir()
        if entry.name.endswith(".json")
    ))


def text(name: str) -> str:
    """The JSON text of the example register *name*."""
    entry = _folder() / f"{name}.json"
    if not name or "/" in name or "\\" in name or not entry.is_file():
        raise UnknownExampleError(name, names())
    return entry.read_text("utf-8")


def load(name: str, *, schemes: SchemeRegistry | None = None) -> Register:
    """The example register *name* (see :func:`names`), loaded as :func:`riskmodel.load` does.

    An unknown name raises :class:`~riskmodel.errors.UnknownExampleError`, which lists
    the examples there are.
    """
    return loads(text(name), schemes=schemes, source=f"riskmodel/data/examples/{name}.json")
