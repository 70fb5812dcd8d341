"""`spinrelax fit-ac` end to end on files written with the instrument writers."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.models import chi_real_imag
from spinrelax.cli import main
from spinrelax.cli.fit_ac_cmd import CLI_COLUMNS
from spinrelax.io.writers import write_acms_dat, write_mpms3_dat, write_tidy_csv

F = np.logspace(-1, 3, 21)
#: (T_K, H_Oe, tau_s, alpha): several fields at one temperature, as a field sweep file has.
TRUTH = [
    (2.0, 0.0, 2e-3, 0.1),
    (2.0, 500.0, 8e-3, 0.15),
    (2.0, 1000.0, 3e-2, 0.2),
    (3.0, 0.0, 4e-4, 0.05),
]


def _points(seed=0, sweep_down=False):
    rng = np.random.default_rng(seed)
    rows = []
    t = 3.9e9
    for T, H, tau, alpha in TRUTH:
        f = F[::-1] if sweep_down else F
        re, im = chi_real_imag("generalized_debye", f, np.array([[2e-6, 8e-5, np.log(tau), alpha]]))
        n = f.size
        rows.append(
            pd.DataFrame(
                {
                    "T_K": T + 2e-3 * rng.normal(size=n),  # mK drift inside a sweep
                    "H_Oe": H + 0.2 * rng.normal(size=n),
                    "freq_Hz": f,
                    "drive_Oe": 2.0,
                    "chi_real_emu_per_Oe": re[0] + 2e-7 * rng.normal(size=n),
                    "chi_imag_emu_per_Oe": im[0] + 2e-7 * rng.normal(size=n),
                    "chi_real_err_emu_per_Oe": 2e-7,
                    "chi_imag_err_emu_per_Oe": 2e-7,
                    "time_s": t + 10.0 * np.arange(n),
                }
            )
        )
        t += 1e4
    return pd.concat(rows, ignore_index=True)


@pytest.fixture
def mpms3_file(tmp_path):
    path = tmp_path / "ErW10_fieldsweep.dat"
    write_mpms3_dat(path, _points(), sample_mass_mg=10.0, molar_mass_g_per_mol=3350.0, title="test")
    return path


def test_several_fields_in_one_file_all_fitted(mpms3_file, tmp_path):
    out = tmp_path / "fits.csv"
    assert main(["fit-ac", str(mpms3_file), "-o", str(out)]) == 0
    table = pd.read_csv(out, keep_default_na=False, na_values=[""])
    assert tuple(table.columns) == CLI_COLUMNS
    assert len(table) == len(TRUTH)
    np.testing.assert_allclose(table["H_Oe"], [t[1] for t in TRUTH], atol=1.0)
    np.testing.assert_allclose(table["tau_s"], [t[2] for t in TRUTH], rtol=0.03)
    assert table["converged"].all()
    # the header gives mass and molar mass: emu/mol, as the workflow's ingest does
    assert (table["chi_unit"] == "emu/mol").all()


def test_file_units_keeps_emu_per_Oe_and_conflicts_with_a_mass(mpms3_file, tmp_path):
    out = tmp_path / "fits.csv"
    assert main(["fit-ac", str(mpms3_file), "-o", str(out), "--file-units"]) == 0
    kept = pd.read_csv(out)
    assert (kept["chi_unit"] == "emu/Oe").all()
    assert main(["fit-ac", str(mpms3_file), "-o", str(out)]) == 0
    molar = pd.read_csv(out)
    np.testing.assert_allclose(molar["tau_s"], kept["tau_s"], rtol=1e-9)
    args = ["fit-ac", str(mpms3_file), "--file-units", "--mass-mg", "1", "--molar-mass", "2"]
    assert main(args) == 2


def test_ppms_acms_high_to_low_sweeps_and_molar_units(tmp_path):
    path = tmp_path / "acms.dat"
    write_acms_dat(
        path,
        _points(seed=1, sweep_down=True),
        sample_mass_mg=None,
        molar_mass_g_per_mol=None,
        title="x",
    )
    out = tmp_path / "fits.csv"
    assert (
        main(["fit-ac", str(path), "-o", str(out), "--mass-mg", "10", "--molar-mass", "3350"]) == 0
    )
    table = pd.read_csv(out)
    assert len(table) == len(TRUTH)
    np.testing.assert_allclose(table["tau_s"], [t[2] for t in TRUTH], rtol=0.03)
    assert (table["chi_unit"] == "emu/mol").all()
    # chi_T = 8.2e-5 emu/Oe * 3350 g/mol / 0.010 g
    np.testing.assert_allclose(table["chi_T"], 8.2e-5 * 3350 / 0.010, rtol=0.02)


def test_flagged_spectrum_reported_with_exit_zero(tmp_path, capsys):
    pts = _points()
    pts.loc[pts["T_K"] > 2.5, "chi_imag_emu_per_Oe"] *= -1  # sign-flipped export of one spectrum
    path = tmp_path / "flipped.dat"
    write_mpms3_dat(path, pts, sample_mass_mg=None, molar_mass_g_per_mol=None, title="t")
    assert main(["fit-ac", str(path), "--model", "auto"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == ",".join(CLI_COLUMNS)
    flipped = [line for line in lines[1:] if "negative_chi_imag" in line]
    assert len(flipped) == 1 and ",False," in flipped[0]


def test_tidy_csv_and_plots(tmp_path):
    pts = _points().rename(columns=lambda c: c.replace("_emu_per_Oe", ""))
    path = tmp_path / "tidy.csv"
    write_tidy_csv(path, pts, chi_unit="arb")
    assert (
        main(
            ["fit-ac", str(path), "-o", str(tmp_path / "o.csv"), "--plots", str(tmp_path / "plots")]
        )
        == 0
    )
    assert (tmp_path / "plots" / "tidy_fits.png").stat().st_size > 1000


def test_bad_input_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "garbage.dat"
    bad.write_bytes(b"\x00\x01binary\x00")
    assert main(["fit-ac", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "garbage.dat" in err[0]


def test_mass_without_molar_mass_is_an_error(mpms3_file, capsys):
    assert main(["fit-ac", str(mpms3_file), "--mass-mg", "3"]) == 2
    assert "--molar-mass" in capsys.readouterr().err


@pytest.mark.parametrize("flag", [[], ["-v"]])
def test_progress_on_stderr_only_with_verbose(mpms3_file, tmp_path, capsys, flag):
    out = tmp_path / "fits.csv"
    assert main(["fit-ac", *flag, str(mpms3_file), "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    if flag:
        assert "chi in emu/mol with the header's mass 10 mg" in err[0]
        assert err[1].startswith("spinrelax: read: 1/1 files (100 %), ")
        assert err[2].startswith("spinrelax: fitted generalized_debye: 4/4 spectra (100 %), ")
    assert len(err) == (3 if flag else 0)
    assert "spinrelax:" not in out.read_text()


def test_weighting_and_outlier_options_are_reported_per_row(mpms3_file, tmp_path):
    out = tmp_path / "fits.csv"
    args = ["fit-ac", str(mpms3_file), "-o", str(out)]
    assert main(args) == 0
    default = pd.read_csv(out, keep_default_na=False, na_values=[""])
    assert (default["weighting"] == "none").all() and not default["weighted"].any()
    assert (default["n_points_used"] == default["n_points"]).all()
    assert default["outlier_freqs_Hz"].isna().all()
    assert main([*args, "--weighting", "instrument", "--outlier-sigma", "8"]) == 0
    weighted = pd.read_csv(out, keep_default_na=False, na_values=[""])
    assert (weighted["weighting"] == "instrument").all() and weighted["weighted"].all()
    np.testing.assert_allclose(weighted["tau_s"], default["tau_s"], rtol=0.05)


def test_columns_a_model_lacks_are_empty(mpms3_file, tmp_path):
    out = tmp_path / "fits.csv"
    for model, empty, filled in (
        ("generalized_debye", ["gamma", "tau2_s", "alpha2", "dchi2", "rate2_s-1"], ["alpha"]),
        ("cole_davidson", ["alpha", "tau2_s", "alpha2"], ["gamma"]),
        ("double_generalized_debye", ["gamma"], ["tau2_s", "alpha2", "dchi2", "rate2_s-1"]),
    ):
        assert main(["fit-ac", str(mpms3_file), "-o", str(out), "--model", model]) == 0
        table = pd.read_csv(out, keep_default_na=False, na_values=[""])
        assert table[empty].isna().all().all(), model
        assert table[filled].notna().all().all(), model
        assert table[["tau_peak_s", "tau_mean_s", "rate_s-1", "sigma_lntau"]].notna().all().all()


@pytest.mark.parametrize("bad", ["-1", "nan"])
def test_negative_outlier_sigma_is_refused(mpms3_file, bad, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["fit-ac", str(mpms3_file), "--outlier-sigma", bad])
    assert exc.value.code == 2
    assert "--outlier-sigma" in capsys.readouterr().err


def test_every_output_column_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ac_fit_table.md").read_text()
    missing = [c for c in CLI_COLUMNS if f"`{c}`" not in doc]
    assert not missing, f"columns missing from docs/ac_fit_table.md: {missing}"
