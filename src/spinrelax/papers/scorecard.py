"""Scorecard: every number the papers state, next to the value this pipeline reproduces.

Paper values are typed into ``data/literature/paper{1,2}_values.csv`` (columns
:data:`PAPER_COLUMNS`); each analysis stage writes a *part* with the values it computed
(columns :data:`PART_COLUMNS`). :func:`build_scorecard` joins them and computes ``agrees``;
nothing in the verdict is typed in.

Every paper value carries a ``kind`` saying what an agreement means (docs/physics.md):

- ``data``: measured from the raw files, and not a setting of the virtual instrument;
- ``model``: computed from the spin Hamiltonian and stated constants (measured inputs such as
  T_N or the plateau rate named in the note);
- ``by_construction``: measured from raw files that the virtual instrument generated with this
  very quantity set to the paper's value (e.g. the x exponent, the 167Er ratio): agreement tests
  the analysis chain's recovery of the setting, not the paper's physics.

Notes of ``by_construction`` rows say so; every note ends with a pointer to the row's section
of docs/physics.md. A paper-value file may carry a ``tolerance_reason`` column (then filled on
every row): why the tolerance is what it is, shown next to the row.

Verdict rules, per ``tolerance_kind`` (p = paper value, r = reproduced, e = combined 1-sigma
error sqrt(paper_err^2 + reproduced_err^2), missing errors count as 0):

- ``rel``:   |r - p| <= max(tolerance * |p|, 2 e)
- ``abs``:   |r - p| <= max(tolerance, 2 e)
- ``log10``: |log10 r - log10 p| <= tolerance (both must be > 0)
- ``upper``: r <= p (the paper states an upper bound)
- ``lower``: r >= p (the paper states a lower bound)

A paper value with no reproduced number gets ``agrees = False`` and the note
``"not reproduced"``, so a missing analysis is visible rather than silently absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError, raise_at_first_row

PAPER_COLUMNS = (
    "id",
    "quantity",
    "paper_value",
    "paper_err",
    "unit",
    "tolerance",
    "tolerance_kind",
    "kind",
    "source",
)
#: Optional paper-value column: why the tolerance is what it is (written next to the row; when a
#: file has the column, every row must fill it). Missing column: empty reasons.
TOLERANCE_REASON = "tolerance_reason"
PART_COLUMNS = ("id", "reproduced", "reproduced_err", "note")
SCORECARD_COLUMNS = (
    "id",
    "quantity",
    "paper_value",
    "paper_err",
    "reproduced",
    "reproduced_err",
    "unit",
    "tolerance",
    "tolerance_kind",
    TOLERANCE_REASON,
    "agrees",
    "kind",
    "note",
)
TOLERANCE_KINDS = ("rel", "abs", "log10", "upper", "lower")
ROW_KINDS = ("data", "model", "by_construction")
#: Appended to the note of every row of that kind.
KIND_NOTES = {
    "by_construction": "by construction: the virtual instrument sets this quantity to the "
    "paper's value, so agreement tests the analysis chain, not the paper's physics",
}
#: Where every row is explained (formula, inputs, reading, alternatives).
PHYSICS_DOC = "docs/physics.md"


def _read_checked(path: str | Path, columns: Iterable[str]) -> pd.DataFrame:
    table = pd.read_csv(path, dtype={"id": str})
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputFormatError(f"missing column(s) {', '.join(missing)}", file=path, line=1)
    duplicated = table["id"][table["id"].duplicated()]
    if len(duplicated):
        line = int(duplicated.index[0]) + 2
        raise InputFormatError(
            f"duplicate id {duplicated.iloc[0]!r}", file=path, line=line, column="id"
        )
    return table


def read_paper_values(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Concatenate the typed-in paper values, checking columns, unique ids and tolerance kinds."""
    tables = []
    for path in paths:
        table = _read_checked(path, PAPER_COLUMNS)
        raise_at_first_row(
            ~table["tolerance_kind"].isin(TOLERANCE_KINDS),
            f"tolerance_kind must be one of {TOLERANCE_KINDS}",
            file=path,
            column="tolerance_kind",
        )
        raise_at_first_row(
            ~table["kind"].isin(ROW_KINDS),
            f"kind must be one of {ROW_KINDS}",
            file=path,
            column="kind",
        )
        if TOLERANCE_REASON in table.columns:
            raise_at_first_row(
                table[TOLERANCE_REASON].fillna("").astype(str).str.strip() == "",
                "tolerance_reason is empty: say why the tolerance is what it is",
                file=path,
                column=TOLERANCE_REASON,
            )
        else:
            table[TOLERANCE_REASON] = ""
        tables.append(table)
    values = pd.concat(tables, ignore_index=True)
    if values["id"].duplicated().any():
        raise InputFormatError(
            f"id {values['id'][values['id'].duplicated()].iloc[0]!r} in two files"
        )
    return values


def read_parts(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Concatenate the reproduced-value parts written by the analysis stages."""
    tables = [_read_checked(path, PART_COLUMNS).loc[:, list(PART_COLUMNS)] for path in paths]
    if not tables:
        return pd.DataFrame(columns=list(PART_COLUMNS))
    parts = pd.concat(tables, ignore_index=True)
    if parts["id"].duplicated().any():
        raise InputFormatError(f"id {parts['id'][parts['id'].duplicated()].iloc[0]!r} in two parts")
    return parts


def verdict(
    paper: float,
    paper_err: float,
    reproduced: float,
    reproduced_err: float,
    tolerance: float,
    kind: str,
) -> bool:
    """Whether ``reproduced`` agrees with ``paper`` under the rule of ``kind`` (module docstring)."""
    if not np.isfinite(reproduced):
        return False
    err = float(np.hypot(np.nan_to_num(paper_err), np.nan_to_num(reproduced_err)))
    tol = float(np.nan_to_num(tolerance))
    diff = abs(reproduced - paper)
    if kind == "rel":
        return bool(diff <= max(tol * abs(paper), 2.0 * err))
    if kind == "abs":
        return bool(diff <= max(tol, 2.0 * err))
    if kind == "log10":
        if paper <= 0 or reproduced <= 0:
            return False
        return bool(abs(np.log10(reproduced) - np.log10(paper)) <= tol)
    if kind == "upper":
        return bool(reproduced <= paper)
    if kind == "lower":
        return bool(reproduced >= paper)
    raise ValueError(f"unknown tolerance kind {kind!r}")


def build_scorecard(paper_values: pd.DataFrame, parts: pd.DataFrame) -> pd.DataFrame:
    """One row per paper value (in the typed order) with the reproduced value and the verdict.

    Reproduced ids that match no paper value are an error: they would be silently lost.
    """
    unknown = sorted(set(parts["id"]) - set(paper_values["id"]))
    if unknown:
        raise InputFormatError(f"reproduced ids without a paper value: {', '.join(unknown)}")
    if TOLERANCE_REASON not in paper_values.columns:  # a table not read by read_paper_values
        paper_values = paper_values.assign(**{TOLERANCE_REASON: ""})
    card = paper_values.merge(parts, on="id", how="left", validate="one_to_one")
    card["reproduced"] = pd.to_numeric(card["reproduced"], errors="coerce")
    card["reproduced_err"] = pd.to_numeric(card["reproduced_err"], errors="coerce")
    card["agrees"] = [
        verdict(p, pe, r, re, t, k)
        for p, pe, r, re, t, k in zip(
            card["paper_value"],
            card["paper_err"],
            card["reproduced"],
            card["reproduced_err"],
            card["tolerance"],
            card["tolerance_kind"],
            strict=True,
        )
    ]
    missing = card["reproduced"].isna()
    card["note"] = card["note"].astype("object")
    card.loc[missing, "note"] = card.loc[missing, "note"].fillna("not reproduced")
    card["note"] = [
        f"{note}{'; ' + KIND_NOTES[kind] if kind in KIND_NOTES else ''} (see {PHYSICS_DOC}, {key})"
        for note, key, kind in zip(card["note"], card["id"], card["kind"], strict=True)
    ]
    return card.loc[:, list(SCORECARD_COLUMNS)]


def _with_err(value: float, err: float) -> str:
    if pd.isna(value):
        return "—"
    return f"{value:.4g}" + (f" ± {err:.2g}" if pd.notna(err) else "")


def _tolerance_text(tolerance: float, kind: str, reason: object) -> str:
    rule = kind if pd.isna(tolerance) else f"{kind} {tolerance:g}"
    return rule + (f": {reason}" if isinstance(reason, str) and reason else "")


def scorecard_html(card: pd.DataFrame) -> str:
    """The scorecard as a self-contained HTML table with a tick or a cross per row."""
    shown = pd.DataFrame(
        {
            "id": card["id"],
            "quantity": card["quantity"],
            "paper": [
                _with_err(v, e) for v, e in zip(card["paper_value"], card["paper_err"], strict=True)
            ],
            "reproduced": [
                _with_err(v, e)
                for v, e in zip(card["reproduced"], card["reproduced_err"], strict=True)
            ],
            "unit": card["unit"],
            "tolerance": [
                _tolerance_text(t, k, r)
                for t, k, r in zip(
                    card["tolerance"], card["tolerance_kind"], card[TOLERANCE_REASON], strict=True
                )
            ],
            "agrees": np.where(card["agrees"], "✔ agrees", "✘ disagrees"),
            "kind": card["kind"],
            "note": card["note"].fillna(""),
        }
    )
    n_ok = int(card["agrees"].sum())
    table = shown.to_html(index=False, border=1, escape=True)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>spinrelax scorecard</title></head>'
        f"<body><h1>Scorecard: {n_ok} of {len(card)} paper values reproduced within tolerance</h1>\n"
        f"{table}\n</body></html>\n"
    )
