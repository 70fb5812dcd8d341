"""Physical constants (CODATA 2022, exact SI where defined) and unit conversions.

Source: CODATA 2022 recommended values, as tabulated in ``scipy.constants``. Everything inside
the package is SI or Kelvin; conversions happen at the edges with the helpers below.
"""

from __future__ import annotations

import scipy.constants as sc

k_B_J_per_K: float = sc.k
hbar_J_s: float = sc.hbar
h_J_s: float = sc.h
mu_B_J_per_T: float = sc.physical_constants["Bohr magneton"][0]
N_A_per_mol: float = sc.N_A
u_kg: float = sc.physical_constants["atomic mass constant"][0]
mu_0_T_m_per_A: float = sc.mu_0

#: Bohr magneton over Boltzmann constant, K/T (0.6717 K/T).
mu_B_K_per_T: float = mu_B_J_per_T / k_B_J_per_K
#: Bohr magneton in erg/G (cgs), for molar susceptibilities in emu/mol.
mu_B_erg_per_G: float = mu_B_J_per_T * 1e3
#: Boltzmann constant in erg/K.
k_B_erg_per_K: float = k_B_J_per_K * 1e7

OE_PER_T: float = 1e4
"""1 T of B corresponds to 1e4 Oe of H in vacuum (cgs-Gaussian)."""


def oe_to_tesla(h_oe: float) -> float:
    """Convert a field in Oe (cgs) to the vacuum flux density in T (1 Oe -> 1e-4 T)."""
    return h_oe / OE_PER_T


def chi_cgs_molar_to_si(chi_emu_per_mol: float) -> float:
    """Molar susceptibility cm^3/mol (emu/mol) -> m^3/mol: multiply by 4 pi 1e-6."""
    return chi_emu_per_mol * 4.0e-6 * sc.pi


#: Wavenumber per kelvin, k_B / (h c) in cm^-1 K^-1 (0.695 cm^-1 per K; CODATA 2022).
CM1_PER_K: float = sc.k / (sc.h * sc.c * 100.0)
