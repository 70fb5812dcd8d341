"""Build the acsus settings objects from the ``acsus:`` section of config.yaml (plain dicts)."""

from __future__ import annotations

from collections.abc import Mapping

from spinrelax.acsus.engine import LMSettings
from spinrelax.acsus.equilibrium_tables import EquilibriumSettings
from spinrelax.acsus.fitting import FitSettings
from spinrelax.acsus.qc import QCSettings


def fit_settings(section: Mapping) -> FitSettings:
    """FitSettings from keys model, auto_candidates, weighting, adequacy_models, lm, qc,
    outlier_sigma, max_outlier_fraction."""
    qc = dict(section.get("qc", {}))
    if "disqualifying" in qc:
        qc["disqualifying"] = tuple(qc["disqualifying"])
    kwargs = {
        k: section[k]
        for k in ("model", "weighting", "outlier_sigma", "max_outlier_fraction")
        if k in section
    }
    if "auto_candidates" in section:
        kwargs["candidates"] = tuple(section["auto_candidates"])
    if "adequacy_models" in section:
        kwargs["adequacy_models"] = tuple(section["adequacy_models"])
    return FitSettings(lm=LMSettings(**section.get("lm", {})), qc=QCSettings(**qc), **kwargs)


def equilibrium_settings(section: Mapping) -> EquilibriumSettings:
    """EquilibriumSettings from the ``equilibrium`` sub-section (missing keys keep defaults)."""
    return EquilibriumSettings(**dict(section.get("equilibrium", {})))
