import numpy as np

from spinrelax.rates.select import (
    CANDIDATE_COLUMNS,
    STATUSES,
    T_CANDIDATES,
    compare_laws,
    law_status,
    term_correlations,
)


def test_candidate_table_chooses_orbach_plus_qtm():
    rng = np.random.default_rng(3)
    T = np.geomspace(2.0, 12.0, 30)
    rate = (np.exp(-63.0 / T) / 2e-9 + 1200.0) * np.exp(0.03 * rng.standard_normal(T.size))
    chosen, fits, table = compare_laws(T, 0.0, rate, 0.03, T_CANDIDATES)
    assert tuple(table.columns) == CANDIDATE_COLUMNS
    assert list(table["law"]) == list(T_CANDIDATES)
    assert chosen is not None and chosen.law == "orbach+qtm"
    assert table["selected"].sum() == 1
    assert table.loc[table["selected"], "delta_aicc"].iloc[0] == 0.0
    assert np.isclose(table["akaike_weight"].sum(), 1.0)
    assert (table.loc[table["law"] == "orbach", "delta_aicc"] > 10).all()


def test_fixed_values_apply_only_where_the_parameter_exists():
    T = np.geomspace(2.0, 8.0, 12)
    noise = np.exp(0.02 * np.random.default_rng(1).standard_normal(T.size))
    rate = (1e-2 * T**9 + 10.0) * noise
    chosen, fits, _ = compare_laws(
        T, 0.0, rate, 0.02, ("raman+qtm", "orbach+qtm"), fixed={"n_raman": 9}
    )
    assert fits["raman+qtm"].params["n_raman"] == 9.0
    assert "n_raman" not in fits["orbach+qtm"].params
    assert chosen.law == "raman+qtm"


def test_no_converged_candidate_chooses_none():
    chosen, _, table = compare_laws([2.0, 3.0], 0.0, [1.0, 2.0], 0.1, ("orbach+qtm",))
    assert chosen is None and not table["selected"].any()


def test_ercot_rates_choose_a_determined_law(ercot_rates):
    """Er(COT)I(THF)2: orbach+raman+qtm has the lowest AICc but its Raman term only trades
    against the other terms; the chosen law is orbach+qtm with every parameter determined."""
    T, rate, sig = ercot_rates
    chosen, fits, table = compare_laws(T, 0.0, rate, sig, T_CANDIDATES)
    status = table.set_index("law")["status"]
    assert chosen.law == "orbach+qtm" and status["orbach+qtm"] == "chosen"
    assert status["orbach+raman+qtm"].startswith("not_determined: ")
    assert "n_raman" in status["orbach+raman+qtm"]
    assert table.set_index("law").loc["orbach+raman+qtm", "max_term_correlation"] > 0.99
    assert status["orbach+raman"] in ("at_bound", "not_converged")
    assert table.set_index("law").loc["orbach+raman", ["aic", "chi2_red", "U_K"]].isna().all()
    assert 135.0 < chosen.params["U_K"] < 138.0  # 136.5 K on the rates of today's fit-ac
    assert all(np.isfinite(chosen.intervals[n]).all() for n in chosen.free)
    assert set(table["status"].str.split(":").str[0]) <= set(STATUSES)


def test_term_correlation_is_invariant_to_the_prefactor_reference(ercot_rates):
    """Er(COT)I(THF)2, orbach+qtm: ln tau0 and U are correlated beyond 0.99 (the activated part
    spans a narrow 1/T range far from 1/T = 0, the reference of tau0), but the Orbach term is
    far from degenerate with the QTM term; orbach alone has no other term."""
    T, rate, sig = ercot_rates
    _, fits, _ = compare_laws(T, 0.0, rate, sig, ("orbach", "orbach+qtm"))
    f = fits["orbach+qtm"]
    assert abs(f.correlation[0, 1]) > 0.99
    assert max(term_correlations(f).values()) < 0.9
    assert term_correlations(fits["orbach"]) == {}
    assert law_status(f) == ("eligible", "")
    assert law_status(f, max_correlation=0.1)[0].startswith("not_determined")


def test_a_not_determined_law_publishes_no_U_interval():
    """U_K of a candidate whose parameters are not all determined stays (with its status), its
    profile interval does not: an interval of a law the data cannot pin down is no number."""
    from dataclasses import replace

    from spinrelax.rates.select import candidate_table

    rng = np.random.default_rng(3)
    T = np.geomspace(2.0, 12.0, 30)
    rate = (np.exp(-63.0 / T) / 2e-9 + 1200.0) * np.exp(0.03 * rng.standard_normal(T.size))
    _, fits, table = compare_laws(T, 0.0, rate, 0.03, ("orbach+qtm",))
    assert np.isfinite(table[["U_ci68_low_K", "U_ci68_high_K"]]).all().all()
    fit = fits["orbach+qtm"]
    nan4 = (np.nan,) * 4
    undetermined = replace(fit, intervals={**fit.intervals, "rate_qt_s-1": nan4})
    row = candidate_table({"orbach+qtm": undetermined}).iloc[0]
    assert row["status"].startswith("not_determined: rate_qt_s-1")
    assert np.isfinite(row["U_K"])
    assert np.isnan(row["U_ci68_low_K"]) and np.isnan(row["U_ci68_high_K"])
