"""Figures of the ac spectra of any sample: chi' and chi'' vs f with the fit lines, Cole-Cole
(chi'' vs chi') and normalised residuals.

Readable for many spectra: colour encodes the temperature through a colour bar (no per-spectrum
legend). A spectrum whose fit is not usable is drawn in grey with open markers and a dashed fit
line, and listed under the axes with its flags. Inputs: ``points`` (one row per point: ``key``,
``freq_Hz``, ``chi_real``, ``chi_imag``) and ``fits`` (one row per spectrum: ``key``, ``T_K``,
``H_Oe``, ``usable``, ``flags`` and the fit-result columns that ``acsus.fitting.fitted_curves``
reads).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize

from spinrelax.acsus.fitting import fitted_curves
from spinrelax.figures.style import apply_style, save_figure

FLAGGED_COLOR = "0.55"
#: Flagged spectra listed by name under a figure; the rest are counted.
MAX_LISTED = 6


def _norm(fits: pd.DataFrame) -> Normalize:
    T = fits["T_K"].to_numpy(dtype=float)
    lo, hi = (np.nanmin(T), np.nanmax(T)) if np.isfinite(T).any() else (0.0, 1.0)
    return Normalize(lo, hi if hi > lo else lo + 1.0)


def flagged_note(fits: pd.DataFrame) -> str:
    """One line naming the spectra whose fit is not usable, with their flags."""
    bad = fits.loc[~fits["usable"].astype(bool)]
    if bad.empty:
        return "all fits usable"
    items = [
        f"{r.T_K:.3g} K, {round(r.H_Oe) + 0:d} Oe ({(r.flags or 'not converged').replace(';', ', ')})"
        for r in bad.itertuples()
    ]
    more = f"; and {len(items) - MAX_LISTED} more (QC table)" if len(items) > MAX_LISTED else ""
    return "not usable (grey, dashed): " + "; ".join(items[:MAX_LISTED]) + more


def _curves(fits: pd.DataFrame, points: pd.DataFrame, key: str, n: int = 200):
    """Per fit: (freq grid, chi' fit, chi'' fit) over the spectrum's measured range."""
    out = {}
    for i, (_, fit) in enumerate(fits.iterrows()):
        f = points.loc[points[key] == fit[key], "freq_Hz"]
        if f.empty or not np.isfinite(fit.get("tau_s", np.nan)):
            continue
        grid = np.geomspace(f.min(), f.max(), n)
        re, im = fitted_curves(fits.iloc[[i]].reset_index(drop=True), grid)
        out[fit[key]] = (grid, re[0], im[0])
    return out


def _style(fit: pd.Series, cmap, norm) -> tuple[dict, dict]:
    if bool(fit["usable"]):
        c = cmap(norm(fit["T_K"]))
        return {"color": c, "mfc": c, "mec": c}, {"color": c, "ls": "-", "lw": 0.9}
    return (
        {"color": FLAGGED_COLOR, "mfc": "none", "mec": FLAGGED_COLOR},
        {"color": FLAGGED_COLOR, "ls": "--", "lw": 0.8},
    )


def _finish(fig, axes, fits, cmap, norm, title: str, stem: Path) -> None:
    sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
    fig.colorbar(sm, ax=axes, label="T (K)", fraction=0.05, pad=0.02)
    fig.suptitle(title, fontsize=9)
    fig.text(0.01, -0.02, flagged_note(fits), fontsize=6, ha="left", va="top", wrap=True)
    for suffix in (".png", ".pdf"):  # closing after the first save keeps the drawing
        save_figure(fig, Path(str(stem) + suffix))


def plot_spectra(points, fits, key: str, chi_unit: str, title: str, stem: str | Path) -> None:
    """chi'(f) and chi''(f) with fit lines, coloured by T, to ``stem``.png and .pdf."""
    apply_style()
    cmap, norm = plt.cm.viridis, _norm(fits)
    fig, (ax_re, ax_im) = plt.subplots(2, 1, figsize=(6.0, 5.6), sharex=True)
    curves = _curves(fits, points, key)
    for _, fit in fits.sort_values("T_K").iterrows():
        pts = points.loc[points[key] == fit[key]].sort_values("freq_Hz")
        mstyle, lstyle = _style(fit, cmap, norm)
        ax_re.plot(pts["freq_Hz"], pts["chi_real"], "o", ms=2.5, **mstyle)
        ax_im.plot(pts["freq_Hz"], pts["chi_imag"], "o", ms=2.5, **mstyle)
        if fit[key] in curves:
            grid, re, im = curves[fit[key]]
            ax_re.plot(grid, re, **lstyle)
            ax_im.plot(grid, im, **lstyle)
    for ax in (ax_re, ax_im):
        ax.set_xscale("log")
    ax_re.set_ylabel(f"chi' ({chi_unit})")
    ax_im.set_ylabel(f"chi'' ({chi_unit})")
    ax_im.set_xlabel("f (Hz)")
    _finish(fig, [ax_re, ax_im], fits, cmap, norm, title, Path(stem))


def plot_cole_cole(points, fits, key: str, chi_unit: str, title: str, stem: str | Path) -> None:
    """Cole-Cole plot chi'' vs chi' with the fitted arcs, coloured by T."""
    apply_style()
    cmap, norm = plt.cm.viridis, _norm(fits)
    fig, ax = plt.subplots(figsize=(6.0, 4.4))
    curves = _curves(fits, points, key)
    for _, fit in fits.sort_values("T_K").iterrows():
        pts = points.loc[points[key] == fit[key]]
        mstyle, lstyle = _style(fit, cmap, norm)
        ax.plot(pts["chi_real"], pts["chi_imag"], "o", ms=2.5, **mstyle)
        if fit[key] in curves:
            _, re, im = curves[fit[key]]
            ax.plot(re, im, **lstyle)
    ax.set_xlabel(f"chi' ({chi_unit})")
    ax.set_ylabel(f"chi'' ({chi_unit})")
    _finish(fig, [ax], fits, cmap, norm, title, Path(stem))


def plot_residuals(points, fits, key: str, title: str, stem: str | Path) -> None:
    """(data - fit) / max chi' of each spectrum, for chi' and chi'', vs f, coloured by T."""
    apply_style()
    cmap, norm = plt.cm.viridis, _norm(fits)
    fig, (ax_re, ax_im) = plt.subplots(2, 1, figsize=(6.0, 5.0), sharex=True)
    for _, fit in fits.sort_values("T_K").iterrows():
        pts = points.loc[points[key] == fit[key]].sort_values("freq_Hz")
        if pts.empty or not np.isfinite(fit.get("tau_s", np.nan)):
            continue
        re, im = fitted_curves(fit.to_frame().T.reset_index(drop=True), pts["freq_Hz"].to_numpy())
        scale = float(np.nanmax(np.abs(pts["chi_real"]))) or 1.0
        mstyle, lstyle = _style(fit, cmap, norm)
        f = pts["freq_Hz"]
        ax_re.plot(f, (pts["chi_real"] - re[0]) / scale, "o-", ms=2, lw=0.4, **mstyle)
        ax_im.plot(f, (pts["chi_imag"] - im[0]) / scale, "o-", ms=2, lw=0.4, **mstyle)
    for ax, name in ((ax_re, "chi'"), (ax_im, "chi''")):
        ax.axhline(0.0, color="k", lw=0.6)
        ax.set_xscale("log")
        ax.set_ylabel(f"({name} - fit) / max chi' (1)")
    ax_im.set_xlabel("f (Hz)")
    _finish(fig, [ax_re, ax_im], fits, cmap, norm, title, Path(stem))
