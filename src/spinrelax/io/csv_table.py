"""Deterministic CSV output for every table the pipeline writes.

Speed: pandas formats every float of a table through a Python formatter call per value and
writes the rows through its generic writer (0.5 s for the 12 000-row, 61-column fit table of
``spinrelax fit-ac``). :func:`csv_text` formats each column at once (``%`` on a column's values,
the same C formatting pandas applies) and joins the rows, giving the same bytes as
``DataFrame.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\\n")`` for tables
of float, integer, boolean and string columns (missing values as empty fields, fields holding
a comma, quote or line break quoted as pandas quotes them); any other column type takes the
pandas writer. Tested against pandas in tests/io/test_csv_table.py.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd

#: Float format of every written table: 10 significant digits, enough for fitted values and
#: stable across reruns (no platform-dependent repr tails).
FLOAT_FORMAT = "%.10g"
_SPECIAL = (",", '"', "\n", "\r")


def _quoted(text: str) -> str:
    """A field as csv.QUOTE_MINIMAL writes it (quoted when it holds a comma, quote or line
    break; quotes doubled)."""
    if any(c in text for c in _SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


def _column_fields(values: pd.Series) -> list[str] | None:
    """The column's fields as pandas writes them, or None for a type left to pandas."""
    kind = values.dtype.kind
    if kind == "f" and values.dtype == np.float64:
        arr = values.to_numpy()
        fields = [FLOAT_FORMAT % v for v in arr.tolist()]
        for i in np.flatnonzero(np.isnan(arr)).tolist():
            fields[i] = ""
        return fields
    if kind in "iu" and isinstance(values.dtype, np.dtype):
        return [str(v) for v in values.tolist()]
    if kind == "b" and isinstance(values.dtype, np.dtype):
        return ["True" if v else "False" for v in values.tolist()]
    if kind in "OT" or isinstance(values.dtype, pd.StringDtype):
        items = values.tolist()
        if not all(isinstance(v, str) or v is None or (isinstance(v, float) and v != v)
                   for v in items):  # fmt: skip
            return None
        return ["" if not isinstance(v, str) else _quoted(v) for v in items]
    return None


def csv_text(table: pd.DataFrame) -> str:
    """``table`` as CSV text, byte for byte as pandas writes it with :data:`FLOAT_FORMAT`, no
    index and LF line ends (see the module docstring)."""
    columns = [_column_fields(table.iloc[:, j]) for j in range(table.shape[1])]
    if any(c is None for c in columns) or not all(isinstance(n, str) for n in table.columns):
        return table.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    header = ",".join(_quoted(str(n)) for n in table.columns)
    if len(table.columns) == 1 and len(table):
        # pandas quotes an empty field when it is the row's only field
        rows = [f if f else '""' for f in columns[0]]
    else:
        rows = [",".join(r) for r in zip(*columns, strict=True)]
    return "\n".join([header, *rows]) + "\n"


def as_written(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` as :func:`write_csv` writes it and ``pandas.read_csv`` reads it back (numbers
    to :data:`FLOAT_FORMAT`'s 10 significant digits): a stage given this gives the same numbers
    whether its input came from memory or from the written table (idempotent)."""
    return pd.read_csv(io.StringIO(csv_text(table)))


def write_csv(table: pd.DataFrame, path: str | Path) -> None:
    """Write ``table`` as UTF-8 CSV with LF line ends, no index and a fixed float format.

    Parent folders are created. Rows are written in the order given: sort before calling.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(csv_text(table))


def print_csv(table: pd.DataFrame, stream: TextIO) -> None:
    """Write ``table`` as :func:`csv_text` to an open text stream (stdout) in 64 kB pieces, so
    that a reader closing the pipe early (``| head``) is noticed at once as a BrokenPipeError."""
    text = csv_text(table)
    for start in range(0, len(text), 1 << 16):
        stream.write(text[start : start + (1 << 16)])
