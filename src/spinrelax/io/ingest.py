"""Ingest one sample: its raw ac files -> rows of the tidy spectra table, rejected rows, summary.

Per file: read (any format), group points into spectra (:mod:`spinrelax.io.grouping`), convert
chi to the requested unit with the sample sheet's metadata overriding the header's
(:mod:`spinrelax.io.molar`). Spectrum numbers continue across the sample's files (sorted by
path), so they are unique within the sample. Rows read = rows used + rows rejected per file.
Progress is logged per file (:mod:`spinrelax.progress`). The same file twice, or the same
measured points in two files, stop the ingest unless the sample allows repeats
(:mod:`spinrelax.io.duplicates`); the summary lists each file's sha256.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError, MissingMetadataError
from spinrelax.io.duplicates import check_sample_repeats, sample_hashes
from spinrelax.io.grouping import GroupingTolerances, group_spectra
from spinrelax.io.molar import SampleMetadata, convert_chi, resolve_value
from spinrelax.io.qd_header import header_value_error
from spinrelax.io.readers import read_ac_file
from spinrelax.io.spectra_table import (
    SPECTRA_COLUMNS,
    empty_spectra_table,
    normalise_spectra_table,
)
from spinrelax.progress import Progress

logger = logging.getLogger(__name__)

REJECTED_COLUMNS: tuple[str, ...] = ("sample", "file", "line", "reason")
SUMMARY_COLUMNS: tuple[str, ...] = (
    "sample",
    "file",
    "format",
    "rows_read",
    "rows_used",
    "rows_rejected",
    "spectra",
    "sample_mass_mg",
    "sample_mass_source",
    "molar_mass_g_per_mol",
    "molar_mass_source",
    "chi_unit",
    "sha256",
)


@dataclass(frozen=True)
class IngestResult:
    """Spectra rows (spectra-table columns), rejected rows and the per-file summary."""

    spectra: pd.DataFrame
    rejected: pd.DataFrame
    summary: pd.DataFrame


def ingest_sample(
    sample_id: str,
    files: Sequence[tuple[str | Path, str]],
    meta: SampleMetadata,
    tolerances: GroupingTolerances,
    chi_output: str,
    *,
    allow_repeats: bool = False,
) -> IngestResult:
    """Ingest the ``files`` ((path, repo-relative name) pairs) of one sample.

    ``meta`` comes from the sample sheet; its mass and molar mass override the header values
    when given. Raises :class:`InputFormatError` when files disagree on the chi unit or when no
    file has a usable row, :class:`~spinrelax.io.duplicates.RepeatedDataError` for a repeated
    file or point (unless ``allow_repeats``), and :class:`MissingMetadataError` when molar
    output lacks a mass.
    """
    parts: list[pd.DataFrame] = []
    rejected: list[pd.DataFrame] = []
    summary: list[dict] = []
    next_spectrum = 0
    units: set[str] = set()
    progress = Progress(logger, f"ingested sample {sample_id}", len(files), "files")
    hashes = sample_hashes(files)
    for done, (path, name) in enumerate(sorted(files, key=lambda f: f[1]), start=1):
        data = read_ac_file(path, display_name=name)
        mass, mass_src = resolve_value(meta.sample_mass_mg, data.sample_mass_mg)
        molar, molar_src = resolve_value(meta.molar_mass_g_per_mol, data.molar_mass_g_per_mol)
        file_meta = replace(meta, sample_mass_mg=mass, molar_mass_g_per_mol=molar)
        try:
            pts, unit = convert_chi(data.points, data.chi_unit, chi_output, file_meta, file=name)
        except MissingMetadataError as exc:
            used = {"sample_mass_mg": mass, "molar_mass_g_per_mol": molar}
            raise header_value_error(data.header_invalid, used, name) or exc from None
        units.add(unit)
        if len(units) > 1:
            raise InputFormatError(
                f"chi unit {unit!r} differs from the sample's other files {sorted(units)}",
                file=name,
            )
        ids = group_spectra(pts["T_K"], pts["H_Oe"], pts["freq_Hz"], tolerances) + next_spectrum
        n_spectra = len(np.unique(ids))
        next_spectrum += n_spectra
        part = pts.assign(sample=sample_id, file=name, spectrum=ids, chi_unit=unit)
        grouped = part.groupby("spectrum")
        part["T_K_spectrum"] = grouped["T_K"].transform("mean")
        part["H_Oe_spectrum"] = grouped["H_Oe"].transform("mean")
        parts.append(part[list(SPECTRA_COLUMNS)])
        rejected.append(data.rejected.assign(sample=sample_id, file=name)[list(REJECTED_COLUMNS)])
        summary.append(
            {
                "sample": sample_id,
                "file": name,
                "format": data.format,
                "rows_read": data.rows_read,
                "rows_used": data.rows_used,
                "rows_rejected": data.rows_rejected,
                "spectra": n_spectra,
                "sample_mass_mg": np.nan if mass is None else mass,
                "sample_mass_source": mass_src,
                "molar_mass_g_per_mol": np.nan if molar is None else molar,
                "molar_mass_source": molar_src,
                "chi_unit": unit,
                "sha256": hashes[name],
            }
        )
        progress.update(done)
    nonempty = [p for p in parts if len(p)]
    if not nonempty:
        raise InputFormatError(
            f"sample {sample_id!r}: no usable data row in any of its {len(files)} file(s)",
            file=files[0][1] if files else None,
        )
    check_sample_repeats(
        sample_id,
        hashes,
        pd.concat(nonempty, ignore_index=True)[["file", "line", "T_K", "H_Oe", "freq_Hz"]],
        allow=allow_repeats,
    )
    spectra = normalise_spectra_table(pd.concat(nonempty, ignore_index=True))
    rej = pd.concat(rejected, ignore_index=True) if rejected else pd.DataFrame()
    rej = (
        rej.astype({"line": np.int64})
        .sort_values(["sample", "file", "line"], kind="stable")
        .reset_index(drop=True)
    )
    return IngestResult(spectra, rej, pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS)))


def combine_results(results: Sequence[IngestResult]) -> IngestResult:
    """Concatenate per-sample results into whole-dataset tables (sorted)."""
    spectra = [r.spectra for r in results if len(r.spectra)]
    table = (
        normalise_spectra_table(pd.concat(spectra, ignore_index=True))
        if spectra
        else empty_spectra_table()
    )
    rej = pd.concat([r.rejected for r in results], ignore_index=True)
    summ = pd.concat([r.summary for r in results], ignore_index=True)
    return IngestResult(
        table,
        rej.sort_values(["sample", "file", "line"], kind="stable").reset_index(drop=True),
        summ.sort_values(["sample", "file"], kind="stable").reset_index(drop=True),
    )
