"""Data-driven starting values of rate-law fits (never a fixed guess).

Temperature laws (points sorted by T):

- Orbach: U and tau0 from the steepest straight part of ln tau^-1 against 1/T (the sliding
  window of ``w`` neighbouring points with the most negative slope: slope = -U/kB, intercept =
  -ln tau0).
- QTM: the plateau, the geometric mean of the rates of the lowest-T points.
- Raman: n from the log-log slope of the rates over the window where it is largest among slopes
  below 12 (at least 1), C such that C T^n meets the data there.
- direct: A from the lowest-T rate (A T_min = rate), bottleneck: m = 2, B T_min^-2 = 1 / rate.

Field laws (points sorted by |H|): rate at the lowest field for the zero-field rates; the
field where the rate has fallen to half of it sets the QTM suppression scale; the high-field
log-log slope the exponent of Raman-II and direct terms.

Laws in (T, H) (:func:`global_starts`): the temperature terms from the points at the lowest
field, the field terms from the points at the lowest temperature (all points where there are
too few), the Brons-van Vleck factor of ``raman_bvv`` started at 1 (e = f = 1 / H_mid^2).

The fitter also tries a few deterministic variants of these starts (see ``fit.py``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from spinrelax.rates.laws import TERMS

Array = NDArray[np.float64]


def _window(n: int) -> int:
    return int(min(n, max(3, n // 5)))


def _sliding_slopes(x: Array, y: Array, w: int) -> tuple[Array, Array]:
    """Least-squares slope and intercept of every window of ``w`` consecutive points."""
    idx = np.arange(len(x) - w + 1)[:, None] + np.arange(w)[None, :]
    xs, ys = x[idx], y[idx]
    xm, ym = xs.mean(axis=1, keepdims=True), ys.mean(axis=1, keepdims=True)
    sxx = np.sum((xs - xm) ** 2, axis=1)
    slope = np.where(sxx > 0, np.sum((xs - xm) * (ys - ym), axis=1) / np.where(sxx > 0, sxx, 1), 0)
    return slope, ym[:, 0] - slope * xm[:, 0]


def arrhenius_start(T_K: Array, rate_s: Array) -> tuple[float, float]:
    """(U_K, tau0_s) of the steepest part of ln rate vs 1/T (``T_K`` sorted ascending)."""
    ln_r = np.log(rate_s)
    if len(T_K) < 2:
        return 10.0 * float(T_K[0]), float(np.exp(-(ln_r[0] + 10.0)))
    slope, icpt = _sliding_slopes(1.0 / T_K, ln_r, _window(len(T_K)))
    i = int(np.argmin(slope))
    U = float(np.clip(-slope[i], 1e-3 * T_K.max(), 1e5))
    if -slope[i] <= 0:  # no activated part at all: a barrier of the order of the highest T
        U = float(T_K.max())
        return U, float(np.exp(-(ln_r[-1] + U / T_K[-1])))
    return U, float(np.exp(-icpt[i]))


def raman_start(T_K: Array, rate_s: Array) -> tuple[float, float]:
    """(C, n) of the steepest log-log window with a slope in [1, 12]."""
    ln_T, ln_r = np.log(T_K), np.log(rate_s)
    if len(T_K) < 2:
        return float(rate_s[0] / T_K[0] ** 5), 5.0
    slope, _ = _sliding_slopes(ln_T, ln_r, _window(len(T_K)))
    ok = slope <= 12.0
    i = int(np.argmax(np.where(ok, slope, -np.inf))) if ok.any() else len(slope) // 2
    n = float(np.clip(slope[i], 1.0, 12.0))
    j = min(i + _window(len(T_K)) // 2, len(T_K) - 1)
    return float(np.exp(ln_r[j] - n * ln_T[j])), n


def plateau_start(rate_s: Array) -> float:
    """Geometric mean of the rates of the lowest-variable points (at least 2, up to a tenth)."""
    k = max(2, len(rate_s) // 10)
    return float(np.exp(np.mean(np.log(rate_s[:k]))))


def temperature_starts(T_K: Array, rate_s: Array, terms: tuple[str, ...]) -> dict[str, float]:
    """Public starting values of every parameter of ``terms`` (T laws) from the data."""
    order = np.argsort(T_K)
    T, r = T_K[order], rate_s[order]
    start: dict[str, float] = {}
    if "orbach" in terms:
        start["U_K"], start["tau0_s"] = arrhenius_start(T, r)
    if "raman" in terms:
        start["C_raman_s-1_K-n"], start["n_raman"] = raman_start(T, r)
    if "qtm" in terms:
        start["rate_qt_s-1"] = plateau_start(r)
    if "direct" in terms:
        start["A_direct_s-1_K-1"] = float(r[0] / T[0])
    if "bottleneck" in terms:
        start["m_pb"] = 2.0
        start["B_pb_s_K-m"] = float(0.5 / r[0] * T[0] ** 2)
    return start


def field_starts(
    H_Oe: Array, rate_s: Array, T_K: float, terms: tuple[str, ...]
) -> dict[str, float]:
    """Public starting values of every parameter of ``terms`` (H laws at ``T_K``)."""
    order = np.argsort(np.abs(H_Oe))
    H, r = np.abs(H_Oe[order]), rate_s[order]
    r0 = plateau_start(r)
    positive = H > 0
    H_pos = H[positive] if positive.any() else np.array([1.0])
    r_pos = r[positive] if positive.any() else r[:1]
    below = np.nonzero(r <= 0.5 * r[0])[0]
    H_half = float(H[below[0]]) if below.size and H[below[0]] > 0 else float(np.median(H_pos))
    k = max(2, len(r_pos) // 4)
    if len(H_pos) >= 2:
        slope = np.polyfit(np.log(H_pos[-k:]), np.log(r_pos[-k:]), 1)[0]
    else:
        slope = 2.0
    r_hi, H_hi = float(r_pos[-1]), float(H_pos[-1])
    start: dict[str, float] = {}
    if "qtm_field" in terms:
        start["rate_qt_s-1"] = r0
        start["p_qtm"] = 2.0
        start["b_qtm_Oe-p"] = float(max(H_half, 1e-3) ** -2.0)
    if "raman_field" in terms:
        m = float(np.clip(slope, 0.5, 6.0))
        start["m_raman_H"] = m
        start["C_raman_H_s-1_Oe-m"] = float(r_hi / H_hi**m)
    if "direct_field" in terms:
        start["m_direct"] = 4.0
        start["A_direct_s-1_Oe-m_K-1"] = float(0.5 * r_hi / (H_hi**4 * T_K))
    if "constant" in terms:
        start["rate_const_s-1"] = float(np.min(r))
    if "brons_van_vleck" in terms:
        start["rate_bvv_s-1"] = r0
        f = float(max(H_half, 1e-3) ** -2.0)
        start["f_bvv_Oe-2"] = f
        start["e_bvv_Oe-2"] = float(f * max(r[-1] / r0, 1e-6))
    return start


def _near_lowest(x: Array, abs_tol: float, rel_tol: float) -> NDArray[np.bool_]:
    """Points whose value is within max(abs_tol, rel_tol x_min) of the lowest one."""
    lowest = float(np.min(x))
    return x <= lowest + max(abs_tol, rel_tol * abs(lowest))


def global_starts(
    T_K: Array, H_Oe: Array, rate_s: Array, terms: tuple[str, ...]
) -> dict[str, float]:
    """Public starting values of every parameter of a (T, H) law (module docstring)."""
    H = np.abs(H_Oe)
    low_H = _near_lowest(H, 20.0, 0.05)
    if np.unique(np.round(T_K[low_H], 3)).size < 3:
        low_H = np.ones(T_K.shape, dtype=bool)
    low_T = _near_lowest(T_K, 0.1, 0.02)
    if np.unique(np.round(H[low_T])).size < 3:
        low_T = np.ones(T_K.shape, dtype=bool)
    t_terms = tuple(t for t in terms if TERMS[t].variable == "T")
    start = temperature_starts(T_K[low_H], rate_s[low_H], (*t_terms, "raman"))
    c_n = start.pop("C_raman_s-1_K-n"), start.pop("n_raman")
    if "raman" in terms or "raman_bvv" in terms:
        start["C_raman_s-1_K-n"], start["n_raman"] = c_n
    h_terms = tuple(t for t in terms if TERMS[t].variable == "H")
    start.update(field_starts(H[low_T], rate_s[low_T], float(np.median(T_K[low_T])), h_terms))
    if "raman_bvv" in terms:
        positive = H[H > 0]
        h_mid = float(np.median(positive)) if positive.size else 1000.0
        start["e_bvv_Oe-2"] = start["f_bvv_Oe-2"] = h_mid**-2
    return start


def starts_for(
    terms: tuple[str, ...],
    x: Array,
    rate_s: Array,
    T_K: Array,
    *,
    global_H_Oe: Array | None = None,
) -> dict[str, float]:
    """Starting values for ``terms``: ``x`` is T (K) for T laws, H (Oe) for field laws; with
    ``global_H_Oe`` (every point's field) the starts of a (T, H) law (:func:`global_starts`)."""
    if global_H_Oe is not None:
        return global_starts(T_K, global_H_Oe, rate_s, terms)
    if TERMS[terms[0]].variable == "T":
        return temperature_starts(x, rate_s, terms)
    return field_starts(x, rate_s, float(np.median(T_K)), terms)
