"""Phonon-laser (collective single-phonon emission) bound on the relaxation rate of paper 1.

Paper 1 prints tau_L,max^-1 = J (dE / 8 pi M c_s^2)^(1/2), M = rho V. As printed it is
dimensionless (dE / (M c_s^2) is a pure number): a frequency is missing. The completion used
here, derived in docs/physics.md, is the collective Rabi frequency of the rotational spin-phonon
coupling of a tunnel-split doublet:

    tau_L,max^-1 = J (Delta / hbar) (dE / (k M c_s^2))^(1/2),   k = 8 pi (printed) or 8.

Sketch: a lattice rotation by d_theta about the anisotropy axis changes H by i[H, J_z d_theta],
whose matrix element between the two tunnel-split states is Delta J d_theta (it vanishes with
the tunnel splitting Delta: a time-even distortion cannot flip a Kramers doublet). One phonon
of energy dE in a crystal of N spins and mass N M has a rotation amplitude
d_theta^2 = dE / (8 N M c_s^2); N spins coupled to that one mode give a Rabi frequency
sqrt(N) times the single-spin one, which is the formula above with k = 8 and M the mass per
spin (rho V / Z). The printed 8 pi and M = rho V (unit cell) are the alternative readings;
``per_molecule`` divides M by Z. Dimensions: [Delta / hbar] = s^-1, the root is a number.
A completion with dE / hbar instead of Delta / hbar survives Delta -> 0 and is not used.
"""

from __future__ import annotations

import numpy as np

from spinrelax.constants import hbar_J_s, k_B_J_per_K

#: Denominator constants k of the two readings (printed 8 pi; derived 8).
DENOMINATORS = {"8pi": 8.0 * np.pi, "8": 8.0}


def phonon_laser_rate_s(
    J: float,
    delta_K: float,
    dE_K: float,
    c_s_cm_per_s: float,
    rho_g_per_cm3: float,
    V_cell_A3: float,
    Z: int = 1,
    per_molecule: bool = False,
    denominator: str = "8pi",
) -> float:
    """tau_L,max^-1 in s^-1 (module docstring); inputs in the units of their names."""
    if denominator not in DENOMINATORS:
        raise ValueError(f"denominator must be one of {sorted(DENOMINATORS)}, not {denominator!r}")
    dE_J = dE_K * k_B_J_per_K
    c_m_s = c_s_cm_per_s * 1e-2
    M_kg = rho_g_per_cm3 * 1e3 * V_cell_A3 * 1e-30 / (Z if per_molecule else 1)
    rabi = delta_K * k_B_J_per_K / hbar_J_s
    return float(J * rabi * np.sqrt(dE_J / (DENOMINATORS[denominator] * M_kg * c_m_s**2)))
