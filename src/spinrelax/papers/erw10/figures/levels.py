"""Paper 1 (Luis et al., PRB 82, 060403(R) (2010)) Fig. 1(b-d): ErW10 energy levels.

(b) zero-field levels at their <Jz> with the classical anisotropy energy E(theta) drawn against
J cos(theta); (c) the two lowest levels (mJ = +-13/2 doublet, I = 0) vs bias field Hz at
B_dip,perp = 80 Oe; (d) the same for 167Er (I = 7/2): 16 electronuclear levels coloured by <Iz>.
Inputs are the tables of the spin stage (erw10_levels.csv, erw10_level_sweep.csv).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from spinrelax.figures.style import apply_style
from spinrelax.papers.erw10.spin import (
    IonParameters,
    classical_anisotropy_K,
    crystal_field_hamiltonian_K,
    eigenvalues,
)


def draw_fig1b(
    levels: pd.DataFrame, classical_Jz: np.ndarray, classical_energy_K: np.ndarray
) -> plt.Figure:
    """Levels (rows of one variant: Jz_expectation, energy_K, dominant_mJ) and E(theta) in K."""
    apply_style()
    fig, ax = plt.subplots(figsize=(3.4, 3.0))
    ax.plot(classical_Jz, classical_energy_K, color="0.4", lw=1.0, label=r"classical $E(\theta)$")
    for row in levels.itertuples():
        ax.hlines(
            row.energy_K, row.Jz_expectation - 0.35, row.Jz_expectation + 0.35, color="C3", lw=1.6
        )
    ground = levels.loc[levels["level"] == 0].iloc[0]
    ax.annotate(
        rf"$m_J = \pm{2 * abs(ground.dominant_mJ):.0f}/2$",
        (abs(ground.Jz_expectation), ground.energy_K),
        xytext=(0, 10),
        textcoords="offset points",
        ha="center",
        fontsize=7,
    )
    ax.set_xlabel(r"$\langle J_z \rangle$,  $J\cos\theta$")
    ax.set_ylabel(r"$E/k_B$ (K)")
    ax.set_title(f"ErW10 zero-field levels ({levels['variant'].iloc[0]})", fontsize=8)
    ax.legend(loc="upper center", frameon=False)
    return fig


def draw_fig1c(sweep: pd.DataFrame) -> plt.Figure:
    """The two lowest levels of the I = 0 isotopes vs Hz (rows with isotope == "I=0")."""
    apply_style()
    data = sweep[sweep["isotope"] == "I=0"]
    fig, ax = plt.subplots(figsize=(3.4, 3.0))
    for level, group in data.groupby("level"):
        ax.plot(group["Hz_Oe"], group["energy_K"], lw=1.2, color=("C0", "C3")[int(level) % 2])
    wide = data.pivot(index="Hz_Oe", columns="level", values="energy_K")
    centre = wide.index[np.argmin(np.abs(wide.index.to_numpy()))]
    delta = wide.loc[centre, 1] - wide.loc[centre, 0]
    ax.text(
        0.03,
        0.95,
        rf"$\Delta/k_B$ = {delta:.2e} K at $H_z$ = {centre:g} Oe",
        transform=ax.transAxes,
        va="top",
        fontsize=7,
    )
    ax.set_xlabel(r"$H_z$ (Oe)")
    ax.set_ylabel(r"$E/k_B$ (K)")
    ax.set_title(r"$m_J=\pm 13/2$, $I=0$", fontsize=8)
    return fig


def draw_fig1d(sweep: pd.DataFrame, isotope: str) -> plt.Figure:
    """Electronuclear levels of ``isotope`` vs Hz, coloured by the nuclear <Iz>."""
    apply_style()
    data = sweep[sweep["isotope"] == isotope]
    fig, ax = plt.subplots(figsize=(3.8, 3.0))
    norm = plt.Normalize(data["Iz_expectation"].min(), data["Iz_expectation"].max())
    for _, group in data.groupby("level"):
        ax.scatter(
            group["Hz_Oe"],
            group["energy_K"],
            c=group["Iz_expectation"],
            s=0.6,
            cmap="coolwarm",
            norm=norm,
            linewidths=0,
        )
    fig.colorbar(
        plt.cm.ScalarMappable(norm=norm, cmap="coolwarm"), ax=ax, label=r"$\langle I_z \rangle$"
    )
    ax.set_xlabel(r"$H_z$ (Oe)")
    ax.set_ylabel(r"$E/k_B$ (K)")
    ax.set_title(rf"$^{{167}}$Er, {isotope.replace('I=', 'I = ')}", fontsize=8)
    return fig


def classical_curve(params: IonParameters, n_theta: int = 361) -> tuple[np.ndarray, np.ndarray]:
    """(J cos theta, E(theta) - E_ground) in K for Fig. 1(b), on the levels' energy origin."""
    theta = np.linspace(0.0, 180.0, n_theta)
    ground = eigenvalues(crystal_field_hamiltonian_K(params))[0]
    return params.J * np.cos(np.deg2rad(theta)), classical_anisotropy_K(params, theta) - ground
