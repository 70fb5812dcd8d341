"""Read, segment and fit DC decay files: the one entry point the CLI, figures and benchmark use.

Every file is read and segmented before any fit, so a bad file stops the run before anything
is written (no partial output).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from spinrelax.io.dc_decay_reader import AXIS_COLUMNS, DcFileData, read_dc_file
from spinrelax.io.dc_segmentation import DcSegmentationSettings, Decays, segment_decays
from spinrelax.timedomain.table import fit_file_decays


@dataclass(frozen=True)
class DcFitSettings:
    """Choices of a DC run: moment column (None: the format's default), models, M_eq, M_0."""

    moment: str | None = None
    models: tuple[str, ...] = ("single",)
    meq_mode: str = "fit"
    meq_value_emu: float = 0.0
    m0_mode: str = "fit"


@dataclass(frozen=True)
class DcFileResult:
    """One file: what was read, its decays, its fit rows, and every row not used."""

    data: DcFileData
    decays: Decays
    fits: pd.DataFrame

    @property
    def rejected(self) -> pd.DataFrame:
        """Reader and segmentation rejections (``line``, ``reason``), by line."""
        both = pd.concat([self.data.rejected, self.decays.rejected], ignore_index=True)
        return both.sort_values("line", kind="stable").reset_index(drop=True)


def read_decays(
    paths: list[str], settings: DcFitSettings, segmentation: DcSegmentationSettings
) -> list[tuple[DcFileData, Decays]]:
    """Read and segment every file (raises on the first bad one)."""
    out = []
    for path in paths:
        data = read_dc_file(path, moment=settings.moment)
        field = AXIS_COLUMNS[data.format]["H_Oe"]
        decays = segment_decays(data.readings, segmentation, file=path, field_column=field)
        out.append((data, decays))
    return out


def fit_dc_files(
    paths: list[str],
    settings: DcFitSettings | None = None,
    segmentation: DcSegmentationSettings | None = None,
) -> list[DcFileResult]:
    """Read, segment and fit every file in ``paths``."""
    settings = settings or DcFitSettings()
    segmentation = segmentation or DcSegmentationSettings()
    return [
        DcFileResult(
            data,
            decays,
            fit_file_decays(
                data,
                decays,
                models=settings.models,
                meq_mode=settings.meq_mode,
                meq_value_emu=settings.meq_value_emu,
                m0_mode=settings.m0_mode,
            ),
        )
        for data, decays in read_decays(paths, settings, segmentation)
    ]
