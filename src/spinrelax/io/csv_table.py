"""Deterministic CSV output for every table the pipeline writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Float format of every written table: 10 significant digits, enough for fitted values and
#: stable across reruns (no platform-dependent repr tails).
FLOAT_FORMAT = "%.10g"


def write_csv(table: pd.DataFrame, path: str | Path) -> None:
    """Write ``table`` as UTF-8 CSV with LF line ends, no index and a fixed float format.

    Parent folders are created. Rows are written in the order given: sort before calling.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
