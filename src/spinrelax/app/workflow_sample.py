"""``spinrelax app --sample ID`` in a workflow's working folder: one sample of its sample sheet.

From the config (``config.yaml`` of the working folder or ``--configfile``) and its sample sheet:
the sample's raw files (``raw_glob``, relative to the working folder), its mass and molar mass
(sheet columns; the file headers when the sheet leaves them empty), its segmentation (config
``ingest`` with the sample's block) and its current choices: spectrum model and weighting, rate
law keys and excluded spectra and points, resolved as the workflow resolves them
(:mod:`spinrelax.io.sample_settings`: config, the sample's block, its settings file, the sheet's
columns). "Save" writes the settings file the config names for the sample
(``sample_settings: {<id>: {settings_file: ...}}``), else ``<id>.settings.yaml`` in the working
folder, with :attr:`WorkflowSample.config_line` telling the user the line to add to the config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from spinrelax.errors import SpinrelaxError
from spinrelax.io.raw_files import display_name, sample_raw_files
from spinrelax.io.sample_settings import (
    acsus_fit_settings,
    ingest_settings,
    rate_settings,
    sample_flag,
    settings_file,
    user_exclusions,
)
from spinrelax.io.sample_sheet import load_sample_sheet
from spinrelax.io.segmentation import SETTING_KEYS, SegmentationSettings
from spinrelax.io.settings_file import Exclusion, SampleChoices


@dataclass
class WorkflowSample:
    """What the app needs to open one sample of a workflow as the workflow analyses it."""

    sample: str
    files: list[str]
    mass_mg: float | None
    molar_mass: float | None
    segmentation: SegmentationSettings
    allow_repeats: bool
    same_sample: bool
    choices: SampleChoices
    settings_path: Path
    #: The config entry to add so the workflow reads the saved file (None: the config has it).
    config_line: str | None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) or value == "" else float(value)


def workflow_sample(sample: str, configfile: str | Path | None = None) -> WorkflowSample:
    """The sample ``sample`` of the workflow whose config is ``configfile`` (default
    ``config.yaml`` of the working folder); paths in the config are relative to the working
    folder, as for Snakemake. A missing config or an unknown sample raises
    :class:`SpinrelaxError` in one line."""
    workdir = Path.cwd()
    path = Path(configfile) if configfile is not None else workdir / "config.yaml"
    if not path.is_file():
        raise SpinrelaxError(
            f"{path}: no workflow config here (run inside the workflow's working folder or "
            "give --configfile)"
        )
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "samples" not in config:
        raise SpinrelaxError(f"{path}: no 'samples' key naming the sample sheet")
    sheet_path = Path(config["samples"])
    sheet = load_sample_sheet(sheet_path).set_index("sample_id", drop=False)
    if sample not in sheet.index:
        known = ", ".join(map(str, sheet.index))
        raise SpinrelaxError(f"sample {sample!r} is not in {sheet_path} (samples: {known})")
    row = sheet.loc[sample]
    files = [display_name(f, workdir) for f in sample_raw_files(sample, row["raw_glob"], workdir)]
    mass, molar = _number(row.get("mass_mg")), _number(row.get("molar_mass_g_per_mol"))
    if mass is None or molar is None:
        mass = molar = None  # the headers' values, as the workflow reads them
    config.setdefault("ingest", {})
    config.setdefault("acsus", {"model": "generalized_debye"})
    fit = acsus_fit_settings(config, sample, row)
    excluded = user_exclusions(config, sample)
    choices = SampleChoices(
        model=fit.get("model", "generalized_debye"),
        weighting=fit.get("weighting", "none"),
        exclude_spectra=[Exclusion(**e) for e in excluded["exclude_spectra"]],
        exclude_points=[Exclusion(**e) for e in excluded["exclude_points"]],
        rates=rate_settings(config, sample, row),
    )
    named = settings_file(config, sample)
    target = Path(named or f"{sample}.settings.yaml")
    line = None if named else f"sample_settings: {{{sample}: {{settings_file: {target}}}}}"
    return WorkflowSample(
        sample=sample,
        files=files,
        mass_mg=mass,
        molar_mass=molar,
        segmentation=SegmentationSettings(**ingest_settings(config, sample, SETTING_KEYS)),
        allow_repeats=sample_flag(config, sample, row, "allow_repeats"),
        same_sample=sample_flag(config, sample, row, "same_sample"),
        choices=choices,
        settings_path=target,
        config_line=line,
    )
