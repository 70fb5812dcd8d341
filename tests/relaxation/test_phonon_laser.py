"""Phonon-laser rate: dimensional analysis and an independent cgs evaluation."""

import numpy as np
import pytest

from spinrelax.relaxation.phonon_laser import phonon_laser_rate_s


def test_cgs_evaluation_and_scalings():
    J, dE_K, c, rho, V = 7.5, 0.07, 2.3e5, 3.411, 3260.8
    rate = phonon_laser_rate_s(J, dE_K, c, rho, V)
    # same formula in cgs: erg, g, cm/s
    dE_erg = dE_K * 1.380649e-16
    M_g = rho * V * 1e-24
    cgs = J * dE_erg / 1.054571817e-27 * np.sqrt(dE_erg / (8 * np.pi * M_g * c**2))
    assert rate == pytest.approx(cgs, rel=1e-9)
    # rate ~ dE^(3/2) c^-1 M^-1/2: fixes the dimensions of each factor
    assert phonon_laser_rate_s(J, 4 * dE_K, c, rho, V) == pytest.approx(8 * rate)
    assert phonon_laser_rate_s(J, dE_K, 2 * c, rho, V) == pytest.approx(rate / 2)
    assert phonon_laser_rate_s(J, dE_K, c, rho, V, Z=2, per_molecule=True) == pytest.approx(
        rate * np.sqrt(2)
    )
