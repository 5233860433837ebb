"""A corpus of bad input for the readers: each case's exact error or report, and where.

Every case is read through the library's API (``riskmodel.readers.read``), never the
command line. A case either raises an exact exception class whose message gives the
location (``file:line[:column]``, or a layout file and the key at fault as
``$.columns[2].match``), or reads with an exact number of risks and exact problem lines
(``file:line[:column]: problem: …``). No case may raise anything else, hang, or lose a
line: the report accounts for every line of every case that reads.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskmodel import LayoutError, ReadError, RiskModelError
from riskmodel.readers import NoteKind, read

from .workbooks import (
    HEADER,
    SHEET,
    number_cell,
    rewrite,
    row_xml,
    set_dimension,
    text_cell,
    with_sheet,
    workbook,
    zip_of,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
LIBRARY = (FIXTURES / "library.csv").read_text("utf-8")
LIBRARY_LAYOUT = (FIXTURES / "library-layout.toml").read_text("utf-8")
CAMBRIDGESHIRE = (FIXTURES / "cambridgeshire.txt").read_text("utf-8")
DIVISIONAL = (FIXTURES / "divisional.md").read_text("utf-8")
LEICESTERSHIRE = (FIXTURES / "leicestershire.txt").read_text("utf-8")
#: A layout's top, before its first [[columns]].
TOP = 'name = "corpus"\nscheme = "generic-5x5"\nscore_order = ["likelihood", "impact", "product"]\n'
COLUMNS = LIBRARY_LAYOUT[LIBRARY_LAYOUT.index("[[columns]]"):]
K1 = ["K1", "Van breaks down", 3, 3, 9, "Fleet manager", None]
KNOWN = ("cambridgeshire, leicester-city-divisional, leicester-city-operational, "
         "leicestershire, riskmodel-export, generic")
NUL = ("a NUL character: the file is binary, or UTF-16 text without a byte-order mark; "
       "save it as UTF-8 text")
DOCTYPE = ("the part xl/worksheets/sheet1.xml declares a document type (<!DOCTYPE); workbooks "
           "never do, and XML entities are not read")


@dataclass(frozen=True)
class Raises:
    """The case raises *error*; its message, with the folder removed, is *message*."""

    error: type[RiskModelError]
    message: str


@dataclass(frozen=True)
class Reads:
    """The case reads *risks* risks; *problems* are its report's problem lines, in order."""

    risks: int
    problems: tuple[str, ...] = ()
    #: Other notes expected, as ``(kind, message)``.
    notes: tuple[tuple[NoteKind, str], ...] = ()


@dataclass(frozen=True)
class Case:
    """One bad input: the file to read, its content, the layout, and what must happen."""

    id: str
    name: str
    content: bytes | Callable[[], bytes] | None
    expect: Raises | Reads
    #: ``None``: auto; a built-in layout name; or TOML text, written to ``layout.toml``.
    layout: str | None = "library"
    options: dict[str, object] = field(default_factory=dict)
    workbook: bool = False


def _layout(text: str) -> str:
    return f"toml:{text}"


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def _laughs() -> bytes:
    payload = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
               '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
               "</sheetData></worksheet>")
    return rewrite(workbook([HEADER]), {SHEET: payload.encode()})


def _external_entity() -> bytes:
    payload = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
               "</sheetData></worksheet>")
    return rewrite(workbook([HEADER]), {SHEET: payload.encode()})


def _sheets() -> bytes:
    def build(book: object) -> None:
        hidden = book.create_sheet("Old", 0)  # type: ignore[attr-defined]
        hidden.append(HEADER)
        hidden.sheet_state = "hidden"
        other = book.create_sheet("Costs")  # type: ignore[attr-defined]
        other.append(["Staff", 1200])

    return workbook([HEADER, K1], build=build)


def _merged() -> bytes:
    def build(book: object) -> None:
        book.active.merge_cells("F2:F3")  # type: ignore[attr-defined]

    return workbook([HEADER, K1, ["K2", "Book fund cut", 4, 4, 16, None, None]], build=build)


def _date_cell(value: object, number_format: str | None = None) -> Callable[[], bytes]:
    def build() -> bytes:
        def style(book: object) -> None:
            if number_format:
                book.active["G2"].number_format = number_format  # type: ignore[attr-defined]

        return workbook([HEADER, [*K1[:6], value]], build=style)

    return build


def _huge_range() -> bytes:
    rows = row_xml(1, HEADER) + "".join(row_xml(n, [f"K{n}", "Risk", 2, 3, 6])
                                        for n in range(2, 2002))
    return with_sheet(rows, dimension="A1:XFD1048576")


def _wide_rows() -> bytes:
    rows = row_xml(1, HEADER) + "".join(
        f'<row r="{n}">{text_cell(f"A{n}", "K")}{number_cell(f"XFD{n}", 1)}</row>'
        for n in range(2, 2002))
    return with_sheet(rows)


def _external_link() -> bytes:
    rows = row_xml(1, HEADER) + (
        f'<row r="2">{text_cell("A2", "K1")}{text_cell("B2", "Risk")}'
        '<c r="C2"><f>[1]Scores!A1</f><v>2</v></c><c r="D2"><f>[1]Scores!B1</f><v>5</v></c>'
        '<c r="E2"><v>10</v></c></row>')
    link = (b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            b'<externalBook r:id="rId1"/></externalLink>')
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/externalLinkPath" Target="http://example.invalid/book.xlsx" '
            b'TargetMode="External"/></Relationships>')
    return rewrite(with_sheet(rows), {
        "xl/externalLinks/externalLink1.xml": link,
        "xl/externalLinks/_rels/externalLink1.xml.rels": rels,
        "xl/_rels/workbook.xml.rels": lambda body: body.replace(
            b"</Relationships>",
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>'
            b"</Relationships>"),
        "xl/workbook.xml": lambda body: body.replace(
            b"</sheets>", b'</sheets><externalReferences><externalReference xmlns:r="http://'
                          b'schemas.openxmlformats.org/officeDocument/2006/relationships" '
                          b'r:id="rId99"/></externalReferences>'),
    })


def _appetite(value: str) -> bytes:
    return CAMBRIDGESHIRE.replace("\t12\t9\t", f"\t12\t{value}\t").encode()


def _divisional_cell(old: str, new: str) -> bytes:
    assert old in DIVISIONAL
    return DIVISIONAL.replace(old, new, 1).encode()


W = "corpus.xlsx"
CSV_NO_HEADER = "bad.csv:1: problem: no row is a column header of the layout library-service " \
    "(at least 3 header cells must match its words), so no risk was read (found '{}')"
APPETITE_LINE = ("bad.txt:14:5: problem: 1 appetite: the appetite is not a finite number "
                 "(found '{}')")

CASES: list[Case] = [
    # -- files that are not tables ------------------------------------------------------------
    Case("fifo", "bad.csv", None, Raises(
        ReadError, "bad.csv: is not a regular file (a pipe, device or socket is not read)")),
    Case("dev-zero", "/dev/zero", None, Raises(
        ReadError, "/dev/zero: is not a regular file (a pipe, device or socket is not read)")),
    Case("folder", "folder.csv", None, Raises(ReadError, "folder.csv: is a folder, not a file")),
    Case("missing", "absent.csv", None, Raises(
        ReadError, "absent.csv: cannot read the file: No such file or directory")),
    Case("over-max-bytes", "bad.csv", _csv(LIBRARY * 8), Raises(
        ReadError, "bad.csv: is 2.3 KiB, larger than the limit of 1.0 KiB; raise the limit "
                   "(max_bytes=, or --max-size on the command line) to read it"),
         options={"max_bytes": 1024}),
    Case("xls-suffix", "bad.xls", b"\xd0\xcf\x11\xe0", Raises(
        ReadError, "bad.xls: an old-format Excel (.xls) workbook is not read; save it as an "
                   ".xlsx workbook")),
    Case("zip-named-csv", "bad.csv", b"PK\x03\x04rest", Raises(
        ReadError, "bad.csv: is a zip file (an Excel workbook?), not a text table; give an "
                   ".xlsx workbook its .xlsx suffix")),
    Case("ole-named-txt", "bad.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), Raises(
        ReadError, "bad.txt: is an old-format (.xls) or password-protected Excel workbook; save "
                   "it as an .xlsx workbook")),
    Case("sheet-of-csv", "bad.csv", _csv(LIBRARY), Raises(
        ReadError, "bad.csv: only a workbook (.xlsx) has sheets to name"),
         options={"sheet": "Register"}),
    # -- text tables ---------------------------------------------------------------------------
    Case("txt-nul", "bad.txt", b"Title\nA\x00B\n", Raises(ReadError, f"bad.txt:2:2: {NUL}")),
    Case("txt-not-cp1252", "bad.txt", b"Ti\x81tle\n", Raises(
        ReadError, "bad.txt:1:3: byte 0x81 is neither UTF-8 nor Windows-1252 text")),
    Case("txt-no-layout-matches", "bad.txt", b"| a | b |\n| 1 | 2 |\n", Raises(
        ReadError, f"bad.txt:1: no header row matches any layout ({KNOWN})"), layout=None),
    Case("txt-no-header", "bad.txt", b"| a | b |\n| 1 | 2 |\n", Reads(0, (
        "bad.txt:1: problem: no row is a column header of the layout library-service (at "
        "least 3 header cells must match its words), so no risk was read (found '| a | b |')",))),
    Case("txt-only-blank", "bad.txt", b"\n\n\n", Reads(0)),
    Case("txt-many-lt", "bad.txt", lambda: _divisional_cell(
        "Injury to visitors", "<" * 200_000), Reads(4), layout="leicester-city-divisional"),
    Case("txt-many-br", "bad.txt", lambda: _divisional_cell(
        "Monitoring by rangers", "<br" * 66_000), Reads(4), layout="leicester-city-divisional"),
    Case("txt-inf-appetite", "bad.txt", _appetite("inf"), Reads(2, (
        APPETITE_LINE.format("inf"),)), layout="cambridgeshire"),
    Case("txt-nan-appetite", "bad.txt", _appetite("NaN"), Reads(2, (
        APPETITE_LINE.format("NaN"),)), layout="cambridgeshire"),
    Case("txt-overflow-appetite", "bad.txt", _appetite("1e999"), Reads(2, (
        APPETITE_LINE.format("1e999"),)), layout="cambridgeshire"),
    Case("txt-huge-cost", "bad.txt", _divisional_cell("£20k", "£1e999999"), Reads(4),
         layout="leicester-city-divisional"),
    Case("txt-40-digit-cost", "bad.txt", _divisional_cell("£20k", "£" + "9" * 40), Reads(4),
         layout="leicester-city-divisional"),
    Case("txt-compact-date", "bad.txt", _divisional_cell("31/03/27", "20270331"), Reads(4, (
        "bad.txt:14: problem: 1b target_date: no whole date at the start of the cell "
        "(found '20270331')",)), layout="leicester-city-divisional"),
    Case("txt-week-date", "bad.txt", _divisional_cell("31/03/27", "2027-W13"), Reads(4, (
        "bad.txt:14: problem: 1b target_date: no whole date at the start of the cell "
        "(found '2027-W13')",)), layout="leicester-city-divisional"),
    Case("txt-level-out-of-scale", "bad.txt", _divisional_cell("| 3 | 4 | 12 |", "| 3 | 9 | 12 |"),
         Reads(4, ("bad.txt:14:6: problem: 1b current.likelihood: 9 is not a level of "
                   "leicester-city-5x5 likelihood (1..5) (found '9')",), (
             (NoteKind.RECOVERY, "likelihood 4 recovered: the printed product 12 and impact 3 "
                                 "allow only this likelihood"),)),
         layout="leicester-city-divisional"),
    Case("txt-heatmap-long-cell", "bad.txt",
         LEICESTERSHIRE.replace("1.1; 1.3", "1.1; 1.3" + "; 9.9" * 80, 1).encode(), Reads(2, (
             "bad.txt:9:6: problem: heatmap: heat map cell too long to hold refs; not read "
             "(found '1.1; 1.3; 9.9; 9.9; 9.9; 9.9; 9.9; 9.9; 9.9; 9.9; 9.9; 9.9; ')",), (
             (NoteKind.DISAGREEMENT, "the printed axis numbers do not sit over the columns the "
                                     "layout declares; the layout's columns are used"),
             (NoteKind.DISAGREEMENT, "the heat map at line 8 does not place this risk"),
             (NoteKind.DISAGREEMENT, "the heat map at line 8 puts this risk at 2A, the table's "
                                     "inherent score is 3A"))), layout="leicestershire"),
    # -- CSV -----------------------------------------------------------------------------------
    Case("csv-semicolons", "bad.csv", _csv(LIBRARY.replace(",", ";")), Reads(3)),
    Case("csv-tabs", "bad.csv", _csv(LIBRARY.replace(",", "\t")), Reads(3)),
    Case("csv-utf16-bom", "bad.csv", b"\xff\xfe" + LIBRARY.encode("utf-16-le"), Reads(3)),
    Case("csv-utf16-no-bom", "bad.csv", LIBRARY.encode("utf-16-le"), Raises(
        ReadError, f"bad.csv:1:2: {NUL}")),
    Case("csv-utf8-bom", "bad.csv", b"\xef\xbb\xbf" + _csv(LIBRARY), Reads(3)),
    Case("csv-lone-cr", "bad.csv", _csv(LIBRARY.replace("Roof leaks ", "Roof leaks\r")),
         Reads(3)),
    Case("csv-unterminated-quote", "bad.csv", _csv(LIBRARY + 'L4,"Open quote\n'), Raises(
        ReadError, "bad.csv:5: not valid CSV: unexpected end of data")),
    Case("csv-text-after-quote", "bad.csv", _csv(LIBRARY + 'L4,"Quoted"text\n'), Raises(
        ReadError, "bad.csv:5: not valid CSV: ',' expected after '\"'")),
    Case("csv-huge-field", "bad.csv", _csv(LIBRARY + "L4," + "x" * 140_000 + "\n"), Raises(
        ReadError, "bad.csv:5: not valid CSV: field larger than field limit (131072)")),
    Case("csv-no-header", "bad.csv", _csv("Item,Note\nA,B\n"), Reads(0, (
        CSV_NO_HEADER.format("Item,Note"),))),
    Case("csv-wrong-product", "bad.csv", _csv(LIBRARY.replace(",8,", ",9,")), Reads(3, (
        "bad.csv:3:5: problem: L2 current: the stated rating 9 is not 8 from the factors "
        "(found '9')",))),
    Case("csv-date-serial-in-text", "bad.csv", _csv(LIBRARY.replace("31/12/2026", "46387")),
         Reads(3, ("bad.csv:3: problem: L2 review_date: no whole date at the start of the "
                   "cell (found '46387')",))),
    # -- workbooks -----------------------------------------------------------------------------
    Case("xlsx-not-a-zip", W, b"Ref,Owner\n", Raises(
        ReadError, "corpus.xlsx: not a readable workbook: not a zip file (File is not a zip "
                   "file)"), workbook=True),
    Case("xlsx-empty-zip", W, lambda: zip_of({}), Raises(
        ReadError, "corpus.xlsx: not a readable workbook: There is no item named "
                   "'[Content_Types].xml' in the archive"), workbook=True),
    Case("xlsx-zip-bomb", W, lambda: rewrite(workbook([HEADER]), {
        "xl/media/padding.bin": bytes(3 * 2**20)}), Raises(
        ReadError, "corpus.xlsx: its parts unzip to 3.0 MiB, more than the limit of 2.0 MiB; "
                   "a workbook this large (or a zip bomb) is not read; raise max_bytes to read "
                   "it"), options={"max_bytes": 2 * 2**20}, workbook=True),
    Case("xlsx-billion-laughs", W, _laughs, Raises(ReadError, f"corpus.xlsx: {DOCTYPE}"),
         workbook=True),
    Case("xlsx-external-entity", W, _external_entity, Raises(
        ReadError, f"corpus.xlsx: {DOCTYPE}"), workbook=True),
    Case("xlsx-broken-sheet-xml", W, lambda: rewrite(workbook([HEADER, K1]), {
        SHEET: b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b'<dimension ref="A1"/><sheetData><row r="1"></sheetData></worksheet>'}), Raises(
        ReadError, "corpus.xlsx: sheet 'Register' cannot be read: ParseError: mismatched tag: "
                   "line 1, column 122"), workbook=True),
    Case("xlsx-broken-sheet-no-dimension", W, lambda: rewrite(workbook([HEADER, K1]), {
        SHEET: b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b'<sheetData><row r="1"></sheetData></worksheet>'}), Raises(
        ReadError, (
            "corpus.xlsx: not a readable workbook: the part xl/worksheets/sheet1.xml is"
            " not well-formed XML: mismatched tag (line 1, column 102)")),
         workbook=True),
    Case("xlsx-broken-workbook-xml", W, lambda: rewrite(workbook([HEADER]), {
        "xl/workbook.xml": b"<workbook"}), Raises(
        ReadError, (
            "corpus.xlsx: not a readable workbook: the part xl/workbook.xml is not"
            " well-formed XML: unclosed token (line 1, column 1)")),
         workbook=True),
    Case("xlsx-old-format", W, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), Raises(
        ReadError, "corpus.xlsx: is an old-format (.xls) or password-protected workbook; save "
                   "it as an unprotected .xlsx workbook"), workbook=True),
    Case("xlsx-cell-twice", W, lambda: with_sheet(
        f'<row r="1">{text_cell("B1", "Ref")}{text_cell("B1", "Owner")}</row>'), Raises(
        ReadError, "corpus.xlsx:1:2: sheet 'Register': the cell B1 is written twice"),
         workbook=True),
    Case("xlsx-too-many-cells", W, _wide_rows, Raises(
        ReadError, "corpus.xlsx:65: sheet 'Register' is too large: its 2,001 rows, each as "
                   "wide as its last filled cell, hold more than 1,048,576 cells (counting each "
                   "row once too); raise max_bytes to read it"), workbook=True),
    Case("xlsx-huge-declared-range", W, _huge_range, Reads(2000), workbook=True),
    Case("xlsx-stale-dimension", W, lambda: rewrite(workbook([HEADER, K1, [], K1]), {
        SHEET: set_dimension("A1:B2")}), Reads(2, (
        "corpus.xlsx:4: problem: K1-2 id: the id 'K1' is taken; this risk is 'K1-2' "
        "(found 'K1')",)), workbook=True),
    Case("xlsx-hidden-and-other-sheets", W, _sheets, Reads(1, (
        "corpus.xlsx: problem: sheet: the sheet 'Costs' has 1 filled row that were not read "
        "(only 'Register' was); read it with sheet='Costs' (found 'Costs')",), (
        (NoteKind.UNREAD, "the hidden sheet 'Old' has 1 filled row; hidden sheets are read "
                          "only when named, with sheet='Old'"),)), workbook=True),
    Case("xlsx-serial-date-column", W, _date_cell(46112), Reads(1, (), (
        (NoteKind.RECOVERY, "46112 read as the Excel serial date 31/03/2026 (1900 date "
                            "system)"),)), workbook=True),
    Case("xlsx-serial-date-formatted", W, _date_cell(46112, "dd mmmm yyyy"), Reads(1),
         workbook=True),
    Case("xlsx-time-of-day", W, _date_cell(0.5, "hh:mm"), Reads(1, (
        "corpus.xlsx:2: problem: K1 review_date: no whole date at the start of the cell "
        "(found '12:00')",)), workbook=True),
    Case("xlsx-merged-owner", W, _merged, Reads(2), workbook=True),
    Case("xlsx-external-link", W, _external_link, Reads(1), workbook=True),
    Case("xlsx-inf-number", W, lambda: with_sheet(
        row_xml(1, HEADER) + f'<row r="2">{text_cell("A2", "K1")}{text_cell("B2", "Risk")}'
        f'{number_cell("C2", "1e999")}{number_cell("D2", 3)}{number_cell("E2", 9)}</row>'),
         Reads(1, (
        "corpus.xlsx:2:3: problem: K1 current.likelihood: likelihood not proven: not a number "
        "(found 'inf')",), ((NoteKind.RECOVERY, "likelihood 3 recovered: the printed product 9 "
                                                "and impact 3 allow only this likelihood"),)),
         workbook=True),
    Case("xlsx-no-visible-sheet", W, lambda: rewrite(workbook([HEADER]), {
        "xl/workbook.xml": lambda body: body.replace(b'state="visible"', b'state="hidden"')}),
         Raises(ReadError, "corpus.xlsx: no visible sheet; name one to read (sheets: "
                           "'Register' (hidden))"), workbook=True),
    # -- layout files --------------------------------------------------------------------------
    Case("layout-not-utf8", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml:1:9: byte 0xff is not UTF-8 text"),
         layout=_layout('name = "\xff"')),
    Case("layout-too-deep", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: invalid TOML: nested more than 32 levels deep"),
         layout=_layout(TOP + "x = " + "{ a = " * 40 + "1" + " }" * 40 + "\n" + COLUMNS)),
    Case("layout-5000-digits", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: invalid TOML: a number has too many digits"),
         layout=_layout(TOP + "min_header_hits = " + "1" * 5000 + "\n" + COLUMNS)),
    Case("layout-too-large", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: is 4.5 MiB, larger than the limit of 4.0 MiB; a scheme, "
                     "mapping or layout file is a page of settings"),
         layout=_layout(TOP + "description = '" + "x" * (4 * 2**20 + 2**19) + "'\n" + COLUMNS)),
    Case("layout-bad-toml", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: invalid TOML: Expected '=' after a key in a key/value pair "
                     "(at line 1, column 6)"), layout=_layout("name \n")),
    Case("layout-unknown-key", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $: unknown keys: colour"),
         layout=_layout(TOP + 'colour = "red"\n' + COLUMNS)),
    Case("layout-key-after-columns", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns[4]: unknown keys: grouped; grouped is a top-level "
                     "key written after [[columns]]: in TOML every key after a table header "
                     "belongs to that table, so move top-level keys above the first table "
                     "header"), layout=_layout(TOP + COLUMNS + "grouped = true\n")),
    Case("layout-unknown-column-key", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns[0]: unknown keys: matches; keys written after "
                     "[[columns]] belong to that table (a top-level key must come before the "
                     "first table header)"),
         layout=_layout(TOP + COLUMNS.replace("match =", "matches =", 1))),
    Case("layout-key-after-meta", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.meta: unknown keys: tail; tail is a top-level key written "
                     "after [meta]: in TOML every key after a table header belongs to that "
                     "table, so move top-level keys above the first table header"),
         layout=_layout(TOP + '[meta]\ntitle = "^(?P<value>.*)$"\ntail = ["cost"]\n' + COLUMNS)),
    Case("layout-match-text", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, 'layout.toml: $.columns[3].match: expected a list such as ["owner"], not '
                     "the text 'owner'"),
         layout=_layout(TOP + COLUMNS.replace('match = ["=owner"]', 'match = "owner"'))),
    Case("layout-match-empty-list", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns[0].match: at least one header word is needed"),
         layout=_layout(TOP + COLUMNS.replace('match = ["=ref"]', "match = []"))),
    Case("layout-match-empty-word", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns[0].match[0]: a header word must not be empty"),
         layout=_layout(TOP + COLUMNS.replace('match = ["=ref"]', 'match = [" "]'))),
    Case("layout-match-number", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns[0].match[0]: expected text, not the number 5"),
         layout=_layout(TOP + COLUMNS.replace('match = ["=ref"]', "match = [5]"))),
    Case("layout-scheme-int", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.scheme: expected text, not the number 5"),
         layout=_layout(TOP.replace('"generic-5x5"', "5") + COLUMNS)),
    Case("layout-scheme-list", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.scheme: expected text, not a list"),
         layout=_layout(TOP.replace('"generic-5x5"', '["generic-5x5"]') + COLUMNS)),
    Case("layout-scheme-unknown", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.scheme: no scheme 'generic-9x9'; known schemes: "
                     "generic-5x5, generic-4x4, cambridgeshire-5x5, leicester-city-5x5, "
                     "leicestershire-4x4"),
         layout=_layout(TOP.replace("generic-5x5", "generic-9x9") + COLUMNS)),
    Case("layout-bad-regex", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.section: not a valid pattern: missing ), unterminated "
                     "subpattern at position 0"),
         layout=_layout(TOP + "section = '('\n" + COLUMNS)),
    Case("layout-nested-repeat", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.meta.title: the pattern repeats a part that itself "
                     "repeats, such as (a+)+ or (\\w+\\s?)*, which can take exponential time; "
                     "repeat the outer part a bounded number of times instead, such as "
                     "(?:\\d+\\.){0,4}"),
         layout=_layout(TOP + "[meta]\ntitle = '^(?P<value>(\\w+\\s?)*)$'\n" + COLUMNS)),
    Case("layout-section-without-title", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.section: the pattern must name the part it reads with "
                     "(?P<title>...)"), layout=_layout(TOP + "section = '^\\d+\\.'\n" + COLUMNS)),
    Case("layout-pattern-too-long", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.page_heading[1]: the pattern is 1001 characters long; at "
                     "most 1000 are allowed"),
         layout=_layout(TOP + f"page_heading = ['v1', '{'a' * 1001}']\n" + COLUMNS)),
    Case("layout-page-heading-text", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.page_heading: expected a list such as [\"v1\"], not the "
                     "text 'v1'"), layout=_layout(TOP + "page_heading = 'v1'\n" + COLUMNS)),
    Case("layout-hits-text", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.min_header_hits: expected a whole number, not the text '3'"),
         layout=_layout(TOP + 'min_header_hits = "3"\n' + COLUMNS)),
    Case("layout-hits-zero", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.min_header_hits: must be at least 1"),
         layout=_layout(TOP + "min_header_hits = 0\n" + COLUMNS)),
    Case("layout-grouped-text", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.grouped: expected true or false, not the text 'yes'"),
         layout=_layout(TOP + 'grouped = "yes"\n' + COLUMNS)),
    Case("layout-score-format", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.score_format: 'stars' is not one of factors, notation, "
                     "rating, assessment"),
         layout=_layout(TOP + 'score_format = "stars"\n' + COLUMNS)),
    Case("layout-score-order", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.score_order[2]: 'total' is not one of impact, likelihood, "
                     "product"),
         layout=_layout(TOP.replace('"product"]', '"total"]') + COLUMNS)),
    Case("layout-unknown-field", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns[1].field: 'summary' is not one of ref, area, "
                     "category, section, objective, title, description, cause, consequence, "
                     "triggers, controls, actions, cost, risk_owner, action_owner, action_due, "
                     "action_status, status, target_date, review_date, appetite, direction, "
                     "note, ignore, inherent, current, target"),
         layout=_layout(TOP + COLUMNS.replace('"description"', '"summary"'))),
    Case("layout-heatmap-table", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.heatmap: expected a table, not the number 5"),
         layout=_layout(TOP + "heatmap = 5\n" + COLUMNS)),
    Case("layout-heatmap-column-key", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.heatmap.columns.two: a heat map column is a cell number "
                     "(0, 1, 2 …)"),
         layout=_layout(TOP + '[heatmap]\nstage = "current"\nrow_axis = "likelihood"\n'
                        'start_word = "L"\nrow_code_column = 1\ncolumns = { two = "2" }\n'
                        + COLUMNS)),
    Case("layout-heatmap-empty-separator", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.heatmap.ref_separator: the pattern must not match empty "
                     "text"),
         layout=_layout(TOP + '[heatmap]\nstage = "current"\nrow_axis = "likelihood"\n'
                        'start_word = "L"\nrow_code_column = 1\ncolumns = { 2 = "2" }\n'
                        "ref_separator = '\\s*'\n" + COLUMNS)),
    Case("layout-no-columns", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns: a layout needs at least one [[columns]] rule, "
                     "or use_vocabulary = true"), layout=_layout(TOP)),
    Case("layout-columns-text", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.columns: expected [[columns]] tables, not the text 'ref'"),
         layout=_layout(TOP + 'columns = "ref"\n')),
    Case("layout-no-name", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: $.name: required key missing"),
         layout=_layout(TOP.replace('name = "corpus"\n', "") + COLUMNS)),
    Case("layout-is-a-folder", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: is a folder, not a file"), layout="folder"),
    Case("layout-fifo", "bad.csv", _csv(LIBRARY), Raises(
        LayoutError, "layout.toml: is not a regular file (a pipe, device or socket is not "
                     "read)"), layout="fifo"),
]


def _write(case: Case, folder: Path) -> Path:
    if case.name.startswith("/"):
        return Path(case.name)
    path = folder / case.name
    if case.id == "fifo":
        os.mkfifo(path)
    elif case.id == "folder":
        path.mkdir()
    elif case.content is not None:
        path.write_bytes(case.content() if callable(case.content) else case.content)
    return path


def _layout_for(case: Case, folder: Path) -> str | Path:
    layout = case.layout
    if layout is None:
        return "auto"
    if layout == "library":
        return FIXTURES / "library-layout.toml"
    target = folder / "layout.toml"
    if layout == "folder":
        target.mkdir()
    elif layout == "fifo":
        os.mkfifo(target)
    elif layout.startswith("toml:"):
        target.write_bytes(layout[5:].encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    else:
        return layout
    return target


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    """The case gives exactly the error or the report it is listed with."""
    if case.workbook:
        pytest.importorskip("openpyxl")
    if case.name == "/dev/zero" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    if (case.id == "fifo" or case.layout == "fifo") and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = _write(case, tmp_path)
    layout = _layout_for(case, tmp_path)
    expect = case.expect
    if isinstance(expect, Raises):
        with pytest.raises(RiskModelError) as caught:
            read(path, layout=layout, **case.options)  # type: ignore[arg-type]
        message = str(caught.value).replace(f"{tmp_path}{os.sep}", "")
        assert (type(caught.value), message) == (expect.error, expect.message)
        return
    result = read(path, layout=layout, **case.options)  # type: ignore[arg-type]
    report = result.report
    note_lines = report.format().splitlines()[report.line_count:]
    problems = tuple(line for line, note in zip(note_lines, report.notes, strict=True)
                     if note.kind is NoteKind.PROBLEM)
    others = tuple((note.kind, note.message) for note in report.notes
                   if note.kind is not NoteKind.PROBLEM)
    risks = sum(len(register) for register in result.registers)
    assert (risks, problems, others) == (expect.risks, expect.problems, expect.notes)
    assert [entry.line for entry in report.lines] == list(range(1, report.line_count + 1))


def test_corpus_size() -> None:
    """The corpus holds at least 50 cases, each named once."""
    assert len(CASES) >= 50
    assert len({case.id for case in CASES}) == len(CASES)


# -- mutations of the bundled tables ---------------------------------------------------------

TABLES = sorted(path for path in FIXTURES.iterdir()
                if path.suffix in {".md", ".txt", ".csv"})
LAYOUTS = ["auto", "leicester-city-divisional", "leicester-city-operational", "leicestershire",
           "cambridgeshire", str(FIXTURES / "library-layout.toml")]
BYTES = st.sampled_from([b"\x00", b"\r", b"\n", b"\t", b"|", b",", b";", b'"', b"<", b"<br",
                         b"\xff", b"\xc3", b"\xe2\x80", b"\xef\xbb\xbf", b"\xff\xfe", b"inf",
                         b"1e999", b"NaN", b"99", b"\xd0\xcf\x11\xe0", b"PK\x03\x04"])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A bundled table with some bytes flipped, inserted, deleted or repeated."""
    source = draw(st.sampled_from(TABLES))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "repeat", "truncate"]))
        if action == "insert":
            data[at:at] = draw(BYTES | st.binary(min_size=1, max_size=4))
        elif action == "replace" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif action == "repeat":
            data[at:at] = bytes(data[at:at + draw(st.integers(1, 80))]) * draw(
                st.integers(2, 50))
        elif action == "truncate":
            del data[at:]
    return source.suffix, bytes(data)


def _xml_mutated(draw: st.DrawFn) -> bytes:
    """The library CSV as a workbook, its sheet XML damaged like the tables."""
    rows = [line.split(",") for line in LIBRARY.splitlines()]
    data = workbook([[int(c) if c.isdigit() else c for c in row] for row in rows])
    part = st.sampled_from([SHEET, "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml",
                            "xl/_rels/workbook.xml.rels", "docProps/core.xml"])
    name = draw(part)

    def damage(body: bytes) -> bytes:
        body = bytearray(body)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(body) - 1))
            body[at:at + draw(st.integers(0, 6))] = draw(BYTES | st.binary(max_size=4))
        return bytes(body)

    return rewrite(data, {name: damage})


class TestMutations:
    """Damaged copies of the bundled tables read, or raise a RiskModelError; nothing else."""

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(case=mutated(), layout=st.sampled_from(LAYOUTS))
    def test_tables(self, case: tuple[str, bytes], layout: str) -> None:
        """A mutated text or CSV table reads, every line accounted for, or fails cleanly."""
        suffix, data = case
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"mutated{suffix}"
            path.write_bytes(data)
            try:
                result = read(path, layout=layout)
            except RiskModelError as exc:
                error, lines = str(exc), []
            else:
                report = result.report
                error, lines = "", [entry.line for entry in report.lines]
                assert lines == list(range(1, report.line_count + 1))
        # The last-resort wrapper for unexpected errors must never be needed.
        assert "cannot read the table" not in error

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_workbooks(self, data: st.DataObject) -> None:
        """A workbook with a damaged part reads, or fails with a RiskModelError."""
        pytest.importorskip("openpyxl")
        book = _xml_mutated(data.draw)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "mutated.xlsx"
            path.write_bytes(book)
            try:
                read(path, layout=FIXTURES / "library-layout.toml")
            except RiskModelError as exc:
                error = str(exc)
            else:
                error = ""
        assert "cannot read the table" not in error
