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


def test_forced_law_that_fails_exits_2_with_one_line(tmp_path, capsys):
    """On an Orbach + QTM sample, orbach+raman drives n to its bound and orbach+raman+qtm with
    U fixed at 1e5 K has a singular information matrix: exit 2, one line naming the law and
    the reason, no output file."""
    _fits(tmp_path / "f.csv")
    out = tmp_path / "p.csv"
    for args, reason in ((["--law", "orbach+raman"], "at bound: n_raman at its bound"),
                         (["--law", "orbach+raman+qtm", "--fix", "U=1e5"], "not converged")):  # fmt: skip
        code = main(["fit-rates", str(tmp_path / "f.csv"), *args, "-o", str(out)])
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(err) == 1 and not out.exists()
        assert f"law {args[1]} (tau(T) at 0 Oe): {reason}" in err[0]
    assert main(["fit-rates", str(tmp_path / "f.csv"), "--law", "orbach+qtm", "-o", str(out)]) == 0


def test_intervals_and_flags_in_the_long_table(tmp_path):
    _fits(tmp_path / "f.csv")
    out = tmp_path / "p.csv"
    assert main(["fit-rates", str(tmp_path / "f.csv"), "-o", str(out)]) == 0
    p = pd.read_csv(out).set_index("parameter")
    u = p.loc["U_K"]
    assert u["ci68_low"] < u["value"] < u["ci68_high"]
    assert u["ci95_low"] < u["ci68_low"] and u["ci95_high"] > u["ci68_high"]
    assert u["ci_method"] == "profile_likelihood" and pd.isna(u["flag"])
