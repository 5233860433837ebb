"""The TOML data files (schemes, mappings, layouts): reading them with located errors."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from importlib import resources
from typing import Any

__all__ = ["builtin_texts", "parse_toml", "read_text"]

#: Builds the error to raise: ``error(where, problem)``.
ErrorFactory = Callable[[str, str], Exception]


def parse_toml(text: str, source: str, error: ErrorFactory) -> dict[str, Any]:
    """The table in *text*; broken TOML raises ``error(source, "invalid TOML: …")``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(source, f"invalid TOML: {exc}") from None


def read_text(path: str | os.PathLike[str], error: ErrorFactory) -> str:
    """A data file's text; a file that cannot be read raises ``error(path, …)``."""
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError as exc:
        raise error(os.fspath(path), f"cannot read the file: {exc.strerror}") from None


def builtin_texts(folder: str) -> list[tuple[str, str]]:
    """``(file name, text)`` of each ``.toml`` file shipped in ``riskmodel/data/<folder>``."""
    entries = (resources.files("riskmodel") / "data" / folder).iterdir()
    return [
        (entry.name, entry.read_text("utf-8"))
        for entry in sorted(entries, key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]
