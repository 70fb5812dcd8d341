"""Equilibrium chi and M: Curie limits, Van Vleck vs dM/dH, projections, populations."""

import numpy as np
import pytest

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin import (
    IonParameters,
    chi_at_angle,
    doublet_g_factors,
    excited_population,
    magnetisation_muB_per_ion,
    powder_average,
    susceptibility_emu_per_mol,
    susceptibility_tensor_emu_per_mol,
)

# N_A muB^2 / (3 kB) in emu K/mol from CODATA 2018 (cgs), written out independently.
CURIE_PER_G2_JJ1 = 6.02214076e23 * (9.2740100783e-21) ** 2 / (3 * 1.380649e-16)


def test_curie_constant_of_er3plus():
    assert CURIE_PER_G2_JJ1 * 1.2**2 * 7.5 * 8.5 == pytest.approx(11.48, abs=0.01)


def test_high_temperature_curie_limit(corrected):
    T = np.array([3e4])
    chi_z = susceptibility_emu_per_mol(corrected, T, "z")
    chi_perp = susceptibility_emu_per_mol(corrected, T, "x")
    curie = CURIE_PER_G2_JJ1 * 1.2**2 * 7.5 * 8.5
    # the powder average has no 1/T correction at first order in H_CF (traceless O_k^q)
    assert powder_average(chi_z, chi_perp)[0] * T[0] == pytest.approx(curie, rel=1e-5)
    assert chi_z[0] * T[0] == pytest.approx(curie, rel=5e-3)


def test_low_temperature_limit_is_ground_doublet_curie_law(corrected):
    g_z = doublet_g_factors(corrected).loc[0, "g_z"]
    T = np.array([0.05])
    expected = 3 * CURIE_PER_G2_JJ1 * g_z**2 / 4 / T  # effective S = 1/2 along z
    assert susceptibility_emu_per_mol(corrected, T, "z")[0] == pytest.approx(expected[0], rel=1e-4)


@pytest.mark.parametrize("T_K", [0.5, 3.0, 40.0, 300.0])
@pytest.mark.parametrize(("axis", "theta_deg"), [("z", 0.0), ("x", 90.0)])
def test_van_vleck_equals_numerical_derivative_of_magnetisation(corrected, T_K, axis, theta_deg):
    h = 0.01  # Oe
    M = magnetisation_muB_per_ion(corrected, np.array([-h, h]), T_K, theta_deg=theta_deg)[:, 0]
    chi_numeric = 6.02214076e23 * 9.2740100783e-21 * (M[1] - M[0]) / (2 * h)
    chi = susceptibility_emu_per_mol(corrected, T_K, axis)[0]
    assert chi == pytest.approx(chi_numeric, rel=1e-5)


def test_tensor_is_uniaxial_and_projections(corrected):
    T = np.geomspace(0.1, 300, 7)
    chi = susceptibility_tensor_emu_per_mol(corrected, T)
    assert np.allclose(chi[:, 0, 0], chi[:, 1, 1], rtol=1e-10)
    assert np.abs(chi[:, 0, 2]).max() < 1e-12 * chi[:, 2, 2].min()
    chi_z, chi_x = chi[:, 2, 2], chi[:, 0, 0]
    low = T < 10
    assert np.all(chi_z[low] > 10 * chi_x[low])  # strong uniaxial anisotropy (paper, Fig. 2)
    assert np.allclose(powder_average(chi_z, chi_x), np.trace(chi, axis1=1, axis2=2) / 3)
    assert np.allclose(chi_at_angle(chi_z, chi_x, 0.0), chi_z)
    assert np.allclose(chi_at_angle(chi_z, chi_x, 90.0), chi_x)
    direction = [np.sin(np.deg2rad(42)), 0, np.cos(np.deg2rad(42))]
    assert np.allclose(
        susceptibility_emu_per_mol(corrected, T, np.array(direction)),
        chi_at_angle(chi_z, chi_x, 42),
    )


def test_saturation_magnetisation_along_easy_axis(corrected):
    M = magnetisation_muB_per_ion(corrected, np.array([5e4]), np.array([0.5]))
    g_z = doublet_g_factors(corrected).loc[0, "g_z"]
    assert M[0, 0] == pytest.approx(g_z / 2, rel=1e-3)  # ~ g_J * 13/2 = 7.8 muB


def test_excited_population(printed, corrected):
    assert excited_population(corrected, 4.0)[0] < 1e-4  # paper: < 1e-4 below 4 K
    assert excited_population(printed, 4.0)[0] > 1e-3
    free = IonParameters(J=1.5, g_J=2.0, B_kq_K={(2, 0): 1.0})  # levels 0 (+-1/2) and 6 K
    assert excited_population(free, 6.0)[0] == pytest.approx(np.exp(-1) / (1 + np.exp(-1)))


@pytest.mark.parametrize("T", [0.0, -1.0, np.nan])
def test_bad_temperature_raises(corrected, T):
    with pytest.raises(SpinrelaxError):
        susceptibility_emu_per_mol(corrected, np.array([1.0, T]))
