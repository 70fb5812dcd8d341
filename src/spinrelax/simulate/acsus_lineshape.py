"""Generalized Debye (Cole-Cole) line shapes for the virtual ac instrument.

Convention (../shared/design/PHYSICS.md; Cole & Cole, J. Chem. Phys. 9, 341 (1941)):
chi(omega) = chi_S + (chi_T - chi_S) / (1 + (i omega tau)^(1 - alpha)), omega = 2 pi f,
chi = chi' - i chi'' with chi'' >= 0; the chi'' peak sits at f = 1/(2 pi tau) for any alpha.
Independent of ``spinrelax.acsus`` on purpose (truth and analysis must not share code).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: |ln(omega tau) (1 - alpha)| is clipped here so exp() stays finite for frozen spins
#: (tau -> infinity); the clipped response is exactly chi_S to double precision.
_MAX_LOG = 600.0


def debye_fraction(
    freq_Hz: ArrayLike, log_rate_per_s: ArrayLike, alpha: float
) -> NDArray[np.complex128]:
    """``1 / (1 + (i omega tau)^(1 - alpha))`` as ``g' - i g''`` for ``ln(1/tau) = log_rate``.

    Works in log space, so rates from 1e-300 s^-1 (frozen) to 1e300 s^-1 are safe.
    """
    if not 0.0 <= alpha < 1.0:
        raise ValueError(f"alpha must be in [0, 1), got {alpha}")
    ln_wt = np.log(2.0 * np.pi * np.asarray(freq_Hz, dtype=float)) - np.asarray(log_rate_per_s)
    expo = np.clip((1.0 - alpha) * ln_wt, -_MAX_LOG, _MAX_LOG)
    z = np.exp(expo) * np.exp(0.5j * np.pi * (1.0 - alpha))
    return 1.0 / (1.0 + z)


def cole_cole_chi(
    freq_Hz: ArrayLike,
    chi_T: ArrayLike,
    chi_S: ArrayLike,
    log_rates_per_s: ArrayLike,
    weights: ArrayLike,
    alpha: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(chi', chi'') of a weighted sum of generalized Debye processes, chi'' >= 0.

    ``log_rates_per_s`` has shape ``(n, k)`` (k processes with ``weights`` summing to 1);
    ``freq_Hz``, ``chi_T``, ``chi_S`` have shape ``(n,)``. Units of chi are those of chi_T.
    """
    lr = np.asarray(log_rates_per_s, dtype=float)
    w = np.asarray(weights, dtype=float)
    f = np.asarray(freq_Hz, dtype=float)[:, None]
    g = (debye_fraction(f, lr, alpha) * w[None, :]).sum(axis=1)
    dchi = np.asarray(chi_T, dtype=float) - np.asarray(chi_S, dtype=float)
    chi = np.asarray(chi_S, dtype=float) + dchi * g
    return chi.real, -chi.imag
