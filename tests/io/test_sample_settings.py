"""The workflow's per-sample settings: the config's block, a settings file named by the block
(the file ``spinrelax app`` saves), and the excluded spectra and points of either."""

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.sample_settings import (
    acsus_fit_settings,
    rate_settings,
    settings_file,
    user_exclusions,
)

SAVED = """sample_settings:
  A:
    acsus:
      model: havriliak_negami
      exclude_spectra:
      - {T_K: 2.2, H_Oe: 0.0, reason: peak below the window}
      exclude_points:
      - {T_K: 4.0, H_Oe: 0.0, f_Hz: 0.1}
    rates:
      law: orbach
"""


def _config(block: dict) -> dict:
    return {"acsus": {"model": "debye", "weighting": "none"}, "rates": {"law": "auto"},
            "sample_settings": {"A": block}}  # fmt: skip


def test_block_overrides_the_config():
    assert acsus_fit_settings(_config({"acsus": {"model": "auto"}}), "A", {}) == {
        "model": "auto", "weighting": "none"}  # fmt: skip


def test_inline_exclusions_are_read_with_their_reasons():
    block = {"acsus": {"exclude_points": [{"T_K": 2.0, "H_Oe": 0.0, "f_Hz": 10, "reason": "x"}]}}
    got = user_exclusions(_config(block), "A")
    assert got["file"] == "config sample_settings.A"
    assert got["exclude_spectra"] == []
    assert got["exclude_points"] == [{"T_K": 2.0, "H_Oe": 0.0, "f_Hz": 10.0, "reason": "x"}]
    assert "exclude_points" not in acsus_fit_settings(_config(block), "A", {})


def test_a_bad_inline_exclusion_names_the_key():
    block = {"acsus": {"exclude_spectra": [{"T_K": "cold", "H_Oe": 0.0}]}}
    with pytest.raises(InputFormatError, match=r"acsus.exclude_spectra\[0\].T_K: must be a number"):
        user_exclusions(_config(block), "A")


def test_settings_file_replaces_the_block_and_the_sheet_still_wins(tmp_path):
    path = tmp_path / "A.yaml"
    path.write_text(SAVED)
    config = _config(
        {"settings_file": str(path), "acsus": {"model": "auto", "weighting": "instrument"}}
    )
    assert settings_file(config, "A") == str(path)
    assert acsus_fit_settings(config, "A", {}) == {"model": "havriliak_negami",
                                                  "weighting": "instrument"}  # fmt: skip
    assert acsus_fit_settings(config, "A", {"model": "debye"})["model"] == "debye"
    assert rate_settings(config, "A", {}) == {"law": "orbach"}
    got = user_exclusions(config, "A")
    assert got["file"] == str(path)
    assert got["exclude_spectra"] == [
        {"T_K": 2.2, "H_Oe": 0.0, "f_Hz": None, "reason": "peak below the window"}]  # fmt: skip
    assert len(got["exclude_points"]) == 1


def test_a_malformed_settings_file_names_file_line_and_key(tmp_path):
    path = tmp_path / "A.yaml"
    path.write_text(SAVED.replace("f_Hz: 0.1", "f_Hz: fast"))
    with pytest.raises(InputFormatError) as info:
        user_exclusions(_config({"settings_file": str(path)}), "A")
    assert str(info.value).startswith(f"{path}:8:")
    assert "exclude_points[0].f_Hz: must be a number" in str(info.value)


def test_a_missing_settings_file_is_named(tmp_path):
    with pytest.raises(InputFormatError, match="cannot read settings file"):
        rate_settings(_config({"settings_file": str(tmp_path / "none.yaml")}), "A", {})
