"""Thermal (superparamagnetic) moment: Brillouin and Langevin functions and their inversion.

A cluster of moment mu (in muB) whose spin relaxes inside the magnet deflects with the thermal
average mu_eff = mu B_J(y), J = mu / (g muB), g = 2, y = mu B / (kB T) (PHYSICS.md; Diaz-Bachs
et al. 2022, Sec. III A, who use the Brillouin form because Langevin fails for small moments).
Brillouin function (Ashcroft & Mermin, Eq. 31.44, written with y = g muB J B / kB T):

    B_J(y) = (2J+1)/(2J) coth((2J+1) y / 2J) - 1/(2J) coth(y / 2J),

and the Langevin limit J -> infinity: L(y) = coth y - 1/y. mu_eff rises monotonically with mu,
so the inversion is a vectorised bisection.
"""

from __future__ import annotations

import numpy as np

from spinrelax.constants import mu_B_K_per_T

G_FACTOR: float = 2.0
_SMALL = 1e-4


def _coth_minus_inv(x: np.ndarray) -> np.ndarray:
    """coth(x) - 1/x, with its series x/3 - x^3/45 for small |x|."""
    x = np.asarray(x, dtype=float)
    small = np.abs(x) < _SMALL
    xs = np.where(small, 1.0, x)
    return np.where(small, x / 3.0 - x**3 / 45.0, 1.0 / np.tanh(xs) - 1.0 / xs)


def langevin(y: np.ndarray) -> np.ndarray:
    """Langevin function L(y) = coth y - 1/y."""
    return _coth_minus_inv(y)


def brillouin(J: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Brillouin function B_J(y) for any J > 0 (non-integer 2J allowed, as the formula is analytic).

    Uses coth(a) = [coth(a) - 1/a] + 1/a so that the 1/a terms cancel exactly for small y.
    """
    J = np.asarray(J, dtype=float)
    y = np.asarray(y, dtype=float)
    a = (2.0 * J + 1.0) / (2.0 * J)
    b = 1.0 / (2.0 * J)
    return a * _coth_minus_inv(a * y) - b * _coth_minus_inv(b * y)


def mu_eff_brillouin_muB(moment_muB: np.ndarray, B_T: float, T_K: np.ndarray) -> np.ndarray:
    """Thermal moment projection mu B_J(mu B / kB T) with J = mu / (g muB), in muB."""
    mu = np.asarray(moment_muB, dtype=float)
    y = mu * mu_B_K_per_T * B_T / np.asarray(T_K, dtype=float)
    J = np.maximum(mu, 1e-12) / G_FACTOR
    return mu * brillouin(J, y)


def mu_eff_langevin_muB(moment_muB: np.ndarray, B_T: float, T_K: np.ndarray) -> np.ndarray:
    """Classical thermal moment projection mu L(mu B / kB T), in muB."""
    mu = np.asarray(moment_muB, dtype=float)
    return mu * langevin(mu * mu_B_K_per_T * B_T / np.asarray(T_K, dtype=float))


def _invert(forward, mu_eff_muB, B_T, T_K) -> np.ndarray:
    target = np.asarray(mu_eff_muB, dtype=float)
    T = np.broadcast_to(np.asarray(T_K, dtype=float), target.shape)
    sign = np.sign(target)
    target = np.abs(target)
    lo = np.zeros_like(target)
    hi = np.maximum(target, 1.0)
    for _ in range(200):
        grow = forward(hi, B_T, T) < target
        if not grow.any():
            break
        hi = np.where(grow, 2.0 * hi, hi)
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        below = forward(mid, B_T, T) < target
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    return sign * 0.5 * (lo + hi)


def invert_brillouin_muB(mu_eff_muB: np.ndarray, B_T: float, T_K: np.ndarray) -> np.ndarray:
    """Moment mu (muB) with mu B_J(mu B / kB T) = mu_eff (sign of mu_eff kept)."""
    return _invert(mu_eff_brillouin_muB, mu_eff_muB, B_T, T_K)


def invert_langevin_muB(mu_eff_muB: np.ndarray, B_T: float, T_K: np.ndarray) -> np.ndarray:
    """Moment mu (muB) with mu L(mu B / kB T) = mu_eff (sign of mu_eff kept)."""
    return _invert(mu_eff_langevin_muB, mu_eff_muB, B_T, T_K)


def moment_from_mu_eff(
    mu_eff_muB: float, mu_eff_err_muB: float, B_T: float, T_K: float, T_sigma_K: float
) -> dict[str, float]:
    """Brillouin moment with statistical and temperature errors, plus the Langevin moment.

    Errors are half the spread of the inversion at mu_eff +- err and at T +- sigma_T
    (the temperature term dominates, paper 2 Sec. III A); ``moment_err_muB`` adds both in
    quadrature.
    """
    T_lo = max(T_K - T_sigma_K, 1e-3)
    vals = invert_brillouin_muB(
        np.array(
            [
                mu_eff_muB,
                mu_eff_muB - mu_eff_err_muB,
                mu_eff_muB + mu_eff_err_muB,
                mu_eff_muB,
                mu_eff_muB,
            ]
        ),
        B_T,
        np.array([T_K, T_K, T_K, T_lo, T_K + T_sigma_K]),
    )
    err_stat = 0.5 * abs(vals[2] - vals[1])
    err_T = 0.5 * abs(vals[4] - vals[3])
    return {
        "moment_muB": float(vals[0]),
        "moment_err_stat_muB": float(err_stat),
        "moment_err_T_muB": float(err_T),
        "moment_err_muB": float(np.hypot(err_stat, err_T)),
        "moment_langevin_muB": float(invert_langevin_muB(np.array([mu_eff_muB]), B_T, T_K)[0]),
    }
