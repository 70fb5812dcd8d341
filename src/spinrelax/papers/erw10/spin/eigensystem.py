"""Eigensystems of spin Hamiltonians: sorted levels, Kramers doublets and |mJ> composition.

Kramers' theorem (Abragam & Bleaney 1970, section 15.5): for half-integer J and no magnetic
field every level is (at least) two-fold degenerate. Inside each doublet the basis is fixed by
diagonalising Jz, so |+> has <Jz> >= 0 and |-> is its partner; this is the basis in which
g_z = 2 g_J |<+|Jz|+>| (PHYSICS.md).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum, m_values


def real_if_possible(H_K: np.ndarray) -> np.ndarray:
    """``H_K`` as a real array when its imaginary part is exactly zero (LAPACK dsyevd is ~2x
    faster than zheevd); e.g. fields in the xz plane with only q >= 0 crystal-field terms."""
    if np.iscomplexobj(H_K) and not np.any(H_K.imag):
        return np.ascontiguousarray(H_K.real)
    return H_K


def eigensystem(H_K: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ascending energies (K) and orthonormal eigenvectors (columns) of Hermitian ``H_K``.

    Works on a single matrix (d, d) or a stack (..., d, d) (batched LAPACK via numpy.linalg.eigh).
    """
    return np.linalg.eigh(real_if_possible(H_K))


def eigenvalues(H_K: np.ndarray) -> np.ndarray:
    """Ascending energies (K) of Hermitian ``H_K`` (single matrix or stack), no vectors."""
    return np.linalg.eigvalsh(real_if_possible(H_K))


class KramersDoublets(NamedTuple):
    """Zero-field Kramers doublets, lowest first.

    ``energies_K`` (n,) are relative to the ground doublet; ``splitting_K`` (n,) is the residual
    splitting inside each doublet (numerically ~1e-13 K); ``plus`` and ``minus`` (d, n) are the
    Jz-diagonal partner states with <Jz> >= 0 for ``plus``.
    """

    energies_K: np.ndarray
    splitting_K: np.ndarray
    plus: np.ndarray
    minus: np.ndarray


def kramers_doublets(H_K: np.ndarray, J: float) -> KramersDoublets:
    """Group the levels of a zero-field Hamiltonian of half-integer ``J`` into Kramers doublets."""
    if abs((2 * J) % 2 - 1) > 1e-12:
        raise SpinrelaxError(f"J = {J} is an integer: no Kramers doublets")
    energies, vectors = eigensystem(H_K)
    Jz = angular_momentum(J).Jz
    n = len(energies) // 2
    plus = np.empty((len(energies), n), dtype=complex)
    minus = np.empty_like(plus)
    for d in range(n):
        pair = vectors[:, 2 * d : 2 * d + 2]
        jz_pair = pair.conj().T @ Jz @ pair
        _, rot = np.linalg.eigh(jz_pair)  # ascending <Jz>: column 1 is the + state
        rotated = pair @ rot
        plus[:, d] = _fix_phase(rotated[:, 1])
        minus[:, d] = _fix_phase(rotated[:, 0])
    pair_energies = energies.reshape(n, 2)
    return KramersDoublets(
        energies_K=pair_energies.mean(axis=1) - pair_energies[0].mean(),
        splitting_K=pair_energies[:, 1] - pair_energies[:, 0],
        plus=plus,
        minus=minus,
    )


def _fix_phase(vector: np.ndarray) -> np.ndarray:
    """Make the largest component real positive (deterministic output of a degenerate basis)."""
    big = vector[np.argmax(np.abs(vector))]
    return vector * (abs(big) / big)


def dominant_component(vector: np.ndarray, J: float) -> tuple[float, float]:
    """(m, weight) of the largest |<m|psi>|^2 of a state on the |J, m> basis."""
    weights = np.abs(vector) ** 2
    i = int(np.argmax(weights))
    return float(m_values(J)[i]), float(weights[i])


def expectation(vectors: np.ndarray, operator: np.ndarray) -> np.ndarray:
    """Real <v|A|v> for each column v of ``vectors`` (also for stacks (..., d, n))."""
    return np.real(np.einsum("...in,ij,...jn->...n", vectors.conj(), operator, vectors))
