"""Brillouin and Langevin functions against explicit Boltzmann sums and known limits."""

import numpy as np
import pytest
import scipy.constants as sc

from spinrelax.papers.clusters.brillouin import (
    brillouin,
    invert_brillouin_muB,
    invert_langevin_muB,
    langevin,
    moment_from_mu_eff,
    mu_eff_brillouin_muB,
    mu_eff_langevin_muB,
)

K_PER_T = sc.physical_constants["Bohr magneton"][0] / sc.k


def boltzmann_mu_z(mu, B, T):
    """<mu_z> over m = -J..J with g = 2, by explicit summation (2J integer)."""
    two_j = round(mu)
    m = -two_j / 2 + np.arange(two_j + 1)
    w = np.exp(2 * m * K_PER_T * B / T)
    return 2 * np.sum(m * w) / np.sum(w)


def test_spin_half_is_tanh():
    y = np.array([1e-6, 0.01, 0.5, 3.0])
    np.testing.assert_allclose(brillouin(0.5, y), np.tanh(y), rtol=1e-9)


@pytest.mark.parametrize("mu", [1.0, 2.0, 3.0, 5.0])
@pytest.mark.parametrize("T", [5.0, 45.0, 120.0])
def test_mu_eff_equals_boltzmann_sum(mu, T):
    assert mu_eff_brillouin_muB(mu, 2.4, T) == pytest.approx(boltzmann_mu_z(mu, 2.4, T), rel=1e-9)


def test_small_argument_limit():
    J, y = 1.5, 1e-3
    assert brillouin(J, y) == pytest.approx((J + 1) / (3 * J) * y, rel=1e-5)
    assert langevin(1e-6) == pytest.approx(1e-6 / 3, rel=1e-9)


def test_large_J_tends_to_langevin():
    y = np.linspace(0.01, 5, 50)
    np.testing.assert_allclose(brillouin(1e4, y), langevin(y), atol=1e-4)


@pytest.mark.parametrize("mu", [0.3, 1.0, 2.4, 5.0, 20.0])
def test_inversions_round_trip(mu):
    T = np.array([45.0])
    mu_eff = mu_eff_brillouin_muB(np.array([mu]), 2.4, T)
    assert invert_brillouin_muB(mu_eff, 2.4, T)[0] == pytest.approx(mu, rel=1e-9)
    mu_eff_l = mu_eff_langevin_muB(np.array([mu]), 2.4, T)
    assert invert_langevin_muB(mu_eff_l, 2.4, T)[0] == pytest.approx(mu, rel=1e-9)


def test_langevin_overestimates_small_moments():
    mu_eff = mu_eff_brillouin_muB(np.array([1.0]), 2.4, np.array([45.0]))
    assert invert_langevin_muB(mu_eff, 2.4, np.array([45.0]))[0] > 1.5


def test_temperature_error_propagated():
    mu_eff = float(mu_eff_brillouin_muB(3.0, 2.4, 45.0))
    small = moment_from_mu_eff(mu_eff, 1e-4, 2.4, 45.0, 2.0)
    large = moment_from_mu_eff(mu_eff, 1e-4, 2.4, 45.0, 10.0)
    assert small["moment_muB"] == pytest.approx(3.0, rel=1e-6)
    assert large["moment_err_T_muB"] > 4 * small["moment_err_T_muB"]
    assert large["moment_err_muB"] >= large["moment_err_T_muB"]
