"""Recognise measurements that are not frequency sweeps: fixed-frequency scans in T or in H.

A frequency sweep measures chi at many frequencies at one temperature and field; its spectrum
is what ``fit-ac`` fits. A *fixed-frequency scan* measures chi at one (or a few interleaved)
frequencies while the temperature (chi vs T) or the field (chi vs H) steps; segmented as
spectra, it gives one- to few-point "spectra" that no Cole-Cole model can be fitted to.

Rule (on the points of one file after :func:`spinrelax.io.file_spectra.segment_points`):

- a spectrum with at least :data:`MIN_SWEEP_FREQUENCIES` distinct frequencies is a sweep
  (the generalized Debye model has 4 parameters; fewer frequencies leave no test of the fit);
- the other points are grouped by frequency (relative tolerance ``frequency_rel_tolerance``);
  a frequency group of at least :data:`MIN_SCAN_POINTS` points is a scan: a *field scan* when
  its field spans more than twice ``field_tolerance_Oe`` and its temperature stays within
  twice the temperature tolerance, else one *temperature scan* per field (fields clustered
  with ``field_tolerance_Oe``) whose temperature spans more than twice the temperature
  tolerance;
- the file is ``sweeps`` (no scan), ``scans`` (scans and no sweep) or ``mixed`` (both).
  Points in neither (a stray short spectrum) stay spectra, as before.

Limitation: a sweep file with fewer than :data:`MIN_SWEEP_FREQUENCIES` frequencies per
temperature is read as interleaved temperature scans (one per frequency).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from spinrelax.io.segmentation import SegmentationSettings

#: A spectrum with at least this many distinct frequencies is a frequency sweep.
MIN_SWEEP_FREQUENCIES = 6
#: A fixed-frequency group needs at least this many points to be a scan.
MIN_SCAN_POINTS = 5
#: Columns of :attr:`ScanLayout.scans`.
SCAN_COLUMNS: tuple[str, ...] = (
    "scan",
    "variable",
    "freq_Hz",
    "H_Oe",
    "n_points",
    "T_min_K",
    "T_max_K",
    "H_min_Oe",
    "H_max_Oe",
    "first_line",
    "last_line",
)


@dataclass(frozen=True)
class ScanLayout:
    """What a file measured: ``kind`` (``sweeps``, ``scans`` or ``mixed``), the scan of each
    point (``scan``: -1 when not in a scan, aligned with the points given), one row per scan
    (:data:`SCAN_COLUMNS`; ``variable`` is ``T`` or ``H``), and a one-line description."""

    kind: str
    scan: np.ndarray
    scans: pd.DataFrame
    description: str


def _clusters(values: np.ndarray, abs_tol: float, rel_tol: float) -> np.ndarray:
    """Labels of sorted-gap clusters: a new cluster where the gap between sorted neighbours
    exceeds max(abs_tol, rel_tol |value|)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(values, kind="stable")
    v = values[order]
    gaps = np.diff(v) > np.maximum(abs_tol, rel_tol * np.abs(v[1:]))
    labels = np.empty(len(v), dtype=np.int64)
    labels[order] = np.concatenate([[0], np.cumsum(gaps)])
    return labels


def _describe(kind: str, scans: pd.DataFrame, n_sweeps: int) -> str:
    if kind == "sweeps":
        return f"frequency sweeps ({n_sweeps} spectra)"
    parts = []
    for variable, name in (("T", "chi vs T"), ("H", "chi vs H")):
        sel = scans[scans["variable"] == variable]
        if len(sel):
            freqs = ", ".join(f"{f:g}" for f in sorted(set(sel["freq_Hz"].round(6))))
            parts.append(f"{len(sel)} fixed-frequency scan(s) {name} at {freqs} Hz")
    text = "; ".join(parts)
    return text if kind == "scans" else f"{n_sweeps} frequency sweep(s) and {text}"


def scan_layout(points: pd.DataFrame, settings: SegmentationSettings) -> ScanLayout:
    """Scans of one file's segmented points (columns ``spectrum``, ``line``, ``T_K``, ``H_Oe``,
    ``freq_Hz``; measurement order); see the module docstring."""
    n = len(points)
    scan = np.full(n, -1, dtype=np.int64)
    spectrum = points["spectrum"].to_numpy()
    freq = points["freq_Hz"].to_numpy(dtype=float)
    T = points["T_K"].to_numpy(dtype=float)
    H = points["H_Oe"].to_numpy(dtype=float)
    by_sweeps = "segmentation" in points and bool((points["segmentation"] == "sweep").all())
    if n and by_sweeps:
        # the sweep rule never repeats a frequency inside a spectrum: sizes are distinct counts
        sizes = np.bincount(spectrum)
        if sizes[sizes > 0].min() >= MIN_SWEEP_FREQUENCIES:
            empty = pd.DataFrame(columns=list(SCAN_COLUMNS))
            n_sweeps = int((sizes > 0).sum())
            return ScanLayout("sweeps", scan, empty, _describe("sweeps", empty, n_sweeps))
    fcl = _clusters(freq, 0.0, settings.frequency_rel_tolerance)
    in_sweep = np.zeros(n, dtype=bool)
    n_sweeps = 0
    if n:
        width = int(fcl.max()) + 1
        pairs = np.unique(spectrum.astype(np.int64) * width + fcl)
        distinct = np.bincount(pairs // width, minlength=int(spectrum.max()) + 1)
        in_sweep = distinct[spectrum] >= MIN_SWEEP_FREQUENCIES
        n_sweeps = int((distinct >= MIN_SWEEP_FREQUENCIES).sum())
    if in_sweep.all():
        empty = pd.DataFrame(columns=list(SCAN_COLUMNS))
        return ScanLayout("sweeps", scan, empty, _describe("sweeps", empty, n_sweeps))
    T_tol = 2 * max(settings.temperature_tolerance_K, 0.0)
    H_tol = 2 * settings.field_tolerance_Oe
    rows = []
    for f in np.unique(fcl[~in_sweep]):
        idx = np.flatnonzero(~in_sweep & (fcl == f))
        if len(idx) < MIN_SCAN_POINTS:
            continue
        T_tol_f = max(T_tol, 2 * settings.temperature_rel_tolerance * float(np.median(T[idx])))
        if np.ptp(H[idx]) > H_tol and np.ptp(T[idx]) <= T_tol_f:
            groups = [("H", idx)]
        else:
            hcl = _clusters(H[idx], settings.field_tolerance_Oe, 0.0)
            groups = [("T", idx[hcl == h]) for h in np.unique(hcl)]
            groups = [(v, g) for v, g in groups if np.ptp(T[g]) > T_tol_f]
        for variable, g in groups:
            if len(g) < MIN_SCAN_POINTS:
                continue
            scan[g] = len(rows)
            rows.append(
                {
                    "scan": len(rows),
                    "variable": variable,
                    "freq_Hz": float(np.median(freq[g])),
                    "H_Oe": float(np.mean(H[g])),
                    "n_points": len(g),
                    "T_min_K": float(T[g].min()),
                    "T_max_K": float(T[g].max()),
                    "H_min_Oe": float(H[g].min()),
                    "H_max_Oe": float(H[g].max()),
                    "first_line": int(points["line"].to_numpy()[g].min()),
                    "last_line": int(points["line"].to_numpy()[g].max()),
                }
            )
    scans = pd.DataFrame(rows, columns=list(SCAN_COLUMNS))
    kind = "sweeps" if scans.empty else "mixed" if n_sweeps else "scans"
    return ScanLayout(kind, scan, scans, _describe(kind, scans, n_sweeps))
