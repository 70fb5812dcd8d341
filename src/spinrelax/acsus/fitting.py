"""Fit every spectrum of a tidy ac table in vectorised passes: guesses, batched LM, multi-start,
uncertainties, sigma_lntau, QC flags and, for ``model="auto"``, per-spectrum choice by AIC.

Output: one row per spectrum (:data:`RESULT_COLUMNS` after the key columns). Uncertainties are
1 sigma from the covariance scaled by the reduced chi^2. The relaxation rate is
exp(-<ln tau>) (= 1/tau for Debye and generalized Debye; Zorn 2002 for HN/CD) with its
covariance error and the band exp(-<ln tau> -+ sigma_lntau) of Reta & Chilton, PCCP 21, 23567
(2019). ``converged`` is False when the optimiser failed or the data cannot define a relaxation
(flat, negative chi'', too few points); ``usable`` additionally requires no disqualifying flag.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.acsus.distribution import mean_ln_tau, peak_coverage, sigma_ln_tau
from spinrelax.acsus.engine import BatchResult, LMSettings, levenberg_marquardt
from spinrelax.acsus.guesses import alternative_starts, initial_params
from spinrelax.acsus.models import MODEL_NAMES, MODELS, chi_complex
from spinrelax.acsus.packing import Packed, pack_spectra
from spinrelax.acsus.qc import (
    QCSettings,
    data_flags,
    disqualified,
    fit_flags,
    join_flags,
    nanmedian_rows,
)
from spinrelax.progress import Progress

logger = logging.getLogger(__name__)

RESULT_COLUMNS: tuple[str, ...] = (
    "model",
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
    "tau2_s",
    "tau2_err_s",
    "alpha2",
    "alpha2_err",
    "dchi2",
    "dchi2_err",
    "rate_s-1",
    "rate_err_s-1",
    "rate_lo_s-1",
    "rate_hi_s-1",
    "sigma_lntau",
    "chi2_red",
    "aic",
    "n_points",
    "n_outliers",
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

#: Flags meaning the data do not define a relaxation: the fit is reported as not converged.
NOT_A_FIT = ("too_few_points", "flat", "negative_chi_imag")


@dataclass(frozen=True)
class FitSettings:
    """Model choice (a name from :data:`MODEL_NAMES` or ``"auto"``), AIC candidates, chunking,
    and outlier rejection: after a first fit, points whose residual exceeds ``outlier_sigma``
    robust standard deviations (1.4826 MAD of the spectrum's weighted residuals) are dropped,
    at most ``max_outlier_fraction`` of the points (largest first), and the spectrum is refitted
    (0 disables). Dropped points are counted in ``n_outliers`` and flagged ``outliers_removed``."""

    model: str = "generalized_debye"
    candidates: tuple[str, ...] = (
        "debye",
        "generalized_debye",
        "havriliak_negami",
        "cole_davidson",
    )
    lm: LMSettings = field(default_factory=LMSettings)
    qc: QCSettings = field(default_factory=QCSettings)
    chunk_size: int = 8192
    outlier_sigma: float = 8.0
    max_outlier_fraction: float = 0.1

    def __post_init__(self) -> None:
        names = self.candidates if self.model == "auto" else (self.model,)
        for name in names:
            if name not in MODEL_NAMES:
                raise ValueError(f"unknown model {name!r}; choose from {MODEL_NAMES} or 'auto'")


def _run_lm(model: str, packed: Packed, p0: NDArray, lm: LMSettings) -> BatchResult:
    return levenberg_marquardt(
        model,
        packed.omega_rad_s,
        packed.chi_real,
        packed.chi_imag,
        packed.weight_real,
        packed.weight_imag,
        p0,
        lm,
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
    it converges to a lower cost."""
    ln_omega = np.log(packed.omega_rad_s)
    guess = initial_params(model, ln_omega, packed.chi_real, packed.chi_imag, packed.mask)
    res = _run_lm(model, packed, guess if p_start is None else p_start, lm)
    starts = ([] if p_start is None else [guess]) + alternative_starts(model, guess)
    for start in starts:
        rows = np.flatnonzero(~res.converged | _degenerate(model, res.params))
        if rows.size == 0:
            break
        alt = _run_lm(model, packed.subset(rows), start[rows], lm)
        lower = alt.cost < res.cost[rows]
        better = np.where(res.converged[rows], alt.converged & lower, alt.converged | lower)
        _take(res, alt, rows, better)
    if model == "double_generalized_debye":
        _order_processes(res)
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


def _grad_mean_ln_tau(model: str, p: NDArray) -> NDArray:
    """d<ln tau>/dp (B, P) by central differences (exact for Debye/GD, smooth for HN/CD)."""
    grad = np.zeros_like(p)
    # <ln tau> depends on these columns only; the other derivatives are exactly 0.
    for k, name in enumerate(MODELS[model].params):
        if name not in ("ln_tau", "alpha", "gamma"):
            continue
        h = 1e-6 * np.maximum(np.abs(p[:, k]), 1e-3)
        hi, lo = p.copy(), p.copy()
        hi[:, k] += h
        lo[:, k] -= h
        grad[:, k] = (mean_ln_tau(model, hi) - mean_ln_tau(model, lo)) / (2.0 * h)
    return grad


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


def _tabulate(
    model: str, packed: Packed, res: BatchResult, n_outliers: NDArray, qc: QCSettings
) -> pd.DataFrame:
    """Physical-unit result table of one model for the spectra in ``packed`` (``n_outliers``
    (B,): points dropped by the outlier pass; informational, ``usable`` does not depend on it)."""
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
    g = _grad_mean_ln_tau(model, p)
    mean_err = np.sqrt(np.maximum(np.einsum("bp,bpq,bq->b", g, cov, g), 0.0))
    sig = sigma_ln_tau(model, p)
    f_lo = np.where(packed.mask, packed.freq_Hz, np.inf).min(axis=-1)
    f_hi = np.where(packed.mask, packed.freq_Hz, -np.inf).max(axis=-1)
    f_peak = np.exp(-mean) / (2.0 * np.pi)
    cover = peak_coverage(model, p, f_lo, f_hi)
    flags = data_flags(packed, spec.n_params, qc)
    amp_k = [idx["dchi"]] + ([idx["dchi2"]] if "dchi2" in idx else [])
    amp = p[:, amp_k].sum(axis=-1)
    amp_err = np.sqrt(np.maximum(cov[:, amp_k][:, :, amp_k].sum(axis=(1, 2)), 0.0))
    insignificant = np.isfinite(amp) & ~(amp > qc.min_amplitude_sigma * amp_err)
    flags["flat"] = flags["flat"] | (insignificant & ~flags["too_few_points"])
    not_fit = np.any([flags[name] for name in NOT_A_FIT], axis=0)
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
            res.chi2_red,
            packed.weighted,
            qc,
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
    dchi2, dchi2_err = col("dchi2")
    chi_s, chi_s_err = col("chi_S")
    out: dict[str, object] = dict(packed.keys)
    with np.errstate(over="ignore"):
        out |= {
            "model": np.full(n_b, model, dtype=object),
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
            "tau2_s": np.exp(ln_tau2),
            "tau2_err_s": np.exp(ln_tau2) * ln_tau2_err,
            "alpha2": alpha2,
            "alpha2_err": alpha2_err,
            "dchi2": dchi2 * s,
            "dchi2_err": dchi2_err * s,
            "rate_s-1": np.exp(-mean),
            "rate_err_s-1": np.exp(-mean) * mean_err,
            "rate_lo_s-1": np.exp(-mean - sig),
            "rate_hi_s-1": np.exp(-mean + sig),
            "sigma_lntau": sig,
            "chi2_red": res.chi2_red,
            "aic": res.aic,
            "n_points": packed.n_points,
            "n_outliers": n_outliers,
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
        if fit_rows.size:
            # ``part`` is already a private copy: subset it only when some spectra are skipped.
            sub = part if fit_rows.size == len(part.scale) else part.subset(fit_rows)
            first = fit_batch(model, sub, settings.lm)
            if settings.outlier_sigma > 0:
                drop = outlier_points(model, sub, first.params, settings)
                again = np.flatnonzero(drop.any(axis=-1))
                if again.size:
                    for name in ("mask", "weight_real", "weight_imag"):
                        getattr(sub, name)[drop] = 0
                        getattr(part, name)[fit_rows] = getattr(sub, name)
                    refit = fit_batch(model, sub.subset(again), settings.lm, first.params[again])
                    _take(first, refit, again, np.ones(again.size, bool))
                    n_out[fit_rows] = drop.sum(axis=-1)
                    res.n_residuals[:] = 2 * part.n_points
            _take(res, first, fit_rows, np.ones(fit_rows.size, bool))
        table = _tabulate(model, part, res, n_out, settings.qc)
        tables.append(table)
        progress.update(start + len(part.scale))
    if not tables:  # no spectra at all: an empty table with every column
        empty = pd.DataFrame({k: v[:0] for k, v in packed.keys.items()})
        for name in RESULT_COLUMNS:
            empty[name] = pd.Series(dtype=object if name in ("model", "flags") else float)
        return empty
    return tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)


def select_by_aic(fits: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Per row, the model with the lowest AIC among usable fits (else among all finite AICs)."""
    aic = np.stack([f["aic"].to_numpy(dtype=float) for f in fits])
    usable = np.stack([f["usable"].to_numpy(dtype=bool) for f in fits])
    score = np.where(np.isfinite(aic), aic, np.inf)
    best_usable = np.argmin(np.where(usable, score, np.inf), axis=0)
    best_any = np.argmin(score, axis=0)
    choice = np.where(usable.any(axis=0), best_usable, best_any)
    stacked = pd.concat(list(fits), ignore_index=True)
    return stacked.iloc[choice * len(fits[0]) + np.arange(len(fits[0]))].reset_index(drop=True)


def fit_spectra(
    table: pd.DataFrame, keys: Sequence[str], settings: FitSettings = FitSettings()
) -> pd.DataFrame:
    """Fit every spectrum (rows grouped by ``keys``) of a tidy table; one result row each.

    Columns needed: keys, ``freq_Hz``, ``chi_real``, ``chi_imag`` (optional ``*_err``); chi in
    any unit (results carry the same unit). Rows are sorted by the keys.
    """
    clash = sorted(set(keys) & {*RESULT_COLUMNS})
    if clash:
        raise ValueError(f"key columns {clash} would clash with result columns")
    packed = pack_spectra(table, keys)
    if settings.model != "auto":
        return fit_packed(settings.model, packed, settings)
    return select_by_aic([fit_packed(name, packed, settings) for name in settings.candidates])


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
