"""Pack a tidy table of ac points into padded, per-spectrum normalised arrays for batched fits.

Normalisation: each spectrum is divided by s = max(|chi'|, |chi''|) over its points (errors
too), so fitted chi_S and dchi are O(1) whatever the unit (emu/Oe, emu/mol, SI) and the
recovered tau and alpha do not depend on the scale of chi.

Weights (1/sigma per point and component, :data:`WEIGHTINGS`; docs/fitting_conventions.md):

- ``none``: 1 for every point: unweighted joint chi'/chi'' least squares on the per-spectrum
  scale, the convention of ccfit2, molmag_ac_gui and qdsquid-dataplot.
- ``instrument``: the ``chi_real_err`` / ``chi_imag_err`` columns; a zero, negative or missing
  error is imputed for that point only, by interpolating ln(error) along ln f between the
  spectrum's valid errors of the same component (constant beyond the ends), or, for a component
  with no valid error at all, by the estimated noise.
- ``estimated``: the noise estimated from the data (:func:`spinrelax.acsus.noise.band_noise`).

The estimated noise is computed for every spectrum whatever the weighting (QC uses it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from pandas.api.extensions import ExtensionArray

from spinrelax.acsus.noise import band_noise

#: Weighting conventions of the fits.
WEIGHTINGS: tuple[str, ...] = ("none", "instrument", "estimated")
#: Floor of the estimated noise in normalised units (1 ppm of the spectrum's largest |chi|):
#: noise-free (synthetic) spectra keep finite noise-normalised residuals.
NOISE_FLOOR = 1e-6


@dataclass
class Packed:
    """Padded arrays (B, N); ``keys`` maps each key column to its (B,) values, one per spectrum
    (pandas arrays: the table's dtypes are kept)."""

    keys: dict[str, ExtensionArray]
    freq_Hz: NDArray
    chi_real: NDArray
    chi_imag: NDArray
    err_real: NDArray  # NaN where no error is given
    err_imag: NDArray
    noise_real: NDArray  # noise estimated from the data (normalised units); NaN on padding
    noise_imag: NDArray
    weight_real: NDArray  # 1/sigma (normalised units); 0 on padding and excluded points
    weight_imag: NDArray
    mask: NDArray
    scale: NDArray  # (B,) chi unit per normalised unit
    weighted: NDArray  # (B,) True when the weights are not all 1 (instrument or estimated)

    @property
    def n_points(self) -> NDArray:
        """Number of measured points of each spectrum."""
        return self.mask.sum(axis=-1)

    @property
    def omega_rad_s(self) -> NDArray:
        """Angular frequency 2 pi f (padding: 1 rad/s)."""
        return 2.0 * np.pi * np.where(self.mask, self.freq_Hz, 1.0 / (2.0 * np.pi))

    def subset(self, rows: NDArray) -> Packed:
        """The spectra at positions ``rows``."""
        parts = {f.name: getattr(self, f.name)[rows] for f in fields(self) if f.name != "keys"}
        return Packed(keys={k: v[rows] for k, v in self.keys.items()}, **parts)


def _column(table: pd.DataFrame, name: str) -> NDArray:
    if name not in table.columns:
        return np.full(len(table), np.nan)
    values = table[name]
    if values.dtype != np.float64:  # float columns need no parsing (the common case, and fast)
        values = pd.to_numeric(values, errors="coerce")
    return values.to_numpy(dtype=float)


def _impute(err: NDArray, ln_f: NDArray, mask: NDArray, fallback: NDArray) -> NDArray:
    """Errors (B, N) with every invalid one (zero, negative, non-finite) on a measured point
    replaced: ln(error) interpolated along ln f between the valid ones, else ``fallback``."""
    good = np.isfinite(err) & (err > 0)
    bad = mask & ~good
    if not bad.any():
        return err
    out = err.copy()
    for b in np.flatnonzero(bad.any(axis=-1)):
        ok = good[b] & mask[b]
        if ok.any():
            out[b, bad[b]] = np.exp(np.interp(ln_f[b, bad[b]], ln_f[b, ok], np.log(err[b, ok])))
        else:
            out[b, bad[b]] = fallback[b, bad[b]]
    return out


def pack_spectra(table: pd.DataFrame, keys: Sequence[str], weighting: str = "none") -> Packed:
    """Group ``table`` rows by ``keys`` (one spectrum each), sort by frequency, pad and normalise.

    Required columns: the keys, ``freq_Hz``, ``chi_real``, ``chi_imag``; optional
    ``chi_real_err``, ``chi_imag_err``. Rows with non-finite f, chi' or chi'' are left out.
    ``weighting`` is one of :data:`WEIGHTINGS` (module docstring).
    """
    if weighting not in WEIGHTINGS:
        raise ValueError(f"unknown weighting {weighting!r}; choose from {WEIGHTINGS}")
    keys = list(keys)
    freq = _column(table, "freq_Hz")
    cols = {
        name: _column(table, name)
        for name in ("chi_real", "chi_imag", "chi_real_err", "chi_imag_err")
    }
    ok = (
        np.isfinite(freq)
        & (freq > 0)
        & np.isfinite(cols["chi_real"])
        & np.isfinite(cols["chi_imag"])
    )
    rows = np.flatnonzero(ok)
    key_columns = [table[k] for k in keys]
    codes = [pd.factorize(c.to_numpy()[rows], sort=True)[0] for c in key_columns]
    order = np.lexsort((freq[rows], *reversed(codes)))
    rows = rows[order]
    sorted_codes = np.stack([c[order] for c in codes]) if codes else np.zeros((0, rows.size), int)
    new_group = np.ones(rows.size, dtype=bool)
    if rows.size:
        new_group[1:] = np.any(np.diff(sorted_codes, axis=1) != 0, axis=0)
    group = np.cumsum(new_group) - 1
    starts = np.flatnonzero(new_group)
    pos = np.arange(rows.size) - starts[group]
    first = rows[starts]
    key_values = {k: c.array.take(first) for k, c in zip(keys, key_columns, strict=True)}
    n_b = int(group.max()) + 1 if rows.size else 0
    n_n = int(pos.max()) + 1 if rows.size else 0

    def grid(values: NDArray, fill: float) -> NDArray:
        out = np.full((n_b, n_n), fill)
        out[group, pos] = values
        return out

    mask = grid(np.ones(rows.size), 0.0).astype(bool)
    f_grid = grid(freq[rows], 1.0)
    re = grid(cols["chi_real"][rows], 0.0)
    im = grid(cols["chi_imag"][rows], 0.0)
    e_re = grid(cols["chi_real_err"][rows], np.nan)
    e_im = grid(cols["chi_imag_err"][rows], np.nan)
    scale = np.max(np.where(mask, np.maximum(np.abs(re), np.abs(im)), 0.0), axis=-1, initial=0.0)
    scale = np.where(scale > 0, scale, 1.0)
    re, im = re / scale[:, None], im / scale[:, None]
    e_re, e_im = e_re / scale[:, None], e_im / scale[:, None]
    ln_f = np.log(f_grid)
    n_re = np.maximum(band_noise(ln_f, re, mask), NOISE_FLOOR)
    n_im = np.maximum(band_noise(ln_f, im, mask), NOISE_FLOOR)
    if weighting == "none":
        s_re = s_im = np.ones_like(re)
    elif weighting == "instrument":
        s_re = _impute(e_re, ln_f, mask, n_re)
        s_im = _impute(e_im, ln_f, mask, n_im)
    else:
        s_re, s_im = n_re, n_im
    with np.errstate(divide="ignore", invalid="ignore"):
        w_re = np.where(mask, 1.0 / s_re, 0.0)
        w_im = np.where(mask, 1.0 / s_im, 0.0)
    # Spectra too short for a noise estimate (or without usable errors) are fitted unweighted.
    usable_w = (np.isfinite(w_re) & np.isfinite(w_im) | ~mask).all(axis=-1)
    w_re = np.where(usable_w[:, None], w_re, mask.astype(float))
    w_im = np.where(usable_w[:, None], w_im, mask.astype(float))
    weighted = np.full(n_b, weighting != "none") & usable_w
    return Packed(
        keys=key_values,
        freq_Hz=f_grid,
        chi_real=re,
        chi_imag=im,
        err_real=e_re,
        err_imag=e_im,
        noise_real=n_re,
        noise_imag=n_im,
        weight_real=w_re,
        weight_imag=w_im,
        mask=mask,
        scale=scale,
        weighted=weighted,
    )
