"""Incoherent quantum tunnelling of a Kramers ground doublet in a distribution of dipolar biases.

Paper 1, Eq. 2 (Prokof'ev & Stamp, Phys. Rev. Lett. 80, 5794 (1998); J. Low Temp. Phys. 113,
1147 (1998)): Gamma = (Delta^2 / hbar) P(xi = 0), P(xi) = P(H_dip,z) / (g_z muB); for a Gaussian
bias distribution of field width sigma_dip, P(0) = 1 / (sqrt(2 pi) g_z muB sigma_dip).

Convention: ``"paper_eq2"`` is the form above. Fermi's golden rule with the tunnelling matrix
element Delta/2 between the two bare states, Gamma = (2 pi / hbar) (Delta/2)^2 P(0), is larger by
pi/2 (``"golden_rule"``); the paper's estimate Gamma ~ 3e3 s^-1 uses Eq. 2.

Dipolar width from the ordering temperature (paper 1 text): 2 mu sigma_dip ~ kB T_N, mu the
ordering moment (paper: g J muB; here by default the ground doublet's g_z muB / 2).
A bias xi = g_z muB H_z (full splitting of the doublet, shared/design/PHYSICS.md) detunes the
doublet; for a powder the factor is averaged over cos(theta) in [0, 1]. Energies in K, fields in
Oe (vacuum B = H), rates in s^-1.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import erf

from spinrelax.constants import OE_PER_T, hbar_J_s, k_B_J_per_K, mu_B_K_per_T

SQRT_2PI = np.sqrt(2.0 * np.pi)
#: Gamma(golden rule) / Gamma(paper Eq. 2).
GOLDEN_RULE_FACTOR = np.pi / 2.0


def sigma_dip_from_T_N_Oe(T_N_K: ArrayLike, moment_muB: float) -> NDArray[np.float64]:
    """Dipolar field width sigma_dip (Oe) from 2 mu sigma_dip = kB T_N (paper 1 text).

    The paper writes mu = g J muB (9 muB for Er3+, the free-ion moment); the moment of the
    ground Kramers doublet that actually orders is g_z muB / 2 (7.8 muB for g_z = 15.6).
    """
    return np.asarray(T_N_K, dtype=float) / (2.0 * moment_muB * mu_B_K_per_T) * OE_PER_T


def zeeman_bias_K(g: float, H_Oe: ArrayLike) -> NDArray[np.float64]:
    """Doublet splitting g muB H in K for a field H in Oe along the quantisation axis."""
    return g * mu_B_K_per_T * np.asarray(H_Oe, dtype=float) / OE_PER_T


def gaussian_bias_density_per_K(
    xi_K: ArrayLike, width_K: ArrayLike, mean_K: ArrayLike = 0.0
) -> NDArray[np.float64]:
    """Normalised Gaussian bias distribution P(xi) in K^-1."""
    w = np.asarray(width_K, dtype=float)
    z = (np.asarray(xi_K, dtype=float) - mean_K) / w
    return np.exp(-0.5 * z * z) / (SQRT_2PI * w)


def tunnelling_rate_s(
    delta_K: ArrayLike, density_per_K: ArrayLike, convention: str = "paper_eq2"
) -> NDArray[np.float64]:
    """Gamma = (Delta^2 / hbar) P in s^-1, Delta in K, P in K^-1 (module docstring)."""
    if convention not in ("paper_eq2", "golden_rule"):
        raise ValueError(f"convention must be paper_eq2 or golden_rule, not {convention!r}")
    delta = np.asarray(delta_K, dtype=float)
    rate = delta**2 * k_B_J_per_K * np.asarray(density_per_K, dtype=float) / hbar_J_s
    return rate * (GOLDEN_RULE_FACTOR if convention == "golden_rule" else 1.0)


def detuning_factor(
    H_Oe: ArrayLike, sigma_H_Oe: ArrayLike, geometry: str = "powder", cos_theta: float = 1.0
) -> NDArray[np.float64]:
    """P(xi = g_z muB H_z) / P(0) for a Gaussian of field width ``sigma_H_Oe``.

    ``geometry="crystal"``: H_z = H cos(theta), factor exp(-(H cos theta)^2 / (2 sigma^2)).
    ``geometry="powder"``: arithmetic average over cos(theta) uniform in [0, 1],
    sqrt(pi/2) (sigma/H) erf(H / (sqrt(2) sigma)), which tends to 1 as H -> 0.
    ``geometry="powder_logmean"``: the rate a single Cole-Cole tau of a powder reports, the
    log-average of the rates weighted by each crystallite's share of chi (~ cos^2 theta for an
    Ising doublet, normalised 3 cos^2 theta): <ln factor> = -(3/5) H^2 / (2 sigma^2), i.e. a
    Gaussian in H of width sigma sqrt(5/3).
    """
    u = np.abs(np.asarray(H_Oe, dtype=float)) / np.asarray(sigma_H_Oe, dtype=float)
    if geometry == "crystal":
        return np.exp(-0.5 * (u * cos_theta) ** 2)
    if geometry == "powder_logmean":
        return np.exp(-0.3 * u * u)
    if geometry != "powder":
        raise ValueError(f"geometry must be powder, powder_logmean or crystal, not {geometry!r}")
    small = u < 1e-6
    safe = np.where(small, 1.0, u)
    return np.where(
        small, 1.0 - u * u / 6.0, np.sqrt(np.pi / 2.0) * erf(safe / np.sqrt(2.0)) / safe
    )


def hyperfine_rate_factors(
    A_J_K: float,
    Jz_ground: float,
    I: float,  # noqa: E741 - nuclear spin quantum number
    sigma_xi_K: float,
    T_K: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Electronic flips at fixed m_I of a 167Er doublet: (m_I, population, P(xi_mI)/P(0)).

    To first order the hyperfine term A_J I.J splits the doublet |+-Jz_ground> into
    E(+-, m_I) = +-A_J Jz_ground m_I, so the electronic flip at fixed m_I is detuned by
    xi_mI = 2 A_J Jz_ground m_I and only the m_I with |xi_mI| <~ sigma_xi stay near resonance.
    Flips of electron and nucleus together are resonant but have Delta ~ 0 (paper 1 text), so
    they are not counted. Populations: Boltzmann over the 2I+1 states of one electronic state.
    """
    m_I = np.arange(-I, I + 0.5, 1.0)
    xi = 2.0 * A_J_K * Jz_ground * m_I
    weight = np.exp(-(A_J_K * Jz_ground * m_I) / T_K)
    weight /= weight.sum()
    factor = np.exp(-0.5 * (xi / sigma_xi_K) ** 2)
    return m_I, weight, factor


def isotope_rate_ratio(
    A_J_K: float,
    Jz_ground: float,
    I: float,  # noqa: E741 - nuclear spin quantum number
    sigma_xi_K: float,
    T_K: float,
    enrichment: float,
    average: str = "arithmetic",
    reference_enrichment: float = 0.0,
) -> float:
    """Predicted <tau^-1>(reference sample) / <tau^-1>(enriched sample), detuning-only model
    of :func:`hyperfine_rate_factors` (no flip-flop channels).

    A sample holds a fraction ``enrichment`` of nuclei with spin I, the rest I = 0; the
    reference sample holds ``reference_enrichment`` (0: pure I = 0; natural Er: 0.2287).
    ``average="arithmetic"``: population-weighted mean rate (initial decay rate of the
    magnetisation); ``"geometric"``: exp of the mean ln rate (the centre of a broad ln tau
    distribution, as a Cole-Cole tau would report).
    """
    _, weight, factor = hyperfine_rate_factors(A_J_K, Jz_ground, I, sigma_xi_K, T_K)

    def mean(f: float) -> float:
        if average == "arithmetic":
            return f * float(weight @ factor) + (1.0 - f)
        if average == "geometric":
            with np.errstate(divide="ignore"):
                return float(np.exp(f * float(weight @ np.log(factor))))
        raise ValueError(f"average must be arithmetic or geometric, not {average!r}")

    return mean(reference_enrichment) / mean(enrichment)


def ordered_phase_factor(shift_K: float, width_ratio: float, sigma_xi_K: float) -> float:
    """Gamma(ordered) / Gamma(paramagnetic): P(0) of a Gaussian narrowed by ``width_ratio`` and
    centred at ``shift_K`` (~kB T_N in the AF phase, paper 1 text) over P(0) of the original."""
    w = width_ratio * sigma_xi_K
    return float(
        gaussian_bias_density_per_K(0.0, w, shift_K) / gaussian_bias_density_per_K(0.0, sigma_xi_K)
    )
