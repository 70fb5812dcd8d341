"""Cut the readings of a DC decay file into decays, one per temperature and field.

Rules (the charging field and the moment the field was switched off are not written in MPMS3
decay files, so they come from the readings alone):

1. A reading is *field on* when ``|H| > zero_field_Oe`` (default 5 Oe, far above the few-tenths
   of an Oe a superconducting magnet keeps after being set to zero). Field-on readings are the
   charging (or a later measurement) and are rejected with that reason.
2. Readings in file order are split into runs where the field switches on or off, the
   temperature moves by more than ``T_step_K`` from the run's first reading, or the time step
   exceeds ``gap_factor`` times the file's median step (a pause between measurements).
3. Each zero-field run is one decay. It starts at its first reading: ``t_s`` is the time since
   that reading (the switch-off itself, earlier by the magnet ramp and the first scan, is not
   in the file), so ``M_0`` is the moment at the first reading and tau* counts from there. When
   field-on readings precede the run, it starts at the first reading after the last of them.
4. A file is refused (one line naming file and lines) when it has no readings (no decay), when
   every reading is field on (field never switched off), when every decay has one reading, or
   when a decay has fewer than ``min_readings`` (truncated block), or when no decay decays
   (every decay's moment stays within its noise: :func:`change_over_noise` below
   ``min_change_sigma``, e.g. a constant moment): no partial output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError


@dataclass(frozen=True)
class DcSegmentationSettings:
    """Thresholds of the decay segmentation (units in the names)."""

    zero_field_Oe: float = 5.0
    T_step_K: float = 0.1
    gap_factor: float = 10.0
    min_readings: int = 10
    min_change_sigma: float = 5.0


@dataclass(frozen=True)
class Decays:
    """Readings of the decays (``decay`` 1-based, ``t_s`` since the decay's first reading),
    one summary row per decay, and the readings rejected by the segmentation."""

    readings: pd.DataFrame
    summary: pd.DataFrame
    rejected: pd.DataFrame


def _runs(time_s: np.ndarray, T_K: np.ndarray, on: np.ndarray, s: DcSegmentationSettings):
    """Start index of every run of readings (see the module rules), and the end (n).

    The field switch, a pause and a time step back start a run wherever they occur; the
    temperature rule depends on the run's first reading, so it is searched run by run (one
    vectorised search per run, not a loop over readings)."""
    n = len(time_s)
    dt = np.diff(time_s)
    step = float(np.median(dt)) if n > 1 else 0.0
    cut = (on[1:] != on[:-1]) | (dt < 0)
    if step > 0:
        cut |= dt > s.gap_factor * step
    fixed = np.flatnonzero(cut) + 1
    starts = [0]
    while True:
        a = starts[-1]
        k = np.searchsorted(fixed, a, side="right")
        stop = int(fixed[k]) if k < fixed.size else n
        moved = np.flatnonzero(np.abs(T_K[a + 1 : stop] - T_K[a]) > s.T_step_K)
        nxt = a + 1 + int(moved[0]) if moved.size else stop
        if nxt >= n:
            return np.array([*starts, n])
        starts.append(nxt)


def change_over_noise(moment_emu: np.ndarray) -> float:
    """How far a decay moves, in standard errors: |mean of the first tenth - mean of the last
    tenth| of the readings over sigma sqrt(2 / k) (k readings per tenth), with the reading
    noise sigma = 1.4826 median|dM| / sqrt(2) from successive differences (robust to the
    decay itself; Rousseeuw & Croux, JASA 88, 1273 (1993) for the 1.4826 MAD factor).
    Infinite for a noiseless moment that moves, 0 for a constant one."""
    k = max(moment_emu.size // 10, 1)
    change = abs(float(np.mean(moment_emu[:k]) - np.mean(moment_emu[-k:])))
    sigma = 1.4826 * float(np.median(np.abs(np.diff(moment_emu)))) / np.sqrt(2)
    if sigma == 0:
        return float("inf") if change > 0 else 0.0
    return change / (sigma * np.sqrt(2 / k))


def segment_decays(
    readings: pd.DataFrame,
    settings: DcSegmentationSettings,
    *,
    file: str,
    field_column: str = "Magnetic Field (Oe)",
) -> Decays:
    """Decays of one file's ``readings`` (columns of
    :data:`spinrelax.io.dc_decay_reader.READING_COLUMNS`); raises InputFormatError for a file
    with no usable decay (rule 4), naming the file's ``field_column`` where it applies."""
    if readings.empty:
        raise InputFormatError("no decay: the file has no readings with a DC moment", file=file)
    t = readings["time_s"].to_numpy(float)
    T = readings["T_K"].to_numpy(float)
    H = readings["H_Oe"].to_numpy(float)
    lines = readings["line"].to_numpy(np.int64)
    on = np.abs(H) > settings.zero_field_Oe
    if on.all():
        raise InputFormatError(
            f"field never switched off: |H| > {settings.zero_field_Oe:g} Oe on every reading "
            f"(lines {lines[0]}-{lines[-1]}, H = {np.median(H):.4g} Oe); a decay is measured in "
            "zero field",
            file=file,
            line=int(lines[0]),
            column=field_column,
        )
    bounds = _runs(t, T, on, settings)
    decay = np.zeros(len(t), dtype=np.int64)
    t_s = np.full(len(t), np.nan)
    rows = []
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        if on[a]:
            continue
        k = len(rows) + 1
        decay[a:b] = k
        t_s[a:b] = t[a:b] - t[a]
        rows.append(
            {
                "decay": k,
                "n_readings": int(b - a),
                "T_K": float(np.mean(T[a:b])),
                "T_span_K": float(np.ptp(T[a:b])),
                "H_Oe": float(np.mean(H[a:b])),
                "H_span_Oe": float(np.ptp(H[a:b])),
                "duration_s": float(t[b - 1] - t[a]),
                "first_line": int(lines[a]),
                "last_line": int(lines[b - 1]),
                "after_field_on": bool(a > 0 and on[a - 1]),
            }
        )
    summary = pd.DataFrame(rows)
    counts = summary["n_readings"].to_numpy()
    if (counts == 1).all():
        raise InputFormatError(
            f"one reading per decay ({len(counts)} decays of one reading each): "
            "nothing to fit; is this a moment-against-temperature file?",
            file=file,
            line=int(summary["first_line"].iloc[0]),
        )
    short = summary[counts < settings.min_readings]
    if not short.empty:
        r = short.iloc[0]
        raise InputFormatError(
            f"truncated decay block: the decay at {r.T_K:.3g} K (lines "
            f"{r.first_line}-{r.last_line}) has {r.n_readings} readings, fewer than the "
            f"{settings.min_readings} a stretched-exponential fit needs",
            file=file,
            line=int(r.first_line),
        )
    moment = readings["moment_emu"].to_numpy(float)
    z = [
        change_over_noise(moment[a:b])
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
        if not on[a]
    ]
    if max(z) < settings.min_change_sigma:
        r = summary.iloc[int(np.argmax(z))]
        raise InputFormatError(
            f"no decay: the moment of every decay stays within its noise (largest change "
            f"{max(z):.2g} standard errors, at {r.T_K:.3g} K, lines {r.first_line}-"
            f"{r.last_line}; at least {settings.min_change_sigma:g} are needed)",
            file=file,
            line=int(summary["first_line"].iloc[0]),
        )
    out = readings.assign(decay=decay, t_s=t_s)
    rejected = pd.DataFrame(
        {
            "line": lines[on],
            "reason": pd.Series(
                [
                    f"field on (|H| = {abs(h):.4g} Oe > {settings.zero_field_Oe:g} Oe): charging, "
                    "not part of a decay"
                    for h in H[on]
                ],
                dtype=object,
            ),
        }
    )
    return Decays(out.loc[~on].reset_index(drop=True), summary, rejected)
