"""Figures of the ac spectra of any sample: chi' and chi'' vs f with the fit lines, Cole-Cole
(chi'' vs chi', equal axes) and normalised residuals.

Readable for many spectra and in greyscale print: colour encodes the temperature through a colour
bar (dark = cold; the palest end of the map is not used) and the marker shape changes from one
spectrum to the next, so neighbouring spectra stay apart without colour. A usable fit that is
flagged (e.g. ``model_inadequate``) has a dash-dot fit line; a fit that is not usable is drawn in
grey with open markers and a dashed line. The line under the axes (:func:`flagged_note`) counts
usable and flagged fits and names the spectra of each kind, as the report's captions do
(:func:`fit_counts`). Inputs: ``points`` (one row per point: ``key``,
``freq_Hz``, ``chi_real``, ``chi_imag``) and ``fits`` (one row per spectrum: ``key``, ``T_K``,
``H_Oe``, ``usable``, ``flags`` and the fit-result columns that ``acsus.fit_table.fitted_curves``
reads).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap, Normalize

from spinrelax.acsus.fit_table import fitted_curves
from spinrelax.figures.style import CMAP_RANGE, MARKERS, apply_own_style, save_figure
from spinrelax.io.unit_text import unit_tex

FLAGGED_COLOR = "0.55"
#: Spectra listed (by T) under a figure per kind; the rest are counted.
MAX_LISTED = 12
_CMAP = ListedColormap(plt.cm.viridis(np.linspace(*CMAP_RANGE, 256)), name="viridis_print")


def _norm(fits: pd.DataFrame) -> Normalize:
    T = fits["T_K"].to_numpy(dtype=float)
    lo, hi = (np.nanmin(T), np.nanmax(T)) if np.isfinite(T).any() else (0.0, 1.0)
    return Normalize(lo, hi if hi > lo else lo + 1.0)


def _flags(fits: pd.DataFrame) -> pd.Series:
    return fits["flags"].fillna("").astype(str)


def fit_counts(fits: pd.DataFrame) -> str:
    """``"16 of 18 fits usable; 10 flagged model_inadequate"``: usable fits and, per flag, how
    many fits carry it (usable or not); ``"; none flagged"`` when no fit has a flag."""
    usable = fits["usable"].astype(bool)
    counts: dict[str, int] = {}
    for flags in _flags(fits):
        for flag in filter(None, flags.split(";")):
            counts[flag] = counts.get(flag, 0) + 1
    flagged = "; ".join(f"{n} flagged {flag}" for flag, n in sorted(counts.items()))
    return f"{int(usable.sum())} of {len(fits)} fits usable; " + (flagged or "none flagged")


def _where(rows: pd.DataFrame, one_field: bool) -> str:
    """``9.5, 9, 8.5 K`` (one field) or ``9.5 K 0 Oe, 2 K 1000 Oe``; at most MAX_LISTED."""
    if one_field:
        items = [f"{t:.3g}" for t in rows["T_K"]]
        unit = " K"
    else:
        items = [
            f"{t:.3g} K {round(h) + 0:d} Oe" for t, h in zip(rows["T_K"], rows["H_Oe"], strict=True)
        ]
        unit = ""
    more = f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else ""
    return ", ".join(items[:MAX_LISTED]) + unit + more


def flagged_note(fits: pd.DataFrame) -> str:
    """:func:`fit_counts`, then where the flagged but usable fits (dash-dot lines, per flag)
    and the fits not usable (grey) are."""
    fits = fits.assign(flags=_flags(fits))
    usable = fits["usable"].astype(bool)
    one_field = fits["H_Oe"].round(0).nunique() <= 1
    parts = [fit_counts(fits)]
    flags = sorted({f for fl in fits.loc[usable, "flags"] for f in fl.split(";") if f})
    for flag in flags:
        rows = fits.loc[usable & fits["flags"].str.split(";").apply(lambda f, g=flag: g in f)]
        parts.append(f"Dash-dot lines, usable but {flag}: {_where(rows, one_field)}")
    if (~usable).any():
        bad = fits.loc[~usable]
        why = sorted({f for fl in bad["flags"] for f in fl.split(";") if f}) or ["not converged"]
        parts.append(f"Grey, dashed, not usable ({', '.join(why)}): {_where(bad, one_field)}")
    return ". ".join(parts) + "."


def chi_label(prime: str, chi_unit: str) -> str:
    """Axis label in mathtext: ``chi_label("'", "emu/mol")`` -> χ′ (emu mol⁻¹)."""
    unit = f" ({unit_tex(chi_unit)})" if chi_unit else ""
    return f"$\\chi{prime}$" + unit


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


def _style(fit: pd.Series, cmap, norm, i: int) -> tuple[dict, dict]:
    """(marker style, line style) of the ``i``-th spectrum in temperature order."""
    marker = MARKERS[i % len(MARKERS)]
    if bool(fit["usable"]):
        c = cmap(norm(fit["T_K"]))
        ls = "-." if str(fit["flags"] or "") not in ("", "nan") else "-"
        return {"marker": marker, "color": c, "mfc": c, "mec": c}, {"color": c, "ls": ls, "lw": 0.9}
    return (
        {"marker": marker, "color": FLAGGED_COLOR, "mfc": "none", "mec": FLAGGED_COLOR},
        {"color": FLAGGED_COLOR, "ls": "--", "lw": 0.8},
    )


def _finish(fig, axes, fits, cmap, norm, title: str, stem: Path) -> None:
    sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
    fig.colorbar(sm, ax=axes, label="$T$ (K)", fraction=0.05, pad=0.02)
    fig.suptitle(title, fontsize=9)
    fig.text(0.01, -0.02, flagged_note(fits), fontsize=6, ha="left", va="top", wrap=True)
    for suffix in (".png", ".pdf"):  # closing after the first save keeps the drawing
        save_figure(fig, Path(str(stem) + suffix))


def plot_spectra(points, fits, key: str, chi_unit: str, title: str, stem: str | Path) -> None:
    """chi'(f) and chi''(f) with fit lines, coloured by T, to ``stem``.png and .pdf."""
    apply_own_style()
    cmap, norm = _CMAP, _norm(fits)
    fig, (ax_re, ax_im) = plt.subplots(2, 1, figsize=(6.0, 5.6), sharex=True)
    curves = _curves(fits, points, key)
    for i, (_, fit) in enumerate(fits.sort_values("T_K").iterrows()):
        pts = points.loc[points[key] == fit[key]].sort_values("freq_Hz")
        mstyle, lstyle = _style(fit, cmap, norm, i)
        ax_re.plot(pts["freq_Hz"], pts["chi_real"], ls="none", ms=2.5, **mstyle)
        ax_im.plot(pts["freq_Hz"], pts["chi_imag"], ls="none", ms=2.5, **mstyle)
        if fit[key] in curves:
            grid, re, im = curves[fit[key]]
            ax_re.plot(grid, re, **lstyle)
            ax_im.plot(grid, im, **lstyle)
    for ax in (ax_re, ax_im):
        ax.set_xscale("log")
    ax_re.set_ylabel(chi_label("'", chi_unit))
    ax_im.set_ylabel(chi_label("''", chi_unit))
    ax_im.set_xlabel("$f$ (Hz)")
    _finish(fig, [ax_re, ax_im], fits, cmap, norm, title, Path(stem))


def plot_cole_cole(points, fits, key: str, chi_unit: str, title: str, stem: str | Path) -> None:
    """Cole-Cole plot chi'' vs chi' with the fitted arcs, coloured by T."""
    apply_own_style()
    cmap, norm = _CMAP, _norm(fits)
    fig, ax = plt.subplots(figsize=(6.0, 4.4))
    curves = _curves(fits, points, key)
    for i, (_, fit) in enumerate(fits.sort_values("T_K").iterrows()):
        pts = points.loc[points[key] == fit[key]]
        mstyle, lstyle = _style(fit, cmap, norm, i)
        ax.plot(pts["chi_real"], pts["chi_imag"], ls="none", ms=2.5, **mstyle)
        if fit[key] in curves:
            _, re, im = curves[fit[key]]
            ax.plot(re, im, **lstyle)
    ax.set_aspect("equal", adjustable="box")  # an arc's shape (alpha) is read off this plot
    ratio = np.ptp(ax.get_ylim()) / max(np.ptp(ax.get_xlim()), 1e-300)
    fig.set_size_inches(6.0, float(np.clip(1.0 + 4.6 * ratio, 2.4, 7.0)))
    ax.set_xlabel(chi_label("'", chi_unit))
    ax.set_ylabel(chi_label("''", chi_unit))
    _finish(fig, [ax], fits, cmap, norm, title, Path(stem))


def plot_residuals(points, fits, key: str, title: str, stem: str | Path) -> None:
    """(data - fit) / max chi' of each spectrum, for chi' and chi'', vs f, coloured by T."""
    apply_own_style()
    cmap, norm = _CMAP, _norm(fits)
    fig, (ax_re, ax_im) = plt.subplots(2, 1, figsize=(6.0, 5.0), sharex=True)
    for i, (_, fit) in enumerate(fits.sort_values("T_K").iterrows()):
        pts = points.loc[points[key] == fit[key]].sort_values("freq_Hz")
        if pts.empty or not np.isfinite(fit.get("tau_s", np.nan)):
            continue
        re, im = fitted_curves(fit.to_frame().T.reset_index(drop=True), pts["freq_Hz"].to_numpy())
        scale = float(np.nanmax(np.abs(pts["chi_real"]))) or 1.0
        mstyle, lstyle = _style(fit, cmap, norm, i)
        f = pts["freq_Hz"]
        ax_re.plot(f, (pts["chi_real"] - re[0]) / scale, ls=lstyle["ls"], ms=2, lw=0.4, **mstyle)
        ax_im.plot(f, (pts["chi_imag"] - im[0]) / scale, ls=lstyle["ls"], ms=2, lw=0.4, **mstyle)
    for ax, prime in ((ax_re, "'"), (ax_im, "''")):
        ax.axhline(0.0, color="k", lw=0.6)
        ax.set_xscale("log")
        ax.set_ylabel(rf"$(\chi{prime} - \mathrm{{fit}})\,/\,\max\chi'$")
    ax_im.set_xlabel("$f$ (Hz)")
    _finish(fig, [ax_re, ax_im], fits, cmap, norm, title, Path(stem))
