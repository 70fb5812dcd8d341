"""Long-form tables of rate-law fits: parameters, correlations and fitted curves.

Parameter table (:data:`PARAM_COLUMNS`): one row per parameter of the chosen law of each
series, its derived quantities (``U_eff_cm-1`` = U_K k_B/(h c), ``tau_QTM_s`` = 1/rate_qt_s-1
with its first-order error), the goodness of fit (``chi2_red``, ``n_points``, ``dof``,
``converged`` as 1/0, ``aicc``, ``bic``), and one ``aic`` row per candidate law (law column =
the candidate). ``fixed`` is True for parameters held constant (their err is empty).
``err`` is the Wald error (covariance scaled by chi2_red); ``ci68_low`` ... ``ci95_high`` the
68 % and 95 % profile-likelihood limits (``ci_method`` = ``profile_likelihood``; empty where a
side is open, i.e. not determined). ``flag``/``message``: ``not_converged`` or ``at_bound``
(value, err and limits left empty: no number of a failed fit is published) or
``not_determined`` (value kept, interval open or parameter correlated beyond the limit).
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
    "ci68_low",
    "ci68_high",
    "ci95_low",
    "ci95_high",
    "ci_method",
    "flag",
    "message",
)
#: Statuses whose numbers are never published (values left empty, flag and message given).
FAILED = ("not_converged", "at_bound")
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


_NAN4 = (np.nan, np.nan, np.nan, np.nan)


def _derived(fit: LawFit) -> list[tuple[str, float, float, str, bool, tuple]]:
    """U_eff in cm^-1 and tau_QTM = 1/rate_qt with their errors and profile limits (a monotone
    function of one parameter: its limits are the function of the parameter's limits)."""
    out = []
    p, e, ci = fit.params, fit.errors, fit.intervals
    fixed = fit.fixed
    if "U_K" in p:
        lims = tuple(v * CM1_PER_K for v in ci.get("U_K", _NAN4))
        out.append(("U_eff_cm-1", p["U_K"] * CM1_PER_K, e["U_K"] * CM1_PER_K, "cm^-1",
                    "U_K" in fixed, lims))  # fmt: skip
    if "rate_qt_s-1" in p:
        r = p["rate_qt_s-1"]
        lo68, hi68, lo95, hi95 = ci.get("rate_qt_s-1", _NAN4)
        lims = (1.0 / hi68, 1.0 / lo68, 1.0 / hi95, 1.0 / lo95)
        out.append(("tau_QTM_s", 1.0 / r, e["rate_qt_s-1"] / r**2, "s", "rate_qt_s-1" in fixed,
                    lims))  # fmt: skip
    return out


def _flag(name: str, lims: tuple, status: str, reason: str, fixed: bool) -> tuple[str, str]:
    """(flag, message) of one published parameter of a converged law."""
    if fixed:
        return "", ""
    open_ = not (np.isfinite(lims[0]) and np.isfinite(lims[1]))
    in_status = status.startswith("not_determined") and name in status.split(": ", 1)[-1].split(",")
    if open_ or in_status:
        return "not_determined", reason or "68 % profile interval open"
    return "", ""


def parameter_rows(
    key: Mapping[str, object],
    fit: LawFit,
    candidates: Mapping[str, LawFit],
    status: tuple[str, str] = ("eligible", ""),
) -> pd.DataFrame:
    """Rows of :data:`PARAM_COLUMNS` for the chosen ``fit`` and the ``aic`` of every candidate.

    ``status`` is (status, reason) of ``fit`` (``select.law_status``). A law that did not
    converge or sits at a bound publishes empty values with its status as flag and the reason
    as message; a parameter that is not determined keeps its value, flagged ``not_determined``.
    """
    failed = status[0] in FAILED or not fit.converged
    flag_all = status[0] if status[0] in FAILED else "not_converged"
    message_all = status[1] or fit.message
    method = fit.ci_method
    rows = []
    entries = [
        (par.name, fit.params[par.name], fit.errors[par.name], par.unit, par.name in fit.fixed,
         fit.intervals.get(par.name, _NAN4))
        for par in law_params(fit.terms)
    ] + _derived(fit)  # fmt: skip
    base = {"U_eff_cm-1": "U_K", "tau_QTM_s": "rate_qt_s-1"}
    for name, value, err, unit, fixed, lims in entries:
        if failed and not fixed:
            rows.append((fit.law, name, np.nan, np.nan, unit, fixed, *_NAN4, "", flag_all,
                         message_all))  # fmt: skip
            continue
        flag, msg = _flag(base.get(name, name), lims, status[0], status[1], fixed)
        rows.append((fit.law, name, value, err, unit, fixed, *lims, "" if fixed else method,
                     flag, msg))  # fmt: skip
    quality = (
        ("chi2_red", fit.chi2_red),
        ("n_points", fit.n_points),
        ("dof", fit.dof),
        ("converged", float(fit.converged and not failed)),
        ("aicc", fit.aicc),
        ("bic", fit.bic),
    )
    for name, v in quality:
        blank = failed and name not in ("n_points", "converged")
        rows.append((fit.law, name, np.nan if blank else float(v), np.nan, "1", False, *_NAN4, "",
                     flag_all if blank else "", message_all if blank else ""))  # fmt: skip
    for law, f in candidates.items():
        ok = f.converged and not f.at_bound
        rows.append((law, "aic", f.aic if ok else np.nan, np.nan, "1", False, *_NAN4, "",
                     "" if ok else "not_converged", "" if ok else f.message))  # fmt: skip
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
