"""Figure comparing the samples of a sheet: tau against 1/T and alpha against T of the usable
spectrum fits of every sample, side by side (seaborn, one colour and one marker per sample so
that it reads in greyscale print).

Input: ``{sample: spectrum-parameter table}`` as :mod:`spinrelax.sample_report.spectrum_table`
writes it (``T_K``, ``tau_s``, ``alpha``, ``usable``).
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from spinrelax.figures.style import MARKERS, apply_own_style


def comparison_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Usable fits of every sample: sample, T_K, inverse_T_K-1, tau_s, alpha."""
    parts = [
        t.loc[t["usable"].astype(bool), ["T_K", "tau_s", "alpha"]].assign(sample=name)
        for name, t in tables.items()
        if len(t) and {"T_K", "tau_s", "alpha", "usable"} <= set(t.columns)
    ]
    cols = ["sample", "T_K", "inverse_T_K-1", "tau_s", "alpha"]
    if not parts:
        return pd.DataFrame(columns=cols)
    data = pd.concat(parts, ignore_index=True)
    return data.assign(**{"inverse_T_K-1": 1.0 / data["T_K"]}).loc[:, cols]


def plot_comparison(tables: Mapping[str, pd.DataFrame]) -> plt.Figure | None:
    """tau vs 1/T (log) and alpha vs T of every sample; ``None`` when no sample has a fit."""
    data = comparison_table(tables)
    if data.empty:
        return None
    apply_own_style()
    samples = list(dict.fromkeys(data["sample"]))
    style = {
        "hue": "sample", "style": "sample", "hue_order": samples, "style_order": samples,
        "markers": [MARKERS[i % len(MARKERS)] for i in range(len(samples))],
        "dashes": False, "palette": sns.color_palette("dark", len(samples)),
        "markersize": 4, "linewidth": 0.8, "sort": True, "estimator": None,
    }  # fmt: skip
    fig, (ax_tau, ax_alpha) = plt.subplots(1, 2, figsize=(8.0, 3.4))
    sns.lineplot(data, x="inverse_T_K-1", y="tau_s", ax=ax_tau, legend=False, **style)
    sns.lineplot(data, x="T_K", y="alpha", ax=ax_alpha, **style)
    ax_tau.set_yscale("log")
    ax_tau.set_xlabel(r"$1/T$ (K$^{-1}$)")
    ax_tau.set_ylabel(r"$\tau$ (s)")
    ax_alpha.set_xlabel(r"$T$ (K)")
    ax_alpha.set_ylabel(r"$\alpha$")
    ax_alpha.legend(frameon=False, fontsize=7)
    fig.suptitle("Samples compared (usable spectrum fits)", fontsize=9)
    fig.tight_layout()
    return fig
