"""The TOML data files (schemes, mappings, layouts): reading them with located errors."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from typing import Any

from riskmodel._files import ErrorFactory, position, read_bytes

__all__ = ["MAX_TOML_BYTES", "builtin_texts", "parse_toml", "read_text"]

#: A data file is a page of settings; anything larger than 4 MiB is refused.
MAX_TOML_BYTES = 4 * 2**20
#: Deeper nesting than this is not a scheme, mapping or layout.
MAX_DEPTH = 32


def _depth(value: object, limit: int) -> bool:
    """Whether *value* nests tables and arrays deeper than *limit*, without recursion."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > limit:
            return True
        if isinstance(item, dict):
            stack.extend((inner, level + 1) for inner in item.values())
        elif isinstance(item, list):
            stack.extend((inner, level + 1) for inner in item)
    return False


def parse_toml(text: str, source: str, error: ErrorFactory) -> dict[str, Any]:
    """The table in *text*; broken TOML raises ``error(source, "invalid TOML: …")``.

    Nesting deeper than 32 levels and integers too long to read are refused too.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(source, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise error(source, f"invalid TOML: nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:  # an integer longer than Python's digit limit
        raise error(source, "invalid TOML: a number has too many digits") from None
    if _depth(data, MAX_DEPTH):
        raise error(source, f"invalid TOML: nested more than {MAX_DEPTH} levels deep")
    return data


def read_text(path: str | os.PathLike[str], error: ErrorFactory) -> str:
    """A data file's UTF-8 text; a file that cannot be read raises ``error(path, …)``."""
    name = os.fspath(path)
    data = read_bytes(name, error, limit=MAX_TOML_BYTES,
                      hint="a scheme, mapping or layout file is a page of settings")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        raise error(
            f"{name}:{line}:{column}", f"byte 0x{data[exc.start]:02x} is not UTF-8 text"
        ) from None


def builtin_texts(folder: str) -> list[tuple[str, str]]:
    """``(file name, text)`` of each ``.toml`` file shipped in ``riskmodel/data/<folder>``."""
    entries = (resources.files("riskmodel") / "data" / folder).iterdir()
    return [
        (entry.name, entry.read_text("utf-8"))
        for entry in sorted(entries, key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]

