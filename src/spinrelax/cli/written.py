"""The one line every command prints to say where its outputs went.

``spinrelax <command>: <what>; outputs: <path>, <path>`` on stdout when the main table went to a
file; when the main table itself went to stdout the line goes to stderr instead, so that the
table on stdout stays a clean CSV (``spinrelax fit-ac run.dat > fits.csv``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def announce(
    command: str, paths: Sequence[str | None], what: str, *, table_on_stdout: bool
) -> None:
    """Print where ``command`` wrote ``paths`` (None entries skipped; ``-`` = the table on
    stdout) and ``what`` it wrote, as one line."""
    names = [str(p) for p in paths if p]
    where = ", ".join(["stdout", *names] if table_on_stdout else names) or "none"
    print(f"spinrelax {command}: {what}; outputs: {where}",
          file=sys.stderr if table_on_stdout else sys.stdout)  # fmt: skip
