"""The sample sheet rows agree with the campaign and with the stated molar masses and geometry."""

import fnmatch
import math

import numpy as np
import pandas as pd
import pytest

from spinrelax.simulate.acsus_sample import SampleMeta, molar_to_emu_per_Oe, read_sample_sheet

COLUMNS = (
    "sample_id compound x_Er enrichment_167Er form easy_axis_angle_deg mass_mg "
    "molar_mass_g_per_mol diamag_sample_emu_per_mol eicosane_mass_mg diamag_eicosane_emu_per_g "
    "diamag_holder_emu_per_Oe instrument raw_glob notes"
).split()
M_ERW10 = 3.411 * 3260.8e-24 * 6.02214076e23 / 2  # rho V_cell N_A / Z, g/mol


def test_sheet_has_exactly_the_agreed_columns(acsus_sheet_path):
    sheet = pd.read_csv(acsus_sheet_path, sep="\t", comment="#")
    assert list(sheet.columns) == COLUMNS
    assert sheet["sample_id"].is_unique


def test_every_run_has_a_matching_sheet_row(acsus_campaign, acsus_sheet_path):
    sheet = read_sample_sheet(acsus_sheet_path)
    raw = pd.read_csv(acsus_sheet_path, sep="\t", comment="#").set_index("sample_id")
    for run in acsus_campaign.runs:
        meta = sheet[run.sample_id]
        assert meta.instrument == run.instrument
        assert fnmatch.fnmatch(f"data/raw/acsus/{run.file}", raw.loc[run.sample_id, "raw_glob"])
        mass = meta.mass_mg or acsus_campaign.samples[run.sample_id].header_mass_mg
        assert mass is not None or run.instrument == "microSQUID"


def test_molar_masses_follow_the_documented_formula(acsus_sheet_path):
    for meta in read_sample_sheet(acsus_sheet_path).values():
        er = 166.932 * 0.953 + 167.259 * 0.047 if meta.compound == "167ErW10" else 167.259
        expected = M_ERW10 - meta.x_Er * (167.259 - er) - (1 - meta.x_Er) * (167.259 - 88.906)
        assert meta.molar_mass_g_per_mol == pytest.approx(expected, abs=0.06), meta.sample_id


def test_crystal_mass_from_dimensions(acsus_sheet_path):
    crystal = read_sample_sheet(acsus_sheet_path)["ErW10_xtal_z"]
    assert crystal.mass_mg == pytest.approx(800e-4 * 400e-4 * 200e-4 * 3.411 * 1e3, rel=0.01)
    assert crystal.proj_z == pytest.approx(1.0)
    assert read_sample_sheet(acsus_sheet_path)["ErW10_xtal_perp"].proj_z == pytest.approx(
        0.0, abs=1e-15
    )


def test_unit_conversion_inverts_the_diamagnetic_correction():
    meta = SampleMeta(
        "s", "ErW10", 1.0, "powder", math.nan, 10.0, 3349.1, -1.1e-3, 5.0, -8.6e-7, -1.5e-9, "MPMS3"
    )
    chi_mol = np.array([3.0, 0.2])
    re, im = molar_to_emu_per_Oe(chi_mol, chi_mol / 2, meta, 10.0)
    # PHYSICS.md: chi_mol = chi_emu_per_Oe M / m - diamagnetic terms
    holder_eic = 5e-3 * -8.6e-7 + -1.5e-9
    back = (re - holder_eic) * 3349.1 / 10e-3 - (-1.1e-3)
    np.testing.assert_allclose(back, chi_mol, rtol=1e-12)
    np.testing.assert_allclose(im * 3349.1 / 10e-3, chi_mol / 2, rtol=1e-12)
    assert meta.proj_z == pytest.approx(1 / 3)


def test_bad_sheet_row_names_file_and_line(tmp_path, acsus_sheet_path):
    from spinrelax.errors import SpinrelaxError

    lines = acsus_sheet_path.read_text().splitlines()
    first_data = next(i for i, line in enumerate(lines) if not line.startswith("#")) + 1
    cells = lines[first_data + 2].split("\t")
    cells[2] = "one"  # x_Er of the third sample
    lines[first_data + 2] = "\t".join(cells)
    bad = tmp_path / "samples.tsv"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(SpinrelaxError) as err:
        read_sample_sheet(bad)
    assert err.value.file == str(bad)
    assert err.value.line == first_data + 3  # 1-based file line of that row
