"""Akaike weights and the relaxation laws of paper 2 (Eqs. 1-3)."""

import numpy as np
import pytest

from spinrelax.papers.clusters.classify import akaike_weights, classify
from spinrelax.papers.clusters.relaxation_laws import (
    kramers_coupling,
    orbach_rate_per_s,
    raman_rate_per_s,
    relaxed_fraction,
    transit_time_s,
)


def test_akaike_weights():
    w = akaike_weights([10.0, 12.0, np.inf])
    assert w.sum() == pytest.approx(1.0)
    assert w[0] / w[1] == pytest.approx(np.e)
    assert w[2] == 0


def test_classify_sums_per_behaviour():
    best, conf, per = classify([0.0, 0.0, 100.0], ["atomic_like", "atomic_like", "non_magnetic"])
    assert best == "atomic_like" and conf == pytest.approx(1.0)
    assert per["superparamagnetic"] == 0


def test_raman_powers_and_mass_scaling():
    C = kramers_coupling(0.1, 45.0, 300.0)
    assert raman_rate_per_s(45.0, C, 300.0) == pytest.approx(0.1)
    assert raman_rate_per_s(90.0, C, 300.0) == pytest.approx(0.1 * 2**9)
    assert raman_rate_per_s(45.0, C, 300.0, mass_ratio=2.0) == pytest.approx(0.1 * 32)
    # non-Kramers exceeds Kramers by (Delta/T)^2 at a common coupling (paper 2 after Eq. 3)
    ratio = raman_rate_per_s(30.0, C, 300.0, kramers=False) / raman_rate_per_s(30.0, C, 300.0)
    assert ratio == pytest.approx(100.0)
    # field term ~ H^2 T^7
    extra = raman_rate_per_s(45.0, C, 300.0, H_T=2.0, field_coeff_K2_per_T2=1.0) - 0.1
    assert extra == pytest.approx(0.1 * 4 / 45.0**2)


def test_orbach_and_relaxed_fraction():
    assert orbach_rate_per_s(100.0, 1e-9, 200.0) == pytest.approx(np.exp(-2) * 1e9)
    t = transit_time_s(0.06, 600.0)
    assert t == pytest.approx(1e-4)
    assert relaxed_fraction(t, 1e-3) == pytest.approx(1e-7, rel=1e-6)
    assert relaxed_fraction(t, 1e6) == pytest.approx(1.0)


def test_unconverged_selected_fit_publishes_no_number(profile_file, monkeypatch):
    """A selected fit that did not converge keeps its flag and empties every value column."""
    from dataclasses import replace

    from spinrelax.io.deflection_profile import read_deflection_profile
    from spinrelax.papers.clusters import analysis

    real = analysis.fit_joint
    monkeypatch.setattr(
        analysis, "fit_joint", lambda *a, **k: replace(real(*a, **k), converged=False)
    )
    path, _ = profile_file(behaviour="atomic_like", moment_muB=1.0, n=11, v_m_per_s=450.0)
    row, _ = analysis.analyse_profile(read_deflection_profile(path))
    assert row["flag"] == "fit_not_converged"
    assert all(np.isnan(row[c]) for c in analysis.FIT_VALUE_COLUMNS)
