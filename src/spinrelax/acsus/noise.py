"""Noise of ac spectra estimated from the data themselves, and a runs test on fit residuals.

Noise (``estimated`` weighting, ``chi2_red_noise``, QC): every point is predicted from its four
nearest neighbours along ln f (two on each side, four on one side at the ends) by a
least-squares quadratic in ln f that leaves the point out; the leave-one-out residual
e_i = y_i - sum_j w_ij y_j of white noise of standard deviation sigma has variance
sigma^2 (1 + sum_j w_ij^2), so t_i = e_i / sqrt(1 + sum_j w_ij^2) estimates sigma point by point.
The noise of a frequency band is 1.4826 median(|t|) over the nine points around it
(a robust standard deviation; Rousseeuw & Croux, JASA 88, 1273 (1993)), floored at a tenth of
the spectrum's median band noise. A smooth relaxation curve is nearly quadratic over the
0.4-0.5 decade of four neighbours, so the estimate measures the point-to-point scatter
(curvature at a sharp peak can only raise it: conservative for the flags that use it).

Runs test: A. Wald & J. Wolfowitz, Ann. Math. Stat. 11, 147 (1940). For a sequence of n
residual signs with n+ positive and n- negative, the number of runs R has mean
1 + 2 n+ n- / n and variance 2 n+ n- (2 n+ n- - n) / (n^2 (n - 1)) if the signs are random;
chi' and chi'' are two independent sequences along frequency, whose counts add.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: Neighbours of the leave-one-out polynomial, and points in a noise band.
N_NEIGHBOURS = 4
BAND = 9
#: The noise of a band is at least this fraction of the spectrum's median band noise.
BAND_FLOOR = 0.1


def _windows(n_valid: NDArray, n_cols: int, width: int) -> NDArray:
    """(B, N, width) indices of a window of ``width`` consecutive valid points around each
    point (valid points are the first ``n_valid`` of each row), shifted inwards at the ends."""
    i = np.arange(n_cols)[None, :]
    start = np.clip(i - width // 2, 0, np.maximum(n_valid[:, None] - width, 0))
    return start[..., None] + np.arange(width)


def _loo_weights(ln_f: NDArray, n_valid: NDArray) -> tuple[NDArray, NDArray, NDArray]:
    """Neighbour indices (B, N, 4), their weights in the leave-one-out prediction (B, N, 4) and
    which points have a prediction (B, N), for frequency rows ``ln_f`` (B, N)."""
    n_b, n_n = ln_f.shape
    win = _windows(n_valid, n_n, N_NEIGHBOURS + 1)  # the point and its four neighbours
    i = np.arange(n_n)[None, :, None]
    # Drop the point itself from its window: keep 4 of the 5 indices.
    order = np.argsort(win == i, axis=-1, kind="stable")[..., :N_NEIGHBOURS]
    nb = np.minimum(np.take_along_axis(win, order, axis=-1), n_n - 1)
    rows = np.arange(n_b)[:, None, None]
    dx = ln_f[rows, nb] - ln_f[:, :, None]
    design = np.stack([np.ones_like(dx), dx, dx * dx], axis=-1)  # (B, N, 4, 3)
    xtx = np.einsum("bnki,bnkj->bnij", design, design)
    ok = (n_valid[:, None] >= N_NEIGHBOURS + 1) & (np.arange(n_n)[None, :] < n_valid[:, None])
    xtx = np.where(ok[..., None, None], xtx, np.eye(3))
    # Intercept row of (X^T X)^-1 X^T (X^T X is symmetric): the neighbours' weights at dx = 0.
    e1 = np.linalg.solve(xtx, np.broadcast_to([1.0, 0.0, 0.0], xtx.shape[:-1])[..., None])[..., 0]
    return nb, np.einsum("bni,bnki->bnk", e1, design), ok


def loo_scatter(ln_f: NDArray, y: NDArray, n_valid: NDArray) -> NDArray:
    """Standardised leave-one-out residuals t (B, N) of a local quadratic in ln f (NaN where
    undefined: padding, or spectra with fewer than five points). The weights depend on the
    frequencies only: they are computed once per distinct frequency row."""
    key = np.where(np.arange(y.shape[1])[None, :] < n_valid[:, None], ln_f, np.inf)
    if y.shape[0] and (key == key[0]).all():  # the common case: one frequency grid
        uniq, inverse = key[:1], np.zeros(y.shape[0], dtype=int)
    else:
        uniq, inverse = np.unique(key, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
    n_u = np.count_nonzero(np.isfinite(uniq), axis=-1)
    nb, w, ok = _loo_weights(np.where(np.isfinite(uniq), uniq, 0.0), n_u)
    nb, w, ok = nb[inverse], w[inverse], ok[inverse]
    rows = np.arange(y.shape[0])[:, None, None]
    pred = np.einsum("bnk,bnk->bn", w, y[rows, nb])
    t = (y - pred) / np.sqrt(1.0 + np.einsum("bnk,bnk->bn", w, w))
    return np.where(ok, t, np.nan)


def band_noise(ln_f: NDArray, y: NDArray, mask: NDArray, chunk: int = 8192) -> NDArray:
    """Noise sigma (B, N) of every point from the scatter of its frequency band (module
    docstring); NaN on padding and for spectra with fewer than five points. Spectra are
    processed ``chunk`` at a time (bounded memory)."""
    if y.shape[0] > chunk:
        parts = [
            band_noise(ln_f[i : i + chunk], y[i : i + chunk], mask[i : i + chunk], chunk)
            for i in range(0, y.shape[0], chunk)
        ]
        return np.concatenate(parts)
    n_valid = mask.sum(axis=-1)
    t = np.abs(loo_scatter(ln_f, y, n_valid))
    win = np.minimum(_windows(n_valid, y.shape[1], BAND), y.shape[1] - 1)
    rows = np.arange(y.shape[0])[:, None, None]
    band = t[rows, win]
    inside = win < n_valid[:, None, None]
    band = np.where(inside, band, np.nan)
    with np.errstate(invalid="ignore"):
        sigma = 1.4826 * _median_last(band)
        spectrum = _nanmedian_last(np.where(mask, sigma, np.nan))
        sigma = np.maximum(sigma, BAND_FLOOR * spectrum[:, None])
    return np.where(mask, sigma, np.nan)


def _median_last(x: NDArray) -> NDArray:
    """:func:`_nanmedian_last` of (B, N, K) windows; the rows without NaN (the common case)
    by a partial sort."""
    full = ~np.isnan(x).any(axis=(-2, -1))
    out = np.empty(x.shape[:-1])
    if full.any():
        k = x.shape[-1]
        part = np.partition(x[full], (k - 1) // 2, axis=-1)
        med = part[..., (k - 1) // 2]
        if k % 2 == 0:
            med = 0.5 * (med + part[..., (k - 1) // 2 + 1 :].min(axis=-1))
        out[full] = med
    if not full.all():
        out[~full] = _nanmedian_last(x[~full])
    return out


def _nanmedian_last(x: NDArray) -> NDArray:
    """Median over the last axis ignoring NaN (NaN when all are NaN), without warnings."""
    s = np.sort(x, axis=-1)
    n = np.count_nonzero(~np.isnan(x), axis=-1)
    lo = np.clip((n - 1) // 2, 0, x.shape[-1] - 1)[..., None]
    hi = np.clip(n // 2, 0, x.shape[-1] - 1)[..., None]
    med = 0.5 * (np.take_along_axis(s, lo, -1) + np.take_along_axis(s, hi, -1))[..., 0]
    return np.where(n > 0, med, np.nan)


def runs_z(res_real: NDArray, res_imag: NDArray, mask: NDArray) -> NDArray:
    """z score (B,) of the Wald-Wolfowitz runs test on the signs of the chi' and chi'' residuals
    along frequency (points in ``mask``; exact zeros count as positive). Strongly negative:
    fewer runs than random, i.e. structured residuals. NaN when undefined."""
    runs = np.zeros(mask.shape[0])
    mean = np.zeros(mask.shape[0])
    var = np.zeros(mask.shape[0])
    for r in (res_real, res_imag):
        pos = r >= 0
        n = mask.sum(axis=-1).astype(float)
        n_pos = (pos & mask).sum(axis=-1).astype(float)
        n_neg = n - n_pos
        both = mask[:, 1:] & mask[:, :-1]
        runs += np.where(n > 0, 1.0, 0.0) + (both & (pos[:, 1:] != pos[:, :-1])).sum(axis=-1)
        prod = 2.0 * n_pos * n_neg
        with np.errstate(invalid="ignore", divide="ignore"):
            mean += np.where(n > 0, 1.0 + prod / n, 0.0)
            var += np.where(n > 1, prod * (prod - n) / (n * n * (n - 1.0)), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(var > 0, (runs - mean) / np.sqrt(var), np.nan)
