"""Figure of the spectrum-fit parameters of any sample against temperature (or field): one
panel of the width parameters (alpha; gamma, alpha2 where the model has them) and one of the
susceptibilities chi_T and chi_S (and dchi2), each point with its standard error.

Panels are a seaborn ``FacetGrid`` over a long table (one row per spectrum and parameter).
Parameters differ in marker (greyscale print); a usable fit that is flagged has an open marker,
a fit that is not usable a grey cross. The x variable is T, or H when the sample has more
fields than temperatures; the other one, when it takes several values, is told apart by colour
and line style and named in the legend.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D

from spinrelax.figures.style import apply_own_style, save_figure
from spinrelax.io.unit_text import unit_tex

#: (fit column, error column, mathtext symbol, marker) of each panel's parameters.
WIDTH = (("alpha", "alpha_err", r"$\alpha$", "o"),
         ("gamma", "gamma_err", r"$\gamma$", "s"),
         ("alpha2", "alpha2_err", r"$\alpha_2$", "^"))  # fmt: skip
CHI = (("chi_T", "chi_T_err", r"$\chi_T$", "o"),
       ("chi_S", "chi_S_err", r"$\chi_S$", "s"),
       ("dchi2", "dchi2_err", r"$\Delta\chi_2$", "^"))  # fmt: skip
MARKER = {sym: marker for *_, sym, marker in (*WIDTH, *CHI)}
_LINES = ("-", "--", ":", "-.")


def _axis(fits: pd.DataFrame) -> tuple[str, str]:
    """(x column, grouping column): T unless the sample has more fields than temperatures."""
    n_T = fits["T_K"].round(1).nunique()
    n_H = fits["H_Oe"].round(0).nunique()
    return ("H_Oe", "T_K") if n_H > n_T else ("T_K", "H_Oe")


def long_table(fits: pd.DataFrame, chi_unit: str) -> pd.DataFrame:
    """One row per spectrum and parameter: panel, parameter, x, group, value, err, state."""
    x, group = _axis(fits)
    flags = fits["flags"].fillna("").astype(str)
    state = np.where(~fits["usable"].astype(bool), "not usable",
                     np.where(flags != "", "flagged", "usable"))  # fmt: skip
    unit = f" ({unit_tex(chi_unit)})" if chi_unit else ""
    label = (lambda v: f"{v:.3g} K") if group == "T_K" else (lambda v: f"{round(v) + 0:d} Oe")
    parts = []
    for panel, params in (("width", WIDTH), (r"$\chi$" + unit, CHI)):
        for col, err, symbol, *_ in params:
            if col not in fits or not fits[col].notna().any():
                continue
            rounded = fits[group].round(1 if group == "T_K" else 0)
            parts.append(pd.DataFrame({
                "panel": panel, "parameter": symbol, "x": fits[x].to_numpy(dtype=float),
                "group": [label(v) for v in rounded], "value": fits[col].to_numpy(dtype=float),
                "err": (fits[err] if err in fits else np.nan), "state": state,
            }))  # fmt: skip
    if not parts:
        return pd.DataFrame(columns=["panel", "parameter", "x", "group", "value", "err", "state"])
    return pd.concat(parts, ignore_index=True).sort_values(
        ["parameter", "group", "x"], kind="stable"
    )


def _draw(data: pd.DataFrame, groups: list[str], colors, **_) -> None:
    """One panel: each parameter and group as a line through its points with error bars."""
    ax = plt.gca()
    for (sym, grp), rows in data.groupby(["parameter", "group"], sort=True):
        marker = MARKER[sym]
        k = groups.index(grp)
        color, ls = colors[k], _LINES[k % len(_LINES)]
        ax.plot(rows["x"], rows["value"], ls=ls, lw=0.7, color=color)
        for state, face in (("usable", color), ("flagged", "white")):
            sel = rows.loc[rows["state"] == state]
            ax.errorbar(sel["x"], sel["value"], yerr=sel["err"].fillna(0.0), fmt=marker, ms=4,
                        color=color, mfc=face, mec=color, elinewidth=0.6, capsize=1.5)  # fmt: skip
        bad = rows.loc[rows["state"] == "not usable"]
        ax.plot(bad["x"], bad["value"], "x", ms=4, color="0.5")


def plot_spectrum_parameters(fits: pd.DataFrame, chi_unit: str, title: str, stem) -> None:
    """alpha and chi_S, chi_T (with errors) against T or H, to ``stem``.png and .pdf."""
    apply_own_style()
    data = long_table(fits, chi_unit)
    if data["value"].notna().sum() == 0:
        fig, ax = plt.subplots(figsize=(6.0, 2.0))
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no spectrum fit gave parameters", ha="center", va="center")
        fig.suptitle(title, fontsize=9)
        for suffix in (".png", ".pdf"):
            save_figure(fig, Path(str(stem) + suffix))
        return
    x, _ = _axis(fits)
    groups = sorted(data["group"].unique(), key=lambda g: float(g.split()[0]))
    colors = sns.color_palette("dark", len(groups)) if len(groups) > 1 else ["0.1"]
    panels = sorted(set(data["panel"]), key=lambda p: p != "width")  # width first, then chi
    grid = sns.FacetGrid(data, col="panel", col_order=panels, sharey=False, height=3.0,
                         aspect=1.05)  # fmt: skip
    grid.map_dataframe(_draw, groups=groups, colors=colors)
    grid.set_titles("")
    grid.set_axis_labels("$T$ (K)" if x == "T_K" else "$|H|$ (Oe)", "")
    for ax, panel in zip(grid.axes.flat, panels, strict=True):
        syms = list(dict.fromkeys(data.loc[data["panel"] == panel, "parameter"]))
        ax.set_ylabel(", ".join(syms) if panel == "width" else panel)
        ax.legend(handles=[Line2D([], [], ls="none", marker=MARKER[s], color="0.1", label=s)
                           for s in syms], frameon=False, fontsize=7)  # fmt: skip
    handles = []
    if len(groups) > 1:
        handles += [Line2D([], [], ls=_LINES[k % len(_LINES)], color=colors[k], label=g)
                    for k, g in enumerate(groups)]  # fmt: skip
    states = set(data["state"])
    if "flagged" in states:
        handles.append(Line2D([], [], ls="none", marker="o", color="0.1", mfc="white",
                              label="flagged fit (open)"))  # fmt: skip
    if "not usable" in states:
        handles.append(Line2D([], [], ls="none", marker="x", color="0.5", label="not usable"))
    if handles:
        grid.figure.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                           ncol=min(len(handles), 4), frameon=False, fontsize=7)  # fmt: skip
    grid.figure.suptitle(title, fontsize=9, y=1.03)
    for suffix in (".png", ".pdf"):  # closing after the first save keeps the drawing
        save_figure(grid.figure, Path(str(stem) + suffix))
