"""Quality-control flags of ac spectra and their fits (vectorised over spectra).

Flags (strings, ';'-joined in tables):

- ``too_few_points``: fewer than ``min_points`` points (or no more residuals than parameters);
  not fitted.
- ``flat``: no relaxation visible: the spread of chi' and chi'' is below ``flat_snr`` times the
  noise, or below ``flat_rel`` times |chi'|, or the fitted relaxing amplitude chi_T - chi_S is
  below ``min_amplitude_sigma`` times its own error.
- ``negative_chi_imag``: at least ``neg_min_points`` chi'' values below
  -(``neg_sigma`` sigma + ``neg_rel`` chi''_max), sigma the noise estimated from the data (the
  point's band, at least the spectrum's median; after outlier removal), or the spectrum's chi'' is predominantly and significantly negative
  (sign-flipped export); chi'' >= 0 for a passive system. A baseline that dips by a few % of the
  peak (background or phase offset) is not a reason to reject a clear peak. A single such point
  is reported as ``negative_chi_imag_point`` (a glitch; informational by default).
- ``no_peak_in_window``: the largest measured chi'' sits at the lowest or the highest measured
  frequency, or exceeds the chi'' at both ends by no more than ``peak_sigma`` noise levels: the
  data hold no chi'' maximum, so tau is an extrapolation (disqualifying).
- ``peak_outside_window``: the fitted chi''-peak frequency 1/(2 pi tau_peak) is outside the
  measured range; ``low_peak_coverage``: less than ``min_coverage`` of the chi'' area is inside it.
- ``at_bound:<param>``: a parameter ends on its bound (the model's box; for two processes
  ln tau is bounded to two decades beyond the window). Disqualifying for every parameter
  (``"at_bound"`` in ``disqualifying`` covers every ``at_bound:<param>``): the optimum is
  constrained, so the covariance errors do not hold, and the curve is that of a model with one
  parameter less (``--model auto`` reports that nested model, :mod:`spinrelax.acsus.model_choice`).
- ``not_converged``: the optimiser did not meet its stopping rules; ``singular_covariance``:
  no finite uncertainties.
- ``poor_fit``: the misfit is material, rms residual above ``max_misfit_rel`` of the largest
  measured chi'', and significant: the reduced chi^2 against the noise estimated from the data
  exceeds ``max_chi2_red``, or the runs test on the residual signs gives z < -``runs_z_max``
  (structured residuals); informational by default.
- ``model_inadequate`` (set by :func:`spinrelax.acsus.adequacy.mark_inadequate`): a clean fit of
  another model has an AIC lower by more than ``model_delta_aic`` and moves the chi''-peak time
  by more than ``model_tau_sigma`` combined errors; named in ``better_model``.

The noise of the data flags (``flat``, ``negative_chi_imag``) is the noise estimated from the
data (:mod:`spinrelax.acsus.noise`), whatever the weighting. :func:`noise_level` (instrument
error, else second differences) is kept for callers that have only one spectrum row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from spinrelax.acsus.models import MODELS
from spinrelax.acsus.packing import Packed


@dataclass(frozen=True)
class QCSettings:
    """Thresholds of the QC flags (dimensionless) and which flags disqualify a fit."""

    min_points: int = 6
    flat_snr: float = 5.0
    flat_rel: float = 1e-3
    neg_sigma: float = 4.0
    neg_rel: float = 0.1
    neg_min_points: int = 2
    min_coverage: float = 0.25
    max_chi2_red: float = 10.0
    runs_z_max: float = 3.0
    max_misfit_rel: float = 0.03
    peak_sigma: float = 1.0
    model_delta_aic: float = 10.0
    model_tau_sigma: float = 2.0
    adequacy_min_chi2_red: float = 2.0
    min_amplitude_sigma: float = 3.0
    disqualifying: tuple[str, ...] = (
        "too_few_points",
        "flat",
        "negative_chi_imag",
        "no_peak_in_window",
        "peak_outside_window",
        "low_peak_coverage",
        "at_bound",
        "not_converged",
        "singular_covariance",
    )

    def is_disqualifying(self, flags: str) -> bool:
        """Whether a ';'-joined flag string contains a disqualifying flag."""
        return any(self.disqualifies(f) for f in flags.split(";") if f)

    def disqualifies(self, flag: str) -> bool:
        """Whether one flag is disqualifying: listed itself, or its family (the part before
        ``:``, e.g. ``at_bound`` for ``at_bound:alpha``) is listed."""
        return flag in self.disqualifying or flag.split(":", 1)[0] in self.disqualifying


def nanmedian_rows(x: NDArray) -> NDArray:
    """Median over the last axis ignoring NaN (NaN for an all-NaN row); fast for many short rows."""
    s = np.sort(x, axis=-1)  # NaN sort last
    n = np.count_nonzero(~np.isnan(x), axis=-1)
    lo = np.maximum((n - 1) // 2, 0)
    hi = np.maximum(n // 2, 0)
    rows = np.arange(x.shape[0])
    med = 0.5 * (
        s[rows, np.minimum(lo, x.shape[-1] - 1)] + s[rows, np.minimum(hi, x.shape[-1] - 1)]
    )
    return np.where(n > 0, med, np.nan)


def noise_level(values: NDArray, err: NDArray, mask: NDArray) -> NDArray:
    """Per-spectrum noise (B,): median instrument error, else robust second-difference estimate."""
    has_err = (~mask | (np.isfinite(err) & (err > 0))).all(axis=-1) & mask.any(axis=-1)
    med_err = np.zeros(len(has_err))
    if has_err.any():  # each estimate is computed only when some spectrum uses it
        med_err = nanmedian_rows(np.where(mask & np.isfinite(err), err, np.nan))
    if has_err.all() or values.shape[-1] < 3:
        return np.where(has_err, med_err, 0.0)
    d2 = values[:, 2:] - 2.0 * values[:, 1:-1] + values[:, :-2]
    ok = mask[:, 2:] & mask[:, 1:-1] & mask[:, :-2]
    d2 = np.where(ok, d2, np.nan)
    med = nanmedian_rows(d2)
    mad = nanmedian_rows(np.abs(d2 - med[:, None]))
    robust = np.where(np.isnan(mad), 0.0, 1.4826 * mad / np.sqrt(6.0))
    return np.where(has_err, med_err, robust)


def no_peak(packed: Packed, peak_sigma: float) -> NDArray:
    """(B,) True where the measured chi'' has no interior maximum that exceeds the chi'' at both
    ends of the window by more than ``peak_sigma`` times the estimated noise (valid points come
    first in each row)."""
    mask, im = packed.mask, packed.chi_imag
    n = packed.n_points
    rows = np.arange(mask.shape[0])
    k = np.argmax(np.where(mask, im, -np.inf), axis=-1)
    last = np.maximum(n - 1, 0)
    top = im[rows, k]
    ends = np.maximum(im[rows, 0], im[rows, last])
    sigma = np.nan_to_num(packed.noise_imag[rows, k])
    interior = (k > 0) & (k < last)
    return (n > 0) & ~(interior & (top - ends > peak_sigma * sigma))


def data_peak_ln_tau(packed: Packed, peak_sigma: float) -> NDArray:
    """Model-free ln of the chi''-peak time (B,): -ln omega at the parabola-refined maximum of
    the measured chi'' (:func:`spinrelax.acsus.guesses.peak_ln_tau`); NaN under
    :func:`no_peak`."""
    from spinrelax.acsus.guesses import peak_ln_tau

    ln_tau = peak_ln_tau(np.log(packed.omega_rad_s), packed.chi_imag, packed.mask)
    return np.where(no_peak(packed, peak_sigma), np.nan, ln_tau)


def data_flags(packed: Packed, n_params: int, settings: QCSettings) -> dict[str, NDArray]:
    """Flags that depend on the data only, name -> (B,) bool: too few points, flat, negative
    chi'', no chi'' maximum in the window."""
    mask = packed.mask
    n = packed.n_points
    re, im = packed.chi_real, packed.chi_imag
    sig_re = nanmedian_rows(np.where(mask, packed.noise_real, np.nan))
    sig_im = nanmedian_rows(np.where(mask, packed.noise_imag, np.nan))
    sig_re, sig_im = np.nan_to_num(sig_re), np.nan_to_num(sig_im)
    im_max = np.where(mask, im, -np.inf).max(axis=-1)
    im_min = np.where(mask, im, np.inf).min(axis=-1)
    re_spread = np.where(mask, re, -np.inf).max(axis=-1) - np.where(mask, re, np.inf).min(axis=-1)
    spread = np.maximum(re_spread, im_max - im_min)
    noise = np.maximum(sig_re, sig_im)
    level = np.where(mask, np.abs(re), 0.0).max(axis=-1)
    flat = (spread <= settings.flat_snr * noise) | (spread <= settings.flat_rel * level)
    # A point's noise: its band's, but never below the spectrum's median (a conservative test).
    point_noise = np.fmax(np.where(mask, packed.noise_imag, np.nan), sig_im[:, None])
    limit = settings.neg_sigma * point_noise + settings.neg_rel * np.maximum(im_max, 0.0)[:, None]
    n_below = np.count_nonzero(mask & (im < -limit), axis=-1)
    flipped = (im_min < -settings.neg_sigma * sig_im) & (-im_min > im_max)
    negative = (n_below >= settings.neg_min_points) | flipped
    few = (n < settings.min_points) | (2 * n <= n_params)
    return {
        "too_few_points": few,
        "flat": flat & ~few,
        "negative_chi_imag": negative,
        "negative_chi_imag_point": ~negative & (n_below > 0),
        "no_peak_in_window": no_peak(packed, settings.peak_sigma) & ~few & ~flat & ~negative,
    }


def fit_flags(
    model: str,
    params: NDArray,
    covariance: NDArray,
    converged: NDArray,
    f_char_Hz: NDArray,
    coverage: NDArray,
    f_min_Hz: NDArray,
    f_max_Hz: NDArray,
    chi2_red_noise: NDArray,
    runs_z: NDArray,
    misfit_rel: NDArray,
    settings: QCSettings,
    bounds: tuple[NDArray, NDArray] | None = None,
) -> dict[str, NDArray]:
    """Flags from the fit, name -> (B,) bool: convergence, bounds (the model's box or
    per-spectrum ``bounds``), covariance, peak position and coverage, misfit against the
    estimated noise. A spectrum with non-finite parameters carries ``not_converged`` only."""
    spec = MODELS[model]
    lower, upper = (np.asarray(spec.lower), np.asarray(spec.upper)) if bounds is None else bounds
    tol = 1e-9 * (1.0 + np.abs(np.where(np.isfinite(lower), lower, 0.0)))
    at_low = np.abs(params - lower) <= tol
    at_up = np.isfinite(upper) & (np.abs(params - np.where(np.isfinite(upper), upper, 0.0)) <= tol)
    var = np.diagonal(covariance, axis1=1, axis2=2)
    finite = np.isfinite(params).all(axis=-1)
    flags = {"not_converged": ~(finite & converged)}
    for k, name in enumerate(spec.params):
        flags[f"at_bound:{name}"] = finite & (at_low[:, k] | at_up[:, k])
    flags["singular_covariance"] = finite & ~(np.isfinite(var) & (var >= 0)).all(axis=-1)
    flags["peak_outside_window"] = finite & ~((f_char_Hz >= f_min_Hz) & (f_char_Hz <= f_max_Hz))
    flags["low_peak_coverage"] = finite & ~(coverage >= settings.min_coverage)
    with np.errstate(invalid="ignore"):
        material = misfit_rel > settings.max_misfit_rel
        significant = (chi2_red_noise > settings.max_chi2_red) | (runs_z < -settings.runs_z_max)
        flags["poor_fit"] = finite & material & significant
    return flags


def disqualified(flags: Mapping[str, NDArray], n_rows: int, settings: QCSettings) -> NDArray:
    """(n_rows,) True where a flag set in ``flags`` (name -> (n_rows,) bool) is disqualifying."""
    out = np.zeros(n_rows, dtype=bool)
    for name, on in flags.items():
        if settings.disqualifies(name):
            out |= on
    return out


def join_flags(flags: Mapping[str, NDArray], n_rows: int) -> NDArray:
    """Object array (n_rows,) of each row's set flags, sorted by name and ';'-joined ("" for
    none). The strings are built once per distinct flag pattern, not once per row."""
    names = sorted(flags)
    codes = np.zeros(n_rows, dtype=np.int64)
    for k, name in enumerate(names):
        codes |= np.asarray(flags[name], dtype=np.int64) << k
    patterns, inverse = np.unique(codes, return_inverse=True)
    text = [";".join(n for k, n in enumerate(names) if code >> k & 1) for code in patterns]
    return np.array(text, dtype=object)[inverse]
