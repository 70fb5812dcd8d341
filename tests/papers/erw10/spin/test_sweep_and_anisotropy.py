"""Batched level sweeps (Fig. 1c, d) and the classical anisotropy energy (Fig. 1b)."""

import numpy as np
import pytest

from spinrelax.papers.erw10.spin import (
    IonParameters,
    classical_anisotropy_K,
    coherent_states,
    crystal_field_hamiltonian_K,
    electronuclear_hamiltonian_K,
    level_sweep_K,
)


def test_sweep_matches_one_by_one_diagonalisation_with_hyperfine(corrected):
    Hz = np.array([-300.0, -1.0, 0.0, 25.0, 400.0])
    energies, vectors = level_sweep_K(
        corrected, Hz, 80.0, with_hyperfine=True, n_levels=16, return_vectors=True
    )
    assert energies.shape == (5, 16) and vectors.shape == (5, 128, 16)
    origin = np.linalg.eigvalsh(electronuclear_hamiltonian_K(corrected))[0]
    for i, hz in enumerate(Hz):
        full = np.linalg.eigvalsh(electronuclear_hamiltonian_K(corrected, np.array([80.0, 0, hz])))
        assert np.abs(energies[i] - (full[:16] - origin)).max() < 1e-9


def test_sweep_without_nucleus_crosses_at_zero_bias(corrected):
    Hz = np.linspace(-100, 100, 201)
    energies = level_sweep_K(corrected, Hz, 0.0, n_levels=2)
    gap = energies[:, 1] - energies[:, 0]
    assert gap[100] == pytest.approx(0.0, abs=1e-10)  # Kramers crossing at Hz = 0
    g_z = 2 * 1.2 * 6.5  # ~ pure 13/2: slope g_z muB
    assert gap[-1] / 100e-4 / 0.6717 == pytest.approx(g_z, rel=0.01)


def test_coherent_states():
    states = coherent_states(7.5, np.array([0.0, 37.0, 90.0, 180.0]), phi_deg=20.0)
    assert np.allclose(np.sum(np.abs(states) ** 2, axis=1), 1.0)
    m = 7.5 - np.arange(16)
    assert np.allclose(np.abs(states) ** 2 @ m, 7.5 * np.cos(np.deg2rad([0, 37, 90, 180])))


def test_anisotropy_of_pure_b20_is_known_curve():
    """<O20> in a coherent state = J(J - 1/2)(3 cos^2 theta - 1)."""
    params = IonParameters(J=7.5, g_J=1.2, B_kq_K={(2, 0): -1.35})
    theta = np.linspace(0, 180, 19)
    expected = -1.35 * 7.5 * 7.0 * (3 * np.cos(np.deg2rad(theta)) ** 2 - 1)
    assert np.allclose(classical_anisotropy_K(params, theta), expected, atol=1e-10)


def test_anisotropy_poles_are_stretched_state_energies(printed, corrected):
    for params in (printed, corrected):
        H = crystal_field_hamiltonian_K(params)
        assert classical_anisotropy_K(params, np.array([0.0]))[0] == pytest.approx(H[0, 0].real)
    # sign_corrected: the classical minimum is off the axis (the 13/2 ground state); printed: on it
    theta = np.linspace(0, 90, 91)
    assert 15 < theta[np.argmin(classical_anisotropy_K(corrected, theta))] < 45
    assert theta[np.argmin(classical_anisotropy_K(printed, theta))] == 0
