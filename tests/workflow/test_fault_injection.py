"""Fault injection: a run killed mid-way (SIGKILL of Snakemake and its jobs) resumes to the
outputs of a clean run, byte for byte.

Two samples' ingest and Cole-Cole fit on one core. The killed run is stopped as soon as the
first output exists, so one job is done, one is running and two have not started. The rerun
first meets the stale lock (and says so), ``--unlock`` removes it, and the default profile's
``rerun-incomplete`` reruns the job that was killed. Marked ``fault`` (opt-in; ``.ci/run`` runs
it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = ("Er005_powder", "Er010_powder")
TARGETS = [f"results/fits/colecole/{s}.csv" for s in SAMPLES]
OUTPUTS = TARGETS + [
    f"results/{kind}/{s}.{ext}"
    for s in SAMPLES
    for kind, ext in (
        ("interim/spectra", "parquet"),
        ("qc/rejected_rows", "csv"),
        ("qc/ingest_summary", "csv"),
    )
]

pytestmark = [pytest.mark.workflow, pytest.mark.fault]


def _cmd(*args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(REPO / "Snakefile"),
        "--configfile",
        str(REPO / "config.yaml"),
        "--profile",
        str(REPO / "profiles" / "default"),
        "--cores",
        "1",
        *args,
        *TARGETS,
    ]


def _workdir(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "data").symlink_to(REPO / "data")
    return path


def _run(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        _cmd(*args), cwd=workdir, capture_output=True, text=True, timeout=600, check=False
    )


def test_a_killed_run_resumes_to_the_clean_outputs(tmp_path):
    clean = _workdir(tmp_path / "clean")
    done = _run(clean)
    assert done.returncode == 0, done.stderr[-3000:]

    faulty = _workdir(tmp_path / "faulty")
    first = faulty / "results" / "interim" / "spectra" / f"{SAMPLES[0]}.parquet"
    proc = subprocess.Popen(
        _cmd(),
        cwd=faulty,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # Snakemake and the running job, no clean-up
    proc.wait(timeout=60)
    assert not all((faulty / p).exists() for p in OUTPUTS)

    locked = _run(faulty)
    assert locked.returncode != 0
    assert "cannot be locked" in locked.stdout + locked.stderr
    assert _run(faulty, "--unlock").returncode == 0
    resumed = _run(faulty)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    for path in OUTPUTS:
        assert (faulty / path).read_bytes() == (clean / path).read_bytes(), path
    again = _run(faulty, "-n")
    assert "Nothing to be done" in again.stdout + again.stderr
