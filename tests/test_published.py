"""The no-number-from-a-failed-fit convention: each way of marking a failed fit is found, the
spectrum fits withhold exactly the cells the check would flag, and a long table is checked per
fit."""

import numpy as np
import pandas as pd

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.withheld import FIT_VALUE_COLUMNS
from spinrelax.published import check_tree, is_allowed, violations


def _wide() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sample": ["a", "a", "b"],
            "T_K": [2.0, 3.0, 4.0],
            "tau_s": [1e-3, 2e-3, 3e-3],
            "tau_err_s": [1e-5, 2e-5, 3e-5],
            "chi2_red": [1.1, 9.0, 1.0],
            "n_points": [20, 20, 20],
            "converged": [True, False, True],
            "usable": [True, False, False],
            "flags": ["", "flat", "peak_outside_window"],
        }
    )


def test_a_failed_row_may_keep_only_conditions_and_diagnostics():
    table = _wide()
    found = violations(table)
    assert found == [
        "row 3: tau_s = 0.002 (not converged)",
        "row 3: tau_err_s = 2e-05 (not converged)",
    ]
    # conditions and diagnostics stay; a converged but unusable row keeps its numbers
    table.loc[1, ["tau_s", "tau_err_s"]] = np.nan
    assert violations(table) == []


def test_spectrum_fits_withhold_exactly_what_the_check_flags():
    """A failed spectrum fit (a flat spectrum) publishes nothing, and withholding empties every
    column the check would flag: with each numeric cell of the failed row filled, the flagged
    columns are :data:`FIT_VALUE_COLUMNS`."""
    freq = np.logspace(-1, 3, 25)
    tau = 1 / (2 * np.pi * 10.0)
    iwt = (2j * np.pi * freq * tau) ** 0.9
    chi = 0.1 + 0.9 / (1 + iwt)
    rng = np.random.default_rng(3)
    good = pd.DataFrame(
        {"spectrum": 0, "freq_Hz": freq, "chi_real": chi.real, "chi_imag": -chi.imag}
    )
    flat = pd.DataFrame(
        {
            "spectrum": 1,
            "freq_Hz": freq,
            "chi_real": 1.0 + 1e-3 * rng.normal(size=freq.size),
            "chi_imag": 1e-3 * rng.normal(size=freq.size),
        }
    )
    fits = fit_spectra(pd.concat([good, flat]), ["spectrum"], FitSettings(model="auto"))
    assert fits["converged"].tolist() == [True, False]
    assert violations(fits) == []
    filled = fits.copy()
    numeric = [
        c
        for c in fits.columns
        if pd.api.types.is_float_dtype(fits[c]) or pd.api.types.is_integer_dtype(fits[c])
    ]
    filled.loc[1, numeric] = 1.0
    flagged = {v.split(": ")[1].split(" = ")[0] for v in violations(filled)}
    assert flagged == set(FIT_VALUE_COLUMNS)


def test_status_and_flags_mark_failed_rows():
    by_status = (
        _wide()
        .drop(columns=["converged", "flags"])
        .assign(status=["ok", "not_converged: at bound", "ok"])
    )
    assert [v.split(":")[0] for v in violations(by_status)] == ["row 3", "row 3"]
    by_flag = _wide().drop(columns="converged").assign(flags=["", "flat;not_converged", ""])
    assert len(violations(by_flag)) == 2


def test_prefixed_status_covers_only_that_fits_columns():
    table = pd.DataFrame(
        {
            "sample": ["s"],
            "cw_theta_K": [-0.09],
            "cw_chi2_red": [3.0],
            "cw_n_points": [12],
            "cw_converged": [False],
            "T_N_K": [0.081],  # another fit on the same row
        }
    )
    assert violations(table) == ["row 2: cw_theta_K = -0.09 (not converged)"]


def test_long_table_is_checked_per_fit():
    table = pd.DataFrame(
        {
            "sample": ["a"] * 4 + ["b"] * 3,
            "parameter": ["U_K", "n_raman", "chi2_red_full", "converged_full"] * 1
            + ["U_K", "n_points_full", "converged_full"],
            "value": [63.0, 9.0, 2.0, 0.0, 60.0, 10.0, 1.0],
            "err": [1.0, 0.5, np.nan, np.nan, 1.0, np.nan, np.nan],
            "unit": ["K", "1", "1", "bool", "K", "1", "bool"],
            "method": "full",
        }
    )
    found = violations(table)
    assert len(found) == 4 and all("sample=a" in v for v in found)
    assert any(v.startswith("n_raman value") for v in found)  # 'n' is only allowed exactly
    table.loc[table["sample"] == "a", ["value", "err"]] = np.nan
    table.loc[3, "value"] = 0.0
    table.loc[2, "value"] = 2.0
    assert violations(table) == []


def test_allowed_names():
    assert is_allowed("chi2_red_full_law") and is_allowed("cw_n_points"[3:])
    assert is_allowed("n") and not is_allowed("n_raman") and not is_allowed("tau_s")


def test_check_tree_reads_every_table_but_logs(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "logs").mkdir()
    _wide().to_csv(tmp_path / "tables" / "fits.csv", index=False)
    _wide().to_parquet(tmp_path / "tables" / "fits.parquet")
    _wide().to_csv(tmp_path / "logs" / "ignored.csv", index=False)
    found = check_tree(tmp_path)
    assert len(found) == 4
    assert {f.split(":")[0] for f in found} == {
        str(tmp_path / "tables" / "fits.csv"),
        str(tmp_path / "tables" / "fits.parquet"),
    }
