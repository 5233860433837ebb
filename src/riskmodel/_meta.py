"""Field metadata the model declares for the document edge, without importing it.

The JSON converter (:mod:`riskmodel.serialize`) and the JSON Schema generator read these
keys from ``attrs.fields(cls)[...].metadata``, so a new field round-trips from its type
and its metadata alone.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BOUND", "OBJECT", "SCALE", "as_object", "bound", "on_scale"]

#: The field holds the scheme of the document around it, and is not written itself.
BOUND = "riskmodel.bound"
#: The field holds a level of the scale named here (``likelihood`` or ``impact``),
#: written as the level's printed code.
SCALE = "riskmodel.scale"
#: The field is a tuple of ``(name, value)`` pairs, written as a JSON object.
OBJECT = "riskmodel.object"


def bound() -> dict[str, Any]:
    """Metadata for a scheme field taken from the enclosing document."""
    return {BOUND: True}


def on_scale(name: str) -> dict[str, Any]:
    """Metadata for a level field (or pairs of levels) of the scale *name*."""
    return {SCALE: name}


def as_object(**more: Any) -> dict[str, Any]:
    """Metadata for a tuple of ``(name, value)`` pairs written as a JSON object."""
    return {OBJECT: True, **more}
