"""Parse the data rows of a comma-separated instrument table into numbers, rejecting bad rows.

Every non-blank line after the column header is *read*; it is either *used* (all required
quantities are finite numbers) or *rejected* with a reason naming the column. Nothing is
dropped silently: rows read = rows used + rows rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


def normalise_name(name: str) -> str:
    """Column name with surrounding and repeated whitespace removed."""
    return " ".join(name.split())


@dataclass(frozen=True)
class ParsedRows:
    """Used rows (``line`` plus one float column per quantity) and rejected ``(line, reason)``."""

    points: pd.DataFrame
    rejected: list[tuple[int, str]]
    rows_read: int


def _classify(raw: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Reason per cell ('' when the value is a finite number)."""
    reasons = np.full(raw.shape, "", dtype=object)
    for i in np.flatnonzero(~np.isfinite(values)):
        text, value = raw[i], values[i]
        if text is None:
            reasons[i] = "truncated row"
        elif text == "":
            reasons[i] = "missing value"
        elif text.lower().lstrip("+-") == "nan":
            reasons[i] = "NaN value"
        elif np.isinf(value):
            reasons[i] = f"non-finite value {text!r}"
        else:
            reasons[i] = f"not a number {text[:40]!r}"
    return reasons


def parse_rows(
    lines: Sequence[tuple[int, str]],
    columns: Sequence[str],
    quantities: dict[str, str],
    required: Sequence[str],
    *,
    comment_column: str | None = None,
    comment_prefix: str | None = None,
) -> ParsedRows:
    """Parse numbered data ``lines`` of a table whose header is ``columns``.

    ``quantities`` maps a canonical quantity name to its file column; ``required`` names the
    quantities a used row must have as finite numbers (others become NaN when absent or bad).
    A row equal to the header is rejected as a repeated header; a row whose ``comment_column``
    holds text while the required values are empty, or (tidy CSV) that starts with
    ``comment_prefix``, is rejected as a comment row. Extra non-empty trailing fields reject a
    row; missing trailing fields are treated as empty.
    """
    names = [normalise_name(c) for c in columns]
    index = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
    ncols = len(names)
    header_key = ",".join(names).rstrip(",")
    first_name = names[0] if names else ""
    col_of = {q: index[normalise_name(c)] for q, c in quantities.items()}
    comment_idx = index.get(normalise_name(comment_column)) if comment_column else None

    rejected: list[tuple[int, str]] = []
    kept_lines: list[int] = []
    kept_fields: list[list[str]] = []
    rows_read = 0
    for lineno, text in lines:
        if not text.strip():
            continue
        rows_read += 1
        if comment_prefix is not None and text.lstrip().startswith(comment_prefix):
            rejected.append((lineno, f"comment row: {text.strip()[:60]}"))
            continue
        fields = [f.strip() for f in text.split(",")]
        # Only a row starting like the header can repeat it; skip the full check otherwise.
        if (
            normalise_name(fields[0]) == first_name
            and ",".join(normalise_name(f) for f in fields).rstrip(",") == header_key
        ):
            rejected.append((lineno, "repeated header row"))
            continue
        if len(fields) > ncols and any(fields[ncols:]):
            rejected.append((lineno, f"{len(fields)} fields but the header has {ncols} columns"))
            continue
        kept_lines.append(lineno)
        kept_fields.append(fields)

    n = len(kept_lines)
    values: dict[str, np.ndarray] = {}
    reasons = np.full(n, "", dtype=object)
    required_empty = np.ones(n, dtype=bool)
    for q, idx in col_of.items():
        raw = np.array([f[idx] if idx < len(f) else None for f in kept_fields], dtype=object)
        text = pd.Series([r if r is not None else "" for r in raw], dtype=object)
        parsed = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        values[q] = parsed
        if q in required and n:
            cell = _classify(raw, parsed)
            first = (reasons == "") & (cell != "")
            reasons[first] = [f"column '{quantities[q]}': {r}" for r in cell[first]]
            required_empty &= np.array([r in (None, "") for r in raw], dtype=bool)
    if comment_idx is not None and n:
        comments = [f[comment_idx] if comment_idx < len(f) else "" for f in kept_fields]
        for i, c in enumerate(comments):
            if c and required_empty[i]:
                reasons[i] = f"comment row: {c[:60]}"
    bad = reasons != ""
    rejected += [(kept_lines[i], str(reasons[i])) for i in np.flatnonzero(bad)]
    rejected.sort()
    good = ~bad
    table = {"line": np.asarray(kept_lines, dtype=np.int64)[good]}
    table.update({q: v[good] for q, v in values.items()})
    return ParsedRows(pd.DataFrame(table), rejected, rows_read)
