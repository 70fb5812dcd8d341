"""Fixtures of the virtual ac instrument tests (acsus_*): the shipped config and one generation."""

from pathlib import Path

import pytest
import yaml

from spinrelax.simulate import AcsusCampaign, generate_acsus

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def acsus_cfg():
    """The ``simulate: acsus:`` section of the repository's config.yaml."""
    return yaml.safe_load((REPO / "config.yaml").read_text())["simulate"]["acsus"]


@pytest.fixture(scope="session")
def acsus_campaign(acsus_cfg):
    return AcsusCampaign.from_config(acsus_cfg)


@pytest.fixture(scope="session")
def acsus_sheet_path():
    return REPO / "data" / "samples.tsv"


@pytest.fixture(scope="session")
def acsus_generated(acsus_cfg, acsus_sheet_path, tmp_path_factory):
    """(output folder, injected events) of one full generation (~0.3 s)."""
    out = tmp_path_factory.mktemp("acsus_a")
    events = generate_acsus(acsus_cfg, acsus_sheet_path, out)
    return out, events
