"""Tunnelling channels of the 167Er electronuclear ground multiplet, from its own 16 levels.

The ground Kramers doublet |+-> (<Jz> = +-j) times the 2I + 1 nuclear states gives 16 levels
(I = 7/2). To first order E(+-, m) = +-j (A_J m + g_J muB H_z), so the states |+, m> and
|-, m'> cross at the bias

    H_c(s) = -A_J s / (2 g_J muB),   s = m + m',      i.e. xi_c = g_z muB H_c = -A_J j s

(every 37.2 Oe for ErW10; several pairs share one s and cross at the same field). Channels:
``electronic`` (m' = m: the electron flips, the nucleus stays), ``flip_flop`` (m' = m +- 1:
electron and nucleus flip together through the transverse hyperfine A_J (J+ I- + J- I+)/2) and
``multi`` (|m' - m| >= 2, higher order). At zero transverse field only the flip-flops with
m' = m + 1 are gapped: a net Delta mJ = -13 needs B44 steps of +-4 plus one hyperfine step.

The gap Delta_c of each crossing is taken from the exact levels of the full (2J+1)(2I+1)
Hamiltonian (``spinrelax.papers.erw10.spin``): at H_c and H_c +- dH the squared splitting of the crossing
pair is a parabola Delta_c^2 + a^2 (H - H_c')^2 whose minimum is Delta_c^2. It is averaged over
the transverse dipolar field, a 2-d Gaussian of per-component variance ``perp_ratio`` sigma^2 / 2
(Gauss-Hermite quadrature), as Eq. 2 needs <Delta^2>. See docs/physics.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from spinrelax.constants import OE_PER_T, mu_B_K_per_T
from spinrelax.papers.erw10.spin.eigensystem import eigenvalues
from spinrelax.papers.erw10.spin.hamiltonian import (
    crystal_field_hamiltonian_K,
    hyperfine_hamiltonian_K,
    nuclear_identity,
    zeeman_operators_K_per_Oe,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters

CHANNEL_COLUMNS = (
    "s",
    "m_plus",
    "m_minus",
    "dm_I",
    "kind",
    "H_cross_Oe",
    "xi_cross_K",
    "gap_zero_perp_K",
    "gap2_mean_K2",
)


def crossing_field_Oe(A_J_K: float, g_J: float, s: np.ndarray | float) -> np.ndarray:
    """First-order crossing bias H_c(s) = -A_J s / (2 g_J muB) in Oe (module docstring)."""
    return -A_J_K * np.asarray(s, dtype=float) / (2.0 * g_J * mu_B_K_per_T) * OE_PER_T


def _operators(params: IonParameters) -> tuple[np.ndarray, np.ndarray]:
    eye_I = nuclear_identity(params)
    H0 = np.kron(crystal_field_hamiltonian_K(params), eye_I) + hyperfine_hamiltonian_K(params)
    Z = np.stack([np.kron(z, eye_I) for z in zeeman_operators_K_per_Oe(params)])
    return H0, Z


def _lowest(H0: np.ndarray, Z: np.ndarray, fields_Oe: np.ndarray, n: int) -> np.ndarray:
    """n lowest eigenvalues for each field vector (rows of ``fields_Oe``), batched."""
    stack = H0[None] + np.tensordot(fields_Oe, Z, axes=1)
    return eigenvalues(stack)[:, :n]


def _kind(dm: float) -> str:
    return "electronic" if dm == 0 else ("flip_flop" if abs(dm) == 1 else "multi")


def channel_table(
    params: IonParameters,
    jz_ground: float,
    H_perp_points_Oe: np.ndarray,
    H_perp_weights: np.ndarray,
    dH_Oe: float = 0.5,
) -> pd.DataFrame:
    """One row per crossing pair (|+, m_plus>, |-, m_minus>) with its gap (columns
    :data:`CHANNEL_COLUMNS`). ``H_perp_points_Oe`` (n, 2) are transverse fields (Hx, Hy) with
    quadrature weights summing to 1; ``gap2_mean_K2`` is the weighted mean of Delta_c^2 over
    them, ``gap_zero_perp_K`` the gap without transverse field."""
    if params.I <= 0:
        raise ValueError("channel_table needs a nucleus with I > 0")
    m = np.arange(-params.I, params.I + 0.5, 1.0)
    n_lev = 2 * m.size
    H0, Z = _operators(params)
    a, b = params.A_J_K, params.g_J * mu_B_K_per_T / OE_PER_T
    s_values = np.unique(np.add.outer(m, m))
    pts = np.vstack([np.zeros((1, 2)), np.asarray(H_perp_points_Oe, dtype=float)])
    offsets = np.array([-dH_Oe, 0.0, dH_Oe])
    rows = []
    for s in s_values:
        Hc = float(crossing_field_Oe(a, params.g_J, s))
        fields = np.array(
            [[hx, hy, Hc + d] for hx, hy in pts for d in offsets], dtype=float
        )  # (n_pts * 3, 3)
        E = _lowest(H0, Z, fields, n_lev).reshape(len(pts), 3, n_lev)
        # first-order labels of the sorted levels at H_c
        labels = [(+1, mi) for mi in m] + [(-1, mi) for mi in m]
        pred = np.array([sg * jz_ground * (a * mi + b * Hc) for sg, mi in labels])
        order = np.argsort(pred, kind="stable")
        index = {labels[k]: i for i, k in enumerate(order)}
        for mp in m:
            mm = s - mp
            if abs(mm) > params.I:
                continue
            i, j = sorted((index[(+1, mp)], index[(-1, mm)]))
            if j != i + 1:  # not adjacent: the first-order picture failed; skip loudly
                raise RuntimeError(f"crossing (+{mp}, -{mm}) at s = {s}: levels not adjacent")
            g2 = (E[:, :, j] - E[:, :, i]) ** 2  # (n_pts, 3)
            # parabola through the three points: minimum value
            c0, c1 = g2[:, 1], (g2[:, 2] - g2[:, 0]) / (2 * dH_Oe)
            c2 = (g2[:, 2] + g2[:, 0] - 2 * g2[:, 1]) / (2 * dH_Oe**2)
            with np.errstate(divide="ignore", invalid="ignore"):
                vmin = np.where(c2 > 0, c0 - c1**2 / (4 * c2), g2.min(axis=1))
            vmin = np.clip(vmin, 0.0, None)
            rows.append(
                {
                    "s": float(s),
                    "m_plus": float(mp),
                    "m_minus": float(mm),
                    "dm_I": float(mm - mp),
                    "kind": _kind(mm - mp),
                    "H_cross_Oe": Hc,
                    "xi_cross_K": float(2.0 * jz_ground * b * Hc),
                    "gap_zero_perp_K": float(np.sqrt(vmin[0])),
                    "gap2_mean_K2": float(np.asarray(H_perp_weights) @ vmin[1:]),
                }
            )
    return pd.DataFrame(rows, columns=list(CHANNEL_COLUMNS))


def transverse_quadrature(sigma_perp_Oe: float, n: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Hermite points (n^2, 2) and weights of a 2-d Gaussian with per-component
    standard deviation ``sigma_perp_Oe`` (exact for polynomials of degree <= 2n - 1)."""
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / w.sum()
    X, Y = np.meshgrid(x * sigma_perp_Oe, x * sigma_perp_Oe, indexing="ij")
    W = np.outer(w, w)
    return np.column_stack([X.ravel(), Y.ravel()]), W.ravel()
