"""Molar conversion with diamagnetic corrections, SI conversion, metadata precedence."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.errors import MissingMetadataError
from spinrelax.io.molar import SampleMetadata, convert_chi, resolve_value, to_molar_cgs


def _pts(chi_r=1e-5, chi_i=2e-6):
    return pd.DataFrame(
        {"chi_real": [chi_r], "chi_imag": [chi_i], "chi_real_err": [1e-8], "chi_imag_err": [2e-8]}
    )


def test_hand_computed_molar_chi_with_all_diamagnetic_terms():
    meta = SampleMetadata(
        sample_mass_mg=20.0,
        molar_mass_g_per_mol=500.0,
        diamag_sample_emu_per_mol=-4e-4,
        eicosane_mass_mg=10.0,
        diamag_eicosane_emu_per_g=-8.6e-7,
        diamag_holder_emu_per_Oe=-1e-9,
    )
    out = to_molar_cgs(_pts(), meta)
    # background = 0.010 g * -8.6e-7 + -1e-9 = -9.6e-9 emu/Oe; scale = 500 / 0.020 = 25000 mol^-1 g...
    expected_real = (1e-5 + 9.6e-9) * 25000 + 4e-4
    assert out["chi_real"].iloc[0] == pytest.approx(expected_real, rel=1e-12)
    assert out["chi_imag"].iloc[0] == pytest.approx(2e-6 * 25000, rel=1e-12)  # no dia term
    assert out["chi_real_err"].iloc[0] == pytest.approx(1e-8 * 25000)


def test_si_conversion_factor():
    meta = SampleMetadata(sample_mass_mg=10.0, molar_mass_g_per_mol=1000.0)
    cgs, unit_cgs = convert_chi(_pts(), "emu/Oe", "molar_cgs", meta)
    si, unit_si = convert_chi(_pts(), "emu/Oe", "molar_si", meta)
    assert (unit_cgs, unit_si) == ("emu/mol", "m3/mol")
    # 1 emu/mol = 1 cm^3/mol = 4 pi 1e-6 m^3/mol in SI (rationalised) units
    np.testing.assert_allclose(si["chi_real"], cgs["chi_real"] * 4 * np.pi * 1e-6, rtol=1e-15)


@pytest.mark.parametrize("mass", [None, 0.0, -3.0, float("nan")])
def test_missing_or_invalid_mass_refuses_molar_but_file_units_work(mass):
    meta = SampleMetadata(sample_mass_mg=mass, molar_mass_g_per_mol=500.0)
    with pytest.raises(MissingMetadataError, match="sample mass"):
        convert_chi(_pts(), "emu/Oe", "molar_cgs", meta, file="x.dat")
    out, unit = convert_chi(_pts(), "emu/Oe", "file", meta)
    assert unit == "emu/Oe" and out["chi_real"].iloc[0] == 1e-5


def test_missing_molar_mass_refused():
    with pytest.raises(MissingMetadataError, match="molar mass"):
        to_molar_cgs(_pts(), SampleMetadata(sample_mass_mg=1.0, molar_mass_g_per_mol=None))


def test_unknown_unit_passes_through():
    out, unit = convert_chi(_pts(), "arb. units", "molar_cgs", SampleMetadata(None, None))
    assert unit == "arb. units" and out["chi_real"].iloc[0] == 1e-5


def test_sheet_wins_over_header():
    assert resolve_value(12.0, 26.3) == (12.0, "sample sheet")
    assert resolve_value(None, 26.3) == (26.3, "file header")
    assert resolve_value(float("nan"), 26.3) == (26.3, "file header")
    assert resolve_value(0.0, -1.0) == (None, "missing")
