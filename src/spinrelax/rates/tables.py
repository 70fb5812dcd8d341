"""Long-form tables of rate-law fits: parameters, correlations and fitted curves.

Parameter table (:data:`PARAM_COLUMNS`): one row per parameter of the chosen law of each
series, its derived quantities (``U_eff_cm-1`` = U_K k_B/(h c), ``tau_QTM_s`` = 1/rate_qt_s-1
with its first-order error), the goodness of fit (``chi2_red``, ``n_points``, ``dof``,
``converged`` as 1/0, ``aicc``, ``bic``), and one ``aic`` row per candidate law (law column =
the candidate). ``fixed`` is True for parameters held constant (their err is empty).
A series is identified by sample, process (1 = slower), series (``T`` for tau(T) at the field
``at_H_Oe``, ``H`` for tau(H) at ``at_T_K``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from spinrelax.constants import CM1_PER_K
from spinrelax.rates.fit import LawFit
from spinrelax.rates.laws import law_params

KEY_COLUMNS: tuple[str, ...] = ("sample", "process", "series", "at_T_K", "at_H_Oe")
PARAM_COLUMNS: tuple[str, ...] = (
    *KEY_COLUMNS,
    "law",
    "parameter",
    "value",
    "err",
    "unit",
    "fixed",
)
#: Points of a fitted curve drawn per series.
CURVE_POINTS = 200


def series_keys(sample: str, process: int, variable: str, at: float) -> dict[str, object]:
    """The key columns of one series."""
    return {
        "sample": sample,
        "process": process,
        "series": variable,
        "at_T_K": at if variable == "H" else np.nan,
        "at_H_Oe": at if variable == "T" else np.nan,
    }


def _derived(fit: LawFit) -> list[tuple[str, float, float, str, bool]]:
    out = []
    p, e = fit.params, fit.errors
    fixed = fit.fixed
    if "U_K" in p:
        out.append(
            ("U_eff_cm-1", p["U_K"] * CM1_PER_K, e["U_K"] * CM1_PER_K, "cm^-1", "U_K" in fixed)
        )
    if "rate_qt_s-1" in p:
        r = p["rate_qt_s-1"]
        out.append(("tau_QTM_s", 1.0 / r, e["rate_qt_s-1"] / r**2, "s", "rate_qt_s-1" in fixed))
    return out


def parameter_rows(
    key: Mapping[str, object], fit: LawFit, candidates: Mapping[str, LawFit]
) -> pd.DataFrame:
    """Rows of :data:`PARAM_COLUMNS` for the chosen ``fit`` and the ``aic`` of every candidate."""
    rows = []
    for par in law_params(fit.terms):
        name = par.name
        rows.append(
            (fit.law, name, fit.params[name], fit.errors[name], par.unit, name in fit.fixed)
        )
    rows += [(fit.law, *d) for d in _derived(fit)]
    quality = (
        ("chi2_red", fit.chi2_red),
        ("n_points", fit.n_points),
        ("dof", fit.dof),
        ("converged", float(fit.converged)),
        ("aicc", fit.aicc),
        ("bic", fit.bic),
    )
    rows += [(fit.law, name, float(v), np.nan, "1", False) for name, v in quality]
    rows += [(law, "aic", f.aic, np.nan, "1", False) for law, f in candidates.items()]
    table = pd.DataFrame(rows, columns=list(PARAM_COLUMNS[len(KEY_COLUMNS) :]))
    for col, value in reversed(list(key.items())):
        table.insert(0, col, value)
    return table


def correlation_rows(key: Mapping[str, object], fit: LawFit) -> pd.DataFrame:
    """Correlation coefficients of every pair of fitted (internal) parameters of ``fit``."""
    rows = []
    for i, a in enumerate(fit.free):
        for j in range(i + 1, len(fit.free)):
            rows.append({**key, "law": fit.law, "parameter_1": a, "parameter_2": fit.free[j],
                         "correlation": float(fit.correlation[i, j])})  # fmt: skip
    return pd.DataFrame(rows)


def curve_rows(key: Mapping[str, object], fit: LawFit, x: pd.Series, at: float) -> pd.DataFrame:
    """The fitted law and each term on a log grid over the fitted range (+-10 %), for plots.

    Columns: key columns, law, T_K, H_Oe, rate_s-1 (total) and ``rate_<term>_s-1``.
    """
    positive = x[x > 0]
    if positive.empty:
        grid = np.linspace(0.0, float(x.max()) * 1.1 if len(x) else 1.0, CURVE_POINTS)
    else:
        lo = float(positive.min()) / 1.1
        hi = float(x.max()) * 1.1
        grid = np.geomspace(lo, hi, CURVE_POINTS)
        if (x <= 0).any():
            grid = np.concatenate([[0.0], grid])
    T = grid if fit.variable == "T" else np.full(grid.shape, at)
    H = np.full(grid.shape, at) if fit.variable == "T" else grid
    table = pd.DataFrame({"T_K": T, "H_Oe": H, "rate_s-1": fit.rate_s(T, H)})
    for term, rate in fit.term_rates_s(T, H).items():
        table[f"rate_{term}_s-1"] = rate
    table.insert(0, "law", fit.law)
    for col, value in reversed(list(key.items())):
        table.insert(0, col, value)
    return table
