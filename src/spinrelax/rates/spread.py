"""Model uncertainty of U_eff next to the statistical one: its spread over laws and T windows.

The profile interval of U_eff (``intervals.py``) is the statistical uncertainty *given* the law
and the temperatures fitted. Two documented choices move U_eff further, and the table of this
module lists both for every tau(T) series whose chosen law has an Orbach term:

- ``kind = law``: U_eff of every candidate with an Orbach term that is eligible (every
  parameter determined, ``select.law_status``), the chosen one included;
- ``kind = window``: the chosen law refitted (started from its optimum, same weights and fixed
  parameters) without the lowest and without the highest :data:`WINDOW_FRACTION` of the
  temperatures (at least one point each), the windows a reader would most plausibly try.

A window fit that does not converge or sits at a bound is listed with an empty U_eff.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from spinrelax.rates.fit import LawFit, fit_law
from spinrelax.rates.tables import KEY_COLUMNS

#: Fraction of the temperatures left out at each end for the window refits.
WINDOW_FRACTION = 0.2
SPREAD_COLUMNS: tuple[str, ...] = (
    *KEY_COLUMNS,
    "kind",
    "law",
    "T_min_K",
    "T_max_K",
    "n_points",
    "U_K",
    "U_err_K",
    "status",
    "delta_aicc",
)


def window_fits(
    fit: LawFit, T_K: np.ndarray, H_Oe: np.ndarray, rate_s: np.ndarray, sigma_ln: np.ndarray
) -> list[tuple[float, float, LawFit]]:
    """(T_min_K, T_max_K, refit) of ``fit``'s law without the lowest and without the highest
    :data:`WINDOW_FRACTION` of the distinct temperatures; windows with too few points skipped."""
    temps = np.unique(T_K)
    drop = max(1, int(round(WINDOW_FRACTION * temps.size)))
    out = []
    for lo, hi in ((temps[drop], temps[-1]), (temps[0], temps[-1 - drop])):
        inside = (T_K >= lo) & (T_K <= hi)
        if inside.sum() < len(fit.free) + 2:
            continue
        refit = fit_law(T_K[inside], H_Oe[inside], rate_s[inside], sigma_ln[inside], fit.terms,
                        fixed={k: fit.params[k] for k in fit.fixed}, start=fit.params,
                        n_starts=0)  # fmt: skip
        out.append((float(lo), float(hi), refit))
    return out


def spread_rows(
    key: Mapping[str, object],
    chosen: LawFit,
    fits: Mapping[str, LawFit],
    statuses: Mapping[str, str],
    delta_aicc: Mapping[str, float],
    T_K: np.ndarray,
    H_Oe: np.ndarray,
    rate_s: np.ndarray,
    sigma_ln: np.ndarray,
) -> pd.DataFrame:
    """Rows of :data:`SPREAD_COLUMNS` for one tau(T) series (empty if no Orbach term)."""
    if "U_K" not in chosen.params or chosen.variable != "T" or not chosen.converged:
        return pd.DataFrame(columns=SPREAD_COLUMNS)
    T_lo, T_hi = float(np.min(T_K)), float(np.max(T_K))
    rows = []
    for law, f in fits.items():
        status = statuses.get(law, "")
        if "U_K" in f.params and (status in ("chosen", "eligible") or f is chosen):
            rows.append(("law", law, T_lo, T_hi, f.n_points, f.params["U_K"], f.errors["U_K"],
                         status, delta_aicc.get(law, np.nan)))  # fmt: skip
    for lo, hi, f in window_fits(chosen, T_K, H_Oe, rate_s, sigma_ln):
        ok = f.converged
        rows.append(("window", f.law, lo, hi, f.n_points,
                     f.params["U_K"] if ok else np.nan, f.errors["U_K"] if ok else np.nan,
                     "converged" if ok else ("at_bound" if f.at_bound else "not_converged"),
                     np.nan))  # fmt: skip
    table = pd.DataFrame(rows, columns=list(SPREAD_COLUMNS[len(KEY_COLUMNS) :]))
    for col, value in reversed(list(key.items())):
        table.insert(0, col, value)
    return table


def ueff_range(spread: pd.DataFrame, kind: str) -> tuple[float, float, int]:
    """(lowest, highest U_K, number of values) of one ``kind`` of rows of a series' table."""
    u = spread.loc[spread["kind"] == kind, "U_K"].dropna()
    if u.empty:
        return np.nan, np.nan, 0
    return float(u.min()), float(u.max()), int(u.size)


def window_fraction_text() -> str:
    """:data:`WINDOW_FRACTION` as a percentage, for captions and sentences."""
    return f"{100 * WINDOW_FRACTION:g} %"
