"""Prism demagnetising factors (Aharoni 1998) and the theta correction."""

import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.demagnetisation import (
    ferromagnetic_limit_volume_cgs,
    flat_crystal_N_zz_cgs,
    intrinsic_theta_K,
    prism_demag_factor,
    prism_demag_factors_cgs,
)


def test_cube_plate_and_needle_limits():
    assert prism_demag_factor(1.0, 1.0, 1.0) == pytest.approx(1 / 3, rel=1e-12)
    n = prism_demag_factors_cgs((800.0, 400.0, 200.0)) / (4 * np.pi)
    assert n.sum() == pytest.approx(1.0, rel=1e-12)
    assert n[0] < n[1] < n[2]
    assert prism_demag_factors_cgs((1.0, 1.0, 1e-4))[2] / (4 * np.pi) > 0.999
    # long square rod: transverse factors tend to 1/2
    assert prism_demag_factor(1.0, 1000.0, 1.0) == pytest.approx(0.5, abs=1e-3)


def test_theta_correction_by_hand():
    # C_z = C / cos^2(psi) in volume units, theta + N C_z
    C, rho, M, psi, N = 4.466, 3.411, 3349.1, 42.0, 4 * np.pi
    cz = C * rho / M / np.cos(np.deg2rad(psi)) ** 2
    assert intrinsic_theta_K(-0.0898, C, rho, M, psi, N) == pytest.approx(-0.0898 + N * cz)
    assert intrinsic_theta_K(-0.0898, C, rho, M, psi, 0.0) == pytest.approx(-0.0898)


@pytest.mark.parametrize("psi", [0.0, 42.0, 70.0])
def test_flat_crystal_with_its_normal_along_the_field(psi):
    # N along the field: N_zz = N cos^2 psi, so the correction is N C (the angle drops out)
    # and the largest measurable susceptibility is 1/N, the limit of the demag_ratio row
    C, rho, M, N = 4.466, 3.411, 3349.1, 4 * np.pi
    n_zz = flat_crystal_N_zz_cgs(N, psi)
    assert intrinsic_theta_K(-0.0898, C, rho, M, psi, n_zz) == pytest.approx(
        -0.0898 + N * C * rho / M
    )
    assert ferromagnetic_limit_volume_cgs(n_zz, psi) == pytest.approx(1 / N)
    # N along the easy axis instead: the limit is cos^2 psi / N
    assert ferromagnetic_limit_volume_cgs(N, psi) == pytest.approx(np.cos(np.deg2rad(psi)) ** 2 / N)


def test_the_shipped_crystal_numbers():
    # theta = -89.8 mK, C = 4.466 emu K/mol at 42 deg: -32.7 mK along the field, +13.7 mK along
    # the easy axis (docs/physics.md, erw10.theta_corrected_K)
    args = (-0.08984, 4.466, 3.411, 3349.1, 42.0)
    assert intrinsic_theta_K(*args, flat_crystal_N_zz_cgs(4 * np.pi, 42.0)) == pytest.approx(
        -0.0327, abs=2e-4
    )
    assert intrinsic_theta_K(*args, 4 * np.pi) == pytest.approx(0.0137, abs=2e-4)
