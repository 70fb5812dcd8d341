"""Automatic choice among candidate relaxation laws by information criteria, table kept.

Every candidate is fitted to the same points with the same weights. A candidate is *eligible*
only if every free parameter is determined: the fit converged away from the bounds, every 68 %
profile-likelihood interval is closed on both sides (``intervals.py``) and no term's parameters
are correlated with the other terms' beyond ``max_correlation`` (largest canonical correlation,
:func:`term_correlations`; :data:`DEFAULT_MAX_CORRELATION`). The chosen law is
the eligible candidate with the lowest AICc (Burnham & Anderson 2002, sec. 2.4: prefer AICc
when n/K < 40, as for a few tens of temperatures). Delta AICc and the Akaike weights
exp(-Delta/2) / sum (over eligible laws) are reported with AIC, BIC, chi2_red, the status
(:data:`STATUSES`) and its reason for every candidate, so a reader can see how clearly a law
wins (Delta > ~4: clearly less supported) and why others were not chosen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from spinrelax.rates.fit import LawFit, fit_law
from spinrelax.rates.intervals import law_intervals
from spinrelax.rates.laws import TERMS, law_params, parse_law

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

#: Largest |correlation| of two fitted parameters of an eligible law (see docs/rate_laws.md).
DEFAULT_MAX_CORRELATION = 0.99
#: A profile deviance below this means the fit had not found the minimum.
MISSED_MINIMUM = -0.01

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
    "status",
    "selected",
    "U_K",
    "U_ci68_low_K",
    "U_ci68_high_K",
    "max_term_correlation",
    "message",
)
#: Statuses of a candidate (``not_determined`` is followed by ``: <parameters>``).
STATUSES: tuple[str, ...] = ("chosen", "eligible", "not_determined", "not_converged", "at_bound")


def term_correlations(fit: LawFit) -> dict[str, float]:
    """Largest canonical correlation between each term's free parameters and those of the other
    terms (Hotelling, Biometrika 28, 321 (1936)), from the fit's correlation matrix.

    It bounds every pairwise |correlation| of a parameter of the term with one of another term,
    and, unlike a pairwise correlation inside one term (ln tau0 with U, ln C with n, set by how
    far the data lie from the prefactor's reference T -> infinity or 1 K), it does not depend on
    how a term is parameterised. Terms alone in their law or without free parameters are left
    out.
    """
    R = np.asarray(fit.correlation, dtype=float)
    idx = {n: i for i, n in enumerate(fit.free)}
    out: dict[str, float] = {}
    if R.shape[0] < 2 or not np.isfinite(R).all():
        return out
    for term in fit.terms:
        a = [idx[p.name] for p in TERMS[term].params if p.name in idx]
        b = [i for i in range(len(fit.free)) if i not in a]
        if not a or not b:
            continue
        try:
            M = np.linalg.solve(R[np.ix_(a, a)], R[np.ix_(a, b)]) @ np.linalg.solve(
                R[np.ix_(b, b)], R[np.ix_(b, a)]
            )
        except np.linalg.LinAlgError:
            out[term] = 1.0
            continue
        out[term] = float(np.sqrt(np.clip(np.max(np.linalg.eigvals(M).real), 0.0, 1.0)))
    return out


def law_status(fit: LawFit, max_correlation: float = DEFAULT_MAX_CORRELATION) -> tuple[str, str]:
    """(status, reason) of a fitted candidate: ``at_bound``, ``not_converged``,
    ``not_determined: <parameters>`` (a 68 % profile limit open, or a term whose parameters are
    correlated with the other terms' beyond ``max_correlation``, :func:`term_correlations`) or
    ``eligible``."""
    if fit.at_bound:
        return "at_bound", f"{', '.join(fit.at_bound)} at its bound"
    if not fit.converged:
        return "not_converged", fit.message
    if fit.profile_min_deviance < MISSED_MINIMUM:
        return "not_converged", "the profile likelihood found a lower chi2 than the fit"
    names = [
        n for n in fit.free if not np.all(np.isfinite(fit.intervals.get(n, (np.nan,) * 2)[:2]))
    ]
    reasons = [f"68 % profile interval of {n} open" for n in names]
    corr = term_correlations(fit)
    for term, r in sorted(corr.items(), key=lambda kv: -kv[1]):
        if r > max_correlation:
            reasons.append(f"{term} correlated {r:.4f} > {max_correlation:g} with the other terms")
            names += [
                p.name for p in TERMS[term].params if p.name in fit.free and p.name not in names
            ]
    if names:
        return "not_determined: " + ",".join(names), "; ".join(reasons)
    return "eligible", ""


def compare_laws(
    T_K: ArrayLike,
    H_Oe: ArrayLike,
    rate_s: ArrayLike,
    sigma_ln: ArrayLike,
    candidates: Sequence[str],
    *,
    fixed: Mapping[str, float] | None = None,
    seed: int = 0,
    max_correlation: float = DEFAULT_MAX_CORRELATION,
    variable: str | None = None,
) -> tuple[LawFit | None, dict[str, LawFit], pd.DataFrame]:
    """(chosen fit, every candidate's fit with its profile intervals (68 % only, both levels
    for the chosen law), candidate table with :data:`CANDIDATE_COLUMNS`).

    ``fixed`` values apply to the candidates that have the parameter; ``variable`` is passed to
    :func:`fit.fit_law` (``"TH"`` for a global fit). The chosen fit is the
    eligible law (:func:`law_status`) with the lowest AICc; when no law is eligible, the
    converged law with the lowest AICc (its status says what is not determined); None when no
    candidate converged.
    """
    fits: dict[str, LawFit] = {}
    for law in candidates:
        terms = parse_law(law)
        names = {p.name for p in law_params(terms)}
        own = {k: v for k, v in (fixed or {}).items() if k in names}
        fit = fit_law(T_K, H_Oe, rate_s, sigma_ln, terms, fixed=own, seed=seed, variable=variable)
        if fit.converged:  # 68 % limits decide eligibility; 95 % for the chosen law below
            fit = law_intervals(fit, T_K, H_Oe, rate_s, sigma_ln, with_95=False)
        fits["+".join(terms)] = fit
    table = candidate_table(fits, max_correlation)
    chosen = table.loc[table["selected"], "law"]
    if not len(chosen):
        return None, fits, table
    law = chosen.iloc[0]
    fits[law] = law_intervals(fits[law], T_K, H_Oe, rate_s, sigma_ln)
    return fits[law], fits, table


def candidate_table(
    fits: Mapping[str, LawFit], max_correlation: float = DEFAULT_MAX_CORRELATION
) -> pd.DataFrame:
    """The candidate table of :func:`compare_laws` from fitted laws (intervals filled).

    Numbers of a candidate that did not converge or sits at a bound are left empty (its status
    and message say why); a candidate whose parameters are not all determined keeps its U_K
    but publishes no U interval.
    """
    rows = []
    for law, f in fits.items():
        status, reason = law_status(f, max_correlation)
        failed = status in ("not_converged", "at_bound")
        # a law whose parameters are not all determined publishes no U interval
        open_u = failed or status.startswith("not_determined")
        u = (np.nan, np.nan) if open_u else f.intervals.get("U_K", (np.nan, np.nan))
        rows.append(
            {
                "law": law,
                "n_params": len(f.free),
                "n_points": f.n_points,
                "chi2_red": np.nan if failed else f.chi2_red,
                "aic": np.nan if failed else f.aic,
                "aicc": np.nan if failed else f.aicc,
                "bic": np.nan if failed else f.bic,
                "converged": f.converged,
                "status": status,
                "U_K": np.nan if failed else f.params.get("U_K", np.nan),
                "U_ci68_low_K": u[0],
                "U_ci68_high_K": u[1],
                "max_term_correlation": (
                    np.nan if failed else max(term_correlations(f).values(), default=np.nan)
                ),
                "message": reason if reason and reason != f.message else f.message,
            }
        )
    derived = ("delta_aicc", "akaike_weight", "selected")
    table = pd.DataFrame(rows, columns=[c for c in CANDIDATE_COLUMNS if c not in derived])
    eligible = table["status"].eq("eligible")
    conv = table["converged"].astype(bool) & ~table["status"].isin(["not_converged", "at_bound"])
    pool = eligible if eligible.any() else conv
    # AICc where it is defined for the pool (n > K + 1), else AIC for all
    crit = table["aicc"] if (pool & np.isfinite(table["aicc"])).any() else table["aic"]
    ok = pool & np.isfinite(crit)
    best = crit[ok].min() if ok.any() else np.nan
    table["delta_aicc"] = (crit - best).where(conv)
    w = np.where(ok, np.exp(-0.5 * table["delta_aicc"].fillna(np.inf)), 0.0)
    table["akaike_weight"] = np.where(ok, w / w.sum(), np.nan) if w.sum() > 0 else np.nan
    selected = np.zeros(len(table), dtype=bool)
    if ok.any():
        order = table.assign(c=crit).loc[ok].sort_values(["c", "n_params"], kind="stable")
        selected[order.index[0]] = True
    table["selected"] = selected
    table.loc[selected & eligible.to_numpy(), "status"] = "chosen"
    return table.loc[:, list(CANDIDATE_COLUMNS)]
