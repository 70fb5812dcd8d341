"""``spinrelax inspect``: text and JSON output, exit codes, one-line errors without traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinrelax.cli import main

DATA = Path(__file__).parents[1] / "io" / "data"
MPMS3 = str(DATA / "mpms3_squid_ac_excerpt.dat")
ACMS = str(DATA / "ppms_acms_excerpt.dat")


def test_text_output(capsys):
    assert main(["inspect", MPMS3]) == 0
    out = capsys.readouterr().out
    assert "format: MPMS3 (BYAPP SQUID AC)" in out
    assert "sample mass 26.3 mg, molar mass 542.53 g/mol" in out
    assert "rows: read 8, used 7, rejected 1" in out
    assert "line 29: comment row" in out
    assert "spectra: 2" in out
    assert "frequencies: 10.0046 - 999.041 Hz" in out


def test_json_output(capsys):
    assert main(["inspect", "--json", MPMS3, ACMS]) == 0
    res = json.loads(capsys.readouterr().out)
    assert [r["format"] for r in res] == ["MPMS3", "PPMS_ACMS"]
    acms = res[1]
    assert acms["header_sample_mass_mg"] == 12.4
    assert acms["header_molar_mass_g_per_mol"] is None
    assert acms["spectra"] == 2
    assert acms["fields_Oe"] == [0.1523, 1000.0]
    assert acms["frequency_min_Hz"] == 10 and acms["frequency_max_Hz"] == 10000
    assert acms["rows_read"] == acms["rows_used"] + acms["rows_rejected"]


def test_sample_sheet_values_reported_beside_header(tmp_path, capsys):
    from spinrelax.io.sample_sheet import SAMPLE_COLUMNS

    sheet = tmp_path / "s.tsv"
    row = [
        "x",
        "ErW10",
        "1",
        "0.2287",
        "powder",
        "",
        "20.0",
        "",
        "",
        "",
        "",
        "",
        "MPMS3",
        "*.dat",
        "",
    ]
    sheet.write_text("\t".join(SAMPLE_COLUMNS) + "\n" + "\t".join(row) + "\n")
    assert main(["inspect", "--json", "--sample-sheet", str(sheet), "--sample", "x", MPMS3]) == 0
    r = json.loads(capsys.readouterr().out)[0]
    assert (r["used_sample_mass_mg"], r["used_sample_mass_source"]) == (20.0, "sample sheet")
    assert (r["used_molar_mass_g_per_mol"], r["used_molar_mass_source"]) == (542.53, "file header")
    assert r["header_sample_mass_mg"] == 26.3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[Header]\nTITLE,x\n", "bad.dat: no [Data] section"),
        (b"[Header]\n[Data]\nComment,Temperature (K)\n", "bad.dat:3: column"),
        (b"\x00\x01junk", "bad.dat:1: binary content"),
    ],
)
def test_bad_input_exit_2_one_line(tmp_path, content, expected):
    bad = tmp_path / "bad.dat"
    bad.write_bytes(content)
    proc = subprocess.run(
        [sys.executable, "-m", "spinrelax", "inspect", MPMS3, str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == 1 and expected in err_lines[0]
    assert "Traceback" not in proc.stderr
    assert "format: MPMS3" in proc.stdout  # the good file is still reported


def test_missing_file_exit_2(tmp_path, capsys):
    assert main(["inspect", str(tmp_path / "nope.dat")]) == 2
    assert "nope.dat: no such file" in capsys.readouterr().err
