"""Group the points of one file into spectra (one temperature and field, a frequency sweep).

Real sweeps drift: temperatures by mK, fields by a fraction of an Oe. Points are taken in
measurement order; a point joins the current spectrum when its temperature is within
``max(T_tol_K, T_rel_tol * T_mean)`` and its field within ``H_tol_Oe`` of the running means of
the spectrum, and its frequency has not been measured yet in this spectrum (relative
tolerance ``freq_rel_tol``). Otherwise it starts a new spectrum. Sweep direction does not
matter (low->high or high->low); several fields measured at the same temperature, or the same
(T, H) measured twice, give separate spectra.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GroupingTolerances:
    """Tolerances for spectrum grouping (absolute K and Oe, relative for T and frequency)."""

    temperature_tolerance_K: float = 0.05
    temperature_rel_tolerance: float = 0.01
    field_tolerance_Oe: float = 5.0
    frequency_rel_tolerance: float = 1e-3


def group_spectra(
    T_K: np.ndarray, H_Oe: np.ndarray, freq_Hz: np.ndarray, tol: GroupingTolerances
) -> np.ndarray:
    """Spectrum index (0, 1, ...) of each point, in measurement order."""
    T = np.asarray(T_K, dtype=float)
    H = np.asarray(H_Oe, dtype=float)
    f = np.asarray(freq_Hz, dtype=float)
    n = len(T)
    out = np.empty(n, dtype=np.int64)
    spectrum = -1
    t_sum = h_sum = 0.0
    count = 0
    freqs: list[float] = []
    for i in range(n):
        if count:
            t_mean = t_sum / count
            h_mean = h_sum / count
            t_tol = max(tol.temperature_tolerance_K, tol.temperature_rel_tolerance * abs(t_mean))
            same = (
                abs(T[i] - t_mean) <= t_tol
                and abs(H[i] - h_mean) <= tol.field_tolerance_Oe
                and not any(
                    abs(f[i] - g) <= tol.frequency_rel_tolerance * max(abs(g), abs(f[i]))
                    for g in freqs
                )
            )
        else:
            same = False
        if not same:
            spectrum += 1
            t_sum = h_sum = 0.0
            count = 0
            freqs = []
        out[i] = spectrum
        t_sum += T[i]
        h_sum += H[i]
        count += 1
        freqs.append(f[i])
    return out
