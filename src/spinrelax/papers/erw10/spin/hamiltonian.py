"""Spin Hamiltonian of a lanthanide ion in K: crystal field, Zeeman and hyperfine terms.

H/kB = sum_kq B_k^q O_k^q + g_J (muB/kB) B.J + A_J I.J  (Luis et al., PRB 82, 060403(R) (2010),
Eq. 1; Abragam & Bleaney (1970) ch. 5 and 17). Fields enter as H in Oe and are converted at
this edge to the vacuum flux density B = H / 1e4 T. Matrices act on |J, m> (dimension 2J+1) or,
with the nucleus, on |J, m> x |I, m_I> (numpy.kron order: electronic index slow).
"""

from __future__ import annotations

import numpy as np

from spinrelax.constants import OE_PER_T, mu_B_K_per_T
from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum
from spinrelax.papers.erw10.spin.parameters import IonParameters
from spinrelax.papers.erw10.spin.stevens import stevens_operator


def field_vector_Oe(H_Oe: float, theta_deg: float = 0.0, phi_deg: float = 0.0) -> np.ndarray:
    """Field (Oe) of magnitude ``H_Oe`` at polar angle theta from z and azimuth phi from x."""
    th, ph = np.deg2rad(theta_deg), np.deg2rad(phi_deg)
    return H_Oe * np.array([np.sin(th) * np.cos(ph), np.sin(th) * np.sin(ph), np.cos(th)])


def crystal_field_hamiltonian_K(params: IonParameters) -> np.ndarray:
    """sum_kq B_k^q O_k^q in K on the electronic multiplet (2J+1 square, Hermitian)."""
    dim = int(round(2 * params.J)) + 1
    H = np.zeros((dim, dim), dtype=complex)
    for (k, q), B_K in params.B_kq_K.items():
        H += B_K * stevens_operator(k, q, params.J)
    return H


def zeeman_operators_K_per_Oe(params: IonParameters) -> np.ndarray:
    """Stack (3, d, d) of g_J (muB/kB) J_a per Oe of field along a = x, y, z (K/Oe)."""
    ops = angular_momentum(params.J)
    scale = params.g_J * mu_B_K_per_T / OE_PER_T
    return scale * np.stack([ops.Jx, ops.Jy, ops.Jz])


def zeeman_hamiltonian_K(params: IonParameters, H_Oe: np.ndarray) -> np.ndarray:
    """g_J muB B.J / kB in K for a field vector ``H_Oe`` = (Hx, Hy, Hz) in Oe (B = H/1e4 T)."""
    H_vec = np.asarray(H_Oe, dtype=float)
    return np.tensordot(H_vec, zeeman_operators_K_per_Oe(params), axes=1)


def hyperfine_hamiltonian_K(params: IonParameters) -> np.ndarray:
    """A_J I.J in K on |J, m> x |I, m_I> (square of dimension (2J+1)(2I+1))."""
    J_ops = angular_momentum(params.J)
    I_ops = angular_momentum(params.I)
    return params.A_J_K * sum(
        np.kron(Ja, Ia)
        for Ja, Ia in zip(J_ops[:3], I_ops[:3], strict=True)  # x, y, z components
    )


def nuclear_identity(params: IonParameters) -> np.ndarray:
    """Identity on the nuclear space (dimension 2I+1)."""
    return np.eye(int(round(2 * params.I)) + 1)


def electronuclear_hamiltonian_K(
    params: IonParameters, H_Oe: np.ndarray | None = None
) -> np.ndarray:
    """Crystal field + Zeeman (electronic) + hyperfine on J x I, in K.

    The nuclear Zeeman term is neglected (g_N muN / g_J muB ~ 1e-4 for 167Er).
    """
    H_el = crystal_field_hamiltonian_K(params)
    if H_Oe is not None:
        H_el = H_el + zeeman_hamiltonian_K(params, H_Oe)
    return np.kron(H_el, nuclear_identity(params)) + hyperfine_hamiltonian_K(params)


def spin_hamiltonian_K(params: IonParameters, H_Oe: np.ndarray | None = None) -> np.ndarray:
    """Crystal field plus Zeeman for field vector ``H_Oe`` (Oe; None = zero field), in K."""
    H = crystal_field_hamiltonian_K(params)
    if H_Oe is not None:
        H = H + zeeman_hamiltonian_K(params, H_Oe)
    return H
