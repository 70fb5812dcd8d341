"""Paper 1, Fig. 3 (top): chi'(f) and chi''(f) of Er0.25Y0.75W10 with their Cole-Cole fits.

Fitted curves of usable fits are solid; a fit that is not usable (not converged or carrying a
disqualifying QC flag) is drawn dashed in grey and its flags are written in the legend, so a
failed fit is never shown as a good one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from spinrelax.acsus.fit_table import fitted_curves
from spinrelax.figures.style import apply_style, save_figure

#: Temperatures of the spectra shown in Fig. 3 (top) of Luis et al. PRB 2010 (K).
FIG3_TEMPERATURES_K: tuple[float, ...] = (1.8, 2.0, 2.22, 2.5, 2.86, 3.09, 3.33, 4.0, 5.0, 5.7, 6.5)


def draw_spectra(
    ax_re, ax_im, points: pd.DataFrame, fits: pd.DataFrame, keys: Sequence[str]
) -> None:
    """Data (markers) and fitted curves of each spectrum of ``fits`` on two log-f axes."""
    colors = plt.cm.viridis(np.linspace(0.0, 0.95, max(len(fits), 1)))
    for color, (_, fit) in zip(colors, fits.iterrows(), strict=False):
        sel = np.ones(len(points), dtype=bool)
        for k in keys:
            sel &= (points[k] == fit[k]).to_numpy()
        pts = points.loc[sel].sort_values("freq_Hz")
        label = f"{fit['T_K']:.3g} K"
        ax_re.plot(pts["freq_Hz"], pts["chi_real"], "o", ms=3, color=color, label=label)
        ax_im.plot(pts["freq_Hz"], pts["chi_imag"], "o", ms=3, color=color)
        if pts.empty or not np.isfinite(fit["tau_s"]):
            continue
        grid = np.logspace(np.log10(pts["freq_Hz"].min()), np.log10(pts["freq_Hz"].max()), 200)
        re, im = fitted_curves(fit.to_frame().T.reset_index(drop=True), grid)
        if bool(fit["usable"]):
            style = {"color": color, "ls": "-", "lw": 1.0}
        else:
            style = {
                "color": "0.5",
                "ls": "--",
                "lw": 1.0,
                "label": f"{label}: flagged\n({(fit['flags'] or 'not converged').replace(';', ', ')})",
            }
        ax_re.plot(grid, re[0], **style)
        ax_im.plot(grid, im[0], **{k: v for k, v in style.items() if k != "label"})
    for ax in (ax_re, ax_im):
        ax.set_xscale("log")
    ax_im.set_xlabel("f (Hz)")


def select_temperatures(
    fits: pd.DataFrame,
    temperatures_K: Sequence[float],
    rel_tol: float = 0.03,
    H_max_Oe: float = 5.0,
) -> pd.DataFrame:
    """The zero-field spectrum closest to each requested temperature (within ``rel_tol``)."""
    zero = fits[np.abs(fits["H_Oe"]) <= H_max_Oe]
    rows = []
    for t in temperatures_K:
        if zero.empty:
            break
        dist = np.abs(zero["T_K"].to_numpy() - t)
        k = int(np.argmin(dist))
        if dist[k] <= rel_tol * t:
            rows.append(zero.iloc[[k]])
    return pd.concat(rows).drop_duplicates() if rows else zero.iloc[0:0]


def plot_fig3_top(
    points: pd.DataFrame, fits: pd.DataFrame, chi_unit: str, stem: str | Path
) -> None:
    """Fig. 3 (top) to ``stem``.png and .pdf: chi' and chi'' vs f at the paper's temperatures."""
    apply_style()
    fig, (ax_re, ax_im) = plt.subplots(2, 1, figsize=(6.5, 5.5), sharex=True)
    shown = select_temperatures(fits, FIG3_TEMPERATURES_K)
    draw_spectra(ax_re, ax_im, points, shown, ["spectrum"])
    ax_re.set_ylabel(f"chi' ({chi_unit})")
    ax_im.set_ylabel(f"chi'' ({chi_unit})")
    ax_re.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=6)
    ax_re.set_title("Er0.25Y0.75W10, H = 0: generalized Debye fits")
    for suffix in (".png", ".pdf"):
        save_figure(fig, Path(str(stem) + suffix))  # closing does not discard the drawing
    return shown
