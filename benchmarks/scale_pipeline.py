"""Pipeline benchmark: cold run, no-op rerun and determinism of the whole workflow.

Runs the workflow twice from a clean state, each in its own temporary working directory whose
``data`` links to the repository's (so the checkout's ``results/`` is untouched):

1. cold run ``snakemake --cores N`` (wall time),
2. no-op rerun in the same directory (wall time; must print "Nothing to be done"),
3. a second cold run in a fresh directory; the two ``results/manifest.tsv`` must be identical
   file for file (``compare_manifests(..., exact=True)``): tables, figures and documents
   byte-identical across clean runs on one machine.

Usage::

    .venv/bin/python benchmarks/scale_pipeline.py --cores 2 [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from spinrelax.pipeline.manifest import compare_manifests, read_manifest

REPO = Path(__file__).resolve().parents[1]


def snakemake(workdir: Path, cores: int, *extra: str) -> tuple[float, str]:
    """Run the workflow in ``workdir``; (wall seconds, combined output). Raises on failure."""
    link = workdir / "data"
    if not link.exists():
        link.symlink_to(REPO / "data")
    cmd = [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(REPO / "Snakefile"),
        "--configfile",
        str(REPO / "config.yaml"),
        "--cores",
        str(cores),
        *extra,
    ]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True)
    wall_s = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"snakemake failed in {workdir}:\n{done.stderr[-4000:]}")
    return wall_s, done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="spinrelax-bench-") as tmp:
        first, second = Path(tmp) / "run1", Path(tmp) / "run2"
        first.mkdir()
        second.mkdir()
        cold_s, out = snakemake(first, args.cores)
        n_jobs = out.count("Finished job")
        noop_s, noop_out = snakemake(first, args.cores)
        cold2_s, _ = snakemake(second, args.cores)
        diffs = compare_manifests(
            read_manifest(second / "results/manifest.tsv"),
            read_manifest(first / "results/manifest.tsv"),
            exact=True,
        )
        n_outputs = len(read_manifest(first / "results/manifest.tsv"))
    result = {
        "cores": args.cores,
        "jobs": n_jobs,
        "cold_run_s": round(cold_s, 1),
        "second_cold_run_s": round(cold2_s, 1),
        "noop_rerun_s": round(noop_s, 1),
        "noop_nothing_to_be_done": "Nothing to be done" in noop_out,
        "outputs_in_manifest": n_outputs,
        "outputs_differing_between_clean_runs": [f"{d.path}: {d.reason}" for d in diffs],
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    return 0 if not diffs and result["noop_nothing_to_be_done"] else 1


if __name__ == "__main__":
    sys.exit(main())
