"""Figs. 1, 4, 5 of paper 2: three characteristic profiles (a-c) and moments vs size (d).

Fig. 1: V11 (atomic-like), V12 (non-magnetic), V13 (superparamagnetic); Fig. 4: Nb7, Nb11, Nb12;
Fig. 5: Ta5, Ta6, Ta7. All at the baseline condition (source 25 K, 6 bar).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from spinrelax.figures.style import apply_style
from spinrelax.io.deflection_profile import DeflectionProfile
from spinrelax.papers.clusters.figures.panels import moments_panel, profile_panel

#: Panel sizes (a-c) per figure, as in the paper.
OVERVIEW_SIZES: dict[int, tuple[str, tuple[int, int, int]]] = {
    1: ("V", (11, 12, 13)),
    4: ("Nb", (7, 11, 12)),
    5: ("Ta", (5, 6, 7)),
}


def overview_figure(
    moments: pd.DataFrame,
    profiles: Mapping[str, DeflectionProfile],
    element: str,
    sizes: Sequence[int],
    condition: str,
) -> plt.Figure:
    """Profiles of ``sizes`` (top row) and the moments of ``element`` vs n (bottom)."""
    apply_style()
    rows = moments[(moments["element"] == element) & (moments["condition"] == condition)]
    fig = plt.figure(figsize=(7.0, 5.2))
    grid = fig.add_gridspec(2, 3, height_ratios=[1.0, 1.2], hspace=0.45)
    for i, n in enumerate(sizes):
        ax = fig.add_subplot(grid[0, i])
        sel = rows[rows["n"] == n]
        if sel.empty:
            ax.set_axis_off()
            continue
        row = sel.iloc[0]
        profile_panel(ax, profiles[row["file"]], row)
        ax.set_xlabel("position (mm)")
        ax.text(0.02, 0.9, "abc"[i] + ")", transform=ax.transAxes)
        if i == 0:
            ax.set_ylabel("counts (norm.)")
            ax.legend(frameon=False, fontsize=6, loc="upper right")
    ax = fig.add_subplot(grid[1, :])
    moments_panel(ax, rows, element)
    ax.text(0.01, 0.9, "d)", transform=ax.transAxes)
    return fig
