"""Stern-Gerlach geometry: deflection per Bohr magneton, gradient calibration, TOF position.

Source: PHYSICS.md (Stern-Gerlach deflection) and the experimental section of Diaz-Bachs et al.
(2022). A particle with moment projection mu_z in a field gradient dB/dz over a magnet of length
L1, followed by a free drift L2, lands displaced by

    d = mu_z (dB/dz) L1 (L1/2 + L2) / (m v^2) = mu_z K / (m v^2),

with the gradient product K = (dB/dz) L1 (L1/2 + L2) in T m.
"""

from __future__ import annotations

import numpy as np

from spinrelax.constants import mu_B_J_per_T, u_kg

#: Al ground state 2P1/2: moment projection +-1/3 muB (g_J = 2/3, m_J = +-1/2).
AL_MOMENT_MUB: float = 1.0 / 3.0
#: Position sensitivity of the TOF spectrometer for Nb20 (ns per mm), Diaz-Bachs et al. Sec. II.
NS_PER_MM_NB20: float = 19.2
#: Mass of Nb20 in u (20 x 92.90637).
MASS_NB20_U: float = 20 * 92.90637


def gradient_product_T_m(dBdz_T_per_m: float, L1_m: float, L2_m: float) -> float:
    """K = (dB/dz) L1 (L1/2 + L2) in T m from the magnet geometry (PHYSICS.md)."""
    return dBdz_T_per_m * L1_m * (0.5 * L1_m + L2_m)


def deflection_per_muB_mm(K_T_m: float, mass_u: float, v_m_per_s: float) -> float:
    """Detector displacement (mm) of a particle with mu_z = 1 muB: muB K / (m v^2)."""
    return 1e3 * mu_B_J_per_T * K_T_m / (mass_u * u_kg * v_m_per_s**2)


def calibrate_gradient_product_T_m(
    deflection_mm: float, mass_u: float, v_m_per_s: float, moment_muB: float = AL_MOMENT_MUB
) -> float:
    """K = d m v^2 / mu_z from an atom beam of known moment (Al: mu_z = 1/3 muB), in T m."""
    return 1e-3 * deflection_mm * mass_u * u_kg * v_m_per_s**2 / (moment_muB * mu_B_J_per_T)


def ns_per_mm_for_mass(mass_u: float) -> float:
    """TOF position sensitivity, scaling as sqrt(mass) from 19.2 ns/mm at Nb20 (paper 2, Sec. II)."""
    return NS_PER_MM_NB20 * float(np.sqrt(mass_u / MASS_NB20_U))


def position_mm(t_ns: np.ndarray, t_ref_ns: float, ns_per_mm: float, tof_sign: int) -> np.ndarray:
    """Deflection-axis position (mm) of each arrival-time bin, zero at ``t_ref_ns``."""
    return tof_sign * (np.asarray(t_ns, dtype=float) - t_ref_ns) / ns_per_mm


def bin_widths_mm(z_mm: np.ndarray) -> np.ndarray:
    """Width of each position bin (mm), from the spacing of the bin centres."""
    return np.abs(np.gradient(np.asarray(z_mm, dtype=float)))
