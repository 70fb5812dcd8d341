"""Spectra and points excluded by the user: matched to the read points, listed with a reason."""

import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.settings_file import Exclusion
from spinrelax.io.user_exclusions import exclude


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
