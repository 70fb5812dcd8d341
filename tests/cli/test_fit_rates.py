"""`spinrelax fit-rates` on fit tables: long-form output, options, bad input."""

import numpy as np
import pandas as pd

from spinrelax.cli import main
from spinrelax.rates.tables import PARAM_COLUMNS


def _fits(path, n=20, seed=0):
    rng = np.random.default_rng(seed)
    T = np.geomspace(2.0, 12.0, n)
    rate = (np.exp(-63.0 / T) / 2e-9 + 1200.0) * np.exp(0.03 * rng.standard_normal(n))
    pd.DataFrame({"T_K": T, "H_Oe": 0.0, "rate_s-1": rate, "rate_err_s-1": 0.03 * rate,
                  "sigma_lntau": 0.3, "usable": True}).to_csv(path, index=False)  # fmt: skip


def test_auto_law_long_form(tmp_path, capsys):
    _fits(tmp_path / "f.csv")
    cands = tmp_path / "cands.csv"
    code = main(["fit-rates", str(tmp_path / "f.csv"), "-o", str(tmp_path / "p.csv"),
                 "--candidates", str(cands), "--curves", str(tmp_path / "c.csv")])  # fmt: skip
    assert code == 0
    p = pd.read_csv(tmp_path / "p.csv")
    assert tuple(p.columns) == PARAM_COLUMNS
    assert set(p["sample"]) == {"f"}
    chosen = p.loc[p["parameter"] == "U_K", "law"].iloc[0]
    assert chosen == "orbach+qtm"
    aic = p.loc[p["parameter"] == "aic"]
    assert len(aic) == len(pd.read_csv(cands)) == 6  # one row per candidate law
    assert {"U_eff_cm-1", "tau_QTM_s", "chi2_red", "converged"} <= set(p["parameter"])
    curves = pd.read_csv(tmp_path / "c.csv")
    assert {"rate_s-1", "rate_orbach_s-1", "rate_qtm_s-1"} <= set(curves.columns)


def test_law_window_and_fixed(tmp_path):
    _fits(tmp_path / "f.csv")
    out = tmp_path / "p.csv"
    code = main(["fit-rates", str(tmp_path / "f.csv"), "--law", "orbach+raman+qtm", "--fix",
                 "n=9", "--T-min", "3", "-o", str(out)])  # fmt: skip
    assert code == 0
    p = pd.read_csv(out).set_index("parameter")
    assert p.loc["n_raman", "value"] == 9 and bool(p.loc["n_raman", "fixed"])
    assert p.loc["n_points", "value"] < 20


def test_bad_option_and_no_series(tmp_path, capsys):
    _fits(tmp_path / "f.csv", n=3)
    assert main(["fit-rates", str(tmp_path / "f.csv")]) == 2
    assert "no tau(T) or tau(H) series" in capsys.readouterr().err
    _fits(tmp_path / "g.csv")
    assert main(["fit-rates", str(tmp_path / "g.csv"), "--fix", "q=3"]) == 2
    assert "unknown parameter" in capsys.readouterr().err
