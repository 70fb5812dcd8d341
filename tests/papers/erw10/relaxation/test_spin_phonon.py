import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.spin_phonon import (
    coupling_matrix,
    magnetic_basis,
    spin_phonon_operators,
)


def _jmats(J):
    """Independent construction of Jx, Jy, Jz (basis m = J ... -J)."""
    m = J - np.arange(int(2 * J) + 1)
    jp = np.zeros((m.size, m.size))
    for i in range(1, m.size):
        jp[i - 1, i] = np.sqrt(J * (J + 1) - m[i] * (m[i] + 1))
    return (jp + jp.T) / 2, (jp - jp.T) / 2j, np.diag(m)


@pytest.mark.parametrize("sets", [("dm0",), ("dm1",), ("dm2",), ("dm4",)])
def test_hermitian_normalised_selection_rules(sets):
    J = 7.5
    jx, jy, jz = _jmats(J)
    m = np.diag(jz)
    dm = {"dm0": 0, "dm1": 1, "dm2": 2, "dm4": 4}[sets[0]]
    for v in spin_phonon_operators(jx, jy, jz, sets):
        np.testing.assert_allclose(v, v.conj().T, atol=1e-12)
        assert np.trace(v @ v).real / v.shape[0] == pytest.approx(1.0)
        i, j = np.nonzero(np.abs(v) > 1e-12)
        assert set(np.abs(m[i] - m[j])) == {dm}


def test_van_vleck_no_coupling_inside_kramers_doublet():
    J = 7.5
    jx, jy, jz = _jmats(J)
    rng = np.random.default_rng(2)
    # a random time-reversal-invariant Hamiltonian: crystal-field-like even operators
    ops = spin_phonon_operators(jx, jy, jz, ("dm0", "dm1", "dm2", "dm4"))
    H = sum(c * v for c, v in zip(rng.normal(size=len(ops)), ops, strict=True))
    E, vec = np.linalg.eigh(H)
    vec = magnetic_basis(E, vec, jz)
    M = coupling_matrix(vec, ops)
    for d in range(0, 16, 2):
        assert M[d, d + 1] < 1e-20


def test_magnetic_basis_diagonalises_jz_in_doublets():
    J = 7.5
    jx, jy, jz = _jmats(J)
    H = -1.0 * (jz @ jz)  # doublets |+-m>
    E, vec = np.linalg.eigh(H)
    rot = vec @ np.kron(np.eye(8), np.array([[1, 1], [1, -1]]) / np.sqrt(2))  # mix partners
    out = magnetic_basis(E, rot, jz)
    jz_diag = np.abs(np.real(np.einsum("in,ij,jn->n", out.conj(), jz, out)))
    np.testing.assert_allclose(np.sort(jz_diag)[::-2], np.arange(7.5, 0, -1), atol=1e-10)


def test_unknown_set():
    with pytest.raises(ValueError):
        spin_phonon_operators(*_jmats(0.5), ("dm3",))
