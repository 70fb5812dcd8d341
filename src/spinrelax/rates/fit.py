"""Weighted log-space least-squares fits of a relaxation law to tau^-1(T) or tau^-1(H).

The residual of point i is (ln model_i - ln rate_i) / sigma_i, with sigma_i the uncertainty of
ln tau of that point (``uncertainty.py``), as CC-FIT2 does (Reta & Chilton, PCCP 21, 23567
(2019); it fits log10 rates, which gives the same minimum). Positive prefactors are fitted as
their logarithms, energies and exponents as they are; parameters may be held fixed. The
Jacobian is analytic (``laws.evaluate_law``). Starts come from the data (``starts.py``), then
``n_starts`` seeded perturbations; the lowest cost wins.

Uncertainties: covariance (J^T J)^-1 scaled by chi2_red, the convention of
``scipy.optimize.curve_fit(absolute_sigma=False)`` and of CC-FIT2; errors of positive
parameters are propagated from their logarithms (sigma_p = p sigma_ln p). Correlations are
those of the fitted (internal) parameters. Information criteria for least squares with
relative weights (Burnham & Anderson, *Model Selection and Multimodel Inference*, 2nd ed.
(2002), sec. 2.2-2.3, K = free parameters + 1 for the residual variance):
AIC = n ln(chi2/n) + 2K, AICc = AIC + 2K(K+1)/(n-K-1), BIC = n ln(chi2/n) + K ln n.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import leastsq

from spinrelax.rates.laws import (
    Param,
    evaluate_law,
    law_params,
    law_variable,
    parse_law,
    term_rates_s,
    total_rate_s,
)
from spinrelax.rates.starts import starts_for

Array = NDArray[np.float64]
#: Seeded perturbations tried after the data-driven start.
DEFAULT_N_STARTS = 6


@dataclass(frozen=True)
class LawFit:
    """A fitted law: values (fixed ones included) and 1-sigma errors in the units of their names,
    goodness of fit and information criteria; ``free`` names the fitted parameters in the order
    of ``correlation``."""

    terms: tuple[str, ...]
    variable: str
    params: dict[str, float]
    errors: dict[str, float]
    fixed: frozenset[str]
    free: tuple[str, ...]
    correlation: Array = field(repr=False)
    chi2: float
    chi2_red: float
    n_points: int
    dof: int
    aic: float
    aicc: float
    bic: float
    converged: bool
    message: str
    #: Free parameters at (within 1e-6 of the span of) a bound.
    at_bound: tuple[str, ...] = ()
    #: Profile-likelihood limits per free parameter, public units: (ci68_low, ci68_high,
    #: ci95_low, ci95_high), NaN where open (``intervals.law_intervals`` fills it).
    intervals: Mapping[str, tuple[float, float, float, float]] = field(default_factory=dict)
    ci_method: str = ""
    #: Lowest (chi2 - chi2_min) / s^2 met along the profiles (clearly < 0: minimum missed).
    profile_min_deviance: float = np.nan

    @property
    def law(self) -> str:
        """The law as text, e.g. ``orbach+raman+qtm``."""
        return "+".join(self.terms)

    def rate_s(self, T_K: ArrayLike, H_Oe: ArrayLike = 0.0) -> Array:
        """The fitted law at ``T_K`` (and ``H_Oe``) in s^-1 (:func:`laws.total_rate_s`)."""
        return total_rate_s(T_K, self.params, self.terms, H_Oe)

    def term_rates_s(self, T_K: ArrayLike, H_Oe: ArrayLike = 0.0) -> dict[str, Array]:
        """Each term's own rate (s^-1; :func:`laws.term_rates_s`)."""
        return term_rates_s(T_K, self.params, self.terms, H_Oe)


def _to_internal(p: Param, value: float) -> float:
    return float(np.log(value)) if p.log else float(value)


def _to_public(p: Param, value: float) -> float:
    return float(np.exp(value)) if p.log else float(value)


def clean_points(
    T_K: ArrayLike, H_Oe: ArrayLike, rate_s: ArrayLike, sigma_ln: ArrayLike
) -> tuple[Array, Array, Array, Array]:
    """(T, H, rate, sigma) broadcast, flattened, without points with a non-finite or
    non-positive T, rate or sigma or a non-finite H (the points a fit uses)."""
    T, H, r, sig = (
        np.array(a, dtype=float).ravel()
        for a in np.broadcast_arrays(
            *(np.asarray(v, dtype=float) for v in (T_K, H_Oe, rate_s, sigma_ln))
        )
    )
    ok = np.isfinite(T) & (T > 0) & np.isfinite(r) & (r > 0) & np.isfinite(sig) & (sig > 0)
    ok &= np.isfinite(H)
    return T[ok], H[ok], r[ok], sig[ok]


def _failed(terms, variable, params, fixed, n, k, message) -> LawFit:
    values = {p.name: np.nan for p in params}
    values.update(fixed)
    nan = np.full((k, k), np.nan)
    free = tuple(p.name for p in params if p.name not in fixed)
    return LawFit(
        terms, variable, values, dict.fromkeys(values, np.nan), frozenset(fixed), free, nan,
        np.nan, np.nan, n, n - k, np.nan, np.nan, np.nan, False, message,
    )  # fmt: skip


#: ``scipy.optimize.least_squares``' words for MINPACK's exit codes (status 1-4: success).
_MINPACK_MESSAGES = {
    1: "`ftol` termination condition is satisfied.",
    2: "`xtol` termination condition is satisfied.",
    3: "Both `ftol` and `xtol` termination conditions are satisfied.",
    4: "`gtol` termination condition is satisfied.",
    5: "The maximum number of function evaluations is exceeded.",
}


@dataclass
class _LM:
    """Outcome of one MINPACK run: internal parameters, cost 0.5 sum r^2, success, message."""

    x: Array
    cost: float
    success: bool
    message: str
    jac: Array | None = None


def _minpack_lm(residual, jacobian, z0: Array) -> _LM:
    """MINPACK's ``lmder`` as ``least_squares(residual, z0, jac=jacobian, method="lm",
    x_scale="jac")`` runs it (tolerances 1e-8, at most 100 n evaluations, factor 100, scaling
    from the Jacobian), the same iterates and result, without that wrapper's per-call copies and
    comparisons (a third of the rate-law time). Non-finite residuals at ``z0`` raise ValueError
    as there. Moré, "The Levenberg-Marquardt algorithm: implementation and theory", Lecture
    Notes in Mathematics 630, 105 (1978)."""
    z0 = np.atleast_1d(np.asarray(z0, dtype=float))
    if not np.all(np.isfinite(residual(z0))):
        raise ValueError("Residuals are not finite in the initial point.")
    x, _, info, _, status = leastsq(residual, z0, Dfun=jacobian, full_output=True,
                                    ftol=1e-8, xtol=1e-8, gtol=1e-8, maxfev=100 * z0.size)  # fmt: skip
    f = info["fvec"]
    message = _MINPACK_MESSAGES.get(
        status, "Improper input parameters status returned from `leastsq`"
    )
    return _LM(np.atleast_1d(x), float(0.5 * np.dot(f, f)), 1 <= status <= 4, message)


def fit_law(
    T_K: ArrayLike,
    H_Oe: ArrayLike,
    rate_s: ArrayLike,
    sigma_ln: ArrayLike,
    law: str | tuple[str, ...],
    *,
    fixed: Mapping[str, float] | None = None,
    start: Mapping[str, float] | None = None,
    n_starts: int = DEFAULT_N_STARTS,
    seed: int = 0,
    variable: str | None = None,
) -> LawFit:
    """Fit ``law`` (e.g. ``"orbach+raman+qtm"``) to rates (s^-1) with per-point sigma of ln rate.

    ``fixed`` holds public parameter values kept constant (e.g. ``{"n_raman": 9}``); ``start``
    overrides data-driven starting values. Points with a non-finite or non-positive rate,
    temperature or sigma are ignored. ``variable`` is ``"TH"`` for a fit to points at several
    temperatures and fields at once (``global_fit.py``), whatever the law's terms; default
    :func:`laws.law_variable`. Never raises on a bad fit: ``converged`` says so.
    """
    terms = parse_law(law)
    variable = variable or law_variable(terms)
    params = law_params(terms)
    fixed = {k: float(v) for k, v in (fixed or {}).items()}
    unknown = set(fixed) - {p.name for p in params}
    if unknown:
        raise ValueError(f"fixed parameter(s) {sorted(unknown)} not in law {'+'.join(terms)}")
    T, H, r, sig = clean_points(T_K, H_Oe, rate_s, sigma_ln)
    free = [p for p in params if p.name not in fixed]
    n, k = len(T), len(free)
    if n < k:  # n == k: an exact solve, reported but not converged (no degree of freedom)
        return _failed(terms, variable, params, fixed, n, k, f"{n} points for {k} parameters")

    x_var = T if variable == "T" else H
    guess = starts_for(terms, x_var, r, T, global_H_Oe=H if variable == "TH" else None)
    guess.update(fixed)
    guess.update(start or {})
    values = dict(guess)
    lo = np.array([p.lo for p in free])
    hi = np.array([p.hi for p in free])
    ln_r = np.log(r)
    free_cols = [i for i, p in enumerate(params) if p.name not in fixed]

    def unpack(x: Array) -> dict[str, float]:
        for p, v in zip(free, x, strict=True):
            values[p.name] = _to_public(p, v)
        return values

    # Bounded linear parameters (energies, exponents) are optimised through the sine map
    # u = lo + (hi - lo)(1 + sin z)/2 (MINUIT's transformation: James & Roos, Comput. Phys.
    # Commun. 10, 343 (1975)), so that MINPACK's unbounded Levenberg-Marquardt can be used;
    # logarithms of prefactors are optimised as they are.
    mapped = np.array([not p.log for p in free])
    half = 0.5 * (hi - lo)

    def to_u(z: Array) -> Array:
        return np.where(mapped, lo + half * (1.0 + np.sin(z)), z)

    def to_z(u: Array) -> Array:
        inner = np.clip((u - lo) / np.where(mapped, half, 1.0) - 1.0, -1.0, 1.0)
        return np.where(mapped, np.arcsin(inner), u)

    last: list = [None, None]  # (u, gradient) of the last evaluation: MINPACK asks for the
    # Jacobian at the point whose residuals it has just computed

    def evaluate(u: Array) -> tuple[Array, Array]:
        rate, grad, _ = evaluate_law(T, H, unpack(u), terms)
        last[0], last[1] = u.copy(), grad
        return rate, grad

    def residual(z: Array) -> Array:
        rate = evaluate(to_u(z))[0]
        return (np.log(np.maximum(rate, 1e-300)) - ln_r) / sig

    def jacobian_u(u: Array) -> Array:
        same = last[0] is not None and np.array_equal(last[0], u)
        grad = last[1] if same else evaluate(u)[1]
        return grad[:, free_cols] / sig[:, None]

    def jacobian(z: Array) -> Array:
        return jacobian_u(to_u(z)) * np.where(mapped, half * np.cos(z), 1.0)[None, :]

    eps = 1e-6 * np.maximum(1.0, np.abs(hi - lo))
    u0 = np.clip([_to_internal(p, guess[p.name]) for p in free], lo + eps, hi - eps)
    rng = np.random.default_rng(seed)
    scale = np.array(
        [2.0 if p.log else 0.4 * max(abs(v), 1.0) for p, v in zip(free, u0, strict=True)]
    )
    starts = [u0] + [
        np.clip(u0 + scale * rng.uniform(-1.0, 1.0, k), lo + eps, hi - eps) for _ in range(n_starts)
    ]
    best = None
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        for s in starts:
            res = _minpack_lm(residual, jacobian, to_z(s))
            if np.isfinite(res.cost) and (best is None or res.cost < best.cost):
                best = res
        if best is not None:
            best.x = to_u(best.x)
            best.jac = jacobian_u(best.x)
    if best is None:
        return _failed(terms, variable, params, fixed, n, k, "no finite cost at any start")
    return _result(terms, variable, params, free, fixed, best, n, lo, hi)


def _result(terms, variable, params, free, fixed, best, n, lo, hi) -> LawFit:
    k = len(free)
    dof = n - k
    chi2 = float(2.0 * best.cost)
    chi2_red = chi2 / dof if dof > 0 else np.nan
    try:
        cov = np.linalg.inv(best.jac.T @ best.jac) * chi2_red
    except np.linalg.LinAlgError:
        cov = np.full((k, k), np.nan)
    sd = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.outer(sd, sd)
    values: dict[str, float] = {}
    errors: dict[str, float] = {}
    internal = dict(zip((p.name for p in free), best.x, strict=True))
    sds = dict(zip((p.name for p in free), sd, strict=True))
    for p in params:
        if p.name in fixed:
            values[p.name], errors[p.name] = fixed[p.name], np.nan
            continue
        values[p.name] = _to_public(p, internal[p.name])
        errors[p.name] = float(values[p.name] * sds[p.name] if p.log else sds[p.name])
    K = k + 1
    ln_term = n * np.log(chi2 / n) if chi2 > 0 else -np.inf
    aic = float(ln_term + 2 * K)
    aicc = float(aic + 2 * K * (K + 1) / (n - K - 1)) if n - K - 1 > 0 else np.nan
    bic = float(ln_term + K * np.log(n))
    span = hi - lo
    bound = (best.x - lo < 1e-6 * span) | (hi - best.x < 1e-6 * span)
    at_bound = tuple(p.name for p, b in zip(free, bound, strict=True) if b)
    converged = bool(best.success and dof > 0 and np.all(np.isfinite(sd)) and not at_bound)
    message = str(best.message) + (f" ({', '.join(at_bound)} at its bound)" if at_bound else "")
    if not np.all(np.isfinite(sd)):
        message += " (infinite or undefined error: singular information matrix)"
    return LawFit(
        terms, variable, values, errors, frozenset(fixed), tuple(p.name for p in free), corr,
        chi2, float(chi2_red), n, dof, aic, aicc, bic, converged, message, at_bound,
    )  # fmt: skip
