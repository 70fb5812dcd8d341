"""Split the points of one file into spectra by its frequency-sweep structure.

An ac file is a sequence of frequency sweeps, each at one temperature and field set point.
The sweep rule (``segmentation: sweep``), on points in measurement order:

- a new spectrum starts where the frequency *repeats* the previous one (relative tolerance
  ``frequency_rel_tolerance``) or *steps against the direction* of the current sweep. The
  direction of a sweep is that of its first step, so sweeps may run low -> high or high -> low
  (MPMS3 sweeps often run high -> low) and alternate; a sweep of one point is a spectrum;
- the drive amplitude may change inside a sweep (an MPMS3 file may switch from 2 Oe to 7 Oe
  below 10 Hz): it does not split it. A second pass over the same frequencies at another
  amplitude repeats or reverses the frequency, so it is a new spectrum;
- at a turn between sweeps of opposite directions (low -> high, then high -> low) the turning
  point could end the first sweep or start the second. It ends the first, unless its
  temperature and field are closer to the second's medians (distances in units of the
  temperature and field tolerances); e.g. when the repeated top frequency of the first sweep
  was rejected by the reader, the second sweep's first point is not pulled into the first;
- a point whose field is more than ``field_tolerance_Oe`` off the median field of its sweep
  (e.g. a row written while the magnet was still ramping) is excluded and reported with its
  reason (:attr:`Segmentation.reasons`), never made a spectrum of its own;
- temperature drift inside a sweep never splits it (a PPMS ACMS wobbles by up to 0.15 K inside
  one sweep); the spectrum carries the mean temperature and its span is reported
  (:mod:`spinrelax.io.file_spectra`).

Files without sweep structure (fixed-frequency temperature scans, interleaved sequences) use
the (T, H) tolerance grouping of :mod:`spinrelax.io.grouping` (``segmentation: tolerance``),
which never merges points separated in time by another spectrum. ``segmentation: auto`` (the
default) chooses per file: the sweep rule when the file *has sweep structure*, i.e. its sweeps
hold a median of at least :data:`MIN_SWEEP_POINTS` points (a fixed-frequency scan gives
one-point "sweeps", two or three interleaved frequencies give two- or three-point ones) and at
most :data:`MAX_OFF_FIELD_FRACTION` of its points lie off their sweep's field (several fields
interleaved inside one frequency run are not sweeps); the tolerance grouping otherwise.

Limitation: a sweep measured in a non-monotonic frequency order (e.g. 1, 100, 10 Hz) is cut
where it turns back; use ``segmentation: tolerance`` for such files.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from spinrelax.io.grouping import GroupingTolerances, group_spectra

#: Segmentation modes (config key ``ingest.segmentation``, CLI ``--segmentation``).
SEGMENTATION_MODES: tuple[str, ...] = ("auto", "sweep", "tolerance")
#: The rules ``auto`` chooses between: what outputs record as the segmentation used.
APPLIED_MODES: tuple[str, ...] = ("sweep", "tolerance")
#: ``auto`` uses the sweep rule when the median sweep holds at least this many points.
MIN_SWEEP_POINTS = 4
#: ... and at most this fraction of all points lies off its sweep's median field.
MAX_OFF_FIELD_FRACTION = 0.1


@dataclass(frozen=True)
class SegmentationSettings:
    """Mode and tolerances of the segmentation; the field names are the config keys of
    ``ingest`` and (with ``-`` for ``_``) the CLI options of every command reading ac files.

    ``temperature_tolerance_K``, ``temperature_rel_tolerance`` (the (T, H) tolerance grouping
    and the temperature-drift warning: the larger of absolute and relative x T),
    ``field_tolerance_Oe`` (sweep rule: largest distance from the sweep's median field;
    tolerance grouping: from the spectrum's running mean), ``frequency_rel_tolerance`` (two
    frequencies closer than this, relative, are a repeat).
    """

    segmentation: str = "auto"
    temperature_tolerance_K: float = 0.05
    temperature_rel_tolerance: float = 0.01
    field_tolerance_Oe: float = 5.0
    frequency_rel_tolerance: float = 1e-3

    def __post_init__(self) -> None:
        if self.segmentation not in SEGMENTATION_MODES:
            raise ValueError(
                f"segmentation must be one of {SEGMENTATION_MODES}, got {self.segmentation!r}"
            )
        for f in fields(self)[1:]:
            value = getattr(self, f.name)
            low_ok = value >= 0 if f.name == "temperature_rel_tolerance" else value > 0
            if not (np.isfinite(value) and low_ok):
                raise ValueError(f"{f.name} must be a finite number > 0, got {value!r}")

    @property
    def tolerances(self) -> GroupingTolerances:
        """The tolerances of the (T, H) grouping."""
        return GroupingTolerances(
            temperature_tolerance_K=self.temperature_tolerance_K,
            temperature_rel_tolerance=self.temperature_rel_tolerance,
            field_tolerance_Oe=self.field_tolerance_Oe,
            frequency_rel_tolerance=self.frequency_rel_tolerance,
        )


#: Names of the settings: ``ingest`` keys of config.yaml and CLI options (``_`` -> ``-``).
SETTING_KEYS: tuple[str, ...] = tuple(f.name for f in fields(SegmentationSettings))


@dataclass(frozen=True)
class Segmentation:
    """Result for one file: ``spectrum`` index per point (0, 1, ... in measurement order;
    -1 for an excluded point), ``reasons`` (why each point was excluded, "" if kept), the
    ``mode`` used (``sweep`` or ``tolerance``) and the ``decision`` (why, in words)."""

    spectrum: np.ndarray
    reasons: np.ndarray
    mode: str
    decision: str


def sweep_ids(freq_Hz: np.ndarray, frequency_rel_tolerance: float) -> np.ndarray:
    """Sweep index (0, 1, ...) of each point by the frequency rule (module docstring).

    Point k + 1 starts a sweep when step k repeats the frequency, or when it turns against
    step k - 1 while point k did not itself start a sweep (then step k - 1 set the sweep's
    direction). In a run of consecutive turns the starts alternate, which gives the rule
    without a loop: the first turn of a run starts a sweep unless its point started one.
    """
    f = np.asarray(freq_Hz, dtype=float)
    n = len(f)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    step = np.diff(f)
    repeat = np.abs(step) <= frequency_rel_tolerance * np.maximum(np.abs(f[1:]), np.abs(f[:-1]))
    d = np.where(repeat, 0, np.sign(step))
    turn = np.zeros(n - 1, dtype=bool)
    turn[1:] = (d[1:] != d[:-1]) & (d[1:] != 0)
    k = np.arange(n - 1)
    first = turn & ~np.concatenate([[False], turn[:-1]])
    run_first = np.maximum.accumulate(np.where(first, k, 0))
    # point run_first started a sweep iff the step into it repeated (it was no turn)
    starts_before = d[np.maximum(run_first - 1, 0)] == 0
    even = (k - run_first) % 2 == 0
    start = np.ones(n, dtype=bool)
    start[1:] = repeat | (turn & (starts_before ^ even))
    return np.cumsum(start) - 1


def _reassign_turning_points(
    ids: np.ndarray, T: np.ndarray, H: np.ndarray, f: np.ndarray, settings: SegmentationSettings
) -> np.ndarray:
    """Move a turning point (the last point a of a sweep, reached in its direction, followed
    without a repeat by a sweep that continues the step a -> a + 1 with at least two points)
    into the next sweep when its (T, H) is closer to that sweep's medians; the medians exclude
    these points."""
    b = np.flatnonzero(np.diff(ids) > 0) + 1  # starts of sweeps after the first
    b = b[(b >= 2) & (b + 1 < len(ids))]
    a = b - 1
    repeat = np.abs(f[b] - f[a]) <= settings.frequency_rel_tolerance * np.maximum(f[a], f[b])
    cand = (
        (ids[a] == ids[a - 1])
        & (ids[b + 1] == ids[b])
        & ~repeat
        & (np.sign(f[b] - f[a]) == np.sign(f[b + 1] - f[b]))
    )
    a, b = a[cand], b[cand]
    if len(a) == 0:
        return ids
    keep = np.ones(len(ids), dtype=bool)
    keep[a] = False
    med = pd.DataFrame({"T": T[keep], "H": H[keep]}).groupby(ids[keep]).median()
    tol = settings.tolerances
    out = ids.copy()

    def distance(sweeps: np.ndarray) -> np.ndarray:
        t_med = med["T"].to_numpy()[sweeps]
        t_tol = np.maximum(tol.temperature_tolerance_K, tol.temperature_rel_tolerance * t_med)
        h_dist = np.abs(H[a] - med["H"].to_numpy()[sweeps]) / tol.field_tolerance_Oe
        return np.abs(T[a] - t_med) / t_tol + h_dist

    move = distance(ids[b]) < distance(ids[a])
    out[a[move]] = ids[b[move]]
    return out


def has_sweep_structure(ids: np.ndarray, off_field: np.ndarray) -> tuple[bool, str]:
    """Whether sweeps ``ids`` describe the file (module docstring), and why in words."""
    sizes = np.bincount(ids)
    median = float(np.median(sizes))
    off = float(np.mean(off_field))
    ok = median >= MIN_SWEEP_POINTS and off <= MAX_OFF_FIELD_FRACTION
    why = (
        f"{len(sizes)} frequency sweeps of median {median:g} points (sweep rule needs >= "
        f"{MIN_SWEEP_POINTS}), {off:.1%} of points off their sweep's field (at most "
        f"{MAX_OFF_FIELD_FRACTION:.0%})"
    )
    return ok, why


def _off_sweep_field(
    H: np.ndarray, ids: np.ndarray, field_tolerance_Oe: float
) -> tuple[np.ndarray, np.ndarray]:
    """(off, median): points more than the tolerance off their sweep's median field."""
    median = pd.Series(H).groupby(ids).transform("median").to_numpy()
    return np.abs(H - median) > field_tolerance_Oe, median


def segment_spectra(
    T_K: np.ndarray, H_Oe: np.ndarray, freq_Hz: np.ndarray, settings: SegmentationSettings
) -> Segmentation:
    """Spectra of one file's points (in measurement order) by ``settings.segmentation``."""
    T = np.asarray(T_K, dtype=float)
    H = np.asarray(H_Oe, dtype=float)
    f = np.asarray(freq_Hz, dtype=float)
    n = len(f)
    ids = _reassign_turning_points(
        sweep_ids(f, settings.frequency_rel_tolerance), T, H, f, settings
    )
    off, median = _off_sweep_field(H, ids, settings.field_tolerance_Oe)
    mode = settings.segmentation
    if n == 0:
        decision = "no points"
        mode = "sweep" if mode == "auto" else mode
    elif mode == "auto":
        structured, why = has_sweep_structure(ids, off)
        mode = "sweep" if structured else "tolerance"
        decision = f"auto -> {mode}: {why}"
    else:
        decision = f"{mode} (set by the segmentation option)"
    reasons = np.full(n, "", dtype=object)
    if mode == "tolerance":
        return Segmentation(group_spectra(T, H, f, settings.tolerances), reasons, mode, decision)
    for i in np.flatnonzero(off):
        reasons[i] = (
            f"field {H[i]:.6g} Oe is {abs(H[i] - median[i]):.3g} Oe off the median "
            f"{median[i]:.6g} Oe of its frequency sweep (field_tolerance_Oe = "
            f"{settings.field_tolerance_Oe:g}): e.g. a row written while the field ramped"
        )
    kept = ~off
    spectrum = np.full(n, -1, dtype=np.int64)
    spectrum[kept] = np.unique(ids[kept], return_inverse=True)[1]
    return Segmentation(spectrum, reasons, mode, decision)
