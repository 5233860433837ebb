"""Which layout reads a table: the one asked for, or the one ``auto`` picks, and why.

The layouts on offer are the built-in ones and those in layout folders (each ``*.toml``
file a layout; a file named ``vocabulary.toml`` extends the header vocabulary instead).
``auto`` tries the named layouts, those whose ``[[columns]]`` words name the columns,
then the layouts that map columns by the vocabulary (the generic layout last), and takes:

* the named layout whose header row names the greatest share of its filled cells (then
  the most cells), when it names at least as many cells as the best vocabulary layout;
* else the vocabulary layout that names the most cells.

A header is looked for in the first :data:`CHOOSE_ROWS` rows of cells.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import frozen

from riskmodel.errors import LayoutError, ReadError
from riskmodel.readers.header import find_header
from riskmodel.readers.layout import Layout, builtin_layouts, load_layout
from riskmodel.readers.table import Row, RowKind
from riskmodel.readers.vocabulary import Vocabulary, builtin_vocabulary, load_vocabulary

__all__ = ["CHOOSE_ROWS", "VOCABULARY_FILE", "LayoutSet", "choose_layout", "layout_set"]

#: The file of a layout folder that extends the header vocabulary.
VOCABULARY_FILE = "vocabulary.toml"
#: How many rows of cells ``auto`` looks through for a layout's header: the header of a
#: table is near its top, and the choice costs the same for a table of any length.
CHOOSE_ROWS = 500


@frozen
class LayoutSet:
    """The layouts on offer, by name in the order ``auto`` tries them, and the header
    vocabulary the vocabulary layouts use."""

    layouts: tuple[Layout, ...]
    vocabulary: Vocabulary

    def get(self, name: str) -> Layout | None:
        """The layout called *name*, or ``None``."""
        return next((layout for layout in self.layouts if layout.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        """The layouts' names."""
        return tuple(layout.name for layout in self.layouts)


def layout_set(folders: Iterable[str | os.PathLike[str]] = ()) -> LayoutSet:
    """The built-in layouts and vocabulary, with those of *folders* added.

    A folder's layout may not take the name of another layout: that is a
    :class:`~riskmodel.LayoutError` naming both files.
    """
    builtin = builtin_layouts()
    named = [layout for layout in builtin.values() if not layout.use_vocabulary]
    worded = [layout for layout in builtin.values() if layout.use_vocabulary]
    where = {layout.name: layout.where for layout in builtin.values()}
    vocabulary = builtin_vocabulary()
    user_named: list[Layout] = []
    user_worded: list[Layout] = []
    for folder in folders:
        path = Path(folder)
        if not path.is_dir():
            raise LayoutError(str(path), "is not a folder of layouts")
        for file in sorted(path.glob("*.toml")):
            if file.name == VOCABULARY_FILE:
                vocabulary = vocabulary.extend(load_vocabulary(file))
                continue
            layout = load_layout(file)
            if layout.name in where:
                raise LayoutError(str(file), f"the layout name {layout.name!r} is already "
                                  f"taken by {where[layout.name]}", key="$.name")
            where[layout.name] = str(file)
            (user_worded if layout.use_vocabulary else user_named).append(layout)
    generic = [layout for layout in worded if layout.name == "generic"]
    others = [layout for layout in worded if layout.name != "generic"]
    ordered = (*named, *user_named, *others, *user_worded, *generic)
    return LayoutSet(layouts=ordered, vocabulary=vocabulary)


def _coverage(
    rows: Sequence[Row], layout: Layout, vocabulary: Vocabulary
) -> tuple[float, int, int] | None:
    """The share of the header row's filled cells *layout* names, how many, and its line.

    A layout that maps columns by the vocabulary but is not the generic one counts only
    where its own ``[[columns]]`` words name a cell of the header: otherwise it has no
    more claim to the table than the generic layout.
    """
    seen = 0
    for index, row in enumerate(rows):
        if row.kind is not RowKind.CELLS:
            continue
        seen += 1
        if seen > CHOOSE_ROWS:
            return None
        header = find_header(rows, index, layout, vocabulary)
        if header is None:
            continue
        if layout.use_vocabulary and layout.columns and not any(
                layout.rule_of(cell) is not None for cell in row.cells if cell.strip()):
            return None
        mapped = {c.index for c in header.columns if c.field != "note"}
        filled = set(row.filled)
        if len(header.lines) > 1:  # a column is filled when either header row names it
            below = next(r for r in rows[index + 1:] if r.line == header.lines[-1])
            filled.update(below.filled)
        named = len(filled & mapped)
        return named / max(1, len(filled)), named, row.line
    return None


def choose_layout(
    rows: Sequence[Row], layouts: Sequence[Layout], vocabulary: Vocabulary | None = None,
) -> tuple[Layout, str]:
    """The layout whose header words best match a header row of *rows*, and why."""
    vocabulary = vocabulary if vocabulary is not None else builtin_vocabulary()
    best_named: tuple[float, int, Layout, int] | None = None
    best_worded: tuple[int, float, Layout, int] | None = None
    for layout in layouts:
        found = _coverage(rows, layout, vocabulary)
        if found is None:
            continue
        share, named, line = found
        if layout.use_vocabulary:
            if best_worded is None or (named, share) > best_worded[:2]:
                best_worded = (named, share, layout, line)
        elif best_named is None or (share, named) > best_named[:2]:
            best_named = (share, named, layout, line)
    if best_named is not None and (best_worded is None or best_named[1] >= best_worded[0]):
        share, named, layout, line = best_named
        words = f"{layout.name}'s header words"
    elif best_worded is not None:
        named, share, layout, line = best_worded
        words = "the header vocabulary" if layout.name == "generic" else (
            f"{layout.name}'s header words and the header vocabulary")
        if best_named is not None:
            words += (f"; the closest named layout, {best_named[2].name}, names "
                      f"{best_named[1]}")
    else:
        names = ", ".join(layout.name for layout in layouts)
        raise ReadError("<source>", 1, None, f"no header row matches any layout ({names})")
    return layout, (
        f"the header row at line {line} names {named} columns "
        f"({share:.0%} of its filled cells) with {words}"
    )
