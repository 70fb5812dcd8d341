"""Pipeline tables of the ac fits: per-spectrum fits annotated with the sample sheet, relaxation
rates (every spectrum; flagged rows kept with ``usable = False``) and the QC flag list."""

from __future__ import annotations

import numpy as np
import pandas as pd

from spinrelax.acsus.equilibrium import orientation
from spinrelax.acsus.fit_table import RESULT_COLUMNS

#: Per-sample context columns (from the sample sheet) in front of every table.
SAMPLE_COLUMNS: tuple[str, ...] = (
    "sample",
    "compound",
    "x_Er",
    "isotope",
    "form",
    "easy_axis_angle_deg",
    "orientation",
    "instrument",
)
#: Per-spectrum identification columns of a fit table.
SPECTRUM_COLUMNS: tuple[str, ...] = ("spectrum", "file", "T_K", "T_span_K", "H_Oe", "chi_unit")
RATE_COLUMNS: tuple[str, ...] = (
    "sample",
    "x_Er",
    "isotope",
    "form",
    "easy_axis_angle_deg",
    "T_K",
    "H_Oe",
    "rate_s-1",
    "rate_err_s-1",
    "rate_lo_s-1",
    "rate_hi_s-1",
    "model",
    "converged",
    "flags",
    "usable",
    "spectrum",
    "sigma_lntau",
    "peak_coverage",
)
FLAG_COLUMNS: tuple[str, ...] = (
    "sample",
    "spectrum",
    "file",
    "T_K",
    "H_Oe",
    "model",
    "weighting",
    "converged",
    "usable",
    "flags",
    "better_model",
    "delta_aic",
    "n_points",
    "n_points_used",
    "n_outliers",
    "outlier_freqs_Hz",
    "peak_coverage",
    "f_peak_Hz",
    "chi2_red",
    "chi2_red_noise",
    "runs_z",
    "misfit_rel",
)


def isotope_label(enrichment_167Er: float) -> str:
    """'167Er' for an enriched sample (more than half 167Er), else 'natEr'."""
    return "167Er" if enrichment_167Er > 0.5 else "natEr"


def sample_context(sheet: pd.DataFrame) -> pd.DataFrame:
    """One row per sample with :data:`SAMPLE_COLUMNS` from a loaded sample sheet."""
    out = pd.DataFrame(
        {
            "sample": sheet["sample_id"].astype(str),
            "compound": sheet["compound"].astype(str),
            "x_Er": sheet["x_Er"].astype(float),
            "isotope": [isotope_label(e) for e in sheet["enrichment_167Er"]],
            "form": sheet["form"].astype(str),
            "easy_axis_angle_deg": sheet["easy_axis_angle_deg"].astype(float),
            "instrument": sheet["instrument"].astype(str),
        }
    )
    out["orientation"] = [
        orientation(a, f) for a, f in zip(out["easy_axis_angle_deg"], out["form"], strict=True)
    ]
    return out.loc[:, list(SAMPLE_COLUMNS)]


def spectrum_context(points: pd.DataFrame) -> pd.DataFrame:
    """Per (sample, spectrum): first file, mean T, temperature drift (max - min T) and mean H
    of the spectrum, chi unit."""
    out = points.groupby(["sample", "spectrum"], as_index=False, sort=True).agg(
        file=("file", "first"),
        T_K=("T_K_spectrum", "first"),
        T_min=("T_K", "min"),
        T_max=("T_K", "max"),
        H_Oe=("H_Oe_spectrum", "first"),
        chi_unit=("chi_unit", "first"),
    )
    out.insert(3, "T_span_K", out.pop("T_max") - out.pop("T_min"))
    return out


def sample_fit_table(points: pd.DataFrame, fits: pd.DataFrame) -> pd.DataFrame:
    """Per-sample fit table: sample, spectrum context and every fit result column of ``fits``
    (from :func:`~spinrelax.acsus.fitting.fit_spectra`, where a fit that did not converge
    already keeps its conditions and diagnostics only: :mod:`spinrelax.acsus.withheld`)."""
    ctx = spectrum_context(points)
    table = ctx.merge(fits, on=["sample", "spectrum"], how="left", validate="one_to_one")
    return table.loc[:, ["sample", *SPECTRUM_COLUMNS, *RESULT_COLUMNS]]


def colecole_table(fits: pd.DataFrame, sheet: pd.DataFrame) -> pd.DataFrame:
    """All samples' fits with the sample context, sorted by sample, T, H, spectrum."""
    table = sample_context(sheet).merge(fits, on="sample", how="right", validate="one_to_many")
    missing = table["x_Er"].isna()
    if missing.any():
        raise ValueError(
            f"fits of samples not in the sample sheet: {sorted(set(table['sample'][missing]))}"
        )
    keep = [*SAMPLE_COLUMNS, *SPECTRUM_COLUMNS, *RESULT_COLUMNS]
    return (
        table.loc[:, keep]
        .sort_values(["sample", "T_K", "H_Oe", "spectrum"], kind="stable")
        .reset_index(drop=True)
    )


def rates_table(colecole: pd.DataFrame) -> pd.DataFrame:
    """Relaxation rates of every spectrum (:data:`RATE_COLUMNS`); flagged rows kept."""
    return colecole.loc[:, list(RATE_COLUMNS)].reset_index(drop=True)


def flags_table(colecole: pd.DataFrame) -> pd.DataFrame:
    """Every spectrum whose fit is not usable or carries any flag, with the reasons."""
    flagged = (~colecole["usable"].astype(bool)) | (colecole["flags"].fillna("") != "")
    return colecole.loc[flagged.to_numpy(), list(FLAG_COLUMNS)].reset_index(drop=True)


def usable_fraction(colecole: pd.DataFrame) -> pd.Series:
    """Fraction of usable fits per sample (for logs)."""
    return colecole.groupby("sample")["usable"].agg(lambda u: float(np.mean(u.astype(bool))))
