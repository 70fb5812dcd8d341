"""Rate-law fits: recovery of injected parameters, and agreement with an independent
scipy.optimize.curve_fit implementation (ccfit2 is not available on Python 3.11)."""

import numpy as np
import pytest
from scipy.optimize import curve_fit

from spinrelax.relaxation.rate_fit import fit_rate_law, starting_values


def _data(seed=1, rel=0.05):
    rng = np.random.default_rng(seed)
    T = np.geomspace(1.8, 10.0, 25)
    true = np.exp(-63.0 / T) / 2e-11 + 1.2e3
    rate = true * np.exp(rel * rng.standard_normal(T.size))
    return T, rate, rel * rate


def test_recovers_injected_orbach_plus_plateau():
    T, rate, err = _data()
    fit = fit_rate_law(T, rate, err, ("orbach", "plateau"))
    assert fit.converged
    assert abs(fit.params["U_K"] - 63.0) < 3 * fit.errors["U_K"] + 1e-9
    assert fit.errors["U_K"] < 2.0
    assert fit.params["rate_qt_s-1"] == pytest.approx(1.2e3, rel=0.05)
    assert 0.4 < fit.chi2_red < 2.0
    assert fit.dof == T.size - 3


def test_matches_independent_curve_fit():
    T, rate, err = _data(seed=7)
    fit = fit_rate_law(T, rate, err, ("orbach", "plateau"))

    def ln_model(T, ln_tau0, U, ln_qt):
        return np.log(np.exp(-U / T - ln_tau0) + np.exp(ln_qt))

    p, cov = curve_fit(ln_model, T, np.log(rate), p0=[-24.0, 60.0, 7.0], sigma=err / rate)
    assert fit.params["U_K"] == pytest.approx(p[1], rel=1e-4)
    assert fit.params["tau0_s"] == pytest.approx(np.exp(p[0]), rel=1e-3)
    assert fit.errors["U_K"] == pytest.approx(np.sqrt(cov[1, 1]), rel=1e-2)


def test_raman_term_recovered():
    T = np.geomspace(2.0, 8.0, 20)
    rate = 1e-2 * T**9 + 10.0
    fit = fit_rate_law(T, rate, 0.02 * rate, ("raman", "plateau"))
    assert fit.params["n_raman"] == pytest.approx(9.0, abs=0.05)


def test_starting_values_two_point_arrhenius():
    T = np.array([4.0, 5.0])
    r = np.exp(-63.0 / T) / 1e-11
    start = starting_values(T, r, ("orbach",))
    assert start["U_K"] == pytest.approx(63.0)
    assert start["ln_tau0_s"] == pytest.approx(np.log(1e-11))


def test_too_few_points_is_flagged_not_raised():
    fit = fit_rate_law([2.0, 3.0], [1.0, 2.0], [0.1, 0.1], ("orbach", "plateau"))
    assert not fit.converged
    assert np.isnan(fit.params["U_K"])


def test_unknown_term_rejected():
    with pytest.raises(ValueError):
        fit_rate_law([1.0], [1.0], [0.1], ("nope",))
