import numpy as np
import pytest
from scipy.optimize import curve_fit

from spinrelax.papers.erw10.relaxation.power_law import fit_power_law


def test_quadratic_recovered_with_independent_check():
    rng = np.random.default_rng(3)
    x = np.array([0.01, 0.03, 0.1, 0.25, 0.5, 1.0])
    rate = 1.2e3 * x**2 * np.exp(0.1 * rng.standard_normal(x.size))
    fit = fit_power_law(x, rate, 0.1 * rate)
    assert fit.converged
    assert fit.exponent == pytest.approx(2.0, abs=3 * fit.exponent_err)
    p, cov = curve_fit(lambda lx, a, n: a + n * lx, np.log(x), np.log(rate), sigma=np.full(6, 0.1))
    assert fit.exponent == pytest.approx(p[1], rel=1e-8)
    assert fit.exponent_err == pytest.approx(np.sqrt(cov[1, 1]), rel=1e-6)
    assert fit.rate_s(1.0) == pytest.approx(np.exp(p[0]), rel=1e-8)


def test_single_concentration_not_converged():
    fit = fit_power_law([1.0, 1.0], [3.0, 4.0], [0.1, 0.1])
    assert not fit.converged
