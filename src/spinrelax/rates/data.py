"""Relaxation rates from an ac fit table, and their split into tau(T) and tau(H) series.

Reads any table with one row per fitted spectrum (``spinrelax fit-ac`` output, the workflow's
``colecole_fits.csv`` or ``relaxation_rates.csv``; columns in docs/ac_fit_table.md) through its
column names: ``T_K``, ``H_Oe`` and either ``rate_s-1`` (+ ``rate_err_s-1``) or ``tau_s``
(+ ``tau_err_s``); optional ``sample``, ``sigma_lntau``, ``usable`` (else ``converged``),
``flags`` and the second process (``rate2_s-1``/``tau2_s``, ``sigma_lntau2``). Each process
becomes its own set of points (process 1 = the slower one, as the fit table orders them), so a
two-process sample is fitted separately per process.

Every rate row carries the technique it came from, ``method`` (:data:`METHODS`: ``ac`` for
spectra of ac files, the default of a fit table without the column; ``waveform`` for spectra of
waveform-ac points; ``dc`` for DC magnetisation decays, :func:`normalise_dc_table`), and
``sigma_ln_choice``: the spread of ln tau that the analysis choices the data cannot pin imply
(DC: M_eq and M_0 settings; empty for ac and waveform rows), which the rate-law weights add to
the fit error (:mod:`spinrelax.rates.uncertainty`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError

#: Columns of the normalised rate table.
POINT_COLUMNS: tuple[str, ...] = (
    "sample",
    "process",
    "method",
    "spectrum",
    "T_K",
    "H_Oe",
    "rate_s-1",
    "rate_err_s-1",
    "sigma_lntau",
    "sigma_ln_choice",
    "usable",
    "flags",
)
#: Techniques a rate row can come from.
METHODS: tuple[str, ...] = ("ac", "waveform", "dc")


def as_bool(values: pd.Series) -> pd.Series:
    """A True/False column from booleans or text (true, 1, yes; anything else False)."""
    if values.dtype == bool:
        return values
    return values.astype(str).str.strip().str.lower().isin(["true", "1", "yes", "1.0"])


def _num(table: pd.DataFrame, col: str) -> pd.Series:
    if col not in table.columns:
        return pd.Series(np.nan, index=table.index)
    return pd.to_numeric(table[col], errors="coerce")


def _process(table: pd.DataFrame, suffix: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(rate, rate error, sigma_lntau) of process '' (1) or '2'."""
    rate = _num(table, f"rate{suffix}_s-1")
    err = _num(table, f"rate{suffix}_err_s-1")
    tau, tau_err = _num(table, f"tau{suffix}_s"), _num(table, f"tau{suffix}_err_s")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = rate.where(rate.notna(), 1.0 / tau)
        err = err.where(err.notna(), tau_err / tau**2)
    return rate, err, _num(table, f"sigma_lntau{suffix}")


def normalise_fit_table(table: pd.DataFrame, *, file: str | Path, sample: str) -> pd.DataFrame:
    """Rates of every spectrum and process with :data:`POINT_COLUMNS` (rows kept if unusable)."""
    for col in ("T_K", "H_Oe"):
        if col not in table.columns:
            raise InputFormatError(
                "missing column (a fit table needs it)", file=file, line=1, column=col
            )
    if "rate_s-1" not in table.columns and "tau_s" not in table.columns:
        raise InputFormatError(
            "no rate_s-1 or tau_s column: not an ac fit table", file=file, line=1
        )
    usable = (
        as_bool(table["usable"])
        if "usable" in table.columns
        else as_bool(table["converged"])
        if "converged" in table.columns
        else pd.Series(True, index=table.index)
    )
    base = pd.DataFrame(
        {
            "sample": table["sample"].astype(str) if "sample" in table.columns else sample,
            "spectrum": table["spectrum"] if "spectrum" in table.columns else np.arange(len(table)),
            "T_K": _num(table, "T_K"),
            "H_Oe": _num(table, "H_Oe"),
            "flags": table["flags"].fillna("").astype(str) if "flags" in table.columns else "",
            "method": table["method"].astype(str) if "method" in table.columns else "ac",
            "sigma_ln_choice": np.nan,
        }
    )
    parts = []
    for process, suffix in ((1, ""), (2, "2")):
        rate, err, sig = _process(table, suffix)
        if process == 2 and not rate.notna().any():
            continue
        part = base.assign(
            process=process,
            **{"rate_s-1": rate, "rate_err_s-1": err, "sigma_lntau": sig},
            usable=usable & rate.gt(0) & base["T_K"].gt(0),
        )
        if process == 2:
            part = part.loc[rate.notna()]
        parts.append(part)
    return pd.concat(parts, ignore_index=True).loc[:, list(POINT_COLUMNS)]


def _choice_spread(table: pd.DataFrame) -> pd.Series:
    """|<ln tau> - <ln tau> with the other M_eq setting| and the same for M_0, in quadrature
    (either missing counts as 0; both missing: NaN)."""
    own = _num(table, "ln_tau_mean")
    parts = [
        (own - _num(table, c)).abs() for c in ("ln_tau_mean_other_meq", "ln_tau_mean_other_m0")
    ]
    both = pd.concat(parts, axis=1)
    spread = np.sqrt((both**2).sum(axis=1, min_count=1))
    return spread.where(both.notna().any(axis=1))


def normalise_dc_table(table: pd.DataFrame, *, file: str | Path, sample: str) -> pd.DataFrame:
    """One rate point per decay (:data:`POINT_COLUMNS`, ``method`` = ``dc``) of a DC per-decay
    table (:data:`spinrelax.timedomain.table.DC_TABLE_COLUMNS`, docs/dc_decays.md).

    From the single stretched-exponential row of each decay: rate = exp(-<ln tau>) (the
    ac-comparable mean of the distribution, Johnston, Phys. Rev. B 74, 184430 (2006)),
    rate_err = rate ln_tau_mean_err (first order), ``sigma_lntau`` the width of that
    distribution, ``sigma_ln_choice`` the M_eq- and M_0-setting spreads of <ln tau> in
    quadrature. A decay whose fit did not converge is kept, not usable, with its flags.
    ``spectrum`` numbers the decays 0, 1, ... in table order.
    """
    need = ("T_K", "H_Oe", "model", "converged", "ln_tau_mean")
    for col in need:
        if col not in table.columns:
            raise InputFormatError(
                "missing column (a DC per-decay table needs it)", file=file, line=1, column=col
            )
    single = table.loc[table["model"].astype(str) == "single"]
    if "component" in single.columns:
        single = single.loc[pd.to_numeric(single["component"], errors="coerce").fillna(1) == 1]
    if single.empty:
        raise InputFormatError(
            "no single stretched-exponential rows: DC rate points come from the single model",
            file=file,
        )
    single = single.reset_index(drop=True)
    ln_tau = _num(single, "ln_tau_mean")
    rate = np.exp(-ln_tau)
    T = _num(single, "T_K")
    points = pd.DataFrame(
        {
            "sample": sample,
            "process": 1,
            "method": "dc",
            "spectrum": np.arange(len(single)),
            "T_K": T,
            "H_Oe": _num(single, "H_Oe"),
            "rate_s-1": rate,
            "rate_err_s-1": rate * _num(single, "ln_tau_mean_err"),
            "sigma_lntau": _num(single, "sigma_ln_tau"),
            "sigma_ln_choice": _choice_spread(single),
            "usable": as_bool(single["converged"]) & rate.gt(0) & T.gt(0),
            "flags": single["flags"].fillna("").astype(str) if "flags" in single else "",
        }
    )
    return points.loc[:, list(POINT_COLUMNS)]


#: What to run on a raw ac file given where a fit table is expected.
RAW_FILE_HINT = (
    "a raw ac file, not a fit table: fit its spectra first (spinrelax fit-ac {path} -o "
    "fits.csv, then spinrelax fit-rates fits.csv), or run spinrelax report {path} for both"
)


def _raw_ac_file(path: str | Path) -> bool:
    """True when the file starts like a Quantum Design ``.dat`` (``[Header]``)."""
    with open(path, "rb") as f:
        return f.read(4096).lstrip().lower().startswith(b"[header]")


def read_fit_table(path: str | Path, sample: str | None = None) -> pd.DataFrame:
    """:func:`normalise_fit_table` of a CSV file; ``sample`` defaults to the file's stem. A raw
    ac file or a file that is not a CSV table is an :class:`InputFormatError` saying so."""
    if Path(path).is_file() and _raw_ac_file(path):
        raise InputFormatError(RAW_FILE_HINT.format(path=path), file=path)
    try:
        table = pd.read_csv(path)
    except pd.errors.EmptyDataError:
        raise InputFormatError("empty file", file=path) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise InputFormatError(f"not a CSV fit table ({reason})", file=path) from None
    if table.empty:
        raise InputFormatError("no rows", file=path, line=2)
    if {"freq_Hz", "chi_real"} <= set(table.columns) and "tau_s" not in table.columns:
        raise InputFormatError(RAW_FILE_HINT.format(path=path), file=path, line=1)
    return normalise_fit_table(table, file=path, sample=sample or Path(path).stem)


def cluster(values: np.ndarray, abs_tol: float, rel_tol: float) -> np.ndarray:
    """Cluster labels of sorted-gap clustering: a new cluster where the gap between neighbours
    in sorted order exceeds max(abs_tol, rel_tol |value|)."""
    order = np.argsort(values, kind="stable")
    v = values[order]
    gaps = np.diff(v) > np.maximum(abs_tol, rel_tol * np.abs(v[1:]))
    labels = np.empty(len(v), dtype=int)
    labels[order] = np.concatenate([[0], np.cumsum(gaps)])
    return labels


@dataclass(frozen=True)
class SeriesSettings:
    """How points are grouped: fields within ``H_tolerance_Oe`` (or ``H_rel_tolerance``) form one
    tau(T) series, temperatures within ``T_tolerance_K`` (or ``T_rel_tolerance``) one tau(H)
    series; a series needs ``min_points`` distinct values of its variable.

    The field tolerance is the ingest's (``field_tolerance_Oe``, 5 Oe: how far a reading may sit
    from its set field) and 1 % of |H|: field sweeps step by 10 Oe and more at low field, and a
    looser tolerance chains a sweep's fields into one "tau(T)" series that then mixes fields
    (points at one temperature and several fields)."""

    H_tolerance_Oe: float = 5.0
    H_rel_tolerance: float = 0.01
    T_tolerance_K: float = 0.1
    T_rel_tolerance: float = 0.02
    min_points: int = 4


def split_series(
    points: pd.DataFrame, settings: SeriesSettings
) -> list[tuple[str, float, pd.DataFrame]]:
    """(variable, value held fixed, rows) of every tau(T) and tau(H) series of one sample and
    process: 'T' series at a mean field (Oe), 'H' series at a mean temperature (K)."""
    out: list[tuple[str, float, pd.DataFrame]] = []
    pts = points.loc[points["usable"]].reset_index(drop=True)
    if pts.empty:
        return out
    h_lab = cluster(pts["H_Oe"].abs().to_numpy(), settings.H_tolerance_Oe, settings.H_rel_tolerance)
    t_lab = cluster(pts["T_K"].to_numpy(), settings.T_tolerance_K, settings.T_rel_tolerance)
    pairs = np.unique(np.stack([h_lab, t_lab]), axis=1)  # distinct (field, temperature) cells
    h_ids, n_temps = np.unique(pairs[0], return_counts=True)
    t_ids, n_fields = np.unique(pairs[1], return_counts=True)
    for lab in h_ids[n_temps >= settings.min_points]:
        rows = pts.loc[h_lab == lab]
        out.append(("T", round(float(rows["H_Oe"].abs().mean()), 1) + 0.0, rows))
    for lab in t_ids[n_fields >= settings.min_points]:
        rows = pts.loc[t_lab == lab]
        out.append(("H", round(float(rows["T_K"].mean()), 3), rows))
    return out
