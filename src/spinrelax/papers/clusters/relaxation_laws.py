"""Spin-lattice relaxation laws of paper 2 (Eqs. 1-3) and the relaxed fraction after transit.

Diaz-Bachs, Katsnelson & Kirilyuk (2022), Sec. IV B, after Orbach, Proc. R. Soc. A 264, 458
(1961) and Abragam & Bleaney (1970):

- Orbach (Eq. 1):            1/tau = tau0^-1 exp(-Delta / kB T)
- Raman, Kramers (Eq. 2):    1/tau = C T^9 / (Delta^4 v_s^10), plus a field term ~ H^2 T^7
- Raman, non-Kramers (Eq. 3): 1/tau = C T^7 / (Delta^2 v_s^10)

Sound velocity v_s ~ M^-1/2 at fixed force constants, so v_s^-10 ~ M^5 (heavier Ta relaxes
more). Atomic-like deflection needs tau > t_transit; the
fraction that has relaxed after the transit time t is 1 - exp(-t / tau).
"""

from __future__ import annotations

import numpy as np


def orbach_rate_per_s(T_K: np.ndarray, tau0_s: float, delta_K: float) -> np.ndarray:
    """Orbach rate tau0^-1 exp(-Delta/kB T) in 1/s (Delta in K)."""
    return np.exp(-delta_K / np.asarray(T_K, dtype=float)) / tau0_s


def raman_rate_per_s(
    T_K: np.ndarray,
    coupling: float,
    delta_K: float,
    *,
    kramers: bool = True,
    mass_ratio: float = 1.0,
    H_T: float = 0.0,
    field_coeff_K2_per_T2: float = 0.0,
) -> np.ndarray:
    """Raman rate (1/s): Kramers C (T^9 + c H^2 T^7) / Delta^4, non-Kramers C T^7 / Delta^2.

    Temperatures and Delta in K; ``coupling`` C in 1/(s K^5) absorbs the sound-velocity factor
    of the reference element, ``mass_ratio^5`` rescales it to another element (v_s^-10 ~ M^5).
    With a common C the non-Kramers rate exceeds the Kramers one by (Delta/T)^2 >> 1 when
    kB T << Delta (paper 2, after Eq. 3).
    """
    T = np.asarray(T_K, dtype=float)
    if kramers:
        law = (T**9 + field_coeff_K2_per_T2 * H_T**2 * T**7) / delta_K**4
    else:
        law = T**7 / delta_K**2
    return coupling * law * mass_ratio**5


def kramers_coupling(rate_ref_per_s: float, T_ref_K: float, delta_K: float) -> float:
    """Coupling C such that the zero-field Kramers Raman rate equals ``rate_ref_per_s`` at T_ref."""
    return rate_ref_per_s * delta_K**4 / T_ref_K**9


def relaxed_fraction(transit_time_s: np.ndarray, rate_per_s: np.ndarray) -> np.ndarray:
    """Fraction relaxed during the transit, 1 - exp(-t / tau) (paper 2, Sec. IV B)."""
    return -np.expm1(-np.asarray(transit_time_s, dtype=float) * np.asarray(rate_per_s, dtype=float))


def transit_time_s(L1_m: float, v_m_per_s: np.ndarray) -> np.ndarray:
    """Time spent inside the magnet, L1 / v (s); ~0.1 ms in paper 2."""
    return L1_m / np.asarray(v_m_per_s, dtype=float)
