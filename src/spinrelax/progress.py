"""Periodic progress lines for long loops (ingest file by file, batched fits chunk by chunk).

Lines go to a :mod:`logging` logger at INFO, never into a table, so outputs stay
deterministic: the Snakemake scripts route them to the rule's ``log:`` file and
``spinrelax <command> -v`` to stderr; without a configured handler they cost one level check.
"""

from __future__ import annotations

import logging
import time

#: Least time between two progress lines of one loop, in s (the last step always logs).
INTERVAL_S = 2.0


class Progress:
    """Counts ``done`` out of ``total`` units and logs e.g.
    ``"fitted generalized_debye: 12000/100000 spectra (12 %), 3.1 s"``."""

    def __init__(self, logger: logging.Logger, what: str, total: int, unit: str) -> None:
        self._logger = logger
        self._what = what
        self._total = total
        self._unit = unit
        self._start = self._last = time.perf_counter()

    def update(self, done: int) -> None:
        """Record that ``done`` units are finished; log if due (always when all are done)."""
        now = time.perf_counter()
        if done < self._total and now - self._last < INTERVAL_S:
            return
        self._last = now
        self._logger.info(
            "%s: %d/%d %s (%.0f %%), %.1f s",
            self._what,
            done,
            self._total,
            self._unit,
            100.0 * done / max(self._total, 1),
            now - self._start,
        )
