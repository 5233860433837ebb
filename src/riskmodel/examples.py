"""The example registers and schemes shipped inside the package, loaded by name.

They are the files of ``examples/registers/`` and ``examples/schemes/`` in the source tree
(the package's ``data/examples`` and ``data/example-schemes`` folders refer to those
folders), so they load the same from an installed wheel as from a checkout.

>>> from riskmodel import examples
>>> for name in examples.names(): print(name)
ashby-vale-cyps-2026
fenbridge-corporate-2026-q1
fenbridge-corporate-2026-q2
fenbridge-corporate-2026-q3
>>> q3 = examples.load("fenbridge-corporate-2026-q3")
>>> q3.organisation, q3.as_at, len(q3)
('Fenbridge District Council', datetime.date(2026, 12, 31), 28)
>>> examples.scheme("words-3x3").id
'example-town-words-3x3'
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from riskmodel.errors import UnknownExampleError
from riskmodel.register import Register
from riskmodel.registry import SchemeRegistry, scheme_from_toml
from riskmodel.scheme import ScoringScheme
from riskmodel.serialize import loads

__all__ = ["load", "names", "scheme", "scheme_names", "text"]


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


def _schemes() -> Traversable:
    return resources.files("riskmodel") / "data" / "example-schemes"


def scheme_names() -> tuple[str, ...]:
    """The names of the example scheme files (``examples/schemes/*.toml``), sorted."""
    return tuple(sorted(
        entry.name.removesuffix(".toml") for entry in _schemes().iterdir()
        if entry.name.endswith(".toml")
    ))


def scheme(name: str) -> ScoringScheme:
    """The example scheme in the file ``examples/schemes/<name>.toml``.

    An unknown name raises :class:`~riskmodel.errors.UnknownExampleError`.
    """
    entry = _schemes() / f"{name}.toml"
    if not name or "/" in name or "\\" in name or not entry.is_file():
        raise UnknownExampleError(name, scheme_names())
    return scheme_from_toml(entry.read_text("utf-8"), source=f"examples/schemes/{name}.toml")
