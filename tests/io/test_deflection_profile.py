"""Reader/writer of the deflection profile file format (issue 6 contract)."""

import numpy as np
import pytest

from spinrelax.errors import InputFormatError, MissingMetadataError, SpinrelaxError
from spinrelax.io.deflection_profile import (
    REQUIRED_KEYS,
    read_deflection_profile,
    write_deflection_profile,
)

META = {
    "element": "V",
    "n": 11,
    "mass_u": 560.3565,
    "ns_per_mm": 10.54,
    "tof_sign": -1,
    "B_T": 2.4,
    "dBdz_T_per_m": 500.0,
    "L1_m": 0.06,
    "L2_m": 1.0,
    "v_m_per_s": 450.0,
    "v_rel_sigma": 0.03,
    "T_cluster_K_nominal": 45.0,
}


def _text(meta=META, rows=None, extra=""):
    head = "".join(f"# {k} = {v}\n" for k, v in meta.items())
    rows = rows if rows is not None else [f"{100 + i}.5,{i},{2 * i}" for i in range(12)]
    return head + extra + "t_ns,counts_off,counts_on\n" + "\n".join(rows) + "\n"


def test_round_trip(tmp_path):
    path = tmp_path / "p.csv"
    t = np.arange(20) * 0.5 + 1000
    off, on = np.arange(20), np.arange(20)[::-1]
    meta = META | {"nozzle": "conical", "pressure_bar": 2.0, "operator": "AK"}
    write_deflection_profile(path, meta, t, off, on, comments=("SYNTHETIC",))
    prof = read_deflection_profile(path)
    assert prof.element == "V" and prof.n == 11 and prof.meta["tof_sign"] == -1
    assert prof.meta["nozzle"] == "conical" and prof.meta["operator"] == "AK"
    assert prof.meta["pressure_bar"] == 2.0
    assert prof.comments == ("SYNTHETIC",)
    np.testing.assert_array_equal(prof.t_ns, t)
    np.testing.assert_array_equal(prof.counts_on, on)


@pytest.mark.parametrize("key", list(REQUIRED_KEYS))
def test_missing_required_key_names_file_and_key(tmp_path, key):
    path = tmp_path / "p.csv"
    path.write_text(_text({k: v for k, v in META.items() if k != key}))
    with pytest.raises(MissingMetadataError) as err:
        read_deflection_profile(path)
    assert str(path) in str(err.value) and key in str(err.value)


@pytest.mark.parametrize(
    ("bad_row", "column"),
    [
        ("105.5,abc,3", "counts_off"),
        ("105.5,3,-1", "counts_on"),
        ("x,1,1", "t_ns"),
        ("99,1,1", "t_ns"),
    ],
)
def test_bad_row_names_line_and_column(tmp_path, bad_row, column):
    rows = [f"{100 + i}.5,{i},{2 * i}" for i in range(12)]
    rows[5] = bad_row
    path = tmp_path / "p.csv"
    path.write_text(_text(rows=rows))
    with pytest.raises(InputFormatError) as err:
        read_deflection_profile(path)
    line = len(META) + 1 + 6  # metadata lines, header, 6th data row
    assert err.value.line == line and err.value.column == column
    assert f"{path}:{line}" in str(err.value)


@pytest.mark.parametrize(
    ("key", "value"), [("mass_u", "heavy"), ("tof_sign", "2"), ("n", "11.5"), ("v_m_per_s", "-3")]
)
def test_bad_metadata_value(tmp_path, key, value):
    path = tmp_path / "p.csv"
    path.write_text(_text(META | {key: value}))
    with pytest.raises(InputFormatError, match=key):
        read_deflection_profile(path)


def test_wrong_header_and_short_rows(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(_text().replace("t_ns,counts_off,counts_on", "t,off,on"))
    with pytest.raises(InputFormatError, match="data header"):
        read_deflection_profile(path)
    path.write_text(_text(rows=["1,2,3", "2,3"]))
    with pytest.raises(SpinrelaxError, match="expected 3 values"):
        read_deflection_profile(path)
    path.write_text(_text(rows=["1,2,3"]))
    with pytest.raises(InputFormatError, match="fewer than 10"):
        read_deflection_profile(path)
