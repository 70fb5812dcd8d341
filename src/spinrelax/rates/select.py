"""Automatic choice among candidate relaxation laws by information criteria, table kept.

Every candidate is fitted to the same points with the same weights; the chosen law is the
converged candidate with the lowest AICc (Burnham & Anderson 2002, sec. 2.4: prefer AICc when
n/K < 40, as for a few tens of temperatures). Delta AICc and the Akaike weights
exp(-Delta/2) / sum are reported for every candidate, with AIC, BIC, chi2_red and the converged
flag, so a reader can see how clearly a law wins (Delta > ~4: clearly less supported).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from spinrelax.rates.fit import LawFit, fit_law
from spinrelax.rates.laws import law_params, parse_law

#: Default candidate laws of tau(T) (zero field) and of tau(T) in a dc field.
T_CANDIDATES: tuple[str, ...] = (
    "orbach",
    "raman",
    "orbach+qtm",
    "raman+qtm",
    "orbach+raman",
    "orbach+raman+qtm",
)
T_CANDIDATES_IN_FIELD: tuple[str, ...] = (
    *T_CANDIDATES,
    "raman+direct",
    "orbach+direct",
    "orbach+raman+direct",
)
#: Default candidate laws of tau(H) at fixed T.
H_CANDIDATES: tuple[str, ...] = (
    "constant",
    "qtm_field",
    "qtm_field+constant",
    "qtm_field+raman_field",
    "qtm_field+raman_field+constant",
    "qtm_field+direct_field+constant",
    "brons_van_vleck",
    "qtm_field+brons_van_vleck",
)

CANDIDATE_COLUMNS: tuple[str, ...] = (
    "law",
    "n_params",
    "n_points",
    "chi2_red",
    "aic",
    "aicc",
    "bic",
    "delta_aicc",
    "akaike_weight",
    "converged",
    "selected",
    "message",
)


def compare_laws(
    T_K: ArrayLike,
    H_Oe: ArrayLike,
    rate_s: ArrayLike,
    sigma_ln: ArrayLike,
    candidates: Sequence[str],
    *,
    fixed: Mapping[str, float] | None = None,
    seed: int = 0,
) -> tuple[LawFit | None, dict[str, LawFit], pd.DataFrame]:
    """(chosen fit, every candidate's fit, candidate table with :data:`CANDIDATE_COLUMNS`).

    ``fixed`` values apply to the candidates that have the parameter. The chosen fit is None
    when no candidate converged.
    """
    fits: dict[str, LawFit] = {}
    for law in candidates:
        terms = parse_law(law)
        names = {p.name for p in law_params(terms)}
        own = {k: v for k, v in (fixed or {}).items() if k in names}
        fits["+".join(terms)] = fit_law(T_K, H_Oe, rate_s, sigma_ln, terms, fixed=own, seed=seed)
    table = candidate_table(fits)
    chosen = table.loc[table["selected"], "law"]
    return (fits[chosen.iloc[0]] if len(chosen) else None), fits, table


def candidate_table(fits: Mapping[str, LawFit]) -> pd.DataFrame:
    """The candidate table of :func:`compare_laws` from fitted laws."""
    rows = [
        {
            "law": law,
            "n_params": len(f.free),
            "n_points": f.n_points,
            "chi2_red": f.chi2_red,
            "aic": f.aic,
            "aicc": f.aicc,
            "bic": f.bic,
            "converged": f.converged,
            "message": f.message,
        }
        for law, f in fits.items()
    ]
    derived = ("delta_aicc", "akaike_weight", "selected")
    table = pd.DataFrame(rows, columns=[c for c in CANDIDATE_COLUMNS if c not in derived])
    conv = table["converged"].astype(bool)
    # AICc where it is defined for a converged candidate (n > K + 1), else AIC for all
    crit = table["aicc"] if (conv & np.isfinite(table["aicc"])).any() else table["aic"]
    ok = conv & np.isfinite(crit)
    best = crit[ok].min() if ok.any() else np.nan
    table["delta_aicc"] = (crit - best).where(ok)  # no number from a failed fit
    w = np.where(ok, np.exp(-0.5 * table["delta_aicc"].fillna(np.inf)), 0.0)
    table["akaike_weight"] = np.where(ok, w / w.sum(), np.nan) if w.sum() > 0 else np.nan
    selected = np.zeros(len(table), dtype=bool)
    if ok.any():
        order = table.assign(c=crit).loc[ok].sort_values(["c", "n_params"], kind="stable")
        selected[order.index[0]] = True
    table["selected"] = selected
    return table.loc[:, list(CANDIDATE_COLUMNS)]
