"""Files written by real instruments (tests/io/data/real/, sources and licences in SOURCES.md).

Expected values are copied from the files' text (header lines and rows quoted in the comments),
not from this reader's output.
"""

from pathlib import Path

import numpy as np
import pytest

from spinrelax.io.grouping import GroupingTolerances, group_spectra
from spinrelax.io.readers import read_ac_file

REAL = Path(__file__).parent / "data" / "real"
ER_COT = REAL / "mpms3_ErCOT_I_THF2_ACvsF_head.dat"
ER_HDCCOT = REAL / "mpms3_K18c6_Er_hdcCOT2_ACvsF_head.dat"
XL = REAL / "mpmsxl_pb6051_ac_0Oe.ac.dat"


def spectra(data):
    """(mean T_K, mean H_Oe, n, f_min, f_max) per grouped spectrum, in measurement order."""
    p = data.points
    g = group_spectra(
        p["T_K"].to_numpy(), p["H_Oe"].to_numpy(), p["freq_Hz"].to_numpy(), GroupingTolerances()
    )
    out = []
    for s in np.unique(g):
        q = p[g == s]
        out.append(
            (q["T_K"].mean(), q["H_Oe"].mean(), len(q), q["freq_Hz"].min(), q["freq_Hz"].max())
        )
    return out


def test_mpms3_2017_er_cot_header_and_rows():
    d = read_ac_file(ER_COT)
    assert (d.format, d.byapp, d.chi_unit) == ("MPMS3", "SQUID AC", "emu/Oe")
    assert d.sample_mass_mg == 26.3  # INFO,26.3,SAMPLE_MASS
    assert d.molar_mass_g_per_mol == 542.53  # INFO,542.53,SAMPLE_MOLECULAR_WEIGHT
    assert (d.rows_read, d.rows_used, d.rows_rejected) == (60, 60, 0)
    first = d.points.iloc[0]
    # line 29: ,3720610041.02044,11.1026692390442,-0.232215464115143,...,2.01793055729591E-5,
    # 2.5939880972859E-8,1.99391174645994E-5,1.54590524765567E-8,2.00061980163702,999.040954589844
    assert first["line"] == 29
    assert first["T_K"] == pytest.approx(11.1026692390442, rel=1e-12)
    assert first["H_Oe"] == pytest.approx(-0.232215464115143, rel=1e-12)
    assert first["freq_Hz"] == pytest.approx(999.040954589844, rel=1e-12)
    assert first["drive_Oe"] == pytest.approx(2.00061980163702, rel=1e-12)
    assert first["chi_real"] == pytest.approx(2.01793055729591e-5, rel=1e-12)
    assert first["chi_imag"] == pytest.approx(1.99391174645994e-5, rel=1e-12)
    assert first["chi_real_err"] == pytest.approx(2.5939880972859e-8, rel=1e-12)
    assert first["chi_imag_err"] == pytest.approx(1.54590524765567e-8, rel=1e-12)
    got = spectra(d)
    assert [round(s[0], 1) for s in got] == [11.1, 11.0]
    assert all(s[1] == pytest.approx(-0.232215464115143) for s in got)
    assert all(s[2] == 30 for s in got)
    assert all(s[3] == pytest.approx(1.00057637691498) for s in got)
    assert all(s[4] == pytest.approx(999.040954589844) for s in got)


def test_mpms3_2019_drive_change_and_zero_std_err_rows_are_kept():
    d = read_ac_file(ER_HDCCOT)
    assert (d.format, d.byapp) == ("MPMS3", "SQUID AC")
    assert d.sample_mass_mg == 7.2  # INFO,7.2,SAMPLE_MASS
    assert d.molar_mass_g_per_mol == 839.24  # INFO,839.24,SAMPLE_MOLECULAR_WEIGHT
    assert (d.rows_read, d.rows_used) == (80, 80)
    got = spectra(d)
    assert [round(s[0], 3) for s in got] == [14.0, 12.0]  # 14 K first, then 12 K
    assert all(s[1] == 0.0 and s[2] == 40 for s in got)
    assert all(s[3] == pytest.approx(0.100097022950649) for s in got)
    p = d.points
    # the drive is 2 Oe down to 11.26 Hz and 7 Oe from 8.897 Hz on (chi already in emu/Oe)
    assert p.loc[p["freq_Hz"] > 10, "drive_Oe"].between(1.99, 2.01).all()
    assert p.loc[p["freq_Hz"] < 10, "drive_Oe"].between(6.99, 7.01).all()
    # line 59: ...,3.4916423584286E-5,0,24.5121077151787,0,4.98804959827745E-6,0,
    # 4.53849473371609E-6,0,2.06946958105384E-6,0,7.00001531587494,0.840704679489136,...
    row = p[p["line"] == 59].iloc[0]
    assert row["freq_Hz"] == pytest.approx(0.840704679489136, rel=1e-12)
    assert row["chi_real"] == pytest.approx(4.53849473371609e-6, rel=1e-12)
    assert row["chi_imag"] == pytest.approx(2.06946958105384e-6, rel=1e-12)
    assert row["chi_real_err"] == 0.0 and row["chi_imag_err"] == 0.0
    assert (p["chi_imag_err"] == 0).sum() == 4


def test_mpms_xl_moments_divided_by_drive_and_no_molar_mass_guessed():
    d = read_ac_file(XL)
    assert d.format == "MPMS_XL"
    assert d.byapp == "MPMS Measurement"  # BYAPP,MPMS Measurement,1.1,Summary
    assert d.sample_mass_mg == 21.3  # INFO, WEIGHT, 21.300 (key first)
    assert d.molar_mass_g_per_mol is None  # only in LENGTH by a lab convention
    assert (d.rows_read, d.rows_used) == (13, 13)
    p = d.points
    # first row: 1498066196.036,,0.000000e+000,3.999938e+000,1.181545e-004,0.000000e+000,
    # 3.978727e-005,0.000000e+000,...,6.000000e+000,1.000030e-001,...
    assert p["T_K"].iloc[0] == pytest.approx(3.999938)
    assert p["H_Oe"].iloc[0] == 0.0
    assert p["freq_Hz"].iloc[0] == pytest.approx(0.100003)
    assert p["freq_Hz"].iloc[-1] == pytest.approx(10.06765)
    assert (p["drive_Oe"] == 6.0).all()
    assert p["chi_real"].iloc[0] == pytest.approx(1.181545e-4 / 6.0)
    assert p["chi_imag"].iloc[0] == pytest.approx(3.978727e-5 / 6.0)
    assert (p["chi_real_err"] == 0).all()  # the file's "Scan Std Dev" columns are all zero
    assert [s[2] for s in spectra(d)] == [13]
