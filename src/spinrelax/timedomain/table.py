"""Per-decay table of DC fits in the long form documented in docs/dc_decays.md.

One row per (file, decay, model, component). Every row carries the M_eq setting
(``meq_mode``, ``meq_value_emu``) and the M_0 setting (``m0_mode``) it was fitted with and, for the single stretched exponential,
``ln_tau_mean_other_meq``: <ln tau> with the other M_eq setting, the spread the M_eq choice
implies, and ``ln_tau_mean_other_m0``: the same for the M_0 setting. A fit that did not converge gives empty values, ``converged = False`` and its reason.

QC flags (``flags``, ``;``-separated):

- ``not_converged``: no values (see ``message``).
- ``no_equilibrium``: the decay does not pin M_eq: the other M_eq setting moves <ln tau> by
  more than :data:`NO_EQ_LN_SPREAD` (10 % in tau). A decay stopped before equilibrium does
  this (on the real K(18-c-6)[Er(hdcCOT)2] file: 2 K and 4 K); the fitted decay's own
  ``remaining_fraction_end`` cannot show it, since a fitted M_eq sits wherever the last
  readings are.
- ``negative_tail``: the median of the last :data:`TAIL_READINGS` readings has the opposite
  sign to the first reading (a remanent field or a moment offset; fitting M_eq absorbs it,
  fixing M_eq at 0 does not).
- ``m0_sensitive``: the other M_0 setting (fitted, or held at the first reading) moves
  <ln tau> by more than :data:`NO_EQ_LN_SPREAD`: the start of the decay is not pinned (the
  switch-off time is not in the file, and the first reading of each decay in the real file
  comes 14.5 s before the second instead of ~9.7 s).
- ``beta_at_1``: beta at its upper limit 1 (a simple exponential).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from spinrelax.io.dc_decay_reader import DcFileData
from spinrelax.io.dc_segmentation import Decays
from spinrelax.timedomain.distribution import (
    ln_tau_mean,
    ln_tau_mean_err,
    sigma_ln_tau,
    sigma_ln_tau_err,
)
from spinrelax.timedomain.stretched import BETA_MAX, DecayFit, fit_decay

NO_EQ_LN_SPREAD = 0.1
TAIL_READINGS = 10

#: Columns of the per-decay table, in order.
DC_TABLE_COLUMNS: tuple[str, ...] = (
    "file",
    "moment_column",
    "decay",
    "T_K",
    "T_span_K",
    "H_Oe",
    "n_readings",
    "duration_s",
    "first_line",
    "last_line",
    "model",
    "component",
    "meq_mode",
    "meq_value_emu",
    "m0_mode",
    "converged",
    "tau_star_s",
    "tau_star_err_s",
    "beta",
    "beta_err",
    "amplitude_emu",
    "amplitude_err_emu",
    "M0_emu",
    "M0_err_emu",
    "Meq_emu",
    "Meq_err_emu",
    "ln_tau_mean",
    "ln_tau_mean_err",
    "sigma_ln_tau",
    "sigma_ln_tau_err",
    "tau_mean_s",
    "ln_tau_mean_other_meq",
    "ln_tau_mean_other_m0",
    "r_squared",
    "rms_residual_emu",
    "remaining_fraction_end",
    "flags",
    "message",
)


def _flags(fit: DecayFit, moment: np.ndarray, other_ln_tau: float, other_m0: float) -> list[str]:
    if not fit.converged:
        return ["not_converged"]
    out = []
    c = fit.components[0]
    spread = abs(float(ln_tau_mean(c.tau_star_s, c.beta)) - other_ln_tau)
    if fit.model == "single" and not spread <= NO_EQ_LN_SPREAD:
        out.append("no_equilibrium")
    m0_spread = abs(float(ln_tau_mean(c.tau_star_s, c.beta)) - other_m0)
    if fit.model == "single" and not m0_spread <= NO_EQ_LN_SPREAD:
        out.append("m0_sensitive")
    tail = float(np.median(moment[-TAIL_READINGS:]))
    if np.sign(tail) == -np.sign(moment[0]) and tail != 0:
        out.append("negative_tail")
    if any(c.beta >= BETA_MAX - 1e-9 for c in fit.components):
        out.append("beta_at_1")
    return out


def _rows(fit: DecayFit, base: dict, flags: list[str], other: tuple[float, float]) -> list[dict]:
    common = base | {
        "model": fit.model,
        "meq_mode": fit.meq_mode,
        "m0_mode": fit.m0_mode,
        "converged": fit.converged,
        "flags": ";".join(flags),
        "message": fit.message,
    }
    if not fit.converged:
        return [common | {"component": 1}]
    rows = []
    for k, c in enumerate(fit.components, start=1):
        lnm = float(ln_tau_mean(c.tau_star_s, c.beta))
        rows.append(
            common
            | {
                "component": k,
                "tau_star_s": c.tau_star_s,
                "tau_star_err_s": c.tau_star_err_s,
                "beta": c.beta,
                "beta_err": c.beta_err,
                "amplitude_emu": c.amplitude_emu,
                "amplitude_err_emu": c.amplitude_err_emu,
                "M0_emu": fit.M0_emu,
                "M0_err_emu": fit.M0_err_emu,
                "Meq_emu": fit.Meq_emu,
                "Meq_err_emu": fit.Meq_err_emu,
                "ln_tau_mean": lnm,
                "ln_tau_mean_err": ln_tau_mean_err(c.tau_star_s, c.beta, c.cov_ln_tau_beta),
                "sigma_ln_tau": float(sigma_ln_tau(c.beta)),
                "sigma_ln_tau_err": sigma_ln_tau_err(c.beta, c.beta_err),
                "tau_mean_s": math.exp(lnm),
                "ln_tau_mean_other_meq": other[0],
                "ln_tau_mean_other_m0": other[1],
                "r_squared": fit.r_squared,
                "rms_residual_emu": fit.rms_residual_emu,
                "remaining_fraction_end": fit.remaining_fraction_end,
            }
        )
    return rows


def _ln_tau(fit: DecayFit) -> float:
    """<ln tau> of a converged single fit, else nan."""
    if not fit.converged:
        return float("nan")
    c = fit.components[0]
    return float(ln_tau_mean(c.tau_star_s, c.beta))


def fit_file_decays(
    data: DcFileData,
    decays: Decays,
    *,
    models: tuple[str, ...] = ("single",),
    meq_mode: str = "fit",
    meq_value_emu: float = 0.0,
    m0_mode: str = "fit",
) -> pd.DataFrame:
    """Fit every decay of one file with each of ``models``; the table of
    :data:`DC_TABLE_COLUMNS`."""
    other_mode = "fixed" if meq_mode == "fit" else "fit"
    rows: list[dict] = []
    r = decays.readings
    for s in decays.summary.itertuples():
        sel = r["decay"].to_numpy() == s.decay
        t = r["t_s"].to_numpy()[sel]
        m = r["moment_emu"].to_numpy()[sel]
        base = {
            "file": data.path,
            "moment_column": data.moment_column,
            "decay": s.decay,
            "T_K": s.T_K,
            "T_span_K": s.T_span_K,
            "H_Oe": s.H_Oe,
            "n_readings": s.n_readings,
            "duration_s": s.duration_s,
            "first_line": s.first_line,
            "last_line": s.last_line,
            "meq_value_emu": meq_value_emu if meq_mode == "fixed" else float("nan"),
        }
        for model in models:
            m0 = m0_mode if model == "single" else "fit"
            fit = fit_decay(
                t, m, model=model, meq_mode=meq_mode, meq_value_emu=meq_value_emu, m0_mode=m0
            )
            other = (float("nan"), float("nan"))
            if model == "single" and fit.converged:
                alt_meq = fit_decay(
                    t, m, meq_mode=other_mode, meq_value_emu=meq_value_emu, m0_mode=m0
                )
                alt_m0 = fit_decay(
                    t,
                    m,
                    meq_mode=meq_mode,
                    meq_value_emu=meq_value_emu,
                    m0_mode="first" if m0 == "fit" else "fit",
                )
                other = (_ln_tau(alt_meq), _ln_tau(alt_m0))
            rows += _rows(fit, base, _flags(fit, m, *other), other)
    table = pd.DataFrame(rows)
    return table.reindex(columns=list(DC_TABLE_COLUMNS))
