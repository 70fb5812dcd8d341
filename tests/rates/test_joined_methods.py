"""Rate rows of every technique: ``method`` of ac tables, DC per-decay tables as rate points,
and the DC weighting rule (fit error and the M_eq/M_0-setting spread in quadrature)."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.rates.data import POINT_COLUMNS, normalise_dc_table, normalise_fit_table
from spinrelax.rates.uncertainty import sigma_ln_tau, sigma_rule, with_choice


def _dc_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "T_K": [2.0, 4.0, 6.0, 6.0],
            "H_Oe": [0.1, -0.2, 0.0, 0.0],
            "model": ["single", "single", "single", "double"],
            "component": [1, 1, 1, 1],
            "converged": [True, True, False, True],
            "ln_tau_mean": [4.0, 3.0, np.nan, 2.0],
            "ln_tau_mean_err": [0.01, 0.02, np.nan, 0.1],
            "sigma_ln_tau": [2.0, 1.0, np.nan, 0.5],
            "ln_tau_mean_other_meq": [3.7, 3.0, np.nan, np.nan],
            "ln_tau_mean_other_m0": [4.4, np.nan, np.nan, np.nan],
            "flags": ["no_equilibrium", "", "not_converged", ""],
        }
    )


def test_dc_table_gives_one_rate_point_per_decay_from_the_single_model():
    pts = normalise_dc_table(_dc_table(), file="dc.csv", sample="s")
    assert list(pts.columns) == list(POINT_COLUMNS)
    assert len(pts) == 3 and (pts["method"] == "dc").all()
    np.testing.assert_allclose(pts["rate_s-1"][:2], np.exp([-4.0, -3.0]))
    np.testing.assert_allclose(pts["rate_err_s-1"][:2], np.exp([-4.0, -3.0]) * [0.01, 0.02])
    np.testing.assert_allclose(pts["sigma_ln_choice"][:2], [0.5, 0.0])  # hypot(0.3, 0.4)
    assert pts["usable"].tolist() == [True, True, False]
    assert pts.loc[2, "flags"] == "not_converged"


def test_dc_table_without_single_rows_is_refused():
    with pytest.raises(InputFormatError, match="single"):
        normalise_dc_table(_dc_table().assign(model="double"), file="dc.csv", sample="s")


def test_ac_fit_table_rows_are_ac_unless_the_table_says_otherwise():
    table = pd.DataFrame({"T_K": [5.0, 6.0], "H_Oe": [0.0, 0.0], "tau_s": [1.0, 0.1]})
    assert (normalise_fit_table(table, file="f", sample="s")["method"] == "ac").all()
    marked = normalise_fit_table(table.assign(method="waveform"), file="f", sample="s")
    assert (marked["method"] == "waveform").all()


def test_dc_sigma_adds_the_setting_spread_to_the_fit_error_in_quadrature():
    rate, err = np.array([1.0, 1.0]), np.array([0.03, 0.03])
    fit = sigma_ln_tau(rate, err, [0.0, 0.0], "fit", choice=[0.04, np.nan])
    np.testing.assert_allclose(fit, [0.05, 0.03])
    ccfit2 = sigma_ln_tau(rate, err, [1.5, 0.0], "ccfit2", choice=[0.04, 0.04])
    np.testing.assert_allclose(ccfit2, [1.5, np.log1p(0.05)])
    assert np.isnan(with_choice([np.nan], [np.nan])[0])
    assert "M_eq" in sigma_rule("ccfit2", "dc") and "M_eq" not in sigma_rule("ccfit2", "ac")
