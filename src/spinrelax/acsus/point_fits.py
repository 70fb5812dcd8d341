"""Fits of a sample's segmented points, one row per spectrum with its identification columns.

Shared by ``fit-ac``, ``report``, ``app`` (through :mod:`spinrelax.cli.fit_ac_cmd`) and the
joined DC/waveform report of :mod:`spinrelax.sample_report.time_domain`, which the workflow
scripts import too (so it lives outside :mod:`spinrelax.cli`).
"""

from __future__ import annotations

import pandas as pd

from spinrelax.acsus.fitting import FitSettings, fit_spectra


def fit_points(points: pd.DataFrame, settings: FitSettings) -> pd.DataFrame:
    """Fits of the spectra of :func:`spinrelax.cli.fit_ac_cmd.segmented_points` in file order,
    then measurement order, with the per-spectrum identification columns in front."""
    fits = fit_spectra(points, ["file_index", "spectrum"], settings)
    meta = points.groupby(["file_index", "spectrum"], as_index=False).agg(
        file=("file", "first"),
        T_K=("T_K_spectrum", "first"),
        H_Oe=("H_Oe_spectrum", "first"),
        chi_unit=("chi_unit", "first"),
        T_span_K=("T_span_K", "first"),
        segmentation=("segmentation", "first"),
    )
    fits = meta.merge(fits, on=["file_index", "spectrum"], how="left", validate="one_to_one")
    return fits.sort_values(["file_index", "spectrum"], kind="stable").reset_index(drop=True)
