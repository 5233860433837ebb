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
import zipfile
import zlib
from collections.abc import Mapping, Sequence
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


@dataclass(frozen=True)
class Drawn:
    """Ruled lines and text placed on the page itself (points from its bottom left):
    *lines* as ``(x0, y0, x1, y1)``, *texts* as ``(x, y, text)``."""

    lines: tuple[tuple[float, float, float, float], ...]
    texts: tuple[tuple[float, float, str], ...]


Block = Lines | Grid | Picture | Drawn


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text(x: float, y: float, text: str) -> bytes:
    return b"BT /F1 %d Tf %.2f %.2f Td (%s) Tj ET\n" % (_SIZE, x, y, _escape(text))


def _line(x0: float, y0: float, x1: float, y1: float) -> bytes:
    return b"%.2f %.2f m %.2f %.2f l S\n" % (x0, y0, x1, y1)


def _width(text: str) -> float:
    """The width of *text* in Helvetica at the size drawn."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths.get(ch, widths["M"]) for ch in text) * _SIZE / 1000


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
                span = 1
                while c + span < len(row) and row[c + span] == LEFT:
                    span += 1
                room = xs[c + span] - xs[c] - 3
                for text in cell.split("\n"):
                    assert _width(text) <= room, f"{text!r} is wider than its cell"
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
        elif isinstance(block, Drawn):
            out += b"0.5 w\n" + b"".join(_line(*line) for line in block.lines)
            out += b"".join(_text(x, y, text) for x, y, text in block.texts)
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


WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def word_xml(body: str) -> bytes:
    """The main part of a Word file whose body is *body* (WordprocessingML, prefix ``w``)."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
            f'xmlns:w="{WORD}"><w:body>{body}</w:body></w:document>').encode()


def raw_docx(body: str = "", parts: Mapping[str, bytes] | None = None) -> bytes:
    """The smallest Word file: its body written as XML, and any other *parts* by name (a
    part named ``word/document.xml`` replaces the body)."""
    files = {"[Content_Types].xml": _TYPES.encode(), "_rels/.rels": _RELATIONSHIPS.encode(),
             "word/document.xml": word_xml(body), **(parts or {})}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


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


# -- Registers written for these tests ---------------------------------------------------------

#: Wexcombe Parish Council's register, in the columns of the Leicester City divisional
#: layout: the two score headers each span three columns (impact, likelihood, product).
WEXCOMBE_WIDTHS = (70, 100, 80, 80, 18, 18, 20, 88, 18, 18, 20, 44, 50, 50)
WEXCOMBE_HEADER = (
    "Business\nObjective", "Risk\nWhat is the issue", "Consequence",
    "Existing\nactions/controls", "Risk Score\nwith existing\nmeasures", LEFT, LEFT,
    "Further\nmanagement\nactions/controls", "Target Score\nwith further\ncontrols", LEFT, LEFT,
    "Cost", "Risk Owner", "Target Date",
)
WEXCOMBE_TITLE = (
    "Wexcombe Parish Council risk register",
    "Completed by (Risk Owner): Parish Clerk",
    "V4",
    "Date completed: 14.04.26",
)


def _section(title: str) -> tuple[str, ...]:
    """A section row: one cell merged across the whole table."""
    return (title, *(LEFT,) * (len(WEXCOMBE_HEADER) - 1))


#: Section 1, with the objective cell merged down over both of its risks.
WEXCOMBE_BUILDINGS = (
    _section("1. Buildings"),
    ("Keep the hall\nopen to hirers", "a) Hall roof lets in\nwater during storms",
     "Hall closed;\nlost hire income", "Gutters cleared\nevery autumn", "4", "3", "12",
     "Reroof the north side", "2", "3", "6", "£18k", "Clerk", "30/09/26"),
    (UP, "b) Boiler fails in a\ncold spell", "No heating for\nthe lunch club",
     "Annual service", "3", "3", "9", "Get quotes for a\nnew boiler", "3", "2", "6", "£4k",
     "Caretaker", "31/12/26"),
)
#: Section 2, printed on the next page under the header printed again.
WEXCOMBE_MONEY = (
    _section("2. Money"),
    ("Balance the\nbudget", "a) Precept rise is\nrefused", "Reserves fall below\nsix months",
     "Budget set in\nJanuary", "4", "2", "8", "Three-year plan", "3", "2", "6",
     "Staff time", "Treasurer", "31/03/27"),
    ("Balance the\nbudget", "b) Grant for the play\narea is withdrawn",
     "Play area upgrade\ndelayed", "Bid lodged early", "2", "4", "8", "Seek a second funder",
     "2", "3", "6", "", "Chair", "30/06/27"),
)


def wexcombe_pdf() -> bytes:
    """Wexcombe's register over two pages, the header row printed again on the second."""
    return pdf([
        [Lines(WEXCOMBE_TITLE),
         Grid(WEXCOMBE_WIDTHS, (WEXCOMBE_HEADER, *WEXCOMBE_BUILDINGS)),
         Lines(("Page 1 of 2",))],
        [Lines((WEXCOMBE_TITLE[0],)),
         Grid(WEXCOMBE_WIDTHS, (WEXCOMBE_HEADER, *WEXCOMBE_MONEY)),
         Lines(("Page 2 of 2",))],
    ])


def wexcombe_docx() -> bytes:
    """Wexcombe's register as a Word file: the title, then a table for each section with
    its header row, and paragraphs before, between and after them."""
    def build(document: Any) -> None:
        for text in WEXCOMBE_TITLE:
            document.add_paragraph(text)
        document.add_paragraph("")
        word_table(document, (WEXCOMBE_HEADER, *WEXCOMBE_BUILDINGS))
        document.add_paragraph("The second section follows on its own page.")
        word_table(document, (WEXCOMBE_HEADER, *WEXCOMBE_MONEY))
        document.add_paragraph("Adopted by the full council on 14 April 2026.")

    return docx(build)


#: Ashgrove library service's log, read with the layout of
#: ``tests/fixtures/readers/library-layout.toml``.
ASHGROVE_WIDTHS = (30, 230, 56, 44, 40, 90, 110)
ASHGROVE_HEADER = ("Ref", "Risk description", "Likelihood", "Impact", "Score", "Owner",
                   "Review date")
ASHGROVE_FIRST = (
    ("A1", "Damp spreads to the local\nhistory stacks", "3", "4", "12", "Facilities lead",
     "30/06/2026"),
    ("A2", "Card payments fail at the\nfront desk", "2", "2", "4", "Branch manager",
     "31/12/2026"),
    ("A3", "Too few drivers to keep", "4", "3", "12", "Head of libraries", "ongoing"),
)
#: The rest of A3's row, carried over to the next page, then two more risks.
ASHGROVE_SECOND = (
    ("", "the mobile library on its route", "", "", "", "", ""),
    ("A4", "Summer reading scheme\noversubscribed", "3", "2", "6", "Children's librarian",
     "01/09/2026"),
    ("A5", "Public computers infected\nby malware", "2", "5", "10", "IT partner",
     "31/10/2026"),
)


def ashgrove_pdf(*, repeat_header: bool) -> bytes:
    """Ashgrove's log over two pages; the header row is printed again or only once."""
    second = (ASHGROVE_HEADER, *ASHGROVE_SECOND) if repeat_header else ASHGROVE_SECOND
    return pdf([
        [Lines(("Ashgrove Library Service risk log",)),
         Grid(ASHGROVE_WIDTHS, (ASHGROVE_HEADER, *ASHGROVE_FIRST)),
         Lines(("continued overleaf",))],
        [Grid(ASHGROVE_WIDTHS, second)],
    ], landscape=False)


#: The risks of Wexcombe's register, as the PDF and the Word file give them: id, section,
#: objective, description, current and target (impact, likelihood, product), owner, cost
#: and target date.
WEXCOMBE_RISKS = [
    ("1a", "Buildings", "Keep the hall open to hirers", "Hall roof lets in water during storms",
     ("4", "3", 12.0), ("2", "3", 6.0), "Clerk", "£18k", "30/09/26"),
    ("1b", "Buildings", "", "Boiler fails in a cold spell",
     ("3", "3", 9.0), ("3", "2", 6.0), "Caretaker", "£4k", "31/12/26"),
    ("2a", "Money", "Balance the budget", "Precept rise is refused",
     ("4", "2", 8.0), ("3", "2", 6.0), "Treasurer", "Staff time", "31/03/27"),
    ("2b", "Money", "Balance the budget", "Grant for the play area is withdrawn",
     ("2", "4", 8.0), ("2", "3", 6.0), "Chair", None, "30/06/27"),
]
#: Ashgrove's log: ref, description, likelihood, impact, product, owner and review date.
ASHGROVE_RISKS = [
    ("A1", "Damp spreads to the local history stacks", "3", "4", 12.0, "Facilities lead",
     "30/06/2026"),
    ("A2", "Card payments fail at the front desk", "2", "2", 4.0, "Branch manager",
     "31/12/2026"),
    ("A3", "Too few drivers to keep the mobile library on its route", "4", "3", 12.0,
     "Head of libraries", "ongoing"),
    ("A4", "Summer reading scheme oversubscribed", "3", "2", 6.0, "Children's librarian",
     "01/09/2026"),
    ("A5", "Public computers infected by malware", "2", "5", 10.0, "IT partner",
     "31/10/2026"),
]


def wexcombe_risks(result: Any) -> list[tuple[object, ...]]:
    """The risks of *result* in the shape of :data:`WEXCOMBE_RISKS`."""
    out: list[tuple[object, ...]] = []
    for risk in result.registers[0].risks:
        stages = []
        for stage in (risk.current, risk.target):
            assert stage is not None
            assert stage.impact
            assert stage.likelihood
            stages.append((stage.impact.code, stage.likelihood.code, stage.stated))
        out.append((risk.id, risk.section, risk.objective, risk.description, *stages,
                    risk.risk_owner, risk.cost.text if risk.cost else None,
                    risk.target_date.text if risk.target_date else None))
    return out


def ashgrove_risks(result: Any) -> list[tuple[object, ...]]:
    """The risks of *result* in the shape of :data:`ASHGROVE_RISKS`."""
    out: list[tuple[object, ...]] = []
    for risk in result.registers[0].risks:
        current = risk.current
        assert current is not None
        assert current.likelihood
        assert current.impact
        out.append((risk.ref, risk.description, current.likelihood.code, current.impact.code,
                    current.stated, risk.risk_owner,
                    risk.review_date.text if risk.review_date else None))
    return out
