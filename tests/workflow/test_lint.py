"""The workflow passes `snakemake --lint` and `snakefmt --check` (Snakefile + workflow/rules)."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.workflow


def test_snakemake_lint_is_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--lint", "--snakefile", str(REPO / "Snakefile")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Lints for" not in out, out[-3000:]


def test_snakefmt_check_passes():
    rules = sorted(str(p) for p in (REPO / "workflow" / "rules").glob("*.smk"))
    proc = subprocess.run(
        [
            str(BIN / "snakefmt"),
            "--check",
            str(REPO / "Snakefile"),
            str(REPO / "workflow" / "Snakefile"),
            *rules,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
