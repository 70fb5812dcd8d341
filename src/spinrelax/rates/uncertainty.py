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

Per method (the ``method`` of a rate row, :mod:`spinrelax.rates.data`), what "the fit error"
is before the mode above applies (:data:`METHOD_RULES`, written beside every point as
``sigma_rule``):

- ``ac`` and ``waveform``: the 1-sigma error of tau from the spectrum fit, rate_err / rate.
  Waveform chi(f) points go through the same spectrum fits as ac points, so their tau has the
  same meaning and error.
- ``dc``: the first-order error of <ln tau> from the stretched-exponential fit and
  ``sigma_ln_choice`` in quadrature: the spread of <ln tau> over the M_eq setting (fitted or
  held at 0) and over the M_0 setting (fitted or held at the first reading). Neither choice is
  pinned by the data when a decay stops before equilibrium or its switch-off time is unknown
  (both on the real K(18-c-6)[Er(hdcCOT)2] file, docs/dc_decays.md), and the choice moves
  <ln tau> by up to 0.5 (2 K), far more than the fit error (~0.01): a weight from the fit error
  alone would let the DC points pin the law. ``sigma_lntau`` of a DC point is the width of the
  stretched exponential's distribution (beta), the counterpart of the ac width (alpha), so
  ``ccfit2``, ``distribution`` and ``combined`` treat both techniques alike, as CC-FIT2 does
  for data sets joined from ac and DC fits (Blackmore et al., PCCP 25, 16735 (2023)).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

SIGMA_MODES: tuple[str, ...] = ("ccfit2", "fit", "distribution", "combined", "none")
#: What the fit error of a point of each method is (before the mode applies).
METHOD_RULES: dict[str, str] = {
    "ac": "fit error = spectrum-fit error of tau",
    "waveform": "fit error = spectrum-fit error of tau",
    "dc": "fit error = <ln tau> fit error (+) M_eq- and M_0-setting spread, in quadrature",
}
#: What each mode does with the fit error and the width sigma_lntau.
MODE_RULES: dict[str, str] = {
    "ccfit2": "max(sigma_lntau, ln(1 + fit error))",
    "fit": "fit error",
    "distribution": "sigma_lntau (fit error where zero)",
    "combined": "sigma_lntau (+) fit error, in quadrature",
    "none": "unweighted",
}


def sigma_rule(mode: str, method: str) -> str:
    """One line saying how the sigma of ln tau of a ``method`` point is made under ``mode``."""
    if mode == "none":
        return "none: unweighted"
    return f"{mode}: {MODE_RULES[mode]}; {method}: {METHOD_RULES.get(method, METHOD_RULES['ac'])}"


#: sigma of ln rate assumed where a point has none (10 %).
DEFAULT_REL_ERR = 0.1


def _clean(sigma: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.where(np.isfinite(sigma) & (sigma > 0), sigma, DEFAULT_REL_ERR)


def log_sigma(rate_s: ArrayLike, rate_err_s: ArrayLike) -> NDArray[np.float64]:
    """sigma of ln rate from the fit error: rate_err / rate (first order); missing -> default."""
    rate = np.asarray(rate_s, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _clean(np.asarray(rate_err_s, dtype=float) / rate)


def with_choice(fit_rel: ArrayLike, choice: ArrayLike) -> NDArray[np.float64]:
    """The fit error of ln tau and the analysis-choice spread in quadrature (a missing term
    counts as 0; both missing: NaN)."""
    a = np.asarray(fit_rel, dtype=float)
    b = np.broadcast_to(np.asarray(choice, dtype=float), a.shape)
    total = np.hypot(np.nan_to_num(a), np.nan_to_num(b))
    return np.where(np.isfinite(a) | np.isfinite(b), total, np.nan)


def sigma_ln_tau(
    rate_s: ArrayLike,
    rate_err_s: ArrayLike,
    sigma_lntau: ArrayLike,
    mode: str = "ccfit2",
    choice: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """Per-point sigma of ln tau under ``mode`` (one of :data:`SIGMA_MODES`); ``choice`` (the
    analysis-choice spread of ln tau, DC points) is added to the fit error in quadrature where
    it is finite."""
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
    if choice is not None:
        fit_rel = with_choice(fit_rel, choice)
    if mode == "fit":
        return _clean(fit_rel)
    if mode == "ccfit2":
        return _clean(np.fmax(width, np.log1p(fit_rel)))
    if mode == "distribution":
        return _clean(np.where(width > 0, width, fit_rel))
    return _clean(np.sqrt(np.nan_to_num(fit_rel) ** 2 + width**2))
