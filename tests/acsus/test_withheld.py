"""A failed spectrum fit publishes no number (issue 16, item 3)."""

import numpy as np
import pandas as pd

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.withheld import FIT_VALUE_COLUMNS, withhold_failed

F = np.logspace(-1, 3, 25)
TAU = 1 / (2 * np.pi * 10.0)


def test_failed_fits_keep_flags_and_diagnostics_but_no_values(make_spectra):
    good = make_spectra("generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]], F, noise=1e-3)
    rng = np.random.default_rng(3)
    flat = pd.DataFrame(
        {
            "spectrum": 1,
            "freq_Hz": F,
            "chi_real": 1.0 + 1e-3 * rng.normal(size=F.size),
            "chi_imag": 1e-3 * rng.normal(size=F.size),
        }
    )
    out = fit_spectra(pd.concat([good, flat]), ["spectrum"], FitSettings(model="auto"))
    assert out["converged"].tolist() == [True, False]
    assert "flat" in out["flags"][1]
    assert out.loc[1, list(FIT_VALUE_COLUMNS)].isna().all()
    assert np.isfinite(out.loc[1, ["aic", "chi2_red", "f_min_Hz", "f_max_Hz"]].astype(float)).all()
    assert out.loc[0, ["tau_s", "rate_s-1", "rate_err_s-1"]].notna().all()


def test_withhold_failed_leaves_converged_rows_alone():
    table = pd.DataFrame({"converged": [True, False], "tau_s": [1.0, 2.0], "aic": [-5.0, -3.0]})
    table = table.assign(**{c: 1.0 for c in FIT_VALUE_COLUMNS if c != "tau_s"})
    out = withhold_failed(table)
    assert out["tau_s"].tolist()[0] == 1.0 and np.isnan(out["tau_s"][1])
    assert out["aic"].tolist() == [-5.0, -3.0]
    assert withhold_failed(table.iloc[:1]).equals(table.iloc[:1])
    assert table["tau_s"][1] == 2.0  # the input is not modified


def test_every_fitted_value_and_error_column_is_withheld():
    from spinrelax.acsus.fit_table import RESULT_COLUMNS

    assert set(FIT_VALUE_COLUMNS) <= set(RESULT_COLUMNS)
    errors = [c for c in RESULT_COLUMNS if "_err" in c]
    assert errors and set(errors) <= set(FIT_VALUE_COLUMNS)
    assert {c.replace("_err", "") for c in errors} <= set(FIT_VALUE_COLUMNS)
