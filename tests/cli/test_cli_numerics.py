"""The ``spinrelax`` command computes with the workflow's portable numerics (pinned OpenBLAS
kernel, no AVX-512 numpy loops; spinrelax.pipeline.portable_numerics), so both give the same table for the
same file on any x86-64 host, and fits with the workflow's default settings. Before, only the
workflow pinned them (on this AVX-512 host the command's chi_S of the ACMS file moved in the 8th
digit between kernels), and the command stopped its fits at ftol 1e-10 where the workflow uses
1e-12 (tau_s differed by up to 1e-6 relative, alpha by 1e-4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from spinrelax.acsus.fitting import FitSettings
from spinrelax.acsus.settings import fit_settings
from spinrelax.pipeline.portable_numerics import X86_64_SETTINGS, portable_numerics_env

REPO = Path(__file__).resolve().parents[2]
SPINRELAX = Path(sys.executable).with_name("spinrelax")
X86 = bool(portable_numerics_env({}))
#: Prints the variables and whether numpy's AVX-512 (X86_V4) loops are enabled after the command
#: ran its start-up (``--version`` exits before any command).
PROBE = (
    "import json, os, sys\n"
    "from spinrelax.cli import main\n"
    "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
    "from numpy._core._multiarray_umath import __cpu_features__ as f\n"
    "keys = ('OPENBLAS_CORETYPE', 'NPY_DISABLE_CPU_FEATURES')\n"
    "print(json.dumps([{k: os.environ.get(k) for k in keys}, bool(f.get('X86_V4'))]))\n"
)


def _probe(**env: str) -> tuple[dict, bool]:
    clean = {k: v for k, v in os.environ.items() if k not in X86_64_SETTINGS}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    variables, v4 = json.loads(done.stdout.strip().splitlines()[-1])
    return variables, v4


@pytest.mark.skipif(not X86, reason="the settings apply to x86-64 hosts only")
def test_the_command_applies_the_settings_before_numpy_loads():
    variables, v4 = _probe()
    assert variables == X86_64_SETTINGS
    assert not v4


@pytest.mark.skipif(not X86, reason="the settings apply to x86-64 hosts only")
def test_values_the_user_set_win():
    variables, _ = _probe(OPENBLAS_CORETYPE="Zen")
    assert variables["OPENBLAS_CORETYPE"] == "Zen"
    assert variables["NPY_DISABLE_CPU_FEATURES"] == X86_64_SETTINGS["NPY_DISABLE_CPU_FEATURES"]


def test_the_command_fits_with_the_workflow_defaults():
    """The command's spectrum-fit settings are config.yaml's (the LM ftol differed: 1e-10)."""
    section = yaml.safe_load((REPO / "config.yaml").read_text())["acsus"]
    assert FitSettings() == fit_settings(section)


@pytest.mark.workflow
def test_the_command_and_the_workflow_give_identical_tables(
    tmp_path, run_workflow, realdata_dir, sheet_config
):
    raw = realdata_dir / "acms_molmag_0Oe.dat"
    sheet = tmp_path / "one.tsv"
    sheet.write_text(f"sample_id\tinstrument\traw_glob\nacms\tPPMS_ACMS\t{raw}\n")
    configfile = sheet_config(sheet)
    done = run_workflow(tmp_path, ["results/fits/colecole/acms.csv"], configfile)
    assert done.returncode == 0, done.stderr[-3000:]
    clean = {k: v for k, v in os.environ.items() if k not in X86_64_SETTINGS}
    subprocess.run(
        [str(SPINRELAX), "fit-ac", str(raw), "-o", str(tmp_path / "cli.csv")],
        env=clean, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    workflow = pd.read_csv(tmp_path / "results/fits/colecole/acms.csv")
    cli = pd.read_csv(tmp_path / "cli.csv")
    numbers = [c for c in cli.columns if c in workflow.columns and cli[c].dtype.kind == "f"]
    assert {"tau_s", "chi_S", "chi_T", "alpha", "tau_err_s"} <= set(numbers)
    assert len(cli) == len(workflow) == 33
    pd.testing.assert_frame_equal(cli[numbers], workflow[numbers], check_exact=True)
