"""Maximum-likelihood fit of a count model to Poisson-distributed histogram counts.

The negative log-likelihood is minimised through the Poisson deviance
D = 2 sum[mu - n + n ln(n/mu)] (Baker & Cousins, NIM 221, 437 (1984)), written as a sum of
squared signed deviance residuals and minimised with scipy's trust-region least squares.
D differs from -2 ln L by a data-only constant, so AIC = D + 2k compares models of the same data.
Parameter covariance: inverse Fisher information sum_i (d mu_i/d p)(d mu_i/d p)^T / mu_i.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

_MU_FLOOR = 1e-12


@dataclass(frozen=True)
class PoissonFit:
    """Result of :func:`fit_poisson`: values, 1-sigma errors, deviance, AIC, converged flag."""

    names: tuple[str, ...]
    values: np.ndarray
    errors: np.ndarray
    deviance: float
    n_bins: int
    aic: float
    converged: bool
    message: str

    @property
    def dof(self) -> int:
        return self.n_bins - len(self.names)

    @property
    def reduced_deviance(self) -> float:
        return self.deviance / max(self.dof, 1)

    def value(self, name: str) -> float:
        return float(self.values[self.names.index(name)])

    def error(self, name: str) -> float:
        return float(self.errors[self.names.index(name)])


def poisson_deviance(counts: np.ndarray, mu: np.ndarray) -> float:
    """Poisson deviance 2 sum[mu - n + n ln(n/mu)] (terms with n = 0 reduce to 2 mu)."""
    mu = np.maximum(mu, _MU_FLOOR)
    n = np.asarray(counts, dtype=float)
    log_term = np.where(n > 0, n * np.log(np.where(n > 0, n, 1.0) / mu), 0.0)
    return float(2.0 * np.sum(mu - n + log_term))


def _deviance_residuals(counts: np.ndarray, mu: np.ndarray) -> np.ndarray:
    mu = np.maximum(mu, _MU_FLOOR)
    n = counts
    log_term = np.where(n > 0, n * np.log(np.where(n > 0, n, 1.0) / mu), 0.0)
    d = np.maximum(2.0 * (mu - n + log_term), 0.0)
    return np.sign(n - mu) * np.sqrt(d)


def _fisher_errors(
    model: Callable[[np.ndarray], np.ndarray],
    p: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
) -> tuple[np.ndarray, bool]:
    """1-sigma errors from the inverse Fisher matrix, and whether it was positive definite."""
    mu = np.maximum(model(p), _MU_FLOOR)
    jac = np.empty((mu.size, p.size))
    for j in range(p.size):
        h = 1e-6 * max(abs(p[j]), 1e-3)
        hi, lo = min(p[j] + h, upper[j]), max(p[j] - h, lower[j])
        ph, pl = p.copy(), p.copy()
        ph[j], pl[j] = hi, lo
        jac[:, j] = (model(ph) - model(pl)) / (hi - lo)
    fisher = jac.T @ (jac / mu[:, None])
    info = np.diag(fisher)
    # A parameter the data do not constrain at this point (e.g. the width of a peak of zero
    # weight) has no Fisher information: its error is undefined (NaN), the others are kept.
    active = info > 1e-12 * max(float(info.max()), 1e-300)
    errors = np.full(p.size, np.nan)
    try:
        cov = np.linalg.inv(fisher[np.ix_(active, active)])
    except np.linalg.LinAlgError:
        return errors, False
    diag = np.diag(cov)
    errors[active] = np.where(diag > 0, np.sqrt(np.abs(diag)), np.nan)
    return errors, bool(np.all(diag > 0))


def fit_poisson(
    model: Callable[[np.ndarray], np.ndarray],
    counts: np.ndarray,
    names: Sequence[str],
    p0: Sequence[float],
    lower: Sequence[float],
    upper: Sequence[float],
) -> PoissonFit:
    """Fit ``model(p) -> expected counts per bin`` to ``counts`` by maximum Poisson likelihood.

    ``converged`` is True when the optimiser reports success and the Fisher matrix of the
    constrained parameters is invertible (unconstrained ones get a NaN error).
    """
    counts = np.asarray(counts, dtype=float)
    lo = np.asarray(lower, dtype=float)
    hi = np.asarray(upper, dtype=float)
    start = np.clip(np.asarray(p0, dtype=float), lo, hi)
    res = least_squares(
        lambda p: _deviance_residuals(counts, model(p)),
        start,
        bounds=(lo, hi),
        x_scale="jac",
        method="trf",
        max_nfev=2000,
    )
    errors, covariance_ok = _fisher_errors(model, res.x, lo, hi)
    deviance = poisson_deviance(counts, model(res.x))
    converged = bool(res.success and covariance_ok and np.isfinite(deviance))
    return PoissonFit(
        names=tuple(names),
        values=res.x,
        errors=errors,
        deviance=deviance,
        n_bins=counts.size,
        aic=deviance + 2.0 * len(names),
        converged=converged,
        message=str(res.message),
    )
