"""`spinrelax fit-waveform` end to end on virtual-instrument waveform files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from spinrelax.cli import main
from spinrelax.simulate.waveform_instrument import (
    ColeColeTruth,
    WaveformInstrument,
    generate_waveform_files,
)
from spinrelax.timedomain.waveform import WAVEFORM_POINT_COLUMNS

TRUTHS = [ColeColeTruth(2.0, 5.0, 0.1, 1e-5, 1e-4), ColeColeTruth(3.0, 0.5, 0.1, 1e-5, 1e-4)]


def test_writes_one_row_per_block_and_says_where(tmp_path, capsys):
    paths = generate_waveform_files(TRUTHS, [0.01, 0.1, 1.0], tmp_path / "raw", seed=2)
    out, rej = tmp_path / "spectra.csv", tmp_path / "rejected.csv"
    argv = ["fit-waveform", *map(str, paths), "-o", str(out), "--rejected", str(rej)]
    assert main([*argv, "--sample", "cmpd"]) == 0
    said = capsys.readouterr().out
    assert f"wrote 6 waveform points (2 spectra) to {out}" in said
    assert str(rej) in said
    table = pd.read_csv(out)
    assert tuple(table.columns) == WAVEFORM_POINT_COLUMNS
    assert (table["sample"] == "cmpd").all()
    assert table["spectrum"].tolist() == [0, 0, 0, 1, 1, 1]
    chi = np.concatenate([t.chi(np.array([0.01, 0.1, 1.0])) for t in TRUTHS])
    assert np.allclose(table["chi_imag"], -chi.imag, rtol=0.01)
    assert len(pd.read_csv(rej)) > 0


def test_bad_file_one_line_exit_2_nothing_written(tmp_path, capsys):
    good = generate_waveform_files(TRUTHS[:1], [0.1], tmp_path / "a", seed=1)[0]
    flat = WaveformInstrument(drive_Oe=0.0)
    bad = generate_waveform_files(TRUTHS[1:], [0.1], tmp_path / "b", flat, seed=1)[0]
    out = tmp_path / "spectra.csv"
    assert main(["fit-waveform", str(good), str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(bad) in err and "does not oscillate" in err
    assert not out.exists()
