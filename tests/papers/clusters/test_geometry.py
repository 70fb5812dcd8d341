"""Stern-Gerlach geometry checked against a hand calculation with CODATA constants."""

import pytest
import scipy.constants as sc

from spinrelax.papers.clusters.geometry import (
    calibrate_gradient_product_T_m,
    deflection_per_muB_mm,
    gradient_product_T_m,
    ns_per_mm_for_mass,
    position_mm,
)

MU_B = 9.2740100783e-24  # J/T, CODATA 2018 (2022 differs by 1e-9 relative)
U = 1.66053906660e-27  # kg, CODATA 2018


def test_gradient_product():
    assert gradient_product_T_m(650.0, 0.1, 1.0) == pytest.approx(650 * 0.1 * 1.05)


def test_deflection_per_muB_by_hand():
    # V11 at 450 m/s through K = 30 T m: d = muB K / (m v^2)
    m = 11 * 50.9415 * U
    expected_mm = 1e3 * MU_B * 30.0 / (m * 450.0**2)
    assert deflection_per_muB_mm(30.0, 11 * 50.9415, 450.0) == pytest.approx(expected_mm, rel=1e-7)
    assert 1.0 < expected_mm < 2.0  # ~1.5 mm: resolvable against a 0.5 mm slit


def test_al_calibration_inverts_the_deflection():
    K = 29.7
    d_al = deflection_per_muB_mm(K, 26.9815384, 600.0) / 3.0  # Al: 1/3 muB
    assert calibrate_gradient_product_T_m(d_al, 26.9815384, 600.0) == pytest.approx(K, rel=1e-12)


def test_ns_per_mm_scales_as_sqrt_mass():
    assert ns_per_mm_for_mass(20 * 92.90637) == pytest.approx(19.2)
    assert ns_per_mm_for_mass(4 * 20 * 92.90637) == pytest.approx(38.4)


def test_position_sign_and_zero():
    z = position_mm([90.0, 100.0, 110.0], 100.0, 10.0, -1)
    assert list(z) == [1.0, 0.0, -1.0]


def test_constants_match_codata():
    assert sc.physical_constants["Bohr magneton"][0] == pytest.approx(MU_B, rel=1e-7)
