"""One row per fitted spectrum: the spectrum's identification from its points, then its fit.

The layout of the fit table of ``spinrelax fit-ac`` and of the ``spectra_fits`` table of every
per-sample report (``spinrelax report``, ``spinrelax app`` and the workflow's own-data report),
so the command and the workflow write the same columns in the same order.
"""

from __future__ import annotations

import pandas as pd

from spinrelax.acsus.fit_table import RESULT_COLUMNS


def fit_rows(points: pd.DataFrame, fits: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per spectrum (``keys``, e.g. ``["file_index", "spectrum"]``): first file, mean T and H
    (``T_K``, ``H_Oe``), chi unit, temperature span and segmentation of its points, then the fit
    columns of ``fits`` (:data:`RESULT_COLUMNS`), sorted by ``keys``."""
    meta = points.groupby(keys, as_index=False).agg(
        file=("file", "first"),
        T_K=("T_K_spectrum", "first"),
        H_Oe=("H_Oe_spectrum", "first"),
        chi_unit=("chi_unit", "first"),
        T_span_K=("T_span_K", "first"),
        segmentation=("segmentation", "first"),
    )
    fits = meta.merge(fits[[*keys, *RESULT_COLUMNS]], on=keys, how="left", validate="one_to_one")
    return fits.sort_values(keys, kind="stable").reset_index(drop=True)
