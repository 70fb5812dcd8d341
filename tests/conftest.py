"""Fixtures shared by every test directory."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

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

#: Set by .ci/run: a test CI must run (SLURM, browser, real-data files, shipped data) fails with
#: its reason when what it needs is missing, instead of being skipped as on a developer's machine.
CI_STRICT = os.environ.get("SPINRELAX_CI_STRICT") == "1"


def skip_unless_ci(reason: str) -> NoReturn:
    """Skip the running test for ``reason``; under ``SPINRELAX_CI_STRICT=1`` fail it instead."""
    if CI_STRICT:
        pytest.fail(f"required in CI (SPINRELAX_CI_STRICT=1) but could not run: {reason}",
                    pytrace=False)  # fmt: skip
    pytest.skip(reason)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """``@pytest.mark.required_in_ci(missing, reason=...)``: :func:`skip_unless_ci` when missing."""
    for mark in item.iter_markers("required_in_ci"):
        if mark.args[0]:
            skip_unless_ci(mark.kwargs["reason"])


@pytest.fixture(name="skip_unless_ci", scope="session")
def skip_unless_ci_fixture() -> Callable[[str], NoReturn]:
    """:func:`skip_unless_ci` for tests and fixtures in other folders."""
    return skip_unless_ci


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
def sheet_config() -> Callable[[Path], Path]:
    """``sheet_config(sheet)``: the repository's config.yaml with ``samples`` set to ``sheet``,
    written as ``config.yaml`` beside the sheet; returns its path (for :func:`run_workflow`)."""
    import yaml

    def write(sheet: Path) -> Path:
        config = yaml.safe_load((REPO / "config.yaml").read_text())
        config["samples"] = str(sheet)
        path = sheet.parent / "config.yaml"
        path.write_text(yaml.safe_dump(config))
        return path

    return write


@pytest.fixture(scope="session")
def realdata_dir() -> Path:
    """Folder of the real-data corpus: ``$SPINRELAX_REALDATA`` or the copies shipped in
    ``tests/data/realdata`` (taken from ``../shared/realdata``; see SOURCES.md there).

    Tests that use it are skipped, with the path in the reason, only when ``$SPINRELAX_REALDATA``
    names a folder without the corpus (and fail in CI: :func:`skip_unless_ci`).
    """
    path = Path(os.environ.get("SPINRELAX_REALDATA", REALDATA_DEFAULT))
    if not (path / "SOURCES.md").is_file():
        skip_unless_ci(f"real-data corpus not found at {path} (set SPINRELAX_REALDATA)")
    return path
