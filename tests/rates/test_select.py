import numpy as np

from spinrelax.rates.select import CANDIDATE_COLUMNS, T_CANDIDATES, compare_laws


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
