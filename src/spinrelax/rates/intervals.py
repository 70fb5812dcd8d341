"""Profile-likelihood intervals of a fitted rate law (68 % and 95 %, public units).

The law's weighted log-space residuals (``fit.py``) are handed to the generic profiler
(``profile.py``) as a batched function of the internal parameter vector (ln of a positive
prefactor, the plain value of an energy or exponent), with the same bounds as the fit. Limits of
a prefactor are exp(limits of its logarithm): the profile likelihood does not depend on the
parameterisation, so intervals of any monotone function of one parameter (U in cm^-1,
tau_QTM = 1 / rate) are the function of its limits.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from spinrelax.rates.fit import LawFit, clean_points
from spinrelax.rates.laws import evaluate_law, law_params
from spinrelax.rates.profile import LEVELS, Model, profile_intervals

Array = NDArray[np.float64]
#: ``ci_method`` of the intervals of this module.
CI_METHOD = "profile_likelihood"


def law_model(fit: LawFit, T: Array, H: Array, rate_s: Array, sigma_ln: Array) -> Model:
    """Batched residuals and Jacobian of ``fit``'s law in its free internal parameters."""
    params = law_params(fit.terms)
    free = [p for p in params if p.name in fit.free]
    cols = [i for i, p in enumerate(params) if p.name in fit.free]
    fixed = {name: fit.params[name] for name in fit.fixed}
    ln_r = np.log(rate_s)

    def model(X: Array) -> tuple[Array, Array]:
        values: dict[str, object] = dict(fixed)
        for i, p in enumerate(free):
            values[p.name] = (np.exp(X[:, i]) if p.log else X[:, i])[:, None]
        Tb = np.broadcast_to(T, (X.shape[0], T.size))
        Hb = np.broadcast_to(H, (X.shape[0], T.size))
        rate, grad, _ = evaluate_law(Tb, Hb, values, fit.terms)
        r = (np.log(np.maximum(rate, 1e-300)) - ln_r) / sigma_ln
        return r, grad[..., cols] / sigma_ln[:, None]

    return model


def law_intervals(
    fit: LawFit,
    T_K: ArrayLike,
    H_Oe: ArrayLike,
    rate_s: ArrayLike,
    sigma_ln: ArrayLike,
    *,
    with_95: bool = True,
) -> LawFit:
    """``fit`` with :attr:`LawFit.intervals` filled from the points it was fitted to.

    ``with_95=False`` searches the 68 % limits only (the 95 % ones are left NaN): enough to
    decide whether a candidate is eligible, at a third of the cost for a hard law. A fit without
    free parameters, degrees of freedom or finite values gets no intervals.
    """
    if not fit.free or fit.dof <= 0 or not all(np.isfinite(fit.params[n]) for n in fit.free):
        return fit
    T, H, r, sig = clean_points(T_K, H_Oe, rate_s, sigma_ln)
    free = [p for p in law_params(fit.terms) if p.name in fit.free]
    x_hat = np.array([np.log(fit.params[p.name]) if p.log else fit.params[p.name] for p in free])
    lo = np.array([p.lo for p in free])
    hi = np.array([p.hi for p in free])
    levels = LEVELS if with_95 else LEVELS[:1]
    prof = profile_intervals(law_model(fit, T, H, r, sig), x_hat, lo, hi, fit.dof, levels=levels)
    out: dict[str, tuple[float, float, float, float]] = {}
    for i, p in enumerate(free):
        lims = (prof.low[i, 0], prof.high[i, 0], *((prof.low[i, 1], prof.high[i, 1])
                                                   if with_95 else (np.nan, np.nan)))  # fmt: skip
        out[p.name] = tuple(float(np.exp(v)) if p.log else float(v) for v in lims)
    return replace(fit, intervals=out, ci_method=CI_METHOD, profile_min_deviance=prof.min_deviance)
