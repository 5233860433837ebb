"""Where an imported value came from: a source file, a line and a column."""

from __future__ import annotations

from typing import Any

from attrs import Attribute, field, frozen

from riskmodel._bulk import Referable
from riskmodel._validate import strip_text
from riskmodel.errors import ValueTypeError

__all__ = ["Provenance"]


def _whole_or_none(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueTypeError("a whole number", value, attribute.name)


@frozen
class Provenance(Referable):
    """A place in a source document, printed as ``file:line:column``.

    >>> str(Provenance("register.txt", 12, 3))
    'register.txt:12:3'
    """

    source: str = field(converter=strip_text)
    line: int | None = field(default=None, validator=_whole_or_none)
    column: int | None = field(default=None, validator=_whole_or_none)

    def __str__(self) -> str:
        parts = [self.source]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)
