"""The constants written out in spinrelax.constants are scipy.constants' CODATA 2022 floats."""

import math

import scipy.constants as sc

from spinrelax import constants as c


def test_constants_are_the_scipy_codata_values():
    pairs = [
        (c.k_B_J_per_K, sc.k),
        (c.h_J_s, sc.h),
        (c.hbar_J_s, sc.hbar),
        (c.mu_B_J_per_T, sc.physical_constants["Bohr magneton"][0]),
        (c.N_A_per_mol, sc.N_A),
        (c.u_kg, sc.physical_constants["atomic mass constant"][0]),
        (c.mu_0_T_m_per_A, sc.mu_0),
        (c.c_m_per_s, sc.c),
        (c.CM1_PER_K, sc.k / (sc.h * sc.c * 100.0)),
        (c.chi_cgs_molar_to_si(1.0), 4.0e-6 * sc.pi),
    ]
    for ours, scipy_value in pairs:
        assert ours == scipy_value  # the same float, not just close
    assert math.pi == sc.pi
