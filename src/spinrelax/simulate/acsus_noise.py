"""Instrument imperfections of the virtual ac instrument: noise, thermometry, outliers, bad rows.

All draws come from the caller's seeded ``numpy.random.Generator``; nothing here is random by
itself. Models (documented in data/README.md):

- Reading noise per component: ``sigma = hypot(rel |chi|, abs)`` (relative gain noise plus an
  absolute floor, as in Quantum Design ac option specifications). The reported Std Err is
  itself an estimate from ``dof`` repeated readings: ``sigma sqrt(chi2_dof / dof)``.
- Thermometry: within one frequency sweep the temperature drifts linearly by a random amount
  in ``[-drift, drift]`` K and jitters by ``jitter_K + jitter_rel T`` (1 sigma).
- Outliers: a few points get a deviation of ``U(lo, hi)`` sigma (random sign) on each
  component while the Std Err stays normal (the instrument did not notice).
- Bad rows: a missing chi reading (chi' and chi'' and errors empty) or a missing temperature.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: Kinds of deliberately bad rows, applied in this order (cycling).
BAD_ROW_KINDS: tuple[str, ...] = ("missing chi reading", "missing temperature")


def reading_sigma(
    chi_real: NDArray[np.float64], chi_imag: NDArray[np.float64], rel: float, floor: float
) -> NDArray[np.float64]:
    """1-sigma noise of each chi component: ``hypot(rel |chi|, floor)`` (chi units)."""
    return np.hypot(rel * np.hypot(chi_real, chi_imag), floor)


def noisy_readings(
    rng: np.random.Generator,
    chi_real: NDArray[np.float64],
    chi_imag: NDArray[np.float64],
    sigma: NDArray[np.float64],
    dof: int,
) -> tuple[NDArray[np.float64], ...]:
    """(chi', chi'', Std Err chi', Std Err chi'') with Gaussian noise and estimated errors."""
    n = chi_real.size
    real = chi_real + sigma * rng.standard_normal(n)
    imag = chi_imag + sigma * rng.standard_normal(n)
    err_real = sigma * np.sqrt(rng.chisquare(dof, n) / dof)
    err_imag = sigma * np.sqrt(rng.chisquare(dof, n) / dof)
    return real, imag, err_real, err_imag


def sweep_temperatures_K(
    rng: np.random.Generator,
    T_set_K: NDArray[np.float64],
    sweep_id: NDArray[np.int64],
    *,
    jitter_K: float,
    jitter_rel: float,
    drift_K: float,
) -> NDArray[np.float64]:
    """Actual sample temperatures of every point: set point + per-sweep linear drift + jitter."""
    n_sweeps = int(sweep_id.max()) + 1
    drift = rng.uniform(-drift_K, drift_K, n_sweeps)
    counts = np.bincount(sweep_id, minlength=n_sweeps)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    position = np.arange(sweep_id.size) - first[sweep_id]
    fraction = position / np.maximum(counts[sweep_id] - 1, 1)
    jitter = (jitter_K + jitter_rel * T_set_K) * rng.standard_normal(sweep_id.size)
    return T_set_K + drift[sweep_id] * fraction + jitter


def outlier_shifts(
    rng: np.random.Generator,
    sigma: NDArray[np.float64],
    count: int,
    sigma_range: tuple[float, float],
    exclude: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """(indices, shift of chi', shift of chi'') for ``count`` outliers avoiding ``exclude``."""
    allowed = np.setdiff1d(np.arange(sigma.size), exclude)
    idx = np.sort(rng.choice(allowed, size=min(count, allowed.size), replace=False))
    lo, hi = sigma_range
    shifts = rng.uniform(lo, hi, (2, idx.size)) * rng.choice([-1.0, 1.0], (2, idx.size))
    return idx, shifts[0] * sigma[idx], shifts[1] * sigma[idx]


def bad_row_indices(rng: np.random.Generator, n_points: int, count: int) -> NDArray[np.int64]:
    """Sorted indices of ``count`` rows to spoil (kinds cycle through :data:`BAD_ROW_KINDS`)."""
    return np.sort(rng.choice(n_points, size=min(count, n_points), replace=False))
