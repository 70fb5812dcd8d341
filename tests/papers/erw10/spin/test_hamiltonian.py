"""Hamiltonian: energies against the independent construction, symmetries, hyperfine, config."""

import numpy as np
import pytest
from conftest import independent_hamiltonian_K

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin import (
    IonParameters,
    crystal_field_hamiltonian_K,
    eigenvalues,
    electronuclear_hamiltonian_K,
    kramers_doublets,
    load_variant,
    parameters_from_mapping,
    spin_hamiltonian_K,
)

FIELDS_OE = [(0.0, 0.0, 0.0), (80.0, 0.0, 0.0), (0.0, 0.0, 500.0), (300.0, -200.0, 1000.0)]


@pytest.mark.parametrize("variant", ["printed", "corrected"])
@pytest.mark.parametrize("H_Oe", FIELDS_OE)
def test_energies_match_independent_construction(variant, H_Oe, request):
    params = request.getfixturevalue(variant)
    ours = eigenvalues(spin_hamiltonian_K(params, np.array(H_Oe)))
    reference = np.linalg.eigvalsh(independent_hamiltonian_K(params, H_Oe))
    assert np.abs(ours - reference).max() < 1e-9


def test_kramers_degeneracy_exact_for_low_symmetry_field():
    rng = np.random.default_rng(7)
    B = {(k, q): rng.normal(scale=10.0 ** (-k / 2)) for k in (2, 4, 6) for q in range(-k, k + 1)}
    params = IonParameters(J=4.5, g_J=0.727, B_kq_K=B)
    doublets = kramers_doublets(crystal_field_hamiltonian_K(params), params.J)
    assert np.abs(doublets.splitting_K).max() < 1e-10
    assert np.diff(doublets.energies_K).min() > 1e-6  # the doublets themselves are distinct


def test_integer_J_has_no_kramers_doublets():
    params = IonParameters(J=4.0, g_J=0.8, B_kq_K={(2, 0): -1.0})
    with pytest.raises(SpinrelaxError):
        kramers_doublets(crystal_field_hamiltonian_K(params), params.J)


def test_b44_sign_leaves_spectrum_unchanged(corrected):
    flipped = corrected.with_B(4, 4, -corrected.B_kq_K[(4, 4)])
    a = eigenvalues(crystal_field_hamiltonian_K(corrected))
    b = eigenvalues(crystal_field_hamiltonian_K(flipped))
    assert np.abs(a - b).max() < 1e-9
    # ... but the operator itself changes, so the test can fail
    assert not np.allclose(
        crystal_field_hamiltonian_K(corrected), crystal_field_hamiltonian_K(flipped)
    )


def test_free_ion_zeeman_ladder():
    params = IonParameters(J=7.5, g_J=1.2, B_kq_K={})
    energies = eigenvalues(spin_hamiltonian_K(params, np.array([0.0, 0.0, 1e4])))  # 1 T
    step = 1.2 * 9.2740100783e-24 / 1.380649e-23
    assert np.allclose(np.diff(energies), step, rtol=1e-12)


def test_hyperfine_without_crystal_field_gives_F_multiplets():
    """A I.J alone: E_F = A/2 [F(F+1) - J(J+1) - I(I+1)], F = |J-I| ... J+I, degeneracy 2F+1."""
    A, J, I = -6e-3, 7.5, 3.5  # noqa: E741
    params = IonParameters(J=J, g_J=1.2, B_kq_K={}, I=I, A_J_K=A)
    energies = eigenvalues(electronuclear_hamiltonian_K(params))
    expected = np.sort(
        np.concatenate(
            [
                np.full(int(2 * F + 1), A / 2 * (F * (F + 1) - J * (J + 1) - I * (I + 1)))
                for F in np.arange(J - I, J + I + 1)
            ]
        )
    )
    assert energies.shape == (128,)
    assert np.allclose(energies, expected, atol=1e-12)


def test_config_variants_differ_only_in_b40_sign(printed, corrected):
    assert printed.B_kq_K[(4, 0)] == -corrected.B_kq_K[(4, 0)] == -1.07e-2
    rest = {key: v for key, v in printed.B_kq_K.items() if key != (4, 0)}
    assert rest == {key: v for key, v in corrected.B_kq_K.items() if key != (4, 0)}
    assert (printed.J, printed.g_J, printed.I, printed.A_J_K) == (7.5, 1.2, 3.5, -6e-3)


def test_default_variant_and_bad_config(spin_config):
    assert load_variant(spin_config).name == "sign_corrected"
    with pytest.raises(SpinrelaxError, match="not in config"):
        load_variant(spin_config, "nonsense")
    with pytest.raises(SpinrelaxError, match="B<k><q>"):
        parameters_from_mapping({"J": 7.5, "g_J": 1.2, "B_kq_K": {"C20": 1.0}})
    with pytest.raises(SpinrelaxError, match="lacks"):
        parameters_from_mapping({"J": 7.5, "B_kq_K": {}})
