"""Phonon-induced relaxation over the crystal-field levels of a lanthanide ion ("standard
theory" of paper 1, Fig. 3 bottom; its Refs. 17-18: Abragam & Bleaney 1970, Orbach 1961).

Levels and states come from ``spinrelax.papers.erw10.spin`` (Hamiltonian of Eq. 1); zero-field Kramers
doublets are put in their magnetic (Jz-diagonal) basis; one-phonon rates use the spin-phonon
operator sets of ``spin_phonon`` and one prefactor C (s^-1 K^-3); tau^-1 is the slowest
eigenvalue of the Pauli master equation (``master_equation``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares
from scipy.special import logsumexp

from spinrelax.papers.erw10.relaxation.master_equation import (
    SlowestRate,
    ln_direct_rates,
    slowest_rate,
)
from spinrelax.papers.erw10.relaxation.spin_phonon import (
    coupling_matrix,
    magnetic_basis,
    spin_phonon_operators,
)
from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum
from spinrelax.papers.erw10.spin.eigensystem import eigensystem
from spinrelax.papers.erw10.spin.hamiltonian import spin_hamiltonian_K
from spinrelax.papers.erw10.spin.parameters import IonParameters


@dataclass(frozen=True)
class LevelScheme:
    """Energies (K, lowest 0), eigenvectors (columns, magnetic basis) and coupling M_ij."""

    energies_K: NDArray[np.float64]
    vectors: NDArray[np.complex128]
    coupling: NDArray[np.float64]
    jz_expectation: NDArray[np.float64]


def level_scheme(
    params: IonParameters, operator_sets: tuple[str, ...], H_Oe: ArrayLike | None = None
) -> LevelScheme:
    """Crystal-field (+ Zeeman for field vector ``H_Oe`` in Oe) levels with couplings."""
    ops = angular_momentum(params.J)
    H = spin_hamiltonian_K(params, None if H_Oe is None else np.asarray(H_Oe, dtype=float))
    E, vec = eigensystem(H)
    vec = magnetic_basis(E, vec, ops.Jz)
    M = coupling_matrix(vec, spin_phonon_operators(ops.Jx, ops.Jy, ops.Jz, operator_sets))
    jz = np.real(np.einsum("in,ij,jn->n", vec.conj(), ops.Jz, vec))
    return LevelScheme(E - E[0], vec, M, jz)


def _ground_pair(scheme: LevelScheme) -> tuple[int, int]:
    return (0, 1)


def standard_theory_rate(
    params: IonParameters,
    T_K: ArrayLike,
    prefactor_s_K3: float,
    operator_sets: tuple[str, ...],
) -> SlowestRate:
    """Zero-field tau^-1(T) of the Pauli master equation over all crystal-field levels."""
    s = level_scheme(params, operator_sets)
    ln_w = ln_direct_rates(s.energies_K, s.coupling, prefactor_s_K3, T_K)
    return slowest_rate(ln_w, keep=_ground_pair(s))


@dataclass(frozen=True)
class B44Fit:
    """B44/kB (K) and C (s^-1 K^-3) fitted to activated rates, with 1-sigma errors."""

    B44_K: float
    B44_err_K: float
    prefactor_s_K3: float
    prefactor_err_s_K3: float
    chi2_red: float
    n_points: int
    converged: bool


def fit_b44_prefactor(
    params: IonParameters,
    T_K: ArrayLike,
    rate_s: ArrayLike,
    sigma_ln: ArrayLike,
    operator_sets: tuple[str, ...],
    background_s: ArrayLike = 0.0,
    B44_grid_K: ArrayLike = (0.002, 0.005, 0.01, 0.02, 0.04, 0.08),
) -> B44Fit:
    """Fit |B44| and ln C so that C lambda(T; B44) + background matches ``rate_s`` in log space.

    Diagnostic only: with C free, the magnitude is absorbed by C and B44 is tuned until the
    first excited doublet (the barrier) matches the data's slope; this is not the paper's
    method (:func:`fit_b44_magnitude`). Multi-start from ``B44_grid_K`` (with ln C profiled at each start); covariance (J^T J)^-1
    scaled by chi2_red. B44 -> -B44 leaves the spectrum unchanged, so only |B44| is fitted.
    """
    T = np.asarray(T_K, dtype=float)
    ln_r = np.log(np.asarray(rate_s, dtype=float))
    sig = np.asarray(sigma_ln, dtype=float) * np.ones_like(T)
    bg = np.asarray(background_s, dtype=float) * np.ones_like(T)

    def ln_lambda(b44: float) -> NDArray[np.float64]:
        return standard_theory_rate(params.with_B(4, 4, b44), T, 1.0, operator_sets).ln_rate_s

    def residual(x: NDArray[np.float64]) -> NDArray[np.float64]:
        model = np.exp(x[1] + ln_lambda(x[0])) + bg
        return (np.log(model) - ln_r) / sig

    starts = []
    for b in np.asarray(B44_grid_K, dtype=float):
        w = 1.0 / sig**2
        ln_c = float(np.sum(w * (ln_r - ln_lambda(b))) / np.sum(w))
        starts.append(np.array([b, ln_c]))
    best = None
    for x0 in starts:
        res = least_squares(residual, x0, bounds=([1e-6, -200.0], [1.0, 200.0]), diff_step=1e-4)
        if best is None or res.cost < best.cost:
            best = res
    assert best is not None
    dof = len(T) - 2
    chi2_red = 2.0 * best.cost / dof if dof > 0 else np.nan
    try:
        cov = np.linalg.inv(best.jac.T @ best.jac) * chi2_red
        sd = np.sqrt(np.diag(cov))
    except np.linalg.LinAlgError:
        sd = np.array([np.nan, np.nan])
    C = float(np.exp(best.x[1]))
    return B44Fit(
        B44_K=float(best.x[0]),
        B44_err_K=float(sd[0]),
        prefactor_s_K3=C,
        prefactor_err_s_K3=float(C * sd[1]),
        chi2_red=float(chi2_red),
        n_points=len(T),
        converged=bool(best.success and dof > 0 and np.all(np.isfinite(sd))),
    )


def fit_b44_magnitude(
    params: IonParameters,
    T_K: ArrayLike,
    rate_s: ArrayLike,
    sigma_ln: ArrayLike,
    operator_sets: tuple[str, ...],
    prefactor_s_K3: float,
    background_s: ArrayLike = 0.0,
    B44_grid_K: ArrayLike = (0.005, 0.01, 0.02, 0.04, 0.08, 0.16),
) -> B44Fit:
    """Fit |B44| alone so that C lambda(T; B44) + background matches ``rate_s`` in log space,
    with the spin-phonon prefactor C fixed a priori (``phonon_coupling``).

    This is the paper's method ("B44 fitted to the SLR rate in the thermally activated
    regime"): at fixed coupling, B44 sets the |mJ> admixture and hence the magnitude of the
    activated rate (tau_0^-1 grows roughly as B44^4-B44^6), while the barrier barely moves.
    Multi-start over ``B44_grid_K``; error from the Jacobian scaled by chi2_red;
    ``prefactor_err_s_K3`` is NaN (fixed).
    """
    T = np.asarray(T_K, dtype=float)
    ln_r = np.log(np.asarray(rate_s, dtype=float))
    sig = np.asarray(sigma_ln, dtype=float) * np.ones_like(T)
    bg = np.asarray(background_s, dtype=float) * np.ones_like(T)
    ln_c = float(np.log(prefactor_s_K3))

    def residual(x: NDArray[np.float64]) -> NDArray[np.float64]:
        b44 = float(np.exp(x[0]))
        ln_lam = standard_theory_rate(params.with_B(4, 4, b44), T, 1.0, operator_sets).ln_rate_s
        return (np.logaddexp(ln_c + ln_lam, np.log(np.maximum(bg, 1e-300))) - ln_r) / sig

    grid = np.log(np.asarray(B44_grid_K, dtype=float))
    costs = np.array([np.sum(residual(np.array([g])) ** 2) for g in grid])
    best = None
    for g in grid[np.argsort(costs)[:2]]:  # refine the two best grid points
        res = least_squares(residual, [g], bounds=([np.log(1e-5)], [np.log(1.0)]), diff_step=1e-5)
        if best is None or res.cost < best.cost:
            best = res
    assert best is not None
    dof = len(T) - 1
    chi2_red = 2.0 * best.cost / dof if dof > 0 else np.nan
    b44 = float(np.exp(best.x[0]))
    jtj = float(best.jac[:, 0] @ best.jac[:, 0])
    sd_ln = float(np.sqrt(chi2_red / jtj)) if jtj > 0 and np.isfinite(chi2_red) else np.nan
    at_bound = bool(np.isclose(b44, 1e-5) or np.isclose(b44, 1.0))
    return B44Fit(
        B44_K=b44,
        B44_err_K=b44 * sd_ln,
        prefactor_s_K3=float(prefactor_s_K3),
        prefactor_err_s_K3=np.nan,
        chi2_red=float(chi2_red),
        n_points=len(T),
        converged=bool(best.success and dof > 0 and np.isfinite(sd_ln) and not at_bound),
    )


def arrhenius_barrier_K(
    params: IonParameters,
    window_K: tuple[float, float],
    operator_sets: tuple[str, ...],
    n_T: int = 25,
) -> tuple[float, float, float]:
    """Barrier an Arrhenius fit would report for the master-equation rate over ``window_K``.

    Returns (U, U_min, U_max) in K: U is the least-squares slope of -ln tau^-1 vs 1/T on
    ``n_T`` temperatures log-spaced over the window (independent of the prefactor C), U_min and
    U_max the range of the local barrier -d ln tau^-1 / d(1/T) inside the window.
    """
    T = np.geomspace(window_K[0], window_K[1], n_T)
    ln_rate = standard_theory_rate(params, T, 1.0, operator_sets).ln_rate_s
    slope = np.polyfit(1.0 / T, ln_rate, 1)[0]
    local = effective_barrier_K(T, ln_rate)
    return float(-slope), float(local.min()), float(local.max())


def effective_barrier_K(T_K: ArrayLike, ln_rate_s: ArrayLike) -> NDArray[np.float64]:
    """Local Arrhenius barrier -d ln(tau^-1) / d(1/T) in K (central differences)."""
    T = np.asarray(T_K, dtype=float)
    return -np.gradient(np.asarray(ln_rate_s, dtype=float), 1.0 / T)


def dominant_paths(
    params: IonParameters, T_K: float, prefactor_s_K3: float, operator_sets: tuple[str, ...]
) -> pd.DataFrame:
    """Which excited level pairs carry the ground-doublet reversal at ``T_K`` (knock-out test).

    For each excited pair of levels (a Kramers doublet at zero field), all its couplings are
    removed and tau^-1 recomputed; ``rate_ratio_without`` = tau^-1(without) / tau^-1. A ratio
    near 0 means every important path passes through that doublet; the highest such doublet is
    the top of the dominant path (``on_dominant_path``: ratio < 0.5). ``two_step_share`` is the
    fraction carried by the direct two-step Orbach path |+> -> doublet -> |->.
    Columns: doublet, energy_K, abs_jz, rate_ratio_without, two_step_share, on_dominant_path.
    """
    s = level_scheme(params, operator_sets)
    ln_w = ln_direct_rates(s.energies_K, s.coupling, prefactor_s_K3, [T_K])[0]
    ln_total = slowest_rate(ln_w[None], keep=(0, 1), method="reduced").ln_rate_s[0]
    rows = []
    for d in range(1, len(s.energies_K) // 2):
        k = np.array([2 * d, 2 * d + 1])
        cut = ln_w.copy()
        cut[k, :] = -np.inf
        cut[:, k] = -np.inf
        ln_cut = slowest_rate(cut[None], keep=(0, 1), method="reduced").ln_rate_s[0]
        ln_out = logsumexp(ln_w[k], axis=1)
        ln_two = logsumexp(np.logaddexp(ln_w[0, k] + ln_w[k, 1], ln_w[1, k] + ln_w[k, 0]) - ln_out)
        ratio = float(np.exp(ln_cut - ln_total))
        rows.append(
            {
                "doublet": d,
                "energy_K": float(s.energies_K[k].mean()),
                "abs_jz": float(np.abs(s.jz_expectation[k]).mean()),
                "rate_ratio_without": ratio,
                "two_step_share": float(np.exp(ln_two - ln_total)),
                "on_dominant_path": ratio < 0.5,
            }
        )
    return pd.DataFrame(rows)


def ground_doublet(params: IonParameters) -> tuple[float, float]:
    """(|<Jz>| of the ground state, g_z = 2 g_J |<+|Jz|+>|) at zero field (PHYSICS.md)."""
    s = level_scheme(params, ("dm1",))
    jz = float(abs(s.jz_expectation[0]))
    return jz, 2.0 * params.g_J * jz


def tunnel_splitting_K(params: IonParameters, H_perp_Oe: float, phi_deg: float = 0.0) -> float:
    """Splitting of the ground doublet in a transverse field H_perp (Oe) at azimuth phi, in K."""
    ph = np.deg2rad(phi_deg)
    H = spin_hamiltonian_K(params, H_perp_Oe * np.array([np.cos(ph), np.sin(ph), 0.0]))
    E, _ = eigensystem(H)
    return float(E[1] - E[0])


def ground_doublet_direct_rate_s(
    params: IonParameters,
    T_K: float,
    prefactor_s_K3: float,
    operator_sets: tuple[str, ...],
    H_z_Oe: float,
    H_perp_Oe: float,
) -> float:
    """One-phonon rate W_01 + W_10 between the two states of the ground doublet split by a
    longitudinal bias H_z and a transverse field H_perp (Oe): zero without either (Van Vleck)."""
    s = level_scheme(params, operator_sets, H_Oe=[H_perp_Oe, 0.0, H_z_Oe])
    ln_w = ln_direct_rates(s.energies_K[:2], s.coupling[:2, :2], prefactor_s_K3, [T_K])[0]
    return float(np.exp(np.logaddexp(ln_w[0, 1], ln_w[1, 0])))
