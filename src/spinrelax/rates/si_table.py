"""The chosen rate-law parameters as Markdown and LaTeX tables (for a paper's SI).

One row per parameter of each series (sample, process, field or temperature), value and error
rounded to the error's two significant digits (``value(err)`` is written as ``value +- err``),
fixed parameters marked "(fixed)", flagged ones with their flag (e.g. "n/a (not_converged)"),
and the 68 % and 95 % profile-likelihood intervals beside. The goodness-of-fit rows of the long-form table are left out
except chi2_red and the number of points.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from spinrelax.rates.laws import TERMS

_SYMBOLS = {p.name: p.symbol for t in TERMS.values() for p in t.params}
_SYMBOLS.update({"U_eff_cm-1": r"U_\mathrm{eff}", "tau_QTM_s": r"\tau_\mathrm{QTM}",
                 "chi2_red": r"\chi^2_\mathrm{red}", "n_points": "N"})  # fmt: skip
_SKIP = {"dof", "converged", "aicc", "bic", "aic"}


def format_value(value: float, err: float) -> str:
    """``value +- err`` with the error to 2 significant digits (value alone if no error)."""
    if not math.isfinite(value):
        return "n/a"
    if not (math.isfinite(err) and err > 0):
        return f"{value:.4g}"
    digits = max(0, 1 - int(math.floor(math.log10(err))))
    if abs(value) >= 1e5 or abs(value) < 1e-3:
        exp = int(math.floor(math.log10(abs(value)))) if value else 0
        scale = 10.0**exp
        d = max(0, 1 - int(math.floor(math.log10(err / scale))))
        return f"({value / scale:.{d}f} +- {err / scale:.{d}f})e{exp}"
    return f"{value:.{digits}f} +- {err:.{digits}f}"


def interval_text(low: float, high: float, digits: int = 4) -> str:
    """``low to high`` of a profile interval, ``open`` on a side without a limit (empty if
    both sides are empty)."""
    if not (math.isfinite(low) or math.isfinite(high)):
        return ""
    lo = f"{low:.{digits}g}" if math.isfinite(low) else "open"
    hi = f"{high:.{digits}g}" if math.isfinite(high) else "open"
    return f"{lo} to {hi}"


def _rows(params: pd.DataFrame) -> pd.DataFrame:
    keep = params.loc[~params["parameter"].isin(_SKIP)].copy()
    chosen = params.loc[params["parameter"] == "chi2_red", ["sample", "process", "series",
                                                           "at_T_K", "at_H_Oe", "law"]]  # fmt: skip
    keep = keep.merge(chosen, on=list(chosen.columns), how="inner")

    def where(r) -> str:
        at = f"H = {r.at_H_Oe:.0f} Oe" if r.series == "T" else f"T = {r.at_T_K:.3g} K"
        return f"tau({r.series}), {at}" + (f", process {r.process}" if r.process > 1 else "")

    keep["where"] = [where(r) for r in keep.itertuples()]
    flags = keep["flag"].fillna("").astype(str) if "flag" in keep else pd.Series("", keep.index)
    keep["text"] = [
        format_value(v, e) + (" (fixed)" if f else "") + (f" ({g})" if g else "")
        for v, e, f, g in zip(keep["value"], keep["err"], keep["fixed"].astype(bool), flags,
                              strict=True)
    ]  # fmt: skip
    keep["ci68"] = [interval_text(a, b) for a, b in zip(keep.get("ci68_low", np.nan * keep["value"]),
                                                         keep.get("ci68_high", np.nan * keep["value"]),
                                                         strict=True)]  # fmt: skip
    keep["ci95"] = [interval_text(a, b) for a, b in zip(keep.get("ci95_low", np.nan * keep["value"]),
                                                         keep.get("ci95_high", np.nan * keep["value"]),
                                                         strict=True)]  # fmt: skip
    return keep


def markdown_table(params: pd.DataFrame) -> str:
    """Markdown table: sample, series, law, parameter, value +- Wald error, 68 % and 95 %
    profile intervals, unit."""
    rows = _rows(params)
    lines = [
        "| sample | series | law | parameter | value | 68 % interval | 95 % interval | unit |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows.itertuples():
        lines.append(f"| {r.sample} | {r.where} | {r.law} | {r.parameter} | {r.text} | {r.ci68} "
                     f"| {r.ci95} | {r.unit} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def _tex(text: str) -> str:
    return text.replace("_", r"\_").replace("+-", r"$\pm$").replace("^", r"\^{}")


def latex_table(params: pd.DataFrame) -> str:
    """A LaTeX ``tabular`` (booktabs) of the same rows, symbols in math mode."""
    rows = _rows(params)
    out = [r"\begin{tabular}{lllllll}", r"\toprule",
           r"sample & series & law & parameter & value & 68 \% interval & 95 \% interval \\",
           r"\midrule"]  # fmt: skip
    for r in rows.itertuples():
        sym = _SYMBOLS.get(r.parameter)
        name = f"${sym}$" if sym else _tex(r.parameter)
        unit = "" if r.unit == "1" else " " + _tex(r.unit)
        out.append(
            f"{_tex(r.sample)} & {_tex(r.where)} & {_tex(r.law)} & {name} & {_tex(r.text)}{unit} "
            f"& {_tex(r.ci68)} & {_tex(r.ci95)} \\\\"
        )
    out += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(out) + "\n"
