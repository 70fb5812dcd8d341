import pandas as pd
import pytest

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.relaxation.rates_table import is_enriched, read_rates, read_T_N_K


def test_usable_rows_and_exclusion_summary(tmp_path, synthetic_rates):
    path = tmp_path / "rates.csv"
    synthetic_rates().to_csv(path, index=False)
    usable, excluded = read_rates(path)
    assert usable["usable"].all()
    assert len(excluded) == 1
    assert excluded.loc[0, "flags"] == "peak_outside_window"
    assert excluded.loc[0, "n_excluded"] == 1
    assert is_enriched(usable["isotope"]).any()


def test_bad_number_names_file_line_column(tmp_path, synthetic_rates):
    table = synthetic_rates()
    table["T_K"] = table["T_K"].astype(object)
    table.loc[3, "T_K"] = "warm"
    path = tmp_path / "rates.csv"
    table.to_csv(path, index=False)
    with pytest.raises(SpinrelaxError) as err:
        read_rates(path)
    assert err.value.line == 5 and err.value.column == "T_K" and "rates.csv" in str(err.value)


def test_missing_column(tmp_path, synthetic_rates):
    path = tmp_path / "rates.csv"
    synthetic_rates().drop(columns=["usable"]).to_csv(path, index=False)
    with pytest.raises(SpinrelaxError, match="usable"):
        read_rates(path)


def test_T_N_wide_and_long(tmp_path):
    wide = tmp_path / "wide.csv"
    pd.DataFrame(
        {"sample": ["a", "b"], "x_Er": [0.25, 1.0], "T_N_K": [float("nan"), 0.081]}
    ).to_csv(wide, index=False)
    assert read_T_N_K(wide) == pytest.approx(0.081)
    long = tmp_path / "long.csv"
    pd.DataFrame({"parameter": ["theta_K", "T_N_K"], "value": [-0.088, 0.08]}).to_csv(
        long, index=False
    )
    assert read_T_N_K(long) == pytest.approx(0.08)
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"a": [1]}).to_csv(bad, index=False)
    with pytest.raises(SpinrelaxError):
        read_T_N_K(bad)
