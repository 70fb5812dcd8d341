"""Maximum-likelihood fit of a count model to Poisson-distributed histogram counts.

The negative log-likelihood is minimised through the Poisson deviance
D = 2 sum[mu - n + n ln(n/mu)] (Baker & Cousins, NIM 221, 437 (1984)), written as a sum of
squared signed deviance residuals and minimised with scipy's trust-region least squares.
D differs from -2 ln L by a data-only constant, so AIC = D + 2k compares models of the same data.
Parameter covariance: inverse Fisher information F = sum_i (d mu_i/d p)(d mu_i/d p)^T / mu_i,
inverted in its scaled (correlation) form C = F_jk / sqrt(F_jj F_kk) so that parameters of very
different size (areas ~1e5 counts, positions ~0.1 mm) keep their errors (the unscaled matrix
reaches condition numbers of 1e27). One-sided limits of a parameter at a bound come from the
profile likelihood (:func:`profile_upper_limit`).

The optimiser runs to tight tolerances (1e-12) so that the published values do not depend on
its path (BLAS kernel, last-digit changes of the counts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, least_squares

_MU_FLOOR = 1e-12
_TOL = 1e-12
#: Smallest eigenvalue of the scaled Fisher matrix, relative to the largest, that counts as
#: information (below it the matrix is singular: an unidentified parameter combination).
_RCOND = 1e-12


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
    """1-sigma errors from the inverse of the scaled Fisher matrix, and whether it is regular.

    A parameter without Fisher information at this point (e.g. a broadening at its bound 0,
    where d mu / d b = 0) gets a NaN error and does not make the matrix irregular; the others
    are kept. Regular: every eigenvalue of the scaled matrix above 1e-12 of the largest.
    """
    mu = np.maximum(model(p), _MU_FLOOR)
    jac = np.empty((mu.size, p.size))
    for j in range(p.size):
        h = 1e-6 * max(abs(p[j]), 1e-3)
        hi, lo = min(p[j] + h, upper[j]), max(p[j] - h, lower[j])
        ph, pl = p.copy(), p.copy()
        ph[j], pl[j] = hi, lo
        jac[:, j] = (model(ph) - model(pl)) / (hi - lo)
    info = np.einsum("ij,ij->j", jac, jac / mu[:, None])
    errors = np.full(p.size, np.nan)
    active = info > 0.0
    if not active.any():
        return errors, False
    scale = np.sqrt(info[active])
    ja = jac[:, active] / scale
    corr = ja.T @ (ja / mu[:, None])
    eigval, eigvec = np.linalg.eigh(corr)
    regular = bool(eigval[0] > _RCOND * eigval[-1])
    keep = eigval > _RCOND * eigval[-1]
    # Variance of parameter j: sum over the kept eigen-directions of v_jk^2 / lambda_k.
    var = (eigvec[:, keep] ** 2) @ (1.0 / eigval[keep])
    errors[active] = np.sqrt(var) / scale
    return errors, regular


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
        ftol=_TOL,
        xtol=_TOL,
        gtol=_TOL,
        max_nfev=4000,
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


def _fixed_deviance(
    model: Callable[[np.ndarray], np.ndarray],
    counts: np.ndarray,
    p_start: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    index: int,
    value: float,
) -> float:
    """Deviance minimised over every parameter except ``index``, which is held at ``value``."""
    free = np.arange(p_start.size) != index

    def full(q: np.ndarray) -> np.ndarray:
        p = np.empty(p_start.size)
        p[free], p[index] = q, value
        return p

    res = least_squares(
        lambda q: _deviance_residuals(counts, model(full(q))),
        np.clip(p_start[free], lower[free], upper[free]),
        bounds=(lower[free], upper[free]),
        x_scale="jac",
        method="trf",
        ftol=_TOL,
        xtol=_TOL,
        gtol=_TOL,
        max_nfev=4000,
    )
    return poisson_deviance(counts, model(full(res.x)))


def profile_upper_limit(
    model: Callable[[np.ndarray], np.ndarray],
    counts: np.ndarray,
    fit: PoissonFit,
    lower: Sequence[float],
    upper: Sequence[float],
    name: str,
    delta_deviance: float = 2.705543454095404,
) -> float:
    """One-sided upper limit of ``name``: where the profile deviance exceeds its minimum by
    ``delta_deviance`` (default chi2_1 quantile 0.90 = 2.7055, a 95 % one-sided limit for a
    parameter at its lower bound; Rolke, Lopez & Conrad, NIM A 551, 493 (2005)).

    The other parameters are refitted at every trial value (start: the best fit); the root is
    bracketed by doubling a step from the best-fit value (first step: its Wald error, else 1e-3
    of the range) and found by Brent's method.
    """
    counts = np.asarray(counts, dtype=float)
    lo, hi = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    j = fit.names.index(name)
    target = fit.deviance + delta_deviance

    def excess(value: float) -> float:
        return _fixed_deviance(model, counts, fit.values, lo, hi, j, value) - target

    a = float(fit.values[j])
    err = fit.errors[j]
    step = float(err) if np.isfinite(err) and err > 0 else 1e-3 * float(hi[j] - lo[j])
    b = min(a + step, float(hi[j]))
    while excess(b) <= 0.0:
        if b >= hi[j]:
            return float(hi[j])
        a, b = b, min(a + 2.0 * (b - a) + step, float(hi[j]))
    return float(brentq(excess, a, b, xtol=1e-12, rtol=1e-10))
