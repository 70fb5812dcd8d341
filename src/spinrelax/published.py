"""No number from a fit that did not converge: the convention of every table the workflow
writes and the check (docs/published_values.md). Each fit empties its own failed values where
it is made (spectrum fits: :mod:`spinrelax.acsus.withheld`); this module only finds what a
table would still publish.

A table says which of its numbers come from a fit that did not converge in one of four ways:

- a boolean column ``converged``: False marks the whole row;
- a boolean column ``<fit>_converged`` (several fits on one row, e.g. ``cw_converged`` of the
  Curie-Weiss fit, ``global_converged``): False marks the columns ``<fit>_*`` of that row;
- a text column ``status`` whose value starts with ``not_converged``: the whole row;
- a text column ``flags`` (``;``-separated) holding the flag ``not_converged``: the whole row.

A long table (columns ``parameter`` and ``value``) marks each fit with a row whose parameter
is ``converged`` or ``converged_<fit>`` (value 0 or 1); the fit's rows are those sharing every
text column except ``parameter`` and ``unit`` (e.g. sample and method).

In what is marked, every numeric cell is empty (NaN) except the columns (or parameters) named
in :data:`CONDITIONS` (what was fitted: identifiers, temperatures, fields, windows, counts) and
:data:`DIAGNOSTICS` (how well it fitted), which say what failed and why. A name ``<allowed>_...``
(e.g. ``chi2_red_full_law``, ``cw_n_points``) counts as its allowed stem. Boolean and text
columns are never published values. ``usable`` alone does not mark a row: a converged fit
that is not usable (peak outside the window) stays in the table, flagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

#: What was fitted: identifiers and conditions that a failed row keeps.
CONDITIONS = (
    "spectrum",
    "line",
    "T_K",
    "T_K_spectrum",
    "T_span_K",
    "T_min_K",
    "T_max_K",
    "H_Oe",
    "H_Oe_spectrum",
    "x_Er",
    "easy_axis_angle_deg",
    "freq_Hz",
    "f_min_Hz",
    "f_max_Hz",
    "drive_Oe",
    "at_T_K",
    "at_H_Oe",
    "process",
    "n_params",
    "n",
    "n_points",
    "n_points_used",
    "n_outliers",
    "n_spectra",
    "tau_peak_data_s",
)
#: Goodness of fit and optimiser counts: they say how a fit failed.
DIAGNOSTICS = (
    "chi2_red",
    "chi2_red_noise",
    "runs_z",
    "misfit_rel",
    "aic",
    "aicc",
    "bic",
    "delta_aic",
    "deviance",
    "reduced_deviance",
    "n_iter",
    "dof",
)
ALLOWED = frozenset(CONDITIONS + DIAGNOSTICS)
#: The marker of a failed fit in ``status`` and ``flags``.
NOT_CONVERGED = "not_converged"


def is_allowed(name: str) -> bool:
    """Whether column or parameter ``name`` may hold a number on a failed fit (module docstring);
    one-letter stems such as ``n`` count only exactly (``n_raman`` is a fitted parameter)."""
    if name in ALLOWED:
        return True
    return any(len(a) > 1 and name.startswith(a + "_") for a in ALLOWED)


def _false(values: pd.Series) -> pd.Series:
    """True where a status cell says False (False, 0, "false", "0"); NaN counts as not False."""
    if values.dtype == bool:
        return ~values
    text = values.astype(str).str.strip().str.lower()
    return text.isin(["false", "0", "0.0"])


def _numeric(table: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    return [
        c
        for c in columns
        if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
    ]


def has_status(table: pd.DataFrame) -> bool:
    """Whether ``table`` marks fits in one of the ways of the module docstring."""
    cols = set(table.columns)
    if cols & {"converged", "status", "flags"} or any(c.endswith("_converged") for c in cols):
        return True
    if {"parameter", "value"} <= cols:
        return bool(table["parameter"].astype(str).str.match(r"converged(_|$)").any())
    return False


def failed_cells(table: pd.DataFrame) -> list[tuple[pd.Series, list[str]]]:
    """(row mask, columns) pairs of a wide table: where a failed fit must publish nothing."""
    out = []
    whole = pd.Series(False, index=table.index)
    if "converged" in table.columns:
        whole |= _false(table["converged"])
    if "status" in table.columns:
        whole |= table["status"].fillna("").astype(str).str.startswith(NOT_CONVERGED)
    if "flags" in table.columns:
        tokens = table["flags"].fillna("").astype(str).str.split(r"[;,]\s*", regex=True)
        whole |= tokens.map(lambda t: NOT_CONVERGED in t).astype(bool)
    if whole.any():
        out.append((whole, [c for c in _numeric(table, table.columns) if not is_allowed(c)]))
    for status in table.columns:
        if not status.endswith("_converged") or status == "converged":
            continue
        prefix = status[: -len("converged")]
        mask = _false(table[status])
        cols = [c for c in table.columns if c.startswith(prefix) and c != status]
        cols = [c for c in _numeric(table, cols) if not is_allowed(c[len(prefix) :])]
        if mask.any() and cols:
            out.append((mask, cols))
    return out


def _long_violations(table: pd.DataFrame) -> list[str]:
    keys = [
        c
        for c in table.columns
        if c not in ("parameter", "value", "err", "unit")
        and not pd.api.types.is_numeric_dtype(table[c])
    ]
    status = table["parameter"].astype(str).str.match(r"converged(_|$)")
    failed = table.loc[status & _false(table["value"])]
    out = []
    for _, row in failed.iterrows():
        same = np.ones(len(table), dtype=bool)
        for k in keys:
            same &= (table[k] == row[k]).to_numpy() | (table[k].isna() & pd.isna(row[k]))
        fit = table.loc[same & ~status.to_numpy()]
        for _, r in fit.iterrows():
            for col in ("value", "err"):
                if col in fit.columns and np.isfinite(pd.to_numeric(r[col], errors="coerce")):
                    if not is_allowed(str(r["parameter"])):
                        where = ", ".join(f"{k}={row[k]}" for k in keys)
                        out.append(
                            f"{r['parameter']} {col} = {float(r[col]):.6g} ({where}, not converged)"
                        )
    return out


def violations(table: pd.DataFrame) -> list[str]:
    """Every number ``table`` publishes from a fit that did not converge, one line each."""
    out = []
    for mask, cols in failed_cells(table):
        for col in cols:
            bad = mask & np.isfinite(pd.to_numeric(table[col], errors="coerce"))
            for i in np.flatnonzero(bad.to_numpy()):
                out.append(f"row {i + 2}: {col} = {table[col].iloc[i]:.6g} (not converged)")
    if {"parameter", "value"} <= set(table.columns):
        out += _long_violations(table)
    return out


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV or Parquet table as the workflow wrote it."""
    path = Path(path)
    return pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)


def check_tree(root: str | Path) -> list[str]:
    """``file: violation`` lines for every CSV and Parquet table under ``root`` (logs and
    benchmarks are not tables of results)."""
    root = Path(root)
    out = []
    for path in sorted([*root.rglob("*.csv"), *root.rglob("*.parquet")]):
        parts = set(path.relative_to(root).parts)
        if parts & {"logs", "benchmarks"}:
            continue
        out += [f"{path}: {v}" for v in violations(read_table(path))]
    return out
