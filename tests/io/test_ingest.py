"""Ingest of one sample: spectra numbering across files, metadata precedence, accounting."""

import logging

import numpy as np
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.ingest import combine_results, ingest_sample
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.spectra_table import validate_spectra_table
from spinrelax.io.writers import write_acms_dat, write_mpms3_dat, write_tidy_csv

TOL = SegmentationSettings()


@pytest.fixture
def two_files(tmp_path, points_factory):
    a = tmp_path / "a.dat"
    b = tmp_path / "b.dat"
    write_mpms3_dat(
        a,
        points_factory(temps_K=(2.0, 3.0)),
        sample_mass_mg=20.0,
        molar_mass_g_per_mol=500.0,
        title="a",
    )
    write_acms_dat(
        b,
        points_factory(temps_K=(4.0,), fields_Oe=(0.0, 1000.0), descending=True),
        sample_mass_mg=20.0,
        molar_mass_g_per_mol=500.0,
        title="b",
    )
    return [(b, "raw/b.dat"), (a, "raw/a.dat")]


def test_spectra_unique_across_files_and_accounting(two_files):
    r = ingest_sample("s", two_files, SampleMetadata(None, None), TOL, "molar_cgs")
    validate_spectra_table(r.spectra)
    assert sorted(r.spectra["spectrum"].unique()) == [0, 1, 2, 3]
    per = r.spectra.groupby("spectrum").agg(
        file=("file", "first"), T=("T_K_spectrum", "first"), H=("H_Oe_spectrum", "first")
    )
    assert per["file"].tolist() == ["raw/a.dat", "raw/a.dat", "raw/b.dat", "raw/b.dat"]
    assert per["T"].tolist() == [2.0, 3.0, 4.0, 4.0]
    assert per["H"].tolist() == [0.0, 0.0, 0.0, 1000.0]
    s = r.summary
    assert (s["rows_read"] == s["rows_used"] + s["rows_rejected"]).all()
    assert set(s["sample_mass_source"]) == {"file header"}
    assert (r.spectra["chi_unit"] == "emu/mol").all()
    # sorted by frequency inside each spectrum even for a high->low sweep
    assert all(np.all(np.diff(g["freq_Hz"]) > 0) for _, g in r.spectra.groupby("spectrum"))


def test_sheet_overrides_header_mass(two_files):
    by_header = ingest_sample("s", two_files, SampleMetadata(None, None), TOL, "molar_cgs")
    by_sheet = ingest_sample("s", two_files, SampleMetadata(10.0, None), TOL, "molar_cgs")
    assert set(by_sheet.summary["sample_mass_source"]) == {"sample sheet"}
    np.testing.assert_allclose(by_sheet.spectra["chi_imag"], 2 * by_header.spectra["chi_imag"])


def test_missing_mass_runs_in_file_units_with_a_warning(tmp_path, points_factory, caplog):
    p = tmp_path / "a.dat"
    write_mpms3_dat(p, points_factory(), sample_mass_mg=None, molar_mass_g_per_mol=500.0, title="a")
    r = ingest_sample("s", [(p, "a.dat")], SampleMetadata(None, None), TOL, "molar_cgs")
    assert (r.spectra["chi_unit"] == "emu/Oe").all()
    assert "no mass_mg in the sample sheet or in the header of a.dat" in caplog.text
    r = ingest_sample("s", [(p, "a.dat")], SampleMetadata(10.0, None), TOL, "molar_cgs")
    assert (r.spectra["chi_unit"] == "emu/mol").all()


def test_mixed_units_and_empty_sample_are_errors(tmp_path, points_factory):
    pts = points_factory().rename(
        columns={"chi_real_emu_per_Oe": "chi_real", "chi_imag_emu_per_Oe": "chi_imag"}
    )
    write_tidy_csv(tmp_path / "a.csv", pts, chi_unit="arb")
    write_tidy_csv(tmp_path / "b.csv", pts.assign(T_K=pts["T_K"] + 1), chi_unit="emu/mol")
    files = [(tmp_path / "a.csv", "a.csv"), (tmp_path / "b.csv", "b.csv")]
    with pytest.raises(InputFormatError, match="differs"):
        ingest_sample("s", files, SampleMetadata(None, None), TOL, "molar_cgs")
    (tmp_path / "c.csv").write_text(
        "# chi_unit = arb\nT_K,H_Oe,freq_Hz,chi_real,chi_imag\nx,0,1,1,1\n"
    )
    with pytest.raises(InputFormatError, match="no usable data row"):
        ingest_sample("s", [(tmp_path / "c.csv", "c.csv")], SampleMetadata(None, None), TOL, "file")


def test_combine_results(two_files):
    r1 = ingest_sample("s1", two_files, SampleMetadata(None, None), TOL, "molar_cgs")
    r2 = ingest_sample("s0", two_files[:1], SampleMetadata(None, None), TOL, "molar_cgs")
    c = combine_results([r1, r2])
    validate_spectra_table(c.spectra)
    assert c.spectra["sample"].iloc[0] == "s0"
    assert len(c.spectra) == len(r1.spectra) + len(r2.spectra)
    assert c.summary["sample"].tolist() == ["s0", "s1", "s1"]


def test_progress_logged_per_file(two_files, caplog, monkeypatch):
    monkeypatch.setattr("spinrelax.progress.INTERVAL_S", 0.0)
    caplog.set_level(logging.INFO, logger="spinrelax.io.ingest")
    ingest_sample("S1", two_files, SampleMetadata(None, None), TOL, "file")
    lines = [r.getMessage() for r in caplog.records if r.name == "spinrelax.io.ingest"]
    assert [line.split(", ")[0] for line in lines] == [
        "ingested sample S1: 1/2 files (50 %)",
        "ingested sample S1: 2/2 files (100 %)",
    ]


def test_field_ramp_row_is_a_rejected_row_and_segmentation_is_recorded(tmp_path, points_factory):
    pts = points_factory(temps_K=(2.0, 3.0), fields_Oe=(1000.0,), freqs_Hz=np.logspace(0, 3, 8))
    pts.loc[9, "H_Oe"] = 640.0  # second point of the 3 K sweep, written while ramping
    p = tmp_path / "a.dat"
    write_mpms3_dat(p, pts, sample_mass_mg=20.0, molar_mass_g_per_mol=500.0, title="a")
    r = ingest_sample("s", [(p, "a.dat")], SampleMetadata(None, None), TOL, "file")
    validate_spectra_table(r.spectra)
    s = r.summary.iloc[0]
    assert (s["rows_read"], s["rows_used"], s["rows_rejected"], s["spectra"]) == (16, 15, 1, 2)
    assert s["segmentation"] == "sweep" and s["segmentation_decision"].startswith("auto -> sweep")
    assert len(r.rejected) == 1 and "field 640 Oe" in r.rejected["reason"].iloc[0]
    assert r.rejected["line"].iloc[0] not in set(r.spectra["line"])
    assert (r.spectra["segmentation"] == "sweep").all()
    assert r.spectra.groupby("spectrum").size().tolist() == [8, 7]


def test_temperature_drift_is_logged_and_kept_in_one_spectrum(tmp_path, points_factory, caplog):
    pts = points_factory(temps_K=(3.0,), freqs_Hz=np.logspace(0, 3, 8))
    pts["T_K"] = [2.981, 3.066, 3.005, 2.99, 3.02, 3.0, 2.995, 3.01]
    p = tmp_path / "a.dat"
    write_mpms3_dat(p, pts, sample_mass_mg=20.0, molar_mass_g_per_mol=500.0, title="a")
    caplog.set_level(logging.WARNING, logger="spinrelax.io.ingest")
    r = ingest_sample("s", [(p, "a.dat")], SampleMetadata(None, None), TOL, "file")
    assert r.spectra["spectrum"].nunique() == 1
    assert r.spectra["T_span_K"].iloc[0] == pytest.approx(0.085)
    assert r.summary["max_T_span_K"].iloc[0] == pytest.approx(0.085)
    assert any("temperature drifts over 0.085 K" in m for m in caplog.messages)
