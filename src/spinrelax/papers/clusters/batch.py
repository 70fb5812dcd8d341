"""Analyse many deflection profile files into the moments table and the QC table of fits."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from spinrelax.io.deflection_profile import DeflectionProfile, read_deflection_profile
from spinrelax.papers.clusters.analysis import (
    Calibration,
    analyse_profile,
    calibrate_from_al_run,
    condition_label,
)
from spinrelax.papers.clusters.geometry import gradient_product_T_m

#: Leading columns of the moments table (one row per file).
ID_COLUMNS: tuple[str, ...] = (
    "file",
    "element",
    "n",
    "mass_u",
    "condition",
    "source_T_K",
    "pressure_bar",
    "nozzle",
    "v_m_per_s",
    "B_T",
)


def _id_row(profile: DeflectionProfile) -> dict:
    nan = float("nan")
    m = profile.meta
    return {
        "file": Path(profile.path).name,
        "element": profile.element,
        "n": profile.n,
        "mass_u": float(m["mass_u"]),
        "condition": condition_label(profile),
        "source_T_K": float(m.get("source_T_K", nan)),
        "pressure_bar": float(m.get("pressure_bar", nan)),
        "nozzle": str(m.get("nozzle", "")),
        "v_m_per_s": float(m["v_m_per_s"]),
        "B_T": float(m["B_T"]),
    }


def calibration_table(calibration_path: str | Path) -> tuple[Calibration, pd.DataFrame]:
    """K from the Al calibration run and a one-row table describing it."""
    profile = read_deflection_profile(calibration_path)
    cal = calibrate_from_al_run(profile)
    m = profile.meta
    K_geom = gradient_product_T_m(float(m["dBdz_T_per_m"]), float(m["L1_m"]), float(m["L2_m"]))
    table = pd.DataFrame(
        [
            {
                "file": Path(calibration_path).name,
                "element": profile.element,
                "v_m_per_s": float(m["v_m_per_s"]),
                "K_T_m": cal.K_T_m,
                "K_err_T_m": cal.K_err_T_m,
                "K_geometry_T_m": K_geom,
                "K_over_geometry": cal.K_T_m / K_geom,
            }
        ]
    )
    return cal, table


def analyse_files(
    paths: Iterable[str | Path],
    *,
    calibration: Calibration | None = None,
    T_sigma_K: float = 10.0,
    detection_sigma: float = 5.0,
    upper_limit_sigma: float = 2.0,
    relaxed_flag_fraction: float = 0.2,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Moments table (one row per file, sorted by element, n, condition) and QC table of fits."""
    rows, qc = [], []
    for path in paths:
        profile = read_deflection_profile(path)
        ident = _id_row(profile)
        row, fits = analyse_profile(
            profile,
            calibration=calibration,
            T_sigma_K=T_sigma_K,
            detection_sigma=detection_sigma,
            upper_limit_sigma=upper_limit_sigma,
            relaxed_flag_fraction=relaxed_flag_fraction,
        )
        rows.append(ident | row)
        qc += [{k: ident[k] for k in ("file", "element", "n", "condition")} | f for f in fits]
    keys = ["element", "n", "condition"]
    moments = pd.DataFrame(rows)
    if not moments.empty:
        moments = moments.sort_values(keys, kind="stable").reset_index(drop=True)
    fits_table = pd.DataFrame(qc)
    if not fits_table.empty:
        fits_table = fits_table.sort_values(keys + ["shape", "model"], kind="stable")
    return moments, fits_table.reset_index(drop=True)
