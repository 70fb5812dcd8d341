"""Behaviour classification from the AIC of the candidate profile models, with a confidence.

Akaike weights w_i = exp(-(AIC_i - AIC_min)/2) / sum_j exp(-(AIC_j - AIC_min)/2) (Burnham &
Anderson, Model Selection and Multimodel Inference, 2002, Sec. 2.9) are summed per behaviour;
the behaviour with the largest summed weight wins and that weight is its confidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

BEHAVIOURS: tuple[str, ...] = ("atomic_like", "superparamagnetic", "non_magnetic")


def akaike_weights(aic: Sequence[float]) -> np.ndarray:
    """Akaike weights of the candidates (non-finite AIC gets weight 0)."""
    a = np.asarray(aic, dtype=float)
    finite = np.isfinite(a)
    if not finite.any():
        return np.zeros_like(a)
    rel = np.where(finite, a - a[finite].min(), np.inf)
    w = np.exp(-0.5 * rel)
    return w / w.sum()


def classify(
    aic: Sequence[float], behaviour: Sequence[str]
) -> tuple[str, float, Mapping[str, float]]:
    """Winning behaviour, its confidence, and the summed weight of every behaviour."""
    w = akaike_weights(aic)
    per = {b: float(w[[x == b for x in behaviour]].sum()) for b in BEHAVIOURS}
    best = max(BEHAVIOURS, key=lambda b: per[b])
    return best, per[best], per
