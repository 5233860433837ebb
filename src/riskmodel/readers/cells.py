"""Cell text: HTML stripped, and lists inside a cell split into their items."""

from __future__ import annotations

import html
import re

__all__ = ["clean_cell", "split_items", "strip_html"]

# A tag never holds another "<", so each attempt stops at the next "<" or ">": the scans
# of all attempts are disjoint and stripping is linear in the text, however many "<" or
# "<br" it holds without a closing ">".
_BREAK_TAGS = re.compile(r"<\s*+(?:br|/?p|/?li|/?ul|/?ol|/?div)\b[^<>]*+>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Markers that open an item: bullets, squares, tildes, dashes, stars, "1." and "1)".
_MARKER = re.compile(
    r"(?:^|(?<=\s))(?:(?P<bullet>[•■▪●◦~*])|(?P<dash>-(?=\s))"
    r"|(?<![\w.])(?P<number>\d{1,2})(?P<style>[.)])(?=\s+\S|[^\W\d_]))\s*"
)
_ITEM_SEP = "\x1f"
#: The characters a marker of _MARKER can start with.
_CANDIDATE = re.compile(r"[•■▪●◦~*\-\d]")
_BULLETS = frozenset("•■▪●◦~*")
#: Anything after a block's opening bullet that could open another item.
_LATER = re.compile(r"[•■▪●◦~*]|-(?=\s)|\d[.)]")
#: A character that every match of _LATER holds: a block without one has no later marker,
#: and this one character class finds that several times faster than _LATER can.
_LATER_CHARS = re.compile(r"[•■▪●◦~*\-.)]")
#: A line that holds one bulleted item and no character of _LATER_CHARS after its
#: bullet: one item, found with one call (any other line is looked at in full).
_ONE_BULLETED = re.compile(r"[•■▪●◦~*]\s[^•■▪●◦~*\-.)]*+")
#: Cells that say there is nothing to list.
_NOTHING = frozenset({"none", "nil", "n/a", "none identified", "no further actions"})
_NOTHING_LENGTH = max(map(len, _NOTHING))
_FIRST_NUMBER = re.compile(r"^\s*1[.)]\s+\S")


def strip_html(text: str) -> str:
    """The text with tags removed; ``<br>``, ``<p>`` and ``<li>`` become line breaks.

    >>> strip_html("<p>Weekly checks</p><p>Audit <i>twice</i> a year</p>")
    'Weekly checks\\nAudit twice a year'
    """
    return "\n".join(_lines(text))


def _lines(text: str) -> list[str]:
    """The lines of :func:`strip_html`'s text, with no empty line."""
    if "<" in text or "&" in text:
        text = _BREAK_TAGS.sub("\n", text)
        text = html.unescape(_ANY_TAG.sub("", text))
    elif "  " not in text and "\t" not in text and "\u00a0" not in text:
        # No line has a run of spaces to squeeze (the common case): strip each line.
        return list(filter(None, map(str.strip, text.split("\n"))))
    lines = (_squeeze(line) for line in text.split("\n"))
    return [line for line in lines if line]


def _squeeze(line: str) -> str:
    """*line* stripped, its runs of spaces, tabs and no-break spaces one space each."""
    if "  " in line or "\t" in line or "\u00a0" in line:
        line = _SPACES.sub(" ", line)
    return line.strip()


def _spaced_once(text: str) -> bool:
    """Whether *text* is what ``" ".join(text.split())`` gives back unchanged: one line,
    its words one space apart, no space at either end.

    Every whitespace character but the space is unprintable, so ``isprintable`` finds the
    others without splitting the text.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def clean_cell(text: str) -> str:
    """The cell as one line of plain text: tags removed, runs of space collapsed.

    >>> clean_cell(" <ul><li>Budget  watch</li><li>Audit</li></ul> ")
    'Budget watch Audit'
    """
    if "<" not in text and "&" not in text:  # plain text: only its spaces change
        if text.isprintable():  # one line (most cells): _spaced_once, written out
            if "  " not in text and text[:1] != " " and text[-1:] != " ":
                return text
            return " ".join(text.split())
        # A line break is a space between words as any space is: the lines of a clean
        # list are joined without splitting them into words.
        line = text.replace("\n", " ") if "\n" in text else text
        return line if _spaced_once(line) else " ".join(text.split())
    return " ".join(strip_html(text).split())


def _says_nothing(text: str) -> bool:
    """Whether *text* says there is nothing to list: ``text.casefold().strip(" .")`` is
    one of :data:`_NOTHING`.

    Casefolding never shortens a text and never makes a space or a full stop, so the ends
    are stripped first, and a text longer than every word of :data:`_NOTHING` is never
    casefolded.
    """
    core = text.strip(" .")
    return len(core) <= _NOTHING_LENGTH and core.casefold() in _NOTHING


def _opens_later(block: str) -> bool:
    """Whether anything after *block*'s first two characters (its bullet and space) could
    open another item."""
    return _LATER_CHARS.search(block, 2) is not None and _LATER.search(block, 2) is not None


def _mark(block: str, numbering: list[object]) -> str:
    """*block* with each real item marker replaced by a separator.

    A dash opens items only in a block that starts with one. Numbers open items only
    in the cell's first numbering style (``1.`` or ``1)``) and counting up (or back to
    1), so "Level 2 - 5)" or "every 3 years" stay text.
    """
    if block[:1] in _BULLETS and block[1:2].isspace() and not _opens_later(block):
        return _ITEM_SEP + block[1:].lstrip()  # one bulleted item: the common case
    dashed = block.lstrip().startswith("- ")

    def replace(match: re.Match[str]) -> str:
        if match["dash"]:
            return _ITEM_SEP if dashed else match.group(0)
        if match["number"]:
            number, style = int(match["number"]), match["style"]
            last = numbering[1]
            if numbering[0] is None:
                numbering[0] = style
            elif style != numbering[0] or not (
                number == 1 or (isinstance(last, int) and number > last)
            ):
                return match.group(0)
            numbering[1] = number
        return _ITEM_SEP

    # Every marker starts at one of these characters: the full pattern is tried only
    # there, which spares scanning the prose between markers.
    parts: list[str] = []
    end = 0
    for candidate in _CANDIDATE.finditer(block):
        start = candidate.start()
        if start < end:
            continue
        match = _MARKER.match(block, start)
        if match is None:
            continue
        parts.append(block[end:start])
        parts.append(replace(match))
        end = match.end()
    if not parts:
        return block
    parts.append(block[end:])
    return "".join(parts)


def _simple_items(blocks: list[str]) -> tuple[str, ...] | None:
    """The items of the common cells, read without the general rules: one line of text
    with no marker in it, or lines that each hold one bulleted item. ``None`` otherwise."""
    if len(blocks) == 1:
        (block,) = blocks
        if not block:
            return ()
        return None if _CANDIDATE.search(block) else (block,)
    items = []
    for block in blocks:
        if _ONE_BULLETED.fullmatch(block) is None and (
            not (block[:1] in _BULLETS and block[1:2].isspace()) or _opens_later(block)
        ):
            return None
        items.append(block[1:].strip())
    return tuple(items)


def split_items(text: str) -> tuple[str, ...]:
    """The items of a list written in a cell, in order; plain text is one item.

    Items are opened by bullets (``•``, ``■``), ``~``, ``- ``, ``*``, numbers (``1.``,
    ``2)``), ``<li>``, ``<p>`` or ``<br>``. Text before the first marker is an item. A
    paragraph that starts in lower case continues the item before it, and a paragraph
    that heads a numbered list (or ends with a colon before a list) is kept as a prefix
    of that list's items, so no text is lost and no heading counts as an item.

    >>> split_items("■ Monthly review ■ Training for staff")
    ('Monthly review', 'Training for staff')
    >>> split_items("1. Plan agreed 2. Board informed")
    ('Plan agreed', 'Board informed')
    >>> split_items("<ul><li>One</li><li>Two</li></ul>")
    ('One', 'Two')
    >>> split_items("A single sentence.")
    ('A single sentence.',)
    >>> split_items("None")
    ()
    """
    blocks = _lines(text)
    if len(blocks) == 1 and _says_nothing(blocks[0]):  # a text of two lines says more
        return ()
    simple = _simple_items(blocks)
    if simple is not None:
        return simple
    items: list[list[str]] = []  # each item's parts, joined at the end (no repeated copies)
    heading = ""
    numbering: list[object] = [None, 0]  # the cell's number style, and the last number
    for index, block in enumerate(blocks):
        parts = [part.strip() for part in _mark(block, numbering).split(_ITEM_SEP)]
        lead, marked = parts[0], [part for part in parts[1:] if part]
        if lead and not marked:
            following = blocks[index + 1] if index + 1 < len(blocks) else ""
            if lead[0].islower() and items:
                items[-1].append(lead)
                continue
            if _FIRST_NUMBER.match(following) or (lead.endswith(":") and _MARKER.match(following)):
                heading = lead.rstrip(": ")
                continue
        if lead:
            items.append([lead])
        if heading and marked:
            marked = [f"{heading}: {item}" for item in marked]
            heading = ""
        items.extend([item] for item in marked)
    if heading:
        items.append([heading])
    return tuple(" ".join(parts) for parts in items)
