"""What a raw file is: the bytes read once, its real path and the hash of its data rows.

A raw file is identified by its *real path* (symbolic links resolved) and by the sha256 of
its *data rows* (:func:`data_rows_sha256`: the lines from the column header on, header lines
such as ``TITLE`` or ``FILEOPENTIME`` excluded, line endings and surrounding blanks ignored),
so a symbolic link, a copy and a copy whose TITLE was edited are all recognised as the same
measurement (:mod:`spinrelax.io.duplicates` stops the run naming every path).

:func:`read_regular_file` reads the bytes once; the reader parses exactly those bytes and the
hashes are of those bytes (a file growing while it is read cannot get the hash of other
bytes). Only regular files are read: a FIFO would block forever waiting for a writer and a
device has no end or changes while read, so both are refused with one line; a dangling
symbolic link is named with its target.

:func:`repeated_rows` finds readings repeated inside one file (the same block of rows twice):
a used data row whose text equals an earlier used row of the same file. Instrument rows carry
a time stamp and many digits, so an identical row is copied data, not a new reading.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spinrelax.errors import InputFormatError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class FileIdentity:
    """A raw file as given (``name``), its real path, the sha256 of the bytes read and of its
    data rows."""

    name: str
    real_path: str
    sha256: str
    data_sha256: str


def read_regular_file(path: str | Path, name: str | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (read once).

    Raises :class:`InputFormatError` naming ``name`` (default ``path``) for a missing file, a
    dangling symbolic link (with its target), a directory, or a file that is not regular (FIFO,
    device, socket): opened without blocking, so a FIFO without writer is refused at once.
    """
    name = str(path) if name is None else name
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        if p.is_symlink():
            raise InputFormatError(
                f"dangling symbolic link: its target {os.readlink(p)!r} does not exist", file=name
            ) from None
        raise InputFormatError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputFormatError("is a directory, not a file", file=name) from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise InputFormatError("is a directory, not a file", file=name)
        if not stat.S_ISREG(mode):
            kind = next((k for test, k in _KINDS if test(mode)), "not a regular file")
            raise InputFormatError(
                f"is {kind}, not a regular file: only files on disk are read (copy the data "
                "to a file first)",
                file=name,
            )
        return fh.read()


def _data_start(lines: Sequence[str]) -> int:
    """Index of the column-header line: after ``[Data]`` in a Quantum Design file, else the
    first line that is neither blank nor a ``#`` comment (tidy CSV)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if first < len(lines) and lines[first].strip().lower() == "[header]":
        at = next(
            (i for i in range(first, len(lines)) if lines[i].strip().lower() == "[data]"),
            len(lines) - 1,
        )
        return at + 1
    return next(
        (i for i in range(first, len(lines)) if not lines[i].lstrip().startswith("#")),
        len(lines),
    )


def data_rows_sha256(lines: Sequence[str]) -> str:
    """Hex sha256 of the non-blank lines from the column header on, each stripped of
    surrounding blanks and ended by one LF (see the module docstring)."""
    h = hashlib.sha256()
    for line in lines[_data_start(lines) :]:
        text = line.strip()
        if text:
            h.update(text.encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()


def file_identity(path: str | Path, name: str, raw: bytes, lines: Sequence[str]) -> FileIdentity:
    """:class:`FileIdentity` of the file at ``path`` whose bytes ``raw`` decode to ``lines``."""
    return FileIdentity(
        name=name,
        real_path=os.path.realpath(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        data_sha256=data_rows_sha256(lines),
    )


def repeated_rows(lines: Sequence[str], used_lines: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """``(earlier line, repeating line)`` (1-based) for every used row whose stripped text
    equals an earlier used row's (``used_lines``: 1-based lines of the used rows)."""
    first: dict[str, int] = {}
    pairs = []
    for line in sorted(int(n) for n in used_lines):
        text = lines[line - 1].strip()
        if text in first:
            pairs.append((first[text], line))
        else:
            first[text] = line
    return tuple(pairs)
