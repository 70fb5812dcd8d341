"""Prism demagnetising factors (Aharoni 1998) and the theta correction."""

import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.demagnetisation import (
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
