"""PDF and Word files built for the tests: registers drawn as a council would publish them.

A PDF is written operator by operator (Helvetica, which every PDF reader knows, so no font
is embedded): text lines, and tables whose cells are drawn with ruled lines. A grid cell
written ``<`` is covered by the cell on its left, one written ``^`` by the cell above, so
the two cells are one merged cell: no line is drawn between them. A Word file is built
with python-docx, merging cells the same way.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: A grid cell covered by the cell on its left, or by the cell above.
LEFT, UP = "<", "^"
#: The PDF standard security handler's padding (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = hashlib.md5(b"riskmodel test file").digest()
_SIZE, _LEADING, _MARGIN = 7, 9, 36


@dataclass(frozen=True)
class Lines:
    """Lines of text, one under the other."""

    texts: tuple[str, ...]


@dataclass(frozen=True)
class Grid:
    """A table drawn with ruled lines: column widths, and rows of cell texts.

    A cell's text may hold line breaks; ``<`` and ``^`` mark merged grid cells.
    """

    widths: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Picture:
    """A grey square drawn as an image, as a scanned page is."""


Block = Lines | Grid | Picture


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text(x: float, y: float, text: str) -> bytes:
    return b"BT /F1 %d Tf %.2f %.2f Td (%s) Tj ET\n" % (_SIZE, x, y, _escape(text))


def _line(x0: float, y0: float, x1: float, y1: float) -> bytes:
    return b"%.2f %.2f m %.2f %.2f l S\n" % (x0, y0, x1, y1)


def _grid(grid: Grid, top: float) -> tuple[bytes, float]:
    """The operators that draw *grid* from *top* down, and the height it takes."""
    xs = [_MARGIN]
    for width in grid.widths:
        xs.append(xs[-1] + width)
    heights = [4 + _LEADING * max(1, *(cell.count("\n") + 1 for cell in row
                                        if cell not in (LEFT, UP))) for row in grid.rows]
    tops = [top]
    for height in heights:
        tops.append(tops[-1] - height)
    out = bytearray(b"0.5 w\n")
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if cell != LEFT:
                out += _line(xs[c], tops[r], xs[c], tops[r + 1])
            if cell != UP:
                out += _line(xs[c], tops[r], xs[c + 1], tops[r])
            if cell not in (LEFT, UP):
                for k, text in enumerate(cell.split("\n")):
                    if text:
                        out += _text(xs[c] + 2, tops[r] - _SIZE - 1 - k * _LEADING, text)
        out += _line(xs[-1], tops[r], xs[-1], tops[r + 1])
    out += _line(xs[0], tops[-1], xs[-1], tops[-1])
    return bytes(out), top - tops[-1]


def _content(blocks: Sequence[Block], height: float) -> bytes:
    out = bytearray()
    top = height - _MARGIN
    for block in blocks:
        if isinstance(block, Lines):
            for text in block.texts:
                out += _text(_MARGIN, top - _SIZE, text)
                top -= _LEADING + 2
        elif isinstance(block, Grid):
            drawn, used = _grid(block, top)
            out += drawn
            top -= used
        else:
            out += b"q 200 0 0 200 %.2f %.2f cm /Im1 Do Q\n" % (_MARGIN, top - 200)
            top -= 200
        top -= 12
    return bytes(out)


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def _security(user: str, owner: str) -> tuple[bytes, bytes, bytes]:
    """The /O and /U entries and the file key of RC4 40-bit encryption (revision 2)."""
    padded_user = (user.encode("latin-1") + _PAD)[:32]
    padded_owner = (owner.encode("latin-1") + _PAD)[:32]
    owner_entry = _rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
    permissions = struct.pack("<i", -4)
    key = hashlib.md5(padded_user + owner_entry + permissions + _FILE_ID).digest()[:5]
    return owner_entry, _rc4(key, _PAD), key


def pdf(
    pages: Sequence[Sequence[Block]],
    *,
    landscape: bool = True,
    user_password: str | None = None,
    padding: int = 0,
) -> bytes:
    """A PDF of *pages*, each a sequence of blocks drawn from the top of the page down.

    *user_password* encrypts the file (RC4, 40 bits), so that it opens only with that
    password (an empty one opens it without asking). *padding* adds a content stream to
    the first page that decompresses to that many spaces.
    """
    width, height = (842, 595) if landscape else (595, 842)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")
    image = add(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
    tree = add(b"")
    streams: dict[int, bytes] = {}
    compressed: set[int] = set()
    kids = []
    for number, blocks in enumerate(pages):
        contents = [add(b"")]
        streams[contents[0]] = _content(blocks, height)
        if padding and number == 0:
            contents.append(add(b""))
            streams[contents[1]] = zlib.compress(b" " * padding, 9)
            compressed.add(contents[1])
        refs = b" ".join(b"%d 0 R" % ref for ref in contents)
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d "
            b"0 R >> /XObject << /Im1 %d 0 R >> >> /Contents [%s] >>"
            % (tree, width, height, font, image, refs)))
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
    encrypt = b""
    key = None
    if user_password is not None:
        owner_entry, user_entry, key = _security(user_password, "council")
        encrypt_ref = add(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>"
                          % (owner_entry.hex().encode(), user_entry.hex().encode()))
        encrypt = b" /Encrypt %d 0 R" % encrypt_ref
    for ref, data in streams.items():
        if key is not None:
            object_key = hashlib.md5(key + struct.pack("<i", ref)[:3] + b"\0\0").digest()[:10]
            data = _rc4(object_key, data)
        filters = b" /Filter /FlateDecode" if ref in compressed else b""
        objects[ref - 1] = (b"<< /Length %d%s >>\nstream\n" % (len(data), filters) + data
                            + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root %d 0 R%s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, encrypt, _FILE_ID.hex().encode(),
               _FILE_ID.hex().encode(), start))
    return bytes(out)


def docx(build: Any) -> bytes:
    """A Word file made by *build*, which is given a new python-docx document."""
    import docx as python_docx

    document = python_docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def word_table(document: Any, rows: Sequence[Sequence[str]]) -> Any:
    """A table added to *document* holding *rows*; ``<`` and ``^`` cells are merged into
    the cell on their left or above, as Word merges them (the text is kept once)."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text not in (LEFT, UP):
                table.cell(r, c).text = text
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == LEFT:
                start = c - 1
                while rows[r][start] == LEFT:
                    start -= 1
                table.cell(r, start).merge(table.cell(r, c))
            elif text == UP:
                start = r - 1
                while rows[start][c] == UP:
                    start -= 1
                table.cell(start, c).merge(table.cell(r, c))
    return table
