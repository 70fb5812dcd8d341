"""Documented parametric truth model of the virtual ac instrument for ErW10 (paper 1).

This is *not* the analysis physics: it is a deliberately simple set of closed-form laws, with
every number in ``config.yaml`` (``simulate: acsus:``), from which the shipped SYNTHETIC raw
files are made. The analysis must recover these numbers from the files alone.

Laws (rates tau^-1 in s^-1, temperatures in K, fields in Oe, chi in emu/mol of formula unit):

- Thermally activated (Orbach/Arrhenius, Abragam & Bleaney 1970 ch. 10; paper 1 Fig. 3
  bottom): ``tau0^-1 exp(-U/T)`` with U/kB = 63 K (paper 1 text).
- Quantum plateau (paper 1 Eq. 2 and Fig. 4): ``Gamma_1 x^n exp(-H^2 / (2 sigma_H(x)^2))``,
  Gamma_1 = 1.2e3 s^-1 at x = 1, n = 2 (measured, paper 1 Fig. 4a), sigma_H(x) = sigma_1 x
  (dipolar width ~ x, paper 1 text after Eq. 2; sigma_1 ~ 70 Oe).
- Slowing near and below T_N(x) = T_N x (paper 1 Fig. 3 bottom, T_N = 81 mK at x = 1): the rate
  is multiplied by ``exp(-E w ln(1 + exp((1/T - 1/T_N)/w)))`` (a softened activated drop that
  is 1 above T_N and ``exp(-E (1/T - 1/T_N))`` well below it).
- Curie constant of an Ising Kramers doublet with effective g (Abragam & Bleaney 1970, ch. 5;
  cgs): ``C = N_A muB^2 g^2 / (4 kB)`` = 0.0938 g^2 emu K/mol; g_z = 2 g_J 13/2 = 15.6 for the
  +-13/2 ground doublet (g_J = 6/5). Curie-Weiss ``chi_T = C / (T - theta)``, theta = -88 mK at
  x = 1 (paper 1 text), scaled by x (mean field ~ concentration).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from spinrelax.constants import N_A_per_mol, k_B_erg_per_K, mu_B_erg_per_G


@dataclass(frozen=True)
class RateLaw:
    """Parameters of tau^-1(T, H, x) (see module docstring)."""

    U_K: float
    tau0_s: float
    qt_rate_x1_per_s: float
    qt_x_exponent: float
    sigma_H_x1_Oe: float
    T_N_x1_K: float
    order_slowdown_K: float
    order_width_per_K: float


@dataclass(frozen=True)
class StaticLaw:
    """Parameters of the equilibrium (isothermal) and adiabatic susceptibilities."""

    g_z: float
    g_perp: float
    chi_vv_perp_emu_per_mol: float
    theta_x1_K: float
    chi_S_fraction: float
    T_N_x1_K: float
    af_chi_ratio_at_0K: float


@dataclass(frozen=True)
class HyperfineMix:
    """167Er electronuclear relaxation: weighted processes around a slower geometric mean.

    Process k has quantum rate ``Gamma * 10**(o_k - sum_j w_j o_j) / rate_ratio`` with weight
    ``w_k`` (weights normalised to 1), so ``exp(<ln rate>_w) = Gamma / rate_ratio`` exactly
    (paper 1: the average zero-field rate of 167ErW10 is ~4.5 times smaller than ErW10's).
    """

    rate_ratio: float
    log10_rate_offsets: tuple[float, ...]
    weights: tuple[float, ...]

    def normalised(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(log10 rate factors relative to Gamma, normalised weights)."""
        w = np.asarray(self.weights, dtype=float)
        o = np.asarray(self.log10_rate_offsets, dtype=float)
        if w.shape != o.shape or w.size == 0 or np.any(w <= 0):
            raise ValueError("hyperfine weights and offsets must be equally long and positive")
        w = w / w.sum()
        return o - np.dot(w, o) - np.log10(self.rate_ratio), w


def curie_constant_emu_K_per_mol(g: float) -> float:
    """Curie constant of an effective spin-1/2 doublet along its g axis, emu K/mol (cgs).

    ``C = N_A muB^2 g^2 / (4 kB)`` (Abragam & Bleaney, Electron Paramagnetic Resonance of
    Transition Ions, 1970, ch. 5: chi = N_A g^2 muB^2 S(S+1)/(3 kB T) with the Ising <S_z^2> = 1/4
    in place of S(S+1)/3).
    """
    return N_A_per_mol * mu_B_erg_per_G**2 * g**2 / (4.0 * k_B_erg_per_K)


def thermal_rate_per_s(T_K: ArrayLike, U_K: float, tau0_s: float) -> NDArray[np.float64]:
    """Arrhenius rate ``tau0^-1 exp(-U/T)`` in s^-1 (Orbach process, Abragam & Bleaney ch. 10)."""
    return np.exp(-U_K / np.asarray(T_K, dtype=float)) / tau0_s


def quantum_rate_per_s(H_Oe: ArrayLike, x: float, law: RateLaw) -> NDArray[np.float64]:
    """Zero-temperature quantum plateau ``Gamma_1 x^n exp(-H^2/(2 (sigma_1 x)^2))`` in s^-1.

    Paper 1 Eq. 2 (bias detuning of a Gaussian P(xi)) with the measured x^2 law of Fig. 4a.
    """
    H = np.asarray(H_Oe, dtype=float)
    sigma = law.sigma_H_x1_Oe * x
    return law.qt_rate_x1_per_s * x**law.qt_x_exponent * np.exp(-0.5 * (H / sigma) ** 2)


def log_order_factor(T_K: ArrayLike, T_N_K: float, slowdown_K: float, width_per_K: float):
    """Natural log of the slowing factor near and below T_N (<= 0; -> 0 above T_N).

    ``-E w ln(1 + exp((1/T - 1/T_N)/w))``: a soft-plus of the inverse-temperature distance to
    T_N, i.e. an activated drop with energy E below T_N (paper 1: abrupt drop of tau^-1 near T_N).
    """
    u = (1.0 / np.asarray(T_K, dtype=float) - 1.0 / T_N_K) / width_per_K
    return -slowdown_K * width_per_K * np.logaddexp(0.0, u)


def log_rates_per_s(
    T_K: ArrayLike, H_Oe: ArrayLike, x: float, law: RateLaw, mix: HyperfineMix | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """ln of the relaxation rates (s^-1) of every process, and the process weights.

    Returns ``(log_rate, weights)`` with ``log_rate`` of shape ``(n_points, n_processes)``.
    Without ``mix`` there is one process; with it (167Er) the quantum term of process k is
    scaled by the mixture factors. The ordering factor multiplies the total rate.
    """
    T = np.atleast_1d(np.asarray(T_K, dtype=float))
    H = np.broadcast_to(np.asarray(H_Oe, dtype=float), T.shape)
    if mix is None:
        factors, weights = np.zeros(1), np.ones(1)
    else:
        factors, weights = mix.normalised()
    thermal = thermal_rate_per_s(T, law.U_K, law.tau0_s)[:, None]
    quantum = quantum_rate_per_s(H, x, law)[:, None] * 10.0 ** factors[None, :]
    T_N = law.T_N_x1_K * x
    log_order = log_order_factor(T, T_N, law.order_slowdown_K, law.order_width_per_K)
    with np.errstate(divide="ignore"):
        log_rate = np.log(thermal + quantum) + log_order[:, None]
    return log_rate, weights


@dataclass(frozen=True)
class StaticChi:
    """Isothermal chi_T and adiabatic chi_S along the ac field, emu/mol of formula unit."""

    chi_T: NDArray[np.float64]
    chi_S: NDArray[np.float64]


def static_chi_emu_per_mol(
    T_K: ArrayLike,
    x: float,
    law: StaticLaw,
    *,
    proj_z: float,
    curie_scale: float = 1.0,
) -> StaticChi:
    """chi_T and chi_S of Er_x Y_(1-x) W10 along a field making ``cos^2 = proj_z`` with the axis.

    ``proj_z = cos^2(angle)`` for a crystal and 1/3 for a powder. Relaxing (Ising) part:
    ``x s C(g_z) proj_z / (T - theta x)`` with ``s = curie_scale``; below T_N x it follows an
    antiferromagnet, ``chi(T_N) (r + (1 - r)(T/T_N)^2)``. Non-relaxing part (fast, transverse):
    ``x (1 - proj_z) (C(g_perp)/(T - theta x) + chi_VV)``. chi_S = non-relaxing +
    ``chi_S_fraction`` times the relaxing part.
    """
    T = np.asarray(T_K, dtype=float)
    theta = law.theta_x1_K * x
    T_N = law.T_N_x1_K * x
    C_z = x * curie_scale * curie_constant_emu_K_per_mol(law.g_z) * proj_z
    relaxing = C_z / (T - theta)
    below = T < T_N
    if np.any(below):
        at_T_N = C_z / (T_N - theta)
        r = law.af_chi_ratio_at_0K
        relaxing = np.where(below, at_T_N * (r + (1.0 - r) * (T / T_N) ** 2), relaxing)
    C_perp = curie_constant_emu_K_per_mol(law.g_perp)
    fast = x * (1.0 - proj_z) * (C_perp / (T - theta) + law.chi_vv_perp_emu_per_mol)
    return StaticChi(chi_T=relaxing + fast, chi_S=fast + law.chi_S_fraction * relaxing)
