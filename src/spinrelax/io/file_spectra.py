"""The spectra of one file: its points labelled by :mod:`spinrelax.io.segmentation`.

:func:`segment_points` adds per point ``spectrum``, the spectrum's mean ``T_K_spectrum`` and
``H_Oe_spectrum``, ``T_span_K`` (max - min of T over the spectrum) and ``segmentation`` (the
mode used), and returns the points the rule excluded as rejected rows (``line``, ``reason``),
so that rows read = rows used + rows rejected still holds. A spectrum whose temperature spans
more than ``max(temperature_tolerance_K, temperature_rel_tolerance x T)`` gets a warning: the
drift is reported, it never splits a sweep. :func:`spectrum_summary` gives one row per spectrum
(what ``spinrelax inspect`` lists).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from spinrelax.io.segmentation import SegmentationSettings, segment_spectra

#: Columns :func:`segment_points` adds to the points.
SEGMENT_COLUMNS: tuple[str, ...] = (
    "spectrum",
    "T_K_spectrum",
    "H_Oe_spectrum",
    "T_span_K",
    "segmentation",
)
SUMMARY_COLUMNS: tuple[str, ...] = (
    "spectrum",
    "n_points",
    "T_K",
    "T_span_K",
    "H_Oe",
    "freq_min_Hz",
    "freq_max_Hz",
    "direction",
    "first_line",
    "last_line",
)


@dataclass(frozen=True)
class FileSpectra:
    """Kept points with :data:`SEGMENT_COLUMNS`, rejected rows (``line``, ``reason``), the
    mode used, why it was chosen, and the temperature-drift warnings."""

    points: pd.DataFrame
    rejected: pd.DataFrame
    segmentation: str
    decision: str
    warnings: tuple[str, ...]


def segment_points(points: pd.DataFrame, settings: SegmentationSettings) -> FileSpectra:
    """Label the points of one file (measurement order; columns ``line``, ``T_K``, ``H_Oe``,
    ``freq_Hz``) with their spectrum; see the module docstring."""
    seg = segment_spectra(points["T_K"], points["H_Oe"], points["freq_Hz"], settings)
    kept = seg.spectrum >= 0
    rejected = pd.DataFrame(
        {
            "line": points["line"].to_numpy()[~kept].astype(np.int64),
            "reason": pd.Series(seg.reasons[~kept], dtype=object),
        }
    )
    out = points.loc[kept].reset_index(drop=True)
    out["spectrum"] = seg.spectrum[kept]
    grouped = out.groupby("spectrum")["T_K"]
    out["T_K_spectrum"] = grouped.transform("mean")
    out["H_Oe_spectrum"] = out.groupby("spectrum")["H_Oe"].transform("mean")
    out["T_span_K"] = grouped.transform("max") - grouped.transform("min")
    out["segmentation"] = seg.mode
    return FileSpectra(out, rejected, seg.mode, seg.decision, _drift_warnings(out, settings))


def _drift_warnings(points: pd.DataFrame, settings: SegmentationSettings) -> tuple[str, ...]:
    """One warning per spectrum whose temperature span exceeds the temperature tolerance."""
    per = points.groupby("spectrum").agg(
        T_mean=("T_K_spectrum", "first"),
        span=("T_span_K", "first"),
        T_min=("T_K", "min"),
        T_max=("T_K", "max"),
        line_a=("line", "min"),
        line_b=("line", "max"),
    )
    limit = np.maximum(
        settings.temperature_tolerance_K, settings.temperature_rel_tolerance * per.T_mean
    )
    return tuple(
        f"spectrum {r.Index} (lines {r.line_a}-{r.line_b}): temperature drifts over "
        f"{r.span:.3g} K ({r.T_min:.4g}-{r.T_max:.4g} K) inside one sweep, more than "
        f"{lim:.3g} K; kept as one spectrum at its mean {r.T_mean:.4g} K"
        for r, lim in zip(per.itertuples(), limit, strict=True)
        if r.span > lim
    )


def _direction(freq_Hz: np.ndarray) -> str:
    """``up``, ``down``, ``single`` (one point) or ``mixed`` (measurement order)."""
    if len(freq_Hz) < 2:
        return "single"
    step = np.diff(freq_Hz)
    return "up" if (step > 0).all() else "down" if (step < 0).all() else "mixed"


def spectrum_summary(points: pd.DataFrame) -> pd.DataFrame:
    """One row per spectrum of :func:`segment_points` output, with :data:`SUMMARY_COLUMNS`."""
    grouped = points.groupby("spectrum", sort=True)
    per = grouped.agg(
        n_points=("freq_Hz", "size"),
        T_K=("T_K_spectrum", "first"),
        T_span_K=("T_span_K", "first"),
        H_Oe=("H_Oe_spectrum", "first"),
        freq_min_Hz=("freq_Hz", "min"),
        freq_max_Hz=("freq_Hz", "max"),
        first_line=("line", "min"),
        last_line=("line", "max"),
    )
    per["direction"] = [_direction(g.to_numpy()) for _, g in grouped["freq_Hz"]]
    return per.reset_index()[list(SUMMARY_COLUMNS)]
