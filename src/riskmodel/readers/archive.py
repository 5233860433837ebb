"""Zip containers from anyone (Excel workbooks, Word documents): checked before they are parsed.

An Office file is a zip of XML parts. Before openpyxl or python-docx opens one, riskmodel
reads the zip directory and refuses:

- a file that is not a zip at all, or an old-format (OLE) file, which is also what an
  Office file protected by a password is;
- a zip whose parts unzip to more than the limit in all (a zip bomb never expands: the
  sizes are those the directory declares, and a part that unzips to more than it
  declares fails its check as it is read);
- an XML part that declares a document type (``<!DOCTYPE``): Office files never need one,
  and XML entity payloads (billion laughs, external entities) cannot work without one.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree

from attrs import frozen

from riskmodel.errors import ReadError

__all__ = ["OLE", "WORD_DOCUMENT", "WORKBOOK", "ArchiveKind", "check_archive", "damage"]

_CHUNK = 2**20
#: What an XML part must not hold, in each encoding an XML parser would accept.
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
#: The first bytes of an OLE compound file: an old-format Office file, or a protected one.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@frozen(kw_only=True)
class ArchiveKind:
    """The words the errors use for one kind of zip container."""

    #: What one file is called: ``workbook``.
    noun: str
    #: What the files are called: ``workbooks``.
    plural: str
    #: The problem for an OLE file (old format, or protected by a password).
    old_format: str


WORKBOOK = ArchiveKind(
    noun="workbook", plural="workbooks",
    old_format="is an old-format (.xls) or password-protected workbook; save it as an "
               "unprotected .xlsx workbook",
)
WORD_DOCUMENT = ArchiveKind(
    noun="Word document", plural="Word documents",
    old_format="is an old-format Word (.doc) file or a password-protected document; save it "
               "as an unprotected .docx document",
)


def _size(value: int) -> str:
    return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value:,} bytes"


def _holds_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part declares a document type, read in chunks (never all at once)."""
    overlap = max(len(marker) for marker in _DOCTYPE) - 1
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DOCTYPE):
                return True
            tail = window[-overlap:]
    return False


def check_archive(data: bytes, source: str, limit: int, kind: ArchiveKind = WORKBOOK) -> None:
    """Refuse what is not a zip, a zip bomb, and XML parts that declare a document type.

    >>> try:
    ...     check_archive(b"Ref,Owner", "register.docx", 2**20, WORD_DOCUMENT)
    ... except ReadError as exc:
    ...     print(exc.problem)
    not a readable Word document: not a zip file (File is not a zip file)
    """
    if data.startswith(OLE):
        raise ReadError(source, None, None, kind.old_format)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ReadError(source, None, None,
                        f"not a readable {kind.noun}: not a zip file ({exc})") from None
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        if total > limit:
            raise ReadError(
                source, None, None,
                f"its parts unzip to {_size(total)}, more than the limit of {_size(limit)}; "
                f"a {kind.noun} this large (or a zip bomb) is not read; raise max_bytes to "
                "read it",
            )
        for info in infos:
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                declared = _holds_doctype(archive, info)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError,
                    ValueError, EOFError, OSError) as exc:
                raise ReadError(source, None, None,
                                f"not a readable {kind.noun}: the part {info.filename} "
                                f"is damaged ({exc})") from None
            if declared:
                raise ReadError(source, None, None,
                                f"the part {info.filename} declares a document type "
                                f"(<!DOCTYPE); {kind.plural} never do, and XML entities are "
                                "not read")


def damage(data: bytes, exc: Exception) -> str:
    """What is wrong with a zip of XML parts that its reader could not read, the same
    whatever XML parser the reader uses.

    Readers parse with lxml when that is installed, and with the standard library
    otherwise, and their messages differ; so the first part that is not well-formed XML
    is found and named here. (No part declares a document type: that was refused before,
    so parsing it cannot expand entities.)
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                ElementTree.fromstring(archive.read(info))
            except ElementTree.ParseError as error:
                line, column = error.position
                reason = str(error).split(":")[0]
                return (f"the part {info.filename} is not well-formed XML: {reason} "
                        f"(line {line}, column {column + 1})")
    if isinstance(exc, KeyError) and exc.args:  # a part the file names is missing
        return str(exc.args[0])
    return str(exc) or type(exc).__name__
