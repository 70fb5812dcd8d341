"""The per-temperature table of spectrum-fit parameters: every spectrum once, sorted by field
and temperature, value/error/concise columns in the CSV, typeset headers and shared powers of
ten in HTML/Markdown/LaTeX, and the QC state of each fit."""

import numpy as np
import pandas as pd

from spinrelax.sample_report.spectrum_table import (
    display_table,
    latex_table,
    markdown_table,
    parameter_table,
    qc_text,
)


def _fits() -> pd.DataFrame:
    return pd.DataFrame({
        "spectrum": [0, 1, 2], "T_K": [9.0, 5.0, 7.0], "H_Oe": [0.2, -0.3, 0.1],
        "model": "generalized_debye",
        "tau_s": [2.01e-4, 2.331e-3, np.nan], "tau_err_s": [2.8e-6, 2.8e-5, np.nan],
        "alpha": [0.043, 0.141, np.nan], "alpha_err": [0.005, 0.006, np.nan],
        "chi_S": [0.063, 0.145, np.nan], "chi_S_err": [0.009, 0.0099, np.nan],
        "chi_T": [0.9732, 2.1409, np.nan], "chi_T_err": [0.0010, 0.0067, np.nan],
        "gamma": np.nan, "gamma_err": np.nan,
        "usable": [True, True, False], "flags": ["", "model_inadequate", "flat;poor_fit"],
    })  # fmt: skip


def test_csv_form():
    table = parameter_table(_fits())
    assert list(table["T_K"]) == [5.0, 7.0, 9.0]
    assert "gamma" not in table  # no finite value: not a column
    assert list(table["tau_s_concise"]) == ["0.002331(28)", "n/a", "2.010(28)e-4"]
    assert table.loc[0, "tau_err_s"] == 2.8e-5 and table.loc[0, "chi_T_concise"] == "2.141(7)"
    assert list(table["qc"]) == ["model_inadequate", "not usable, flat, poor_fit", ""]


def test_display_forms():
    table = parameter_table(_fits())
    shown = display_table(table, "emu/mol")
    assert list(shown.columns) == ["T (K)", "H (Oe)", "τ (10⁻³ s)", "α",
                                   "χ<sub>S</sub> (emu mol⁻¹)", "χ<sub>T</sub> (emu mol⁻¹)",
                                   "QC"]  # fmt: skip
    assert list(shown["τ (10⁻³ s)"]) == ["2.331(28)", "n/a", "0.2010(28)"]
    assert list(shown["H (Oe)"]) == ["0", "0", "0"]
    md = markdown_table(table, "emu/mol")
    assert (
        md.splitlines()[2]
        == "| 5.00 | 0 | 2.331(28) | 0.141(6) | 0.145(10) | 2.141(7) | model_inadequate |"
    )
    tex = latex_table(table, "emu/mol")
    assert r"$\tau$ ($10^{-3}$ s) & $\alpha$ & $\chi_S$ (emu mol$^{-1}$)" in tex
    assert r"5.00$^a$ & 0 & $2.331(28)$" in tex and r"7.00$^b$" in tex
    assert r"\pm" not in tex and "e-" not in tex
    assert tex.rstrip().endswith(r"\end{tabular}")


def test_qc_text():
    assert qc_text(True, "") == ""
    assert qc_text(True, float("nan")) == ""
    assert qc_text(False, "") == "not usable"
