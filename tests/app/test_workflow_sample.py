"""``spinrelax app --sample ID`` in a workflow's working folder: the sample's files, masses and
current settings as the workflow reads them; where Save writes; one-line errors."""

import pytest
import yaml

from spinrelax.app.workflow_sample import workflow_sample
from spinrelax.errors import InputFormatError, SpinrelaxError

FILE = "mpms3_ErCOT_I_THF2_ACvsF.dat"
SAVED = """sample_settings:
  ErCOT:
    acsus:
      model: debye
      exclude_spectra:
      - {T_K: 5.0, H_Oe: -0.23, reason: peak below the window}
    rates:
      law: raman
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the workflow's working folder


def _checkout(root, realdata_dir, block=None, sheet_extra=""):
    (root / "raw").mkdir()
    (root / "raw" / FILE).write_bytes((realdata_dir / FILE).read_bytes())
    (root / "sheet.tsv").write_text(
        "sample_id\tinstrument\traw_glob\tmass_mg\tmolar_mass_g_per_mol\trate_T_min_K\n"
        f"ErCOT\tMPMS3\traw/{FILE}\t{sheet_extra}\n"
    )
    config = {"samples": "sheet.tsv", "acsus": {"model": "generalized_debye", "weighting": "none"},
              "ingest": {"field_tolerance_Oe": 4.0}, "rates": {"law": "auto"}}  # fmt: skip
    if block is not None:
        config["sample_settings"] = {"ErCOT": block}
    (root / "config.yaml").write_text(yaml.safe_dump(config))


def test_sample_of_the_sheet_with_its_settings_file(tmp_path, realdata_dir):
    _checkout(tmp_path, realdata_dir, {"settings_file": "s/ErCOT.yaml"}, "7.2\t839.24\t3.5")
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "ErCOT.yaml").write_text(SAVED)
    found = workflow_sample("ErCOT")
    assert found.files == [f"raw/{FILE}"]  # named as the workflow's tables name it
    assert (found.mass_mg, found.molar_mass) == (7.2, 839.24)
    assert found.segmentation.field_tolerance_Oe == 4.0
    assert found.choices.model == "debye" and found.choices.weighting == "none"
    assert found.choices.rates == {"law": "raman", "T_min_K": 3.5}  # the sheet's column wins
    assert [e.reason for e in found.choices.exclude_spectra] == ["peak below the window"]
    assert found.settings_path.as_posix() == "s/ErCOT.yaml" and found.config_line is None


def test_without_a_settings_file_save_names_the_config_line(tmp_path, realdata_dir):
    _checkout(tmp_path, realdata_dir)
    found = workflow_sample("ErCOT")
    assert (found.mass_mg, found.molar_mass) == (None, None)  # the header's values, later
    assert found.choices.exclude_spectra == [] and found.choices.model == "generalized_debye"
    assert str(found.settings_path) == "ErCOT.settings.yaml"
    assert found.config_line == "sample_settings: {ErCOT: {settings_file: ErCOT.settings.yaml}}"


def test_unknown_sample_and_missing_config_are_one_line(tmp_path, realdata_dir):
    with pytest.raises(SpinrelaxError, match="no workflow config here"):
        workflow_sample("ErCOT")
    _checkout(tmp_path, realdata_dir)
    with pytest.raises(
        SpinrelaxError, match=r"sample 'Dy1' is not in .*sheet.tsv \(samples: ErCOT\)"
    ):
        workflow_sample("Dy1")


def test_a_malformed_settings_file_names_its_line(tmp_path, realdata_dir):
    _checkout(tmp_path, realdata_dir, {"settings_file": "bad.yaml"})
    (tmp_path / "bad.yaml").write_text(SAVED.replace("model: debye", "model: lorentz"))
    with pytest.raises(
        InputFormatError, match=r"bad.yaml:4: key sample_settings.ErCOT.acsus.model"
    ):
        workflow_sample("ErCOT")
