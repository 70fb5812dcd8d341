"""One-line summaries of rejected rows, for errors that say why a file gave no data."""

from __future__ import annotations

import pandas as pd

#: How many rejected rows an error names.
FIRST_REASONS = 3


def first_reasons(rejected: pd.DataFrame, n: int = FIRST_REASONS) -> str:
    """``"953 rows rejected, first: line 7: <reason>; line 8: <reason>; ..."`` from a table with
    ``line`` and ``reason`` columns (and ``file`` when several files), or ``"no data rows"``
    when nothing was rejected (the file has only its header)."""
    if rejected.empty:
        return "no data rows after the column header"
    head = rejected.head(n)
    where = (
        head["file"].astype(str) + ":" + head["line"].astype(str)
        if "file" in head and rejected["file"].nunique() > 1
        else "line " + head["line"].astype(str)
    )
    items = "; ".join(f"{w}: {r}" for w, r in zip(where, head["reason"], strict=True))
    count = len(rejected)
    return f"{count} row{'s' if count != 1 else ''} rejected, first: {items}"
