"""Files at the edges: bounded reads of regular files, and atomic writes that lose nothing.

Every file riskmodel writes goes to a temporary file in the target's folder and is renamed
into place only once it is complete, so a failure never leaves a half-written file and
the old content survives until the new content is ready. Every file riskmodel reads must
be a regular file no larger than a limit that the caller can raise.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from riskmodel.errors import OutputError, RiskModelError

__all__ = [
    "MAX_BYTES",
    "ErrorFactory",
    "check_writable",
    "decode_utf8",
    "read_bytes",
    "refuse_overwrite",
    "same_file",
    "same_file_name",
    "write_atomic",
]

#: The largest file riskmodel reads unless told otherwise: 256 MiB. A register of
#: 20,000 risks is about 35 MB of JSON; a published table is far smaller.
MAX_BYTES = 256 * 2**20

def _umask() -> int:
    """The process's file mode mask, read once: setting it to read it is not thread-safe."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: New files get the mode a plain ``open`` would give them.
_UMASK = _umask()

#: Builds the error to raise: ``error(where, problem)``.
ErrorFactory = Callable[[str, str], RiskModelError]


def _size(value: int) -> str:
    if value >= 2**20:
        return f"{value / 2**20:.1f} MiB"
    if value >= 2**10:
        return f"{value / 2**10:.1f} KiB"
    return f"{value} bytes"


def read_bytes(
    path: str | os.PathLike[str],
    error: ErrorFactory,
    *,
    limit: int | None = None,
    hint: str = "raise the limit (max_bytes=, or --max-size on the command line) to read it",
) -> bytes:
    """The bytes of the regular file at *path*, refusing anything larger than *limit*.

    A folder, a FIFO, a device such as ``/dev/zero`` or a socket is refused before it is
    opened for reading, so a read never blocks or runs out of memory. *limit* defaults
    to :data:`MAX_BYTES`.
    """
    name = os.fspath(path)
    limit = MAX_BYTES if limit is None else limit
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= sys.maxsize:
        raise error(name, f"the size limit must be a whole number of bytes from 0 to "
                          f"{sys.maxsize}, not {limit!r:.40}")
    try:
        info = os.stat(name)
    except OSError as exc:
        raise error(name, f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise error(name, "is not a regular file (a pipe, device or socket is not read)")
    if info.st_size > limit:
        raise error(
            name, f"is {_size(info.st_size)}, larger than the limit of {_size(limit)}; {hint}"
        )
    try:
        with open(name, "rb") as handle:
            data = handle.read(min(limit, info.st_size) + 1)  # never more than is there
    except OSError as exc:
        raise error(name, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:  # the file grew while it was read
        raise error(name, f"is larger than the limit of {_size(limit)}")
    if len(data) > info.st_size:  # it grew, but within the limit: read the rest
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise error(name, f"is larger than the limit of {_size(limit)}")
    return data


def decode_utf8(data: bytes, source: str, error: Callable[[str, int, int, str], Exception]) -> str:
    """*data* as UTF-8 text (a byte-order mark is dropped); a bad byte is located.

    ``error(source, line, column, problem)`` builds the error for a byte that is not
    UTF-8, with the 1-based line and column of that byte.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        raise error(
            source, line, column, f"byte 0x{data[exc.start]:02x} is not UTF-8 text"
        ) from None


def position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of byte *offset* in *data*."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def same_file_name(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file, whether or not it exists yet."""
    return same_file(a, b) or os.path.realpath(a) == os.path.realpath(b)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same existing file (through links too)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_overwrite(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]], *, force: bool
) -> None:
    """Refuse to write *output* over one of *inputs* unless *force* is given.

    The output's folder is checked too (:func:`check_writable`), so a command can make
    every check on its ``-o`` before it starts work.
    """
    check_writable(output)
    if force:
        return
    for source in inputs:
        if same_file(output, source):
            raise OutputError(
                os.fspath(output),
                f"is the input file {os.fspath(source)}; writing would replace it "
                "(give --force to overwrite it, or choose another output)",
            )


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise :class:`~riskmodel.errors.OutputError` now if *path* cannot be written.

    Commands call this before their work, so a mistyped ``-o`` fails at once rather
    than after a long import. (The write itself checks again.)
    """
    name = os.fspath(path)
    target = Path(os.path.realpath(name)) if Path(name).is_symlink() else Path(name)
    if target.is_dir():
        raise OutputError(name, "is a folder; give a file name to write")
    if target.exists() and not target.is_file():
        raise OutputError(name, "is not a regular file (a pipe, device or socket); riskmodel "
                                "writes files by replacing them, so give a file name")
    folder = target.parent
    if not folder.exists():
        raise OutputError(name, f"the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(name, f"{folder} is not a folder")


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder, then rename it.

    The target's permissions are kept when it exists. When *path* is a symbolic link, the
    file it points to is replaced and the link kept. Any failure raises
    :class:`~riskmodel.errors.OutputError` and leaves *path* as it was.
    """
    name = os.fspath(path)
    check_writable(name)
    target = Path(os.path.realpath(name)) if Path(name).is_symlink() else Path(name)
    folder = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else None
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=folder)
    except OSError as exc:
        raise OutputError(name, f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_UMASK)
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(name, f"cannot write the file: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
