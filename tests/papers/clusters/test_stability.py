"""Published deflection numbers do not depend on the BLAS kernel or on last-digit input changes.

Issue 16, item 9: every column of the moments table (and of the QC row of each selected fit)
is the same to 1e-6 relative when OpenBLAS runs its Haswell or its SkylakeX kernels, and when
every count is perturbed by 1e-12 relative. Each kernel runs in its own process (the kernel is
chosen when OpenBLAS loads). Shipped files cover every behaviour and the fraction cases: a
fraction at zero (upper limit), a resolved fraction, a 100 K profile, superparamagnetic Nb and
Ta, non-magnetic V.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

RAW = Path(__file__).parents[3] / "data" / "raw" / "deflection"
FILES = [
    "V03_T25K_6bar_optimized.csv",
    "V11_T25K_6bar_optimized.csv",
    "V11_T25K_2bar_optimized.csv",
    "V11_T100K_6bar_optimized.csv",
    "V12_T25K_6bar_optimized.csv",
    "V13_T25K_6bar_optimized.csv",
    "Nb07_T25K_6bar_optimized.csv",
    "Ta05_T25K_6bar_optimized.csv",
]
RTOL = 1e-6

_SCRIPT = """
import json, sys
import numpy as np
from dataclasses import replace
from spinrelax.io.deflection_profile import read_deflection_profile
from spinrelax.papers.clusters.analysis import analyse_profile, calibrate_from_al_run

raw, eps, files = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
rng = np.random.default_rng(7)

def load(name):
    p = read_deflection_profile(f"{raw}/{name}")
    if eps:
        grow = lambda c: c * (1.0 + eps * rng.uniform(-1.0, 1.0, c.size))
        p = replace(p, counts_off=grow(p.counts_off), counts_on=grow(p.counts_on))
    return p

cal = calibrate_from_al_run(load("Al01_T25K_6bar_calibration.csv"))
out = {"calibration": [cal.K_T_m, cal.K_err_T_m]}
for name in files:
    row, qc = analyse_profile(load(name), calibration=cal)
    out[name] = {"row": row, "selected": [q for q in qc if q["selected"]]}
print(json.dumps(out, default=float))
"""


def _run(coretype: str, eps: float) -> dict:
    env = os.environ | {"OPENBLAS_CORETYPE": coretype}
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(RAW), repr(eps), *FILES],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def _flatten(result: dict) -> pd.Series:
    flat = {
        "calibration.K": result["calibration"][0],
        "calibration.K_err": result["calibration"][1],
    }
    for name in FILES:
        for key, value in result[name]["row"].items():
            flat[f"{name}.{key}"] = value
        for i, q in enumerate(result[name]["selected"]):
            for key, value in q.items():
                flat[f"{name}.qc{i}.{key}"] = value
    return pd.Series(flat)


def _differences(a: pd.Series, b: pd.Series) -> list[str]:
    assert list(a.index) == list(b.index)
    bad = []
    for key in a.index:
        x, y = a[key], b[key]
        if isinstance(x, str) or isinstance(y, str) or isinstance(x, bool):
            if x != y:
                bad.append(f"{key}: {x!r} vs {y!r}")
            continue
        x, y = float(x), float(y)
        if np.isnan(x) and np.isnan(y):
            continue
        if not np.isclose(x, y, rtol=RTOL, atol=0.0):
            bad.append(f"{key}: {x!r} vs {y!r}")
    return bad


@pytest.fixture(scope="module")
def reference() -> pd.Series:
    return _flatten(_run("Haswell", 0.0))


def test_published_numbers_do_not_depend_on_the_blas_kernel(reference):
    assert _differences(reference, _flatten(_run("SkylakeX", 0.0))) == []


def test_published_numbers_survive_a_1e_12_perturbation_of_the_counts(reference):
    assert _differences(reference, _flatten(_run("Haswell", 1e-12))) == []
