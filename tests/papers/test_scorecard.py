"""Scorecard verdicts and joins."""

import math

import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.papers.scorecard import (
    SCORECARD_COLUMNS,
    build_scorecard,
    read_paper_values,
    read_parts,
    scorecard_html,
    verdict,
)

NAN = math.nan


@pytest.mark.parametrize(
    ("paper", "perr", "rep", "rerr", "tol", "kind", "expected"),
    [
        (63.0, 1.0, 66.0, NAN, 0.1, "rel", True),
        (63.0, 1.0, 72.0, NAN, 0.1, "rel", False),
        (63.0, 1.0, 72.0, 5.0, 0.1, "rel", True),  # within 2 combined sigma
        (2.0, NAN, 2.5, NAN, 0.6, "abs", True),
        (2.0, NAN, 2.7, NAN, 0.6, "abs", False),
        (3e3, NAN, 9e3, NAN, 0.5, "log10", True),
        (3e3, NAN, 1e4, NAN, 0.5, "log10", False),
        (3e3, NAN, -1.0, NAN, 0.5, "log10", False),
        (1e-4, NAN, 3e-5, NAN, NAN, "upper", True),
        (1e-4, NAN, 3e-4, NAN, NAN, "upper", False),
        (1.0, NAN, 3.0, NAN, NAN, "lower", True),
        (1.0, NAN, NAN, NAN, 0.1, "rel", False),
    ],
)
def test_verdict_rules(paper, perr, rep, rerr, tol, kind, expected):
    assert verdict(paper, perr, rep, rerr, tol, kind) is expected


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


PAPER = (
    "id,quantity,paper_value,paper_err,unit,tolerance,tolerance_kind,kind,source\n"
    "a.U_K,barrier,63,1,K,0.1,rel,data,Fig 3\n"
    "a.n,exponent,2,,1,0.15,rel,by_construction,Fig 4\n"
)


def test_build_scorecard_marks_missing_as_not_reproduced(tmp_path):
    values = read_paper_values([_write(tmp_path, "p.csv", PAPER)])
    parts = read_parts(
        [
            _write(
                tmp_path,
                "part.csv",
                "id,reproduced,reproduced_err,note\na.U_K,62.5,0.4,Arrhenius\n",
            )
        ]
    )
    card = build_scorecard(values, parts)
    assert list(card.columns) == list(SCORECARD_COLUMNS)
    assert card.set_index("id").loc["a.U_K", "agrees"]
    row = card.set_index("id").loc["a.n"]
    assert not row["agrees"] and row["note"].startswith("not reproduced")
    assert card["note"].str.endswith("(see docs/physics.md, a.U_K)").iloc[0]
    assert "by construction" in row["note"] and "by construction" not in card["note"].iloc[0]
    assert list(card["kind"]) == ["data", "by_construction"]
    html = scorecard_html(card)
    assert "✔ agrees" in html and "✘ disagrees" in html and "1 of 2" in html


def test_unknown_reproduced_id_is_an_error(tmp_path):
    values = read_paper_values([_write(tmp_path, "p.csv", PAPER)])
    parts = pd.DataFrame(
        {"id": ["zzz"], "reproduced": [1.0], "reproduced_err": [NAN], "note": [""]}
    )
    with pytest.raises(InputFormatError, match="zzz"):
        build_scorecard(values, parts)


def test_bad_tolerance_kind_names_file_line_and_column(tmp_path):
    path = _write(tmp_path, "p.csv", PAPER.replace("0.15,rel", "0.15,roughly"))
    bad_kind = _write(tmp_path, "k.csv", PAPER.replace("rel,data", "rel,circular"))
    with pytest.raises(InputFormatError) as kind_err:
        read_paper_values([bad_kind])
    assert (kind_err.value.line, kind_err.value.column) == (2, "kind")
    with pytest.raises(InputFormatError) as err:
        read_paper_values([path])
    assert (
        err.value.line == 3 and err.value.column == "tolerance_kind" and "p.csv" in str(err.value)
    )


def test_duplicate_ids_rejected(tmp_path):
    path = _write(tmp_path, "part.csv", "id,reproduced,reproduced_err,note\nx,1,,\nx,2,,\n")
    with pytest.raises(InputFormatError, match="duplicate id"):
        read_parts([path])


def test_shipped_paper_values_are_well_formed():
    from pathlib import Path

    lit = Path(__file__).resolve().parents[2] / "data" / "literature"
    values = read_paper_values(sorted(lit.glob("paper*_values.csv")))
    assert values["id"].str.match(r"^(erw10|clusters)\.").all()
    assert values["paper_value"].notna().all()
    assert values["kind"].isin(["data", "model", "by_construction"]).all()


def test_unknown_tolerance_kind_names_line_and_column(tmp_path):
    bad = PAPER.replace("0.15,rel,by_construction", "0.15,relative,by_construction")
    with pytest.raises(InputFormatError) as err:
        read_paper_values([_write(tmp_path, "p.csv", bad)])
    assert (err.value.line, err.value.column) == (3, "tolerance_kind")


def test_tolerance_reason_is_optional_but_never_empty(tmp_path):
    values = read_paper_values([_write(tmp_path, "p.csv", PAPER)])
    assert (values["tolerance_reason"] == "").all()  # file without the column
    with_reason = PAPER.replace("source\n", "source,tolerance_reason\n", 1)
    rows = with_reason.splitlines()
    good = "\n".join([rows[0], rows[1] + ",the paper's +-1 K", rows[2] + ",quadratic"]) + "\n"
    read = read_paper_values([_write(tmp_path, "g.csv", good)])
    assert list(read["tolerance_reason"]) == ["the paper's +-1 K", "quadratic"]
    bad = "\n".join([rows[0], rows[1] + ",the paper's +-1 K", rows[2] + ","]) + "\n"
    with pytest.raises(
        InputFormatError, match=r"b\.csv:3: column .tolerance_reason.: tolerance_reason is empty"
    ):
        read_paper_values([_write(tmp_path, "b.csv", bad)])
