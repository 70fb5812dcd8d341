"""Fig. 3 of paper 2: V11 at 6 bar, at 2 bar, and at 2 bar with another nozzle.

A central (undeflected) peak appears when the He backing pressure is low: non-thermalised,
vibrationally excited clusters relax by the Raman process during the transit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from spinrelax.figures.style import apply_style
from spinrelax.io.deflection_profile import DeflectionProfile
from spinrelax.papers.clusters.figures.panels import profile_panel


def relaxed_label(row: pd.Series) -> str:
    """'relaxed f ± err' when resolved, 'relaxed < limit (95 %)' when only a limit exists."""
    if pd.notna(row.get("relaxed_fraction_upper_limit")):
        return f"relaxed < {row['relaxed_fraction_upper_limit']:.2g} (95 %)"
    if pd.notna(row.get("relaxed_fraction")):
        return f"relaxed {row['relaxed_fraction']:.3f} ± {row['relaxed_fraction_err']:.3f}"
    return "relaxed fraction: no converged fit"


def pressure_figure(
    moments: pd.DataFrame,
    profiles: Mapping[str, DeflectionProfile],
    conditions: Sequence[str],
    element: str = "V",
    n: int = 11,
) -> plt.Figure:
    """One panel per condition label, with the fitted relaxed fraction in the title."""
    apply_style()
    fig, axes = plt.subplots(
        1, len(conditions), figsize=(2.4 * len(conditions), 2.3), squeeze=False
    )
    rows = moments[(moments["element"] == element) & (moments["n"] == n)]
    for ax, cond in zip(axes[0], conditions, strict=True):
        sel = rows[rows["condition"] == cond]
        if sel.empty:
            ax.set_axis_off()
            continue
        row = sel.iloc[0]
        profile_panel(ax, profiles[row["file"]], row, marks_muB=(-1.0, 1.0))
        ax.set_title(f"{cond.replace('_', ' ')}\n{relaxed_label(row)}", fontsize=7)
        ax.set_xlabel("position (mm)")
    axes[0][0].set_ylabel("counts (norm.)")
    fig.tight_layout()
    return fig
