"""Curie-Weiss, peak temperature and demagnetising limit on synthetic data with known truth."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.equilibrium import (
    demag_ratio,
    fit_curie_weiss,
    lowest_frequency_series,
    molar_to_volume_cgs,
    orientation,
    peak_temperature,
)


def test_curie_weiss_recovers_c_and_theta():
    rng = np.random.default_rng(0)
    T = np.linspace(0.1, 2.0, 40)
    chi = 9.0 / (T + 0.088)
    err = 0.005 * chi
    fit = fit_curie_weiss(T, chi * (1 + 0.005 * rng.normal(size=T.size)), err)
    assert fit.converged
    assert fit.theta_K == pytest.approx(-0.088, abs=4 * fit.theta_err_K)
    assert fit.C == pytest.approx(9.0, abs=4 * fit.C_err)
    assert 0.3 < fit.chi2_red < 2.5


def test_curie_weiss_needs_three_points():
    assert not fit_curie_weiss(np.array([1.0, 2.0]), np.array([1.0, 0.5])).converged


def test_peak_temperature_parabola_and_edge():
    T = np.linspace(0.03, 0.2, 35)
    v = np.exp(-(((T - 0.081) / 0.02) ** 2))
    peak = peak_temperature(T, v)
    assert peak.interior and peak.T_K == pytest.approx(0.081, abs=2e-3)
    assert np.isfinite(peak.T_err_K)
    edge = peak_temperature(T, np.exp(-T))
    assert not edge.interior and np.isnan(edge.T_err_K)


def test_demag_ratio_and_volume_conversion():
    # rho = 3.411 g/cm^3 and M = 3349 g/mol: 1 emu/mol -> 1.0185e-3 (dimensionless cgs)
    chi_v = molar_to_volume_cgs(1.0, 3.411, 3349.0)
    assert chi_v == pytest.approx(3.411 / 3349.0)
    assert demag_ratio(1 / (4 * np.pi) / 3) == pytest.approx(3.0)


@pytest.mark.parametrize(
    "angle,form,expected",
    [
        (0.0, "crystal", "z"),
        (42.0, "crystal", "z"),
        (90.0, "crystal", "perp"),
        (170.0, "crystal", "z"),
        (np.nan, "powder", "powder"),
    ],
)
def test_orientation(angle, form, expected):
    assert orientation(angle, form) == expected


def test_lowest_frequency_series_sorted():
    pts = pd.DataFrame({"T_K": [0.3, 0.1, 0.2, 0.1], "freq_Hz": [0.1, 0.1, 0.1001, 10.0]})
    out = lowest_frequency_series(pts)
    assert out["T_K"].tolist() == [0.1, 0.2, 0.3]
