"""Sentences of a report on the rate-law choice: why the chosen law won, what the runner-up gives,
U_eff with its profile interval, and its spread over eligible laws and temperature windows.

Built from the tables of :mod:`spinrelax.rates.analysis` only (candidates, parameters, spread),
so a reader can find every number of a sentence in the CSV tables beside the report.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from spinrelax.rates.analysis import RateResults
from spinrelax.rates.si_table import interval_text
from spinrelax.rates.spread import ueff_range, window_fraction_text

_KEYS = ["process", "series", "at_T_K", "at_H_Oe"]
#: What the error bars and the band of the tau figures are (shared by their captions).
TAU_ERRORS = (
    "Error bars: 1-sigma fit error of tau from the spectrum fit (rate_err_s-1 of the rates "
    "table; sigma_ln_fit of rate_points.csv). Shaded band: width of the distribution of "
    "relaxation times, tau exp(+-sigma_lntau) (the rates table's sigma_lntau and "
    "rate_lo_s-1/rate_hi_s-1), not an error of tau. The rate-law fit weights each point by "
    "sigma_ln of rate_points.csv (default: the larger of the two, ccfit2's rule)."
)


def _where(row: pd.Series) -> str:
    proc = f", process {int(row['process'])}" if int(row["process"]) > 1 else ""
    if row["series"] == "TH":  # global fit (rates/global_fit.py)
        return f"tau(T, H) over every point{proc}"
    at = f"{row['at_H_Oe']:g} Oe" if row["series"] == "T" else f"{row['at_T_K']:g} K"
    return f"tau({row['series']}) at {at}{proc}"


def _match(table: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    ok = np.ones(len(table), dtype=bool)
    for k in _KEYS:
        a = table[k].to_numpy()
        if k in ("at_T_K", "at_H_Oe"):
            a, b = a.astype(float), float(key[k])
            ok &= np.isclose(a, b) | (np.isnan(a) & np.isnan(b))
        else:
            ok &= a == key[k]
    return table.loc[ok]


def choice_sentence(cands: pd.DataFrame) -> str:
    """Why the chosen law of one series won (or that none was eligible) and the runner-up."""
    chosen = cands.loc[cands["selected"].astype(bool)]
    eligible = cands.loc[cands["status"].isin(["chosen", "eligible"])]
    others = cands.loc[~cands["status"].isin(["chosen", "eligible"])]
    excluded = "; ".join(f"{r.law} ({r.status})" for r in others.itertuples())
    tail = f" Not eligible: {excluded}." if excluded else ""
    if chosen.empty:
        return "No candidate law converged: no rate-law parameter is published." + tail
    c = chosen.iloc[0]
    if c["status"] != "chosen":
        return (f"No candidate law has every parameter determined; {c['law']} (lowest AICc of "
                f"the converged laws) is shown with its undetermined parameters flagged.{tail}")  # fmt: skip
    text = (f"{c['law']} was chosen: the lowest AICc of the {len(eligible)} candidate law(s) "
            "whose parameters are all determined.")  # fmt: skip
    rest = eligible.loc[eligible["law"] != c["law"]].sort_values("delta_aicc")
    if len(rest):
        r = rest.iloc[0]
        gives = (f"gives U_eff = {r['U_K']:.4g} K" if math.isfinite(r["U_K"])
                 else "has no Orbach term (no U_eff)")  # fmt: skip
        text += f" The runner-up, {r['law']} (Delta AICc = {r['delta_aicc']:.3g}), {gives}."
    return text + tail


def ueff_sentence(params: pd.DataFrame, spread: pd.DataFrame) -> str:
    """U_eff with its Wald error and profile intervals, and its spread (model uncertainty)."""
    u = params.loc[params["parameter"] == "U_K"]
    if u.empty or not math.isfinite(u["value"].iloc[0]):
        return ""
    r = u.iloc[0]
    if r["flag"] == "not_determined":
        return f"U_eff = {r['value']:.4g} K is not determined ({r['message']})."
    text = (f"U_eff = {r['value']:.4g} K (Wald error {r['err']:.2g} K; 68 % profile interval "
            f"{interval_text(r['ci68_low'], r['ci68_high'])} K, 95 % "
            f"{interval_text(r['ci95_low'], r['ci95_high'])} K).")  # fmt: skip
    lo, hi, n = ueff_range(spread, "law")
    if n > 1:
        text += (
            f" Over the {n} eligible laws with an Orbach term U_eff spans {lo:.4g} to {hi:.4g} K"
        )
        laws = spread.loc[spread["kind"] == "law"].dropna(subset=["U_K"])
        ends = laws.loc[laws["U_K"].isin([lo, hi])]
        text += (
            " ("
            + ", ".join(
                f"{e.law}: {e.U_K:.4g} K, Delta AICc {e.delta_aicc:.3g}" for e in ends.itertuples()
            )
            + ")."
        )
    lo, hi, n = ueff_range(spread, "window")
    if n:
        text += (f" Refitted without the lowest or the highest {window_fraction_text()} of the "
                 f"temperatures, the chosen law gives {lo:.4g} to {hi:.4g} K.")  # fmt: skip
    return text + " The spread is model uncertainty, next to the statistical interval."


def rate_law_paragraphs(results: RateResults | None) -> list[tuple[str, str]]:
    """One paragraph per fitted series (plain text): where (``tau(T) at 0 Oe``) and the
    sentences on the choice, U_eff and its uncertainties."""
    if results is None or results.candidates.empty:
        return []
    paragraphs = []
    keys = results.candidates.drop_duplicates(_KEYS)
    for _, key in keys.iterrows():
        cands = _match(results.candidates, key)
        text = choice_sentence(cands)
        params = _match(results.parameters, key) if len(results.parameters) else results.parameters
        spread = _match(results.spread, key) if len(results.spread) else results.spread
        if len(params) and len(spread):
            text += " " + ueff_sentence(params, spread)
        elif len(params):
            text += " " + ueff_sentence(params, pd.DataFrame(columns=["kind", "U_K"]))
        paragraphs.append((_where(key), text.strip()))
    return paragraphs
