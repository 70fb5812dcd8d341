"""U_eff over eligible laws and temperature windows (model uncertainty)."""

import numpy as np

from spinrelax.rates.select import T_CANDIDATES, compare_laws
from spinrelax.rates.spread import SPREAD_COLUMNS, spread_rows, ueff_range, window_fits
from spinrelax.rates.tables import series_keys


def test_windows_leave_out_a_fifth_of_the_temperatures_at_each_end(ercot_rates):
    T, rate, sig = ercot_rates
    chosen, fits, table = compare_laws(T, 0.0, rate, sig, T_CANDIDATES)
    windows = window_fits(chosen, T, np.zeros_like(T), rate, np.asarray(sig))
    temps = np.unique(T)
    drop = round(0.2 * temps.size)
    assert [(lo, hi) for lo, hi, _ in windows] == [
        (temps[drop], temps[-1]),
        (temps[0], temps[-1 - drop]),
    ]
    assert all(f.law == chosen.law and f.converged for _, _, f in windows)
    statuses = dict(zip(table["law"], table["status"], strict=True))
    delta = dict(zip(table["law"], table["delta_aicc"], strict=True))
    rows = spread_rows(series_keys("s", 1, "T", 0.0), chosen, fits, statuses, delta, T,
                       np.zeros_like(T), rate, np.asarray(sig))  # fmt: skip
    assert tuple(rows.columns) == SPREAD_COLUMNS
    laws = rows.loc[rows["kind"] == "law"]
    assert set(laws["status"]) <= {"chosen", "eligible"} and "orbach+raman+qtm" not in set(
        laws["law"]
    )
    lo, hi, n = ueff_range(rows, "window")
    assert n == 2 and lo <= hi and abs(hi - lo) < 10.0  # K: windows move U_eff by a few K
    assert ueff_range(rows, "law")[2] == len(laws)


def test_no_orbach_no_rows():
    rng = np.random.default_rng(5)
    T = np.geomspace(2.0, 10.0, 20)
    rate = (1e-2 * T**5 + 30.0) * np.exp(0.02 * rng.standard_normal(T.size))
    chosen, fits, table = compare_laws(T, 0.0, rate, 0.02, ("raman+qtm",))
    rows = spread_rows(series_keys("s", 1, "T", 0.0), chosen, fits, {}, {}, T, 0 * T, rate,
                       np.full(T.size, 0.02))  # fmt: skip
    assert rows.empty and tuple(rows.columns) == SPREAD_COLUMNS
