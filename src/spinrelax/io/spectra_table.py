"""The tidy spectra table every downstream stage reads (``results/interim/spectra.parquet``).

One row per measured point, sorted by ``sample``, ``spectrum``, ``freq_Hz``. ``spectrum`` is an
integer unique within a sample (one frequency sweep, or one (T, H) group: the file's
``segmentation``, ``sweep`` or ``tolerance``, see :mod:`spinrelax.io.segmentation`);
``T_K_spectrum`` and ``H_Oe_spectrum`` are the means over the spectrum and ``T_span_K`` the
spread of its temperatures (max - min, drift inside a sweep). chi columns are in ``chi_unit``
(``emu/mol`` | ``emu/Oe`` | ``m3/mol`` | a tidy file's own unit); error columns are NaN when the
file gives none. chi'' keeps the instrument's sign (>= 0 normally; negative values are data).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.io.segmentation import APPLIED_MODES

SPECTRA_COLUMNS: tuple[str, ...] = (
    "sample",
    "file",
    "line",
    "spectrum",
    "T_K",
    "H_Oe",
    "T_K_spectrum",
    "H_Oe_spectrum",
    "T_span_K",
    "freq_Hz",
    "drive_Oe",
    "chi_real",
    "chi_imag",
    "chi_real_err",
    "chi_imag_err",
    "chi_unit",
    "segmentation",
)
TEXT_COLUMNS: tuple[str, ...] = ("sample", "file", "chi_unit", "segmentation")
INT_COLUMNS: tuple[str, ...] = ("line", "spectrum")
FLOAT_COLUMNS: tuple[str, ...] = tuple(
    c for c in SPECTRA_COLUMNS if c not in TEXT_COLUMNS + INT_COLUMNS
)
#: Float columns that must be finite in every row.
FINITE_COLUMNS: tuple[str, ...] = (
    "T_K",
    "H_Oe",
    "T_K_spectrum",
    "H_Oe_spectrum",
    "T_span_K",
    "freq_Hz",
    "chi_real",
    "chi_imag",
)
#: Columns with one value per (sample, spectrum).
PER_SPECTRUM_COLUMNS: tuple[str, ...] = (
    "T_K_spectrum",
    "H_Oe_spectrum",
    "T_span_K",
    "chi_unit",
    "segmentation",
)
SORT_KEYS: list[str] = ["sample", "spectrum", "freq_Hz", "file", "line"]


def empty_spectra_table() -> pd.DataFrame:
    """A table with the spectra columns and dtypes and no rows."""
    return normalise_spectra_table(pd.DataFrame({c: [] for c in SPECTRA_COLUMNS}))


def normalise_spectra_table(table: pd.DataFrame) -> pd.DataFrame:
    """Columns in order with fixed dtypes (text as str, int64, float64), sorted by SORT_KEYS."""
    out = pd.DataFrame(
        {
            **{c: table[c].astype(str) for c in TEXT_COLUMNS},
            **{c: table[c].astype(np.int64) for c in INT_COLUMNS},
            **{c: table[c].astype(np.float64) for c in FLOAT_COLUMNS},
        }
    )[list(SPECTRA_COLUMNS)]
    return out.sort_values(SORT_KEYS, kind="stable").reset_index(drop=True)


def validate_spectra_table(table: pd.DataFrame, *, source: str | Path | None = None) -> None:
    """Raise :class:`InputFormatError` unless ``table`` is a valid spectra table.

    Checks: exact columns, dtypes, finite required values, T > 0, f > 0, T_span_K >= 0, a
    known ``segmentation``, one value of each :data:`PER_SPECTRUM_COLUMNS` per (sample,
    spectrum), sort order.
    """
    missing = [c for c in SPECTRA_COLUMNS if c not in table.columns]
    if missing:
        raise InputFormatError("spectra table lacks a column", file=source, column=missing[0])
    extra = [c for c in table.columns if c not in SPECTRA_COLUMNS]
    if extra:
        raise InputFormatError("unexpected column in spectra table", file=source, column=extra[0])
    for c in INT_COLUMNS:
        if not pd.api.types.is_integer_dtype(table[c]):
            raise InputFormatError("must be integer", file=source, column=c)
    for c in FLOAT_COLUMNS:
        if not pd.api.types.is_float_dtype(table[c]):
            raise InputFormatError("must be float", file=source, column=c)
    for c in FINITE_COLUMNS:
        bad = ~np.isfinite(table[c].to_numpy())
        if bad.any():
            raise InputFormatError(
                f"non-finite value in row {int(np.flatnonzero(bad)[0])}", file=source, column=c
            )
    for c in ("T_K", "freq_Hz"):
        if (table[c].to_numpy() <= 0).any():
            raise InputFormatError("values must be > 0", file=source, column=c)
    if (table["T_span_K"].to_numpy() < 0).any():
        raise InputFormatError("values must be >= 0", file=source, column="T_span_K")
    if not table["segmentation"].isin(APPLIED_MODES).all():
        raise InputFormatError(
            f"values must be one of {APPLIED_MODES}", file=source, column="segmentation"
        )
    per = table.groupby(["sample", "spectrum"], sort=False)
    for c in PER_SPECTRUM_COLUMNS:
        if (per[c].nunique(dropna=False) > 1).any():
            raise InputFormatError("must be constant within a spectrum", file=source, column=c)
    if not table.equals(normalise_spectra_table(table)):
        raise InputFormatError(f"rows must be sorted by {SORT_KEYS}", file=source)


def read_spectra_table(path: str | Path) -> pd.DataFrame:
    """Read and validate a spectra table (Parquet)."""
    table = pd.read_parquet(path)
    validate_spectra_table(table, source=path)
    return table


def write_spectra_table(table: pd.DataFrame, path: str | Path) -> None:
    """Validate and write a spectra table as Parquet (no index; parent folders created)."""
    validate_spectra_table(table, source=path)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_parquet(out, index=False)
