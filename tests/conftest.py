"""Fixtures shared by every test directory."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (the suite is deterministic); set
# HYPOTHESIS_PROFILE=explore (with --hypothesis-seed=N) to search new examples.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

REPO = Path(__file__).resolve().parents[1]
#: Real instrument files shipped with the tests (MIT; copies of ../shared/realdata, see SOURCES.md).
REALDATA_DEFAULT = REPO / "tests" / "data" / "realdata"

RunWorkflow = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def run_workflow() -> RunWorkflow:
    """Run the repository's Snakefile in ``cwd`` on ``targets`` with a config file.

    Call as ``run_workflow(cwd, targets, configfile, *extra_args)``; returns the finished
    process (not checked, so tests can assert on failures and print stderr).
    """

    def run(
        cwd: Path, targets: Sequence[str], configfile: Path, *args: str
    ) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "snakemake", *targets]
        cmd += ["--snakefile", str(REPO / "Snakefile"), "--cores", "2"]
        cmd += ["--configfile", str(configfile), *args]
        return subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, check=False, timeout=600
        )

    return run


@pytest.fixture(scope="session")
def realdata_dir() -> Path:
    """Folder of the real-data corpus: ``$SPINRELAX_REALDATA`` or the copies shipped in
    ``tests/data/realdata`` (taken from ``../shared/realdata``; see SOURCES.md there).

    Tests that use it are skipped, with the path in the reason, only when ``$SPINRELAX_REALDATA``
    names a folder without the corpus.
    """
    path = Path(os.environ.get("SPINRELAX_REALDATA", REALDATA_DEFAULT))
    if not (path / "SOURCES.md").is_file():
        pytest.skip(f"real-data corpus not found at {path} (set SPINRELAX_REALDATA)")
    return path
