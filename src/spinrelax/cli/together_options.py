"""Options and checks for files analysed together (``fit-ac``, ``report``).

The files given on one command line are one sample: one file reached twice (a link), a copy
(the same data rows, whatever the TITLE), a block repeated inside a file or the same points
in two files stop the command (:mod:`spinrelax.io.duplicates`) unless ``--allow-repeats``;
files whose headers name different samples (material, mass, molar mass) stop it
(:mod:`spinrelax.io.one_compound`) unless ``--same-sample``.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from spinrelax.io.duplicates import (
    CLI_HINT,
    check_file_identities,
    check_repeated_rows,
    repeat_notes,
)
from spinrelax.io.one_compound import check_one_compound
from spinrelax.io.readers import AcFileData

logger = logging.getLogger(__name__)


def add_together_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--allow-repeats`` and ``--same-sample``."""
    parser.add_argument(
        "--allow-repeats",
        action="store_true",
        help="keep repeated files, rows or points (intended repeat measurements): each file "
        "keeps its own spectra, each fitted on its own (default: a repeat stops the command)",
    )
    parser.add_argument(
        "--same-sample",
        action="store_true",
        help="the files belong to one sample even though their headers name different "
        "materials, masses or molar masses (default: such files stop the command)",
    )


def check_together(
    paths: Sequence[str],
    files: Sequence[AcFileData],
    *,
    allow_repeats: bool = False,
    same_sample: bool = False,
) -> list[str]:
    """Raise for repeats and mixed samples among the read ``files`` (see module docstring);
    returns the notes on allowed repeats (also logged as warnings)."""
    identities = [f.identity for f in files if f.identity is not None]
    check_file_identities(identities, allow=allow_repeats, hint=CLI_HINT)
    for path, data in zip(paths, files, strict=True):
        check_repeated_rows(path, data.repeated_rows, allow=allow_repeats, hint=CLI_HINT)
    check_one_compound(list(zip(paths, files, strict=True)), allow=same_sample)
    notes = repeat_notes(
        identities, {p: f.repeated_rows for p, f in zip(paths, files, strict=True)}
    )
    for note in notes:
        logger.warning("%s", note)
    return notes
