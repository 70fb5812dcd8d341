"""The acsus section of config.yaml builds valid settings and matches its schema."""

from pathlib import Path

import jsonschema
import numpy as np
import yaml

from spinrelax.acsus.settings import equilibrium_settings, fit_settings

REPO = Path(__file__).resolve().parents[2]


def test_config_section_builds_settings_and_validates():
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    schema = yaml.safe_load((REPO / "workflow" / "schemas" / "config.schema.yaml").read_text())
    jsonschema.validate(config["acsus"], schema["properties"]["acsus"])
    fit = fit_settings(config["acsus"])
    assert fit.model == config["acsus"]["model"]
    assert fit.qc.disqualifying == tuple(config["acsus"]["qc"]["disqualifying"])
    assert fit.weighting == config["acsus"]["weighting"] == "none"  # the field's convention
    assert fit.outlier_sigma == 0  # outlier pass off by default
    assert fit.adequacy_models == tuple(config["acsus"]["adequacy_models"])
    assert "double_generalized_debye" in fit.candidates
    # Every QC threshold in config.yaml reaches the settings (none silently ignored).
    for key, value in config["acsus"]["qc"].items():
        expected = tuple(value) if isinstance(value, list) else value
        assert getattr(fit.qc, key) == expected, key
    eq = equilibrium_settings(config["acsus"])
    assert np.isclose(eq.demag_factor_cgs, 4 * np.pi)


def test_schema_rejects_unknown_model():
    schema = yaml.safe_load((REPO / "workflow" / "schemas" / "config.schema.yaml").read_text())
    bad = {"model": "lorentzian", "fig3_sample": "a", "scorecard_sample": "b"}
    try:
        jsonschema.validate(bad, schema["properties"]["acsus"])
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown model")


def test_schema_rejects_unknown_weighting():
    schema = yaml.safe_load((REPO / "workflow" / "schemas" / "config.schema.yaml").read_text())
    bad = {"model": "auto", "weighting": "std_err", "fig3_sample": "a", "scorecard_sample": "b"}
    try:
        jsonschema.validate(bad, schema["properties"]["acsus"])
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown weighting")
