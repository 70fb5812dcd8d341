"""Phonon-laser rate (Delta/hbar completion): dimensions, an independent cgs evaluation, and
the Kramers requirement that the rate vanishes with the tunnel splitting."""

import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.phonon_laser import phonon_laser_rate_s

J, DELTA, DE, C, RHO, V = 7.5, 6.8e-5, 0.078, 2.3e5, 3.411, 3260.8


def test_cgs_evaluation_and_scalings():
    rate = phonon_laser_rate_s(J, DELTA, DE, C, RHO, V)
    # same formula in cgs: erg, g, cm/s
    kB, hbar = 1.380649e-16, 1.054571817e-27
    M_g = RHO * V * 1e-24
    cgs = J * DELTA * kB / hbar * np.sqrt(DE * kB / (8 * np.pi * M_g * C**2))
    assert rate == pytest.approx(cgs, rel=1e-8)
    # rate ~ Delta dE^(1/2) c^-1 M^-1/2
    assert phonon_laser_rate_s(J, DELTA, 4 * DE, C, RHO, V) == pytest.approx(2 * rate)
    assert phonon_laser_rate_s(J, 3 * DELTA, DE, C, RHO, V) == pytest.approx(3 * rate)
    assert phonon_laser_rate_s(J, DELTA, DE, 2 * C, RHO, V) == pytest.approx(rate / 2)
    assert phonon_laser_rate_s(J, DELTA, DE, C, RHO, V, Z=2, per_molecule=True) == pytest.approx(
        rate * np.sqrt(2)
    )
    assert phonon_laser_rate_s(J, DELTA, DE, C, RHO, V, denominator="8") == pytest.approx(
        rate * np.sqrt(np.pi)
    )
    # the paper's order of magnitude (1e4 s^-1) within a decade for the printed reading
    assert 1e3 < rate < 1e4


def test_rate_vanishes_as_delta_goes_to_zero():
    deltas = np.geomspace(1e-4, 1e-12, 9)
    rates = np.array([phonon_laser_rate_s(J, d, np.hypot(d, 0.078), C, RHO, V) for d in deltas])
    assert np.all(np.diff(rates) < 0)
    assert rates[-1] / rates[0] == pytest.approx(1e-8, rel=1e-6)
    assert phonon_laser_rate_s(J, 0.0, 0.078, C, RHO, V) == 0.0


def test_unknown_denominator():
    with pytest.raises(ValueError, match="denominator"):
        phonon_laser_rate_s(J, DELTA, DE, C, RHO, V, denominator="4")
