"""Phonon-laser (collective single-phonon emission) bound on the relaxation rate.

Paper 1 prints tau_L,max^-1 = J (dE / 8 pi M c_s^2)^(1/2) ..., cut off in the extraction and
dimensionally incomplete: dE / (M c_s^2) is dimensionless, so a frequency factor is missing.
Following Chudnovsky & Garanin, Phys. Rev. Lett. 93, 257205 (2004) (phonon superradiance and
the phonon laser in nanomagnets, the paper's Ref. 24), the collective Rabi frequency of N spins
coupled to one resonant phonon mode of a crystal of mass N M is the transition frequency dE/hbar
times the single-phonon strain amplitude (dE / (M c_s^2))^(1/2) times the spin J; we therefore use

    tau_L,max^-1 = J (dE / hbar) (dE / (8 pi M c_s^2))^(1/2)        [s^-1]

with M = rho V (V: unit-cell volume, as printed; ``per_molecule`` divides by Z). Dimension
check: [J] = 1, [dE/hbar] = s^-1, [dE / (M c_s^2)] = J / (kg m^2 s^-2) = 1.
"""

from __future__ import annotations

import numpy as np

from spinrelax.constants import hbar_J_s, k_B_J_per_K


def phonon_laser_rate_s(
    J: float,
    dE_K: float,
    c_s_cm_per_s: float,
    rho_g_per_cm3: float,
    V_cell_A3: float,
    Z: int = 1,
    per_molecule: bool = False,
) -> float:
    """tau_L,max^-1 in s^-1 (module docstring); inputs in the units of their names."""
    dE_J = dE_K * k_B_J_per_K
    c_m_s = c_s_cm_per_s * 1e-2
    M_kg = rho_g_per_cm3 * 1e3 * V_cell_A3 * 1e-30 / (Z if per_molecule else 1)
    return float(J * dE_J / hbar_J_s * np.sqrt(dE_J / (8.0 * np.pi * M_kg * c_m_s**2)))
