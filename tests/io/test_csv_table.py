"""The fast CSV writer gives the bytes pandas writes (float format %.10g, no index, LF)."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.io.csv_table import FLOAT_FORMAT, csv_text, write_csv


def _pandas(table: pd.DataFrame) -> str:
    return table.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")


CASES = {
    "mixed": pd.DataFrame(
        {
            "a": [1.0, np.nan, -0.0, np.inf, -np.inf, 1e-300, 123456789012.0],
            "s": ["x", "a,b", 'q"q', "", None, np.nan, "line\nbreak"],
            "i": range(7),
            "b": [True, False] * 3 + [True],
        }
    ),
    "one NaN": pd.DataFrame({"a": [np.nan]}),
    "one empty string": pd.DataFrame({"s": [""]}),
    "empty string in one column": pd.DataFrame({"s": ["a", ""]}),
    "no rows": pd.DataFrame({"a": [], "b": []}),
    "comma in a name": pd.DataFrame({"x,y": [1.5]}),
    "object numbers": pd.DataFrame({"m": [1, "a", 2.5]}, dtype=object),
    "nullable int": pd.DataFrame({"n": pd.array([1, None], dtype="Int64")}),
    "float32": pd.DataFrame({"f": np.array([1.1, 2.2], dtype=np.float32)}),
    "string dtype": pd.DataFrame({"s": pd.Series(["a", None], dtype="string")}),
    "all NaN column": pd.DataFrame({"s": ["a", "b"], "e": [np.nan, np.nan]}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_same_bytes_as_pandas(name):
    assert csv_text(CASES[name]) == _pandas(CASES[name])


def test_random_fit_like_table_and_file(tmp_path):
    rng = np.random.default_rng(3)
    n = 500
    values = rng.lognormal(0, 5, n) * rng.choice([-1, 1], n)
    values[rng.choice(n, 40, replace=False)] = np.nan
    table = pd.DataFrame(
        {
            "file": [f"run {i % 3},x.dat" if i % 7 == 0 else "r.dat" for i in range(n)],
            "tau_s": values,
            "n": rng.integers(-5, 5, n),
            "usable": rng.random(n) > 0.5,
            "flags": rng.choice(["", "poor_fit", "a;b"], n),
        }
    )
    assert csv_text(table) == _pandas(table)
    write_csv(table, tmp_path / "sub" / "t.csv")
    assert (tmp_path / "sub" / "t.csv").read_bytes() == _pandas(table).encode()
