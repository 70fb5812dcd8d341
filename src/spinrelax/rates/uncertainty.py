"""Per-point uncertainty of ln tau (= of ln tau^-1) used to weight rate-law fits.

Two sources: the fit of the spectrum (the 1-sigma error of tau, ``rate_err_s-1``) and the width
of the distribution of relaxation times (``sigma_lntau``, the standard deviation of ln tau of
the fitted distribution; Reta & Chilton, PCCP 21, 23567 (2019); Zorn, J. Chem. Phys. 116, 3204
(2002)). Settings (``sigma`` of ``fit-rates`` and of the sample sheet):

- ``ccfit2`` (default): what CC-FIT2 5.14 does when it builds a rate data set from fitted ac
  models (``relaxation.Dataset.from_raw``): the larger of the distribution's sigma_lntau and
  the fit's ln(1 + tau_err/tau). The width dominates for any alpha > ~0.02, so the points are
  weighted by how well defined tau is as a *distribution*, and published U_eff values that
  were fitted with CC-FIT2 are reproduced. Points with no width (Debye) use the fit error.
- ``fit``: the fit error only, sigma = tau_err/tau (first order); what the paper-1 pipeline uses.
- ``distribution``: sigma_lntau only (fit error where the width is zero).
- ``combined``: both in quadrature.
- ``none``: unweighted (sigma = 1 for every point).

A point whose chosen sigma is missing or not positive gets :data:`DEFAULT_REL_ERR`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

SIGMA_MODES: tuple[str, ...] = ("ccfit2", "fit", "distribution", "combined", "none")
#: sigma of ln rate assumed where a point has none (10 %).
DEFAULT_REL_ERR = 0.1


def _clean(sigma: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.where(np.isfinite(sigma) & (sigma > 0), sigma, DEFAULT_REL_ERR)


def log_sigma(rate_s: ArrayLike, rate_err_s: ArrayLike) -> NDArray[np.float64]:
    """sigma of ln rate from the fit error: rate_err / rate (first order); missing -> default."""
    rate = np.asarray(rate_s, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _clean(np.asarray(rate_err_s, dtype=float) / rate)


def sigma_ln_tau(
    rate_s: ArrayLike,
    rate_err_s: ArrayLike,
    sigma_lntau: ArrayLike,
    mode: str = "ccfit2",
) -> NDArray[np.float64]:
    """Per-point sigma of ln tau under ``mode`` (one of :data:`SIGMA_MODES`)."""
    if mode not in SIGMA_MODES:
        raise ValueError(f"unknown sigma mode {mode!r}; known: {', '.join(SIGMA_MODES)}")
    rate = np.asarray(rate_s, dtype=float)
    if mode == "none":
        return np.ones_like(rate)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.asarray(rate_err_s, dtype=float) / rate
    width = np.broadcast_to(np.asarray(sigma_lntau, dtype=float), rate.shape)
    width = np.where(np.isfinite(width) & (width > 0), width, 0.0)
    fit_rel = np.where(np.isfinite(rel) & (rel > 0), rel, np.nan)
    if mode == "fit":
        return _clean(fit_rel)
    if mode == "ccfit2":
        return _clean(np.fmax(width, np.log1p(fit_rel)))
    if mode == "distribution":
        return _clean(np.where(width > 0, width, fit_rel))
    return _clean(np.sqrt(np.nan_to_num(fit_rel) ** 2 + width**2))
