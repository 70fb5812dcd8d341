"""Reading the ac stage's tables: usable relaxation rates and the ordering temperature T_N.

``results/tables/relaxation_rates.csv`` (written by the ac stage) has one row per fitted
spectrum: sample, x_Er, isotope, form, easy_axis_angle_deg, T_K, H_Oe, rate_s-1, rate_err_s-1,
rate_lo_s-1, rate_hi_s-1, model, converged, flags, usable. Only ``usable`` rows are fitted;
the others are counted, with their flags, in an exclusion summary.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from spinrelax.errors import InputFormatError, raise_at_first_row
from spinrelax.rates.data import as_bool

RATE_COLUMNS = ("sample", "x_Er", "isotope", "T_K", "H_Oe", "rate_s-1", "rate_err_s-1", "usable")


def read_rates(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(usable rates, exclusion summary) from the rates table.

    The summary has one row per sample and flag text: sample, flags, n_excluded.
    """
    table = pd.read_csv(path)
    missing = [c for c in RATE_COLUMNS if c not in table.columns]
    if missing:
        raise InputFormatError(f"missing column(s) {', '.join(missing)}", file=path, line=1)
    table["usable"] = as_bool(table["usable"])
    table["sample"] = table["sample"].astype(str)
    table["isotope"] = table["isotope"].astype(str)
    for col in ("x_Er", "T_K", "H_Oe", "rate_s-1", "rate_err_s-1"):
        values = pd.to_numeric(table[col], errors="coerce")
        bad = values.isna() & table["usable"] & (col != "rate_err_s-1")
        raise_at_first_row(bad, "not a number in a usable row", file=path, column=col)
        table[col] = values
    flags = (
        table["flags"].fillna("") if "flags" in table.columns else pd.Series("", index=table.index)
    )
    excluded = table.loc[~table["usable"]].assign(flags=flags[~table["usable"]].astype(str))
    summary = (
        excluded.groupby(["sample", "flags"], as_index=False)
        .size()
        .rename(columns={"size": "n_excluded"})
        .sort_values(["sample", "flags"], ignore_index=True)
    )
    usable = table.loc[table["usable"]].sort_values(["sample", "H_Oe", "T_K"], ignore_index=True)
    return usable, summary


def is_enriched(isotope: pd.Series) -> pd.Series:
    """True for 167Er-enriched samples (isotope label containing '167')."""
    return isotope.astype(str).str.contains("167")


def read_T_N_K(path: str | Path) -> float:
    """T_N (K) from the ac stage's equilibrium table: a ``T_N_K`` column (first finite value,
    the x = 1 natural sample preferred), or long format with parameter/value columns."""
    table = pd.read_csv(path)
    if "T_N_K" in table.columns:
        rows = table
        if "x_Er" in table.columns:
            rows = table.sort_values("x_Er", ascending=False, kind="stable")
        values = pd.to_numeric(rows["T_N_K"], errors="coerce").dropna()
    elif {"parameter", "value"} <= set(table.columns):
        values = pd.to_numeric(
            table.loc[table["parameter"].isin(["T_N_K", "T_N"]), "value"], errors="coerce"
        ).dropna()
    else:
        raise InputFormatError("no T_N_K column and no parameter/value columns", file=path, line=1)
    if values.empty:
        raise InputFormatError("no finite T_N value", file=path, column="T_N_K")
    return float(values.iloc[0])
