"""Waveform ac: chi'(f), chi''(f) from a slow periodic field and the moment it drives.

Method (Hilgar, Butts & Rinehart, PCCP 21, 22302 (2019): a square or sine field of period
P = 1/f from the VSM magnet, the susceptibility at f from the first Fourier harmonics of field
and moment), per block of a file (a block = readings between pauses, see :func:`split_blocks`;
one drive period each):

1. Drive period from the field: the mid level m = (H_99 + H_1) / 2 and half-swing
   a = (H_99 - H_1) / 2 (1st and 99th percentiles); the field must swing (a >= the setting
   ``min_field_amplitude_Oe``). Upward crossings of m are taken where the field changes from
   below m - a/2 to above m + a/2 (hysteresis: noise cannot add crossings), each time linearly
   interpolated between the readings around m. Consecutive upward crossings bound whole
   periods (each edge moved back by half a reading step, so that a reading on an edge goes to
   one period); readings before the first or after the last crossing are not used.
2. The first ``transient_periods`` whole periods are the start-up transient (the sample starts
   from its pre-drive state and relaxes into the periodic steady state, ~exp(-t/tau)); the
   remaining n >= :data:`MIN_PERIODS_USED` whole periods are used, and
   f = n / (t_last - t_first) over them.
3. Offset and drift: over a whole period every harmonic averages to zero, so the per-period
   means of field and moment are offset + d x time (field offset, trapped flux, background
   moment, drift linear in time); a straight line through them (against the period centres)
   is subtracted. Fitting a line to the raw readings instead would be biased: over a few
   periods t correlates with sin(k w t), and a square drive has many harmonics.
4. Fourier sums of field and moment together, per period j (vectorised, ``np.add.reduceat``):
   X_1j = (2 / P_j) sum_i x_i exp(-i w (t_i - t_0)) dt_i (dt_i the time a reading stands for;
   on evenly sampled whole periods the discrete Fourier transform, orthogonal to every other
   harmonic), and X_1 their time-weighted mean. chi = M_1 / H_1 = chi' - i chi'': the phase
   is taken against the measured field (its start and timing do not matter), the sign
   convention of :mod:`spinrelax.acsus.models` (chi'' >= 0 when M lags H). Errors: the
   standard error of the per-period chi_j = M_1j / H_1j over the n used periods; ``snr`` is
   |M_1| over the standard error of M_1 from the same scatter.

chi is in emu/Oe. The output rows carry the spectra-table columns
(:mod:`spinrelax.io.spectra_table`) plus the waveform columns of :data:`WAVEFORM_EXTRA_COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.errors import InputFormatError
from spinrelax.io.spectra_table import SPECTRA_COLUMNS, normalise_spectra_table
from spinrelax.io.waveform_file import WaveformFile

#: Columns of a waveform point beyond the spectra-table columns.
WAVEFORM_EXTRA_COLUMNS: tuple[str, ...] = (
    "block",
    "line_last",
    "n_periods",
    "n_periods_used",
    "n_rows_used",
    "snr",
)
WAVEFORM_POINT_COLUMNS: tuple[str, ...] = (*SPECTRA_COLUMNS, *WAVEFORM_EXTRA_COLUMNS)
CHI_UNIT = "emu/Oe"
#: Whole periods needed after the transient: two give the drift and the scatter (error) of chi.
MIN_PERIODS_USED = 2
#: Readings needed in every used period (the first harmonic and the drift need a few).
MIN_READINGS_PER_PERIOD = 8


@dataclass(frozen=True)
class WaveformSettings:
    """Block, period and grouping rules of the waveform analysis.

    ``gap_factor``: a time step longer than this many neighbouring steps starts a new block;
    ``transient_periods``: whole periods dropped at the start of each block;
    ``min_field_amplitude_Oe``: the
    smallest half-swing of the field that counts as a drive; ``T_tolerance_K`` and
    ``H_tolerance_Oe``: points closer than this in T and in dc field form one spectrum.
    """

    gap_factor: float = 5.0
    transient_periods: int = 1
    min_field_amplitude_Oe: float = 0.05
    T_tolerance_K: float = 0.1
    H_tolerance_Oe: float = 5.0


def split_blocks(time_s: NDArray, gap_factor: float) -> list[slice]:
    """Slices of readings between pauses: a time step longer than ``gap_factor`` times the
    shorter of its two neighbouring steps (blocks may differ in their sampling step)."""
    steps = np.diff(time_s)
    if steps.size < 3:
        return [slice(0, time_s.size)]
    prev = np.concatenate([[steps[1]], steps[:-1]])
    nxt = np.concatenate([steps[1:], [steps[-2]]])
    cut = np.flatnonzero(steps > gap_factor * np.minimum(prev, nxt)) + 1
    edges = [0, *cut.tolist(), time_s.size]
    return [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]


def upward_crossings(t: NDArray, h: NDArray, mid: float, half_swing: float) -> NDArray:
    """Times (s) at which ``h`` crosses ``mid`` upwards, with hysteresis of +-half_swing/2."""
    state = np.where(h > mid + 0.5 * half_swing, 1, np.where(h < mid - 0.5 * half_swing, -1, 0))
    known = np.flatnonzero(state != 0)
    if known.size < 2:
        return np.empty(0)
    s = state[known]
    rise = known[1:][(s[:-1] < 0) & (s[1:] > 0)]  # first reading above the upper level
    above = h > mid
    cross = np.flatnonzero(~above[:-1] & above[1:]) + 1  # h[k-1] <= mid < h[k]
    k = cross[np.searchsorted(cross, rise, side="right") - 1]
    frac = (mid - h[k - 1]) / (h[k] - h[k - 1])
    return t[k - 1] + frac * (t[k] - t[k - 1])


def _weights(t: NDArray) -> NDArray:
    """Time (s) each reading stands for: half the steps to its neighbours (the end readings
    the same step outwards), so that evenly sampled readings weigh the same."""
    if t.size < 2:
        return np.ones_like(t)
    ends = ([t[0] - 0.5 * (t[1] - t[0])], [t[-1] + 0.5 * (t[-1] - t[-2])])
    return np.diff(np.concatenate([ends[0], 0.5 * (t[1:] + t[:-1]), ends[1]]))


def first_harmonics(
    t: NDArray, y: NDArray, period_of: NDArray, n_periods: int, t0: float, f: float
) -> tuple[NDArray, NDArray]:
    """Offset- and drift-free complex first harmonics of the columns of ``y`` (N, C): over all
    periods (C,) and per period (n_periods, C).

    Per-period means (whole periods: every harmonic averages to zero) give offset + drift x
    time by a straight-line fit against the period centres; it is subtracted and
    X_1 = (2 / T) sum_i x_i exp(-i w (t_i - t0)) w_i (w_i: time each reading stands for) is
    summed per period with ``np.add.reduceat`` (readings sorted by period).
    """
    w = _weights(t)
    starts = np.searchsorted(period_of, np.arange(n_periods))
    span = np.add.reduceat(w, starts)
    means = np.add.reduceat(y * w[:, None], starts) / span[:, None]
    centres = np.add.reduceat(t * w, starts) / span
    design = np.column_stack([np.ones(n_periods), centres - t0])
    line, _, _, _ = np.linalg.lstsq(design, means, rcond=None)
    detrended = y - line[0] - np.outer(t - t0, line[1])
    phasor = np.exp(-2j * np.pi * f * (t - t0)) * w
    per = 2 * np.add.reduceat(detrended * phasor[:, None], starts) / span[:, None]
    total = (per * span[:, None]).sum(axis=0) / span.sum()
    return total, per


@dataclass(frozen=True)
class _Block:
    """Where a block sits in the file (for messages and output)."""

    index: int
    first_line: int
    last_line: int


def _analyse_block(
    data: WaveformFile, sl: slice, blk: _Block, settings: WaveformSettings
) -> tuple[dict, list[tuple[int, str]]]:
    """One output row and the rejected (line, reason) of one block."""
    t, h, m = data.time_s[sl], data.H_Oe[sl], data.moment_emu[sl]
    lines = data.line[sl]
    where = f"block {blk.index} (lines {blk.first_line}-{blk.last_line})"
    lo, hi = np.percentile(h, [1.0, 99.0])
    mid, half = 0.5 * (hi + lo), 0.5 * (hi - lo)
    if half < settings.min_field_amplitude_Oe:
        raise InputFormatError(
            f"{where}: the field does not oscillate (half-swing {half:.3g} Oe "
            f"< {settings.min_field_amplitude_Oe:g} Oe)",
            file=data.file,
            line=blk.first_line,
            column=data.columns["H_Oe"],
        )
    tc = upward_crossings(t, h, mid, half)
    n_periods = max(tc.size - 1, 0)
    n_used = n_periods - settings.transient_periods
    if n_used < MIN_PERIODS_USED:
        raise InputFormatError(
            f"{where}: {n_periods} whole drive period(s); {settings.transient_periods} "
            f"start-up transient period(s) + {MIN_PERIODS_USED} are needed (block truncated "
            "or too short)",
            file=data.file,
            line=blk.first_line,
            column=data.columns["H_Oe"],
        )
    t0, t1 = tc[settings.transient_periods], tc[-1]
    # Period edges are moved back by half a reading step: a reading that falls on an edge
    # (to within the timing noise) goes to one period only, so that each period holds a
    # whole number of steps.
    shift = 0.5 * float(np.median(np.diff(t)))
    edges = tc - shift
    first, start, stop = edges[0], edges[settings.transient_periods], edges[-1]
    used = (t >= start) & (t < stop)
    rejected = [(int(n), "before the first whole drive period") for n in lines[t < first]]
    rejected += [(int(n), "start-up transient") for n in lines[(t >= first) & (t < start)]]
    rejected += [(int(n), "after the last whole drive period") for n in lines[t >= stop]]
    freq = n_used / (t1 - t0)
    tu = t[used]
    period_of = np.searchsorted(edges[settings.transient_periods :], tu, side="right") - 1
    fewest = int(np.bincount(period_of, minlength=n_used).min())
    if fewest < MIN_READINGS_PER_PERIOD:
        raise InputFormatError(
            f"{where}: a drive period holds only {fewest} readings "
            f"(at least {MIN_READINGS_PER_PERIOD} are needed for its Fourier sums)",
            file=data.file,
            line=blk.first_line,
            column=data.columns["time_s"],
        )
    total, per = first_harmonics(
        tu, np.column_stack([h[used], m[used]]), period_of, n_used, t0, freq
    )
    h1, m1 = total
    chi = m1 / h1
    chi_j = per[:, 1] / per[:, 0]
    root_n = np.sqrt(n_used)
    m1_sem = np.hypot(per[:, 1].real.std(ddof=1), per[:, 1].imag.std(ddof=1)) / root_n
    row = {
        "file": data.file,
        "line": int(lines[used][0]),
        "T_K": float(np.mean(data.T_K[sl][used])),
        "H_Oe": float(np.mean(h[used])),
        "freq_Hz": float(freq),
        "drive_Oe": float(abs(h1)),
        "chi_real": float(chi.real),
        "chi_imag": float(-chi.imag),
        "chi_real_err": float(chi_j.real.std(ddof=1) / root_n),
        "chi_imag_err": float(chi_j.imag.std(ddof=1) / root_n),
        "block": blk.index,
        "line_last": int(lines[used][-1]),
        "n_periods": int(n_periods),
        "n_periods_used": int(n_used),
        "n_rows_used": int(used.sum()),
        "snr": float(abs(m1) / m1_sem) if m1_sem > 0 else float("inf"),
    }
    return row, rejected


def analyse_waveform(
    data: WaveformFile, settings: WaveformSettings = WaveformSettings()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One point per drive block of a file, and the rejected rows (file, line, reason).

    Points carry :data:`WAVEFORM_POINT_COLUMNS` except ``sample``, ``spectrum`` and the
    per-spectrum columns (set by :func:`waveform_spectra`). Raises
    :class:`InputFormatError` (nothing returned) when any block cannot give a point.
    """
    if data.time_s.size < 2:
        why = ""
        if len(data.rejected):
            first = data.rejected.iloc[0]
            why = f"; {len(data.rejected)} rows lack a value (first: line {first['line']}, "
            why += f"{first['reason']})"
        raise InputFormatError(
            f"fewer than two complete readings{why}: not a VSM waveform file", file=data.file
        )
    rows, rejected = [], []
    for i, sl in enumerate(split_blocks(data.time_s, settings.gap_factor)):
        blk = _Block(i, int(data.line[sl][0]), int(data.line[sl.stop - 1]))
        row, rej = _analyse_block(data, sl, blk, settings)
        rows.append(row)
        rejected += rej
    rej = pd.DataFrame(rejected, columns=["line", "reason"])
    rej.insert(0, "file", data.file)
    rej = pd.concat([data.rejected, rej], ignore_index=True)
    return pd.DataFrame(rows), rej.sort_values("line", kind="stable").reset_index(drop=True)


def _group(values: NDArray, tolerance: float) -> NDArray:
    """Labels of clusters of sorted ``values`` whose neighbours lie within ``tolerance``."""
    order = np.argsort(values, kind="stable")
    labels = np.empty(values.size, dtype=np.int64)
    labels[order] = np.concatenate([[0], np.cumsum(np.diff(values[order]) > tolerance)])
    return labels


def assign_spectra(points: pd.DataFrame, settings: WaveformSettings) -> pd.DataFrame:
    """``spectrum`` ids (by dc field, then temperature, within the tolerances) and the
    per-spectrum columns (mean T and H, T spread) of points of one sample."""
    out = points.copy()
    h_group = _group(out["H_Oe"].to_numpy(dtype=float), settings.H_tolerance_Oe)
    spectrum = np.empty(len(out), dtype=np.int64)
    next_id = 0
    for g in np.unique(h_group):
        rows = np.flatnonzero(h_group == g)
        t_group = _group(out["T_K"].to_numpy(dtype=float)[rows], settings.T_tolerance_K)
        spectrum[rows] = next_id + t_group
        next_id += int(t_group.max()) + 1
    # Number spectra by ascending T (then H), as a sweep reader would.
    key = out.assign(spectrum=spectrum).groupby("spectrum")[["T_K", "H_Oe"]].mean()
    rank = key.sort_values(["T_K", "H_Oe"], kind="stable").index
    out["spectrum"] = pd.Series(np.arange(len(rank)), index=rank).loc[spectrum].to_numpy()
    per = out.groupby("spectrum")
    out["T_K_spectrum"] = per["T_K"].transform("mean")
    out["H_Oe_spectrum"] = per["H_Oe"].transform("mean")
    out["T_span_K"] = per["T_K"].transform("max") - per["T_K"].transform("min")
    return out


def waveform_spectra(
    files: Sequence[WaveformFile],
    sample: str,
    settings: WaveformSettings = WaveformSettings(),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Waveform points of one sample (:data:`WAVEFORM_POINT_COLUMNS`, grouped into spectra)
    and the rejected rows of all its files; any bad file raises before anything is returned."""
    results = [analyse_waveform(f, settings) for f in files]
    points = pd.concat([p for p, _ in results], ignore_index=True)
    points["sample"] = sample
    points["chi_unit"] = CHI_UNIT
    points["segmentation"] = "tolerance"
    points = assign_spectra(points, settings)[list(WAVEFORM_POINT_COLUMNS)]
    points = points.sort_values(["spectrum", "freq_Hz", "file", "line"], kind="stable")
    rejected = pd.concat([r for _, r in results], ignore_index=True)
    return points.reset_index(drop=True), rejected


def spectra_rows(points: pd.DataFrame) -> pd.DataFrame:
    """The spectra-table form (:mod:`spinrelax.io.spectra_table`) of waveform points."""
    return normalise_spectra_table(points[list(SPECTRA_COLUMNS)])


def merge_with_ac(
    ac: pd.DataFrame, waveform: pd.DataFrame, settings: WaveformSettings = WaveformSettings()
) -> pd.DataFrame:
    """One spectra table of an ac table and waveform rows of the same sample(s), spectra
    regrouped so that points at the same T and H (within the tolerances) form one spectrum.

    Both must be in the same chi unit (convert first, :mod:`spinrelax.io.molar`).
    """
    units = set(ac["chi_unit"]) | set(waveform["chi_unit"])
    if len(units) > 1:
        raise ValueError(f"ac and waveform points in different chi units: {sorted(units)}")
    both = pd.concat([ac[list(SPECTRA_COLUMNS)], waveform[list(SPECTRA_COLUMNS)]])
    parts = []
    for _, rows in both.groupby("sample", sort=True):
        parts.append(assign_spectra(rows.reset_index(drop=True), settings))
    merged = pd.concat(parts, ignore_index=True)
    merged["segmentation"] = "tolerance"
    return normalise_spectra_table(merged)
