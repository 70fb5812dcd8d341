"""Parse the data rows of a comma-separated instrument table into numbers, rejecting bad rows.

Every non-blank line after the column header is *read*; it is either *used* (all required
quantities are finite numbers) or *rejected* with a reason naming the column. Nothing is
dropped silently: rows read = rows used + rows rejected.

Complete and truncated rows: a row is complete when it has as many fields as the file's rows
have (the *row width*: the most common field count of the data rows, at most the header's; on
a tie the larger). Instruments may leave out trailing empty columns on every row (a PPMS ACMS
file whose rows all have 53 fields under a 57-column header: the four trailing ``Map`` columns
are empty and not written); such rows are complete, and the left-out columns read as empty. A
row with fewer fields than the row width is rejected (``truncated row``), even when the required
columns are present (a file copied while the instrument was still writing it ends in such a
row, and its last field may be cut, e.g. 4.6 for 4.6416). The last line of a
file without a final line break (``unterminated_line``) may be cut inside its last field even
when the field count is right: it is used only when that last field is empty and holds no
quantity that is read (so nothing read can have been cut); otherwise it is rejected with the
reason. Comment rows keep their own reason.

Speed: the rows with exactly the header's number of fields are parsed at once by pandas' C
reader (``_parse_block``); only the rows it cannot take as all-finite numbers (comments,
repeated headers, truncated or extra fields, empty or bad cells) go through the exact per-row
classification (``_parse_each``), so every rejected row keeps its precise reason. Both paths
give the same numbers: the C reader and :func:`pandas.to_numeric` share one float parser
(a negative zero is read as 0).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import compress

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


@dataclass(frozen=True)
class _Layout:
    """Where each quantity sits in the table's header (0-based field index)."""

    names: list[str]
    col_of: dict[str, int]
    quantities: dict[str, str]
    required: frozenset[str]
    comment_idx: int | None
    unterminated_line: int | None = None
    #: Field count of a complete row (<= ncols; see the module docstring).
    width: int = 0

    @property
    def ncols(self) -> int:
        return len(self.names)


@dataclass
class _Part:
    """Kept rows of one path: input positions, line numbers and values per quantity."""

    positions: np.ndarray
    lines: np.ndarray
    values: dict[str, np.ndarray]


def _classify(raw: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Reason per cell ('' when the value is a finite number)."""
    reasons = np.full(raw.shape, "", dtype=object)
    for i in np.flatnonzero(~np.isfinite(values)):
        text, value = raw[i], values[i]
        if text == "":
            reasons[i] = "missing value"
        elif text.lower().lstrip("+-") == "nan":
            reasons[i] = "NaN value"
        elif np.isinf(value):
            reasons[i] = f"non-finite value {text!r}"
        else:
            reasons[i] = f"not a number {text[:40]!r}"
    return reasons


def _cut_reason(fields: list[str], layout: _Layout, unterminated: bool, read_cols: set[int]) -> str:
    """Why a row may have been cut ('' when it cannot have been): fewer fields than the row
    width, or (last line without a line break) a last field that is not empty or is read."""
    if len(fields) < layout.width:
        if layout.width == layout.ncols:
            return f"truncated row: {len(fields)} fields but the header has {layout.ncols} columns"
        return (
            f"truncated row: {len(fields)} fields but the file's other rows have "
            f"{layout.width} (header: {layout.ncols} columns)"
        )
    last = len(fields) - 1
    if unterminated and (fields[last].strip() or last in read_cols):
        return (
            f"last line has no line break and its last field {fields[last].strip()[:40]!r} "
            "may be cut (file copied while being written?); end the file with a line break "
            "if the row is complete"
        )
    return ""


def _parse_each(
    items: list[tuple[int, int, str]], layout: _Layout, comment_prefix: str | None
) -> tuple[_Part, list[tuple[int, str]]]:
    """Exact per-row parse of non-blank ``(position, line, text)`` rows: kept rows, rejected."""
    names, ncols = layout.names, layout.ncols
    header_key = ",".join(names).rstrip(",")
    first_name = names[0] if names else ""
    rejected: list[tuple[int, str]] = []
    kept: list[tuple[int, int]] = []
    kept_fields: list[list[str]] = []
    for pos, lineno, text in items:
        if comment_prefix is not None and text.lstrip().startswith(comment_prefix):
            rejected.append((lineno, f"comment row: {text.strip()[:60]}"))
            continue
        fields = text.split(",")
        # Only a row starting like the header can repeat it; skip the full check otherwise.
        if (
            normalise_name(fields[0]) == first_name
            and ",".join(normalise_name(f) for f in fields).rstrip(",") == header_key
        ):
            rejected.append((lineno, "repeated header row"))
            continue
        if len(fields) > ncols and any(f.strip() for f in fields[ncols:]):
            rejected.append((lineno, f"{len(fields)} fields but the header has {ncols} columns"))
            continue
        kept.append((pos, lineno))
        kept_fields.append(fields)
    read_cols = set(layout.col_of.values())

    n = len(kept)
    values: dict[str, np.ndarray] = {}
    reasons = np.full(n, "", dtype=object)
    required_empty = np.ones(n, dtype=bool)
    for q, idx in layout.col_of.items():
        # a missing field (short row) reads as empty; _cut_reason rejects such rows
        raw = np.array([f[idx].strip() if idx < len(f) else "" for f in kept_fields], dtype=object)
        text = pd.Series(raw, dtype=object)
        parsed = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        parsed = parsed + 0.0  # -0 -> 0, as in _parse_block
        values[q] = parsed
        if q in layout.required and n:
            cell = _classify(raw, parsed)
            first = (reasons == "") & (cell != "")
            reasons[first] = [f"column '{layout.quantities[q]}': {r}" for r in cell[first]]
            required_empty &= raw == ""
    for i, fields in enumerate(kept_fields):
        cut = _cut_reason(fields, layout, kept[i][1] == layout.unterminated_line, read_cols)
        if cut:
            reasons[i] = cut
    cidx = layout.comment_idx
    if cidx is not None and n:
        for i, fields in enumerate(kept_fields):
            c = fields[cidx].strip() if cidx < len(fields) else ""
            if c and required_empty[i]:
                reasons[i] = f"comment row: {c[:60]}"
    bad = reasons != ""
    rejected += [(kept[i][1], str(reasons[i])) for i in np.flatnonzero(bad)]
    good = ~bad
    where = np.array(kept, dtype=np.int64).reshape(n, 2)[good]
    part = _Part(where[:, 0], where[:, 1], {q: v[good] for q, v in values.items()})
    return part, rejected


def _parse_block(texts: list[str], layout: _Layout) -> np.ndarray:
    """Values (rows x quantities; NaN or inf where a cell is not a finite number) of rows that
    have exactly ``ncols`` fields."""
    usecols = sorted(set(layout.col_of.values()))
    options = {
        "header": None,
        "names": list(range(layout.ncols)),
        "usecols": usecols,
        "quoting": csv.QUOTE_NONE,
        "skip_blank_lines": False,
        "engine": "c",
    }
    block = "\n".join(texts).encode("utf-8")
    try:
        table = pd.read_csv(io.BytesIO(block), dtype=np.float64, **options)
    except ValueError:  # a cell that is not a number: convert column by column instead
        table = pd.read_csv(io.BytesIO(block), dtype=object, na_filter=False, **options)
        table = table.apply(pd.to_numeric, errors="coerce")
    values = np.column_stack(
        [table[layout.col_of[q]].to_numpy(dtype=float, na_value=np.nan) for q in layout.col_of]
    )
    # +0.0 turns -0.0 into 0.0: the C reader keeps the sign of "-0", to_numeric may not
    return values + 0.0


def _field_counts(texts: list[str]) -> np.ndarray:
    """Number of comma-separated fields of each row."""
    return np.fromiter((t.count(",") for t in texts), dtype=np.int64, count=len(texts)) + 1


def _comment_rows(texts: list[str], comment_prefix: str | None) -> np.ndarray:
    """Which rows start with ``comment_prefix`` (after leading blanks)."""
    mask = np.zeros(len(texts), dtype=bool)
    if comment_prefix is not None:
        # only rows holding the prefix anywhere can start with it (a fast C-level test first)
        hits = [i for i, t in enumerate(texts) if comment_prefix in t]
        mask[[i for i in hits if texts[i].lstrip().startswith(comment_prefix)]] = True
    return mask


def _row_width(counts: np.ndarray, comments: np.ndarray, ncols: int) -> int:
    """Field count of a complete row: the most common count of the rows with more than one
    field (a blank line has one) that are not comment rows (the larger on a tie), at most
    ``ncols``; ``ncols`` when there is no such row."""
    tally = np.bincount(counts[~comments]) if counts.size else np.zeros(0, dtype=np.int64)
    tally[: min(2, tally.size)] = 0
    if not tally.any():
        return ncols
    return min(int(np.flatnonzero(tally == tally.max())[-1]), ncols)


def _block_rows(
    texts: list[str], counts: np.ndarray, comments: np.ndarray, layout: _Layout
) -> tuple[np.ndarray, list[str]]:
    """Which rows the C reader can take (``ncols`` fields; fewer down to the row width, the
    left-out trailing columns added as empty; or more whose extra fields are all empty, as the
    trailing comma of MPMS-XL rows), and those rows made ``ncols`` fields long."""
    ncols, width = layout.ncols, layout.width
    extra = counts - ncols
    mask = (extra == 0) | ((extra < 0) & (extra >= width - ncols))
    for i in np.flatnonzero(extra > 0).tolist():
        mask[i] = texts[i].endswith("," * int(extra[i]))
    mask &= ~comments
    if (extra[mask] == 0).all():
        return mask, list(compress(texts, mask))
    cut = [
        t if e == 0 else t[:-e] if e > 0 else t + "," * -e
        for t, e in compress(zip(texts, extra.tolist(), strict=True), mask)
    ]
    return mask, cut


def _numeric_header(layout: _Layout) -> bool:
    """True when a quantity's column name itself reads as a number (a repeated header row
    could then pass as data, so every row takes the exact path)."""
    names = pd.Series([layout.names[i] for i in layout.col_of.values()], dtype=object)
    return bool(np.isfinite(pd.to_numeric(names, errors="coerce").to_numpy(dtype=float)).any())


def parse_rows(
    lines: Sequence[tuple[int, str]],
    columns: Sequence[str],
    quantities: dict[str, str],
    required: Sequence[str],
    *,
    comment_column: str | None = None,
    comment_prefix: str | None = None,
    unterminated_line: int | None = None,
) -> ParsedRows:
    """Parse numbered data ``lines`` of a table whose header is ``columns``.

    ``quantities`` maps a canonical quantity name to its file column; ``required`` names the
    quantities a used row must have as finite numbers (others become NaN when absent or bad).
    A row equal to the header is rejected as a repeated header; a row whose ``comment_column``
    holds text while the required values are empty, or (tidy CSV) that starts with
    ``comment_prefix``, is rejected as a comment row. Extra non-empty trailing fields reject a
    row; so do fewer fields than the file's complete rows have (truncated row; rows that all
    leave out the same trailing columns are complete). ``unterminated_line`` is the line
    number of the file's last line when the file does not end with a line break (see the
    module docstring).
    """
    names = [normalise_name(c) for c in columns]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
    layout = _Layout(
        names=names,
        col_of={q: index[normalise_name(c)] for q, c in quantities.items()},
        quantities=dict(quantities),
        required=frozenset(required),
        comment_idx=index.get(normalise_name(comment_column)) if comment_column else None,
        unterminated_line=unterminated_line,
    )
    texts = [t for _, t in lines]
    counts = _field_counts(texts)
    comments = _comment_rows(texts, comment_prefix)
    layout = replace(layout, width=_row_width(counts, comments, layout.ncols))
    in_block, block_texts = np.zeros(len(texts), dtype=bool), []
    if layout.col_of and layout.ncols > 1 and not _numeric_header(layout):
        in_block, block_texts = _block_rows(texts, counts, comments, layout)
        if unterminated_line is not None and lines and lines[-1][0] == unterminated_line:
            if in_block[-1]:  # the line a cut may have shortened takes the exact path
                block_texts.pop()
            in_block[-1] = False
    none = np.zeros(0, np.int64)
    fast = _Part(none, none, {q: np.zeros(0) for q in layout.col_of})
    block = np.flatnonzero(in_block)
    if block.size:
        values = _parse_block(block_texts, layout)
        finite = np.isfinite(values).all(axis=1)
        in_block[block[~finite]] = False
        kept = block[finite]
        numbers = np.array([lines[p][0] for p in kept.tolist()], dtype=np.int64)
        fast = _Part(kept, numbers, {q: values[finite, j] for j, q in enumerate(layout.col_of)})
    others = [
        (p, lines[p][0], texts[p])
        for p in np.flatnonzero(~in_block).tolist()
        if texts[p] and not texts[p].isspace()
    ]
    slow, rejected = _parse_each(others, layout, comment_prefix)
    order = np.argsort(np.concatenate([fast.positions, slow.positions]), kind="stable")
    table = {"line": np.concatenate([fast.lines, slow.lines])[order]}
    for q in layout.col_of:
        table[q] = np.concatenate([fast.values[q], slow.values[q]])[order]
    return ParsedRows(pd.DataFrame(table), sorted(rejected), len(fast.positions) + len(others))
