"""Batch fitting: every spectrum of a tidy ac table in vectorised passes (guesses, batched LM,
multi-start, outlier pass), one model at a time, and for ``model="auto"`` one model per sample
series (:mod:`spinrelax.acsus.model_choice`).

The table each pass produces (columns, errors, derived times and rates, QC flags, ``usable``) is
:mod:`spinrelax.acsus.fit_table`; whether another model fits a spectrum clearly better
(``model_inadequate``) is :mod:`spinrelax.acsus.adequacy`; the parameter box is
:mod:`spinrelax.acsus.bounds`; values of fits that did not converge are withheld
(:mod:`spinrelax.acsus.withheld`). ``converged`` is False when the optimiser failed or the data
cannot define a relaxation (flat, negative chi'', too few points); ``usable`` additionally
requires no disqualifying flag.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.acsus.adequacy import mark_inadequate, needs_alternatives
from spinrelax.acsus.bounds import model_bounds
from spinrelax.acsus.engine import BatchResult, LMSettings, levenberg_marquardt
from spinrelax.acsus.fit_table import RESULT_COLUMNS, TEXT_COLUMNS, outlier_text, tabulate
from spinrelax.acsus.guesses import alternative_starts, initial_params, two_process_starts
from spinrelax.acsus.models import MODEL_NAMES, MODELS, chi_complex
from spinrelax.acsus.packing import WEIGHTINGS, Packed, pack_spectra
from spinrelax.acsus.qc import (
    QCSettings,
    nanmedian_rows,
)
from spinrelax.acsus.withheld import withhold_failed
from spinrelax.progress import Progress

logger = logging.getLogger(__name__)


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
                    text[fit_rows] = outlier_text(sub.freq_Hz, drop)
                    for name in ("mask", "weight_real", "weight_imag"):
                        getattr(sub, name)[drop] = 0
                        getattr(part, name)[fit_rows] = getattr(sub, name)
                    refit = fit_batch(model, sub.subset(again), settings.lm, first.params[again])
                    _take(first, refit, again, np.ones(again.size, bool))
                    n_out[fit_rows] = drop.sum(axis=-1)
                    res.n_residuals[:] = 2 * part.n_points
            _take(res, first, fit_rows, np.ones(fit_rows.size, bool))
        table = tabulate(model, part, res, n_out, text, settings)
        tables.append(table)
        progress.update(start + len(part.scale))
    if not tables:  # no spectra at all: an empty table with every column
        empty = pd.DataFrame({k: v[:0] for k, v in packed.keys.items()})
        for name in RESULT_COLUMNS:
            empty[name] = pd.Series(dtype=object if name in TEXT_COLUMNS else float)
        return empty
    return tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)


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
