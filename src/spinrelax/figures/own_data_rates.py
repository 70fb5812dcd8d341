"""Figures of relaxation times of any sample: tau vs 1/T and vs T (log axes) with the fitted law
and each of its terms, and tau vs H.

Inputs are the tables of :mod:`spinrelax.rates.analysis`: ``points`` (every point of every
series with ``used``, ``sigma_ln_fit`` and ``sigma_lntau``) and ``curves`` (the chosen law and
each term on a grid). Two different uncertainties are drawn and never mixed: error bars are
the 1-sigma *fit error* of tau from the spectrum fit, tau exp(+-sigma_ln_fit) with
sigma_ln_fit = rate_err / rate; the shaded band is the *width of the distribution* of
relaxation times, tau exp(+-sigma_lntau) (Reta & Chilton, PCCP 21, 23567 (2019)), which is not
an error of tau. The weights of the rate-law fit (``sigma_ln``, ccfit2's rule by default) are
in the points table. Points not used in the fit
(outside the window) are open grey markers; spectra whose ac fit was not usable are not in a
series and are listed in the QC table instead. Series differ in marker as well as colour
(greyscale print); process 2 of a two-process sample takes other markers. Where one law was
fitted to every (T, H) point of the sample (series ``TH``, ``rates/global_fit.py``), its slice
at each series' field or temperature is drawn dashed in the series' colour, labelled "global".
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import LogFormatter

from spinrelax.figures.style import MARKERS, apply_own_style, save_figure

_TERM_STYLES = {"orbach": "--", "raman": ":", "qtm": "-.", "direct": (0, (5, 1, 1, 1)),
                "bottleneck": (0, (1, 2)), "qtm_field": "-.", "raman_field": ":",
                "direct_field": "--", "constant": (0, (3, 1)), "brons_van_vleck": (0, (1, 1)),
                "raman_bvv": (0, (2, 1, 1, 1))}  # fmt: skip


#: Marker of each technique in a series joined from several.
METHOD_MARKERS: dict[str, str] = {"ac": "o", "waveform": "s", "dc": "D"}


def _parts(rows: pd.DataFrame, marker: str, label: str, joined: bool):
    """(rows, marker, label) per technique of a joined series, else the series as it is."""
    if not joined:
        return [(rows, marker, label)]
    return [
        (part, METHOD_MARKERS.get(str(m), marker), f"{label}, {m}")
        for m, part in rows.groupby("method", sort=False)
    ]


def _series_label(key: pd.Series, variable: str) -> str:
    at = f"{key['at_H_Oe']:.0f} Oe" if variable == "T" else f"{key['at_T_K']:.3g} K"
    proc = f", process {int(key['process'])}" if int(key["process"]) > 1 else ""
    return f"{at}{proc}"


def _global_slice(ax, curves: pd.DataFrame, first: pd.Series, variable: str, color, label: str,
                  x_of) -> None:  # fmt: skip
    """The global (T, H) law's slice at this series' field (tau(T)) or temperature (tau(H)),
    dashed: curve rows of series ``TH`` with the series' process and ``at_`` value."""
    if curves.empty:
        return
    at = "at_H_Oe" if variable == "T" else "at_T_K"
    other = "at_T_K" if variable == "T" else "at_H_Oe"
    sel = curves.loc[(curves["series"] == "TH") & (curves["process"] == first["process"])
                     & curves[other].isna()]  # fmt: skip
    sel = sel.loc[np.isclose(sel[at].to_numpy(dtype=float), float(first[at]))]
    if not sel.empty:
        ax.plot(x_of(sel), 1.0 / sel["rate_s-1"], ls=(0, (6, 2)), color=color, lw=1.0,
                label=f"{label}: global {sel['law'].iloc[0]}")  # fmt: skip


def _draw(ax, points: pd.DataFrame, curves: pd.DataFrame, variable: str, x_of) -> None:
    """Points with error bars, the law and its terms, for every series of one variable."""
    sel = points.loc[points["series"] == variable]
    keys = ["process", "at_T_K", "at_H_Oe"]
    groups = list(sel.groupby(keys, dropna=False, sort=True))
    colors = plt.cm.tab10(np.arange(max(len(groups), 1)) % 10)
    shown_terms: set[str] = set()
    band_shown = False
    joined = "method" in sel.columns and sel["method"].nunique() > 1
    for i, (color, (_, rows)) in enumerate(zip(colors, groups, strict=False)):
        first = rows.iloc[0]
        label = _series_label(first, variable)
        marker = MARKERS[(i + 4 * (int(first["process"]) - 1)) % len(MARKERS)]
        for part, mark, name in _parts(rows, marker, label, joined):
            x = x_of(part)
            tau = (1.0 / part["rate_s-1"]).to_numpy(dtype=float)
            width = np.nan_to_num(part["sigma_lntau"].to_numpy(dtype=float))
            if np.any(width > 0):  # per technique: a band never bridges two methods
                order = np.argsort(x)
                ax.fill_between(x[order], (tau * np.exp(-width))[order],
                                (tau * np.exp(width))[order], color=color, alpha=0.15, lw=0,
                                label=None if band_shown else "distribution width")  # fmt: skip
                band_shown = True
            fit_err = np.nan_to_num(part["sigma_ln_fit"].to_numpy(dtype=float))
            lo, hi = tau * (1 - np.exp(-fit_err)), tau * (np.exp(fit_err) - 1)
            used = part["used"].astype(bool).to_numpy()
            ax.errorbar(x[used], tau[used], yerr=[lo[used], hi[used]], fmt=mark, ms=3.5,
                        color=color, elinewidth=0.6, capsize=0, label=name)  # fmt: skip
            if (~used).any():
                ax.plot(x[~used], tau[~used], mark, ms=3.5, mfc="none", mec="0.55",
                        label=f"{name}: not fitted (outside window)")  # fmt: skip
        match = np.ones(len(curves), dtype=bool)
        for k in keys:
            a, b = curves[k].to_numpy(dtype=float), float(first[k])
            match &= np.isclose(a, b) | (np.isnan(a) & np.isnan(b))
        _global_slice(ax, curves, first, variable, color, label, x_of)
        curve = curves.loc[match & (curves["series"] == variable)] if len(curves) else curves
        if curve.empty:
            continue
        xc = x_of(curve)
        ax.plot(xc, 1.0 / curve["rate_s-1"], "-", color=color, lw=1.2,
                label=f"{label}: {curve['law'].iloc[0]}")  # fmt: skip
        terms = curve["law"].iloc[0].split("+")
        if len(terms) > 1:
            for term in terms:
                style = _TERM_STYLES.get(term, "--")
                name = None if term in shown_terms else term
                shown_terms.add(term)
                ax.plot(xc, 1.0 / curve[f"rate_{term}_s-1"], ls=style, color=color, lw=0.8,
                        alpha=0.8, label=name)  # fmt: skip
    ax.set_yscale("log")
    ax.set_ylabel(r"$\tau$ (s)")
    ax.legend(frameon=False, fontsize=6, loc="best")


def _limits(ax, points: pd.DataFrame, variable: str) -> None:
    tau = 1.0 / points.loc[points["series"] == variable, "rate_s-1"]
    if len(tau):
        ax.set_ylim(tau.min() / 5.0, tau.max() * 5.0)


def _save(fig, stem: Path) -> None:
    for suffix in (".png", ".pdf"):  # closing after the first save keeps the drawing
        save_figure(fig, Path(str(stem) + suffix))


def plot_tau_vs_inverse_T(points, curves, title: str, stem: str | Path) -> None:
    """tau (log) vs 1/T (K^-1) with the fitted law and its terms (Arrhenius plot)."""
    apply_own_style()
    fig, ax = plt.subplots(figsize=(6.0, 4.4))
    _draw(ax, points, curves, "T", lambda d: 1.0 / d["T_K"].to_numpy(dtype=float))
    _limits(ax, points, "T")
    ax.set_xlabel(r"$1/T$ (K$^{-1}$)")
    ax.set_title(title, fontsize=9)
    _save(fig, Path(stem))


def plot_tau_vs_T(points, curves, title: str, stem: str | Path) -> None:
    """tau vs T on log-log axes with the fitted law and its terms."""
    apply_own_style()
    fig, ax = plt.subplots(figsize=(6.0, 4.4))
    _draw(ax, points, curves, "T", lambda d: d["T_K"].to_numpy(dtype=float))
    _limits(ax, points, "T")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(LogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.5)))
    ax.xaxis.set_minor_formatter(LogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.5)))
    ax.set_xlabel(r"$T$ (K)")
    ax.set_title(title, fontsize=9)
    _save(fig, Path(stem))


def plot_tau_vs_H(points, curves, title: str, stem: str | Path) -> None:
    """tau vs |H| (symmetric-log field axis) at fixed T with the fitted law and its terms."""
    apply_own_style()
    fig, ax = plt.subplots(figsize=(6.0, 4.4))
    _draw(ax, points, curves, "H", lambda d: d["H_Oe"].abs().to_numpy(dtype=float))
    _limits(ax, points, "H")
    ax.set_xscale("symlog", linthresh=10.0)
    ax.set_xlim(left=0.0)
    ax.set_xlabel(r"$|H|$ (Oe)")
    ax.set_title(title, fontsize=9)
    _save(fig, Path(stem))
