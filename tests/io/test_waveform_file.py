"""Reading MPMS3 VSM waveform files: the columns read, rows with empty values listed, and one
clear line (file, line, column) for a file that cannot be read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.qd_columns import MPMS3_COLUMNS
from spinrelax.io.waveform_file import read_waveform_file

HEADER = "[Header]\nBYAPP,SQUID VSM,1.0\n[Data]\n" + ",".join(MPMS3_COLUMNS) + "\n"
TAIL = "," * (len(MPMS3_COLUMNS) - 6)


def _row(t, T, h, m):
    return f",{t},{T},{h},{m},1e-8{TAIL}\n"


def _file(tmp_path, rows, header=HEADER):
    path = tmp_path / "wave.dat"
    path.write_text(header + "".join(rows))
    return path


def test_reads_time_temperature_field_moment_with_file_lines(tmp_path):
    rows = [_row(10.0 + i, 2.0, np.sin(i), 1e-4 * i) for i in range(5)]
    data = read_waveform_file(_file(tmp_path, rows))
    assert data.line.tolist() == [5, 6, 7, 8, 9]
    assert data.time_s.tolist() == [10.0, 11.0, 12.0, 13.0, 14.0]
    assert data.moment_emu[2] == pytest.approx(2e-4)
    assert data.columns["H_Oe"] == "Magnetic Field (Oe)"
    assert data.rejected.empty


def test_row_with_an_empty_moment_is_listed_not_used(tmp_path):
    rows = [_row(1.0, 2.0, 0.5, 1e-4), _row(2.0, 2.0, 0.5, ""), _row(3.0, 2.0, 0.5, 1e-4)]
    data = read_waveform_file(_file(tmp_path, rows))
    assert data.line.tolist() == [5, 7]
    assert data.rejected.to_dict("records") == [
        {"file": str(tmp_path / "wave.dat"), "line": 6, "reason": "empty Moment (emu)"}
    ]


def test_non_numeric_value_names_line_and_column(tmp_path):
    rows = [_row(1.0, 2.0, 0.5, 1e-4), _row(2.0, 2.0, "abc", 1e-4)]
    with pytest.raises(InputFormatError, match=r"wave.dat:6: column 'Magnetic Field \(Oe\)'"):
        read_waveform_file(_file(tmp_path, rows))


def test_time_going_back_is_refused(tmp_path):
    rows = [_row(2.0, 2.0, 0.5, 1e-4), _row(1.0, 2.0, 0.5, 1e-4)]
    with pytest.raises(InputFormatError, match=r":6: column 'Time Stamp \(sec\)'"):
        read_waveform_file(_file(tmp_path, rows))


def test_missing_moment_column_is_not_a_waveform_file(tmp_path):
    header = "[Header]\n[Data]\nTime Stamp (sec),Temperature (K),Magnetic Field (Oe)\n"
    path = _file(tmp_path, ["1,2,3\n"], header)
    with pytest.raises(InputFormatError, match="no column 'Moment \\(emu\\)'"):
        read_waveform_file(path)


def test_file_without_data_section(tmp_path):
    path = tmp_path / "x.dat"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(InputFormatError, match=r"no \[Data\] section"):
        read_waveform_file(path)


def test_a_drive_field_is_told_from_a_held_one():
    from spinrelax.io.waveform_file import is_drive_field

    t = np.arange(2000) / 100
    T = np.full(t.size, 4.0)
    noise = np.random.default_rng(0).normal(0, 0.1, t.size)
    assert is_drive_field(5 * np.sin(t), T) and is_drive_field(5 * np.sign(np.sin(t)), T)
    assert is_drive_field(1000 + 5 * np.sign(np.sin(t)) + noise / 100, T)  # under a dc field
    assert not is_drive_field(noise, T)  # a held field with noise
    charge = np.where(t < 1, 1e4, noise)  # a decay after a short charging field
    assert not is_drive_field(charge, T)
    # two remanent-field levels, each at its own temperature: decays, not a drive
    steps = np.repeat([-0.42, 0.09, -0.42, 0.09], 500)
    assert not is_drive_field(steps, np.repeat([2.0, 4.0, 6.0, 8.0], 500))
    assert is_drive_field(steps, T)


def test_is_waveform_file_on_waveform_dc_and_ac_files(tmp_path):
    from spinrelax.io.waveform_file import is_waveform_file

    real = Path(__file__).parents[1] / "data" / "realdata"
    square = [
        _row(i, 4.0, 5.0 * np.sign(np.sin(i / 10)), 1e-4 * np.sin(i / 10)) for i in range(200)
    ]
    assert is_waveform_file(_file(tmp_path, square))
    no_moment = [_row(i, 4.0, 5.0 * np.sign(np.sin(i / 10)), "") for i in range(200)]
    assert not is_waveform_file(_file(tmp_path, no_moment))
    assert not is_waveform_file(real / "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat")
    assert not is_waveform_file(real / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat")
    assert not is_waveform_file(tmp_path / "missing.dat")
