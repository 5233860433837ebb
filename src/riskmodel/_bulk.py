"""Building many small values at once: the cyclic collector paused while they are made."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


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
