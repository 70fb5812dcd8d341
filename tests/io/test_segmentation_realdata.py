"""Segmentation of the real-data corpus (``realdata_dir``; skipped when absent).

Expected sweep counts and lines come from reading the files (SOURCES.md and their rows), not
from this code: ErCOT 18 sweeps of 30 frequencies 999 -> 1 Hz; K18c6 7 sweeps 999 -> 0.1 Hz
(drive 2 Oe down to 11.26 Hz, 7 Oe below, inside the same sweep; the 22 K sweep lacks 0.1 Hz);
ACMS 33 sweeps of 31 frequencies 10 Hz -> 10 kHz.
"""

import numpy as np
import pytest

from spinrelax.io.file_spectra import segment_points, spectrum_summary
from spinrelax.io.readers import read_ac_file
from spinrelax.io.segmentation import SegmentationSettings

ERCOT = "mpms3_ErCOT_I_THF2_ACvsF.dat"
K18C6 = "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"
ACMS = "acms_molmag_0Oe.dat"
AUTO = SegmentationSettings()


def _spectra(path, settings=AUTO):
    data = read_ac_file(path)
    fs = segment_points(data.points, settings)
    return data, fs, spectrum_summary(fs.points)


@pytest.mark.parametrize(
    ("name", "n_sweeps", "sizes", "direction"),
    [
        (ERCOT, 18, [30] * 18, "down"),
        (K18C6, 7, [40] * 5 + [39, 40], "down"),
        (ACMS, 33, [31] * 33, "up"),
    ],
)
def test_one_spectrum_per_frequency_sweep(realdata_dir, name, n_sweeps, sizes, direction):
    data, fs, summary = _spectra(realdata_dir / name)
    assert fs.segmentation == "sweep" and "auto -> sweep" in fs.decision
    assert len(summary) == n_sweeps
    assert summary["n_points"].tolist() == sizes
    assert (summary["direction"] == direction).all()
    assert len(fs.rejected) == 0 and len(fs.points) == data.rows_used


def test_k18c6_temperatures_and_drive_change_inside_each_sweep(realdata_dir):
    _, fs, summary = _spectra(realdata_dir / K18C6)
    assert np.round(summary["T_K"], 2).tolist() == [14, 12, 16, 18, 20, 22, 24]
    drives = fs.points.groupby("spectrum")["drive_Oe"].agg(["min", "max"])
    assert (drives["min"].round(1) == 2.0).all() and (drives["max"].round(1) == 7.0).all()


def test_acms_temperature_wobble_reported_not_split(realdata_dir):
    _, fs, summary = _spectra(realdata_dir / ACMS)
    # the 3 K sweep (lines 38-68) wobbles 2.981 -> 3.066 K (rows at lines 54 and 48)
    row = summary[summary["first_line"] == 38].iloc[0]
    assert row["n_points"] == 31 and row["last_line"] == 68
    assert row["T_span_K"] == pytest.approx(3.0660 - 2.9809, abs=2e-4)
    assert row["T_K"] == pytest.approx(3.0066, abs=1e-3)
    assert any("lines 38-68" in w and "kept as one spectrum" in w for w in fs.warnings)
    # the tolerance grouping splits this file (the issue: 40 spectra instead of 33)
    _, _, by_tol = _spectra(realdata_dir / ACMS, SegmentationSettings(segmentation="tolerance"))
    assert len(by_tol) > 33
    # a clean MPMS3 file gives no drift warning
    assert _spectra(realdata_dir / ERCOT)[1].warnings == ()


def _insert_ramp_row(src, dst):
    """Copy ``src`` with a row inserted after the first data row: the first row with its
    frequency set between the first two frequencies and its field set to 500 Oe."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(i for i, s in enumerate(lines) if s.strip() == "[Data]") + 1
    cols = lines[header].rstrip("\r\n").split(",")
    field, freq = cols.index("Magnetic Field (Oe)"), cols.index("AC Frequency (Hz)")
    row = lines[header + 1].rstrip("\r\n").split(",")
    nxt = lines[header + 2].split(",")
    row[field] = "500"
    row[freq] = repr(0.5 * (float(row[freq]) + float(nxt[freq])))
    lines.insert(header + 2, ",".join(row) + "\r\n")
    dst.write_text("".join(lines), encoding="utf-8", newline="")
    return header + 3  # 1-based line number of the inserted row


def test_field_ramp_row_inserted_in_a_real_file_is_rejected(realdata_dir, tmp_path):
    path = tmp_path / "ramp.dat"
    line = _insert_ramp_row(realdata_dir / ERCOT, path)
    data, fs, summary = _spectra(path)
    assert data.rows_read == 541 and data.rows_used == 541
    assert fs.rejected["line"].tolist() == [line]
    assert "field 500 Oe" in fs.rejected["reason"].iloc[0]
    assert len(summary) == 18 and (summary["n_points"] == 30).all()
    assert len(fs.points) + len(fs.rejected) == data.rows_used
