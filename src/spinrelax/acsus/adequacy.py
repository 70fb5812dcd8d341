"""Model adequacy: whether another model describes a spectrum clearly better than the reported
one (the ``model_inadequate`` flag and ``better_model``), and which spectra need the
alternatives fitted at all.

Model comparison uses the least-squares AIC n ln(cost / n) + 2 P of each fit under the same
weighting (Burnham & Anderson, *Model Selection and Multimodel Inference*, 2nd ed. (2002),
Sec. 2.2; lmfit's ``aic``), among "clean" fits only: usable and no width at its upper bound (the
richer model degenerates into a background).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.acsus.models import ALPHA_MAX
from spinrelax.acsus.qc import (
    QCSettings,
)


def clean_fits(fit: pd.DataFrame) -> NDArray:
    """(B,) True where a fit may be compared or chosen: usable (converged, no disqualifying
    flag), no width at its upper bound :data:`~spinrelax.acsus.models.ALPHA_MAX` (a process
    spread over every time scale: the model degenerates into a background), finite AIC."""
    aic = fit["aic"].to_numpy(dtype=float)
    broad = np.zeros(len(fit), dtype=bool)
    for name in ("alpha", "alpha2"):
        broad |= fit[name].to_numpy(dtype=float) >= ALPHA_MAX - 1e-6
    return fit["usable"].to_numpy(dtype=bool) & ~broad & np.isfinite(aic)


def ln_peak(fit: pd.DataFrame) -> tuple[NDArray, NDArray]:
    """ln tau_peak (B,) and its relative error (B,) of a fit table."""
    tau = fit["tau_peak_s"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(tau), fit["tau_peak_err_s"].to_numpy(dtype=float) / tau


def clearly_better(
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
    (:func:`clean_fits`) of another model has an AIC lower than the chosen fit's by more than
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
    ok = np.stack([clean_fits(f) for f in others]) & (names != model)
    ln_pk, rel = ln_peak(chosen.iloc[rows])
    for j, f in enumerate(others):
        alt_pk, alt_rel = ln_peak(f)
        ok[j] &= failed | clearly_better(aic[j], alt_pk, alt_rel, base, ln_pk, rel, qc)
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
