"""Stretched-exponential fits recover known decays; failures give no numbers."""

import numpy as np
import pytest

from spinrelax.timedomain.stretched import fit_decay


def _decay(tau=120.0, beta=0.6, m0=0.09, meq=0.002, noise=2e-5, n=600, seed=4):
    t = np.arange(n) * 9.7
    rng = np.random.default_rng(seed)
    m = meq + (m0 - meq) * np.exp(-((t / tau) ** beta)) + rng.normal(0, noise, n)
    return t, m


@pytest.mark.parametrize("beta", [0.45, 0.7, 1.0])
def test_single_recovers_truth_within_errors(beta):
    t, m = _decay(beta=beta)
    fit = fit_decay(t, m)
    c = fit.components[0]
    assert fit.converged
    assert abs(c.tau_star_s - 120.0) < 4 * c.tau_star_err_s + 1e-9 * 120
    assert abs(c.beta - beta) < 4 * c.beta_err + 1e-9
    assert abs(fit.Meq_emu - 0.002) < 4 * fit.Meq_err_emu
    assert fit.r_squared > 0.999


def test_fixed_meq_is_held_and_reported():
    t, m = _decay(meq=0.0)
    fit = fit_decay(t, m, meq_mode="fixed", meq_value_emu=0.0)
    assert fit.converged and fit.Meq_emu == 0.0 and np.isnan(fit.Meq_err_emu)
    assert fit.components[0].tau_star_s == pytest.approx(120.0, rel=0.02)


def test_double_recovers_two_components():
    t = np.arange(800) * 9.7
    m = 0.05 * np.exp(-((t / 40.0) ** 0.9)) + 0.03 * np.exp(-((t / 600.0) ** 0.8))
    m = m + np.random.default_rng(1).normal(0, 1e-5, t.size)
    fit = fit_decay(t, m, model="double")
    assert fit.converged
    fast, slow = fit.components
    assert fast.tau_star_s == pytest.approx(40.0, rel=0.05)
    assert slow.tau_star_s == pytest.approx(600.0, rel=0.05)
    assert fit.M0_emu == pytest.approx(0.08, rel=0.01)


def test_too_few_readings_is_a_failure_without_numbers():
    t, m = _decay(n=4)
    fit = fit_decay(t, m)
    assert not fit.converged and "4 readings" in fit.message
    assert np.isnan(fit.M0_emu) and fit.components == ()


def test_flat_signal_is_not_converged():
    t = np.arange(50) * 10.0
    m = np.full(50, 0.01) + np.random.default_rng(2).normal(0, 1e-6, 50)
    fit = fit_decay(t, m)
    assert not fit.converged
