"""Shared panels of the paper-2 figures: one deflection profile, and moments vs cluster size."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from spinrelax.io.deflection_profile import DeflectionProfile
from spinrelax.papers.clusters.analysis import profile_data

BEHAVIOUR_STYLE = {
    "atomic_like": {"marker": "o", "color": "tab:blue", "label": "atomic-like"},
    "superparamagnetic": {"marker": "s", "color": "tab:red", "label": "superparamagnetic"},
    "non_magnetic": {"marker": "v", "color": "0.4", "label": "non-magnetic (upper limit)"},
}


def profile_panel(
    ax: plt.Axes, profile: DeflectionProfile, row: pd.Series, *, marks_muB=(-1.0, 1.0)
) -> None:
    """Magnet off (black) and on (red) counts vs position (mm), dashed lines at ``marks_muB``.

    Counts are background-subtracted (edge median) and scaled to the magnet-off maximum;
    the position zero is the magnet-off mean; marks use the row's deflection per muB.
    """
    data = profile_data(profile)
    k = max(3, data.z_mm.size // 10)

    def net(c: np.ndarray) -> np.ndarray:
        return c - np.median(np.concatenate([c[:k], c[-k:]]))

    off, on = net(data.counts_off), net(data.counts_on)
    scale = off.max() if off.max() > 0 else 1.0
    ax.plot(data.z_mm, off / scale, color="k", lw=0.8, label="B = 0")
    ax.plot(
        data.z_mm,
        on / scale * off.sum() / max(on.sum(), 1.0),
        color="tab:red",
        lw=0.8,
        label=f"B = {float(profile.meta['B_T']):g} T",
    )
    for m in marks_muB:
        ax.axvline(m * row["deflection_per_muB_mm"], color="0.5", ls="--", lw=0.6)
    reach = max(abs(m) for m in marks_muB) if marks_muB else 0.0
    half = max(1.6 * reach * row["deflection_per_muB_mm"], 1.2)
    ax.set_xlim(-half, half)
    ax.set_title(
        f"{profile.element}$_{{{profile.n}}}$: {row['behaviour'].replace('_', '-')}", fontsize=8
    )


def moments_panel(ax: plt.Axes, rows: pd.DataFrame, element: str) -> None:
    """Moment (muB) vs size n, one marker style per behaviour; non-magnetic as upper limits."""
    for behaviour, style in BEHAVIOUR_STYLE.items():
        sel = rows[rows["behaviour"] == behaviour].sort_values("n")
        if sel.empty:
            continue
        if behaviour == "non_magnetic":
            y, yerr = sel["moment_upper_limit_muB"], None
        else:
            y, yerr = sel["moment_muB"], sel["moment_err_muB"]
        ax.errorbar(sel["n"], y, yerr=yerr, ls="none", ms=4, capsize=2, **style)
    ax.set_xlabel(f"cluster size n ({element}$_n$)")
    ax.set_ylabel(r"magnetic moment ($\mu_B$)")
    ax.axhline(1.0, color="0.7", lw=0.5, ls=":")
    ax.legend(frameon=False, fontsize=6)
