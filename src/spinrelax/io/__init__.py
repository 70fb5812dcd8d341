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
(fixed-frequency scans).

Nothing is imported here: import names from their modules (a command then loads only what it
uses, and the workflow's code digest follows each script's own imports).
"""
