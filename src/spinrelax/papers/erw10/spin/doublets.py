"""Effective g tensors of Kramers doublets, from matrix elements and from Zeeman splittings.

For a Kramers doublet {|+>, |->} the effective spin-1/2 Hamiltonian is muB S.g.B and
G = g g^T has elements G_ab = 2 g_J^2 Re Tr(M_a M_b), M_a the 2x2 matrix of J_a in the doublet
(Abragam & Bleaney 1970, section 15.6; Chibotaru et al., PRL 101, 137213 (2008), Eq. 5). In the
Jz-diagonal basis this gives g_z = 2 g_J |<+|Jz|+>| and g_perp = 2 g_J |<+|Jx|->| (PHYSICS.md).
Check: in a small field B along a the doublet splits by g_a muB B (no B^2 term: time-even
operators act as the identity inside a Kramers doublet).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from spinrelax.constants import mu_B_K_per_T
from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum
from spinrelax.papers.erw10.spin.eigensystem import (
    dominant_component,
    eigenvalues,
    kramers_doublets,
)
from spinrelax.papers.erw10.spin.hamiltonian import (
    crystal_field_hamiltonian_K,
    field_vector_Oe,
    zeeman_operators_K_per_Oe,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters


def doublet_G_tensor(plus: np.ndarray, minus: np.ndarray, J: float, g_J: float) -> np.ndarray:
    """G = g g^T (3 x 3) of the doublet spanned by state vectors ``plus`` and ``minus``."""
    basis = np.stack([plus, minus], axis=1)
    M = [basis.conj().T @ Ja @ basis for Ja in angular_momentum(J)[:3]]
    return np.array([[2 * g_J**2 * np.real(np.trace(Ma @ Mb)) for Mb in M] for Ma in M])


def g_from_splitting(
    params: IonParameters, theta_deg: float, phi_deg: float = 0.0, H_Oe: float = 1.0
) -> np.ndarray:
    """Effective g of every doublet from its splitting in a small field (H_Oe at theta, phi)."""
    H = crystal_field_hamiltonian_K(params) + np.tensordot(
        field_vector_Oe(H_Oe, theta_deg, phi_deg), zeeman_operators_K_per_Oe(params), axes=1
    )
    pairs = eigenvalues(H).reshape(-1, 2)
    return (pairs[:, 1] - pairs[:, 0]) / (mu_B_K_per_T * H_Oe / 1e4)


def doublet_g_factors(params: IonParameters, check_field_Oe: float = 1.0) -> pd.DataFrame:
    """One row per zero-field Kramers doublet, lowest first.

    Columns: doublet, energy_K (above the ground doublet), dominant_mJ (|m| of the largest
    component of |+>), weight (its probability), g_x, g_y, g_z (principal-axis values from the
    matrix elements, sqrt of diag G), g_perp = sqrt((G_xx + G_yy)/2), and the same from
    splittings in ``check_field_Oe``: g_z_splitting, g_perp_splitting (field along x).
    """
    doublets = kramers_doublets(crystal_field_hamiltonian_K(params), params.J)
    rows = []
    for d in range(len(doublets.energies_K)):
        G = doublet_G_tensor(doublets.plus[:, d], doublets.minus[:, d], params.J, params.g_J)
        m, weight = dominant_component(doublets.plus[:, d], params.J)
        g_diag = np.sqrt(np.clip(np.diag(G), 0.0, None))
        rows.append(
            {
                "doublet": d,
                "energy_K": doublets.energies_K[d],
                "dominant_mJ": abs(m),
                "weight": weight,
                "g_x": g_diag[0],
                "g_y": g_diag[1],
                "g_z": g_diag[2],
                "g_perp": np.sqrt(max(0.5 * (G[0, 0] + G[1, 1]), 0.0)),
            }
        )
    table = pd.DataFrame(rows)
    table["g_z_splitting"] = g_from_splitting(params, 0.0, H_Oe=check_field_Oe)
    table["g_perp_splitting"] = g_from_splitting(params, 90.0, H_Oe=check_field_Oe)
    return table
