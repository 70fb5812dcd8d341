"""Physical constants (CODATA 2022, exact SI where defined) and unit conversions.

Source: CODATA 2022 recommended values (exact SI values where defined), written out as the
numbers ``scipy.constants`` 1.17 tabulates (tests/test_constants.py checks that they are the
same floats), so that reading a file does not import scipy (0.5 s of start-up). Everything inside
the package is SI or Kelvin; conversions happen at the edges with the helpers below.
"""

from __future__ import annotations

import math

k_B_J_per_K: float = 1.380649e-23  # exact
h_J_s: float = 6.62607015e-34  # exact
hbar_J_s: float = h_J_s / (2 * math.pi)
mu_B_J_per_T: float = 9.2740100657e-24
N_A_per_mol: float = 6.02214076e23  # exact
u_kg: float = 1.66053906892e-27
mu_0_T_m_per_A: float = 1.25663706127e-6
c_m_per_s: float = 299792458.0  # exact

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
    return chi_emu_per_mol * 4.0e-6 * math.pi


#: Wavenumber per kelvin, k_B / (h c) in cm^-1 K^-1 (0.695 cm^-1 per K; CODATA 2022).
CM1_PER_K: float = k_B_J_per_K / (h_J_s * c_m_per_s * 100.0)
