"""Stage tables from a small config: columns, row counts, variant check and scorecard part."""

from pathlib import Path

import pandas as pd
import pytest

from spinrelax.papers.erw10.spin.stage import stage_tables
from spinrelax.papers.scorecard import PART_COLUMNS

REPO = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def tables(spin_config):
    small = {
        **spin_config,
        "Hz_sweep_Oe": {"min": -100.0, "max": 100.0, "n": 5},
        "tunnel_H_perp_Oe": {"min": 1.0, "max": 100.0, "n": 3},
        "temperature_K": {"min": 0.1, "max": 10.0, "n": 4},
    }
    return stage_tables(small, pd.read_csv(REPO / "data" / "literature" / "paper1_values.csv"))


def test_table_shapes_and_columns(tables):
    assert list(tables["levels"].columns) == [
        "variant", "level", "energy_K", "doublet", "dominant_mJ", "weight", "Jz_expectation",
    ]  # fmt: skip
    assert tables["levels"].groupby("variant").size().tolist() == [16, 16]
    assert {"variant", "doublet", "energy_K", "g_z", "g_perp"} <= set(tables["doublets"].columns)
    assert list(tables["tunnel_splitting"].columns)[:3] == ["variant", "H_perp_Oe", "Delta_K"]
    assert tables["hyperfine_levels"].groupby(["variant", "H_perp_Oe"]).size().eq(16).all()
    assert len(tables["susceptibility"]) == 8
    assert set(tables["level_sweep"]["isotope"]) == {"I=0", "I=3.5"}
    assert len(tables["level_sweep"]) == 5 * (2 + 16)


def test_variant_check_shows_the_b40_contradiction(tables):
    check = tables["variant_check"].set_index("variant")
    assert check.loc["sign_corrected", "consistent_with_paper"]
    assert not check.loc["as_printed", "consistent_with_paper"]
    assert "erw10.ground_doublet_mJ" in check.loc["as_printed", "failed_checks"]
    assert check.loc["as_printed", "ground_doublet_mJ"] == 7.5


def test_scorecard_part(tables):
    part = tables["scorecard_part"]
    assert tuple(part.columns) == PART_COLUMNS
    values = part.set_index("id")["reproduced"]
    assert values["erw10.ground_doublet_mJ"] == 6.5
    assert values["erw10.excited_population_4K"] < 1e-4
    assert "as_printed: 7.5" in part.set_index("id").at["erw10.ground_doublet_mJ", "note"]
