"""Declared units are honoured or refused, frequencies must be physical (issue 21, item 7)."""

import math

import numpy as np
import pytest

from spinrelax.cli import main
from spinrelax.errors import InputFormatError
from spinrelax.io.readers import read_ac_file

ROWS = "T_K,H_Oe,freq_Hz,chi_real,chi_imag\n" + "".join(
    f"2.0,0,{f},{1 / (1 + (f * 1e-3) ** 2):.8g},{f * 1e-3 / (1 + (f * 1e-3) ** 2):.8g}\n"
    for f in (10.0, 100.0, 1000.0, 10000.0)
)


def _tidy(tmp_path, header: str, rows: str = ROWS):
    path = tmp_path / "run.csv"
    path.write_text(header + rows)
    return path


def test_angular_frequency_is_converted_to_hz(tmp_path):
    data = read_ac_file(_tidy(tmp_path, "# chi_unit = emu/mol\n# freq_unit = rad/s\n"))
    np.testing.assert_allclose(
        data.points["freq_Hz"], np.array([10.0, 100.0, 1000.0, 10000.0]) / (2 * math.pi)
    )
    kilo = read_ac_file(_tidy(tmp_path, "# freq_unit = kHz\n"))
    np.testing.assert_allclose(kilo.points["freq_Hz"], [1e4, 1e5, 1e6, 1e7])


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "# chi_unit = furlongs\n",
            "run.csv:1: chi_unit 'furlongs' is not a unit this reader knows",
        ),
        ("# chi_unit = emu/mol\n# freq_unit = rpm\n", "run.csv:2: freq_unit 'rpm' is not a unit"),
        ("# T_unit = C\n", "run.csv:1: T_unit 'C' is not a unit this reader knows"),
        ("# mass_unit = g\n", "run.csv:1: unknown unit declaration 'mass_unit'"),
    ],
)
def test_an_unknown_unit_is_refused_with_its_line(tmp_path, capsys, header, message):
    path = _tidy(tmp_path, header)
    with pytest.raises(InputFormatError) as err:
        read_ac_file(path)
    assert message in str(err.value)
    assert main(["report", str(path), "-o", str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1e-300", "frequency 1e-300 Hz outside the physical range 1e-06-1e+09 Hz"),
        ("1e12", "frequency 1e+12 Hz outside the physical range"),
        ("0", "frequency <= 0 Hz"),
        ("-5", "frequency <= 0 Hz"),
        ("inf", "non-finite value 'inf'"),
        ("nan", "NaN value"),
    ],
)
def test_non_physical_frequencies_are_rejected_rows_with_reason(tmp_path, value, reason):
    rows = ROWS.replace("2.0,0,100.0,", f"2.0,0,{value},")
    data = read_ac_file(_tidy(tmp_path, "# chi_unit = emu/mol\n", rows))
    assert data.rows_read == 4 and data.rows_used == 3
    rejected = data.rejected.set_index("line")["reason"].to_dict()
    assert list(rejected) == [4] and reason in rejected[4]
