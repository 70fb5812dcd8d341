"""Weighted log-space fits of relaxation rate laws tau^-1(T) with multi-start.

The residual of point i is (ln model_i - ln rate_i) / sigma_ln,i with sigma_ln = rate_err/rate
(first-order error of ln rate), as recommended in shared/design/PHYSICS.md and done by CC-FIT2
(Reta & Chilton, PCCP 21, 23567 (2019)). Fitted internally: ln tau0, U/kB, ln rate_qt, ln C, n,
ln A. Starting values come from the data (two-point Arrhenius at the two highest temperatures,
plateau from the lowest temperature), then ``n_starts`` seeded perturbations; the lowest cost
wins. The covariance is (J^T J)^-1 scaled by chi2_red, the convention of
``scipy.optimize.curve_fit(absolute_sigma=False)``; errors of positive parameters are propagated
from their logarithms (sigma_p = p sigma_ln p).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares

from spinrelax.relaxation.rate_laws import TERM_PARAMS, total_rate_s

#: Internal (fitted) parameters per term; "ln_" parameters are natural logs of positive ones.
_INTERNAL: dict[str, tuple[str, ...]] = {
    "orbach": ("ln_tau0_s", "U_K"),
    "plateau": ("ln_rate_qt_s-1",),
    "raman": ("ln_C_raman_s-1_K-n", "n_raman"),
    "direct": ("ln_A_direct_s-1_K-1",),
}
_BOUNDS: dict[str, tuple[float, float]] = {
    "ln_tau0_s": (-80.0, 20.0),
    "U_K": (0.0, 5000.0),
    "ln_rate_qt_s-1": (-60.0, 60.0),
    "ln_C_raman_s-1_K-n": (-80.0, 60.0),
    "n_raman": (1.0, 12.0),
    "ln_A_direct_s-1_K-1": (-80.0, 60.0),
}
#: Relative rate error assumed where a point has none (documented in the fit note).
DEFAULT_REL_ERR = 0.1


@dataclass(frozen=True)
class RateLawFit:
    """Result of a rate-law fit: values and 1-sigma errors in the units of their names."""

    terms: tuple[str, ...]
    params: dict[str, float]
    errors: dict[str, float]
    chi2_red: float
    n_points: int
    dof: int
    converged: bool
    message: str
    covariance_internal: NDArray[np.float64] = field(repr=False)

    def rate_s(self, T_K: ArrayLike) -> NDArray[np.float64]:
        """The fitted law evaluated at ``T_K`` (s^-1)."""
        return total_rate_s(T_K, self.params, self.terms)


def log_sigma(rate_s: ArrayLike, rate_err_s: ArrayLike) -> NDArray[np.float64]:
    """sigma of ln rate = rate_err / rate; missing or non-positive errors get DEFAULT_REL_ERR."""
    rate = np.asarray(rate_s, dtype=float)
    rel = np.asarray(rate_err_s, dtype=float) / rate
    return np.where(np.isfinite(rel) & (rel > 0), rel, DEFAULT_REL_ERR)


def starting_values(
    T_K: NDArray[np.float64], rate_s: NDArray[np.float64], terms: tuple[str, ...]
) -> dict[str, float]:
    """Internal starting parameters from the data (PHYSICS.md: two-point Arrhenius, plateau)."""
    order = np.argsort(T_K)
    T, r = T_K[order], rate_s[order]
    start: dict[str, float] = {}
    if "orbach" in terms:
        if len(T) >= 2 and T[-1] > T[-2] and r[-1] > r[-2]:
            U = np.log(r[-1] / r[-2]) / (1.0 / T[-2] - 1.0 / T[-1])
        else:
            U = 10.0 * T[-1]
        U = float(np.clip(U, 1.0, 4000.0))
        start["U_K"] = U
        start["ln_tau0_s"] = float(np.clip(-(np.log(r[-1]) + U / T[-1]), -79.0, 19.0))
    if "plateau" in terms:
        start["ln_rate_qt_s-1"] = float(np.log(r[0]))
    if "raman" in terms:
        start["n_raman"] = 9.0
        mid = len(T) // 2
        start["ln_C_raman_s-1_K-n"] = float(np.log(r[mid]) - 9.0 * np.log(T[mid]))
    if "direct" in terms:
        start["ln_A_direct_s-1_K-1"] = float(np.log(r[0] / T[0]))
    return start


def _to_public(internal: Mapping[str, float]) -> dict[str, float]:
    out = {}
    for name, value in internal.items():
        out[name[3:] if name.startswith("ln_") else name] = (
            float(np.exp(value)) if name.startswith("ln_") else float(value)
        )
    return out


def fit_rate_law(
    T_K: ArrayLike,
    rate_s: ArrayLike,
    rate_err_s: ArrayLike,
    terms: tuple[str, ...] = ("orbach", "plateau"),
    *,
    n_starts: int = 20,
    seed: int = 0,
) -> RateLawFit:
    """Fit the sum of ``terms`` (keys of TERM_PARAMS) to tau^-1(T) by weighted log-space least squares."""
    unknown = [t for t in terms if t not in TERM_PARAMS]
    if unknown:
        raise ValueError(f"unknown rate term(s) {unknown}; known: {sorted(TERM_PARAMS)}")
    T = np.asarray(T_K, dtype=float)
    r = np.asarray(rate_s, dtype=float)
    ok = np.isfinite(T) & np.isfinite(r) & (T > 0) & (r > 0)
    T, r, sig = T[ok], r[ok], log_sigma(r[ok], np.asarray(rate_err_s, dtype=float)[ok])
    names = [p for t in terms for p in _INTERNAL[t]]
    n, k = len(T), len(names)
    if n < k:
        nan = dict.fromkeys(_to_public(dict.fromkeys(names, 0.0)), np.nan)
        return RateLawFit(
            terms,
            nan,
            dict(nan),
            np.nan,
            n,
            n - k,
            False,
            f"{n} points for {k} parameters",
            np.full((k, k), np.nan),
        )
    lo = np.array([_BOUNDS[p][0] for p in names])
    hi = np.array([_BOUNDS[p][1] for p in names])
    ln_r = np.log(r)

    def residual(x: NDArray[np.float64]) -> NDArray[np.float64]:
        model = total_rate_s(T, _to_public(dict(zip(names, x, strict=True))), terms)
        with np.errstate(divide="ignore"):
            return (np.log(np.maximum(model, 1e-300)) - ln_r) / sig

    x0 = np.clip(np.array([starting_values(T, r, terms)[p] for p in names]), lo + 1e-9, hi - 1e-9)
    rng = np.random.default_rng(seed)
    scale = np.array(
        [0.5 * abs(v) if p in ("U_K", "n_raman") else 3.0 for p, v in zip(names, x0, strict=True)]
    )
    starts = [x0] + [
        np.clip(x0 + scale * rng.uniform(-1.0, 1.0, k), lo + 1e-9, hi - 1e-9)
        for _ in range(n_starts)
    ]
    best = None
    for s in starts:
        res = least_squares(residual, s, bounds=(lo, hi), method="trf", x_scale="jac")
        if best is None or res.cost < best.cost:
            best = res
    assert best is not None
    dof = n - k
    chi2 = 2.0 * best.cost
    chi2_red = chi2 / dof if dof > 0 else np.nan
    try:
        cov = np.linalg.inv(best.jac.T @ best.jac) * (chi2_red if dof > 0 else np.nan)
    except np.linalg.LinAlgError:
        cov = np.full((k, k), np.nan)
    sd = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    internal = dict(zip(names, best.x, strict=True))
    params = _to_public(internal)
    errors = {}
    for p, s in zip(names, sd, strict=True):
        pub = p[3:] if p.startswith("ln_") else p
        errors[pub] = float(params[pub] * s) if p.startswith("ln_") else float(s)
    at_bound = np.any(np.isclose(best.x, lo) | np.isclose(best.x, hi))
    converged = bool(best.success and dof > 0 and np.all(np.isfinite(sd)) and not at_bound)
    message = best.message + (" (a parameter is at its bound)" if at_bound else "")
    return RateLawFit(terms, params, errors, float(chi2_red), n, dof, converged, message, cov)
