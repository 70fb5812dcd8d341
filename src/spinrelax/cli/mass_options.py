"""``--mass-mg`` / ``--molar-mass``: the options that turn emu/Oe into emu/mol, shared by every
command that fits ac files."""

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


def check_mass_options(args: argparse.Namespace) -> None:
    """Raise :class:`MissingMetadataError` unless both or neither are given, each > 0."""
    if (args.mass_mg is None) != (args.molar_mass is None):
        raise MissingMetadataError("--mass-mg and --molar-mass must be given together")
    for value, name in ((args.mass_mg, "--mass-mg"), (args.molar_mass, "--molar-mass")):
        if value is not None and not (np.isfinite(value) and value > 0):
            raise MissingMetadataError(f"{name} must be a positive number, got {value}")
