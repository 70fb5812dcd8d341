"""A sample sheet naming a sample's DC decay file (``dc_glob``) beside its ac file: the workflow
joins the decays into the sample's report with the library function of ``spinrelax report``, so
the DC tables and rows are the CLI's byte for byte. (The ac rows' derived columns, such as
sigma_ln_fit, can differ in the 10th digit: the workflow reads its spectrum fits back from CSV,
the CLI keeps them in memory; so the rate-law results are compared to 1e-6.)"""

import pandas as pd
import pytest

from spinrelax.cli import main

pytestmark = pytest.mark.workflow

AC = "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"
DC = "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"
SHEET = "sample_id\tinstrument\traw_glob\tdc_glob\nK18c6\tMPMS3\t{d}/{ac}\t{d}/{dc}\n"
SAME = ("dc_fits", "rates")


def test_dc_files_of_the_sheet_join_the_report_as_the_cli_does(
    tmp_path, run_workflow, realdata_dir, sheet_config
):
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(SHEET.format(d=realdata_dir, ac=AC, dc=DC))
    cfg = sheet_config(sheet)
    proc = run_workflow(tmp_path, [], cfg)
    assert proc.returncode == 0, proc.stderr[-3000:]
    own = tmp_path / "results" / "own" / "sheet" / "K18c6"
    cli = tmp_path / "cli"
    argv = ["report", str(realdata_dir / AC), str(realdata_dir / DC), "-o", str(cli)]
    assert main([*argv, "--sample", "K18c6"]) == 0
    for name in SAME:
        ours, theirs = own / "tables" / f"{name}.csv", cli / "tables" / f"{name}.csv"
        assert ours.read_bytes() == theirs.read_bytes(), name
    lines = [(d / "tables" / "rate_points.csv").read_text().splitlines() for d in (own, cli)]
    dc_rows = [[r for r in rows if r.startswith("K18c6,1,dc,")] for rows in lines]
    assert len(dc_rows[0]) == 5 and dc_rows[0] == dc_rows[1]
    params = [pd.read_csv(d / "tables" / "rate_law_parameters.csv") for d in (own, cli)]
    pd.testing.assert_frame_equal(params[0], params[1], rtol=1e-6)
    rates = pd.read_csv(own / "tables" / "rates.csv")
    assert set(rates["method"]) == {"ac", "dc"}
    assert (own / "figures" / "dc_decays.png").is_file()
    assert "M_eq fitted" in (own / "report.html").read_text(encoding="utf-8")


def test_a_dc_glob_matching_nothing_is_named(tmp_path, run_workflow, realdata_dir, sheet_config):
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(SHEET.format(d=realdata_dir, ac=AC, dc="nothing_*.dat"))
    cfg = sheet_config(sheet)
    proc = run_workflow(tmp_path, [], cfg)
    assert proc.returncode != 0
    assert "dc_glob" in proc.stderr and "matches no file" in proc.stderr
