"""Decode an instrument text file (UTF-8, Latin-1 or BOM-marked UTF-16; LF/CRLF/CR) into
numbered lines, noting whether the file ends with a line break (a file copied while it was
being written does not, and its last line may be cut)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spinrelax.errors import InputFormatError
from spinrelax.io.file_identity import read_regular_file

#: Characters other than CR and LF at which ``str.splitlines`` breaks.
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _refuse_nul(text: str, file: str | Path) -> None:
    """Raise for binary content: a NUL character, naming its line."""
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise InputFormatError("binary content (NUL byte): not a text file", file=file, line=line)


def decode_text(raw: bytes, *, file: str | Path) -> tuple[str, str]:
    """Text and encoding name of ``raw``: UTF-16 when it starts with a UTF-16 byte-order mark
    (as some Windows exports write), else UTF-8 (BOM stripped) if valid, else Latin-1.

    Binary content (a NUL character) raises :class:`InputFormatError` naming the line.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFormatError(
                "invalid UTF-16 after a UTF-16 byte-order mark", file=file
            ) from None
    else:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "latin-1"
    _refuse_nul(text, file)
    return text, encoding


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` split only at CR, LF or CRLF (1-based line ``i`` is ``lines[i-1]``).

    ``str.splitlines`` (the fast path) also splits at characters such as U+0085, which are
    valid Latin-1 text and would shift the line numbers reported to the user; text holding
    any of them is split by hand.
    """
    if not any(c in text for c in _OTHER_BREAKS):
        return text.splitlines()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True)
class TextFile:
    """Lines (1-based line ``i`` is ``lines[i-1]``), encoding, and whether the last line ends
    with a line break (True for an empty file)."""

    lines: list[str]
    encoding: str
    final_line_break: bool

    @property
    def unterminated_line(self) -> int | None:
        """1-based number of the last line when it has no line break (it may be cut), else
        None."""
        return None if self.final_line_break else len(self.lines)


def text_file(raw: bytes, *, file: str | Path) -> TextFile:
    """Lines, encoding and final-line-break flag of the bytes ``raw`` of ``file``."""
    text, encoding = decode_text(raw, file=file)
    return TextFile(split_lines(text), encoding, text == "" or text.endswith(("\n", "\r")))


def read_text_file(path: str | Path) -> TextFile:
    """Lines, encoding and final-line-break flag of the text file at ``path`` (a regular file:
    a FIFO, device or dangling link is refused at once, :func:`read_regular_file`)."""
    return text_file(read_regular_file(path), file=path)


def read_lines(path: str | Path) -> tuple[list[str], str]:
    """Numbered lines and detected encoding of the text file at ``path``."""
    done = read_text_file(path)
    return done.lines, done.encoding
