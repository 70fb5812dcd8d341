"""The workflow through a real SLURM cluster (profiles/slurm, sbatch), equal to a local run.

Needs a running cluster: ``tests/slurm/start_cluster.sh`` starts a one-node cluster on this
machine (slurmctld, slurmd, slurmdbd with MariaDB for accounting, munge); ``.ci/run`` does that
and runs ``pytest -m slurm``. Marked ``slurm`` (not part of the default run); skipped with the
reason when no idle SLURM node answers.

One sample's ingest and Cole-Cole fit (the ``sample`` job group of the profile: one
submission) and the Al calibration of paper 2 (one more) run through ``sbatch``; the test
checks that the job ids Snakemake reports are COMPLETED in SLURM's accounting (``sacct``) and
that every output equals, byte for byte, the same targets run locally.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TARGETS = [
    "results/fits/colecole/Er005_powder.csv",
    "results/tables/cluster_calibration.csv",
]
OUTPUTS = [
    *TARGETS,
    "results/interim/spectra/Er005_powder.parquet",
    "results/qc/rejected_rows/Er005_powder.csv",
    "results/qc/ingest_summary/Er005_powder.csv",
]

pytestmark = pytest.mark.slurm


def _idle_node() -> str | None:
    """Why no SLURM node can take jobs, or None when one is idle."""
    if shutil.which("sbatch") is None or shutil.which("sacct") is None:
        return "SLURM is not installed (run tests/slurm/start_cluster.sh as root)"
    done = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True, check=False)
    if "idle" not in done.stdout.split():
        return f"no idle SLURM node (sinfo: {done.stdout.strip() or done.stderr.strip()})"
    return None


def _snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    workdir.mkdir(parents=True, exist_ok=True)
    if not (workdir / "data").exists():
        (workdir / "data").symlink_to(REPO / "data")
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile")]
    cmd += ["--configfile", str(REPO / "config.yaml"), *args, *TARGETS]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def runs(tmp_path_factory, skip_unless_ci):
    """(local workdir, SLURM workdir, SLURM job ids, snakemake log) of the same targets."""
    reason = _idle_node()
    if reason is not None:
        skip_unless_ci(reason)
    root = tmp_path_factory.mktemp("slurm")
    _snakemake(root / "local", "--profile", str(REPO / "profiles" / "default"), "--cores", "2")
    done = _snakemake(
        root / "slurm",
        "--profile",
        str(REPO / "profiles" / "slurm"),
        "--slurm-init-seconds-before-status-checks",
        "2",
    )
    log = done.stdout + done.stderr
    ids = re.findall(r"submitted with SLURM jobid (\d+)", log)
    return root / "local", root / "slurm", ids, log


def test_jobs_went_through_slurm_and_its_accounting_shows_them(runs):
    _, _, ids, log = runs
    assert len(ids) == 2, log[-3000:]  # the sample group and the calibration
    done = subprocess.run(
        ["sacct", "-n", "-X", "-P", "-j", ",".join(ids), "-o", "JobID,State,ExitCode"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split("|") for line in done.stdout.split()]
    assert sorted(r[0] for r in rows) == sorted(ids)
    assert all(r[1] == "COMPLETED" and r[2] == "0:0" for r in rows), rows


def test_outputs_equal_the_local_run_byte_for_byte(runs):
    local, slurm, _, _ = runs
    for path in OUTPUTS:
        assert (slurm / path).read_bytes() == (local / path).read_bytes(), path
