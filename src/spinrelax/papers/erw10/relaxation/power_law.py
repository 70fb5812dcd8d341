"""Power-law fit tau^-1 = a x^n of the quantum plateau rate against Er concentration x.

Paper 1, Fig. 4(a) fits a quadratic (n = 2); the tunnelling picture with sigma_dip ~ x predicts
n = 1 (text after Eq. 2). The fit is weighted linear least squares of ln rate on ln x with
sigma_ln = rate_err / rate; the covariance is scaled by chi2_red (curve_fit convention).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from spinrelax.rates.uncertainty import log_sigma


@dataclass(frozen=True)
class PowerLawFit:
    """tau^-1 = prefactor * x^exponent; 1-sigma errors; goodness of fit."""

    exponent: float
    exponent_err: float
    prefactor_s: float
    prefactor_err_s: float
    chi2_red: float
    n_points: int
    converged: bool

    def rate_s(self, x: ArrayLike) -> NDArray[np.float64]:
        """The fitted power law at concentrations ``x`` (s^-1)."""
        return self.prefactor_s * np.asarray(x, dtype=float) ** self.exponent


def fit_power_law(x: ArrayLike, rate_s: ArrayLike, rate_err_s: ArrayLike) -> PowerLawFit:
    """Weighted fit of ln rate = ln a + n ln x; needs at least 3 distinct x for an error."""
    xv = np.asarray(x, dtype=float)
    r = np.asarray(rate_s, dtype=float)
    ok = np.isfinite(xv) & np.isfinite(r) & (xv > 0) & (r > 0)
    xv, r = xv[ok], r[ok]
    sig = log_sigma(r, np.asarray(rate_err_s, dtype=float)[ok])
    n = len(xv)
    if n < 2 or np.unique(xv).size < 2:
        return PowerLawFit(np.nan, np.nan, np.nan, np.nan, np.nan, n, False)
    design = np.column_stack([np.ones(n), np.log(xv)]) / sig[:, None]
    target = np.log(r) / sig
    coef, *_ = np.linalg.lstsq(design, target, rcond=None)
    resid = target - design @ coef
    dof = n - 2
    chi2_red = float(resid @ resid / dof) if dof > 0 else np.nan
    cov = np.linalg.inv(design.T @ design) * (chi2_red if dof > 0 else np.nan)
    prefactor = float(np.exp(coef[0]))
    return PowerLawFit(
        exponent=float(coef[1]),
        exponent_err=float(np.sqrt(cov[1, 1])),
        prefactor_s=prefactor,
        prefactor_err_s=float(prefactor * np.sqrt(cov[0, 0])),
        chi2_red=chi2_red,
        n_points=n,
        converged=bool(dof > 0 and np.isfinite(cov).all()),
    )
