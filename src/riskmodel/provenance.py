"""Where an imported value came from: a source file, a line and a column."""

from __future__ import annotations

from attrs import field, frozen

from riskmodel._validate import strip_text

__all__ = ["Provenance"]


@frozen
class Provenance:
    """A place in a source document, printed as ``file:line:column``.

    >>> str(Provenance("register.txt", 12, 3))
    'register.txt:12:3'
    """

    source: str = field(converter=strip_text)
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.source]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)
