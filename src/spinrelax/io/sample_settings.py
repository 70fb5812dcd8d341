"""Settings of one sample: the run's defaults, a per-sample config block, the sheet's columns.

Precedence, lowest first: the config sections (``ingest``, ``acsus``, ``rates``), the sample's
block of ``sample_settings: {<sample_id>: {ingest: ..., acsus: ..., rates: ...}}`` in the
config, the sample's settings file when the block names one (``settings_file: path``, relative
to the working folder: the file ``spinrelax app`` saves, :mod:`spinrelax.io.settings_file`;
its ``acsus`` and ``rates`` keys replace the block's), and the non-empty setting cells of the
sample sheet (``model``, ``weighting``, ``rate_law``, ``field_law``, ``rate_global_law``, ``rate_T_min_K`` ...
``rate_sigma``). Each function returns only the keys its stage uses, so a job's parameters
change only when that sample's settings for that stage change (e.g. an equilibrium window does
not refit any spectrum). The spectra and points the user excluded (``acsus.exclude_spectra``,
``acsus.exclude_points``) are :func:`user_exclusions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.io.settings_file import block_exclusions, settings_block
from spinrelax.rates.settings import LawSettings, law_settings

#: Keys of the config ``acsus`` section that the spectrum fit reads.
FIT_KEYS: tuple[str, ...] = (
    "model",
    "auto_candidates",
    "weighting",
    "adequacy_models",
    "lm",
    "outlier_sigma",
    "max_outlier_fraction",
    "qc",
)
#: Sheet column -> key of the ``acsus`` or ``rates`` settings.
SHEET_ACSUS = {"model": "model", "weighting": "weighting"}
SHEET_RATES = {
    "rate_law": "law",
    "field_law": "field_law",
    "rate_global_law": "global_law",
    "rate_T_min_K": "T_min_K",
    "rate_T_max_K": "T_max_K",
    "rate_H_min_Oe": "H_min_Oe",
    "rate_H_max_Oe": "H_max_Oe",
    "rate_fixed": "fixed",
    "rate_sigma": "sigma",
    "rate_fields_Oe": "fields_Oe",
}


def _given(value: Any) -> bool:
    return value is not None and value != "" and not (isinstance(value, float) and pd.isna(value))


def settings_file(config: Mapping, sample: str) -> str | None:
    """The settings file named by ``sample``'s block (``settings_file``), or None."""
    return ((config.get("sample_settings") or {}).get(sample) or {}).get("settings_file")


def _block(config: Mapping, sample: str, stage: str) -> dict:
    block = dict(((config.get("sample_settings") or {}).get(sample) or {}).get(stage) or {})
    path = settings_file(config, sample)
    if path is not None and stage in ("acsus", "rates"):
        block.update(settings_block(path, sample).get(stage, {}))
    return block


def user_exclusions(config: Mapping, sample: str) -> dict:
    """The spectra and points excluded for ``sample`` as plain values for a rule's params:
    ``{"file": where they are written, "exclude_spectra": [...], "exclude_points": [...]}``
    (empty lists: nothing excluded); a bad entry raises :class:`InputFormatError`."""
    block = _block(config, sample, "acsus")
    file = settings_file(config, sample) or f"config sample_settings.{sample}"
    spectra, points = block_exclusions(block, file)
    return {
        "file": file,
        "exclude_spectra": [asdict(e) for e in spectra],
        "exclude_points": [asdict(e) for e in points],
    }


def ingest_settings(config: Mapping, sample: str, keys: tuple[str, ...]) -> dict:
    """The ``keys`` of the config ``ingest`` section for ``sample`` (with its block)."""
    merged = {k: config["ingest"][k] for k in keys if k in config["ingest"]}
    merged.update({k: v for k, v in _block(config, sample, "ingest").items() if k in keys})
    return merged


def sample_flag(config: Mapping, sample: str, row: Mapping | pd.Series, key: str) -> bool:
    """A yes/no setting of ``sample`` (``allow_repeats``, ``same_sample``): the sheet's cell
    when given, else the ``ingest`` block of its ``sample_settings``, else false."""
    cell = row.get(key)
    if _given(cell):
        return bool(cell)
    value = _block(config, sample, "ingest").get(key, False)
    if not isinstance(value, bool):
        raise InputFormatError(
            f"config sample_settings.{sample}.ingest.{key} must be true or false, got {value!r}"
        )
    return value


def acsus_fit_settings(config: Mapping, sample: str, row: Mapping | pd.Series) -> dict:
    """The spectrum-fit keys (:data:`FIT_KEYS`) for ``sample``: config, block, sheet."""
    block = _block(config, sample, "acsus")
    merged = {k: config["acsus"][k] for k in FIT_KEYS if k in config["acsus"]}
    merged.update({k: v for k, v in block.items() if k in FIT_KEYS})
    merged.update({key: row[col] for col, key in SHEET_ACSUS.items() if _given(row.get(col))})
    return merged


def rate_settings(config: Mapping, sample: str, row: Mapping | pd.Series) -> dict:
    """The rate-law settings (keys of ``rates.settings.law_settings``) for ``sample``."""
    merged = {k: v for k, v in (config.get("rates") or {}).items() if v is not None}
    merged.update(_block(config, sample, "rates"))
    merged.update({key: row[col] for col, key in SHEET_RATES.items() if _given(row.get(col))})
    return merged


def checked_law_settings(
    values: Mapping, *, file: str, line: int | None, sample: str
) -> LawSettings:
    """:func:`law_settings` with a bad value reported as the sample's line of the sheet."""
    try:
        return law_settings(values)
    except ValueError as exc:
        raise InputFormatError(f"sample {sample!r}: {exc}", file=file, line=line) from None
