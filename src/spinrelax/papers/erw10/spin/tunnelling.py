"""Tunnel splitting Delta of a Kramers doublet in a transverse field, by exact diagonalisation.

A Kramers doublet is exactly degenerate at zero field (time reversal); a transverse field
H_perp splits it by Delta(H_perp) = E_(2d+1) - E_(2d), to lowest order g_perp muB H_perp
(PHYSICS.md; Luis et al. PRB 2010: Delta ~ g_perp muB H_dip,perp). Exact in all orders of H_perp
as long as the splitting stays below the gap to the next doublet.
"""

from __future__ import annotations

import numpy as np

from spinrelax.papers.erw10.spin.eigensystem import eigenvalues
from spinrelax.papers.erw10.spin.hamiltonian import (
    crystal_field_hamiltonian_K,
    field_vector_Oe,
    zeeman_operators_K_per_Oe,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters


def tunnel_splitting_K(
    params: IonParameters,
    H_perp_Oe: np.ndarray | float,
    doublet: int = 0,
    phi_deg: float = 0.0,
    Hz_Oe: float = 0.0,
) -> np.ndarray:
    """Splitting (K) of zero-field doublet ``doublet`` in a transverse field (batched over H_perp).

    The transverse field lies in the xy plane at azimuth ``phi_deg`` from x; an optional
    longitudinal bias ``Hz_Oe`` gives the full splitting (Delta^2 + xi^2)^(1/2).
    Returns an array of the shape of ``H_perp_Oe`` (0-d for a scalar).
    """
    H_perp = np.asarray(H_perp_Oe, dtype=float)
    zeeman = zeeman_operators_K_per_Oe(params)
    transverse = np.tensordot(field_vector_Oe(1.0, 90.0, phi_deg), zeeman, axes=1)
    base = crystal_field_hamiltonian_K(params) + Hz_Oe * zeeman[2]
    stack = base[None] + H_perp.reshape(-1)[:, None, None] * transverse[None]
    energies = eigenvalues(stack)
    return (energies[:, 2 * doublet + 1] - energies[:, 2 * doublet]).reshape(H_perp.shape)
