"""Digamma and trigamma (spinrelax.acsus.polygamma) against scipy.special."""

import numpy as np
from scipy.special import polygamma, psi

from spinrelax.acsus.polygamma import digamma, trigamma


def test_agree_with_scipy_over_the_model_range_and_beyond():
    x = np.concatenate([np.linspace(1e-3, 1.0, 2001), np.geomspace(1.0, 1e6, 400), [0.5, 1.0]])
    # absolute 2e-15 (psi crosses 0 near 1.46), relative 5e-15: far below what a fit resolves
    assert np.max(np.abs(digamma(x) - psi(x)) / np.maximum(np.abs(psi(x)), 1.0)) < 5e-15
    assert np.max(np.abs(trigamma(x) / polygamma(1, x) - 1)) < 5e-15


def test_known_values_and_bad_arguments():
    assert abs(digamma(1.0) + np.euler_gamma) < 1e-15
    assert abs(trigamma(1.0) - np.pi**2 / 6) < 1e-15
    assert abs(digamma(0.5) - (-np.euler_gamma - 2 * np.log(2))) < 2e-15
    assert np.isnan(digamma([0.0, -1.0, np.nan])).all()
    assert np.isnan(trigamma([0.0, -2.5, np.nan])).all()
