"""The log-moments of the distribution behind a stretched exponential (Johnston 2006), checked
against a numerical Mellin transform of the decay itself, not against the same formula."""

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import gamma

from spinrelax.timedomain.distribution import (
    ln_tau_mean,
    ln_tau_mean_err,
    sigma_ln_tau,
    sigma_ln_tau_err,
)


def _log_moment_generating(s: float, tau_star: float, beta: float) -> float:
    """ln E[tau^s] of the distribution P(tau) with phi(t) = int P(tau) exp(-t/tau) dtau =
    exp(-(t/tau*)^beta): E[tau^s] = (1/Gamma(s)) int_0^inf t^(s-1) phi(t) dt (s > 0), by
    quadrature in u = ln t. Below u0 = ln tau* - 40/beta, phi = 1 to 1e-17 and the integral
    of exp(s u) is exp(s u0)/s."""
    u0 = np.log(tau_star) - 40.0 / beta

    def integrand(u: float) -> float:
        return np.exp(s * u - np.exp(beta * (u - np.log(tau_star))))

    value, _ = quad(integrand, u0, np.log(tau_star) + 10.0 / beta, limit=400, epsrel=1e-12)
    return float(np.log((value + np.exp(s * u0) / s) / gamma(s)))


@pytest.mark.parametrize("beta", [0.35, 0.5, 0.72, 0.95])
def test_log_moments_match_numerical_mellin_transform(beta):
    tau_star = 80.0
    # cumulants of ln tau from a polynomial fit of ln E[tau^s] at small s
    s = np.linspace(0.005, 0.06, 12)
    K = np.array([_log_moment_generating(x, tau_star, beta) for x in s])
    c4, c3, c2, c1, c0 = np.polyfit(s, K, 4)
    assert abs(c0) < 1e-4  # K(0) = 0
    assert c1 == pytest.approx(float(ln_tau_mean(tau_star, beta)), abs=2e-3)
    assert np.sqrt(2 * c2) == pytest.approx(float(sigma_ln_tau(beta)), rel=5e-3)


def test_simple_exponential_has_no_spread():
    assert float(ln_tau_mean(50.0, 1.0)) == pytest.approx(np.log(50.0))
    assert float(sigma_ln_tau(1.0)) == 0.0
    assert np.isnan(sigma_ln_tau_err(1.0, 0.01))


def test_errors_propagate_to_first_order():
    tau, beta = 100.0, 0.6
    cov = np.array([[0.02**2, 0.0], [0.0, 0.01**2]])
    h = 1e-6
    d_beta = (ln_tau_mean(tau, beta + h) - ln_tau_mean(tau, beta - h)) / (2 * h)
    expected = np.sqrt(0.02**2 + (d_beta * 0.01) ** 2)
    assert ln_tau_mean_err(tau, beta, cov) == pytest.approx(expected, rel=1e-6)
    ds = (sigma_ln_tau(beta + h) - sigma_ln_tau(beta - h)) / (2 * h)
    assert sigma_ln_tau_err(beta, 0.01) == pytest.approx(abs(ds) * 0.01, rel=1e-6)
