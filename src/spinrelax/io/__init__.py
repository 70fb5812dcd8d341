"""Instrument file readers and writers, the tidy spectra table, and deterministic table output.

Modules: ``readers`` (:func:`read_ac_file`: MPMS3, PPMS ACMS, MPMS-XL, tidy CSV), ``writers``
(real-format writers used by the virtual instruments), ``segmentation`` (points -> spectra by
sweep structure, or by (T, H) tolerance: ``grouping``), ``file_spectra`` (a file's points
labelled with their spectrum, rejected rows, per-spectrum summary),
``molar`` (emu/Oe -> emu/mol or m^3/mol with diamagnetic corrections), ``sample_sheet``,
``spectra_table`` (the table every downstream stage reads), ``ingest`` (one sample, end to end),
``csv_table`` (deterministic CSV output), ``file_identity`` (bytes read once, real path, data-row
hash), ``duplicates`` (files or readings counted twice), ``one_compound`` (files of one sample),
``declared_units`` (units a tidy CSV declares), ``raw_files`` (loop-free globs), ``scans``
(fixed-frequency scans). ``sample_sheet`` is not imported here (its JSON-schema validation costs
0.2 s of every command's start-up): import it from its module.
"""

from spinrelax.io.file_spectra import FileSpectra, segment_points, spectrum_summary
from spinrelax.io.grouping import GroupingTolerances, group_spectra
from spinrelax.io.molar import SampleMetadata, convert_chi, to_molar_cgs
from spinrelax.io.readers import AcFileData, read_ac_file
from spinrelax.io.segmentation import SegmentationSettings, segment_spectra
from spinrelax.io.spectra_table import (
    SPECTRA_COLUMNS,
    read_spectra_table,
    validate_spectra_table,
    write_spectra_table,
)
from spinrelax.io.writers import (
    write_acms_dat,
    write_mpms3_dat,
    write_mpmsxl_dat,
    write_tidy_csv,
)

__all__ = [
    "SPECTRA_COLUMNS",
    "AcFileData",
    "FileSpectra",
    "GroupingTolerances",
    "SampleMetadata",
    "SegmentationSettings",
    "convert_chi",
    "group_spectra",
    "read_ac_file",
    "read_spectra_table",
    "segment_points",
    "segment_spectra",
    "spectrum_summary",
    "to_molar_cgs",
    "validate_spectra_table",
    "write_acms_dat",
    "write_mpms3_dat",
    "write_mpmsxl_dat",
    "write_spectra_table",
    "write_tidy_csv",
]
