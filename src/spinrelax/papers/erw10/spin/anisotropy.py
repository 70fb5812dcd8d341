"""Classical anisotropy energy E(theta): the crystal field in a spin coherent state.

E(theta, phi) = <theta, phi| H_CF |theta, phi> with the spin coherent state (Radcliffe, J. Phys.
A 4, 313 (1971); Arecchi et al., PRA 6, 2211 (1972))

    |theta, phi> = sum_m sqrt(C(2J, J+m)) cos(theta/2)^(J+m) sin(theta/2)^(J-m) e^(-i m phi) |m>,

whose moment points along (theta, phi) with <Jz> = J cos theta. This is the classical potential
drawn with the levels in Fig. 1(b) of Luis et al. PRB 2010 (it passes through <+-J|H|+-J> at the
poles; its minima mark the classical easy directions).
"""

from __future__ import annotations

from math import comb

import numpy as np

from spinrelax.papers.erw10.spin.angular_momentum import m_values
from spinrelax.papers.erw10.spin.hamiltonian import crystal_field_hamiltonian_K
from spinrelax.papers.erw10.spin.parameters import IonParameters


def coherent_states(J: float, theta_deg: np.ndarray, phi_deg: float = 0.0) -> np.ndarray:
    """Spin coherent states as rows, shape (n_theta, 2J+1), on the descending |J, m> basis."""
    m = m_values(J)
    two_j = int(round(2 * J))
    binom = np.array([comb(two_j, int(round(J + mi))) for mi in m], dtype=float)
    half = np.deg2rad(np.atleast_1d(np.asarray(theta_deg, dtype=float)))[:, None] / 2
    amplitude = np.sqrt(binom) * np.cos(half) ** (J + m) * np.sin(half) ** (J - m)
    return amplitude * np.exp(-1j * m * np.deg2rad(phi_deg))


def classical_anisotropy_K(
    params: IonParameters, theta_deg: np.ndarray, phi_deg: float = 0.0
) -> np.ndarray:
    """E(theta) in K (absolute, same origin as the crystal-field eigenvalues), shape (n_theta,)."""
    states = coherent_states(params.J, theta_deg, phi_deg)
    H = crystal_field_hamiltonian_K(params)
    return np.real(np.einsum("ti,ij,tj->t", states.conj(), H, states))
