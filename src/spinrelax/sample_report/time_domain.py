"""DC decays and waveform ac of one sample, joined with its ac spectra into one report.

One library function for ``spinrelax report`` and the workflow's own-data report, so both write
the same tables:

- :func:`file_kinds` sorts a sample's files by what they hold (a waveform file first, since
  the MPMS3 writes its VSM moment column in DC files too; then a DC decay; else ac).
- :func:`read_time_domain` reads, segments and fits every DC file (the ``fit-dc`` defaults
  unless told otherwise, :class:`~spinrelax.timedomain.files.DcFitSettings`) and analyses every
  waveform file (:func:`~spinrelax.timedomain.waveform.waveform_spectra`); a bad file raises
  before anything is written.
- :func:`waveform_fits` fits the waveform chi(f) spectra with the spectrum fit of the ac
  spectra; their rows get ``method`` = ``waveform``. Waveform spectra are fitted on their own,
  never merged with ac points of the same T and H here: the two are in different chi units
  unless the waveform file's mass is known, and each spectrum keeps its technique.
- :func:`dc_rate_points` turns the DC table into rate points (``method`` = ``dc``,
  :func:`spinrelax.rates.data.normalise_dc_table`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from spinrelax.acsus.fitting import FitSettings
from spinrelax.acsus.point_fits import fit_points
from spinrelax.io.dc_decay_reader import is_dc_file
from spinrelax.io.dc_segmentation import DcSegmentationSettings
from spinrelax.io.waveform_file import is_waveform_file, read_waveform_file
from spinrelax.rates.data import normalise_dc_table
from spinrelax.timedomain.files import DcFileResult, DcFitSettings, fit_dc_files
from spinrelax.timedomain.waveform import WaveformSettings, waveform_spectra


def file_kinds(paths: list[str]) -> dict[str, list[str]]:
    """Files by kind (``ac``, ``dc``, ``waveform``), each list in the given order."""
    kinds: dict[str, list[str]] = {"ac": [], "dc": [], "waveform": []}
    for path in paths:
        kind = "waveform" if is_waveform_file(path) else "dc" if is_dc_file(path) else "ac"
        kinds[kind].append(path)
    return kinds


@dataclass
class TimeDomain:
    """What the DC and waveform files of one sample gave (empty when it has none)."""

    dc: list[DcFileResult] = field(default_factory=list)
    dc_settings: DcFitSettings = field(default_factory=DcFitSettings)
    waveform_points: pd.DataFrame = field(default_factory=pd.DataFrame)
    waveform_rejected: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def dc_table(self) -> pd.DataFrame:
        """Per-decay table of every DC file (docs/dc_decays.md), in file order."""
        if not self.dc:
            return pd.DataFrame()
        return pd.concat([r.fits for r in self.dc], ignore_index=True)

    @property
    def rejected(self) -> pd.DataFrame:
        """Rows of the DC and waveform files not used (``file``, ``line``, ``reason``)."""
        parts = [r.rejected.assign(file=r.data.path) for r in self.dc]
        if len(self.waveform_rejected):
            parts.append(self.waveform_rejected)
        if not parts:
            return pd.DataFrame(columns=["file", "line", "reason"])
        return pd.concat(parts, ignore_index=True).loc[:, ["file", "line", "reason"]]

    def setting_lines(self) -> dict[str, str]:
        """Report lines: the DC settings (M_eq, M_0, moment column) and the waveform files."""
        lines = {}
        if self.dc:
            s = self.dc_settings
            meq = (
                "fitted"
                if s.meq_mode == "fit"
                else f"held at {s.meq_value_emu:g} emu (--meq fixed)"
            )
            columns = sorted({r.data.moment_column for r in self.dc})
            lines["DC decays"] = (
                f"single stretched exponential per decay; M_eq {meq}; M_0 "
                f"{'fitted' if s.m0_mode == 'fit' else 'held at the first reading'}; moment "
                f"column {', '.join(columns)}; tau = exp(<ln tau>) of the distribution "
                "(docs/dc_decays.md); the other M_eq and M_0 settings give the spread that "
                "enters each DC point's weight"
            )
        if len(self.waveform_points):
            files = self.waveform_points["file"].nunique()
            lines["waveform ac"] = (
                f"{len(self.waveform_points)} chi(f) points from {files} file(s), fitted as "
                "spectra of their own with the ac spectrum model (docs/waveform.md)"
            )
        return lines


def read_time_domain(
    dc_paths: list[str],
    waveform_paths: list[str],
    sample: str,
    dc_settings: DcFitSettings | None = None,
    dc_segmentation: DcSegmentationSettings | None = None,
    waveform_settings: WaveformSettings | None = None,
) -> TimeDomain:
    """Read (all files first), fit the DC decays and analyse the waveform files of a sample."""
    dc_settings = dc_settings or DcFitSettings()
    waveform_settings = waveform_settings or WaveformSettings()
    waves = [read_waveform_file(p) for p in waveform_paths]
    points = rejected = pd.DataFrame()
    if waves:
        points, rejected = waveform_spectra(waves, sample, waveform_settings)
    dc = fit_dc_files(dc_paths, dc_settings, dc_segmentation) if dc_paths else []
    return TimeDomain(dc, dc_settings, points, rejected)


def waveform_fits(
    points: pd.DataFrame, settings: FitSettings, first_spectrum: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points, fits) of the waveform spectra with ``spectrum`` ids from ``first_spectrum`` and
    ``method`` = ``waveform`` (the fit of :func:`spinrelax.acsus.point_fits.fit_points`)."""
    if points.empty:
        return points, pd.DataFrame()
    pts = points.assign(spectrum=points["spectrum"] + first_spectrum, file_index=0)
    fits = fit_points(pts, settings).drop(columns=["file_index"]).assign(method="waveform")
    return pts.drop(columns=["file_index"]), fits


def join_waveform(fits: pd.DataFrame, td: TimeDomain, settings: FitSettings) -> pd.DataFrame:
    """The ac fits with the waveform spectra's fits after them (:func:`waveform_fits`; every
    row then carries ``method``); ``td.waveform_points`` get the joined spectrum ids. Fits of
    ac files alone come back unchanged."""
    points, wf = waveform_fits(td.waveform_points, settings, len(fits))
    td.waveform_points = points
    if wf.empty:
        return fits
    return pd.concat([fits.assign(method="ac"), wf], ignore_index=True)


def info_lines(td: TimeDomain, points: pd.DataFrame) -> dict[str, str]:
    """Report lines of a sample with DC or waveform files: the DC settings, the waveform
    files and the weighting rule of each method (``sigma_rule`` of the rate points)."""
    if not td.dc and td.waveform_points.empty:
        return {}
    rules = sorted({str(r) for r in points.get("sigma_rule", [])})
    return td.setting_lines() | {"rate-law weights per method": "; ".join(rules)}


def dc_rate_points(td: TimeDomain, sample: str, first_spectrum: int) -> pd.DataFrame:
    """Rate points of the DC decays (``spectrum`` ids from ``first_spectrum``)."""
    table = td.dc_table
    if table.empty:
        return table
    points = normalise_dc_table(table, file="DC fits", sample=sample)
    return points.assign(spectrum=points["spectrum"] + first_spectrum)


def figure_name(kind: str, index: int) -> str:
    """Name of the ``index``-th figure of a kind: ``dc_decays``, ``dc_decays_2``, ..."""
    return kind if index == 0 else f"{kind}_{index + 1}"
