"""The chosen rate-law parameters as Markdown and LaTeX tables (for a paper's SI).

One row per parameter of each series (sample, process, field or temperature), value and error in
the concise notation ``140.5(8)`` of :mod:`spinrelax.io.concise` (powers of ten as ``×10⁻¹⁰`` in
Markdown and ``\times10^{-10}`` in LaTeX), fixed parameters marked "(fixed)", flagged ones with
their flag (e.g. "n/a (not_converged)"), and the 68 % and 95 % profile-likelihood intervals
beside. The goodness-of-fit rows of the long-form table are left out
except chi2_red and the number of points.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from spinrelax.io.concise import concise
from spinrelax.io.unit_text import unit_tex
from spinrelax.rates.laws import TERMS

_SYMBOLS = {p.name: p.symbol for t in TERMS.values() for p in t.params}
_SYMBOLS.update({"U_eff_cm-1": r"U_\mathrm{eff}", "tau_QTM_s": r"\tau_\mathrm{QTM}",
                 "chi2_red": r"\chi^2_\mathrm{red}", "n_points": "N"})  # fmt: skip
_SKIP = {"dof", "converged", "aicc", "bic", "aic"}


def parameter_symbol(name: str) -> str | None:
    """The math-mode symbol of a parameter of the long-form table (``None`` if it has none)."""
    return _SYMBOLS.get(name)


def format_value(value: float, err: float, style: str = "unicode") -> str:
    """``value(err)`` in concise notation (value alone to 4 digits if no error)."""
    return concise(value, err, style)


def series_label(r, tau: str = "tau") -> str:
    """``tau(T), H = 0 Oe`` (``, process 2``; ``tau(T, H), every point`` for a global fit) of a
    row with series, at_T_K, at_H_Oe, process."""
    proc = f", process {r.process}" if r.process > 1 else ""
    if r.series == "TH":  # one law over every (T, H) point (global_fit.py)
        return f"{tau}(T, H), every point" + proc
    at = f"H = {r.at_H_Oe:.0f} Oe" if r.series == "T" else f"T = {r.at_T_K:.3g} K"
    return f"{tau}({r.series}), {at}" + proc


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

    keep["where"] = [series_label(r) for r in keep.itertuples()]
    keep["flag_text"] = (
        keep["flag"].fillna("").astype(str) if "flag" in keep else pd.Series("", keep.index)
    )
    for level in ("68", "95"):
        low = keep.get(f"ci{level}_low", np.nan * keep["value"])
        high = keep.get(f"ci{level}_high", np.nan * keep["value"])
        keep[f"ci{level}"] = [interval_text(a, b) for a, b in zip(low, high, strict=True)]
    return keep


def _texts(rows: pd.DataFrame, style: str) -> list[str]:
    return [
        format_value(v, e, style) + (" (fixed)" if f else "") + (f" ({g})" if g else "")
        for v, e, f, g in zip(
            rows["value"], rows["err"], rows["fixed"].astype(bool), rows["flag_text"], strict=True
        )
    ]


def markdown_table(params: pd.DataFrame) -> str:
    """Markdown table: sample, series, law, parameter, value, unit."""
    rows = _rows(params)
    lines = [
        "| sample | series | law | parameter | value | 68 % interval | 95 % interval | unit |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r, text in zip(rows.itertuples(), _texts(rows, "unicode"), strict=True):
        lines.append(f"| {r.sample} | {r.where} | {r.law} | {r.parameter} | {text} | {r.ci68} "
                     f"| {r.ci95} | {r.unit} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def _tex(text: str) -> str:
    return text.replace("_", r"\_").replace("^", r"\^{}")


def latex_table(params: pd.DataFrame) -> str:
    """A five-column LaTeX ``tabular`` (booktabs: parameter, value, 68 % and 95 % intervals,
    unit) of the same rows, one spanning line naming sample, series and law above each series;
    symbols in math mode."""
    rows = _rows(params)
    out = [r"\begin{tabular}{lllll}", r"\toprule",
           r"parameter & value & 68 \% interval & 95 \% interval & unit \\"]  # fmt: skip
    group = None
    for r, text in zip(rows.itertuples(), _texts(rows, "latex"), strict=True):
        if (r.sample, r.where, r.law) != group:
            group = (r.sample, r.where, r.law)
            head = f"{_tex(r.sample)}: {_tex(r.where)}, {_tex(r.law)}"
            out += [r"\midrule", rf"\multicolumn{{5}}{{l}}{{{head}}} \\"]
        sym = _SYMBOLS.get(r.parameter)
        name = f"${sym}$" if sym else _tex(r.parameter)
        unit = "" if r.unit == "1" else unit_tex(r.unit)
        out.append(f"{name} & {text} & {_tex(r.ci68)} & {_tex(r.ci95)} & {unit} \\\\")
    out += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(out) + "\n"
