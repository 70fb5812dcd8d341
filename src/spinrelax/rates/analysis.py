"""Rate-law analysis of a whole fit table: every sample, process and tau(T)/tau(H) series.

For each series (``data.split_series``) the points inside the window are weighted
(``uncertainty.sigma_ln_tau``) and either the requested law is fitted or the candidate laws are
compared (``select.compare_laws``). Results are long-form tables (``tables.py``): parameters
(with U_eff in K and cm^-1 and tau_QTM = 1/rate_qt, Wald errors and 68 %/95 % profile
intervals), candidates with their status, parameter correlations, fitted curves with each term
for re-plotting, the spread of U_eff over eligible laws and T windows (``spread.py``), and
every point with its weight, residual and whether it was used (and why not). A sample with at
least two series also gets one law fitted to all its (T, H) points at once (``global_fit.py``,
series ``TH``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from spinrelax.errors import RateLawError
from spinrelax.rates.data import POINT_COLUMNS, SeriesSettings, split_series
from spinrelax.rates.fit import LawFit, fit_law
from spinrelax.rates.global_fit import (
    SERIES,
    TH_CANDIDATES,
    global_fixed,
    global_series,
    slice_curves,
)
from spinrelax.rates.intervals import law_intervals
from spinrelax.rates.laws import law_params, parse_law
from spinrelax.rates.select import (
    CANDIDATE_COLUMNS,
    H_CANDIDATES,
    T_CANDIDATES,
    T_CANDIDATES_IN_FIELD,
    candidate_table,
    compare_laws,
    law_status,
)
from spinrelax.rates.settings import LawSettings
from spinrelax.rates.spread import SPREAD_COLUMNS, spread_rows
from spinrelax.rates.tables import (
    KEY_COLUMNS,
    PARAM_COLUMNS,
    correlation_rows,
    curve_rows,
    parameter_rows,
    series_keys,
)
from spinrelax.rates.uncertainty import sigma_ln_tau, sigma_rule, with_choice

#: A tau(T) series at a field below this (Oe) counts as zero field (no direct-process candidate).
ZERO_FIELD_OE = 50.0


@dataclass
class RateResults:
    """Tables of a rate-law analysis (columns in ``tables.py``)."""

    parameters: pd.DataFrame
    candidates: pd.DataFrame
    correlations: pd.DataFrame
    curves: pd.DataFrame
    points: pd.DataFrame
    fits: dict[tuple, LawFit]
    spread: pd.DataFrame


def _window(x: pd.Series, lo: float | None, hi: float | None) -> pd.Series:
    ok = pd.Series(True, index=x.index)
    if lo is not None:
        ok &= x >= lo
    if hi is not None:
        ok &= x <= hi
    return ok


def _at_fields(H: pd.Series, fields: tuple[float, ...], series: SeriesSettings) -> pd.Series:
    """Points whose |H| is one of ``fields`` within the series' field tolerance."""
    ok = pd.Series(False, index=H.index)
    for f in fields:
        ok |= (H - abs(f)).abs() <= max(series.H_tolerance_Oe, series.H_rel_tolerance * abs(f))
    return ok


def fit_series(
    variable: str, at: float, rows: pd.DataFrame, settings: LawSettings
) -> tuple[LawFit | None, dict[str, LawFit], pd.DataFrame, pd.DataFrame]:
    """(chosen fit, candidate fits, candidate table, rows with sigma_ln and `used`).

    A law given by the user (not ``auto``) that does not converge or sits at a bound raises
    :class:`RateLawError` naming the law and the reason (no number of it is published).
    ``variable`` ``"TH"``: a global fit of every (T, H) point (``global_fit.py``), inside both
    windows.
    """
    fixed = settings.fixed
    if variable == SERIES:
        inside = _window(rows["T_K"], settings.T_min_K, settings.T_max_K)
        inside &= _window(rows["H_Oe"].abs(), settings.H_min_Oe, settings.H_max_Oe)
        law, cands = settings.global_law, TH_CANDIDATES
        fixed = global_fixed(settings.fixed, settings.free)
    elif variable == "T":
        inside = _window(rows["T_K"], settings.T_min_K, settings.T_max_K)
        law = settings.law
        cands = settings.candidates or (
            T_CANDIDATES if at < ZERO_FIELD_OE else T_CANDIDATES_IN_FIELD
        )
    else:
        inside = _window(rows["H_Oe"].abs(), settings.H_min_Oe, settings.H_max_Oe)
        law = settings.field_law
        cands = settings.field_candidates or H_CANDIDATES
    with np.errstate(divide="ignore", invalid="ignore"):
        fit_err = rows["rate_err_s-1"] / rows["rate_s-1"]
    choice = rows["sigma_ln_choice"] if "sigma_ln_choice" in rows else np.nan
    method = rows["method"] if "method" in rows else pd.Series("ac", index=rows.index)
    rows = rows.assign(
        sigma_ln_fit=with_choice(fit_err, choice),
        sigma_ln=sigma_ln_tau(
            rows["rate_s-1"], rows["rate_err_s-1"], rows["sigma_lntau"], settings.sigma, choice
        ),
        sigma_rule=[sigma_rule(settings.sigma, str(m)) for m in method],
        used=inside.to_numpy(),
        reason=np.where(inside, "", "outside window"),
    )
    sel = rows.loc[rows["used"]]
    args = (sel["T_K"], sel["H_Oe"].abs(), sel["rate_s-1"], sel["sigma_ln"])
    limit = settings.max_correlation
    var = SERIES if variable == SERIES else None
    if law == "auto":
        chosen, fits, table = compare_laws(
            *args, cands, fixed=fixed, seed=settings.seed, max_correlation=limit, variable=var
        )
        if chosen is None and fits:  # nothing converged: the best attempt, published empty
            best = table.assign(c=table["aicc"].fillna(table["aic"])).sort_values("c").iloc[0]
            chosen = fits[best["law"]]
    else:
        names = {p.name for p in law_params(parse_law(law))}
        own = {k: v for k, v in fixed.items() if k in names}
        chosen = fit_law(*args, law, fixed=own, seed=settings.seed, variable=var)
        if chosen.converged:
            chosen = law_intervals(chosen, *args)
        fits = {chosen.law: chosen}
        table = candidate_table(fits, limit)
        status, reason = law_status(chosen, limit)
        if status in ("not_converged", "at_bound"):
            where = (
                "tau(T, H), all points"
                if variable == SERIES
                else f"tau({variable}) at {at:g} {'Oe' if variable == 'T' else 'K'}"
            )
            raise RateLawError(
                f"law {chosen.law} ({where}): {status.replace('_', ' ')}: {reason or chosen.message}"
            )
    return chosen, fits, table, rows


def _spread(key: dict, chosen: LawFit, fits: dict, table: pd.DataFrame, marked: pd.DataFrame):
    """U_eff spread rows (``spread.py``) of one series from its used points."""
    sel = marked.loc[marked["used"]]
    statuses = dict(zip(table["law"], table["status"], strict=True))
    arrays = (sel[c].abs().to_numpy(dtype=float) for c in ("T_K", "H_Oe", "rate_s-1", "sigma_ln"))
    delta = dict(zip(table["law"], table["delta_aicc"], strict=True))
    return spread_rows(key, chosen, fits, statuses, delta, *arrays)


def analyse_rates(
    points: pd.DataFrame, settings: Mapping[str, LawSettings] | LawSettings
) -> RateResults:
    """Fit every series of every sample and process of a normalised rate table.

    ``settings`` is one :class:`LawSettings` for all samples or a mapping sample -> settings
    (samples missing from the mapping use the defaults).
    """
    params, cands, corrs, curves, used, spreads = [], [], [], [], [], []
    fits: dict[tuple, LawFit] = {}
    for (sample, process), pts in points.groupby(["sample", "process"], sort=True):
        s = (
            settings
            if isinstance(settings, LawSettings)
            else settings.get(str(sample), LawSettings())
        )
        if s.fields_Oe is not None:
            pts = pts.loc[_at_fields(pts["H_Oe"].abs(), s.fields_Oe, s.series)]
        series = split_series(pts, s.series)
        for variable, at, rows in series + global_series(pts, series, s.global_law):
            key = series_keys(str(sample), int(process), variable, at)
            try:
                chosen, all_fits, table, marked = fit_series(variable, at, rows, s)
            except RateLawError as exc:
                raise RateLawError(f"sample {sample}, process {process}: {exc.message}") from None
            cands.append(table.assign(**key).loc[:, [*key, *table.columns]])
            used.append(
                marked.assign(
                    series=variable, **{k: v for k, v in key.items() if k.startswith("at_")}
                )
            )
            if chosen is None:
                continue
            fits[tuple(key.values())] = chosen
            statuses = dict(zip(table["law"], table["status"], strict=True))
            status = law_status(chosen, s.max_correlation)
            if statuses.get(chosen.law) == "chosen":
                status = ("chosen", "")
            params.append(parameter_rows(key, chosen, all_fits, status))
            if not chosen.converged:  # published empty (parameter_rows): no curve, no correlation
                continue
            corrs.append(correlation_rows(key, chosen))
            x = marked.loc[marked["used"], "T_K" if variable == "T" else "H_Oe"].abs()
            if variable == SERIES:  # the global law sliced at every series' field or temperature
                curves.append(slice_curves(key, chosen, series, marked))
            else:
                curves.append(curve_rows(key, chosen, x, at))
            if variable == "T":
                spreads.append(_spread(key, chosen, all_fits, table, marked))

    def cat(parts: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)

    return RateResults(
        cat(params, PARAM_COLUMNS),
        cat(cands, (*KEY_COLUMNS, *CANDIDATE_COLUMNS)),
        cat(corrs, (*KEY_COLUMNS, "law", "parameter_1", "parameter_2", "correlation")),
        cat(curves, (*KEY_COLUMNS, "law", "T_K", "H_Oe", "rate_s-1")),
        cat(
            used,
            (
                *POINT_COLUMNS,
                "sigma_ln_fit",
                "sigma_ln",
                "sigma_rule",
                "used",
                "reason",
                "series",
                "at_T_K",
                "at_H_Oe",
            ),
        ),  # fmt: skip
        fits,
        cat(spreads, SPREAD_COLUMNS),
    )
