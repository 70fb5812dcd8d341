"""Instrument file readers and writers, the tidy spectra table, and deterministic table output.

Modules: ``readers`` (:func:`read_ac_file`: MPMS3, PPMS ACMS, MPMS-XL, tidy CSV), ``writers``
(real-format writers used by the virtual instruments), ``segmentation`` (points -> spectra by
sweep structure, or by (T, H) tolerance: ``grouping``), ``file_spectra`` (a file's points
labelled with their spectrum, rejected rows, per-spectrum summary),
``molar`` (emu/Oe -> emu/mol or m^3/mol with diamagnetic corrections), ``sample_sheet``,
``spectra_table`` (the table every downstream stage reads), ``ingest`` (one sample, end to end),
``csv_table`` (deterministic CSV output).
"""

from importlib import import_module

#: Where each name of :data:`__all__` lives; a submodule is imported when a name of it is first
#: used (PEP 562), so that importing one module of the package does not import them all (the
#: sample sheet's JSON-schema validation alone costs 0.2 s of start-up).
_HOME: dict[str, str] = {
    "FileSpectra": "file_spectra",
    "segment_points": "file_spectra",
    "spectrum_summary": "file_spectra",
    "GroupingTolerances": "grouping",
    "group_spectra": "grouping",
    "SampleMetadata": "molar",
    "convert_chi": "molar",
    "to_molar_cgs": "molar",
    "AcFileData": "readers",
    "read_ac_file": "readers",
    "load_sample_sheet": "sample_sheet",
    "sample_metadata": "sample_sheet",
    "SegmentationSettings": "segmentation",
    "segment_spectra": "segmentation",
    "SPECTRA_COLUMNS": "spectra_table",
    "read_spectra_table": "spectra_table",
    "validate_spectra_table": "spectra_table",
    "write_spectra_table": "spectra_table",
    "write_acms_dat": "writers",
    "write_mpms3_dat": "writers",
    "write_mpmsxl_dat": "writers",
    "write_tidy_csv": "writers",
}


def __getattr__(name: str) -> object:
    if name in _HOME:
        return getattr(import_module(f"spinrelax.io.{_HOME[name]}"), name)
    raise AttributeError(f"module 'spinrelax.io' has no attribute {name!r}")


__all__ = [
    "SPECTRA_COLUMNS",
    "AcFileData",
    "FileSpectra",
    "GroupingTolerances",
    "SampleMetadata",
    "SegmentationSettings",
    "convert_chi",
    "group_spectra",
    "load_sample_sheet",
    "read_ac_file",
    "read_spectra_table",
    "sample_metadata",
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
