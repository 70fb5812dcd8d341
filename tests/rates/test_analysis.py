"""Whole-table analysis: both processes of a two-process sample fitted separately, tau(H)
series, windows, and the long-form tables."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.rates.analysis import analyse_rates
from spinrelax.rates.data import normalise_fit_table
from spinrelax.rates.settings import law_settings
from spinrelax.rates.tables import PARAM_COLUMNS


def _table(seed=4):
    rng = np.random.default_rng(seed)
    T = np.geomspace(2.0, 10.0, 16)
    slow = np.exp(-60.0 / T) / 1e-9 + 50.0
    fast = np.exp(-25.0 / T) / 1e-7 + 3e3
    H = np.array([0, 100, 200, 400, 800, 1500, 3000.0])
    field = 900.0 / (1 + 1e-5 * H**2) + 40.0
    noise = lambda n: np.exp(0.02 * rng.standard_normal(n))  # noqa: E731
    rows = pd.DataFrame({"T_K": np.r_[T, np.full(H.size, 1.8)], "H_Oe": np.r_[np.zeros(T.size), H],
                         "rate_s-1": np.r_[slow * noise(T.size), field * noise(H.size)],
                         "rate2_s-1": np.r_[fast * noise(T.size), np.full(H.size, np.nan)],
                         "usable": True})  # fmt: skip
    rows["rate_err_s-1"] = 0.02 * rows["rate_s-1"]
    rows["rate2_err_s-1"] = 0.02 * rows["rate2_s-1"]
    return normalise_fit_table(rows, file="t.csv", sample="two")


def test_each_process_and_the_field_series_are_fitted():
    res = analyse_rates(_table(), law_settings({"law": "orbach+qtm", "sigma": "fit",
                                                "field_law": "qtm_field+constant"}))  # fmt: skip
    p = res.parameters
    assert tuple(p.columns) == PARAM_COLUMNS
    U = p.loc[(p["parameter"] == "U_K") & (p["series"] == "T")].set_index("process")["value"]
    assert U[1] == pytest.approx(60.0, rel=0.03) and U[2] == pytest.approx(25.0, rel=0.05)
    field = p.loc[(p["series"] == "H") & (p["parameter"] == "rate_qt_s-1"), "value"]
    assert field.iloc[0] == pytest.approx(900.0, rel=0.05)
    assert set(res.points["series"]) == {"T", "H", "TH"}  # two series: a global fit too
    assert not res.correlations.empty and not res.curves.empty


def test_window_marks_points_not_used():
    res = analyse_rates(_table(), law_settings({"law": "orbach+qtm", "T_max_K": 6.0}))
    pts = res.points.loc[(res.points["series"] == "T") & (res.points["process"] == 1)]
    assert (pts.loc[pts["T_K"] > 6.0, "reason"] == "outside window").all()
    n = res.parameters.loc[(res.parameters["parameter"] == "n_points") & (res.parameters["process"] == 1)
                           & (res.parameters["series"] == "T"), "value"]  # fmt: skip
    assert n.iloc[0] == (pts["T_K"] <= 6.0).sum()


def test_field_list_restricts_the_series():
    res = analyse_rates(_table(), law_settings({"law": "orbach+qtm", "fields_Oe": "0"}))
    assert set(res.points["series"]) == {"T"}  # the field scan has one point at 0 Oe only
    res = analyse_rates(_table(), law_settings({"fields_Oe": [0, 100, 200, 400]}))
    h = res.points.loc[res.points["series"] == "H"]
    assert sorted(h["H_Oe"].unique()) == [0, 100, 200, 400]


def test_automatic_choice_applies_the_rule_to_every_series_and_process():
    """Auto laws: each process' tau(T) and the tau(H) series get a chosen law whose every
    parameter is determined, statuses for all candidates, and U_eff spread rows per tau(T)."""
    res = analyse_rates(_table(), law_settings({"sigma": "fit", "global_law": "off"}))
    c = res.candidates
    groups = c.groupby(["process", "series"])
    assert set(groups.groups) == {(1, "T"), (2, "T"), (1, "H")}
    for _, g in groups:
        assert (g["status"] == "chosen").sum() == 1 and g["selected"].sum() == 1
    p = res.parameters
    fitted = p.loc[p["ci_method"] == "profile_likelihood"]
    assert set(fitted["series"]) == {"T", "H"}
    assert np.isfinite(fitted[["ci68_low", "ci68_high", "ci95_low", "ci95_high"]]).all().all()
    assert set(res.spread["process"]) == {1, 2} and set(res.spread["series"]) == {"T"}
