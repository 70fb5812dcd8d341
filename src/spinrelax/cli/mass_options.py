"""``--mass-mg`` / ``--molar-mass`` / ``--file-units``: how chi gets its unit, shared by every
command that fits ac files. Without options a file whose header gives both the sample mass and
the molar mass is converted to emu/mol with them (as the workflow's ingest does); the options
override the header, ``--file-units`` keeps the file's emu/Oe."""

from __future__ import annotations

import argparse

import numpy as np

from spinrelax.errors import MissingMetadataError


def add_mass_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--mass-mg`` and ``--molar-mass`` (both or neither)."""
    parser.add_argument(
        "--mass-mg", type=float, help="sample mass in mg (with --molar-mass: emu/mol)"
    )
    parser.add_argument("--molar-mass", type=float, help="molar mass in g/mol (with --mass-mg)")
    parser.add_argument(
        "--file-units",
        action="store_true",
        help="keep chi in the file's unit (emu/Oe) even when the header gives mass and molar mass",
    )


def check_mass_options(args: argparse.Namespace) -> None:
    """Raise :class:`MissingMetadataError` unless both or neither are given, each > 0, and not
    together with ``--file-units``."""
    if args.file_units and args.mass_mg is not None:
        raise MissingMetadataError("--file-units cannot be combined with --mass-mg/--molar-mass")
    if (args.mass_mg is None) != (args.molar_mass is None):
        raise MissingMetadataError("--mass-mg and --molar-mass must be given together")
    for value, name in ((args.mass_mg, "--mass-mg"), (args.molar_mass, "--molar-mass")):
        if value is not None and not (np.isfinite(value) and value > 0):
            raise MissingMetadataError(f"{name} must be a positive number, got {value}")
