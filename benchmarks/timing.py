"""Shared timing helpers of the benchmark scripts (run as ``python benchmarks/<name>.py``)."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeats: int = 5) -> float:
    """Best wall time of ``repeats`` calls of ``fn``, in s."""
    return min(wall_and_cpu(fn, repeats)[0])


def wall_and_cpu(fn: Callable[[], object], repeats: int) -> tuple[list[float], list[float]]:
    """Wall and process CPU times (s) of each of ``repeats`` calls of ``fn``."""
    wall, cpu = [], []
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu


def quiet_command(argv: list[str]) -> None:
    """Run a spinrelax command in this process, its messages kept off the terminal."""
    from spinrelax.cli import main as cli

    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        if cli(argv) != 0:
            raise SystemExit(f"spinrelax {' '.join(argv)} failed")
