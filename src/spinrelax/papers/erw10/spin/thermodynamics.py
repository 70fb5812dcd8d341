"""Equilibrium thermodynamics of the crystal-field multiplet: populations, chi(T), M(H, T).

Susceptibility: exact zero-field linear response (Van Vleck 1932; Kubo canonical correlation,
e.g. Jensen & Mackintosh, *Rare Earth Magnetism* (1991), Eq. 3.2.8):

    chi_ab = N_A (g_J muB)^2 sum_nm Re(<n|J_a|m><m|J_b|n>) w_nm,
    w_nm = (p_n - p_m) / (E_m - E_n)   (E_m != E_n),    w_nm = p_n / kB T   (E_m = E_n),

with Boltzmann populations p_n. The degenerate (Curie) limit is taken continuously through
w_nm = p_n (1 - exp(-x)) / (kB T x), x = (E_m - E_n)/kB T, so Kramers partners need no threshold.
In cgs the molar chi is in emu/mol = cm^3/mol; at high T it tends to the Curie constant
C = N_A g_J^2 muB^2 J(J+1) / (3 kB) over T (11.48 emu K/mol for Er3+). Electronic only: the
hyperfine term changes chi only below ~10 mK and is left out.
"""

from __future__ import annotations

import numpy as np

from spinrelax.constants import OE_PER_T, N_A_per_mol, k_B_erg_per_K, mu_B_erg_per_G, mu_B_K_per_T
from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum
from spinrelax.papers.erw10.spin.eigensystem import eigensystem
from spinrelax.papers.erw10.spin.hamiltonian import (
    crystal_field_hamiltonian_K,
    field_vector_Oe,
    zeeman_operators_K_per_Oe,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters

#: N_A muB^2 / kB in emu K/mol (multiplies g_J^2 <<J;J>>/K).
CHI_UNIT_EMU_K_PER_MOL: float = N_A_per_mol * mu_B_erg_per_G**2 / k_B_erg_per_K
#: One muB per ion expressed as a molar moment in emu/mol (N_A muB, cgs).
EMU_PER_MOL_PER_MUB: float = N_A_per_mol * mu_B_erg_per_G
_AXES = {"x": (1.0, 0.0, 0.0), "y": (0.0, 1.0, 0.0), "z": (0.0, 0.0, 1.0)}


def _temperatures(T_K: np.ndarray | float) -> np.ndarray:
    T = np.atleast_1d(np.asarray(T_K, dtype=float))
    if np.any(~np.isfinite(T)) or np.any(T <= 0):
        raise SpinrelaxError("temperatures must be finite and > 0 K")
    return T


def boltzmann_populations(energies_K: np.ndarray, T_K: np.ndarray | float) -> np.ndarray:
    """Populations p_n(T), shape (n_T, n_levels), computed relative to the lowest level."""
    T = _temperatures(T_K)
    E = np.asarray(energies_K, dtype=float)
    weights = np.exp(-(E[None, :] - E.min()) / T[:, None])
    return weights / weights.sum(axis=1, keepdims=True)


def excited_population(
    params: IonParameters, T_K: np.ndarray | float, n_ground: int = 2
) -> np.ndarray:
    """Total population of all levels above the ``n_ground`` lowest (default: the ground doublet)."""
    energies, _ = eigensystem(crystal_field_hamiltonian_K(params))
    p = boltzmann_populations(energies, T_K)
    return p[:, n_ground:].sum(axis=1)


def _response_weights(energies_K: np.ndarray, T: np.ndarray) -> np.ndarray:
    """w_nm(T) in 1/K, shape (n_T, d, d), continuous through degeneracies."""
    p = boltzmann_populations(energies_K, T)
    dE = energies_K[None, :] - energies_K[:, None]  # E_m - E_n, indexed [n, m]
    x = dE[None, :, :] / T[:, None, None]
    small = np.abs(x) < 1.0
    x_safe = np.where(small & (x != 0), x, 1.0)
    ratio = np.where(x == 0, 1.0, -np.expm1(-x_safe) / x_safe)  # (1 - e^-x)/x -> 1
    near = p[:, :, None] / T[:, None, None] * ratio
    far = (p[:, :, None] - p[:, None, :]) / np.where(dE != 0, dE, 1.0)[None]
    return np.where(small, near, far)


def susceptibility_tensor_emu_per_mol(params: IonParameters, T_K: np.ndarray | float) -> np.ndarray:
    """Molar zero-field susceptibility tensor chi_ab(T) in emu/mol, shape (n_T, 3, 3)."""
    T = _temperatures(T_K)
    energies, vectors = eigensystem(crystal_field_hamiltonian_K(params))
    ops = angular_momentum(params.J)
    M = np.stack([vectors.conj().T @ Ja @ vectors for Ja in ops[:3]])  # (3, d, d)
    w = _response_weights(energies, T)
    pair = np.real(np.einsum("anm,bmn->abnm", M, M))
    return CHI_UNIT_EMU_K_PER_MOL * params.g_J**2 * np.einsum("abnm,tnm->tab", pair, w)


def susceptibility_emu_per_mol(
    params: IonParameters, T_K: np.ndarray | float, axis: str | np.ndarray = "z"
) -> np.ndarray:
    """chi(T) in emu/mol along ``axis`` ("x", "y", "z" or a 3-vector), shape (n_T,)."""
    n = np.asarray(_AXES[axis] if isinstance(axis, str) else axis, dtype=float)
    n = n / np.linalg.norm(n)
    return np.einsum("a,tab,b->t", n, susceptibility_tensor_emu_per_mol(params, T_K), n)


def chi_at_angle(chi_z: np.ndarray, chi_perp: np.ndarray, angle_deg: float) -> np.ndarray:
    """chi of a uniaxial crystal measured at ``angle_deg`` from its easy axis: chi_z cos^2 + chi_perp sin^2."""
    a = np.deg2rad(angle_deg)
    return np.asarray(chi_z) * np.cos(a) ** 2 + np.asarray(chi_perp) * np.sin(a) ** 2


def powder_average(chi_z: np.ndarray, chi_perp: np.ndarray) -> np.ndarray:
    """Orientational average (chi_z + 2 chi_perp)/3 of a uniaxial susceptibility (any unit)."""
    return (np.asarray(chi_z) + 2.0 * np.asarray(chi_perp)) / 3.0


def magnetisation_muB_per_ion(
    params: IonParameters,
    H_Oe: np.ndarray,
    T_K: np.ndarray | float,
    theta_deg: float = 0.0,
    phi_deg: float = 0.0,
) -> np.ndarray:
    """Thermal moment -g_J <J.n> in muB per ion along the field direction n, shape (n_H, n_T).

    The electronic moment is mu = -g_J muB J (so that H_Z = -mu.B = +g_J muB B.J, Eq. 1 of
    Luis et al.), hence M > 0 along a positive field.

    Exact diagonalisation of crystal field + Zeeman for each field (batched); the field of
    magnitude H_Oe points at polar angle theta (from the easy axis z) and azimuth phi.
    """
    T = _temperatures(T_K)
    H = np.atleast_1d(np.asarray(H_Oe, dtype=float))
    n = field_vector_Oe(1.0, theta_deg, phi_deg)
    zeeman_per_Oe = np.tensordot(n, zeeman_operators_K_per_Oe(params), axes=1)
    stack = crystal_field_hamiltonian_K(params)[None] + H[:, None, None] * zeeman_per_Oe[None]
    energies, vectors = eigensystem(stack)
    moment_op = -zeeman_per_Oe / (mu_B_K_per_T / OE_PER_T)  # -g_J J.n, in muB
    moments = np.real(np.einsum("hin,ij,hjn->hn", vectors.conj(), moment_op, vectors))
    weights = np.exp(-(energies[:, None, :] - energies[:, None, :1]) / T[None, :, None])
    weights /= weights.sum(axis=2, keepdims=True)
    return np.einsum("htn,hn->ht", weights, moments)
