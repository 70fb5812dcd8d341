"""Fig. 2 of paper 2: V profiles vs source temperature (rows) for a few sizes (columns).

Dashed lines at -1, 0, +1 muB (the atomic-like peak positions); deflections shrink with T
because the velocity rises (d ~ 1/v^2), and heavier clusters relax at the highest T.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from spinrelax.figures.style import apply_style
from spinrelax.io.deflection_profile import DeflectionProfile
from spinrelax.papers.clusters.figures.panels import profile_panel


def temperature_figure(
    moments: pd.DataFrame,
    profiles: Mapping[str, DeflectionProfile],
    sizes: Sequence[int],
    source_T_K: Sequence[float],
    pressure_bar: float = 6.0,
) -> plt.Figure:
    """Grid of V profiles: one row per source temperature, one column per size."""
    apply_style()
    fig, axes = plt.subplots(
        len(source_T_K),
        len(sizes),
        figsize=(1.5 * len(sizes) + 0.8, 1.35 * len(source_T_K) + 0.6),
        squeeze=False,
    )
    v = moments[(moments["element"] == "V") & (moments["pressure_bar"] == pressure_bar)]
    for i, T in enumerate(source_T_K):
        for j, n in enumerate(sizes):
            ax = axes[i][j]
            sel = v[(v["source_T_K"] == T) & (v["n"] == n)]
            if sel.empty:
                ax.set_axis_off()
                continue
            row = sel.iloc[0]
            profile_panel(ax, profiles[row["file"]], row, marks_muB=(-1.0, 0.0, 1.0))
            ax.set_yticks([])
            if j == 0:
                ax.set_ylabel(f"{T:g} K")
            if i == len(source_T_K) - 1:
                ax.set_xlabel("position (mm)")
    fig.tight_layout()
    return fig
