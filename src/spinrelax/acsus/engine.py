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
    ftol: float = 1e-12
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


def _damped_step(
    p: NDArray,
    grad: NDArray,
    hess: NDArray,
    cost: NDArray,
    lam: NDArray,
    lower: NDArray,
    upper: NDArray,
    gtol: float,
) -> tuple[NDArray, NDArray]:
    """Marquardt step (b, P) of the spectra in the arguments (all with leading axis b), and
    whether their projected gradient already vanishes (b,).

    A parameter on a bound whose gradient points outward is held for the step: its gradient
    component and its row and column of J^T J are zeroed and 1 is put on the diagonal.
    """
    if ((p <= lower) | (p >= upper)).any():
        held = np.where(grad > 0, p <= lower, (grad < 0) & (p >= upper))
        free = ~held
        g_free = np.where(held, 0.0, grad)
        a_mat = np.where(free[:, :, None] & free[:, None, :], hess, 0.0)
    else:  # nothing on a bound (the common case): the same arithmetic without the masking
        held = None
        g_free = grad
        a_mat = hess.copy()
    # Converged on a vanishing (projected) gradient, e.g. noise-free data.
    gnorm = np.abs(g_free).max(axis=-1)
    tiny_grad = gnorm <= gtol * np.maximum(cost, 1e-300) ** 0.5 + 1e-300
    n_par = p.shape[-1]
    diag = hess.diagonal(axis1=1, axis2=2)
    floor = 1e-12 * np.maximum(diag.max(axis=-1, keepdims=True), 1e-300)
    damp = lam[:, None] * np.maximum(diag, floor)
    # Damping (and 1 for held parameters) on the diagonal, through a strided view.
    a_mat.reshape(-1, n_par * n_par)[:, :: n_par + 1] += damp if held is None else damp + held
    return np.linalg.solve(a_mat, g_free[..., None])[..., 0], tiny_grad


def levenberg_marquardt(
    model: str,
    omega_rad_s: NDArray,
    chi_real: NDArray,
    chi_imag: NDArray,
    weight_real: NDArray,
    weight_imag: NDArray,
    p0: NDArray,
    settings: LMSettings = LMSettings(),
    bounds: tuple[NDArray, NDArray] | None = None,
) -> BatchResult:
    """Fit ``model`` to B spectra at once; every argument has leading axis B.

    ``omega_rad_s``, ``chi_*`` and ``weight_*`` are (B, N) (weight 0 marks padding or excluded
    points; weight = 1/sigma); ``p0`` (B, P) is clipped into the bounds: the model's box, or
    per-spectrum ``bounds`` = (lower, upper), each (B, P).
    """
    spec = MODELS[model]
    n_batch = np.shape(p0)[0]
    if bounds is None:
        lower = np.broadcast_to(np.asarray(spec.lower), np.shape(p0))
        upper = np.broadcast_to(np.asarray(spec.upper), np.shape(p0))
    else:
        lower, upper = (np.asarray(b, dtype=float) for b in bounds)
    omega = np.asarray(omega_rad_s, dtype=float)
    y = np.concatenate([chi_real, chi_imag], axis=-1).astype(float)
    w = np.concatenate([weight_real, weight_imag], axis=-1).astype(float)
    y = np.where(w > 0, y, 0.0)
    p = np.clip(np.array(p0, dtype=float), lower, upper)
    converged = np.zeros(n_batch, dtype=bool)
    n_iter = np.full(n_batch, settings.max_iter)

    r, jac = _residuals_jacobian(model, omega, y, w, p)
    cost = np.einsum("bn,bn->b", r, r)
    grad = np.einsum("bnp,bn->bp", jac, r)
    hess = np.matmul(jac.transpose(0, 2, 1), jac)

    # State of the spectra still iterating (batch rows ``act``), kept compact: rows leave it
    # (and are written back) when they stop, so that an iteration touches only live spectra.
    act = np.arange(n_batch)
    pa, ga, ha, ca = p, grad, hess, cost
    la = np.full(n_batch, settings.lambda0)
    oa, ya, wa, lo_a, up_a = omega, y, w, lower, upper
    for it in range(settings.max_iter):
        if act.size == 0:
            break
        step, tiny_grad = _damped_step(pa, ga, ha, ca, la, lo_a, up_a, settings.gtol)
        trial = np.minimum(np.maximum(pa - step, lo_a), up_a)
        # Residuals and Jacobian at the trial point in one model evaluation (kept if accepted).
        r_t, j_t = _residuals_jacobian(model, oa, ya, wa, trial)
        c_new = np.einsum("bn,bn->b", r_t, r_t)
        better = c_new < ca  # False for a NaN or infinite trial cost (costs are >= 0)
        small_step = (np.abs(trial - pa) <= settings.xtol * (np.abs(pa) + settings.xtol)).all(
            axis=-1
        )
        small_drop = better & ((ca - c_new) <= settings.ftol * ca)
        done = tiny_grad | small_drop | small_step
        # Accept improving steps.
        if better.all():
            pa, ca = trial, c_new
            ga = np.einsum("bnp,bn->bp", j_t, r_t)
            ha = np.matmul(j_t.transpose(0, 2, 1), j_t)
        elif better.any():
            pa[better] = trial[better]
            ca[better] = c_new[better]
            j_a = j_t[better]
            ga[better] = np.einsum("bnp,bn->bp", j_a, r_t[better])
            ha[better] = np.matmul(j_a.transpose(0, 2, 1), j_a)
        la = np.where(better, np.maximum(la / 10.0, 1e-15), la * 10.0)
        stop = done | (la > 1e16)  # converged, or failed: the damping ran away
        if stop.any():
            rows = act[stop]
            p[rows], grad[rows], hess[rows], cost[rows] = pa[stop], ga[stop], ha[stop], ca[stop]
            converged[rows] = done[stop]
            n_iter[rows] = it + 1
            live = ~stop
            act, pa, ga, ha, ca, la = act[live], pa[live], ga[live], ha[live], ca[live], la[live]
            oa, ya, wa, lo_a, up_a = oa[live], ya[live], wa[live], lo_a[live], up_a[live]
    p[act], grad[act], hess[act], cost[act] = pa, ga, ha, ca  # rows that hit max_iter

    # Covariance at the solution: pseudo-inverse of J^T J over the free parameters.
    n_residuals = np.count_nonzero(w > 0, axis=-1)
    dof = n_residuals - p.shape[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(dof > 0, cost / dof, np.nan)
    finite = np.isfinite(hess).all(axis=(1, 2))
    if finite.all():
        cov = np.linalg.pinv(hess, hermitian=True)
    else:
        cov = np.full_like(hess, np.nan)
        if finite.any():
            cov[finite] = np.linalg.pinv(hess[finite], hermitian=True)
    cov *= scale[:, None, None]
    converged &= np.isfinite(p).all(axis=-1)
    return BatchResult(
        params=p,
        covariance=cov,
        cost=cost,
        n_residuals=n_residuals,
        converged=converged,
        n_iter=n_iter,
    )
