"""Paper-1 scorecard rows test what they say: every tolerance has its reason, and the values
this project published before the physics corrections fail the row checks."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spinrelax.papers.scorecard import TOLERANCE_REASON, build_scorecard, read_paper_values

VALUES = Path(__file__).resolve().parents[3] / "data" / "literature" / "paper1_values.csv"


@pytest.fixture(scope="module")
def paper1():
    return read_paper_values([VALUES])


def _verdicts(paper1: pd.DataFrame, reproduced: dict[str, float]) -> pd.Series:
    parts = pd.DataFrame(
        {
            "id": list(reproduced),
            "reproduced": list(reproduced.values()),
            "reproduced_err": np.nan,
            "note": "test",
        }
    )
    card = build_scorecard(paper1.loc[paper1["id"].isin(reproduced)], parts)
    return card.set_index("id")["agrees"]


def test_every_row_states_its_kind_and_the_reason_of_its_tolerance(paper1):
    assert paper1[TOLERANCE_REASON].str.len().min() > 10
    assert paper1["kind"].isin(["data", "model", "by_construction"]).all()
    kinds = paper1.set_index("id")["kind"]
    # theta and C are settings of the virtual instrument: the correction is a model number
    assert kinds["erw10.theta_corrected_K"] == "model"
    for key in (
        "erw10.B44_K.as_printed",
        "erw10.rate_ratio_167Er_electronuclear",
        "erw10.rate_ratio_167Er_no_flipflop",
    ):
        assert kinds[key] == "model"


# Published before the physics corrections: B44 from barrier matching, the direct process
# with that B44, the phonon laser completed with dE / hbar.
OLD = {
    "erw10.B44_K": 0.0803,
    "erw10.B44_K.as_printed": 0.0803,
    "erw10.direct_orders": 7.59,
    "erw10.phonon_laser_s-1": 1.67e6,
}
# Published after them (docs/physics.md): the rows must let these through.
CURRENT = {
    "erw10.B44_K.as_printed": 0.0197,
    "erw10.direct_orders": 10.7,
    "erw10.phonon_laser_s-1": 1.81e3,
    "erw10.B44_plateau_K": 0.0154,
}


def test_values_published_before_the_physics_corrections_fail(paper1):
    verdicts = _verdicts(paper1, OLD)
    assert not verdicts.any(), verdicts


def test_corrected_values_pass(paper1):
    verdicts = _verdicts(paper1, CURRENT)
    assert verdicts.all(), verdicts


@pytest.mark.parametrize("plateau_s", [437.0, 13_800.0])
def test_b44_plateau_row_rejects_plateaus_a_factor_3_off(paper1, plateau_s):
    # Gamma ~ B44^6 (docs/physics.md): the B44 that Eq. 2 needs for another plateau
    b44 = 0.0154 * (plateau_s / 1199.0) ** (1 / 6)
    assert not _verdicts(paper1, {"erw10.B44_plateau_K": b44}).iloc[0]


def test_direct_orders_row_accepts_only_9_to_11_decades(paper1):
    assert not _verdicts(paper1, {"erw10.direct_orders": 8.9}).iloc[0]
    assert not _verdicts(paper1, {"erw10.direct_orders": 11.1}).iloc[0]
