"""Instrument file readers and writers, the tidy spectra table, and deterministic table output.

Modules: ``readers`` (:func:`read_ac_file`: MPMS3, PPMS ACMS, MPMS-XL, tidy CSV), ``writers``
(real-format writers used by the virtual instruments), ``grouping`` (points -> spectra),
``molar`` (emu/Oe -> emu/mol or m^3/mol with diamagnetic corrections), ``sample_sheet``,
``spectra_table`` (the table every downstream stage reads), ``ingest`` (one sample, end to end),
``csv_table`` (deterministic CSV output).
"""

from spinrelax.io.grouping import GroupingTolerances, group_spectra
from spinrelax.io.molar import SampleMetadata, convert_chi, to_molar_cgs
from spinrelax.io.readers import AcFileData, read_ac_file
from spinrelax.io.sample_sheet import load_sample_sheet, sample_metadata
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
    "GroupingTolerances",
    "SampleMetadata",
    "convert_chi",
    "group_spectra",
    "load_sample_sheet",
    "read_ac_file",
    "read_spectra_table",
    "sample_metadata",
    "to_molar_cgs",
    "validate_spectra_table",
    "write_acms_dat",
    "write_mpms3_dat",
    "write_mpmsxl_dat",
    "write_spectra_table",
    "write_tidy_csv",
]
