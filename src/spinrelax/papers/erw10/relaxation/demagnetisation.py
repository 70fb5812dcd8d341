"""Demagnetising correction of the Curie-Weiss temperature of an Ising crystal.

Demagnetising factors of a rectangular prism 2a x 2b x 2c along the c edge, in SI units
(N_x + N_y + N_z = 1): Aharoni, J. Appl. Phys. 83, 3432 (1998), Eq. 1. cgs factors are 4 pi
times these.

For Ising moments along z with intrinsic chi_z = C_z / (T - theta) (volume cgs), a field at
angle psi to z and demagnetising tensor N, the internal field along z is H_z - N_zz M, so the
measured susceptibility along the field is

    chi_meas = C_z cos^2 psi / (T - theta + N_zz C_z),

i.e. theta_meas = theta - N_zz C_z: the intrinsic theta = theta_meas + N_zz C_z, with
C_z = C_meas / cos^2 psi (volume cgs, C_molar rho / M_molar). As chi_z -> infinity the
measured susceptibility tends to cos^2 psi / N_zz (the ferromagnetic limit along the field).

Geometry (one for every row that uses N): a flat crystal has N = 4 pi (cgs) along its normal
and 0 in its plane, so N_zz = N (n . z)^2. With the normal along the ac field (the reading of
paper 1's "1/N" limit, which compares chi along the field with 1/N), N_zz = N cos^2 psi: the
correction is N C_meas and the ferromagnetic limit is exactly 1/N. With the normal along the
easy axis, N_zz = N: correction N C_meas / cos^2 psi and limit cos^2 psi / N. See
docs/physics.md.
"""

from __future__ import annotations

import numpy as np


def prism_demag_factor(a: float, b: float, c: float) -> float:
    """SI demagnetising factor along c of a prism with half-edges a, b, c (Aharoni 1998)."""
    r = np.sqrt(a * a + b * b + c * c)
    ab, bc, ac = np.sqrt(a * a + b * b), np.sqrt(b * b + c * c), np.sqrt(a * a + c * c)
    t = (
        (b * b - c * c) / (2 * b * c) * np.log((r - a) / (r + a))
        + (a * a - c * c) / (2 * a * c) * np.log((r - b) / (r + b))
        + b / (2 * c) * np.log((ab + a) / (ab - a))
        + a / (2 * c) * np.log((ab + b) / (ab - b))
        + c / (2 * a) * np.log((bc - b) / (bc + b))
        + c / (2 * b) * np.log((ac - a) / (ac + a))
        + 2 * np.arctan(a * b / (c * r))
        + (a**3 + b**3 - 2 * c**3) / (3 * a * b * c)
        + (a * a + b * b - 2 * c * c) / (3 * a * b * c) * r
        + c / (a * b) * (ac + bc)
        - (ab**3 + bc**3 + ac**3) / (3 * a * b * c)
    )
    return float(t / np.pi)


def prism_demag_factors_cgs(dimensions: tuple[float, float, float]) -> np.ndarray:
    """cgs demagnetising factors (4 pi N_SI) along each of the three edges (any length unit)."""
    x, y, z = (0.5 * float(d) for d in dimensions)
    return (
        4.0
        * np.pi
        * np.array(
            [prism_demag_factor(y, z, x), prism_demag_factor(z, x, y), prism_demag_factor(x, y, z)]
        )
    )


def intrinsic_theta_K(
    theta_meas_K: float,
    C_molar_emu_K_per_mol: float,
    density_g_per_cm3: float,
    molar_mass_g_per_mol: float,
    angle_deg: float,
    N_zz_cgs: float,
) -> float:
    """theta corrected for demagnetisation (module docstring), in K."""
    cos2 = np.cos(np.deg2rad(angle_deg)) ** 2
    C_z_volume = C_molar_emu_K_per_mol * density_g_per_cm3 / molar_mass_g_per_mol / cos2
    return float(theta_meas_K + N_zz_cgs * C_z_volume)


def flat_crystal_N_zz_cgs(N_normal_cgs: float, normal_to_easy_axis_deg: float) -> float:
    """N_zz (cgs) of a flat crystal with factor N along its normal at the given angle to z."""
    return float(N_normal_cgs * np.cos(np.deg2rad(normal_to_easy_axis_deg)) ** 2)


def ferromagnetic_limit_volume_cgs(N_zz_cgs: float, angle_deg: float) -> float:
    """Largest susceptibility along a field at ``angle_deg`` to the easy axis (module
    docstring), volume cgs: cos^2 psi / N_zz."""
    return float(np.cos(np.deg2rad(angle_deg)) ** 2 / N_zz_cgs)
