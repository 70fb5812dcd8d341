"""Relaxation-law comparison of V, Nb and Ta (paper 2, Eqs. 1-3 and Sec. IV B).

Predicted fraction relaxed during the transit, 1 - exp(-t/tau), vs vibrational temperature for
the Kramers Raman law (T^9/Delta^4) scaled by M^5 (1/v_s^10) for Nb and Ta, beside the
non-Kramers law (T^7/Delta^2, same coupling) for V; the measured relaxed fractions of V11 at
each source temperature are overlaid (a fraction that is not resolved as its 95 % upper limit,
drawn as a downward arrow).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import NullFormatter, ScalarFormatter

from spinrelax.figures.style import apply_style
from spinrelax.papers.clusters.relaxation_laws import (
    kramers_coupling,
    raman_rate_per_s,
    relaxed_fraction,
    transit_time_s,
)

MASS_U = {"V": 50.9415, "Nb": 92.90637, "Ta": 180.94788}
COLORS = {"V": "tab:blue", "Nb": "tab:green", "Ta": "tab:purple"}


def relaxation_figure(moments: pd.DataFrame, params: dict) -> plt.Figure:
    """Predicted relaxed fraction vs T (lines) and measured V11 relaxed fractions (points)."""
    apply_style()
    T = np.geomspace(params["T_min_K"], params["T_max_K"], 200)
    t = transit_time_s(params["L1_m"], params["v_m_per_s"])
    fig, ax = plt.subplots(figsize=(4.2, 3.0))
    delta = params["delta_K"]
    coupling = kramers_coupling(params["raman_rate_ref_per_s"], params["T_ref_K"], delta)
    for element, mass in MASS_U.items():
        rate = raman_rate_per_s(T, coupling, delta, mass_ratio=mass / MASS_U["V"])
        ax.plot(
            T,
            relaxed_fraction(t, rate),
            color=COLORS[element],
            label=f"{element}: Raman, Kramers $T^9$, $M^5$",
        )
    rate_nk = raman_rate_per_s(T, coupling, delta, kramers=False)
    ax.plot(
        T,
        relaxed_fraction(t, rate_nk),
        color=COLORS["V"],
        ls="--",
        label=rf"V: non-Kramers $T^7$ ($\Delta$ = {delta:g} K)",
    )
    n_ref = int(params["n_ref"])
    meas = moments[
        (moments["element"] == "V")
        & (moments["n"] == n_ref)
        & (moments["pressure_bar"] == 6)
        & (moments["behaviour"] == "atomic_like")
    ]
    ax.errorbar(
        meas["T_cluster_K"],
        meas["relaxed_fraction"],
        yerr=meas["relaxed_fraction_err"],
        ls="none",
        marker="o",
        color="k",
        ms=4,
        label=f"V$_{{{n_ref}}}$ measured (6 bar)",
    )
    limits = meas[meas["relaxed_fraction_upper_limit"].notna()]
    if not limits.empty:
        ax.errorbar(
            limits["T_cluster_K"],
            limits["relaxed_fraction_upper_limit"],
            yerr=0.05,
            uplims=True,
            ls="none",
            marker="_",
            color="k",
            ms=6,
            label=f"V$_{{{n_ref}}}$ 95 % upper limit",
        )
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("vibrational temperature (K)")
    ax.set_ylabel("relaxed fraction after transit")
    ax.set_ylim(-0.05, 1.05)
    ax.legend(frameon=False, fontsize=6)
    fig.tight_layout()
    return fig
