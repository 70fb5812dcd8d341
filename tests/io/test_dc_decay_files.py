"""The DC decay reader and segmentation on the real MPMS3 decay file and on cut copies of it
(bad files: one clear line, no output)."""

from pathlib import Path

import numpy as np
import pytest

from spinrelax.cli import main
from spinrelax.errors import InputFormatError
from spinrelax.io.dc_decay_reader import is_dc_file, read_dc_file
from spinrelax.io.dc_segmentation import DcSegmentationSettings, segment_decays

REAL = Path(__file__).parents[1] / "data" / "realdata" / "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"
#: 1-based line of the [Data] column header, and the first/last line of each decay in time order
COLUMN_LINE = 28
DECAY_LINES = [(29, 764), (765, 1131), (1132, 1258), (1259, 1624), (1625, 1990)]
FIELD = 3  # 0-based field index of "Magnetic Field (Oe)"


def _lines() -> list[str]:
    return REAL.read_text(encoding="utf-8").splitlines()


def _write(tmp_path: Path, lines: list[str], name: str = "cut.dat") -> Path:
    out = tmp_path / name
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_real_file_is_read_whole_and_cut_into_five_decays():
    data = read_dc_file(REAL)
    assert data.format == "MPMS3" and data.moment_column == "DC Moment Free Ctr (emu)"
    decays = segment_decays(data.readings, DcSegmentationSettings(), file=str(REAL))
    assert data.rows_read == len(decays.readings) + len(data.rejected) + len(decays.rejected)
    assert data.rows_read == 1962
    s = decays.summary
    assert list(zip(s.first_line, s.last_line, strict=True)) == DECAY_LINES
    np.testing.assert_allclose(s["T_K"], [2, 4, 10, 8, 6], atol=0.01)
    assert (s["H_Oe"].abs() < 0.5).all()
    first = decays.readings.groupby("decay")["t_s"].min()
    assert (first == 0).all()


def test_the_two_moment_columns_differ_by_2_5_percent():
    free = read_dc_file(REAL).readings["moment_emu"].to_numpy()
    fixed = read_dc_file(REAL, moment="fixed").readings["moment_emu"].to_numpy()
    big = np.abs(free) > 0.01
    ratio = np.median(free[big] / fixed[big])
    assert ratio == pytest.approx(1.025, abs=0.005)


def test_detects_dc_and_not_ac(tmp_path):
    assert is_dc_file(REAL)
    lines = _lines()
    ac_like = lines[:COLUMN_LINE] + [
        ",".join("" if i in (58, 60) else f for i, f in enumerate(r.split(",")))
        for r in lines[28:40]
    ]
    assert not is_dc_file(_write(tmp_path, ac_like))
    data = Path(__file__).parent / "data"
    for ac in ("ppms_acms_excerpt.dat", "mpms3_squid_ac_excerpt.dat", "mpmsxl_ac_excerpt.dat"):
        assert not is_dc_file(data / ac), ac  # the ACMS file has a "Moment (emu)" of its own


def test_charging_rows_are_rejected_and_the_decay_starts_after_them(tmp_path):
    lines = _lines()
    rows = lines[28:764]
    charged = []
    for k, row in enumerate(rows[:3]):
        f = row.split(",")
        f[FIELD] = "10000"
        f[1] = str(float(f[1]) - 30 + 10 * k)
        charged.append(",".join(f))
    path = _write(tmp_path, lines[:COLUMN_LINE] + charged + rows)
    data = read_dc_file(path)
    decays = segment_decays(data.readings, DcSegmentationSettings(), file=str(path))
    assert list(decays.rejected["line"]) == [29, 30, 31]
    assert decays.rejected["reason"].str.contains("field on").all()
    assert decays.summary["first_line"].iloc[0] == 32
    assert bool(decays.summary["after_field_on"].iloc[0])


def _cli_fails(tmp_path, path, capsys, needle):
    out = tmp_path / "table.csv"
    code = main(["fit-dc", str(path), "-o", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and str(path) in err[0] and needle in err[0], err
    assert not out.exists()


def test_no_decay(tmp_path, capsys):
    path = _write(tmp_path, _lines()[:COLUMN_LINE])
    with pytest.raises(InputFormatError, match="no decay"):
        segment_decays(read_dc_file(path).readings, DcSegmentationSettings(), file=str(path))
    _cli_fails(tmp_path, path, capsys, "no decay")


def test_ac_file_is_not_a_decay_file(tmp_path, capsys):
    ac = Path(__file__).parent / "data" / "real" / "mpms3_K18c6_Er_hdcCOT2_ACvsF_head.dat"
    assert not is_dc_file(ac)
    _cli_fails(tmp_path, ac, capsys, "no decay")


def test_truncated_block(tmp_path, capsys):
    lines = _lines()
    path = _write(tmp_path, lines[:764] + lines[764:770])
    _cli_fails(tmp_path, path, capsys, "truncated decay block")


def test_field_never_switched_off(tmp_path, capsys):
    lines = _lines()
    rows = []
    for row in lines[28:400]:
        f = row.split(",")
        f[FIELD] = "1000.0"
        rows.append(",".join(f))
    path = _write(tmp_path, lines[:COLUMN_LINE] + rows)
    _cli_fails(tmp_path, path, capsys, "field never switched off")


def test_one_reading_per_decay(tmp_path, capsys):
    lines = _lines()
    path = _write(tmp_path, lines[:COLUMN_LINE] + [lines[a - 1] for a, _ in DECAY_LINES])
    _cli_fails(tmp_path, path, capsys, "one reading per decay")


def test_cut_last_row_is_rejected_with_its_reason(tmp_path):
    lines = _lines()
    cut = lines[:200] + [lines[200][:40]]
    path = tmp_path / "cut.dat"
    path.write_text("\n".join(cut), encoding="utf-8")
    data = read_dc_file(path)
    assert data.rows_read == len(data.readings) + len(data.rejected)
    assert list(data.rejected["line"]) == [201]


XL = Path(__file__).parents[1] / "data" / "realdata" / "mpmsxl_pb6051_ZFC_0p1T_dc_head.dat"


def test_mpms_xl_dc_file_is_read_and_its_in_field_readings_refused(tmp_path, capsys):
    """A real MPMS-XL DC file (zero-field-cooled M(T) in 1000 Oe): the XL columns are read, and
    as a decay it is refused: the field is never switched off."""
    data = read_dc_file(XL)
    assert data.format == "MPMS_XL" and data.moment_column == "Long Moment (emu)"
    assert data.rows_read == 6 and data.sample_mass_mg == pytest.approx(48.4)
    assert data.readings["moment_emu"].iloc[0] == pytest.approx(5.397742e-2)
    _cli_fails(tmp_path, XL, capsys, "column 'Field (Oe)': field never switched off")


def test_change_over_noise_tells_a_decay_from_a_constant_moment():
    from spinrelax.io.dc_segmentation import change_over_noise

    rng = np.random.default_rng(1)
    t = np.arange(500.0)
    noise = 1e-6 * rng.normal(size=t.size)
    assert change_over_noise(np.full(t.size, 0.05)) == 0.0
    assert change_over_noise(0.05 + noise) < 5  # noise only
    assert change_over_noise(0.05 * np.exp(-t / 200) + noise) > 1e3
    real = read_dc_file(REAL)
    decays = segment_decays(real.readings, DcSegmentationSettings(), file=str(REAL))
    per_decay = decays.readings.groupby("decay")["moment_emu"]
    assert min(change_over_noise(m.to_numpy()) for _, m in per_decay) > 5000


def test_a_file_whose_moment_does_not_decay_is_refused(tmp_path, capsys):
    lines = _lines()
    cols = lines[COLUMN_LINE - 1].split(",")
    moment = [cols.index("DC Moment Free Ctr (emu)"), cols.index("DC Moment Fixed Ctr (emu)")]
    flat = []
    for row in lines[COLUMN_LINE:]:
        f = row.split(",")
        for i in moment:
            f[i] = "0.05"
        flat.append(",".join(f))
    path = _write(tmp_path, lines[:COLUMN_LINE] + flat)
    _cli_fails(tmp_path, path, capsys, "no decay: the moment of every decay stays within its noise")
