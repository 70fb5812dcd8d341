"""Ingest one sample: its raw ac files -> rows of the tidy spectra table, rejected rows, summary.

Per file: read (any format), split points into spectra (:mod:`spinrelax.io.segmentation`:
by sweep structure or (T, H) tolerance; the mode used and why are in the summary, rows the
segmentation excludes, e.g. a field-ramp row, are rejected rows with their reason, temperature
drift inside a sweep is logged as a warning), convert chi to the requested unit with the sample
sheet's metadata overriding the header's (:mod:`spinrelax.io.molar`). Spectrum numbers continue
across the sample's files (sorted by path), so they are unique within the sample. Rows read =
rows used + rows rejected per file. Progress is logged per file (:mod:`spinrelax.progress`).
One file reached twice (a symbolic link), a copy (the same data rows), a block repeated inside
a file, or the same measured points in two files stop the ingest unless the sample allows
repeats (:mod:`spinrelax.io.duplicates`); files whose headers name different samples stop it
unless the sample says they belong together (:mod:`spinrelax.io.one_compound`); a file whose
format is not the sheet's ``instrument`` stops it. The summary lists the sha256 of the bytes
parsed; :attr:`IngestResult.identities` the real path and data-row hash of every file (for the
check across samples).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError, MissingMetadataError
from spinrelax.io.duplicates import (
    check_file_identities,
    check_repeated_rows,
    check_sample_repeats,
    repeat_notes,
)
from spinrelax.io.file_spectra import segment_points
from spinrelax.io.molar import SampleMetadata, convert_chi, resolve_value
from spinrelax.io.one_compound import SHEET_HINT, check_one_compound
from spinrelax.io.qd_header import header_value_error
from spinrelax.io.readers import read_ac_file
from spinrelax.io.rejections import first_reasons
from spinrelax.io.segmentation import SegmentationSettings
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
    "segmentation",
    "segmentation_decision",
    "max_T_span_K",
    "sample_mass_mg",
    "sample_mass_source",
    "molar_mass_g_per_mol",
    "molar_mass_source",
    "chi_unit",
    "sha256",
)
#: Columns of :attr:`IngestResult.identities`.
IDENTITY_COLUMNS: tuple[str, ...] = ("sample", "file", "real_path", "sha256", "data_sha256")
#: Sample-sheet ``instrument`` -> the file format it writes (:data:`readers.FORMATS`).
INSTRUMENT_FORMAT: dict[str, str] = {
    "MPMS3": "MPMS3",
    "PPMS_ACMS": "PPMS_ACMS",
    "MPMS_XL": "MPMS_XL",
    "microSQUID": "tidy",
    "tidy": "tidy",
}


def file_identities(sample_id: str, files: Sequence[tuple[str | Path, str]]) -> pd.DataFrame:
    """The identities (:data:`IDENTITY_COLUMNS`: real path, sha256 of the bytes, sha256 of the
    data rows) of a sample's ``(path, name)`` files, without parsing their rows, so that the
    check across samples runs even for a sample whose rows cannot be used."""
    from spinrelax.io.file_identity import file_identity, read_regular_file
    from spinrelax.io.text_lines import text_file

    rows = []
    for path, name in files:
        raw = read_regular_file(path, name)
        i = file_identity(path, name, raw, text_file(raw, file=name).lines)
        rows.append((sample_id, i.name, i.real_path, i.sha256, i.data_sha256))
    return pd.DataFrame(rows, columns=list(IDENTITY_COLUMNS))


@dataclass(frozen=True)
class IngestResult:
    """Spectra rows (spectra-table columns), rejected rows, the per-file summary, the files'
    identities (:data:`IDENTITY_COLUMNS`) and notes on allowed repeats."""

    spectra: pd.DataFrame
    rejected: pd.DataFrame
    summary: pd.DataFrame
    identities: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(IDENTITY_COLUMNS))
    )
    notes: tuple[str, ...] = ()


def ingest_sample(
    sample_id: str,
    files: Sequence[tuple[str | Path, str]],
    meta: SampleMetadata,
    segmentation: SegmentationSettings,
    chi_output: str,
    *,
    allow_repeats: bool = False,
    same_sample: bool = False,
    instrument: str | None = None,
) -> IngestResult:
    """Ingest the ``files`` ((path, repo-relative name) pairs) of one sample.

    ``meta`` comes from the sample sheet; its mass and molar mass override the header values
    when given. Without a mass or molar mass (sheet and header) the sample stays in the file's
    unit, with a warning. Raises :class:`InputFormatError` when files disagree on the chi unit
    or when no file has a usable row.
    Raises :class:`~spinrelax.io.duplicates.RepeatedDataError` for a file reached twice, or
    a copied file, repeated rows or points (unless ``allow_repeats``),
    :class:`~spinrelax.io.one_compound.MixedSamplesError` for files naming different samples
    (unless ``same_sample``) and :class:`InputFormatError` for a file whose format is not
    ``instrument`` (the sheet's; None: not checked).
    """
    parts: list[pd.DataFrame] = []
    rejected: list[pd.DataFrame] = []
    summary: list[dict] = []
    next_spectrum = 0
    units: set[str] = set()
    progress = Progress(logger, f"ingested sample {sample_id}", len(files), "files")
    ordered = sorted(files, key=lambda f: f[1])
    read = [read_ac_file(path, display_name=name) for path, name in ordered]
    where = f"sample {sample_id!r}: "
    _check_instrument(where, instrument, ordered, read)
    identities = [data.identity for data in read]
    check_file_identities(identities, allow=allow_repeats, where=where)
    for (_, name), data in zip(ordered, read, strict=True):
        check_repeated_rows(name, data.repeated_rows, allow=allow_repeats, where=where)
    check_one_compound(
        [(name, data) for (_, name), data in zip(ordered, read, strict=True)],
        allow=same_sample,
        where=where,
        hint=SHEET_HINT,
    )
    repeated = {n: d.repeated_rows for (_, n), d in zip(ordered, read, strict=True)}
    notes = repeat_notes(identities, repeated)
    for note in notes:
        logger.warning("sample %s: %s", sample_id, note)
    chi_output = _output_unit(sample_id, read, meta, chi_output)
    for done, ((_, name), data) in enumerate(zip(ordered, read, strict=True), start=1):
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
        segmented = segment_points(pts, segmentation)
        for warning in segmented.warnings:
            logger.warning("%s: %s", name, warning)
        part = segmented.points
        n_spectra = int(part["spectrum"].nunique())
        part = part.assign(
            sample=sample_id, file=name, spectrum=part["spectrum"] + next_spectrum, chi_unit=unit
        )
        next_spectrum += n_spectra
        parts.append(part[list(SPECTRA_COLUMNS)])
        file_rejected = pd.concat([data.rejected, segmented.rejected], ignore_index=True)
        rejected.append(file_rejected.assign(sample=sample_id, file=name)[list(REJECTED_COLUMNS)])
        summary.append(
            {
                "sample": sample_id,
                "file": name,
                "format": data.format,
                "rows_read": data.rows_read,
                "rows_used": len(part),
                "rows_rejected": len(file_rejected),
                "spectra": n_spectra,
                "segmentation": segmented.segmentation,
                "segmentation_decision": segmented.decision,
                "max_T_span_K": float(part["T_span_K"].max()) if len(part) else np.nan,
                "sample_mass_mg": np.nan if mass is None else mass,
                "sample_mass_source": mass_src,
                "molar_mass_g_per_mol": np.nan if molar is None else molar,
                "molar_mass_source": molar_src,
                "chi_unit": unit,
                "sha256": data.identity.sha256,
            }
        )
        progress.update(done)
    nonempty = [p for p in parts if len(p)]
    if not nonempty:
        raise InputFormatError(
            f"sample {sample_id!r}: no usable data row in any of its {len(files)} file(s) "
            f"({first_reasons(pd.concat(rejected, ignore_index=True)) if rejected else 'no rows'})",
            file=files[0][1] if files else None,
        )
    check_sample_repeats(
        where,
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
    ids = pd.DataFrame(
        [(sample_id, i.name, i.real_path, i.sha256, i.data_sha256) for i in identities],
        columns=list(IDENTITY_COLUMNS),
    )
    summary_table = pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS))
    return IngestResult(spectra, rej, summary_table, ids, tuple(notes))


def _check_instrument(
    where: str, instrument: str | None, files: Sequence[tuple[object, str]], read: Sequence
) -> None:
    """Raise :class:`InputFormatError` for the first file whose detected format is not the
    one the sheet's ``instrument`` writes (:data:`INSTRUMENT_FORMAT`)."""
    if not instrument:
        return
    expected = INSTRUMENT_FORMAT.get(instrument)
    for (_, name), data in zip(files, read, strict=True):
        if expected is not None and data.format != expected:
            raise InputFormatError(
                f"{where}the sample sheet says instrument {instrument!r} (a {expected} file) "
                f"but this file is a {data.format} file: fix the sheet's instrument or the "
                "raw_glob",
                file=name,
            )


def _output_unit(sample_id: str, read: Sequence, meta: SampleMetadata, chi_output: str) -> str:
    """``chi_output``, or ``"file"`` (with a warning) when a file in emu/Oe has no mass or molar
    mass in the sheet or its header: such a sample runs in the file's unit (tau and the rate
    laws do not depend on it) instead of stopping the run. A header value that is present but
    not a positive number (e.g. a mass of 0) is bad input, not a missing value: it raises the
    error naming the file, header line and value."""
    if chi_output == "file":
        return chi_output
    for data in read:
        if data.chi_unit != "emu/Oe":
            continue
        mass, _ = resolve_value(meta.sample_mass_mg, data.sample_mass_mg)
        molar, _ = resolve_value(meta.molar_mass_g_per_mol, data.molar_mass_g_per_mol)
        if mass is None or molar is None:
            bad_header = header_value_error(
                data.header_invalid,
                {"sample_mass_mg": mass, "molar_mass_g_per_mol": molar},
                str(data.path),
            )
            if bad_header is not None:
                raise bad_header
            missing = " and ".join(
                n for n, v in (("mass_mg", mass), ("molar_mass_g_per_mol", molar)) if v is None
            )
            logger.warning(
                "sample %s: no %s in the sample sheet or in the header of %s: chi stays in the "
                "file's unit (emu/Oe) for this sample",
                sample_id, missing, data.path,
            )  # fmt: skip
            return "file"
    return chi_output


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
