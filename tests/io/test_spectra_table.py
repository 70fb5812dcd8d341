"""Spectra table: validator catches every broken contract; Parquet round trip is exact."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.spectra_table import (
    SPECTRA_COLUMNS,
    empty_spectra_table,
    normalise_spectra_table,
    read_spectra_table,
    validate_spectra_table,
    write_spectra_table,
)


def _table():
    n = 4
    return normalise_spectra_table(
        pd.DataFrame(
            {
                "sample": ["s"] * n,
                "file": ["a.dat"] * n,
                "line": [10, 11, 12, 13],
                "spectrum": [0, 0, 1, 1],
                "T_K": [2.0, 2.001, 3.0, 3.0],
                "H_Oe": [0.0] * n,
                "T_K_spectrum": [2.0005, 2.0005, 3.0, 3.0],
                "H_Oe_spectrum": [0.0] * n,
                "T_span_K": [0.001, 0.001, 0.0, 0.0],
                "freq_Hz": [10.0, 1.0, 1.0, 10.0],
                "drive_Oe": [4.0] * n,
                "chi_real": [1.0, 2.0, 1.0, 0.5],
                "chi_imag": [0.1, 0.2, 0.3, 0.4],
                "chi_real_err": [np.nan] * n,
                "chi_imag_err": [np.nan] * n,
                "chi_unit": ["emu/mol"] * n,
                "segmentation": ["sweep"] * n,
            }
        )
    )


def test_normalise_sorts_by_frequency_within_spectrum():
    t = _table()
    assert list(t["freq_Hz"]) == [1.0, 10.0, 1.0, 10.0]
    assert list(t.columns) == list(SPECTRA_COLUMNS)
    validate_spectra_table(t)
    validate_spectra_table(empty_spectra_table())


def test_parquet_round_trip(tmp_path):
    t = _table()
    write_spectra_table(t, tmp_path / "s.parquet")
    back = read_spectra_table(tmp_path / "s.parquet")
    pd.testing.assert_frame_equal(back, t)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda t: t.drop(columns=["chi_unit"]), "lacks a column"),
        (lambda t: t.assign(extra=1), "unexpected column"),
        (lambda t: t.assign(T_K=[np.nan, 2.0, 3.0, 3.0]), "non-finite"),
        (lambda t: t.assign(freq_Hz=[-1.0, 10.0, 1.0, 10.0]), "> 0"),
        (lambda t: t.assign(T_K_spectrum=[2.0, 2.1, 3.0, 3.0]), "constant within a spectrum"),
        (lambda t: t.assign(T_span_K=[0.0, 0.1, 0.0, 0.0]), "constant within a spectrum"),
        (lambda t: t.assign(T_span_K=[-0.1, -0.1, 0.0, 0.0]), ">= 0"),
        (lambda t: t.assign(segmentation="by eye"), "must be one of"),
        (lambda t: t.iloc[::-1].reset_index(drop=True), "sorted"),
        (lambda t: t.assign(line=t["line"].astype(float)), "integer"),
    ],
)
def test_validator_rejects(change, match):
    with pytest.raises(InputFormatError, match=match):
        validate_spectra_table(change(_table()))
