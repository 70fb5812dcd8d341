"""The rate-law choice on the real files of ../shared/realdata with no options: the chosen law
has every parameter determined (closed 68 % and 95 % profile intervals, no flag), the candidate
table marks the others, and the report states U_eff with its interval and its spread."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.cli import main
from spinrelax.rates.select import STATUSES

FILES = ("mpms3_ErCOT_I_THF2_ACvsF.dat", "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat", "acms_molmag_0Oe.dat")


@pytest.fixture(scope="module", params=FILES)
def report(request, realdata_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param.split(".")[0])
    assert main(["report", str(realdata_dir / request.param), "-o", str(out)]) == 0
    tables = out / "tables"
    return (request.param, pd.read_csv(tables / "rate_law_candidates.csv"),
            pd.read_csv(tables / "rate_law_parameters.csv"),
            pd.read_csv(tables / "rate_law_spread.csv"), (out / "report.html").read_text())  # fmt: skip


def test_chosen_law_has_every_parameter_determined(report):
    _, cands, params, _, _ = report
    assert set(cands["status"].str.split(":").str[0]) <= set(STATUSES)
    chosen = cands.loc[cands["selected"]]
    assert len(chosen) == 1 and chosen["status"].iloc[0] == "chosen"
    rows = params.loc[(params["law"] == chosen["law"].iloc[0]) & params["ci_method"].notna()]
    assert len(rows) >= 2
    assert (
        np.isfinite(rows[["value", "err", "ci68_low", "ci68_high", "ci95_low", "ci95_high"]])
        .all()
        .all()
    )
    assert (rows["ci68_low"] <= rows["value"]).all() and (rows["value"] <= rows["ci68_high"]).all()
    assert rows["flag"].isna().all()
    failed = cands["status"].isin(["not_converged", "at_bound"])
    assert cands.loc[failed, ["chi2_red", "aic", "U_K"]].isna().all().all()


def test_report_states_u_eff_interval_and_spread(report):
    name, cands, params, spread, page = report
    assert "was chosen: the lowest AICc of the" in page
    u = params.loc[params["parameter"] == "U_K"]
    if u.empty:  # the chosen law has no Orbach term (acms_molmag_0Oe: raman+qtm)
        assert "runner-up" in page
        return
    assert "68 % profile interval" in page
    assert (spread["kind"] == "window").sum() == 2
    assert spread.loc[spread["kind"] == "law", "status"].isin(["chosen", "eligible"]).all()


def test_ercot_undetermined_raman_not_chosen(report):
    name, cands, params, spread, page = report
    if not name.startswith("mpms3_ErCOT"):
        pytest.skip("Er(COT)I(THF)2 only")
    status = cands.set_index("law")["status"]
    assert status["orbach+qtm"] == "chosen"
    assert status["orbach+raman+qtm"].startswith("not_determined: ")
    u = params.set_index("parameter").loc["U_K"]
    assert 135.5 < u["value"] < 137.5 and u["ci68_high"] - u["ci68_low"] < 3.0
    assert "U_eff spans" in page and "Refitted without the lowest or the highest 20 %" in page


def test_forced_law_that_fails_stops_the_report(realdata_dir, tmp_path, capsys):
    """Er(COT)I(THF)2 above 6 K: orbach+raman+qtm runs n to its bound (it printed U = 4927 K
    before): exit 2, one line, no output folder."""
    out = tmp_path / "forced"
    code = main(["report", str(realdata_dir / FILES[0]), "-o", str(out), "--law",
                 "orbach+raman+qtm", "--T-min", "6"])  # fmt: skip
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and not out.exists()
    assert "law orbach+raman+qtm (tau(T) at 0.2 Oe): at bound: n_raman at its bound" in err[0]
