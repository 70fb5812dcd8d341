"""Spectra and points excluded by the user: matched to the read points, listed with a reason."""

import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.settings_file import Exclusion
from spinrelax.io.user_exclusions import exclude, exclude_from_sample


def _points() -> pd.DataFrame:
    rows = []
    for s, T in enumerate([2.2003, 4.0001]):
        for j, f in enumerate([0.1, 1.0, 10.0]):
            rows.append({"file": "a.dat", "line": 10 + 3 * s + j, "file_index": 0,
                         "spectrum": s, "T_K_spectrum": T, "H_Oe_spectrum": 0.0,
                         "T_K": T + 0.001 * j, "H_Oe": 0.0, "freq_Hz": f})  # fmt: skip
    return pd.DataFrame(rows)


def test_spectrum_and_point_leave_the_fit_and_are_listed():
    rejected = pd.DataFrame({"file": ["a.dat"], "line": [3], "reason": ["not a number"]})
    kept, table = exclude(_points(), rejected, [Exclusion(2.2, 0.0, None, "peak below")],
                          [Exclusion(4.0021, 0.0, 10.0)])  # fmt: skip
    assert kept["line"].tolist() == [13, 14]
    assert table["line"].tolist() == [3, 10, 11, 12, 15]
    assert table["reason"].iloc[1] == "excluded by the user (spectrum T=2.2 K, H=0 Oe): peak below"
    assert table["reason"].iloc[4].startswith("excluded by the user (point T=4.0021 K")


def test_nothing_excluded_keeps_everything():
    points = _points()
    kept, table = exclude(points, points.iloc[:0][["file", "line"]].assign(reason=""), [], [])
    assert len(kept) == len(points) and table.empty


@pytest.mark.parametrize(
    "entry", [Exclusion(3.0, 0.0, None), Exclusion(4.0001, 0.0, 5.0), Exclusion(2.2, 900.0, None)]
)
def test_an_entry_matching_nothing_is_an_error(entry):
    with pytest.raises(InputFormatError, match="is not in the files"):
        exclude(_points(), pd.DataFrame(columns=["file", "line", "reason"]), [entry], [],
                "s.yaml")  # fmt: skip


def test_workflow_points_are_renumbered_as_the_command_numbers_them():
    points = _points().drop(columns=["file_index"]).assign(sample="A")
    rejected = pd.DataFrame(columns=["file", "line", "reason"])
    exclusions = {"file": "s.yaml", "exclude_points": [],
                  "exclude_spectra": [{"T_K": 2.2, "H_Oe": 0.0, "f_Hz": None, "reason": ""}]}  # fmt: skip
    kept, table = exclude_from_sample(points, rejected, exclusions)
    assert kept["spectrum"].tolist() == [0, 0, 0] and kept["line"].tolist() == [13, 14, 15]
    assert table["line"].tolist() == [10, 11, 12]
    none = {"file": "s.yaml", "exclude_points": [], "exclude_spectra": []}
    assert exclude_from_sample(points, rejected, none)[0] is points
