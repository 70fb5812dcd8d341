"""Hand-made excerpts in the real column layouts of MultiVu exports (tests/io/data/)."""

from pathlib import Path

import numpy as np
import pytest

from spinrelax.io.readers import read_ac_file

DATA = Path(__file__).parent / "data"


def test_mpms3_squid_ac_excerpt():
    d = read_ac_file(DATA / "mpms3_squid_ac_excerpt.dat")
    assert d.format == "MPMS3"
    assert d.byapp == "SQUID AC"
    assert d.sample_mass_mg == 26.3
    assert d.molar_mass_g_per_mol == 542.53
    assert d.chi_unit == "emu/Oe"
    # line 29 is a comment row (text in Comment, no data): listed, not silently dropped
    assert d.rows_read == 8 and d.rows_used == 7
    assert d.rejected.to_dict("records") == [{"line": 29, "reason": "comment row: ACvsF 2 K 0 Oe"}]
    p = d.points
    assert list(p["line"]) == [30, 31, 32, 33, 34, 35, 36]
    assert p["T_K"].iloc[0] == pytest.approx(2.00131688690186)
    assert p["H_Oe"].iloc[0] == pytest.approx(-0.0743)
    assert p["freq_Hz"].iloc[0] == pytest.approx(999.040954589844)
    assert p["drive_Oe"].iloc[0] == pytest.approx(3.99019709030028)
    assert p["chi_real"].iloc[0] == pytest.approx(2.01692240155803e-7)
    assert p["chi_imag"].iloc[2] == pytest.approx(1.19458007309045e-7)
    assert p["chi_imag_err"].iloc[0] == pytest.approx(1.9e-9)


def test_ppms_acms_excerpt_divides_moment_by_amplitude():
    d = read_ac_file(DATA / "ppms_acms_excerpt.dat")
    assert d.format == "PPMS_ACMS"
    assert d.sample_mass_mg == 12.4
    assert d.molar_mass_g_per_mol is None  # empty INFO value: unknown, never guessed
    p = d.points
    assert p["T_K"].iloc[0] == pytest.approx(5.00112)
    assert p["freq_Hz"].tolist() == [10, 100, 1000, 10000, 10, 100]
    assert p["H_Oe"].iloc[4] == pytest.approx(1000.12)
    np.testing.assert_allclose(p["chi_real"].iloc[0], 4.4012e-05 / 3.9998)
    np.testing.assert_allclose(p["chi_imag"].iloc[2], 1.31e-05 / 3.9998)
    np.testing.assert_allclose(p["chi_real_err"].iloc[0], 2.1e-08 / 3.9998)


def test_mpmsxl_excerpt_latin1_key_first_info():
    d = read_ac_file(DATA / "mpmsxl_ac_excerpt.dat")
    assert d.format == "MPMS_XL"
    assert d.encoding == "latin-1"
    assert d.sample_mass_mg == 21.3  # INFO, WEIGHT, 21.300 (key before value)
    assert d.molar_mass_g_per_mol is None
    assert d.title == "MPMS AC Measurement"
    p = d.points
    np.testing.assert_allclose(p["freq_Hz"], [0.1000030, 1.000318, 10.06765])
    np.testing.assert_allclose(p["T_K"], [1.999938, 1.999938, 2.000502])
    np.testing.assert_allclose(p["chi_real"].iloc[0], 1.181545e-4 / 4.0)
    np.testing.assert_allclose(p["chi_imag"].iloc[1], 4.000512e-5 / 4.0)
    np.testing.assert_allclose(p["time_s"].iloc[0], 1498066196.036)
