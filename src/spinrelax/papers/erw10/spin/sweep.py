"""Level diagrams vs a longitudinal bias at fixed transverse field, batched over fields.

Builds the stack H(Hz) = H_0 + Hz Z_z + H_perp Z_perp for all fields at once and diagonalises
it with numpy.linalg.eigh on the stacked (n_H, d, d) array (one LAPACK call per matrix, no
Python loop). With the nucleus (``with_hyperfine``) d = (2J+1)(2I+1), 128 for 167Er. These are
the curves of Fig. 1(c, d) of Luis et al. PRB 2010 (B_dip,perp = 80 Oe).
"""

from __future__ import annotations

import numpy as np

from spinrelax.papers.erw10.spin.eigensystem import eigensystem, eigenvalues
from spinrelax.papers.erw10.spin.hamiltonian import (
    crystal_field_hamiltonian_K,
    field_vector_Oe,
    hyperfine_hamiltonian_K,
    nuclear_identity,
    zeeman_operators_K_per_Oe,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters


def sweep_operators_K(
    params: IonParameters, with_hyperfine: bool, phi_deg: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(H_0, Z_z, Z_perp): zero-field Hamiltonian and Zeeman operators per Oe, all in K."""
    zeeman = zeeman_operators_K_per_Oe(params)
    Z_perp = np.tensordot(field_vector_Oe(1.0, 90.0, phi_deg), zeeman, axes=1)
    H0, Zz = crystal_field_hamiltonian_K(params), zeeman[2]
    if with_hyperfine:
        eye_I = nuclear_identity(params)
        H0 = np.kron(H0, eye_I) + hyperfine_hamiltonian_K(params)
        Zz, Z_perp = np.kron(Zz, eye_I), np.kron(Z_perp, eye_I)
    return H0, Zz, Z_perp


def level_sweep_K(
    params: IonParameters,
    Hz_Oe: np.ndarray,
    H_perp_Oe: float,
    *,
    with_hyperfine: bool = False,
    n_levels: int | None = None,
    phi_deg: float = 0.0,
    return_vectors: bool = False,
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Energies (K) of the ``n_levels`` lowest levels vs bias ``Hz_Oe``, shape (n_H, n_levels).

    Energies are relative to the zero-field ground level of the same Hamiltonian (crystal field,
    plus hyperfine if ``with_hyperfine``). With ``return_vectors`` also the eigenvectors
    (n_H, d, n_levels) on the |J, m> (x |I, m_I>) basis.
    """
    H0, Zz, Z_perp = sweep_operators_K(params, with_hyperfine, phi_deg)
    Hz = np.atleast_1d(np.asarray(Hz_Oe, dtype=float))
    stack = (H0 + H_perp_Oe * Z_perp)[None] + Hz[:, None, None] * Zz[None]
    origin = eigenvalues(H0)[0]
    keep = slice(0, n_levels)
    if return_vectors:
        energies, vectors = eigensystem(stack)
        return energies[:, keep] - origin, vectors[:, :, keep]
    return eigenvalues(stack)[:, keep] - origin
