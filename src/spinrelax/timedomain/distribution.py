"""Distribution of relaxation times behind a stretched exponential, as ac fits report it.

A stretched exponential exp(-(t/tau*)^beta), 0 < beta <= 1, is a sum of simple exponential
decays exp(-t/tau) over a distribution of tau whose log-moments are (Johnston, Phys. Rev. B
74, 184430 (2006), eqs. for <ln tau> and sigma_ln_tau; the conversion ccfit2 uses to put DC
and ac relaxation times on one axis, Blackmore et al., Phys. Chem. Chem. Phys. 25, 16735
(2023), doi:10.1039/D3CP01278F):

    <ln tau>       = ln tau* + (1 - 1/beta) * gamma_E
    sigma_ln_tau^2 = (1/beta^2 - 1) * pi^2 / 6

with gamma_E Euler's constant. (The rate 1/tau is tau*^-1 times a one-sided stable variable of
index beta, whose log has mean (1/beta - 1) gamma_E and variance (1/beta^2 - 1) pi^2/6.)
"""

from __future__ import annotations

import numpy as np

EULER_GAMMA = float(np.euler_gamma)


def ln_tau_mean(tau_star_s: np.ndarray | float, beta: np.ndarray | float) -> np.ndarray:
    """<ln(tau/s)> of the distribution behind exp(-(t/tau*)^beta)."""
    return np.log(tau_star_s) + (1.0 - 1.0 / np.asarray(beta, float)) * EULER_GAMMA


def sigma_ln_tau(beta: np.ndarray | float) -> np.ndarray:
    """Standard deviation of ln tau of that distribution (0 for beta = 1)."""
    b = np.asarray(beta, float)
    return np.sqrt(np.clip(1.0 / b**2 - 1.0, 0.0, None) * np.pi**2 / 6.0)


def ln_tau_mean_err(tau_star_s: float, beta: float, cov_ln_tau_beta: np.ndarray) -> float:
    """Standard error of <ln tau> from the covariance of (ln tau*, beta) (first order)."""
    grad = np.array([1.0, EULER_GAMMA / beta**2])
    return float(np.sqrt(max(grad @ cov_ln_tau_beta @ grad, 0.0)))


def sigma_ln_tau_err(beta: float, beta_err: float) -> float:
    """Standard error of sigma_ln_tau from that of beta (first order; nan at beta = 1)."""
    s = float(sigma_ln_tau(beta))
    if s == 0.0:
        return float("nan")
    return float(np.pi**2 / 6.0 / (beta**3 * s) * beta_err)
