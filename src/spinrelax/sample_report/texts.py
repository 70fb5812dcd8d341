"""Human-readable settings lines of a report (spectrum fit and rate laws)."""

from __future__ import annotations

from collections.abc import Mapping

from spinrelax.rates.settings import LawSettings


def settings_text(law: LawSettings, fit: Mapping[str, object]) -> dict[str, str]:
    """Settings lines: spectrum model and weighting (``fit``) and the rate-law settings."""
    lo = "-" if law.T_min_K is None else f"{law.T_min_K:g}"
    hi = "-" if law.T_max_K is None else f"{law.T_max_K:g}"
    fixed = ", ".join(f"{k} = {v:g}" for k, v in law.fixed.items()) or "none"
    return {
        "spectrum model": str(fit.get("model", "generalized_debye")),
        "spectrum-fit weighting": str(fit.get("weighting", "none")),
        "τ(T) law": law.law + (" (candidates compared by AICc)" if law.law == "auto" else ""),
        "τ(H) law": law.field_law
        + (" (candidates compared by AICc)" if law.field_law == "auto" else ""),
        "temperature window of the τ(T) fits (K)": (
            "all temperatures" if lo == hi == "-" else f"{lo} to {hi}"
        ),
        "fixed parameters": fixed,
        "per-point uncertainty of ln τ": law.sigma,
    }
