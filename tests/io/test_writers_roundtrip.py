"""Writer -> reader round trips for every format, encoding and line ending."""

import numpy as np
import pytest

from spinrelax.io.qd_columns import ACMS_COLUMNS, MPMS3_COLUMNS, MPMSXL_COLUMNS
from spinrelax.io.readers import read_ac_file
from spinrelax.io.writers import write_acms_dat, write_mpms3_dat, write_mpmsxl_dat, write_tidy_csv

WRITERS = {
    "MPMS3": (write_mpms3_dat, 1e-13),
    "PPMS_ACMS": (write_acms_dat, 1e-13),
    "MPMS_XL": (write_mpmsxl_dat, 1e-6),  # the XL writes 7 significant digits
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_round_trip(tmp_path, fmt, encoding, newline, points_factory):
    pts = points_factory(temps_K=(1.8, 2.5), fields_Oe=(0.0, 1000.0), descending=True)
    writer, rtol = WRITERS[fmt]
    path = tmp_path / "x.dat"
    writer(
        path,
        pts,
        sample_mass_mg=26.3,
        molar_mass_g_per_mol=542.53,
        title="Er0.25Y0.75W10 µ-crystal",
        comments=["SYNTHETIC data, virtual instrument", "second comment"],
        encoding=encoding,
        newline=newline,
    )
    raw = path.read_bytes()
    assert (b"\r\n" in raw) == (newline == "\r\n")
    data = read_ac_file(path)
    assert data.format == fmt
    assert data.encoding == ("utf-8" if encoding == "utf-8" else "latin-1")
    assert data.sample_mass_mg == pytest.approx(26.3)
    assert data.molar_mass_g_per_mol == pytest.approx(542.53)
    assert data.rows_read == data.rows_used == len(pts)
    assert data.rejected.empty
    p = data.points
    for col in ("T_K", "H_Oe", "freq_Hz", "drive_Oe"):
        np.testing.assert_allclose(p[col], pts[col], rtol=rtol, atol=0)
    np.testing.assert_allclose(p["chi_real"], pts["chi_real_emu_per_Oe"], rtol=rtol)
    np.testing.assert_allclose(p["chi_imag"], pts["chi_imag_emu_per_Oe"], rtol=rtol)
    if fmt == "PPMS_ACMS":
        rms = np.sqrt(
            0.5 * (pts["chi_real_err_emu_per_Oe"] ** 2 + pts["chi_imag_err_emu_per_Oe"] ** 2)
        )
        np.testing.assert_allclose(p["chi_real_err"], rms, rtol=rtol)
        np.testing.assert_allclose(p["chi_imag_err"], rms, rtol=rtol)
    else:
        np.testing.assert_allclose(p["chi_real_err"], pts["chi_real_err_emu_per_Oe"], rtol=rtol)
        np.testing.assert_allclose(p["chi_imag_err"], pts["chi_imag_err_emu_per_Oe"], rtol=rtol)
    assert list(p["line"]) == sorted(p["line"])


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_missing_mass_gives_none(tmp_path, fmt, points):
    writer, _ = WRITERS[fmt]
    writer(tmp_path / "x.dat", points, sample_mass_mg=None, molar_mass_g_per_mol=None, title="t")
    data = read_ac_file(tmp_path / "x.dat")
    assert data.sample_mass_mg is None
    assert data.molar_mass_g_per_mol is None


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writer_is_deterministic(tmp_path, fmt, points):
    writer, _ = WRITERS[fmt]
    kw = dict(sample_mass_mg=1.0, molar_mass_g_per_mol=2.0, title="t")
    writer(tmp_path / "a.dat", points, **kw)
    writer(tmp_path / "b.dat", points, **kw)
    assert (tmp_path / "a.dat").read_bytes() == (tmp_path / "b.dat").read_bytes()


def test_mpms3_header_is_realistic(tmp_path, points):
    write_mpms3_dat(
        tmp_path / "x.dat", points, sample_mass_mg=26.3, molar_mass_g_per_mol=542.53, title="T"
    )
    lines = (tmp_path / "x.dat").read_text().splitlines()
    assert lines[0] == "[Header]"
    assert "BYAPP,SQUID AC,0.9.1.0" in lines
    assert "INFO,26.3,SAMPLE_MASS" in lines
    assert "INFO,542.53,SAMPLE_MOLECULAR_WEIGHT" in lines
    assert any(line.startswith("FILEOPENTIME,3700000000.00000,") for line in lines)
    data_at = lines.index("[Data]")
    assert lines[data_at + 1].split(",") == list(MPMS3_COLUMNS)
    assert len(MPMS3_COLUMNS) == 89
    assert all(len(row.split(",")) == 89 for row in lines[data_at + 1 :])


@pytest.mark.parametrize(
    ("excerpt", "columns", "trailing_comma"),
    [
        ("mpms3_squid_ac_excerpt.dat", MPMS3_COLUMNS, False),
        ("mpmsxl_ac_excerpt.dat", MPMSXL_COLUMNS, True),
    ],
)
def test_writer_columns_match_real_layout(excerpt, columns, trailing_comma):
    """The writers' column headers are exactly those of the real-format excerpts."""
    from pathlib import Path

    text = (Path(__file__).parent / "data" / excerpt).read_text(encoding="latin-1")
    lines = text.splitlines()
    header = lines[lines.index("[Data]") + 1]
    assert header == ",".join(columns) + ("," if trailing_comma else "")


def test_acms_columns_start_like_real_files():
    assert ACMS_COLUMNS[:10] == (
        "Comment",
        "Time Stamp (sec)",
        "Temperature (K)",
        "Magnetic Field (Oe)",
        "Frequency (Hz)",
        "Amplitude (Oe)",
        "M-DC (emu)",
        "M-Std.Dev. (emu)",
        "M' (emu)",
        "M'' (emu)",
    )


def test_tidy_round_trip_with_and_without_errors(tmp_path, points):
    tidy = points.rename(
        columns={
            "chi_real_emu_per_Oe": "chi_real",
            "chi_imag_emu_per_Oe": "chi_imag",
            "chi_real_err_emu_per_Oe": "chi_real_err",
            "chi_imag_err_emu_per_Oe": "chi_imag_err",
        }
    )
    write_tidy_csv(tmp_path / "a.csv", tidy, chi_unit="emu/mol", comments=["micro-SQUID"])
    data = read_ac_file(tmp_path / "a.csv")
    assert data.format == "tidy" and data.chi_unit == "emu/mol"
    np.testing.assert_allclose(data.points["chi_imag_err"], tidy["chi_imag_err"], rtol=1e-14)
    write_tidy_csv(
        tmp_path / "b.csv", tidy.drop(columns=["chi_real_err", "chi_imag_err"]), chi_unit="arb"
    )
    data = read_ac_file(tmp_path / "b.csv")
    assert data.chi_unit == "arb"
    assert data.points["chi_real_err"].isna().all()
    np.testing.assert_allclose(data.points["chi_real"], tidy["chi_real"], rtol=1e-14)


def test_writer_rejects_multiline_title(tmp_path, points):
    from spinrelax.errors import SpinrelaxError

    with pytest.raises(SpinrelaxError, match="single line"):
        write_mpms3_dat(
            tmp_path / "x.dat", points, sample_mass_mg=1, molar_mass_g_per_mol=1, title="a\nb"
        )


def test_writer_rejects_unencodable_text(tmp_path, points):
    from spinrelax.errors import SpinrelaxError

    with pytest.raises(SpinrelaxError, match="latin-1"):
        write_mpmsxl_dat(
            tmp_path / "x.dat", points, sample_mass_mg=1, molar_mass_g_per_mol=1, title="Er→Y"
        )
