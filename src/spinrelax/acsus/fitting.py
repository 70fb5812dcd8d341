"""Fit every spectrum of a tidy ac table in vectorised passes: guesses, batched LM, multi-start,
uncertainties, sigma_lntau, QC flags, model adequacy and, for ``model="auto"``, one model per
sample series (:mod:`spinrelax.acsus.model_choice`). Values of fits that did not converge are
withheld (:mod:`spinrelax.acsus.withheld`).

Output: one row per spectrum (:data:`RESULT_COLUMNS` after the key columns; documented in
docs/ac_fit_table.md). Uncertainties are 1 sigma from the covariance scaled by the reduced
chi^2. The relaxation rate is exp(-<ln tau>) (= 1/tau for Debye and generalized Debye; Zorn 2002
for HN/CD) with its covariance error and the band exp(-<ln tau> -+ sigma_lntau) of Reta &
Chilton, PCCP 21, 23567 (2019); ``tau_peak_s`` is the chi''-peak time of the fitted curve.
``converged`` is False when the optimiser failed or the data cannot define a relaxation (flat,
negative chi'', too few points); ``usable`` additionally requires no disqualifying flag.

Model comparison (``auto`` and the ``model_inadequate`` flag) uses the least-squares AIC
n ln(cost / n) + 2 P of each fit under the same weighting (Burnham & Anderson, *Model Selection
and Multimodel Inference*, 2nd ed. (2002), Sec. 2.2; lmfit's ``aic``), among "clean" fits only:
usable and no width at its upper bound (the richer model degenerates into a background).
Two-process fits bound both ln tau to
[ln(1/(2 pi f_max)) - ln 100, ln(1/(2 pi f_min)) + ln 100]: two decades beyond the window.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.acsus.distribution import ln_tau_peak, mean_ln_tau, peak_coverage, sigma_ln_tau
from spinrelax.acsus.engine import BatchResult, LMSettings, levenberg_marquardt
from spinrelax.acsus.guesses import alternative_starts, initial_params, two_process_starts
from spinrelax.acsus.models import ALPHA_MAX, MODEL_NAMES, MODELS, chi_complex
from spinrelax.acsus.noise import runs_z
from spinrelax.acsus.packing import WEIGHTINGS, Packed, pack_spectra
from spinrelax.acsus.qc import (
    QCSettings,
    data_flags,
    data_peak_ln_tau,
    disqualified,
    fit_flags,
    join_flags,
    nanmedian_rows,
)
from spinrelax.acsus.withheld import withhold_failed
from spinrelax.progress import Progress

logger = logging.getLogger(__name__)

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
#: Two-process fits keep both ln tau within this factor beyond the window (two decades).
TAU_WINDOW_MARGIN = 100.0

#: Flags meaning the data do not define a relaxation: the fit is reported as not converged.
NOT_A_FIT = ("too_few_points", "flat", "negative_chi_imag")


@dataclass(frozen=True)
class FitSettings:
    """Model choice (a name from :data:`MODEL_NAMES` or ``"auto"``), AIC candidates, chunking,
    weighting (:data:`~spinrelax.acsus.packing.WEIGHTINGS`), the models fitted only to judge
    adequacy, and outlier rejection (off by default, ``outlier_sigma = 0``): after a first fit,
    points whose residual exceeds ``outlier_sigma`` robust standard deviations (1.4826 MAD of
    the spectrum's weighted residuals) are dropped, at most ``max_outlier_fraction`` of the
    points (largest first), and the spectrum is refitted. Dropped points are counted in
    ``n_outliers``, listed in ``outlier_freqs_Hz`` and flagged ``outliers_removed``."""

    model: str = "generalized_debye"
    candidates: tuple[str, ...] = (
        "debye",
        "generalized_debye",
        "havriliak_negami",
        "cole_davidson",
        "double_generalized_debye",
    )
    weighting: str = "none"
    #: Models fitted to judge the adequacy of the reported one (``model_inadequate``).
    adequacy_models: tuple[str, ...] = ("havriliak_negami", "double_generalized_debye")
    lm: LMSettings = field(default_factory=LMSettings)
    qc: QCSettings = field(default_factory=QCSettings)
    chunk_size: int = 8192
    outlier_sigma: float = 0.0
    max_outlier_fraction: float = 0.1

    def __post_init__(self) -> None:
        names = self.candidates if self.model == "auto" else (self.model,)
        for name in (*names, *self.adequacy_models):
            if name not in MODEL_NAMES:
                raise ValueError(f"unknown model {name!r}; choose from {MODEL_NAMES} or 'auto'")
        if self.weighting not in WEIGHTINGS:
            raise ValueError(f"unknown weighting {self.weighting!r}; choose from {WEIGHTINGS}")


def model_bounds(model: str, packed: Packed) -> tuple[NDArray, NDArray] | None:
    """Per-spectrum (lower, upper) (B, P) of a two-process fit: both ln tau within
    :data:`TAU_WINDOW_MARGIN` beyond the measured window; None (the model's box) otherwise."""
    if model != "double_generalized_debye":
        return None
    spec = MODELS[model]
    n_b = packed.mask.shape[0]
    lower = np.tile(np.asarray(spec.lower, dtype=float), (n_b, 1))
    upper = np.tile(np.asarray(spec.upper, dtype=float), (n_b, 1))
    f_lo = np.where(packed.mask, packed.freq_Hz, np.inf).min(axis=-1)
    f_hi = np.where(packed.mask, packed.freq_Hz, -np.inf).max(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = -np.log(2.0 * np.pi * f_hi) - np.log(TAU_WINDOW_MARGIN)
        hi = -np.log(2.0 * np.pi * f_lo) + np.log(TAU_WINDOW_MARGIN)
    ok = np.isfinite(lo) & np.isfinite(hi)
    for name in ("ln_tau", "ln_tau2"):
        k = spec.params.index(name)
        lower[:, k] = np.where(ok, np.maximum(lo, spec.lower[k]), spec.lower[k])
        upper[:, k] = np.where(ok, np.minimum(hi, spec.upper[k]), spec.upper[k])
    return lower, upper


def _run_lm(
    model: str,
    packed: Packed,
    p0: NDArray,
    lm: LMSettings,
    bounds: tuple[NDArray, NDArray] | None,
    rows: NDArray | None = None,
) -> BatchResult:
    """LM on the spectra ``rows`` of ``packed`` (all when None) from ``p0`` (len(rows), P)."""
    sub = packed if rows is None else packed.subset(rows)
    b = None if bounds is None or rows is None else (bounds[0][rows], bounds[1][rows])
    return levenberg_marquardt(
        model,
        sub.omega_rad_s,
        sub.chi_real,
        sub.chi_imag,
        sub.weight_real,
        sub.weight_imag,
        p0,
        lm,
        bounds if rows is None else b,
    )


def _take(res: BatchResult, other: BatchResult, rows: NDArray, pick: NDArray) -> None:
    """Replace rows ``rows[pick]`` of ``res`` by rows ``pick`` of ``other`` (in place)."""
    dst = rows[pick]
    for name in ("params", "covariance", "cost", "n_residuals", "converged", "n_iter"):
        getattr(res, name)[dst] = getattr(other, name)[pick]


def fit_batch(
    model: str, packed: Packed, lm: LMSettings, p_start: NDArray | None = None
) -> BatchResult:
    """LM from data-driven starts (or ``p_start``), then multi-start for the spectra that did
    not converge or converged to a degenerate point (no relaxing amplitude, tau on its bound):
    the data-driven start (if ``p_start`` was given), then
    :func:`~spinrelax.acsus.guesses.alternative_starts` around it. A restart replaces a
    non-converged result when it converges or reaches a lower cost, a converged one only when
    it converges to a lower cost.

    Two processes: every spectrum is fitted from each start of
    :func:`~spinrelax.acsus.guesses.two_process_starts` (read from the chi'' shape) within the
    window bounds of :func:`model_bounds`, keeping the best by the same rule; the slower process
    is then put first."""
    ln_omega = np.log(packed.omega_rad_s)
    bounds = model_bounds(model, packed)
    guess = initial_params(model, ln_omega, packed.chi_real, packed.chi_imag, packed.mask)
    if bounds is not None:
        guess = np.clip(guess, bounds[0], bounds[1])
    if model == "double_generalized_debye":
        # Every start of every spectrum in one batched call (the loop overhead is paid once).
        starts = [guess if p_start is None else p_start]
        starts += two_process_starts(ln_omega, packed.chi_real, packed.chi_imag, packed.mask)
        n_b = len(packed.scale)
        every = np.tile(np.arange(n_b), len(starts))
        tiled = (bounds[0][every], bounds[1][every])
        p0 = np.clip(np.concatenate(starts), tiled[0], tiled[1])
        allres = _run_lm(model, packed.subset(every), p0, lm, tiled)
        res = BatchResult(
            params=allres.params[:n_b].copy(),
            covariance=allres.covariance[:n_b].copy(),
            cost=allres.cost[:n_b].copy(),
            n_residuals=allres.n_residuals[:n_b].copy(),
            converged=allres.converged[:n_b].copy(),
            n_iter=allres.n_iter[:n_b].copy(),
        )
        for k in range(1, len(starts)):
            alt_rows = np.arange(k * n_b, (k + 1) * n_b)
            cost, conv = allres.cost[alt_rows], allres.converged[alt_rows]
            lower = cost < res.cost
            better = np.where(res.converged, conv & lower, conv | lower)
            dst = np.flatnonzero(better)
            for name in ("params", "covariance", "cost", "n_residuals", "converged", "n_iter"):
                getattr(res, name)[dst] = getattr(allres, name)[alt_rows[dst]]
        _order_processes(res)
        return res
    res = _run_lm(model, packed, guess if p_start is None else p_start, lm, bounds)
    starts = ([] if p_start is None else [guess]) + alternative_starts(model, guess)
    for start in starts:
        rows = np.flatnonzero(~res.converged | _degenerate(model, res.params))
        if rows.size == 0:
            break
        alt = _run_lm(model, packed, start[rows], lm, bounds, rows)
        lower = alt.cost < res.cost[rows]
        better = np.where(res.converged[rows], alt.converged & lower, alt.converged | lower)
        _take(res, alt, rows, better)
    return res


def _degenerate(model: str, params: NDArray) -> NDArray:
    """(B,) True where a relaxing amplitude is ~0 or ln tau sits on its box bound."""
    spec = MODELS[model]
    out = np.zeros(params.shape[0], dtype=bool)
    for k, name in enumerate(spec.params):
        if name.startswith("dchi"):
            out |= params[:, k] <= 1e-8
        if name.startswith("ln_tau"):
            out |= (params[:, k] <= spec.lower[k] + 1e-6) | (params[:, k] >= spec.upper[k] - 1e-6)
    return out


def _order_processes(res: BatchResult) -> None:
    """Put the slower process first (tau >= tau2) for two-process fits, covariance included."""
    swap = res.params[:, 5] > res.params[:, 2]
    perm = np.array([0, 4, 5, 6, 1, 2, 3])
    res.params[swap] = res.params[swap][:, perm]
    res.covariance[swap] = res.covariance[swap][:, perm][:, :, perm]


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


def outlier_points(model: str, packed: Packed, params: NDArray, settings: FitSettings) -> NDArray:
    """Boolean (B, N): points to drop, |weighted residual| > outlier_sigma robust sigmas."""
    chi = chi_complex(model, packed.omega_rad_s, params)
    z = np.maximum(
        np.abs(packed.weight_real * (chi.real - packed.chi_real)),
        np.abs(packed.weight_imag * (-chi.imag - packed.chi_imag)),
    )
    z = np.where(packed.mask & np.isfinite(z), z, np.nan)
    scale = 1.4826 * nanmedian_rows(z)[:, None]
    big = (z > settings.outlier_sigma * scale) & np.isfinite(z)
    # Keep only the largest max_outlier_fraction of each spectrum's points.
    limit = np.floor(settings.max_outlier_fraction * packed.n_points).astype(int)
    if (big.sum(axis=-1) <= limit).all():  # every candidate is within its limit: no ranking
        return big
    rank = np.argsort(np.argsort(-np.where(big, z, -np.inf), axis=-1), axis=-1)
    return big & (rank < limit[:, None])


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


def _tabulate(
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


def _outlier_text(freq_Hz: NDArray, drop: NDArray) -> NDArray:
    """(B,) ';'-joined frequencies (Hz, 6 digits) of the dropped points ("" for none)."""
    text = np.full(drop.shape[0], "", dtype=object)
    for b in np.flatnonzero(drop.any(axis=-1)):
        text[b] = ";".join(f"{f:.6g}" for f in freq_Hz[b, drop[b]])
    return text


def fit_packed(model: str, packed: Packed, settings: FitSettings) -> pd.DataFrame:
    """Fit one model to every spectrum of ``packed`` (in chunks of ``settings.chunk_size``),
    logging progress (:mod:`spinrelax.progress`)."""
    tables = []
    n_b = packed.mask.shape[0]
    progress = Progress(logger, f"fitted {model}", n_b, "spectra")
    for start in range(0, n_b, settings.chunk_size):
        part = packed.subset(np.arange(start, min(start + settings.chunk_size, n_b)))
        fit_rows = np.flatnonzero(2 * part.n_points > MODELS[model].n_params)
        res = BatchResult(
            params=np.full((len(part.scale), MODELS[model].n_params), np.nan),
            covariance=np.full((len(part.scale),) + (MODELS[model].n_params,) * 2, np.nan),
            cost=np.full(len(part.scale), np.nan),
            n_residuals=2 * part.n_points,
            converged=np.zeros(len(part.scale), dtype=bool),
            n_iter=np.zeros(len(part.scale), dtype=int),
        )
        n_out = np.zeros(len(part.scale), dtype=int)
        text = np.full(len(part.scale), "", dtype=object)
        if fit_rows.size:
            # ``part`` is already a private copy: subset it only when some spectra are skipped.
            sub = part if fit_rows.size == len(part.scale) else part.subset(fit_rows)
            first = fit_batch(model, sub, settings.lm)
            if settings.outlier_sigma > 0:
                drop = outlier_points(model, sub, first.params, settings)
                again = np.flatnonzero(drop.any(axis=-1))
                if again.size:
                    text[fit_rows] = _outlier_text(sub.freq_Hz, drop)
                    for name in ("mask", "weight_real", "weight_imag"):
                        getattr(sub, name)[drop] = 0
                        getattr(part, name)[fit_rows] = getattr(sub, name)
                    refit = fit_batch(model, sub.subset(again), settings.lm, first.params[again])
                    _take(first, refit, again, np.ones(again.size, bool))
                    n_out[fit_rows] = drop.sum(axis=-1)
                    res.n_residuals[:] = 2 * part.n_points
            _take(res, first, fit_rows, np.ones(fit_rows.size, bool))
        table = _tabulate(model, part, res, n_out, text, settings)
        tables.append(table)
        progress.update(start + len(part.scale))
    if not tables:  # no spectra at all: an empty table with every column
        empty = pd.DataFrame({k: v[:0] for k, v in packed.keys.items()})
        for name in RESULT_COLUMNS:
            empty[name] = pd.Series(dtype=object if name in TEXT_COLUMNS else float)
        return empty
    return tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)


def _clean(fit: pd.DataFrame) -> NDArray:
    """(B,) True where a fit may be compared or chosen: usable (converged, no disqualifying
    flag), no width at its upper bound :data:`~spinrelax.acsus.models.ALPHA_MAX` (a process
    spread over every time scale: the model degenerates into a background), finite AIC."""
    aic = fit["aic"].to_numpy(dtype=float)
    broad = np.zeros(len(fit), dtype=bool)
    for name in ("alpha", "alpha2"):
        broad |= fit[name].to_numpy(dtype=float) >= ALPHA_MAX - 1e-6
    return fit["usable"].to_numpy(dtype=bool) & ~broad & np.isfinite(aic)


def _ln_peak(fit: pd.DataFrame) -> tuple[NDArray, NDArray]:
    """ln tau_peak (B,) and its relative error (B,) of a fit table."""
    tau = fit["tau_peak_s"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(tau), fit["tau_peak_err_s"].to_numpy(dtype=float) / tau


def _clearly_better(
    aic: NDArray, ln_pk: NDArray, rel: NDArray, base_aic, base_ln_pk, base_rel, qc: QCSettings
) -> NDArray:
    """Where a fit beats a base fit: AIC lower by more than ``qc.model_delta_aic`` and a
    chi''-peak time more than ``qc.model_tau_sigma`` combined errors away (the model changes
    the answer); a base without a finite peak time is beaten on AIC alone."""
    with np.errstate(invalid="ignore"):
        moved = np.abs(ln_pk - base_ln_pk) > qc.model_tau_sigma * np.hypot(rel, base_rel)
        return (aic < base_aic - qc.model_delta_aic) & (moved | ~np.isfinite(base_ln_pk))


def mark_inadequate(
    chosen: pd.DataFrame, others: Sequence[pd.DataFrame], rows: NDArray, qc: QCSettings
) -> pd.DataFrame:
    """Set ``better_model``, ``delta_aic`` and the ``model_inadequate`` flag where a clean fit
    (:func:`_clean`) of another model has an AIC lower than the chosen fit's by more than
    ``qc.model_delta_aic`` and a chi''-peak time ``tau_peak_s`` that differs from the chosen
    one by more than ``qc.model_tau_sigma`` combined standard errors (the choice of model
    changes the answer), or where the chosen fit is not usable and another model has a clean
    fit (the lowest such model is named). ``others`` hold fits of the
    spectra at positions ``rows`` of ``chosen``."""
    if not others or rows.size == 0:
        return chosen
    base = chosen["aic"].to_numpy(dtype=float)[rows]
    failed = ~chosen["usable"].to_numpy(dtype=bool)[rows] | ~np.isfinite(base)
    model = chosen["model"].to_numpy()[rows]
    aic = np.stack([f["aic"].to_numpy(dtype=float) for f in others])
    names = np.stack([f["model"].to_numpy() for f in others])
    ok = np.stack([_clean(f) for f in others]) & (names != model)
    ln_pk, rel = _ln_peak(chosen.iloc[rows])
    for j, f in enumerate(others):
        alt_pk, alt_rel = _ln_peak(f)
        ok[j] &= failed | _clearly_better(aic[j], alt_pk, alt_rel, base, ln_pk, rel, qc)
    cand = np.where(ok, aic, np.inf)
    k = np.argmin(cand, axis=0)
    pos = np.arange(rows.size)
    delta = cand[k, pos] - base
    # A chosen fit that is not usable is beaten by any clean fit of another model.
    worse = np.isfinite(cand[k, pos])
    if not worse.any():
        return chosen
    out = chosen.copy()
    hit = rows[worse]
    out.loc[hit, "better_model"] = names[k, pos][worse]
    out.loc[hit, "delta_aic"] = delta[worse]
    out.loc[hit, "flags"] = [_add_flag(f, "model_inadequate") for f in out["flags"].to_numpy()[hit]]
    if "model_inadequate" in qc.disqualifying:
        out.loc[hit, "usable"] = False
    return out


def _add_flag(flags: str, name: str) -> str:
    """``flags`` (';'-joined, sorted) with ``name`` added, kept sorted."""
    return ";".join(sorted({*filter(None, flags.split(";")), name}))


def fit_spectra(
    table: pd.DataFrame, keys: Sequence[str], settings: FitSettings = FitSettings()
) -> pd.DataFrame:
    """Fit every spectrum (rows grouped by ``keys``) of a tidy table; one result row each.

    Columns needed: keys, ``freq_Hz``, ``chi_real``, ``chi_imag`` (optional ``*_err``); chi in
    any unit (results carry the same unit). Rows are sorted by the keys. ``model="auto"``
    chooses one model per series (the keys but the last) by
    :func:`~spinrelax.acsus.model_choice.choose_series_models`; the reported fit is then
    checked against every other fitted model (auto candidates, ``settings.adequacy_models``) by
    :func:`mark_inadequate`, on the spectra selected by :func:`needs_alternatives`.
    """
    clash = sorted(set(keys) & {*RESULT_COLUMNS})
    if clash:
        raise ValueError(f"key columns {clash} would clash with result columns")
    packed = pack_spectra(table, keys, settings.weighting)
    names = settings.candidates if settings.model == "auto" else (settings.model,)
    fits = {name: fit_packed(name, packed, settings) for name in names}
    if settings.model == "auto":
        from spinrelax.acsus.model_choice import choose_series_models, series_index

        chosen = choose_series_models(fits, series_index(packed.keys, keys), settings.qc)
    else:
        chosen = fits[settings.model]
    extra = [name for name in settings.adequacy_models if name not in fits]
    rows = np.flatnonzero(needs_alternatives(chosen, settings.qc))
    others = [fits[n].iloc[rows].reset_index(drop=True) for n in fits]
    if extra and rows.size:
        sub = packed.subset(rows)
        # Judging needs the AIC to ~0.1 (n ln cost): relative cost changes of 1e-8 are plenty.
        lm = replace(
            settings.lm, ftol=max(settings.lm.ftol, 1e-8), xtol=max(settings.lm.xtol, 1e-8)
        )
        judge = replace(settings, lm=lm)
        others += [fit_packed(name, sub, judge) for name in extra]
    return withhold_failed(mark_inadequate(chosen, others, rows, settings.qc))


def needs_alternatives(fits: pd.DataFrame, qc: QCSettings) -> NDArray:
    """(B,) True where another model could describe the spectrum clearly better: the fit did
    not converge, or it leaves a misfit above the estimated noise (``chi2_red_noise`` > ``qc.adequacy_min_chi2_red``) or
    structured residuals (runs z < -``qc.runs_z_max``). Elsewhere the residuals are noise, and a richer model
    could lower n ln(cost / n) by more than ``model_delta_aic`` (with ~50 residuals: the cost by
    more than ~25 %) only by fitting noise; the alternatives are not fitted there."""
    with np.errstate(invalid="ignore"):
        return (
            ~fits["converged"].to_numpy(dtype=bool)
            | (fits["chi2_red_noise"].to_numpy(dtype=float) > qc.adequacy_min_chi2_red)
            | (fits["runs_z"].to_numpy(dtype=float) < -qc.runs_z_max)
        )


def fitted_curves(fits: pd.DataFrame, freq_Hz: NDArray) -> tuple[NDArray, NDArray]:
    """chi'(f) and chi''(f) (len(fits), len(freq_Hz)) of fitted rows, in the fits' chi unit.

    Rebuilds each row's parameter vector from the result columns (``model``, ``chi_S``,
    ``chi_T``, ``tau_s``, ``alpha``, ``gamma``, second-process columns); NaN rows stay NaN.
    """
    from spinrelax.acsus.models import chi_real_imag

    f = np.asarray(freq_Hz, dtype=float)
    re = np.full((len(fits), f.size), np.nan)
    im = np.full((len(fits), f.size), np.nan)
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
        re[rows], im[rows] = chi_real_imag(model, f, p)
    return re, im
