"""Malformed files give a SpinrelaxError naming the file, or listed rejections; nothing else."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinrelax.errors import InputFormatError, SpinrelaxError
from spinrelax.io.molar import SampleMetadata, convert_chi
from spinrelax.io.readers import read_ac_file
from spinrelax.io.writers import write_mpms3_dat

FORMATS = ("MPMS3", "PPMS_ACMS", "MPMS_XL", "tidy")


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory, points_module, raw_writer):
    d = tmp_path_factory.mktemp("valid")
    out = {}
    for fmt in FORMATS:
        raw_writer(fmt, d / f"valid_{fmt}.dat", points_module)
        out[fmt] = (d / f"valid_{fmt}.dat").read_bytes()
    return out


def _check(path, name):
    """The reader's contract on any input."""
    try:
        data = read_ac_file(path, display_name=name)
    except SpinrelaxError as exc:
        assert name in str(exc)
        return None
    assert data.rows_read == data.rows_used + data.rows_rejected
    assert data.points["line"].is_unique
    assert set(data.points["line"]).isdisjoint(set(data.rejected["line"]))
    for col in ("T_K", "H_Oe", "freq_Hz", "chi_real", "chi_imag"):
        assert np.isfinite(data.points[col]).all()
    return data


MUTATIONS = (
    "truncate",
    "drop_data",
    "drop_column",
    "text_cell",
    "nan_cell",
    "junk",
    "repeat_header",
    "noise",
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fmt=st.sampled_from(FORMATS),
    mutation=st.sampled_from(MUTATIONS),
    where=st.floats(0, 1),
    junk=st.binary(min_size=1, max_size=40),
    text=st.text(min_size=1, max_size=8).filter(
        lambda s: "," not in s and "\n" not in s and "\r" not in s
    ),
)
def test_mutated_files_never_raise_other_exceptions(
    tmp_path, valid_files, fmt, mutation, where, junk, text
):
    raw = valid_files[fmt]
    lines = raw.split(b"\n")
    data_at = next((i for i, line in enumerate(lines) if line.strip() == b"[Data]"), 0)
    body = list(range(data_at + 2, len(lines) - 1)) or [len(lines) - 2]
    row = body[int(where * (len(body) - 1))]
    if mutation == "truncate":
        raw = raw[: int(where * len(raw))]
    elif mutation == "drop_data":
        raw = raw.replace(b"[Data]", b"[Dada]")
    elif mutation == "drop_column":
        hdr = data_at + 1 if fmt != "tidy" else 1
        cells = lines[hdr].split(b",")
        cells[int(where * (len(cells) - 1))] = b"Unknown (x)"
        lines[hdr] = b",".join(cells)
        raw = b"\n".join(lines)
    elif mutation in ("text_cell", "nan_cell"):
        cells = lines[row].split(b",")
        cells[int(where * (len(cells) - 1))] = text.encode() if mutation == "text_cell" else b"NaN"
        lines[row] = b",".join(cells)
        raw = b"\n".join(lines)
    elif mutation == "junk":
        at = int(where * len(raw))
        raw = raw[:at] + junk + raw[at:]
    elif mutation == "repeat_header":
        hdr = data_at + 1 if fmt != "tidy" else 1
        lines.insert(row, lines[hdr])
        raw = b"\n".join(lines)
    else:
        raw = junk
    path = tmp_path / "mutated.dat"
    path.write_bytes(raw)
    _check(path, "some/dir/mutated.dat")


def test_missing_data_section_names_file(tmp_path, valid_files):
    p = tmp_path / "x.dat"
    p.write_bytes(valid_files["MPMS3"].replace(b"[Data]", b""))
    with pytest.raises(InputFormatError, match=r"x\.dat: no \[Data\] section"):
        read_ac_file(p)


def test_missing_column_names_file_line_and_column(tmp_path, valid_files):
    p = tmp_path / "x.dat"
    p.write_bytes(valid_files["MPMS3"].replace(b"AC X'' (emu/Oe),", b"Something,"))
    with pytest.raises(InputFormatError) as err:
        read_ac_file(p)
    assert err.value.column == "AC X'' (emu/Oe)"
    header_line = valid_files["MPMS3"].split(b"\r\n").index(b"[Data]") + 2  # 1-based
    assert err.value.line == header_line
    assert f"x.dat:{header_line}: column 'AC X'' (emu/Oe)'" in str(err.value)


def test_binary_junk_names_line(tmp_path):
    p = tmp_path / "x.dat"
    p.write_bytes(b"[Header]\nTITLE,x\n\x00\x01\x02")
    with pytest.raises(InputFormatError, match=r"x\.dat:3: binary content"):
        read_ac_file(p)


def test_bad_rows_are_listed_with_reasons(tmp_path, valid_files):
    text = valid_files["PPMS_ACMS"].decode()
    lines = text.split("\r\n")
    data_at = lines.index("[Data]")
    header = lines[data_at + 1]
    first = data_at + 2  # 0-based index of the first data row
    cells = lines[first].split(",")
    cells[2] = "abc"  # temperature
    lines[first] = ",".join(cells)
    cells = lines[first + 1].split(",")
    cells[8] = "NaN"  # M'
    lines[first + 1] = ",".join(cells)
    lines[first + 2] = ",".join(lines[first + 2].split(",")[:4])  # truncated row
    cells = lines[first + 3].split(",")
    cells[5] = "0"  # zero amplitude: chi = M / h undefined
    lines[first + 3] = ",".join(cells)
    lines.insert(first + 4, header)
    lines.insert(first + 5, "Probe moved,,,,,,,,,")
    p = tmp_path / "x.dat"
    p.write_text("\r\n".join(lines))
    data = read_ac_file(p)
    reasons = dict(zip(data.rejected["line"], data.rejected["reason"], strict=True))
    n = first + 1  # 1-based line of the first data row
    assert reasons[n] == "column 'Temperature (K)': not a number 'abc'"
    assert reasons[n + 1] == "column 'M' (emu)': NaN value"
    assert reasons[n + 2].startswith("truncated row: 4 fields but the header has ")
    assert reasons[n + 3] == "drive amplitude missing or <= 0 Oe"
    assert reasons[n + 4] == "repeated header row"
    assert reasons[n + 5] == "comment row: Probe moved"
    assert data.rows_read == data.rows_used + data.rows_rejected
    assert data.rows_rejected == 6


def test_negative_chi_imag_is_kept(tmp_path, points_factory):
    pts = points_factory()
    pts.loc[0, "chi_imag_emu_per_Oe"] = -1e-8
    write_mpms3_dat(tmp_path / "x.dat", pts, sample_mass_mg=1, molar_mass_g_per_mol=1, title="t")
    data = read_ac_file(tmp_path / "x.dat")
    assert data.points["chi_imag"].iloc[0] == -1e-8


def test_unknown_format_and_empty_file(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(InputFormatError, match="unrecognised format"):
        read_ac_file(p)
    p.write_text("\n\n")
    with pytest.raises(InputFormatError, match="empty file"):
        read_ac_file(p)
    with pytest.raises(InputFormatError, match="no such file"):
        read_ac_file(tmp_path / "missing.dat")


def test_tidy_without_unit_reads_in_unspecified_units_with_a_warning(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("T_K,H_Oe,freq_Hz,chi_real,chi_imag\n2,0,1,1,1\n2,0,2,0.5,0.5\n")
    d = read_ac_file(p)
    assert d.chi_unit == "unspecified" and d.rows_used == 2
    assert any("chi_unit" in w for w in d.warnings)
    out, unit = convert_chi(d.points, d.chi_unit, "molar_cgs", SampleMetadata(10.0, 500.0))
    assert unit == "unspecified"  # never converted as if it were emu/Oe
    np.testing.assert_array_equal(out["chi_real"], d.points["chi_real"])
