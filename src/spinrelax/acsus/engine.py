"""Batched, bound-projected Levenberg-Marquardt over many spectra at once (numpy only).

All spectra of a batch share one padded frequency axis of length N (padding points carry
weight 0). Residuals are r = w (model - data) for chi' and chi'' stacked, i.e. 2N per spectrum;
the Jacobian is analytic (:func:`spinrelax.acsus.models.chi_and_jacobian`).

Algorithm: K. Levenberg, Q. Appl. Math. 2, 164 (1944); D. W. Marquardt, J. SIAM 11, 431 (1963),
with Marquardt's diagonal scaling, multiplicative damping updates (x10 / 10) and an active-set
projection for box bounds (a parameter sitting on a bound whose gradient points outward is held
fixed for that step; trial points are clipped into the box). Covariance: (J^T J)^-1 scaled by
the reduced chi^2, as lmfit does by default (``scale_covar=True``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from spinrelax.acsus.models import MODELS, chi_and_jacobian


@dataclass(frozen=True)
class LMSettings:
    """Stopping rules of the batched Levenberg-Marquardt loop (dimensionless)."""

    max_iter: int = 200
    ftol: float = 1e-10
    xtol: float = 1e-10
    gtol: float = 1e-14
    lambda0: float = 1e-3


@dataclass
class BatchResult:
    """Per-spectrum output of :func:`levenberg_marquardt` (leading axis B)."""

    params: NDArray  # (B, P)
    covariance: NDArray  # (B, P, P), scaled by chi2_red
    cost: NDArray  # (B,) sum of squared weighted residuals
    n_residuals: NDArray  # (B,) number of residuals with non-zero weight
    converged: NDArray  # (B,) bool
    n_iter: NDArray  # (B,) iterations used

    @property
    def chi2_red(self) -> NDArray:
        """Reduced chi^2 = cost / (n_residuals - P)."""
        dof = self.n_residuals - self.params.shape[-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(dof > 0, self.cost / dof, np.nan)

    @property
    def aic(self) -> NDArray:
        """Akaike information criterion n ln(cost / n) + 2 P (lmfit's definition)."""
        n = self.n_residuals
        with np.errstate(divide="ignore"):
            return n * np.log(np.maximum(self.cost, 1e-300) / n) + 2.0 * self.params.shape[-1]


def _residuals_jacobian(
    model: str, omega: NDArray, y: NDArray, w: NDArray, p: NDArray
) -> tuple[NDArray, NDArray]:
    """Weighted residuals (b, 2N) and Jacobian (b, 2N, P) for parameters p (b, P)."""
    chi, jac = chi_and_jacobian(model, omega, p)
    r = np.concatenate([chi.real, -chi.imag], axis=-1) - y
    r *= w
    jr = np.concatenate([jac.real, -jac.imag], axis=-2)
    jr *= w[..., None]
    return r, jr


def levenberg_marquardt(
    model: str,
    omega_rad_s: NDArray,
    chi_real: NDArray,
    chi_imag: NDArray,
    weight_real: NDArray,
    weight_imag: NDArray,
    p0: NDArray,
    settings: LMSettings = LMSettings(),
) -> BatchResult:
    """Fit ``model`` to B spectra at once; every argument has leading axis B.

    ``omega_rad_s``, ``chi_*`` and ``weight_*`` are (B, N) (weight 0 marks padding or excluded
    points; weight = 1/sigma); ``p0`` (B, P) must lie inside the model bounds.
    """
    spec = MODELS[model]
    lower = np.asarray(spec.lower)
    upper = np.asarray(spec.upper)
    omega = np.asarray(omega_rad_s, dtype=float)
    y = np.concatenate([chi_real, chi_imag], axis=-1).astype(float)
    w = np.concatenate([weight_real, weight_imag], axis=-1).astype(float)
    y = np.where(w > 0, y, 0.0)
    p = np.clip(np.array(p0, dtype=float), lower, upper)
    n_batch, n_par = p.shape
    lam = np.full(n_batch, settings.lambda0)
    converged = np.zeros(n_batch, dtype=bool)
    failed = np.zeros(n_batch, dtype=bool)
    n_iter = np.zeros(n_batch, dtype=int)
    eye = np.eye(n_par)

    r, jac = _residuals_jacobian(model, omega, y, w, p)
    cost = np.einsum("bn,bn->b", r, r)
    grad = np.einsum("bnp,bn->bp", jac, r)
    hess = np.matmul(jac.transpose(0, 2, 1), jac)

    for _ in range(settings.max_iter):
        act = np.flatnonzero(~converged & ~failed)
        if act.size == 0:
            break
        n_iter[act] += 1
        pa, ga, ha = p[act], grad[act], hess[act]
        held = ((pa <= lower) & (ga > 0)) | ((pa >= upper) & (ga < 0))
        free = ~held
        g_free = np.where(free, ga, 0.0)
        # Converged on a vanishing (projected) gradient, e.g. noise-free data.
        gnorm = np.max(np.abs(g_free), axis=-1)
        tiny_grad = gnorm <= settings.gtol * np.maximum(cost[act], 1e-300) ** 0.5 + 1e-300
        diag = np.diagonal(ha, axis1=1, axis2=2)
        floor = 1e-12 * np.maximum(np.max(diag, axis=-1, keepdims=True), 1e-300)
        damp = lam[act, None] * np.maximum(diag, floor)
        keep = free[:, :, None] & free[:, None, :]
        a_mat = np.where(keep, ha, 0.0) + (damp[:, :, None] * eye) + (held[:, :, None] * eye)
        step = -np.linalg.solve(a_mat, g_free[..., None])[..., 0]
        trial = np.clip(pa + step, lower, upper)
        # Residuals and Jacobian at the trial point in one model evaluation (kept if accepted).
        r_t, j_t = _residuals_jacobian(model, omega[act], y[act], w[act], trial)
        c_new = np.einsum("bn,bn->b", r_t, r_t)
        better = np.isfinite(c_new) & (c_new < cost[act])
        small_step = np.all(
            np.abs(trial - pa) <= settings.xtol * (np.abs(pa) + settings.xtol), axis=-1
        )
        small_drop = better & ((cost[act] - c_new) <= settings.ftol * cost[act])
        # Accept improving steps.
        acc = act[better]
        if acc.size:
            p[acc] = trial[better]
            cost[acc] = c_new[better]
            j_a = j_t[better]
            grad[acc] = np.einsum("bnp,bn->bp", j_a, r_t[better])
            hess[acc] = np.matmul(j_a.transpose(0, 2, 1), j_a)
        lam[act] = np.where(better, np.maximum(lam[act] / 10.0, 1e-15), lam[act] * 10.0)
        converged[act] = tiny_grad | small_drop | (small_step & ~better) | (better & small_step)
        failed[act] = ~converged[act] & (lam[act] > 1e16)

    # Covariance at the solution: pseudo-inverse of J^T J over the free parameters.
    dof = np.count_nonzero(w > 0, axis=-1) - n_par
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(dof > 0, cost / dof, np.nan)
    finite = np.all(np.isfinite(hess), axis=(1, 2))
    cov = np.full_like(hess, np.nan)
    if finite.any():
        cov[finite] = np.linalg.pinv(hess[finite], hermitian=True)
    cov *= scale[:, None, None]
    converged &= np.all(np.isfinite(p), axis=-1)
    return BatchResult(
        params=p,
        covariance=cov,
        cost=cost,
        n_residuals=np.count_nonzero(w > 0, axis=-1),
        converged=converged,
        n_iter=n_iter,
    )
