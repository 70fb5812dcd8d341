"""Row parsing: the vectorised block path gives exactly what the per-row path gives."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.io.rows import parse_rows

COLUMNS = ["Comment", "Temperature (K)", "X (emu)", "Err (emu)"]
QUANTITIES = {"T_K": "Temperature (K)", "real": "X (emu)", "real_err": "Err (emu)"}
REQUIRED = ["T_K", "real"]
#: Cells the C reader takes as numbers (or NaN / inf), in many spellings.
NUMERIC_CELLS = [
    "1.5",
    " 2.5 ",
    "\t3\t",
    "1e3",
    "1E-3",
    "+4",
    "-0",
    "-0.0",
    ".5",
    "5.",
    "3900000000",
    "9007199254740993",
    "1e400",
    "1e-400",
    "0.1000000000000000055511151231257827",
    "inf",
    "-Infinity",
    "nan",
    "NaN",
    "NA",
    "null",
    "",
]
#: Cells it cannot take (text, near-numbers, non-ASCII digits and spaces).
OTHER_CELLS = ["  ", "abc", "1.2.3", "0x10", "1_000", "1d3", "\xa01.0", "1.0\xa0", "\u0661"]


def _lines(seed: int, n: int, cells: list[str]) -> list[tuple[int, str]]:
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        comment = "note" if rng.random() < 0.1 else ""
        row = [cells[i] for i in rng.integers(0, len(cells), 3)]
        # mostly clean rows, so both paths are exercised in one table
        if rng.random() < 0.6:
            row = [f"{rng.normal():.6g}" for _ in range(3)]
        out.append((k + 10, ",".join([comment, *row])))
    out += [(n + 10, ",".join(COLUMNS)), (n + 11, ""), (n + 12, "   ")]
    return out


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("cells", [NUMERIC_CELLS, NUMERIC_CELLS + OTHER_CELLS])
def test_block_and_per_row_paths_agree(seed, cells):
    lines = _lines(seed, 400, cells)
    fast = parse_rows(lines, COLUMNS, QUANTITIES, REQUIRED, comment_column="Comment")
    # a blank extra field keeps a row's meaning but sends it down the per-row path
    per_row = [(n, t + ", " if t.strip() else t) for n, t in lines]
    slow = parse_rows(per_row, COLUMNS, QUANTITIES, REQUIRED, comment_column="Comment")
    pd.testing.assert_frame_equal(fast.points, slow.points, check_exact=True)
    assert (np.signbit(fast.points) == np.signbit(slow.points)).all(axis=None)
    assert fast.rejected == slow.rejected
    assert fast.rows_read == slow.rows_read == len(fast.points) + len(fast.rejected)
    assert len(fast.points) > 200 and len(fast.rejected) > 50


def test_empty_trailing_fields_as_in_mpms_xl_rows():
    lines = [
        (3, ",2.0,1.0,0.5,"),
        (4, ",2.1,1.1,,,"),
        (5, ",2.2,1.2,0.1, ,"),
        (6, ",2.3,1.3,0.2,x"),
    ]
    parsed = parse_rows(lines, COLUMNS, QUANTITIES, REQUIRED)
    assert parsed.points["line"].tolist() == [3, 4, 5]
    assert parsed.points["real_err"].tolist()[::2] == [0.5, 0.1]
    assert parsed.rejected == [(6, "5 fields but the header has 4 columns")]


def test_reasons_name_column_and_line():
    lines = [
        (5, "a,1.0,2.0,3"),
        (6, ",1.0,,3"),
        (7, ",inf,2.0,3"),
        (8, ",1.0,nan,3"),
        (9, ",x1,2.0,3"),
        (10, ",1.0"),
        (11, "note,,,"),
        (12, ",1.0,2.0,3,4"),
        (13, " Comment , Temperature (K),X (emu),Err (emu)"),
        (14, ",2.0,3.0,"),
    ]
    parsed = parse_rows(lines, COLUMNS, QUANTITIES, REQUIRED, comment_column="Comment")
    assert parsed.rejected == [
        (6, "column 'X (emu)': missing value"),
        (7, "column 'Temperature (K)': non-finite value 'inf'"),
        (8, "column 'X (emu)': NaN value"),
        (9, "column 'Temperature (K)': not a number 'x1'"),
        (10, "truncated row: 2 fields but the header has 4 columns"),
        (11, "comment row: note"),
        (12, "5 fields but the header has 4 columns"),
        (13, "repeated header row"),
    ]
    assert list(parsed.points["line"]) == [5, 14]
    assert parsed.points["real_err"].isna().tolist() == [False, True]


@pytest.mark.parametrize("comment_prefix", [None, "#"])
@pytest.mark.parametrize("lines", [[], [(3, "")], [(3, "# only a comment")]])
def test_no_data_rows_gives_an_empty_table(lines, comment_prefix):
    """A file cut right after its column header (found by the malformed-file property test)."""
    parsed = parse_rows(lines, COLUMNS, QUANTITIES, REQUIRED, comment_prefix=comment_prefix)
    assert parsed.points.empty and list(parsed.points.columns) == ["line", *QUANTITIES]
    assert parsed.rows_read == len(parsed.rejected) == sum(bool(t) for _, t in lines)
