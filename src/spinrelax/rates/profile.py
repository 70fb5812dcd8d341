"""Profile-likelihood intervals of least-squares parameters, every profile of a fit at once.

Generic: works on any model given as a batched residual function ``model(X) -> (r, J)`` with
``X`` of shape (B, k) (B parameter vectors), residuals ``r`` (B, n) and Jacobian ``J``
(B, n, k); parameters may be bounded (``lo``, ``hi``).

For weighted least squares with minimum chi2_min and ``dof`` degrees of freedom the residual
scale is estimated from the fit, s^2 = chi2_min / dof (as the kept Wald errors are: covariance
(J^T J)^-1 s^2). The profile of parameter j is chi2_p(theta_j), the minimum of chi2 over all
other parameters with theta_j held; the interval at level L is every theta_j with
(chi2_p(theta_j) - chi2_min) / s^2 <= q_L, q_L the chi-square(1) quantile of L (1.0 for
68.27 %, 3.84 for 95 %). Venzon & Moolgavkar, Appl. Statist. 37, 87 (1988); Bates & Watts,
*Nonlinear Regression Analysis and Its Applications* (1988), sec. 6.1 (profile t). For a model
linear in its parameters the interval is value +- sqrt(q_L) x Wald error; otherwise it follows
the likelihood and may be asymmetric or open.

Method (vectorised): every limit of every parameter is searched at once (one batch of
2 x k x levels rows): the held parameter is moved by regula falsi on the signed root deviance,
the other parameters are minimised by a batched Levenberg-Marquardt warm-started along the
conditional-mean direction cov[:, j] / cov[j, j] (:func:`profile_intervals`); once a limit is
bracketed, each trial starts from the minimum at the nearest point below the target. A side whose
profile stays below q_L up to :data:`MAX_STEPS` Wald errors or up to the parameter's bound is
*open* (no finite limit: the parameter is not determined at that level).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import chi2 as chi2_dist

Array = NDArray[np.float64]
Model = Callable[[Array], tuple[Array, Array]]

#: Largest distance from the optimum searched, in Wald errors of the parameter.
MAX_STEPS = 100.0
#: Interval levels (68.27 % = 1 sigma, 95 %).
LEVELS: tuple[float, ...] = (0.6827, 0.95)
#: Rounds of the limit search and batched Levenberg-Marquardt iterations per round.
ROUNDS = 12
ITERATIONS = 25
#: A limit is accepted when the signed root deviance is within this of its target.
Z_TOL = 2e-3


@dataclass(frozen=True)
class ProfileIntervals:
    """Limits (k, levels) in the model's own coordinates; NaN where the side is open.

    ``min_deviance`` is the lowest (chi2 - chi2_min) / s^2 met along any profile: clearly below
    0 means the fit had not found the minimum.
    """

    levels: tuple[float, ...]
    low: Array
    high: Array
    min_deviance: float

    def closed(self, level: int = 0) -> NDArray[np.bool_]:
        """Whether both limits of every parameter are finite at ``levels[level]``."""
        return np.isfinite(self.low[:, level]) & np.isfinite(self.high[:, level])


def minimise_held(model: Model, X: Array, held: NDArray[np.intp], lo: Array, hi: Array,
                  iterations: int = ITERATIONS) -> tuple[Array, Array, NDArray[np.bool_]]:  # fmt: skip
    """Batched Levenberg-Marquardt of every row of ``X`` with parameter ``held[b]`` fixed;
    returns (X, chi2, done). Steps are clipped to the bounds and taken only where they lower
    chi2; a row is done (converged) when the step or its predicted gain is below 1e-10 of
    chi2."""
    B, k = X.shape
    free = np.ones((B, k))
    free[np.arange(B), held] = 0.0
    eye = np.eye(k)
    X = X.copy()
    r, J = (np.array(a, dtype=float) for a in model(X))  # own, writable copies
    cost = np.sum(r * r, axis=1)
    lam = np.full(B, 1e-3)
    done = np.zeros(B, dtype=bool)
    for _ in range(iterations):
        act = ~done
        Jm = J[act] * free[act, None, :]
        g = np.einsum("bnk,bn->bk", Jm, r[act])
        A = np.einsum("bnk,bnl->bkl", Jm, Jm)
        d = np.diagonal(A, axis1=1, axis2=2)
        d = np.maximum(d, 1e-12 * np.max(d, axis=1, keepdims=True) + 1e-300)
        f = free[act]
        M = A + (lam[act, None] * d * f + (1.0 - f))[:, :, None] * eye
        try:
            step = -np.linalg.solve(M, g[..., None])[..., 0]
        except np.linalg.LinAlgError:
            step = -np.einsum("bkl,bl->bk", np.linalg.pinv(M), g)
        step *= f
        pred = -(2.0 * np.einsum("bk,bk->b", g, step) + np.einsum("bk,bkl,bl->b", step, A, step))
        trial = np.clip(X[act] + step, lo, hi)
        r_t, J_t = model(trial)
        c_t = np.sum(r_t * r_t, axis=1)
        c_a = cost[act]
        better = np.isfinite(c_t) & (c_t < c_a)
        idx = np.nonzero(act)[0]
        up = idx[better]
        X[up], r[up], J[up], cost[up] = trial[better], r_t[better], J_t[better], c_t[better]
        lam[idx] = np.clip(np.where(better, lam[idx] / 3.0, lam[idx] * 4.0), 1e-12, 1e12)
        tiny = 1e-10 * (c_a + 1e-300)
        done[idx] = (better & (c_a - c_t <= tiny)) | (~better & (pred <= tiny)) | (lam[idx] >= 1e12)
        if done.all():
            break
    return X, cost, done


def profile_intervals(
    model: Model,
    x_hat: Array,
    lo: Array,
    hi: Array,
    dof: int,
    *,
    levels: tuple[float, ...] = LEVELS,
    rounds: int = ROUNDS,
) -> ProfileIntervals:
    """Profile-likelihood intervals of every parameter of a least-squares optimum ``x_hat``.

    Every (parameter, side, level) limit is searched at once: the first trial is the Wald
    limit x_hat +- sqrt(q) sd; each round minimises the other parameters at the trial values
    (warm-started from the previous round along the conditional-mean direction) and moves each
    trial by regula falsi on the signed root deviance z (linear in the parameter for a linear
    model) inside its bracket, or outwards by z-scaled extrapolation (at most x5 per round) until
    it is bracketed, meets the bound or lies :data:`MAX_STEPS` Wald errors out (open side).
    """
    x_hat = np.asarray(x_hat, dtype=float)
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    k, L = x_hat.size, len(levels)
    nan = np.full((k, L), np.nan)
    r0, J0 = model(x_hat[None, :])
    chi2_min = float(np.sum(r0**2))
    if dof <= 0 or not np.isfinite(chi2_min) or chi2_min <= 0:
        return ProfileIntervals(tuple(levels), nan, nan.copy(), np.nan)
    s2 = chi2_min / dof
    with np.errstate(all="ignore"):
        try:
            cov = np.linalg.inv(J0[0].T @ J0[0]) * s2
        except np.linalg.LinAlgError:
            cov = np.full((k, k), np.nan)
    var = np.diag(cov)
    ok = np.isfinite(var) & (var > 0)
    sd = np.where(ok, np.sqrt(np.where(ok, var, 1.0)), 0.1 * np.minimum(hi - lo, 10.0))
    slope = np.where(ok[None, :], cov / np.where(ok, var, 1.0)[None, :], 0.0).T  # (j, i)
    slope[~np.all(np.isfinite(slope), axis=1)] = 0.0
    slope[np.arange(k), np.arange(k)] = 1.0
    # one row per (parameter j, side s, level l)
    jj, ss, ll = (a.ravel() for a in np.meshgrid(np.arange(k), [-1.0, 1.0], np.arange(L),
                                                 indexing="ij"))  # fmt: skip
    zq = np.sqrt(chi2_dist.ppf(np.asarray(levels), 1))[ll]
    x0 = x_hat[jj]
    far = np.clip(x0 + ss * MAX_STEPS * sd[jj], lo[jj], hi[jj])
    theta = np.clip(x0 + ss * zq * sd[jj], lo[jj], hi[jj])
    t_in, z_in = x0.copy(), np.zeros(jj.size)  # last point below the target
    X_in = np.repeat(x_hat[None, :], jj.size, axis=0)  # the other parameters' minimum there
    t_out, z_out = np.full(jj.size, np.nan), np.full(jj.size, np.nan)  # first point above
    X = np.clip(x_hat[None, :] + (theta - x0)[:, None] * slope[jj], lo, hi)
    active = np.ones(jj.size, dtype=bool)
    limit = np.full(jj.size, np.nan)
    min_dev = 0.0
    rows = np.arange(jj.size)
    for _ in range(rounds):
        a = np.nonzero(active)[0]
        if a.size == 0:
            break
        X[a, jj[a]] = theta[a]
        with np.errstate(all="ignore"):
            X[a], cost, conv = minimise_held(model, X[a], jj[a], lo, hi)
        dev = np.where(np.isfinite(cost), (cost - chi2_min) / s2, np.inf)
        min_dev = min(min_dev, float(np.min(dev)))
        # an unconverged inner minimum overstates the deviance: keep minimising at that trial
        a = a[conv]
        dev = dev[conv]
        z = np.sqrt(np.maximum(dev, 0.0))
        hit = np.abs(z - zq[a]) <= Z_TOL
        limit[a[hit]] = theta[a[hit]]
        above = z > zq[a]
        t_out[a[above]], z_out[a[above]] = theta[a[above]], z[above]
        t_in[a[~above]], z_in[a[~above]] = theta[a[~above]], z[~above]
        X_in[a[~above]] = X[a[~above]]
        at_end = ~above & ~hit & (np.abs(theta[a] - far[a]) <= 1e-12 * (1.0 + np.abs(far[a])))
        active[a[hit | at_end]] = False
        # next trial: regula falsi inside a bracket, else extrapolate outwards
        b = a[~(hit | at_end)]
        bracket = np.isfinite(t_out[b])
        with np.errstate(all="ignore"):
            frac = np.clip((zq[b] - z_in[b]) / (z_out[b] - z_in[b]), 0.05, 0.95)
            inside = t_in[b] + frac * (t_out[b] - t_in[b])
            grow = np.clip(zq[b] / np.maximum(z_in[b], 1e-3), 1.2, 5.0)
            outside = x0[b] + (t_in[b] - x0[b]) * grow
        new = np.where(bracket, inside, outside)
        new = np.where(ss[b] > 0, np.minimum(new, far[b]), np.maximum(new, far[b]))
        # warm start from the nearest point below the target inside a bracket (the minimum at
        # a point above it may lie on another branch of a multimodal profile), else from here
        base = np.where(bracket[:, None], X_in[b], X[b])
        step = (new - np.where(bracket, t_in[b], theta[b]))[:, None] * slope[jj[b]]
        X[b] = np.clip(base + step, lo, hi)
        theta[b] = new
    # unfinished rows with a bracket of converged points: linear interpolation of z inside it
    rest = active & np.isfinite(t_out)
    with np.errstate(all="ignore"):
        frac = (zq[rest] - z_in[rest]) / (z_out[rest] - z_in[rest])
    limit[rest] = t_in[rest] + np.clip(frac, 0.0, 1.0) * (t_out[rest] - t_in[rest])
    low, high = nan.copy(), nan.copy()
    lower = ss < 0
    low[jj[lower], ll[lower]] = limit[rows[lower]]
    high[jj[~lower], ll[~lower]] = limit[rows[~lower]]
    return ProfileIntervals(tuple(levels), low, high, min_dev)
