"""The synthetic paper-1 samples, fitted through the generic ``fit-ac`` -> ``fit-rates``,
recover the truth model of the virtual instrument (config.yaml ``simulate:``; the test reads
it, the analysis never does): U = 63 K, tau0 and the plateau qt_rate_x1 x^2 at H = 0."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from spinrelax.acsus.fitting import FitSettings
from spinrelax.cli import main
from spinrelax.cli.fit_ac_cmd import fit_files
from spinrelax.io.csv_table import write_csv

REPO = Path(__file__).resolve().parents[2]
TRUTH = yaml.safe_load((REPO / "config.yaml").read_text())["simulate"]["acsus"]["rates"]


@pytest.mark.parametrize(
    "name, x",
    [("Er025_powder_ACvsF", 0.25), ("Er010_powder_ACvsF", 0.10), ("Er005_powder_ACvsF", 0.05)],
)
def test_generic_fit_rates_recovers_the_truth(tmp_path, name, x):
    _, fits = fit_files([str(REPO / "data" / "raw" / "acsus" / f"{name}.dat")], FitSettings())
    write_csv(fits, tmp_path / "fits.csv")
    out = tmp_path / "params.csv"
    assert (
        main(["fit-rates", str(tmp_path / "fits.csv"), "--law", "orbach+qtm", "-o", str(out)]) == 0
    )
    p = pd.read_csv(out).set_index("parameter")
    assert p.loc["converged", "value"] == 1
    for name_, truth in (("U_K", TRUTH["U_K"]), ("tau0_s", TRUTH["tau0_s"]),
                         ("rate_qt_s-1", TRUTH["qt_rate_x1_per_s"] * x ** TRUTH["qt_x_exponent"])):  # fmt: skip
        value, err = p.loc[name_, "value"], p.loc[name_, "err"]
        assert abs(value - truth) < 3 * err, (name_, value, err, truth)
