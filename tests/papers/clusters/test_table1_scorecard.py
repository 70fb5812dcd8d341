"""Table I builder and the clusters scorecard part, on a small hand-made moments table."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spinrelax.papers.clusters.scorecard_part import CLAIMS, build_part
from spinrelax.papers.clusters.table1 import (
    TABLE1_SIZES,
    build_table1,
    table1_latex,
    table1_markdown,
)
from spinrelax.papers.scorecard import build_scorecard

LIT = Path(__file__).parents[3] / "data" / "literature"
BASE = "T25K_6bar_optimized"


def _moments():
    rows = []
    for n in TABLE1_SIZES:
        nm = n % 2 == 0
        rows.append(
            {
                "element": "V",
                "n": n,
                "condition": BASE,
                "behaviour": "non_magnetic"
                if nm
                else ("superparamagnetic" if n == 15 else "atomic_like"),
                "model": "none" if nm else "split2",
                "shape": "slit",
                "confidence": 1.0,
                "moment_muB": 0.0 if nm else 0.9,
                "moment_err_muB": 0.01,
                "moment_upper_limit_muB": 0.002 if nm else np.nan,
                "moment_langevin_muB": 1.2,
                "T_cluster_K": 45.0,
                "T_cluster_sigma_K": 10.0,
                "flag": np.nan,
            }
        )
    return pd.DataFrame(rows)


def test_table1_has_theory_paper_and_reproduced():
    paper = pd.read_csv(LIT / "paper2_values.csv")
    table = build_table1(pd.read_csv(LIT / "table1_theory.csv"), _moments(), paper, BASE)
    assert list(table["n"]) == list(TABLE1_SIZES)
    row9 = table.set_index("n").loc[9]
    assert row9["ref13"] == "2.89" and row9["ref14FM"] == "0-4" and row9["ref17"] == "0.9"
    assert row9["paper_this_work_muB"] == 0.83
    row4 = table.set_index("n").loc[4]
    assert row4["reproduced_is_upper_limit"] and row4["reproduced_muB"] == 0.002
    md, tex = table1_markdown(table), table1_latex(table)
    assert "| 9 | 2.89 | 0-4 | 0-3 | 3 | 3 | 0.99 | 0.9 | 0.83 |" in md
    assert "< 0.002" in md and r"\toprule" in tex and "$<$ 0.002" in tex


def test_scorecard_part_joins_the_paper_values():
    paper = pd.read_csv(LIT / "paper2_values.csv")
    stated = pd.read_csv(LIT / "paper2_behaviour.csv")
    part = build_part(_moments(), paper, BASE, stated=stated, hot_condition="T100K_6bar_optimized")
    assert set(part["id"]) == {i for i in paper["id"] if i.startswith("clusters.")}
    by_id = part.set_index("id")
    assert by_id.at["clusters.V4_moment_muB", "reproduced"] == 0.002  # the upper limit
    assert by_id.at["clusters.V11_moment_muB", "reproduced"] == 0.9
    assert np.isnan(by_id.at["clusters.Nb7_moment_muB", "reproduced"])  # no Nb rows here
    card = build_scorecard(paper, part).set_index("id")
    assert card.at["clusters.V4_moment_muB", "agrees"]
    assert card.at["clusters.V11_moment_muB", "agrees"]  # 0.9 vs 0.91 within 10 %
    assert not card.at["clusters.Nb7_moment_muB", "agrees"]
    # Claim rows are read from the same table: V3-V11 only, so V21 is not atomic-like here.
    assert by_id.at["clusters.V_largest_atomic_like_n", "reproduced"] == 11
    assert not card.at["clusters.V_largest_atomic_like_n", "agrees"]
    assert "tolerance: " in by_id.at["clusters.V_largest_atomic_like_n", "note"]


def test_paper_values_file_is_valid():
    paper = pd.read_csv(LIT / "paper2_values.csv")
    assert paper["id"].is_unique
    assert set(paper["tolerance_kind"]) <= {"rel", "abs", "log10", "upper", "lower"}
    moment = paper["id"].str.match(r"^clusters\.[A-Z][a-z]?\d+_moment_muB$")
    assert (moment | paper["id"].isin(list(CLAIMS))).all()
    assert set(CLAIMS) <= set(paper["id"])
    assert paper["tolerance_reason"].str.len().gt(20).all()
    assert paper.loc[
        paper["id"] == "clusters.V15_moment_muB", "paper_value"
    ].item() == pytest.approx(2.4)
