"""Rate-law fits: recovery of injected parameters, agreement with an independent
scipy.optimize.curve_fit, fixed parameters, field laws, failure reporting."""

import numpy as np
import pytest
from scipy.optimize import curve_fit

from spinrelax.rates.fit import fit_law


def _data(seed=1, rel=0.05, n=25):
    rng = np.random.default_rng(seed)
    T = np.geomspace(1.8, 10.0, n)
    true = np.exp(-63.0 / T) / 2e-11 + 1.2e3
    rate = true * np.exp(rel * rng.standard_normal(T.size))
    return T, rate, np.full(T.size, rel)


def test_recovers_injected_orbach_plus_qtm():
    T, rate, sig = _data()
    fit = fit_law(T, 0.0, rate, sig, "orbach+qtm")
    assert fit.converged
    assert abs(fit.params["U_K"] - 63.0) < 3 * fit.errors["U_K"]
    assert fit.errors["U_K"] < 2.0
    assert fit.params["rate_qt_s-1"] == pytest.approx(1.2e3, rel=0.05)
    assert 0.4 < fit.chi2_red < 2.0
    assert fit.dof == T.size - 3
    assert fit.correlation.shape == (3, 3)
    assert fit.correlation[0, 1] == pytest.approx(fit.correlation[1, 0])
    assert abs(fit.correlation[0, 1]) > 0.9  # ln tau0 and U are strongly correlated


def test_matches_independent_curve_fit():
    T, rate, sig = _data(seed=7)
    fit = fit_law(T, 0.0, rate, sig, ("orbach", "qtm"))

    def ln_model(T, ln_tau0, U, ln_qt):
        return np.log(np.exp(-U / T - ln_tau0) + np.exp(ln_qt))

    p, cov = curve_fit(ln_model, T, np.log(rate), p0=[-24.0, 60.0, 7.0], sigma=sig)
    assert fit.params["U_K"] == pytest.approx(p[1], rel=1e-4)
    assert fit.params["tau0_s"] == pytest.approx(np.exp(p[0]), rel=1e-3)
    assert fit.errors["U_K"] == pytest.approx(np.sqrt(cov[1, 1]), rel=1e-2)


def test_raman_term_and_fixed_exponent():
    T = np.geomspace(2.0, 8.0, 20)
    rate = 1e-2 * T**9 + 10.0
    fit = fit_law(T, 0.0, rate, 0.02, ("raman", "qtm"))
    assert fit.params["n_raman"] == pytest.approx(9.0, abs=0.05)
    fixed = fit_law(T, 0.0, rate * 1.01, 0.02, "raman+qtm", fixed={"n_raman": 9.0})
    assert fixed.params["n_raman"] == 9.0 and np.isnan(fixed.errors["n_raman"])
    assert "n_raman" in fixed.fixed and fixed.free == ("C_raman_s-1_K-n", "rate_qt_s-1")
    assert fixed.params["C_raman_s-1_K-n"] == pytest.approx(1.01e-2, rel=1e-6)


def test_starts_need_no_guess_on_an_unusual_compound():
    # a barrier of 1500 K with tau0 = 1e-12 s: far from any built-in number
    T = np.linspace(40.0, 80.0, 15)
    rate = np.exp(-1500.0 / T) / 1e-12
    fit = fit_law(T, 0.0, rate, 0.03, "orbach", n_starts=0)
    assert fit.converged
    assert fit.params["U_K"] == pytest.approx(1500.0, rel=1e-6)


def test_field_law_recovered():
    H = np.array([0, 50, 100, 200, 400, 700, 1000, 1500, 2000, 3000, 5000.0])
    rate = 800.0 / (1 + 2e-5 * H**2) + 30.0
    fit = fit_law(2.0, H, rate, 0.02, "qtm_field+constant")
    assert fit.converged
    assert fit.params["rate_qt_s-1"] == pytest.approx(800.0, rel=1e-4)
    assert fit.params["p_qtm"] == pytest.approx(2.0, rel=1e-4)
    assert fit.params["rate_const_s-1"] == pytest.approx(30.0, rel=1e-4)


def test_too_few_points_is_flagged_not_raised():
    fit = fit_law([2.0, 3.0], 0.0, [1.0, 2.0], 0.1, ("orbach", "qtm"))
    assert not fit.converged
    assert np.isnan(fit.params["U_K"])


def test_unknown_term_or_fixed_parameter_rejected():
    with pytest.raises(ValueError):
        fit_law([1.0], 0.0, [1.0], 0.1, ("nope",))
    with pytest.raises(ValueError, match="not in law"):
        fit_law([1.0, 2.0], 0.0, [1.0, 2.0], 0.1, "orbach", fixed={"n_raman": 9})


def test_information_criteria_prefer_the_true_law():
    T, rate, sig = _data(n=40)
    one = fit_law(T, 0.0, rate, sig, "orbach")
    two = fit_law(T, 0.0, rate, sig, "orbach+qtm")
    assert two.aicc < one.aicc - 10
    assert two.bic < one.bic
