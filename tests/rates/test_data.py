import numpy as np
import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.rates.data import (
    SeriesSettings,
    cluster,
    normalise_fit_table,
    read_fit_table,
    split_series,
)


def _table():
    T = np.array([2.0, 3.0, 4.0, 5.0, 6.0, 2.01, 2.0, 2.0, 2.0])
    H = np.array([0.0, 0.3, -0.2, 0.0, 0.1, 500.0, 1000.0, 2000.0, 3000.0])
    tau = np.array([1e-2, 5e-3, 1e-3, 1e-4, 1e-5, 2e-2, 3e-2, 2e-2, 1e-2])
    return pd.DataFrame({"T_K": T, "H_Oe": H, "tau_s": tau, "tau_err_s": 0.01 * tau,
                         "tau2_s": np.where(T < 3, tau / 100, np.nan), "converged": True})  # fmt: skip


def test_rates_from_tau_and_second_process():
    pts = normalise_fit_table(_table(), file="x.csv", sample="s")
    one = pts.loc[pts["process"] == 1]
    np.testing.assert_allclose(one["rate_s-1"], 1 / _table()["tau_s"])
    np.testing.assert_allclose(one["rate_err_s-1"] / one["rate_s-1"], 0.01)
    two = pts.loc[pts["process"] == 2]
    assert len(two) == 5 and two["usable"].all()


def test_series_split_by_field_and_temperature():
    pts = normalise_fit_table(_table(), file="x.csv", sample="s")
    series = split_series(pts.loc[pts["process"] == 1], SeriesSettings())
    kinds = sorted((v, at, len(rows)) for v, at, rows in series)
    assert kinds == [("H", 2.002, 5), ("T", 0.1, 5)]


def test_cluster_gaps():
    labels = cluster(np.array([0.0, 0.2, 5.0, 100.0, 101.0]), 1.0, 0.0)
    assert labels.tolist() == [0, 0, 1, 2, 2]


def test_bad_tables_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("T_K,tau_s\n2,0.1\n")
    with pytest.raises(InputFormatError, match="column 'H_Oe'"):
        read_fit_table(path)
    path.write_text("T_K,H_Oe,chi\n2,0,1\n")
    with pytest.raises(InputFormatError, match="not an ac fit table"):
        read_fit_table(path)
    path.write_text("")
    with pytest.raises(InputFormatError, match="empty"):
        read_fit_table(path)
