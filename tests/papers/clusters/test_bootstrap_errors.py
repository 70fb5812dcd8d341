"""Reported fit errors agree with a parametric bootstrap on shipped profiles (within 30 %).

Issue 16, item 6: for the selected fits of shipped files (atomic-like split with a resolved
relaxed fraction, atomic-like split without one, non-magnetic image) Poisson counts are drawn
from the fitted expectation, refitted, and the spread of every well-determined parameter is
compared with its error from the scaled Fisher matrix. The "none" areas are included: their
errors were NaN with the unscaled matrix.
"""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from spinrelax.io.deflection_profile import read_deflection_profile
from spinrelax.papers.clusters.analysis import profile_data
from spinrelax.papers.clusters.profile_fit import fit_joint, joint_counts

RAW = Path(__file__).parents[3] / "data" / "raw" / "deflection"
N_BOOT = 150
CASES = [
    ("V11_T25K_2bar_optimized.csv", "split3", ("split_mm", "relaxed_fraction", "area_on")),
    ("V11_T25K_6bar_optimized.csv", "split2", ("split_mm", "center_mm", "area_on")),
    ("V12_T25K_6bar_optimized.csv", "none", ("area_off", "area_on", "bg_on", "center_mm")),
]


@pytest.mark.parametrize(("name", "model", "params"), CASES)
def test_fisher_errors_match_parametric_bootstrap(name, model, params):
    data = profile_data(read_deflection_profile(RAW / name))
    fit = fit_joint("slit", model, data)
    assert fit.converged
    mu = joint_counts("slit", model, fit.values, data)
    n = data.counts_off.size
    rng = np.random.default_rng(16)
    draws = []
    for _ in range(N_BOOT):
        counts = rng.poisson(mu).astype(float)
        boot = fit_joint("slit", model, replace(data, counts_off=counts[:n], counts_on=counts[n:]))
        draws.append([boot.value(p) for p in params])
    spread = np.std(np.array(draws), axis=0, ddof=1)
    for p, s in zip(params, spread, strict=True):
        assert np.isfinite(fit.error(p))
        assert fit.error(p) / s == pytest.approx(1.0, abs=0.3), p
