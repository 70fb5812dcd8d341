"""Multi-channel tunnelling relaxation of 167Er and the ac response it gives.

Each crossing channel c of ``hyperfine_channels`` relaxes by incoherent tunnelling at the rate of
paper 1, Eq. 2, evaluated at the channel's detuning: Gamma_c = (<Delta_c^2> / hbar) P(xi_c),
P the Gaussian dipolar-bias density of width sigma_xi (Prokof'ev & Stamp, PRL 80, 5794 (1998)).
The 16 states (|+-, m>) obey a Pauli master equation with symmetric rates W = Gamma_c / 2
(equal populations: the multiplet spans 0.3 K << T = 2 K), so an I = 0 doublet relaxes at
exactly Gamma, as the paper reads Eq. 2. Two readings of the nuclear spin:

- ``frozen``: m_I changes only through flip-flop channels; the magnetisation M = <Jz> decays
  through the eigenmodes lambda_k of the 16-level generator with weights
  a_k = (M . u_k)^2 / |M|^2 (u_k orthonormal eigenvectors);
- ``fast``: nuclear spins equilibrate within each electronic state faster than any tunnelling,
  so M decays with the single rate sum_c Gamma_c / (2I + 1).

A sample with a fraction f of 167Er and 1 - f of I = 0 isotopes has the linear response
chi(omega) / chi_T = (1 - f) / (1 + i omega / Gamma_0) + f sum_k a_k / (1 + i omega / lambda_k)
(Debye relaxation of each mode; modes with lambda = 0 do not relax and add to chi_S). The
observable is the tau of a generalized Debye (Cole-Cole) fit to chi' and chi'' on the
instrument's frequencies, as the measured spectra are fitted (PHYSICS.md). See docs/physics.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares

from spinrelax.papers.erw10.relaxation.tunnelling import (
    gaussian_bias_density_per_K,
    tunnelling_rate_s,
)


def channel_rates_s(
    channels: pd.DataFrame, sigma_xi_K: float, convention: str = "paper_eq2"
) -> NDArray[np.float64]:
    """Gamma_c in s^-1 of every channel row (``gap2_mean_K2``, ``xi_cross_K``)."""
    density = gaussian_bias_density_per_K(channels["xi_cross_K"].to_numpy(), sigma_xi_K)
    return tunnelling_rate_s(np.sqrt(channels["gap2_mean_K2"].to_numpy()), density, convention)


@dataclass(frozen=True)
class RelaxationModes:
    """Relaxation rates (s^-1) of the magnetisation and their weights (sum <= 1)."""

    rates_s: NDArray[np.float64]
    weights: NDArray[np.float64]

    @property
    def mean_rate_s(self) -> float:
        """Initial decay rate sum_k a_k lambda_k (arithmetic mean)."""
        return float(self.weights @ self.rates_s / self.weights.sum())


def electronuclear_modes(
    channels: pd.DataFrame,
    rates_s: ArrayLike,
    I: float,  # noqa: E741 - nuclear spin quantum number
    nuclear: str = "frozen",
) -> RelaxationModes:
    """Magnetisation modes of the 16-level master equation (module docstring)."""
    rates = np.asarray(rates_s, dtype=float)
    if nuclear == "fast":
        return RelaxationModes(np.array([rates.sum() / (2 * I + 1)]), np.array([1.0]))
    if nuclear != "frozen":
        raise ValueError(f"nuclear must be frozen or fast, not {nuclear!r}")
    m = np.arange(-I, I + 0.5, 1.0)
    n = m.size
    idx_plus = {float(v): k for k, v in enumerate(m)}
    W = np.zeros((2 * n, 2 * n))
    for (mp, mm), g in zip(channels[["m_plus", "m_minus"]].to_numpy(), rates, strict=True):
        i, j = idx_plus[float(mp)], n + idx_plus[float(mm)]
        W[i, j] += 0.5 * g
        W[j, i] += 0.5 * g
    gen = W - np.diag(W.sum(axis=1))
    lam, vec = np.linalg.eigh(-gen)
    M = np.concatenate([np.ones(n), -np.ones(n)])
    a = (vec.T @ M) ** 2 / (M @ M)
    relaxing = lam > 1e-12 * max(lam.max(), 1e-300)
    return RelaxationModes(lam[relaxing], a[relaxing])


def sample_response(
    freq_Hz: ArrayLike, fraction_167: float, gamma0_s: float, modes: RelaxationModes
) -> NDArray[np.complex128]:
    """chi(omega) / chi_T of a sample (module docstring), chi = chi' - i chi''."""
    w = 2.0 * np.pi * np.asarray(freq_Hz, dtype=float)
    chi = (1.0 - fraction_167) / (1.0 + 1j * w / gamma0_s)
    for lam, a in zip(modes.rates_s, modes.weights, strict=True):
        chi = chi + fraction_167 * a / (1.0 + 1j * w / lam)
    return chi  # 1 / (1 + i w tau) = chi' - i chi'' with chi'' >= 0


def cole_cole_tau_s(freq_Hz: ArrayLike, chi: ArrayLike) -> tuple[float, float]:
    """(tau, alpha) of a generalized Debye fit, chi_S + (chi_T - chi_S)/(1 + (i w tau)^(1-a)),
    to chi' and chi'' jointly and unweighted (PHYSICS.md; the field's convention)."""
    f = np.asarray(freq_Hz, dtype=float)
    w = 2.0 * np.pi * f
    z = np.asarray(chi, dtype=complex)
    data = np.concatenate([z.real, -z.imag])
    peak = f[np.argmax(-z.imag)]

    def model(p: NDArray[np.float64]) -> NDArray[np.complex128]:
        chi_s, chi_t, ln_tau, alpha = p
        return chi_s + (chi_t - chi_s) / (1.0 + (1j * w * np.exp(ln_tau)) ** (1.0 - alpha))

    def resid(p: NDArray[np.float64]) -> NDArray[np.float64]:
        m = model(p)
        return np.concatenate([m.real, -m.imag]) - data

    p0 = [float(z.real.min()), float(z.real.max()), -np.log(2 * np.pi * peak), 0.1]
    res = least_squares(
        resid,
        p0,
        bounds=([-1.0, 0.0, -40.0, 0.0], [2.0, 2.0, 40.0, 0.95]),
        xtol=1e-14,
        ftol=1e-14,
        gtol=1e-14,
    )
    return float(np.exp(res.x[2])), float(res.x[3])
