"""Spin-phonon coupling operators and their squared matrix elements between eigenstates.

The one-phonon orbit-lattice interaction of a rare-earth ion is a sum of strain components
times crystal-field-like operators of rank 2 (and 4) of J (Orbach, Proc. R. Soc. A 264, 458
(1961); Abragam & Bleaney 1970, section 10.2). Without the strain tensor of ErW10 we keep the
operator *set* configurable, following shared/design/PHYSICS.md:

- ``dm0``: O20 = 3Jz^2 - J(J+1)                              (Delta m = 0)
- ``dm1``: {Jz, Jx}, {Jz, Jy}                                 (Delta m = +-1)
- ``dm2``: Jx^2 - Jy^2, {Jx, Jy}                              (Delta m = +-2)
- ``dm4``: (J+^4 + J-^4)/2, (J+^4 - J-^4)/(2i)                (Delta m = +-4)

({A, B} = AB + BA.) Each operator is Hermitian, time-reversal even (so it has no matrix element
inside a Kramers doublet: Van Vleck cancellation) and normalised to unit root-mean-square
eigenvalue, sqrt(Tr V^2 / (2J+1)) = 1, so that one prefactor C sets the overall strength.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

OPERATOR_SETS = ("dm0", "dm1", "dm2", "dm4")


def _anti(a: NDArray[np.complex128], b: NDArray[np.complex128]) -> NDArray[np.complex128]:
    return a @ b + b @ a


def _normalised(v: NDArray[np.complex128]) -> NDArray[np.complex128]:
    rms = np.sqrt(np.real(np.trace(v @ v)) / v.shape[0])
    return v / rms


def spin_phonon_operators(
    jx: ArrayLike, jy: ArrayLike, jz: ArrayLike, sets: tuple[str, ...]
) -> list[NDArray[np.complex128]]:
    """The normalised Hermitian operators of the named ``sets`` (module docstring)."""
    x, y, z = (np.asarray(a, dtype=complex) for a in (jx, jy, jz))
    d = z.shape[0]
    jj = np.real(np.trace(x @ x + y @ y + z @ z)) / d  # J(J+1)
    jp = x + 1j * y
    jm = x - 1j * y
    ops: list[NDArray[np.complex128]] = []
    for name in sets:
        if name == "dm0":
            ops.append(3.0 * z @ z - jj * np.eye(d))
        elif name == "dm1":
            ops += [_anti(z, x), _anti(z, y)]
        elif name == "dm2":
            ops += [x @ x - y @ y, _anti(x, y)]
        elif name == "dm4":
            p4, m4 = np.linalg.matrix_power(jp, 4), np.linalg.matrix_power(jm, 4)
            ops += [(p4 + m4) / 2.0, (p4 - m4) / 2.0j]
        else:
            raise ValueError(f"unknown spin-phonon operator set {name!r}; known: {OPERATOR_SETS}")
    return [_normalised(v) for v in ops]


def coupling_matrix(
    vectors: ArrayLike, operators: list[NDArray[np.complex128]]
) -> NDArray[np.float64]:
    """M_ij = sum over operators |<i|V|j>|^2 for eigenvectors in the columns of ``vectors``."""
    vec = np.asarray(vectors, dtype=complex)
    total = np.zeros((vec.shape[1], vec.shape[1]))
    for v in operators:
        total += np.abs(vec.conj().T @ v @ vec) ** 2
    return total


def magnetic_basis(
    energies_K: ArrayLike, vectors: ArrayLike, jz: ArrayLike, tol_K: float = 1e-9
) -> NDArray[np.complex128]:
    """Eigenvectors rotated inside each degenerate block (within ``tol_K``) to diagonalise Jz.

    At zero field ``eigh`` returns arbitrary superpositions of the two states of a Kramers
    doublet; the Pauli master equation needs the magnetic (spin-up / spin-down) states.
    """
    E = np.asarray(energies_K, dtype=float)
    vec = np.array(vectors, dtype=complex)
    z = np.asarray(jz, dtype=complex)
    order = np.argsort(E)
    start = 0
    while start < len(E):
        stop = start + 1
        while stop < len(E) and E[order[stop]] - E[order[start]] <= tol_K:
            stop += 1
        if stop - start > 1:
            cols = order[start:stop]
            block = vec[:, cols]
            _, rot = np.linalg.eigh(block.conj().T @ z @ block)
            vec[:, cols] = block @ rot
        start = stop
    return vec
