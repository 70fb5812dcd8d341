"""Fits of a sample's segmented points, one row per spectrum with its identification columns.

Shared by ``fit-ac``, ``report``, ``app`` (through :mod:`spinrelax.cli.fit_ac_cmd`) and the
joined DC/waveform report of :mod:`spinrelax.sample_report.time_domain`, which the workflow
scripts import too (so it lives outside :mod:`spinrelax.cli`).
"""

from __future__ import annotations

import pandas as pd

from spinrelax.acsus.fit_rows import fit_rows
from spinrelax.acsus.fitting import FitSettings, fit_spectra


def fit_points(points: pd.DataFrame, settings: FitSettings) -> pd.DataFrame:
    """Fits of the spectra of :func:`spinrelax.cli.fit_ac_cmd.segmented_points` in file order,
    then measurement order, with the per-spectrum identification columns in front
    (:func:`~spinrelax.acsus.fit_rows.fit_rows`)."""
    keys = ["file_index", "spectrum"]
    return fit_rows(points, fit_spectra(points, keys, settings), keys)
