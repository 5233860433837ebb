"""Rows of a PDF's ruled tables and text lines, through the optional ``pdf`` extra (pdfplumber).

**What a line of a PDF is.** A PDF has no lines of its own, so riskmodel makes them: each
page is read from top to bottom, and each row of a table drawn with ruled lines is one
line, and so is each line of text outside the tables (titles, notes, page headings and
footers). Lines are numbered 1, 2, 3 … through the whole file in that order, so
``register.pdf:12:3`` names the third cell of one table row, and every line has exactly
one entry in the import report, which gives its place: ``page 2, table 1, row 3`` for a
table row (tables are numbered on each page, from the top), ``page 2`` for a line of
text. Text inside a table's frame but in none of its cells (beside a row shorter than
the others) is read as lines of text after the table's rows.

A cell that spans several columns or rows (a merged cell) is read once: its text is in
its first column and its first row, and the columns and rows it also covers are empty,
as a text table prints a header that spans three score columns (``| Score | | |``). A
table that runs over several pages is read as the tables of each page, one after the
other, whether or not each page repeats its header row; a risk whose row breaks over a
page is two rows, the second read as a continuation by the layout.

What is not read: text in images (a scanned page: riskmodel does no OCR), a table whose
columns are aligned with spaces and drawn without lines (each of its lines is read as a
line of text, outside any table), and annotations and form fields.

A PDF may come from anyone, so before any page is read riskmodel checks that the file
starts with ``%PDF-`` and ends with ``%%EOF`` (a truncated download does not), that it
opens without a password, that it has no more than *max_pages* pages (by default one
for every 256 KiB of *max_bytes*: 1,024), and that its streams (other than images, which
are never decoded) decompress to no more than *max_bytes* in all. A page whose ruled
lines may cross in more than :data:`MAX_CROSSINGS` places is refused, and so is a PDF
with no pages, no text (a scanned document) or no ruled table. Any failure is a
:class:`~riskmodel.ReadError` naming the file.
"""

from __future__ import annotations

import io
import itertools
import os
import warnings
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from riskmodel._files import MAX_BYTES, read_bytes
from riskmodel._validate import to_tuple
from riskmodel.errors import MissingExtraError, ReadError, RiskModelError
from riskmodel.readers.table import Row, RowKind

__all__ = ["MAX_CROSSINGS", "PAGE_BYTES", "read_pdf_rows"]

#: A PDF may have one page for each this many bytes of the size limit.
PAGE_BYTES = 256 * 2**10
#: The most places in which a page's ruled lines may cross: the distinct positions of its
#: vertical lines times those of its horizontal ones. A page of a register, 40 rows of 15
#: columns, has under 1,000; finding a table's cells takes time that grows faster than
#: this number (about 3 seconds for 10,000 crossings).
MAX_CROSSINGS = 10_000
#: How far from the file's start ``%PDF-`` and from its end ``%%EOF`` may be.
_SLACK = 1024
_CHUNK = 2**16
#: The longest message of pdfminer's quoted in an error.
_MESSAGE = 200


def _error(source: str, problem: str) -> ReadError:
    return ReadError(source, None, None, problem)


def _size(value: int) -> str:
    return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value:,} bytes"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _check_bytes(data: bytes, source: str) -> None:
    """Refuse a file that is not a PDF, or one cut short."""
    if b"%PDF-" not in data[:_SLACK]:
        raise _error(source, "not a PDF file: it does not start with %PDF-")
    if b"%%EOF" not in data[-_SLACK:]:
        raise _error(source, "the PDF is truncated: it does not end with %%EOF (download "
                             "or copy it again)")


class _TooLarge(Exception):
    """The streams decompress to more than the budget."""


def _inflate(data: bytes, budget: int) -> bytes:
    """*data* inflated (as far as it is valid zlib), never to more than *budget* bytes."""
    inflater = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(data), _CHUNK):
        try:
            out += inflater.decompress(data[start:start + _CHUNK], budget + 1 - len(out))
        except zlib.error:  # damaged: pdfminer keeps what came before the damage
            break
        if inflater.unconsumed_tail or len(out) > budget:
            raise _TooLarge
    return bytes(out)


def _lzw(data: bytes, budget: int) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > budget:
            raise _TooLarge
    return bytes(out)


def _run_length(data: bytes, budget: int) -> bytes:
    out = bytearray()
    index = 0
    while index < len(data) and data[index] != 128:
        length = data[index]
        if length < 128:
            out += data[index + 1:index + 2 + length]
            index += 2 + length
        else:
            out += data[index + 1:index + 2] * (257 - length)
            index += 2
        if len(out) > budget:
            raise _TooLarge
    return bytes(out)


def _decoded_size(stream: Any, budget: int) -> int:
    """How many bytes *stream* decodes to, within *budget*; images are not counted."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import LIT

    kind, subtype = resolve1(stream.get("Type")), resolve1(stream.get("Subtype"))
    if subtype is LIT("Image") or kind is LIT("XRef"):
        return 0  # pdfminer never decodes images; a cross-reference stream is read already
    data = stream.rawdata or b""
    if stream.decipher is not None and stream.objid is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    steps: dict[str, Callable[[bytes, int], bytes]] = {
        "FlateDecode": _inflate, "Fl": _inflate, "LZWDecode": _lzw, "LZW": _lzw,
        "RunLengthDecode": _run_length, "RL": _run_length,
        "ASCII85Decode": lambda d, _: ascii85decode(d), "A85": lambda d, _: ascii85decode(d),
        "ASCIIHexDecode": lambda d, _: asciihexdecode(d), "AHx": lambda d, _: asciihexdecode(d),
    }
    for name, _ in stream.get_filters():
        step = steps.get(getattr(name, "name", ""))
        if step is None:  # an image filter, or one pdfminer refuses itself
            break
        data = step(data, budget)
    return len(data)


def _streams(doc: Any) -> Iterator[Any]:
    """The streams of the document that are objects of their own (not in object streams)."""
    from pdfminer.pdftypes import PDFStream

    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                stream_id, _, _ = xref.get_pos(objid)
            except KeyError:
                continue
            if stream_id is not None:  # inside an object stream, which is never a stream
                continue
            obj = doc.getobj(objid)
            if isinstance(obj, PDFStream):
                yield obj


def _check_streams(doc: Any, source: str, limit: int) -> None:
    """Refuse a PDF whose streams decompress to more than *limit* bytes in all."""
    spent = 0
    try:
        for stream in _streams(doc):
            spent += _decoded_size(stream, limit - spent)
    except _TooLarge:
        raise _error(
            source, f"its streams decompress to more than the limit of {_size(limit)}; a PDF "
                    "this large (or a decompression bomb) is not read; raise max_bytes to "
                    "read it") from None


def _encrypted(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError

    return isinstance(exc, PDFEncryptionError)


def _cause(exc: BaseException) -> BaseException:
    """The pdfminer error inside pdfplumber's wrapper."""
    from pdfplumber.utils.exceptions import PdfminerException

    while isinstance(exc, PdfminerException) and exc.args and isinstance(
            exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _described(exc: BaseException) -> str:
    """The error's kind and message, cut at 200 characters (pdfminer prints objects)."""
    text = " ".join(str(exc).split())
    if len(text) > _MESSAGE:
        text = text[:_MESSAGE - 1] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _in_box(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    """Whether the middle of *obj* lies in *box* (x0, top, x1, bottom), as pdfplumber
    decides that a character is in a cell."""
    x: float = (obj["x0"] + obj["x1"]) / 2
    y: float = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _strays(chars: list[dict[str, Any]], table: Any, cells: list[list[str | None]]) -> set[int]:
    """The ids of the characters inside *table*'s box that lie in none of its cells (beside
    a row shorter than the others), so that they are read as text rather than lost.

    The cells are searched only when the table's box holds more characters than its
    cells' text, which is seldom.
    """
    x0, top, x1, bottom = table.bbox
    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1
              and top <= (c["top"] + c["bottom"]) / 2 < bottom]
    held = sum(len("".join(text.split())) for row in cells for text in row if text)
    if sum(1 for c in inside if not c["text"].isspace()) <= held:
        return set()
    return {id(c) for c in inside if not any(_in_box(c, cell) for cell in table.cells)}


def _page_rows(page: Any, number: int, first_line: int, source: str) -> list[Row]:
    """The rows of one page: its tables' rows and its text lines, from top to bottom."""
    edges = page.edges
    across = {round(edge["top"]) for edge in edges if edge["orientation"] == "h"}
    down = {round(edge["x0"]) for edge in edges if edge["orientation"] == "v"}
    if len(across) * len(down) > MAX_CROSSINGS:
        raise _error(source, f"page {number} rules {len(across):,} lines across and "
                             f"{len(down):,} down, which may cross in "
                             f"{len(across) * len(down):,} places, more than the "
                             f"{MAX_CROSSINGS:,} a page of tables needs; it is not read")
    tables = [(table, table.extract()) for table in
              sorted(page.find_tables(), key=lambda t: (t.bbox[1], t.bbox[0]))]
    boxes = [tuple(table.bbox) for table, _ in tables]
    strays: set[int] = set()
    for table, cells in tables:
        strays |= _strays(page.chars, table, cells)
    text = page.filter(lambda obj: id(obj) in strays or not any(
        _in_box(obj, box) for box in boxes)) if boxes else page
    placed: list[tuple[float, float, int, Any]] = [
        (line["top"], line["x0"], 0, line["text"])
        for line in text.extract_text_lines(return_chars=False) if line["text"].strip()
    ]
    placed += [(t.bbox[1], t.bbox[0], n, cells) for n, (t, cells) in enumerate(tables, 1)]
    placed.sort(key=lambda item: item[:3])
    rows: list[Row] = []
    for _, _, table_number, item in placed:
        if table_number == 0:
            rows.append(Row(first_line + len(rows), RowKind.TEXT, (item.strip(),), item,
                            page=number))
            continue
        for index, cells in enumerate(item, 1):
            texts = to_tuple(cell.strip() if cell else "" for cell in cells)
            kind = RowKind.CELLS if any(texts) else RowKind.BLANK
            rows.append(Row(first_line + len(rows), kind, texts if any(texts) else (),
                            "\t".join(texts), page=number, table=table_number,
                            table_row=index))
    return rows


def read_pdf_rows(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    max_bytes: int | None = None,
    max_pages: int | None = None,
) -> tuple[Row, ...]:
    """The rows of a PDF (a path, or its bytes): each table row and each line of text
    outside the tables, numbered from 1 in reading order, each with its page (and table).

    *name* names the file in errors. *max_bytes* (256 MiB by default) limits the file and
    the decompressed size of its streams; *max_pages* (``max_bytes // PAGE_BYTES`` by
    default) limits its pages.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if isinstance(source, bytes):
        data, where = source, name or "<pdf>"
    else:
        where = name or os.fspath(source)
        data = read_bytes(source, _error, limit=limit)
    pages = max(1, limit // PAGE_BYTES) if max_pages is None else max_pages
    try:
        import pdfplumber
    except ImportError:
        raise MissingExtraError("pdfplumber", "pdf", f"reading {where}") from None
    _check_bytes(data, where)
    with warnings.catch_warnings():
        # pdfminer warns about damage it works around; the rows read are what counts.
        warnings.simplefilter("ignore")
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:  # pdfminer raises many kinds for a damaged file
            cause = _cause(exc)
            if _encrypted(cause):
                raise _error(where, "the PDF is encrypted and opens only with a password; "
                                    "save an unprotected copy to read it") from None
            raise _error(where, f"not a readable PDF: {_described(cause)}") from None
        # pdf.close() is not called: it would walk the page tree again (and meet its
        # damage again); the file is a BytesIO, and each page read is closed in turn.
        try:
            return _read_pages(pdf, where, limit, pages)
        except RiskModelError:
            raise
        except Exception as exc:  # a damaged object is found as it is read
            raise _error(where, f"not a readable PDF: {_described(_cause(exc))}") from None


def _read_pages(pdf: Any, where: str, limit: int, max_pages: int) -> tuple[Row, ...]:
    from pdfminer.pdfpage import PDFPage

    count = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), max_pages + 1))
    if not count:
        raise _error(where, "the PDF has no pages")
    if count > max_pages:
        raise _error(where, f"the PDF has more than {_plural(max_pages, 'page')}; a register "
                            "this long is not read; raise max_pages (or max_bytes) to read it")
    _check_streams(pdf.doc, where, limit)
    rows: list[Row] = []
    chars = 0
    for number, page in enumerate(pdf.pages, 1):
        try:
            chars += len(page.chars)
            rows.extend(_page_rows(page, number, len(rows) + 1, where))
        except RiskModelError:
            raise
        except Exception as exc:
            raise _error(where, f"page {number} cannot be read: "
                                f"{_described(_cause(exc))}") from None
        finally:
            page.close()
    if not chars:
        raise _error(where, f"no text on its {_plural(count, 'page')}: a scanned document "
                            "holds only images of its pages, and riskmodel does no OCR")
    if not any(row.table is not None for row in rows):
        raise _error(where, f"no table drawn with ruled lines on its {_plural(count, 'page')}; "
                            "riskmodel reads the tables of a PDF from the lines that draw "
                            "their cells, and a table laid out with spaces alone is not read")
    return tuple(rows)
