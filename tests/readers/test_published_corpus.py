"""A corpus of bad PDF and Word files: each raises a ReadError with an exact message.

Every case is read through ``riskmodel.readers.read`` with ``layout="auto"``, as
``riskmodel import`` reads it. None may raise anything but a :class:`ReadError` that
names the file (no pdfplumber, pdfminer, python-docx or lxml exception gets out), and
none may hang or expand a bomb: the limits are small here, so each case is quick.
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskmodel import ReadError, RiskModelError
from riskmodel.errors import MissingExtraError
from riskmodel.readers import read

from .published import (
    WORD,
    Grid,
    Lines,
    Picture,
    pdf,
    raw_docx,
    wexcombe_docx,
    wexcombe_pdf,
    word_xml,
)
from .workbooks import rewrite, workbook

PDF = ("pdfplumber", "needs pdfplumber: pip install 'riskmodel[pdf]'")
DOCX = ("docx", "needs python-docx: pip install 'riskmodel[docx]'")
SMALL = Grid((40, 60), (("Ref", "Owner"), ("Q1", "Clerk")))
NO_TABLE = ("no table drawn with ruled lines on its 1 page; riskmodel reads the tables of a "
            "PDF from the lines that draw their cells, and a table laid out with spaces alone "
            "is not read")
DOCTYPE = ("the part word/document.xml declares a document type (<!DOCTYPE); Word documents "
           "never do, and XML entities are not read")
TABLE = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ref</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"


@dataclass(frozen=True)
class Case:
    """A file named *name* holding *content*, and the exact message reading it raises."""

    id: str
    name: str
    content: bytes | Callable[[], bytes]
    message: str
    needs: tuple[str, str]
    options: dict[str, int] = field(default_factory=dict)


def _laughs() -> bytes:
    entities = ('<!DOCTYPE w:document [<!ENTITY lol "lol">'
                '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    body = (f'<?xml version="1.0"?>{entities}<w:document xmlns:w="{WORD}"><w:body>'
            f"<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p>{TABLE}</w:body></w:document>")
    return raw_docx(parts={"word/document.xml": body.encode()})


def _external_entity() -> bytes:
    body = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM '
            f'"file:///etc/passwd">]><w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>&x;'
            f"</w:t></w:r></w:p>{TABLE}</w:body></w:document>")
    return raw_docx(parts={"word/document.xml": body.encode()})


def _utf16_doctype() -> bytes:
    body = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY a "b">]>'
            f'<w:document xmlns:w="{WORD}"><w:body>{TABLE}</w:body></w:document>')
    return raw_docx(parts={"word/document.xml": body.encode("utf-16")})


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "Minutes of the risk meeting")
    return out.getvalue()


def _span(value: str) -> bytes:
    cell = (f"<w:tc><w:tcPr><w:gridSpan w:val='{value}'/></w:tcPr><w:p><w:r><w:t>Ref</w:t>"
            "</w:r></w:p></w:tc>")
    return raw_docx(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")


CASES = [
    # -- PDF -----------------------------------------------------------------------------------
    Case("pdf-truncated", "bad.pdf", lambda: wexcombe_pdf()[:4000],
         "bad.pdf: the PDF is truncated: it does not end with %%EOF (download or copy it "
         "again)", PDF),
    Case("pdf-empty", "bad.pdf", b"", "bad.pdf: not a PDF file: it does not start with %PDF-",
         PDF),
    Case("pdf-csv-named-pdf", "bad.pdf", b"Ref,Owner\nQ1,Clerk\n",
         "bad.pdf: not a PDF file: it does not start with %PDF-", PDF),
    Case("pdf-no-root", "bad.pdf", b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n",
         "bad.pdf: not a readable PDF: PDFSyntaxError: No /Root object! - Is this really a "
         "PDF?", PDF),
    Case("pdf-no-pages", "bad.pdf", lambda: pdf([]), "bad.pdf: the PDF has no pages", PDF),
    Case("pdf-no-tables", "bad.pdf", lambda: pdf([[Lines(("Wexcombe risk log", "Ref   Risk   "
                                                          "Owner", "W1   Flood   Clerk"))]]),
         f"bad.pdf: {NO_TABLE}", PDF),
    Case("pdf-scanned", "bad.pdf", lambda: pdf([[Picture()]]),
         "bad.pdf: no text on its 1 page: a scanned document holds only images of its pages, "
         "and riskmodel does no OCR", PDF),
    Case("pdf-encrypted", "bad.pdf", lambda: pdf([[SMALL]], user_password="parish"),
         "bad.pdf: the PDF is encrypted and opens only with a password; save an unprotected "
         "copy to read it", PDF),
    Case("pdf-decompression-bomb", "bad.pdf", lambda: pdf([[SMALL]], padding=3 * 2**20),
         "bad.pdf: its streams decompress to more than the limit of 2.0 MiB; a PDF this large "
         "(or a decompression bomb) is not read; raise max_bytes to read it", PDF,
         {"max_bytes": 2 * 2**20}),
    Case("pdf-too-many-pages", "bad.pdf", lambda: pdf([[SMALL]] * 5),
         "bad.pdf: the PDF has more than 4 pages; a register this long is not read; raise "
         "max_pages (or max_bytes) to read it", PDF, {"max_bytes": 2**20}),
    Case("pdf-over-max-bytes", "bad.pdf", lambda: pdf([[SMALL]]),
         "bad.pdf: is 1.3 KiB, larger than the limit of 1.0 KiB; raise the limit (max_bytes=, "
         "or --max-size on the command line) to read it", PDF, {"max_bytes": 1024}),
    # -- Word ----------------------------------------------------------------------------------
    Case("docx-not-a-zip", "bad.docx", b"Ref,Owner\nQ1,Clerk\n",
         "bad.docx: not a readable Word document: not a zip file (File is not a zip file)",
         DOCX),
    Case("docx-old-format", "bad.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
         "bad.docx: is an old-format Word (.doc) file or a password-protected document; save "
         "it as an unprotected .docx document", DOCX),
    Case("docx-zip-bomb", "bad.docx",
         lambda: raw_docx(TABLE, {"word/media/padding.bin": bytes(3 * 2**20)}),
         "bad.docx: its parts unzip to 3.0 MiB, more than the limit of 2.0 MiB; a Word "
         "document this large (or a zip bomb) is not read; raise max_bytes to read it", DOCX,
         {"max_bytes": 2 * 2**20}),
    Case("docx-billion-laughs", "bad.docx", _laughs, f"bad.docx: {DOCTYPE}", DOCX),
    Case("docx-external-entity", "bad.docx", _external_entity, f"bad.docx: {DOCTYPE}", DOCX),
    Case("docx-utf16-doctype", "bad.docx", _utf16_doctype, f"bad.docx: {DOCTYPE}", DOCX),
    Case("docx-broken-xml", "bad.docx",
         lambda: raw_docx(parts={"word/document.xml": b"<w:document"}),
         "bad.docx: not a readable Word document: the part word/document.xml is not "
         "well-formed XML: unclosed token (line 1, column 1)", DOCX),
    Case("docx-plain-zip", "bad.docx", _plain_zip,
         "bad.docx: not a readable Word document: There is no item named "
         "'[Content_Types].xml' in the archive", DOCX),
    Case("docx-workbook-named-docx", "bad.docx", lambda: workbook([["Ref", "Owner"]]),
         "bad.docx: not a readable Word document: its main part is not a Word document but "
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", DOCX),
    Case("docx-no-body", "bad.docx", lambda: raw_docx(parts={
        "word/document.xml": word_xml("").replace(b"<w:body></w:body>", b"")}),
         "bad.docx: not a readable Word document: its main part has no body (w:body) to read",
         DOCX),
    Case("docx-no-table", "bad.docx",
         lambda: raw_docx("<w:p><w:r><w:t>Ref&#9;Risk&#9;Owner</w:t></w:r></w:p>"),
         "bad.docx: the document has no table; riskmodel reads the tables of a Word file, and "
         "text laid out with tabs or spaces is not read as one", DOCX),
    Case("docx-too-wide", "bad.docx", lambda: _span("64"),
         "bad.docx: table 1, row 1 is wider than 63 grid columns, Word's limit; it is not read",
         DOCX),
    Case("docx-huge-span", "bad.docx", lambda: _span("1000000000"),
         "bad.docx: table 1, row 1 is wider than 63 grid columns, Word's limit; it is not read",
         DOCX),
    Case("docx-huge-grid-before", "bad.docx", lambda: raw_docx(
        "<w:tbl><w:tr><w:trPr><w:gridBefore w:val='1000000000'/></w:trPr><w:tc><w:p/></w:tc>"
        "</w:tr></w:tbl>"),
         "bad.docx: table 1, row 1 is wider than 63 grid columns, Word's limit; it is not read",
         DOCX),
    Case("docx-span-not-a-number", "bad.docx", lambda: _span("two"),
         "bad.docx: not a readable Word document: table 1, row 1: the gridSpan 'two' is not a "
         "whole number", DOCX),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_file(case: Case, tmp_path: Path) -> None:
    """Each bad PDF or Word file raises a ReadError with its exact message."""
    package, reason = case.needs
    if find_spec(package) is None:
        pytest.skip(reason)
    path = tmp_path / case.name
    path.write_bytes(case.content() if callable(case.content) else case.content)
    with pytest.raises(ReadError) as caught:
        read(path, **case.options)  # type: ignore[arg-type]
    assert str(caught.value).replace(f"{tmp_path}/", "") == case.message


class TestMissingExtras:
    def test_pdf(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pdfplumber, reading a PDF names the file and the extra to install."""
        monkeypatch.setitem(sys.modules, "pdfplumber", None)
        path = tmp_path / "register.pdf"
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")
        with pytest.raises(MissingExtraError) as caught:
            read(path)
        assert str(caught.value) == (
            f"reading {path} needs pdfplumber: pip install 'riskmodel[pdf]'")

    def test_docx(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-docx, reading a Word file names the file and the extra to install."""
        monkeypatch.setitem(sys.modules, "docx", None)
        path = tmp_path / "register.docx"
        path.write_bytes(b"PK\x05\x06" + bytes(18))
        with pytest.raises(MissingExtraError) as caught:
            read(path)
        assert str(caught.value) == (
            f"reading {path} needs python-docx: pip install 'riskmodel[docx]'")


def test_every_case_named_in_the_security_page() -> None:
    """docs/security.md names each case of this corpus beside the promise it holds."""
    page = (Path(__file__).parents[2] / "docs" / "security.md").read_text("utf-8")
    assert [case.id for case in CASES if f"`{case.id}`" not in page] == []


#: Text worth putting into a PDF or into WordprocessingML: its own keywords and markup.
_TOKENS = st.sampled_from([
    b"obj", b"endobj", b"stream", b"endstream", b"<<", b">>", b"[", b"]", b"/Length 99999",
    b"/FlateDecode", b"0 0 R", b"(", b")", b"re f", b" Tj", b"BT", b"ET", b"999999999",
    b"<w:tc>", b"</w:tc>", b"<w:tr>", b"</w:tr>", b"<w:gridSpan w:val='9'/>", b"&amp;",
    b'<w:vMerge w:val="continue"/>', b"<!--", b"\x00", b"\xff\xfe",
])


def _damaged(draw: st.DrawFn, body: bytes, start: int = 0) -> bytes:
    """*body* with a few of its bytes after *start* replaced by tokens or random bytes."""
    data = bytearray(body)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(start, len(data) - 1))
        data[at:at + draw(st.integers(0, 8))] = draw(_TOKENS | st.binary(max_size=6))
    return bytes(data)


def _read_or_fail_cleanly(name: str, data: bytes) -> None:
    """Read *data* as the file *name*: it reads, every line accounted for, or raises a
    RiskModelError that is not the last-resort wrapper for the unexpected."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            result = read(path, max_bytes=2**22)
        except RiskModelError as exc:
            error, lines, expected = str(exc), [], []
        else:
            report = result.report
            error, lines = "", [entry.line for entry in report.lines]
            expected = list(range(1, report.line_count + 1))
    assert lines == expected
    assert "cannot read the table" not in error


class TestMutations:
    """Damaged copies of the PDF and Word registers read, or raise a RiskModelError."""

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_pdf(self, data: st.DataObject) -> None:
        """A PDF with damaged bytes (after its header) reads or fails with a ReadError."""
        pytest.importorskip("pdfplumber", reason=PDF[1])
        _read_or_fail_cleanly("mutated.pdf", _damaged(data.draw, wexcombe_pdf(), start=16))

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_docx(self, data: st.DataObject) -> None:
        """A Word file whose main part is damaged reads or fails with a ReadError."""
        pytest.importorskip("docx", reason=DOCX[1])
        damaged = rewrite(wexcombe_docx(), {
            "word/document.xml": lambda body: _damaged(data.draw, body)})
        _read_or_fail_cleanly("mutated.docx", damaged)
