"""Starting values from the data: chi'' peak position and height, chi' limits (vectorised).

For the generalized Debye model the chi'' maximum sits at omega tau = 1 with height
(dchi / 2) tan(phi / 2), phi = (1 - alpha) pi / 2 (Cole & Cole 1941), which inverts to
alpha = 1 - (4 / pi) arctan(2 chi''_max / dchi). The peak position is refined by a parabola
through the three points around the maximum in ln f.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from spinrelax.acsus.models import MODELS


def peak_ln_tau(ln_omega: NDArray, chi_imag: NDArray, mask: NDArray) -> NDArray:
    """ln tau = -ln omega at the (parabola-refined) chi'' maximum of each spectrum (B,)."""
    masked = np.where(mask, chi_imag, -np.inf)
    k = np.argmax(masked, axis=-1)
    rows = np.arange(len(k))
    n_valid = mask.sum(axis=-1)
    ln_peak = ln_omega[rows, k]
    # Parabolic refinement when the maximum has valid neighbours on both sides.
    km = np.minimum(np.maximum(k - 1, 0), ln_omega.shape[1] - 1)
    kp = np.minimum(np.maximum(k + 1, 0), ln_omega.shape[1] - 1)
    ok = (k > 0) & (k < ln_omega.shape[1] - 1) & mask[rows, km] & mask[rows, kp] & (n_valid >= 3)
    x0, x1, x2 = ln_omega[rows, km], ln_peak, ln_omega[rows, kp]
    y0, y1, y2 = masked[rows, km], masked[rows, k], masked[rows, kp]
    with np.errstate(invalid="ignore", divide="ignore"):
        num = (x1 - x0) ** 2 * (y1 - y2) - (x1 - x2) ** 2 * (y1 - y0)
        den = (x1 - x0) * (y1 - y2) - (x1 - x2) * (y1 - y0)
        vertex = x1 - 0.5 * num / den
    good = ok & np.isfinite(vertex) & (vertex > np.minimum(x0, x2)) & (vertex < np.maximum(x0, x2))
    return -np.where(good, vertex, ln_peak)


def initial_params(
    model: str, ln_omega: NDArray, chi_real: NDArray, chi_imag: NDArray, mask: NDArray
) -> NDArray:
    """Starting parameters (B, P) of ``model`` from normalised spectra (B, N) with a mask."""
    re_hi = np.where(mask, chi_real, -np.inf).max(axis=-1)
    re_lo = np.where(mask, chi_real, np.inf).min(axis=-1)
    im_max = np.where(mask, chi_imag, -np.inf).max(axis=-1)
    chi_s = np.maximum(re_lo, 0.0)
    dchi = np.maximum(re_hi - chi_s, 2.0 * np.maximum(im_max, 0.0))
    dchi = np.maximum(dchi, 1e-6 * np.maximum(np.abs(re_hi), 1.0))
    ln_tau = peak_ln_tau(ln_omega, chi_imag, mask)
    ratio = np.clip(2.0 * np.maximum(im_max, 0.0) / dchi, 0.0, 1.0)
    alpha = np.clip(1.0 - 4.0 / np.pi * np.arctan(ratio), 0.02, 0.8)
    cols = {"chi_S": chi_s, "dchi": dchi, "ln_tau": ln_tau, "alpha": alpha}
    cols["gamma"] = np.full_like(chi_s, 0.8)
    if model == "double_generalized_debye":
        cols["dchi"] = 0.7 * dchi
        cols["dchi2"] = 0.3 * dchi
        cols["ln_tau2"] = ln_tau - np.log(100.0)
        cols["alpha"] = np.minimum(alpha, 0.5)
        cols["alpha2"] = np.full_like(chi_s, 0.1)
    if model in ("havriliak_negami",):
        cols["alpha"] = np.minimum(alpha, 0.5)
    p = np.stack([cols[name] for name in MODELS[model].params], axis=-1)
    spec = MODELS[model]
    return np.clip(p, spec.lower, spec.upper)


def alternative_starts(model: str, p0: NDArray) -> list[NDArray]:
    """Extra starting points for the multi-start fallback: tau shifted by +-1.5 decades, other
    widths, and for two processes the second process on the other side of the first."""
    names = MODELS[model].params
    i_tau = names.index("ln_tau")
    starts = []
    for shift, alpha in ((np.log(30.0), 0.3), (-np.log(30.0), 0.3), (0.0, 0.5), (0.0, 0.05)):
        p = p0.copy()
        p[:, i_tau] += shift
        if "alpha" in names:
            p[:, names.index("alpha")] = alpha
        if "gamma" in names:
            p[:, names.index("gamma")] = 0.5 if shift == 0.0 else 0.9
        starts.append(p)
    if model == "double_generalized_debye":
        p = p0.copy()
        p[:, names.index("ln_tau2")] = p0[:, i_tau] + np.log(100.0)
        starts.append(p)
    return starts


def two_process_starts(
    ln_omega: NDArray, chi_real: NDArray, chi_imag: NDArray, mask: NDArray
) -> list[NDArray]:
    """Starting points (B, 7) of the two-process model read from the chi'' shape.

    chi'' is smoothed by a three-point running mean; its interior local maxima are ranked by
    height. Starts: (1) the two highest maxima, amplitudes split by their heights (where only one
    maximum exists: the second process 1.5 decades faster with 30 % of the amplitude); (2) the
    second process 1.5 decades slower; (3) and (4) the second process at the low- and
    high-frequency ends of the window. Widths start at alpha = 0.1.
    """
    one = initial_params("generalized_debye", ln_omega, chi_real, chi_imag, mask)
    chi_s, dchi, ln_tau1 = one[:, 0], one[:, 1], one[:, 2]
    y = np.where(mask, chi_imag, np.nan)
    pad = np.pad(y, ((0, 0), (1, 1)), constant_values=np.nan)
    stack = np.stack([pad[:, :-2], pad[:, 1:-1], pad[:, 2:]])
    n_ok = np.sum(np.isfinite(stack), axis=0)
    smooth = np.where(mask, np.nansum(stack, axis=0) / np.maximum(n_ok, 1), -np.inf)
    left = np.pad(smooth, ((0, 0), (1, 0)), constant_values=np.inf)[:, :-1]
    right = np.pad(smooth, ((0, 0), (0, 1)), constant_values=np.inf)[:, 1:]
    is_max = mask & (smooth > left) & (smooth >= right)
    height = np.where(is_max, smooth, -np.inf)
    order = np.argsort(-height, axis=-1)
    rows = np.arange(len(chi_s))
    k1, k2 = order[:, 0], order[:, 1] if order.shape[1] > 1 else order[:, 0]
    two = np.isfinite(height[rows, k2]) & (height[rows, k2] > 0)
    h1 = np.maximum(height[rows, k1], 0.0)
    h2 = np.where(two, np.maximum(height[rows, k2], 0.0), 0.0)
    frac2 = np.where(two, h2 / np.maximum(h1 + h2, 1e-300), 0.3)
    ln_t1 = np.where(two, -ln_omega[rows, k1], ln_tau1)
    w_lo = np.where(mask, ln_omega, np.inf).min(axis=-1)
    w_hi = np.where(mask, ln_omega, -np.inf).max(axis=-1)
    shift = np.log(30.0)
    second = [
        np.where(two, -ln_omega[rows, k2], ln_tau1 - shift),
        ln_tau1 + shift,
        -w_lo,
        -w_hi,
    ]
    starts = []
    for ln_t2 in second:
        f2 = np.where(np.abs(ln_t2 - ln_t1) < 1e-9, 0.3, frac2)
        p = np.stack(
            [
                chi_s,
                (1 - f2) * dchi,
                ln_t1,
                np.full_like(chi_s, 0.1),
                f2 * dchi,
                ln_t2,
                np.full_like(chi_s, 0.1),
            ],
            axis=-1,
        )
        spec = MODELS["double_generalized_debye"]
        starts.append(np.clip(p, spec.lower, spec.upper))
    return starts
