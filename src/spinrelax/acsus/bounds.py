"""The parameter box of a batched spectrum fit: two-process fits bound both ln tau to two decades
beyond the measured window, [ln(1/(2 pi f_max)) - ln 100, ln(1/(2 pi f_min)) + ln 100], so that
a process far outside the window cannot wander off; other models keep their own box
(:mod:`spinrelax.acsus.models`)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from spinrelax.acsus.models import MODELS
from spinrelax.acsus.packing import Packed

#: Two-process fits keep both ln tau within this factor beyond the window (two decades).
TAU_WINDOW_MARGIN = 100.0


def model_bounds(model: str, packed: Packed) -> tuple[NDArray, NDArray] | None:
    """Per-spectrum (lower, upper) (B, P) of a two-process fit: both ln tau within
    :data:`TAU_WINDOW_MARGIN` beyond the measured window; None (the model's box) otherwise."""
    if model != "double_generalized_debye":
        return None
    spec = MODELS[model]
    n_b = packed.mask.shape[0]
    lower = np.tile(np.asarray(spec.lower, dtype=float), (n_b, 1))
    upper = np.tile(np.asarray(spec.upper, dtype=float), (n_b, 1))
    f_lo = np.where(packed.mask, packed.freq_Hz, np.inf).min(axis=-1)
    f_hi = np.where(packed.mask, packed.freq_Hz, -np.inf).max(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = -np.log(2.0 * np.pi * f_hi) - np.log(TAU_WINDOW_MARGIN)
        hi = -np.log(2.0 * np.pi * f_lo) + np.log(TAU_WINDOW_MARGIN)
    ok = np.isfinite(lo) & np.isfinite(hi)
    for name in ("ln_tau", "ln_tau2"):
        k = spec.params.index(name)
        lower[:, k] = np.where(ok, np.maximum(lo, spec.lower[k]), spec.lower[k])
        upper[:, k] = np.where(ok, np.minimum(hi, spec.upper[k]), spec.upper[k])
    return lower, upper
