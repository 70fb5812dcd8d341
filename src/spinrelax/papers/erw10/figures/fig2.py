"""Paper 1 (Luis et al., PRB 2010) Fig. 2: chi_z and chi_perp of ErW10 vs T with equilibrium lines.

Measured points (ac engineer's ``equilibrium_chi_points.csv``: sample, orientation z|perp, T_K,
freq_Hz, chi_real, chi_imag, chi_T, chi_T_err, chi_unit) are drawn as chi' (filled) and chi''
(open) per frequency; the lines are the single-ion equilibrium chi_z, chi_perp of the spin stage
(erw10_susceptibility.csv). Log T axis; an inset shows T > 2 K on linear axes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from spinrelax.constants import chi_cgs_molar_to_si
from spinrelax.errors import InputFormatError, raise_at_first_row
from spinrelax.figures.style import apply_style

POINT_COLUMNS = ("sample", "orientation", "T_K", "freq_Hz", "chi_real", "chi_imag", "chi_unit")
#: Factors that bring a molar chi to emu/mol (= cm^3/mol).
_TO_EMU_PER_MOL = {
    "emu/mol": 1.0,
    "cm3/mol": 1.0,
    "cm^3/mol": 1.0,
    "m3/mol": 1.0 / chi_cgs_molar_to_si(1.0),
    "m^3/mol": 1.0 / chi_cgs_molar_to_si(1.0),
}


def points_in_emu_per_mol(points: pd.DataFrame, source: str = "points") -> pd.DataFrame:
    """Check the measured-point table and convert chi_real, chi_imag to emu/mol."""
    missing = [c for c in POINT_COLUMNS if c not in points.columns]
    if missing:
        raise InputFormatError(f"missing column(s) {', '.join(missing)}", file=source, line=1)
    raise_at_first_row(
        ~points["chi_unit"].isin(list(_TO_EMU_PER_MOL)),
        f"chi_unit must be one of {sorted(_TO_EMU_PER_MOL)}",
        file=source,
        column="chi_unit",
    )
    raise_at_first_row(
        ~points["orientation"].isin(["z", "perp"]),
        "orientation must be z or perp",
        file=source,
        column="orientation",
    )
    factor = points["chi_unit"].map(_TO_EMU_PER_MOL).astype(float)
    return points.assign(chi_real=points["chi_real"] * factor, chi_imag=points["chi_imag"] * factor)


def _draw(ax: plt.Axes, lines: pd.DataFrame, points: pd.DataFrame) -> None:
    """Lines chi_z, chi_perp (and chi at the tilt angle, dashed) and points shaded by frequency."""
    ax.plot(
        lines["T_K"],
        lines["chi_z_emu_per_mol"],
        color="C0",
        lw=1.0,
        zorder=3,
        label=r"$\chi_z$ eq.",
    )
    ax.plot(
        lines["T_K"],
        lines["chi_perp_emu_per_mol"],
        color="C3",
        lw=1.0,
        zorder=3,
        label=r"$\chi_\perp$ eq.",
    )
    if "easy_axis_angle_deg" in points.columns and (points["easy_axis_angle_deg"] % 90 != 0).any():
        angle = lines["tilt_angle_deg"].iloc[0]
        ax.plot(
            lines["T_K"],
            lines["chi_tilted_emu_per_mol"],
            "--",
            color="C0",
            lw=0.8,
            zorder=3,
            label=rf"eq. at {angle:g}$^\circ$",
        )
    log_f = np.log10(points["freq_Hz"]) if len(points) else pd.Series(dtype=float)
    span = (log_f.min(), max(log_f.max(), log_f.min() + 1e-9)) if len(points) else (0.0, 1.0)
    for orientation, cmap in (("z", plt.cm.Blues), ("perp", plt.cm.Reds)):
        sel = points[points["orientation"] == orientation].sort_values(["freq_Hz", "T_K"])
        shade = 0.35 + 0.65 * (np.log10(sel["freq_Hz"]) - span[0]) / (span[1] - span[0])
        colors = cmap(shade.to_numpy())
        symbol = r"\chi_z" if orientation == "z" else r"\chi_\perp"
        label = rf"${symbol}$ data (darker: higher $f$)" if len(sel) else None
        ax.scatter(sel["T_K"], sel["chi_real"], s=4, c=colors, linewidths=0, label=label)
        ax.scatter(
            sel["T_K"], sel["chi_imag"], s=5, facecolors="none", edgecolors=colors, linewidths=0.5
        )


def draw_fig2(lines: pd.DataFrame, points: pd.DataFrame) -> plt.Figure:
    """Lines: one variant of the susceptibility table; points: :func:`points_in_emu_per_mol` output.

    Filled symbols chi', open chi''; darker = higher frequency. The y range follows the points
    (the single-ion lines, without interactions, keep rising as 1/T below T_N).
    """
    apply_style()
    fig, ax = plt.subplots(figsize=(4.0, 3.2))
    _draw(ax, lines, points)
    T_min = min(points["T_K"].min(), 1.0) if len(points) else 0.01
    ax.set_xscale("log")
    ax.set_xlim(T_min * 0.8, 15.0)
    top = points["chi_real"].max() if len(points) else lines["chi_z_emu_per_mol"].max()
    ax.set_ylim(0, 1.15 * top)
    ax.set_xlabel("T (K)")
    ax.set_ylabel(r"$\chi'$ (filled), $\chi''$ (open) (emu/mol)")
    ax.legend(fontsize=6, frameon=False, loc="upper left")
    inset = ax.inset_axes([0.63, 0.45, 0.35, 0.4])
    hot = points[points["T_K"] >= 2]
    _draw(inset, lines[(lines["T_K"] >= 2) & (lines["T_K"] <= 15)], hot)
    inset.set_xlim(2, 14)
    if len(hot):
        inset.set_ylim(0, 1.15 * hot["chi_real"].max())
    inset.tick_params(labelsize=6)
    ax.set_title(
        f"ErW10: lines = equilibrium single-ion chi ({lines['variant'].iloc[0]})", fontsize=7
    )
    return fig
