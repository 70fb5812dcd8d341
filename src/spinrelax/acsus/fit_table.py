"""The fit table: one row per spectrum of a fitted model in physical units (:data:`RESULT_COLUMNS`,
documented in docs/ac_fit_table.md), with errors propagated from the covariance, the derived
relaxation times and rates, the distribution band, the QC flags and ``usable``; and the fitted
curves of a table (for figures).

Uncertainties are 1 sigma from the covariance scaled by the reduced chi^2. The relaxation rate is
exp(-<ln tau>) (= 1/tau for Debye and generalized Debye; Zorn 2002 for HN/CD) with its covariance
error and the band exp(-<ln tau> -+ sigma_lntau) of Reta & Chilton, PCCP 21, 23567 (2019);
``tau_peak_s`` is the chi''-peak time of the fitted curve.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.acsus.bounds import model_bounds
from spinrelax.acsus.distribution import ln_tau_peak, mean_ln_tau, peak_coverage, sigma_ln_tau
from spinrelax.acsus.engine import BatchResult
from spinrelax.acsus.models import MODELS, chi_complex
from spinrelax.acsus.noise import runs_z
from spinrelax.acsus.packing import Packed
from spinrelax.acsus.qc import (
    data_flags,
    data_peak_ln_tau,
    disqualified,
    fit_flags,
    join_flags,
)

if TYPE_CHECKING:
    from spinrelax.acsus.fitting import FitSettings


RESULT_COLUMNS: tuple[str, ...] = (
    "model",
    "series_model",
    "weighting",
    "tau_s",
    "tau_err_s",
    "alpha",
    "alpha_err",
    "gamma",
    "gamma_err",
    "chi_S",
    "chi_S_err",
    "chi_T",
    "chi_T_err",
    "dchi",
    "dchi_err",
    "tau2_s",
    "tau2_err_s",
    "alpha2",
    "alpha2_err",
    "dchi2",
    "dchi2_err",
    "tau_peak_s",
    "tau_peak_err_s",
    "tau_mean_s",
    "tau_mean_err_s",
    "rate_s-1",
    "rate_err_s-1",
    "rate_lo_s-1",
    "rate_hi_s-1",
    "sigma_lntau",
    "sigma_lntau_err",
    "rate2_s-1",
    "rate2_err_s-1",
    "sigma_lntau2",
    "tau_peak_data_s",
    "chi2_red",
    "chi2_red_noise",
    "runs_z",
    "misfit_rel",
    "aic",
    "better_model",
    "delta_aic",
    "n_points",
    "n_points_used",
    "n_outliers",
    "outlier_freqs_Hz",
    "f_min_Hz",
    "f_max_Hz",
    "f_peak_Hz",
    "peak_coverage",
    "weighted",
    "n_iter",
    "converged",
    "flags",
    "usable",
)


#: Text columns of the result table (the others are numbers or booleans).
TEXT_COLUMNS = ("model", "series_model", "weighting", "better_model", "outlier_freqs_Hz", "flags")


#: Flags meaning the data do not define a relaxation: the fit is reported as not converged.
NOT_A_FIT = ("too_few_points", "flat", "negative_chi_imag")


def noise_statistics(
    model: str, packed: Packed, params: NDArray
) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """Misfit of the fit ``params`` against the noise estimated from the data, over the points
    in ``packed.mask``: (sum r^2 / mean sigma^2 (B,), number of residuals (B,), runs-test z
    (B,), rms residual over the largest measured chi'' (B,)). Pooling the noise variance over
    the spectrum keeps the ratio stable where a single band's estimate is low."""
    with np.errstate(over="ignore", invalid="ignore"):
        chi = chi_complex(model, packed.omega_rad_s, params)
        r_re = chi.real - packed.chi_real
        r_im = -chi.imag - packed.chi_imag
    mask = packed.mask
    noise2 = np.concatenate(
        [np.where(mask, packed.noise_real, np.nan), np.where(mask, packed.noise_imag, np.nan)],
        axis=-1,
    )
    r2 = np.concatenate([np.where(mask, r_re, 0.0), np.where(mask, r_im, 0.0)], axis=-1) ** 2
    n_res = np.count_nonzero(np.isfinite(noise2), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_var = np.nansum(noise2**2, axis=-1) / n_res
        chi2 = np.where(n_res > 0, r2.sum(axis=-1) / mean_var, np.nan)
        im_max = np.where(mask, packed.chi_imag, -np.inf).max(axis=-1)
        n = packed.n_points
        misfit = np.where(
            (n > 0) & (im_max > 0), np.sqrt(r2.sum(axis=-1) / (2 * n)) / im_max, np.nan
        )
    return chi2, n_res, runs_z(r_re, r_im, mask), misfit


def _gradient(fn, model: str, p: NDArray, names: Sequence[str]) -> NDArray:
    """d fn(p) / dp (B, P) by central differences over the parameters ``names`` (the others 0)."""
    grad = np.zeros_like(p)
    for k, name in enumerate(MODELS[model].params):
        if name not in names:
            continue
        h = 1e-6 * np.maximum(np.abs(p[:, k]), 1e-3)
        hi, lo = p.copy(), p.copy()
        hi[:, k] += h
        lo[:, k] -= h
        grad[:, k] = (fn(hi) - fn(lo)) / (2.0 * h)
    return grad


def _propagate(grad: NDArray, cov: NDArray) -> NDArray:
    """sqrt(g^T C g) (B,), the 1 sigma error of a function with gradient ``grad``."""
    return np.sqrt(np.maximum(np.einsum("bp,bpq,bq->b", grad, cov, grad), 0.0))


def tabulate(
    model: str,
    packed: Packed,
    res: BatchResult,
    n_outliers: NDArray,
    outlier_text: NDArray,
    settings: FitSettings,
) -> pd.DataFrame:
    """Physical-unit result table of one model for the spectra in ``packed`` (outliers already
    masked out; ``n_outliers`` (B,) and ``outlier_text`` (B,) describe them; informational,
    ``usable`` does not depend on them)."""
    qc = settings.qc
    spec = MODELS[model]
    p, cov = res.params, res.covariance
    idx = {name: k for k, name in enumerate(spec.params)}
    err = np.sqrt(np.maximum(cov.diagonal(axis1=1, axis2=2), 0.0))
    err = np.where(np.isfinite(np.diagonal(cov, axis1=1, axis2=2)), err, np.nan)
    s = packed.scale
    n_b = p.shape[0]
    nan = np.full(n_b, np.nan)

    def col(name: str) -> tuple[NDArray, NDArray]:
        return (p[:, idx[name]], err[:, idx[name]]) if name in idx else (nan, nan)

    amp = [idx["chi_S"], idx["dchi"]] + ([idx["dchi2"]] if "dchi2" in idx else [])
    chi_t = p[:, amp].sum(axis=-1)
    chi_t_err = np.sqrt(np.maximum(cov[:, amp][:, :, amp].sum(axis=(1, 2)), 0.0))
    mean = mean_ln_tau(model, p)
    mean_err = _propagate(
        _gradient(lambda q: mean_ln_tau(model, q), model, p, ("ln_tau", "alpha", "gamma")), cov
    )
    sig = sigma_ln_tau(model, p)
    sig_err = _propagate(
        _gradient(lambda q: sigma_ln_tau(model, q), model, p, ("alpha", "gamma")), cov
    )
    f_lo = np.where(packed.mask, packed.freq_Hz, np.inf).min(axis=-1)
    f_hi = np.where(packed.mask, packed.freq_Hz, -np.inf).max(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        w_lo, w_hi = np.log(2.0 * np.pi * f_lo), np.log(2.0 * np.pi * f_hi)
    finite = np.isfinite(p).all(axis=-1) & np.isfinite(w_lo) & np.isfinite(w_hi)
    ln_pk = np.full(n_b, np.nan)
    ln_pk_err = np.full(n_b, np.nan)
    if finite.any():
        pf, wl, wh = p[finite], w_lo[finite], w_hi[finite]
        ln_pk[finite] = ln_tau_peak(model, pf, wl, wh)
        shape_names = [n for n in spec.params if n != "chi_S"]
        if model != "double_generalized_debye":
            shape_names = ["ln_tau", "alpha", "gamma"]
        grad = _gradient(lambda q: ln_tau_peak(model, q, wl, wh), model, pf, shape_names)
        ln_pk_err[finite] = _propagate(grad, cov[finite])
    f_peak = np.exp(-ln_pk) / (2.0 * np.pi)
    cover = peak_coverage(model, p, f_lo, f_hi)
    flags = data_flags(packed, spec.n_params, qc)
    amp_k = [idx["dchi"]] + ([idx["dchi2"]] if "dchi2" in idx else [])
    amp = p[:, amp_k].sum(axis=-1)
    amp_err = np.sqrt(np.maximum(cov[:, amp_k][:, :, amp_k].sum(axis=(1, 2)), 0.0))
    insignificant = np.isfinite(amp) & ~(amp > qc.min_amplitude_sigma * amp_err)
    flags["flat"] = flags["flat"] | (insignificant & ~flags["too_few_points"])
    not_fit = np.any([flags[name] for name in NOT_A_FIT], axis=0)
    chi2_noise, n_res_noise, z_runs, misfit = noise_statistics(model, packed, p)
    dof = n_res_noise - spec.n_params
    with np.errstate(invalid="ignore", divide="ignore"):
        chi2_red_noise = np.where(dof > 0, chi2_noise / dof, np.nan)
    bounds = model_bounds(model, packed)
    flags.update(
        fit_flags(
            model,
            p,
            cov,
            res.converged,
            f_peak,
            cover,
            f_lo,
            f_hi,
            chi2_red_noise,
            z_runs,
            misfit,
            qc,
            bounds,
        )
    )
    converged = res.converged & ~not_fit & np.isfinite(p).all(axis=-1)
    flags["outliers_removed"] = n_outliers > 0
    usable = converged & ~disqualified(flags, n_b, qc)
    ln_tau, ln_tau_err = col("ln_tau")
    ln_tau2, ln_tau2_err = col("ln_tau2")
    alpha, alpha_err = col("alpha")
    gamma, gamma_err = col("gamma")
    alpha2, alpha2_err = col("alpha2")
    dchi, dchi_err = col("dchi")
    dchi2, dchi2_err = col("dchi2")
    chi_s, chi_s_err = col("chi_S")
    sig2 = (
        sigma_ln_tau("generalized_debye", p[:, [0, 4, 5, 6]])
        if model == "double_generalized_debye"
        else nan
    )
    ln_tau_data = data_peak_ln_tau(packed, qc.peak_sigma)
    out: dict[str, object] = dict(packed.keys)
    with np.errstate(over="ignore", invalid="ignore"):
        out |= {
            "model": np.full(n_b, model, dtype=object),
            "series_model": np.full(n_b, model, dtype=object),
            "weighting": np.full(n_b, settings.weighting, dtype=object),
            "tau_s": np.exp(ln_tau),
            "tau_err_s": np.exp(ln_tau) * ln_tau_err,
            "alpha": alpha,
            "alpha_err": alpha_err,
            "gamma": gamma,
            "gamma_err": gamma_err,
            "chi_S": chi_s * s,
            "chi_S_err": chi_s_err * s,
            "chi_T": chi_t * s,
            "chi_T_err": chi_t_err * s,
            "dchi": dchi * s,
            "dchi_err": dchi_err * s,
            "tau2_s": np.exp(ln_tau2),
            "tau2_err_s": np.exp(ln_tau2) * ln_tau2_err,
            "alpha2": alpha2,
            "alpha2_err": alpha2_err,
            "dchi2": dchi2 * s,
            "dchi2_err": dchi2_err * s,
            "tau_peak_s": np.exp(ln_pk),
            "tau_peak_err_s": np.exp(ln_pk) * ln_pk_err,
            "tau_mean_s": np.exp(mean),
            "tau_mean_err_s": np.exp(mean) * mean_err,
            "rate_s-1": np.exp(-mean),
            "rate_err_s-1": np.exp(-mean) * mean_err,
            "rate_lo_s-1": np.exp(-mean - sig),
            "rate_hi_s-1": np.exp(-mean + sig),
            "sigma_lntau": sig,
            "sigma_lntau_err": sig_err,
            "rate2_s-1": np.exp(-ln_tau2),
            "rate2_err_s-1": np.exp(-ln_tau2) * ln_tau2_err,
            "sigma_lntau2": sig2,
            "tau_peak_data_s": np.exp(ln_tau_data),
            "chi2_red": res.chi2_red,
            "chi2_red_noise": chi2_red_noise,
            "runs_z": z_runs,
            "misfit_rel": misfit,
            "aic": res.aic,
            "better_model": np.full(n_b, "", dtype=object),
            "delta_aic": nan,
            "n_points": packed.n_points + n_outliers,
            "n_points_used": packed.n_points,
            "n_outliers": n_outliers,
            "outlier_freqs_Hz": outlier_text,
            "f_min_Hz": f_lo,
            "f_max_Hz": f_hi,
            "f_peak_Hz": f_peak,
            "peak_coverage": cover,
            "weighted": packed.weighted,
            "n_iter": res.n_iter,
            "converged": converged,
            "flags": join_flags(flags, n_b),
            "usable": usable,
        }
    return pd.DataFrame(out)


def outlier_text(freq_Hz: NDArray, drop: NDArray) -> NDArray:
    """(B,) ';'-joined frequencies (Hz, 6 digits) of the dropped points ("" for none)."""
    text = np.full(drop.shape[0], "", dtype=object)
    for b in np.flatnonzero(drop.any(axis=-1)):
        text[b] = ";".join(f"{f:.6g}" for f in freq_Hz[b, drop[b]])
    return text


def fitted_curves(fits: pd.DataFrame, freq_Hz: NDArray) -> tuple[NDArray, NDArray]:
    """chi'(f) and chi''(f) (len(fits), n) of fitted rows, in the fits' chi unit, at the
    frequencies ``freq_Hz``: one grid (n,) for every row, or one per row (len(fits), n).

    Rebuilds each row's parameter vector from the result columns (``model``, ``chi_S``,
    ``chi_T``, ``tau_s``, ``alpha``, ``gamma``, second-process columns); NaN rows stay NaN.
    """
    from spinrelax.acsus.models import chi_real_imag

    f = np.asarray(freq_Hz, dtype=float)
    re = np.full((len(fits), f.shape[-1]), np.nan)
    im = np.full((len(fits), f.shape[-1]), np.nan)
    for model, rows in fits.groupby("model", sort=True).indices.items():
        sub = fits.iloc[rows]
        dchi2 = sub["dchi2"].fillna(0.0).to_numpy(dtype=float)
        cols = {
            "chi_S": sub["chi_S"].to_numpy(dtype=float),
            "dchi": (sub["chi_T"] - sub["chi_S"]).to_numpy(dtype=float) - dchi2,
            "ln_tau": np.log(sub["tau_s"].to_numpy(dtype=float)),
            "alpha": sub["alpha"].to_numpy(dtype=float),
            "gamma": sub["gamma"].to_numpy(dtype=float),
            "dchi2": dchi2,
            "ln_tau2": np.log(sub["tau2_s"].to_numpy(dtype=float)),
            "alpha2": sub["alpha2"].to_numpy(dtype=float),
        }
        p = np.stack([cols[name] for name in MODELS[model].params], axis=-1)
        re[rows], im[rows] = chi_real_imag(model, f[rows] if f.ndim == 2 else f, p)
    return re, im
