"""Complete and truncated rows of real files (``realdata_dir``).

Instruments may leave out trailing empty columns on every row: a PPMS ACMS file whose rows all
have 53 fields under a 57-column header is complete. A row shorter than the file's other rows,
or a last line without a line break cut inside a value, is truncated. The variants are made
here from the shipped corpus files: every data row with its trailing empty fields removed (as
the instrument writes them), and cut copies.
"""

from pathlib import Path

import pandas as pd
import pytest

from spinrelax.cli import main
from spinrelax.io.file_spectra import segment_points
from spinrelax.io.readers import read_ac_file
from spinrelax.io.segmentation import SegmentationSettings

ACMS = "acms_molmag_0Oe.dat"
ERCOT = "mpms3_ErCOT_I_THF2_ACvsF.dat"
MPMSXL = Path(__file__).parent / "data" / "real" / "mpmsxl_pb6051_ac_0Oe.ac.dat"


def _data_start(lines: list[str]) -> int:
    """Index of the first data row (after ``[Data]`` and the column header)."""
    return next(i for i, line in enumerate(lines) if line.strip() == "[Data]") + 2


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="latin-1").splitlines(keepends=True)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="latin-1")
    return path


def _drop_trailing_empty(lines: list[str], n: int) -> list[str]:
    """Every data row without its last ``n`` fields (all empty), as an instrument writes it."""
    start = _data_start(lines)
    out = lines[:start]
    for line in lines[start:]:
        body = line.rstrip("\r\n")
        assert body.endswith("," * n), body[-40:]
        out.append(body[: len(body) - n] + line[len(body) :])
    return out


def _fields(line: str) -> int:
    return line.count(",") + 1


@pytest.fixture
def acms53(realdata_dir, tmp_path):
    lines = _drop_trailing_empty(_lines(realdata_dir / ACMS), 4)
    assert {_fields(x) for x in lines[_data_start(lines) :]} == {53}
    assert _fields(lines[_data_start(lines) - 1]) == 57
    return _write(tmp_path / "acms53.dat", lines)


def _same_points(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_rows_that_all_leave_out_trailing_empty_columns_are_complete(realdata_dir, acms53):
    original, short = read_ac_file(realdata_dir / ACMS), read_ac_file(acms53)
    assert short.rows_rejected == 0 and short.rows_used == original.rows_used == 1023
    _same_points(short.points, original.points)
    spectra = segment_points(short.points, SegmentationSettings())
    assert spectra.points["spectrum"].nunique() == 33


def test_mpms3_rows_without_their_33_trailing_empty_columns_are_complete(realdata_dir, tmp_path):
    lines = _drop_trailing_empty(_lines(realdata_dir / ERCOT), 33)
    short = read_ac_file(_write(tmp_path / "ercot56.dat", lines))
    original = read_ac_file(realdata_dir / ERCOT)
    assert short.rows_rejected == original.rows_rejected
    _same_points(short.points, original.points)


def _cut_last_row(lines: list[str], keep_chars: int, newline: bool) -> list[str]:
    last = lines[-1].rstrip("\r\n")[:keep_chars]
    return [*lines[:-1], last + ("\n" if newline else "")]


@pytest.mark.parametrize("newline", [False, True])
def test_a_cut_last_row_of_the_53_field_file_is_truncated(acms53, tmp_path, newline):
    lines = _lines(acms53)
    cut = _cut_last_row(lines, 60, newline)  # inside the Amplitude field
    data = read_ac_file(_write(tmp_path / "cut.dat", cut))
    assert data.rows_used == 1022
    (line, reason) = data.rejected.itertuples(index=False).__next__()
    assert line == len(lines)
    n = _fields(cut[-1])
    assert n < 53
    assert reason.startswith(f"truncated row: {n} fields but the file's other rows have 53")


def test_a_short_row_between_complete_ones_is_truncated(acms53, tmp_path):
    lines = _lines(acms53)
    i = _data_start(lines) + 100
    lines[i] = ",".join(lines[i].split(",")[:20]) + "\n"
    data = read_ac_file(_write(tmp_path / "mid.dat", lines))
    assert data.rejected["line"].tolist() == [i + 1]
    assert "20 fields but the file's other rows have 53 (header: 57" in data.rejected["reason"][0]


@pytest.mark.parametrize("source", ["realdata", "mpmsxl"])
def test_cut_copies_of_every_quantum_design_format_lose_only_the_cut_row(
    realdata_dir, tmp_path, source
):
    names = [ACMS, ERCOT, "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"] if source == "realdata" else []
    paths = [realdata_dir / n for n in names] or [MPMSXL]
    for path in paths:
        lines = _lines(path)
        original = read_ac_file(path)
        last = lines[-1].rstrip("\r\n")
        for keep in (len(last) // 3, len(last) - 3):
            cut = read_ac_file(_write(tmp_path / path.name, _cut_last_row(lines, keep, False)))
            assert cut.rows_used == original.rows_used - 1, (path.name, keep)
            assert cut.rejected["line"].tolist()[-1] == len(lines)


def test_a_cut_tidy_csv_loses_only_the_cut_row(realdata_dir, tmp_path):
    pts = read_ac_file(realdata_dir / ERCOT).points
    table = pts.loc[:, ["T_K", "H_Oe", "freq_Hz", "chi_real", "chi_imag"]]
    path = tmp_path / "tidy.csv"
    text = "# chi_unit = emu/Oe\n" + table.to_csv(index=False, float_format="%.10g")
    path.write_text(text[:-7])  # cut inside chi_imag of the last row, no final newline
    data = read_ac_file(path)
    assert data.rows_used == len(table) - 1 and data.rows_rejected == 1


def test_inspect_and_fit_ac_take_the_53_field_file(acms53, capsys):
    assert main(["inspect", str(acms53)]) == 0
    out = capsys.readouterr().out
    assert "33" in out
    assert main(["fit-ac", str(acms53)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 1 + 33


def test_no_valid_data_rows_names_the_first_reasons(acms53, tmp_path, capsys):
    lines = _lines(acms53)
    start = _data_start(lines)
    cut = lines[:start] + [",".join(x.split(",")[:5]) + "\n" for x in lines[start : start + 3]]
    cut += lines[start + 3 : start + 4]  # one complete row keeps the width at 53
    cut[-1] = ",".join(cut[-1].split(",")[:5]) + ",,,,\n"  # ... with required columns empty
    path = _write(tmp_path / "bad.dat", cut)
    assert main(["fit-ac", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "no valid data rows (4 rows rejected, first: line 7:" in err
    assert err.count("; line ") == 2
