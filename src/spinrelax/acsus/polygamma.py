"""Digamma psi(x) and trigamma psi'(x) for x > 0, vectorised (numpy only).

Used for the logarithmic moments of the Havriliak-Negami and Cole-Davidson distributions
(:mod:`spinrelax.acsus.distribution`) instead of ``scipy.special``, whose import costs ~0.5 s
of a command's start-up. Method (Abramowitz & Stegun, *Handbook of Mathematical Functions*,
1964): the recurrences psi(x) = psi(x + 1) - 1/x (6.3.5) and psi'(x) = psi'(x + 1) + 1/x^2
(6.4.6) raise the argument to y >= 10, where the asymptotic series 6.3.18 and 6.4.12 (Bernoulli
numbers up to B_14) are accurate to < 1e-16 relative; the sums leave ~1e-15. Agrees with ``scipy.special`` to
5e-15 relative (tests/acsus/test_polygamma.py). Non-positive or NaN arguments give NaN.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: The asymptotic series are used from this argument on.
_SHIFT_TO = 10.0


def _raised(x: ArrayLike, power: int) -> tuple[NDArray, NDArray]:
    """(y >= 10 reached by unit steps from x, sum over the steps of 1/x_k^power); NaN for
    x <= 0 or NaN."""
    y = np.array(x, dtype=float, copy=True)
    y = np.where(y > 0, y, np.nan)
    acc = np.zeros_like(y)
    low = y < _SHIFT_TO
    while low.any():
        acc[low] += 1.0 / y[low] ** power
        y[low] += 1.0
        low = y < _SHIFT_TO
    return y, acc


def digamma(x: ArrayLike) -> NDArray:
    """psi(x) = d ln Gamma(x) / dx (A&S 6.3.5, 6.3.18)."""
    y, acc = _raised(x, 1)
    z = 1.0 / (y * y)
    tail = z * (
        1 / 12
        - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132 - z * (691 / 32760 - z / 12)))))
    )
    return np.log(y) - 0.5 / y - tail - acc


def trigamma(x: ArrayLike) -> NDArray:
    """psi'(x) = d psi(x) / dx (A&S 6.4.6, 6.4.12)."""
    y, acc = _raised(x, 2)
    z = 1.0 / (y * y)
    tail = z * (
        1 / 6
        - z * (1 / 30 - z * (1 / 42 - z * (1 / 30 - z * (5 / 66 - z * (691 / 2730 - z * 7 / 6)))))
    )
    return 1.0 / y + 0.5 * z + tail / y + acc
