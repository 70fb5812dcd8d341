"""`spinrelax fit-deflection` end to end on files written with the profile writer."""

import numpy as np
import pandas as pd
import pytest
from scipy.special import erf

from spinrelax.cli import main
from spinrelax.cli.fit_deflection_cmd import CLI_COLUMNS
from spinrelax.io.deflection_profile import write_deflection_profile

META = {
    "element": "V",
    "n": 11,
    "mass_u": 560.3565,
    "ns_per_mm": 10.54,
    "tof_sign": 1,
    "B_T": 2.4,
    "dBdz_T_per_m": 500.0,
    "L1_m": 0.06,
    "L2_m": 1.0,
    "v_m_per_s": 450.0,
    "v_rel_sigma": 0.0,
    "T_cluster_K_nominal": 45.0,
}


def _slit(z, c):
    return (
        erf((z - c + 0.25) / (np.sqrt(2) * 0.07)) - erf((z - c - 0.25) / (np.sqrt(2) * 0.07))
    ) / 2


def _write(path, split_mm):
    z = np.linspace(-4, 4, 241)
    rng = np.random.default_rng(3)
    off = rng.poisson(2 + 3000 * _slit(z, 0.0))
    on = rng.poisson(2 + 1500 * (_slit(z, split_mm) + _slit(z, -split_mm)))
    write_deflection_profile(path, META, 5000 + z * 10.54, off, on)


def test_columns_and_atomic_like(tmp_path, capsys):
    _write(tmp_path / "a.csv", 1.5)
    out = tmp_path / "out.csv"
    assert main(["fit-deflection", str(tmp_path / "a.csv"), "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert tuple(table.columns) == CLI_COLUMNS
    row = table.iloc[0]
    assert row["behaviour"] == "atomic_like"
    assert row["moment_muB"] == pytest.approx(1.5 / row["deflection_per_muB_mm"], rel=0.01)


def test_stdout(tmp_path, capsys):
    _write(tmp_path / "a.csv", 0.0)
    assert main(["fit-deflection", str(tmp_path / "a.csv")]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == ",".join(CLI_COLUMNS)
    assert "non_magnetic" in text


def test_bad_input_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("# element = V\nt_ns,counts_off,counts_on\n1,1,1\n")
    assert main(["fit-deflection", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(bad) in err and "mass_u" in err
