"""Per-sample rate-law fits and the 2 K rates vs concentration x and field H (paper 1, Figs. 3-4).

The rate laws are fitted by the generic :mod:`spinrelax.rates` (weighted by the spectrum fits'
errors, ``sigma = fit``, as paper 1's analysis is defined).

Rates at the Fig. 4 temperature are combined per sample (and field) by an inverse-variance
weighted mean of ln rate; its error is the larger of the propagated error and the scatter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.optimize import least_squares

from spinrelax.papers.erw10.relaxation.tunnelling import detuning_factor
from spinrelax.rates.fit import LawFit, fit_law
from spinrelax.rates.laws import law_params
from spinrelax.rates.uncertainty import log_sigma


def _window(T: pd.Series, window_K: ArrayLike) -> pd.Series:
    lo, hi = window_K
    return (T >= lo) & (T <= hi)


def fit_samples(
    usable: pd.DataFrame,
    arrhenius_window_K: ArrayLike,
    full_window_K: ArrayLike,
    full_terms: tuple[str, ...],
    zero_field_max_Oe: float,
    n_starts: int,
    seed: int,
) -> tuple[pd.DataFrame, dict[tuple[str, str], LawFit]]:
    """Arrhenius fit in its window and the full law in its window, per sample at zero field.

    Returns the parameter rows (sample, parameter, value, err, unit, method) and the fits keyed
    by (sample, method). Goodness of fit and the converged flag are rows too; a fit that did
    not converge has empty values and errors (docs/published_values.md).
    """
    rows, fits = [], {}
    zero = usable.loc[usable["H_Oe"].abs() <= zero_field_max_Oe]
    for sample, data in zero.groupby("sample", sort=True):
        for method, terms, window in (
            ("arrhenius_window", ("orbach",), arrhenius_window_K),
            ("full_law", tuple(full_terms), full_window_K),
        ):
            sel = data.loc[_window(data["T_K"], window)]
            sigma = log_sigma(sel["rate_s-1"], sel["rate_err_s-1"])
            fit = fit_law(
                sel["T_K"], 0.0, sel["rate_s-1"], sigma, terms, n_starts=n_starts, seed=seed
            )
            fits[(str(sample), method)] = fit
            label = f"{method}:{'+'.join(terms)} [{window[0]:g}, {window[1]:g}] K"
            for par in law_params(fit.terms):  # no number from a fit that did not converge
                value, err = fit.params[par.name], fit.errors[par.name]
                if not fit.converged:
                    value, err = np.nan, np.nan
                rows.append((sample, par.name, value, err, par.unit, label))
            rows.append((sample, f"chi2_red_{method}", fit.chi2_red, np.nan, "1", label))
            rows.append((sample, f"n_points_{method}", fit.n_points, np.nan, "1", label))
            rows.append(
                (sample, f"converged_{method}", float(fit.converged), np.nan, "bool", label)
            )
    table = pd.DataFrame(rows, columns=["sample", "parameter", "value", "err", "unit", "method"])
    return table, fits


def _combine(group: pd.DataFrame) -> pd.Series:
    ln_r = np.log(group["rate_s-1"].to_numpy())
    sig = log_sigma(group["rate_s-1"], group["rate_err_s-1"])
    w = 1.0 / sig**2
    mean = float(np.sum(w * ln_r) / np.sum(w))
    err = float(np.sqrt(1.0 / np.sum(w)))
    if len(ln_r) > 1:
        err = max(err, float(np.std(ln_r, ddof=1) / np.sqrt(len(ln_r))))
    rate = float(np.exp(mean))
    return pd.Series({"rate_s-1": rate, "rate_err_s-1": rate * err, "n_spectra": len(ln_r)})


def rates_at_temperature(usable: pd.DataFrame, T_K: float, tol_K: float) -> pd.DataFrame:
    """Combined rate per (sample, field) within ``tol_K`` of ``T_K``.

    Columns: sample, x_Er, isotope, form, H_Oe (mean of the group, rounded to 0.1 Oe), rate_s-1,
    rate_err_s-1, n_spectra.
    """
    near = usable.loc[(usable["T_K"] - T_K).abs() <= tol_K].copy()
    near["H_key"] = near["H_Oe"].round(-1)  # fields within ~5 Oe form one point
    keys = ["sample", "x_Er", "isotope", "H_key"]
    extra = [c for c in ("form", "easy_axis_angle_deg") if c in near.columns]
    out = []
    for key, group in near.groupby(keys, sort=True):
        row = dict(zip(keys, key, strict=True))
        row.update({c: group[c].iloc[0] for c in extra})
        row["H_Oe"] = round(float(group["H_Oe"].mean()), 1) + 0.0  # no negative zero
        row.update(_combine(group).to_dict())
        out.append(row)
    cols = ["sample", "x_Er", "isotope", *extra, "H_Oe", "rate_s-1", "rate_err_s-1", "n_spectra"]
    if not out:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(out).loc[:, cols].sort_values(["sample", "H_Oe"], ignore_index=True)


@dataclass(frozen=True)
class FieldFit:
    """tau^-1(H) = rate0 * detuning(H / sigma_H): fitted rate0 (s^-1), sigma_H (Oe), errors."""

    rate0_s: float
    rate0_err_s: float
    sigma_H_Oe: float
    sigma_H_err_Oe: float
    chi2_red: float
    n_points: int
    converged: bool
    geometry: str
    cos_theta: float

    def rate_s(self, H_Oe: ArrayLike) -> np.ndarray:
        """The model line (s^-1) at fields ``H_Oe``."""
        return self.rate0_s * detuning_factor(H_Oe, self.sigma_H_Oe, self.geometry, self.cos_theta)


def fit_field_detuning(
    H_Oe: ArrayLike,
    rate_s: ArrayLike,
    rate_err_s: ArrayLike,
    geometry: str = "powder",
    cos_theta: float = 1.0,
) -> FieldFit:
    """Fit the Gaussian detuning of the tunnelling rate by a bias field (``tunnelling``)."""
    H = np.abs(np.asarray(H_Oe, dtype=float))
    r = np.asarray(rate_s, dtype=float)
    sig = log_sigma(r, np.asarray(rate_err_s, dtype=float))
    n = len(H)
    if n < 3 or np.unique(H).size < 2:
        return FieldFit(np.nan, np.nan, np.nan, np.nan, np.nan, n, False, geometry, cos_theta)

    def residual(x: np.ndarray) -> np.ndarray:
        model = x[0] + np.log(
            np.maximum(detuning_factor(H, np.exp(x[1]), geometry, cos_theta), 1e-300)
        )
        return (model - np.log(r)) / sig

    best = None
    for s0 in (10.0, 30.0, 100.0, 300.0, 1000.0):
        x0 = np.array([np.log(r[np.argmin(H)]), np.log(s0)])
        res = least_squares(residual, x0)
        if best is None or res.cost < best.cost:
            best = res
    assert best is not None
    dof = n - 2
    chi2_red = 2 * best.cost / dof
    try:
        sd = np.sqrt(np.diag(np.linalg.inv(best.jac.T @ best.jac) * chi2_red))
    except np.linalg.LinAlgError:
        sd = np.array([np.nan, np.nan])
    rate0, sigma = float(np.exp(best.x[0])), float(np.exp(best.x[1]))
    return FieldFit(
        rate0,
        rate0 * sd[0],
        sigma,
        sigma * sd[1],
        float(chi2_red),
        n,
        bool(best.success and np.all(np.isfinite(sd))),
        geometry,
        cos_theta,
    )
