"""Error types that carry the location of bad input (file, line, column)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class SpinrelaxError(Exception):
    """Bad input or an impossible request, reported as one line naming where it happened.

    Attributes hold the file path, the 1-based line number and the column name (each optional);
    ``str(err)`` gives ``"<file>:<line>: column '<col>': <message>"``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = None if file is None else str(file)
        self.line = line
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        col = f"column '{self.column}': " if self.column is not None else ""
        return f"{where}{col}{self.message}"


class InputFormatError(SpinrelaxError):
    """A file whose format or content cannot be read."""


class MissingMetadataError(SpinrelaxError):
    """A quantity needed for the requested output (e.g. sample mass) is missing or invalid."""


def raise_at_first_row(
    bad: Sequence[bool], message: str, *, file: str | Path, column: str | None = None
) -> None:
    """Raise :class:`InputFormatError` at the first True of ``bad``, a per-row mask of a CSV
    table read with one header line (row ``i`` is file line ``i + 2``); nothing if none is."""
    hits = [i for i, b in enumerate(bad) if b]
    if hits:
        raise InputFormatError(message, file=file, line=hits[0] + 2, column=column)


class RateLawError(SpinrelaxError):
    """A rate law the user asked for could not be fitted (did not converge, sits at a bound or
    has an infinite error): no number of it is published."""
