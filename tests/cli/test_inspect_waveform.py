"""``spinrelax inspect`` tells ac, DC decay and VSM waveform files apart, shows what fit-waveform
would use, and reads each file once."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spinrelax.cli import inspect_cmd, main
from spinrelax.simulate.waveform_instrument import ColeColeTruth, generate_waveform_files

REAL = Path(__file__).parents[1] / "data" / "realdata"
DC = REAL / "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"
AC = REAL / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"
TRUTH = ColeColeTruth(4.0, 3.0, 0.1, 1e-5, 1e-4)


@pytest.fixture
def waveform(tmp_path) -> Path:
    return generate_waveform_files([TRUTH], [0.01, 0.1], tmp_path, seed=5)[0]


def _as_vsm_export(src: Path, dst: Path, vsm_hz: str = "13.9", drop_dc: bool = False) -> Path:
    """``src`` as the MPMS3 writes a VSM-mode file: ``Frequency (Hz)`` (the vibration) and
    ``Peak Amplitude (mm)`` filled; ``drop_dc`` moves the DC-scan moment into ``Moment (emu)``
    (a VSM-mode decay)."""
    lines = src.read_text(encoding="latin-1").splitlines()
    head = next(i for i, s in enumerate(lines) if s.strip() == "[Data]") + 1
    names = lines[head].split(",")
    col = {n: names.index(n) for n in names}
    out = lines[: head + 1]
    for row in lines[head + 1 :]:
        f = row.split(",")
        f[col["Frequency (Hz)"]], f[col["Peak Amplitude (mm)"]] = vsm_hz, "2"
        if drop_dc:
            f[col["Moment (emu)"]] = f[col["DC Moment Free Ctr (emu)"]]
            for name in names:
                if name.startswith("DC Moment"):
                    f[col[name]] = ""
        out.append(",".join(f))
    dst.write_text("\n".join(out) + "\n", encoding="latin-1")
    return dst


def test_waveform_file_text_names_kind_blocks_and_what_fit_waveform_uses(waveform, capsys):
    assert main(["inspect", str(waveform)]) == 0
    text = capsys.readouterr().out
    assert "kind: VSM waveform file; format: MPMS3" in text
    assert "rows: read 2050, used 1200, rejected 850" in text
    assert "lines 210-409: start-up transient" in text
    assert "blocks: 2 (one drive frequency each; fit-waveform drops 1 start-up period(s)" in text
    rows = [s.split() for s in text.splitlines() if s.startswith("        ")]
    assert [r[:4] for r in rows] == [["0", "4", "3", "600"], ["1", "4", "3", "600"]]
    assert [float(r[4]) for r in rows] == [0.01, 0.1]


def test_waveform_json_matches_fit_waveform(waveform, tmp_path, capsys):
    assert main(["inspect", "--json", str(waveform)]) == 0
    info = json.loads(capsys.readouterr().out)[0]
    assert info["kind"] == "VSM waveform"
    assert info["rows_read"] == info["rows_used"] + info["rows_rejected"]
    out = tmp_path / "points.csv"
    assert main(["fit-waveform", str(waveform), "-o", str(out)]) == 0
    fit = pd.read_csv(out)
    blocks = pd.DataFrame(info["blocks"])
    for col in ("n_periods", "n_periods_used", "n_rows_used", "line", "line_last"):
        assert blocks[col].tolist() == fit[col].tolist()
    assert np.allclose(blocks[["freq_Hz", "T_K", "H_Oe"]], fit[["freq_Hz", "T_K", "H_Oe"]])


def test_a_real_vsm_export_layout_is_a_waveform_file(waveform, tmp_path, capsys):
    vsm = _as_vsm_export(waveform, tmp_path / "vsm.dat")
    assert main(["inspect", "--json", str(vsm)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["kind"] == "VSM waveform"


def test_a_vsm_mode_decay_in_a_held_field_is_not_a_waveform(tmp_path, capsys):
    """The real decays sit at remanent fields of -0.42 and +0.09 Oe (two balanced levels),
    each level at another temperature: not a drive."""
    vsm = _as_vsm_export(DC, tmp_path / "vsm_decay.dat", vsm_hz="", drop_dc=True)
    assert inspect_cmd.file_kind(inspect_cmd.text_file(vsm.read_bytes(), file=vsm)) == "dc"
    assert main(["inspect", "--json", str(vsm)]) == 0
    info = json.loads(capsys.readouterr().out)[0]
    assert info["kind"] == "DC magnetisation decay"
    assert info["moment_column"] == "Moment (emu)" and len(info["decays"]) == 5


@pytest.mark.parametrize("path", [AC, DC, "waveform"])
def test_inspect_reads_each_file_once(path, waveform, monkeypatch, capsys):
    path = waveform if path == "waveform" else path
    calls = []
    real = inspect_cmd.read_regular_file

    def counted(p, *a):
        calls.append(p)
        return real(p, *a)

    def refuse(*a, **k):
        raise AssertionError("the file was read a second time")

    monkeypatch.setattr(inspect_cmd, "read_regular_file", counted)
    monkeypatch.setattr("spinrelax.io.text_lines.read_regular_file", refuse)
    monkeypatch.setattr("spinrelax.io.readers.read_regular_file", refuse)
    assert main(["inspect", str(path)]) == 0
    assert calls == [str(path)]
