"""Optional dependencies, imported when first needed, with the extra that installs them."""

from __future__ import annotations

import importlib
from typing import Any

from riskmodel.errors import MissingExtraError

__all__ = ["need"]


def need(module: str, extra: str, purpose: str) -> Any:
    """The module *module*; :class:`~riskmodel.errors.MissingExtraError` names *extra* if absent.

    >>> need("json", "none", "a test").__name__
    'json'
    >>> need("absent_here", "plot", "a figure")
    Traceback (most recent call last):
    ...
    riskmodel.errors.MissingExtraError: a figure needs absent_here: pip install 'riskmodel[plot]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module, extra, purpose) from None
