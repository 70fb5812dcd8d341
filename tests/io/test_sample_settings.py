"""The workflow's per-sample acsus settings: a settings file's exclusions are refused, not
silently ignored (the workflow does not read them yet)."""

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.sample_settings import acsus_fit_settings


def _config(block: dict) -> dict:
    return {"acsus": {"model": "debye"}, "sample_settings": {"A": {"acsus": block}}}


def test_block_overrides_the_config():
    assert acsus_fit_settings(_config({"model": "auto"}), "A", {}) == {"model": "auto"}


@pytest.mark.parametrize("key", ["exclude_spectra", "exclude_points"])
def test_user_exclusions_are_refused_naming_the_key(key):
    with pytest.raises(InputFormatError, match=f"sample_settings.A.acsus.{key}"):
        acsus_fit_settings(_config({key: [{"T_K": 2.0, "H_Oe": 0.0}]}), "A", {})
