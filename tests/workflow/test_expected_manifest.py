"""The committed expectation tests/expected/manifest.tsv matches the workflow's outputs.

CI runs the workflow and ``scripts/check_manifest.py results/manifest.tsv
tests/expected/manifest.tsv``; this fast test catches the common drift first: a stage adding or
renaming a target without the expected manifest being regenerated (after a full run:
``cp results/manifest.tsv tests/expected/manifest.tsv``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from spinrelax.pipeline.manifest import file_kind, read_manifest

REPO = Path(__file__).resolve().parents[2]
EXPECTED = REPO / "tests" / "expected" / "manifest.tsv"

pytestmark = pytest.mark.workflow


def _manifest_inputs(workdir: Path) -> list[str]:
    """Inputs of the `manifest` job in a dry run (the paths the manifest will list)."""
    (workdir / "data").symlink_to(REPO / "data")
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile")]
    cmd += ["--configfile", str(REPO / "config.yaml"), "--nolock", "-n", "--forceall"]
    cmd += ["--cores", "1", "results/manifest.tsv"]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    block = re.search(r"rule manifest:\n\s*input: (.*)\n", done.stdout)
    assert block, done.stdout[-3000:]
    return sorted(block.group(1).split(", "))


def test_expected_manifest_lists_exactly_the_workflow_outputs(tmp_path):
    expected = read_manifest(EXPECTED)
    planned = _manifest_inputs(tmp_path)
    assert sorted(expected["path"]) == planned, (
        "tests/expected/manifest.tsv is out of date: run the workflow and "
        "cp results/manifest.tsv tests/expected/manifest.tsv"
    )


def test_expected_manifest_rows_are_consistent():
    expected = read_manifest(EXPECTED)
    assert list(expected["path"]) == sorted(expected["path"])
    for row in expected.itertuples(index=False):
        assert row.kind == file_kind(row.path)
        assert re.fullmatch(r"[0-9a-f]{64}", row.sha256)
        assert row.bytes > 0, f"{row.path} is empty"
        if row.kind == "table":
            assert int(row.n_rows) >= 0 and re.fullmatch(r"[0-9a-f]{64}", row.columns_sha256)
