"""``spinrelax fit-peaks`` and how the other commands treat fixed-frequency scans (constructed
files in tests/data/scans; see their README)."""

from pathlib import Path

import pandas as pd
import pytest

from spinrelax.cli import main

SCANS = Path(__file__).resolve().parents[1] / "data" / "scans"
T7 = str(SCANS / "mpms3_chi_vs_T_7freq.dat")
MIXED = str(SCANS / "mpms3_sweeps_then_T_scan.dat")
FIELD = str(SCANS / "mpms3_chi_vs_H_10Hz.dat")


def test_fit_peaks_writes_peaks_and_arrhenius(tmp_path, capsys):
    out, arr = tmp_path / "peaks.csv", tmp_path / "arrhenius.csv"
    assert main(["fit-peaks", T7, "-o", str(out), "--arrhenius", str(arr)]) == 0
    stdout = capsys.readouterr().out.splitlines()
    assert stdout[-1] == (f"spinrelax fit-peaks: 7 of 7 scans with a peak; outputs: {out}, {arr}")
    assert stdout[0].startswith(f"{T7}: H = ") and "U_eff = 59." in stdout[0]
    peaks = pd.read_csv(out)
    assert sorted(peaks["freq_Hz"]) == [1, 3, 10, 30, 100, 300, 1000]
    assert peaks["T_K"].is_monotonic_increasing  # higher frequency, higher peak temperature
    (row,) = pd.read_csv(arr).itertuples()
    assert row.U_eff_K == pytest.approx(60, rel=0.02) and row.n_peaks == 7


def test_fit_peaks_on_stdout_keeps_the_csv_clean(capsys):
    assert main(["fit-peaks", T7]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith("file,chi_unit,scan,freq_Hz")
    assert len(captured.out.splitlines()) == 8
    assert "outputs: stdout" in captured.err


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (FIELD, "no fixed-frequency temperature scan: the file holds 1 fixed-frequency scan(s) chi vs H at 10 Hz"),
        ("REAL", "no fixed-frequency temperature scan: the file holds frequency sweeps (33 spectra) (use spinrelax fit-ac)"),
    ],
)  # fmt: skip
def test_fit_peaks_without_a_temperature_scan_says_what_the_file_holds(
    path, message, realdata_dir, capsys
):
    path = str(realdata_dir / "acms_molmag_0Oe.dat") if path == "REAL" else path
    assert main(["fit-peaks", path]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err


def test_fit_ac_refuses_a_scan_file_in_one_line(capsys):
    assert main(["fit-ac", T7]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "7 fixed-frequency scan(s) chi vs T at 1, 3, 10, 30, 100, 300, 1000 Hz, not " in err[0]
    assert f"run: spinrelax fit-peaks {T7}" in err[0]


def test_fit_ac_fits_the_sweeps_of_a_mixed_file_and_lists_the_scan_rows(tmp_path, capsys):
    out = tmp_path / "fits.csv"
    assert main(["fit-ac", MIXED, "-o", str(out)]) == 0
    fits = pd.read_csv(out)
    assert len(fits) == 5 and fits["T_K"].round(1).tolist() == [3.0, 3.5, 4.0, 4.5, 5.0]
    assert "5 spectra fitted" in capsys.readouterr().out


def test_inspect_reports_the_scans(capsys):
    assert main(["inspect", T7, MIXED, FIELD]) == 0
    out = capsys.readouterr().out
    assert (
        "  measurement: 7 fixed-frequency scan(s) chi vs T at 1, 3, 10, 30, 100, 300, 1000 Hz"
        in out
    )
    assert (
        "  measurement: 5 frequency sweep(s) and 1 fixed-frequency scan(s) chi vs T at 100 Hz"
        in out
    )
    assert "  measurement: 1 fixed-frequency scan(s) chi vs H at 10 Hz" in out
    assert f"chi vs T scans: spinrelax fit-peaks {T7}" in out
