"""Profile intervals of fitted rate laws: public units, derived quantities, ErCOT rates."""

import numpy as np
import pytest

from spinrelax.constants import CM1_PER_K
from spinrelax.rates.fit import fit_law
from spinrelax.rates.intervals import CI_METHOD, law_intervals
from spinrelax.rates.tables import parameter_rows, series_keys


def test_arrhenius_is_linear_so_profile_equals_wald():
    rng = np.random.default_rng(4)
    T = np.linspace(4.0, 12.0, 15)
    rate = np.exp(-60.0 / T) / 1e-9 * np.exp(0.05 * rng.standard_normal(T.size))
    fit = law_intervals(fit_law(T, 0.0, rate, 0.05, "orbach"), T, 0.0, rate, 0.05)
    lo68, hi68, lo95, hi95 = fit.intervals["U_K"]
    assert fit.ci_method == CI_METHOD
    assert lo68 == pytest.approx(
        fit.params["U_K"] - fit.errors["U_K"], abs=5e-3 * fit.errors["U_K"]
    )
    assert hi68 == pytest.approx(
        fit.params["U_K"] + fit.errors["U_K"], abs=5e-3 * fit.errors["U_K"]
    )
    assert hi95 - lo95 == pytest.approx(2 * 1.95996 * fit.errors["U_K"], rel=5e-3)
    # a prefactor's limits are exp(limits of its log): asymmetric around tau0
    t_lo, t_hi = fit.intervals["tau0_s"][:2]
    assert np.log(t_hi / fit.params["tau0_s"]) == pytest.approx(np.log(fit.params["tau0_s"] / t_lo))


def test_ercot_orbach_qtm_intervals_and_derived_columns(ercot_rates):
    T, rate, sig = ercot_rates
    fit = law_intervals(fit_law(T, 0.0, rate, sig, "orbach+qtm"), T, 0.0, rate, sig)
    lo, hi = fit.intervals["U_K"][:2]
    assert lo < fit.params["U_K"] < hi and 134.0 < lo and hi < 139.0
    rows = parameter_rows(series_keys("s", 1, "T", 0.0), fit, {fit.law: fit}).set_index("parameter")
    assert rows.loc["U_eff_cm-1", "ci68_low"] == pytest.approx(lo * CM1_PER_K)
    q_lo, q_hi = fit.intervals["rate_qt_s-1"][:2]
    assert rows.loc["tau_QTM_s", "ci68_low"] == pytest.approx(1 / q_hi)
    assert rows.loc["tau_QTM_s", "ci68_high"] == pytest.approx(1 / q_lo)
    assert (rows.loc[["U_K", "tau0_s", "rate_qt_s-1"], "ci_method"] == CI_METHOD).all()
    assert (rows.loc[["U_K", "tau0_s"], "flag"] == "").all()


def test_not_converged_law_publishes_no_number(ercot_rates):
    T, rate, sig = ercot_rates
    fit = fit_law(T, 0.0, rate, sig, "orbach+raman")  # U runs to its bound on these rates
    assert not fit.converged and fit.at_bound
    rows = parameter_rows(series_keys("s", 1, "T", 0.0), fit, {fit.law: fit},
                          ("at_bound", "U_K at its bound")).set_index("parameter")  # fmt: skip
    published = rows.drop(index=["n_points", "converged", "aic"])
    assert published[["value", "err", "ci68_low", "ci95_high"]].isna().all().all()
    assert (rows.loc[["U_K", "tau0_s"], "flag"] == "at_bound").all()
    assert rows.loc["U_K", "message"] == "U_K at its bound"
    assert rows.loc["converged", "value"] == 0


def test_limits_agree_with_constrained_refits(ercot_rates):
    """Er(COT)I(THF)2, orbach+raman+qtm (the hard case: Raman traded against the other terms):
    at every finite limit a refit with that parameter held gives the target deviance (1 at
    68 %, 3.84 at 95 %), and the 95 % interval contains the 68 % one."""
    T, rate, sig = ercot_rates
    best = fit_law(T, 0.0, rate, sig, "orbach+raman+qtm")
    fit = law_intervals(best, T, 0.0, rate, sig)
    s2 = best.chi2 / best.dof
    targets = (1.0, 1.0, 3.8415, 3.8415)
    for name in ("U_K", "n_raman", "C_raman_s-1_K-n"):
        lims = fit.intervals[name]
        assert lims[0] <= best.params[name] <= lims[1]
        assert not lims[2] > lims[0] and not lims[3] < lims[1]  # nested (NaN = open passes)
        for v, target in zip(lims, targets, strict=True):
            if not np.isfinite(v):
                continue
            start = {k: x for k, x in best.params.items() if k != name}
            held = fit_law(T, 0.0, rate, sig, best.terms, fixed={name: v}, start=start)
            assert (held.chi2 - best.chi2) / s2 == pytest.approx(target, abs=0.03)
