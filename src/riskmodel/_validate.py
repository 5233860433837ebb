"""Converters and validators shared by the model's value classes."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

__all__ = ["optional_number", "optional_text", "strip_text", "texts", "to_tuple"]


def strip_text(value: str) -> str:
    """Text with surrounding white space removed."""
    if value.__class__ is str:
        return value.strip()
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {type(value).__name__} {value!r}")
    return str(value).strip()


def optional_number(value: float | None) -> float | None:
    """``None``, or a finite number (not a bool), kept as ``int`` when it is whole."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, not {type(value).__name__} {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, not {value!r}")
    return value


def optional_text(value: str | None) -> str | None:
    """Stripped text, with empty text as ``None``."""
    if value is None:
        return None
    value = strip_text(value)
    return value or None


def texts(value: Iterable[str]) -> tuple[str, ...]:
    """A sequence of texts as a tuple of stripped texts."""
    return tuple(strip_text(text) for text in to_tuple(value))


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Any iterable (but not a bare string) as a tuple."""
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a sequence, not the text {value!r}")
    return value if type(value) is tuple else tuple(value)
