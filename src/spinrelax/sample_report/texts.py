"""Human-readable settings lines of a report (spectrum fit and rate laws)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from spinrelax.rates.settings import LawSettings

#: How an automatic law is chosen (settings line of the report).
AUTO = " (the eligible candidate with the lowest AICc)"


def spectrum_model_text(requested: str, fits: pd.DataFrame) -> str:
    """The spectrum model line: the requested model, or for ``auto`` the model chosen for the
    series and the temperatures where a nested limit reports the simpler model
    (:mod:`spinrelax.acsus.model_choice`)."""
    if requested != "auto":
        return requested
    parts = []
    for series_model, group in fits.groupby("series_model", sort=True):
        other = group[group["model"] != series_model]
        text = str(series_model)
        for model, rows in other.groupby("model", sort=True):
            text += (
                f"; {model} (its nested limit) at {rows['T_K'].min():.4g}-{rows['T_K'].max():.4g} K"
            )
        parts.append(text)
    return "auto: one model for the series: " + " | ".join(parts)


def settings_text(law: LawSettings, fit: Mapping[str, object]) -> dict[str, str]:
    """Settings lines: spectrum model and weighting (``fit``) and the rate-law settings."""
    lo = "-" if law.T_min_K is None else f"{law.T_min_K:g}"
    hi = "-" if law.T_max_K is None else f"{law.T_max_K:g}"
    fixed = ", ".join(f"{k} = {v:g}" for k, v in law.fixed.items()) or "none"
    return {
        "spectrum model": str(fit.get("model", "generalized_debye")),
        "spectrum-fit weighting": str(fit.get("weighting", "none")),
        "τ(T) law": law.law + (AUTO if law.law == "auto" else ""),
        "τ(H) law": law.field_law + (AUTO if law.field_law == "auto" else ""),
        "τ(T, H) law (every point at once)": law.global_law
        + (AUTO if law.global_law == "auto" else ""),
        "eligible law": "converged away from the bounds, every 68 % profile-likelihood "
        "interval closed, no term correlated with the other terms beyond "
        f"{law.max_correlation:g} (docs/rate_laws.md)",
        "temperature window of the τ(T) fits (K)": (
            "all temperatures" if lo == hi == "-" else f"{lo} to {hi}"
        ),
        "fixed parameters": fixed,
        "per-point uncertainty of ln τ": law.sigma,
    }
