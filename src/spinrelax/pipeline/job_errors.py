"""Bad input in a workflow job: one clear line on the terminal, the traceback in the job's log.

Snakemake prints a failing script's traceback (~20 lines of package internals) before the line
that names the file, line and column. Inside :func:`one_line_errors`, a
:class:`~spinrelax.errors.SpinrelaxError` instead writes that line and the traceback to the job's
log (the ``logging`` set up by the script, the rule's ``log:`` file) and only the line to stderr,
and the job exits with status 1. Any other exception (a bug) keeps its traceback on stderr.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from spinrelax.errors import SpinrelaxError


@contextmanager
def one_line_errors(what: str) -> Iterator[None]:
    """Turn a :class:`SpinrelaxError` raised inside into ``"<what> failed: <message>"``."""
    try:
        yield
    except SpinrelaxError as exc:
        line = f"{what} failed: {exc}"
        logging.getLogger("spinrelax").error(line, exc_info=True)
        print(line, file=sys.stderr)
        raise SystemExit(1) from None
