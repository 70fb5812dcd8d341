"""Global (T, H) fits: a synthetic sample with known truth (Orbach + Raman + direct A H^4 T +
field-suppressed QTM, seeded noise) recovered within the 95 % profile intervals, the rule that
decides when a global fit is attempted, its rows in the long tables, and the refusals."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from spinrelax.errors import RateLawError  # noqa: E402
from spinrelax.figures.own_data_rates import _global_slice  # noqa: E402
from spinrelax.rates.analysis import analyse_rates  # noqa: E402
from spinrelax.rates.data import normalise_fit_table  # noqa: E402
from spinrelax.rates.global_fit import global_fixed  # noqa: E402
from spinrelax.rates.laws import total_rate_s  # noqa: E402
from spinrelax.rates.settings import law_settings  # noqa: E402

TRUTH = {
    "tau0_s": 1e-10, "U_K": 120.0, "C_raman_s-1_K-n": 2e-3, "n_raman": 5.0,
    "rate_qt_s-1": 300.0, "b_qtm_Oe-p": 1e-6, "p_qtm": 2.0,
    "A_direct_s-1_Oe-m_K-1": 1e-14, "m_direct": 4.0,
}  # fmt: skip
LAW = "orbach+raman+qtm_field+direct_field"
#: tau(T) series at three fields and tau(H) series at three temperatures.
T_SERIES_OE = (0.0, 1000.0, 3000.0)
H_SERIES_K = (2.0, 4.0, 6.0)


def _sample(seed: int = 1, sigma_ln: float = 0.05, fields=T_SERIES_OE, temps=H_SERIES_K):
    rng = np.random.default_rng(seed)
    cells = [(t, h) for h in fields for t in np.geomspace(2.0, 14.0, 14)]
    cells += [(t, h) for t in temps for h in np.r_[0.0, np.geomspace(100.0, 1e4, 12)]]
    T, H = np.array(cells).T
    rate = total_rate_s(T, TRUTH, tuple(LAW.split("+")), H)
    rate = rate * np.exp(sigma_ln * rng.standard_normal(rate.size))
    table = pd.DataFrame({"T_K": T, "H_Oe": H, "rate_s-1": rate,
                          "rate_err_s-1": sigma_ln * rate, "usable": True})  # fmt: skip
    return normalise_fit_table(table, file="synthetic.csv", sample="synthetic")


@pytest.fixture(scope="module")
def result():
    return analyse_rates(_sample(), law_settings({"sigma": "fit"}))


def test_synthetic_sample_recovers_the_truth_within_the_95_percent_intervals(result):
    c = result.candidates.loc[result.candidates["series"] == "TH"]
    chosen = c.loc[c["selected"]]
    assert list(chosen["law"]) == [LAW] and list(chosen["status"]) == ["chosen"]
    p = result.parameters.loc[result.parameters["series"] == "TH"].set_index("parameter")
    for name, truth in TRUTH.items():
        if name == "m_direct":  # held at 4 (Kramers ion) by default
            assert bool(p.loc[name, "fixed"]) and p.loc[name, "value"] == 4.0
            continue
        lo, hi = p.loc[name, "ci95_low"], p.loc[name, "ci95_high"]
        assert lo <= truth <= hi, (name, lo, truth, hi)
        assert p.loc[name, "flag"] == ""
    assert p.loc["n_points", "value"] == len(_sample().query("usable"))


def test_global_rows_are_keyed_TH_and_sliced_at_every_series(result):
    for table in (result.parameters, result.candidates, result.correlations):
        th = table.loc[table["series"] == "TH"]
        assert len(th) and th["at_T_K"].isna().all() and th["at_H_Oe"].isna().all()
    curves = result.curves.loc[result.curves["series"] == "TH"]
    assert sorted(curves["at_H_Oe"].dropna().unique()) == list(T_SERIES_OE)
    assert sorted(curves["at_T_K"].dropna().unique()) == list(H_SERIES_K)
    # a slice at one field is the law over T at that field
    at = curves.loc[curves["at_H_Oe"] == 1000.0]
    truth = total_rate_s(at["T_K"], TRUTH, tuple(LAW.split("+")), 1000.0)
    assert np.allclose(at["rate_s-1"], truth, rtol=0.1)
    pts = result.points.loc[result.points["series"] == "TH"]
    assert len(pts) == len(_sample()) and pts["used"].all()


def test_figures_draw_the_global_slice_beside_the_series_fit(result):
    fig, ax = plt.subplots()
    first = result.points.loc[(result.points["series"] == "H")].iloc[0]
    _global_slice(ax, result.curves, first, "H", "C0", "2 K",
                  lambda d: d["H_Oe"].abs().to_numpy(dtype=float))  # fmt: skip
    labels = [line.get_label() for line in ax.get_lines()]
    plt.close(fig)
    assert labels == [f"2 K: global {LAW}"]


def test_global_fit_needs_two_series_and_can_be_switched_off():
    one = _sample(fields=(0.0,), temps=())
    res = analyse_rates(one, law_settings({"sigma": "fit"}))
    assert "TH" not in set(res.parameters["series"])
    off = analyse_rates(_sample(), law_settings({"sigma": "fit", "global_law": "off"}))
    assert "TH" not in set(off.parameters["series"]) | set(off.points["series"])


def test_a_given_global_law_that_fails_stops_with_one_line():
    settings = law_settings({"sigma": "fit", "global_law": "orbach+raman_bvv+qtm_field"})
    with pytest.raises(RateLawError, match=r"tau\(T, H\), all points.*at bound"):
        analyse_rates(_sample(), settings)


def test_m_direct_is_held_at_4_unless_fixed_or_freed():
    assert global_fixed({}) == {"m_direct": 4.0}
    assert global_fixed({"m_direct": 2.0}) == {"m_direct": 2.0}
    s = law_settings({"fixed": "m_direct=free, n=9"})
    assert s.free == ("m_direct",) and s.fixed == {"n_raman": 9.0}
    assert global_fixed(s.fixed, s.free) == {"n_raman": 9.0}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"law": "orbach+qtm_field"},
            "is a law in .T, H., not a tau.T. law: give it as global_law",
        ),
        ({"field_law": "orbach+qtm_field"}, "not a tau.H. law"),
        ({"candidates": "orbach,raman_bvv"}, "give it as global_law"),
        ({"global_law": "orbach+direct+qtm_field"}, "use direct_field"),
        ({"global_law": "qtm+qtm_field"}, "qtm and qtm_field describe one process"),
        ({"global_law": "raman+raman_bvv+qtm_field"}, "raman and raman_bvv describe one process"),
        ({"global_law": "orbach+constant+qtm_field"}, "constant has no place in a .T, H. law"),
        ({"fixed": "m_direct=four"}, "not a number"),
    ],
)
def test_refusals_name_the_law_and_the_reason(values, message):
    with pytest.raises(ValueError, match=message):
        law_settings(values)
