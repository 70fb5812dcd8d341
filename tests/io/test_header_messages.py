"""Messages about bad input name the file, line and value (issue case: a header mass of 0 or
-27.9 was reported as "None" with no line)."""

import pytest

from spinrelax.errors import MissingMetadataError
from spinrelax.io.ingest import ingest_sample
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.qd_header import parse_qd_header
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.writers import write_mpms3_dat


@pytest.mark.parametrize("mass", ["0", "-27.9"])
def test_a_bad_header_mass_is_reported_with_file_line_and_value(tmp_path, points, mass):
    path = tmp_path / "run.dat"
    write_mpms3_dat(path, points, sample_mass_mg=26.3, molar_mass_g_per_mol=542.53, title="t")
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("INFO,26.3,SAMPLE_MASS"))
    lines[at] = lines[at].replace("26.3", mass)
    path.write_text("".join(lines))
    meta = SampleMetadata(sample_mass_mg=None, molar_mass_g_per_mol=None)
    files = [(path, "data/raw/run.dat")]
    with pytest.raises(MissingMetadataError) as err:
        ingest_sample("S", files, meta, SegmentationSettings(), "molar_cgs")
    message = str(err.value)
    assert message.startswith(
        f"data/raw/run.dat:{at + 1}: sample mass (mg) '{mass}' in the file header"
    )
    assert "None" not in message and "mass_mg" in message
    # with the mass in the sample sheet the file is used
    sheet = SampleMetadata(sample_mass_mg=26.3, molar_mass_g_per_mol=None)
    assert len(ingest_sample("S", files, sheet, SegmentationSettings(), "molar_cgs").spectra)


def test_a_missing_mass_runs_in_file_units_with_a_warning_naming_it(tmp_path, points, caplog):
    """A missing mass (issue 11: never stops the run) is named in the warning, never "None"."""
    path = tmp_path / "run.dat"
    write_mpms3_dat(path, points, sample_mass_mg=None, molar_mass_g_per_mol=542.53, title="t")
    meta = SampleMetadata(sample_mass_mg=None, molar_mass_g_per_mol=None)
    with caplog.at_level("WARNING"):
        result = ingest_sample("S", [(path, "run.dat")], meta, SegmentationSettings(), "molar_cgs")
    assert set(result.spectra["chi_unit"]) == {"emu/Oe"}
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert "no mass_mg" in warning and "None" not in warning


def test_header_records_the_line_and_text_of_invalid_values():
    header = parse_qd_header(["TITLE,x", "INFO,-27.9,SAMPLE_MASS", "INFO, WEIGHT, abc"], 3)
    assert header.sample_mass_mg is None
    assert header.invalid == (("sample_mass_mg", 4, "-27.9"), ("sample_mass_mg", 5, "abc"))
