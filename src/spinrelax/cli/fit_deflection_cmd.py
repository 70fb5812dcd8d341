"""``spinrelax fit-deflection FILE... [-o OUT.csv] [--calibration AL_RUN] [--T-sigma-K S]``

Reads Stern-Gerlach deflection profile files (the format of
:mod:`spinrelax.io.deflection_profile`), classifies each profile (atomic-like,
superparamagnetic, non-magnetic) and writes one row per file with :data:`CLI_COLUMNS`.
The gradient product comes from the file's ``K_calib_T_m``, else from ``--calibration`` (an
Al atom-beam run), else from the magnet geometry. Exit 2 with one line on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinrelax.cli import COMMANDS
from spinrelax.cli.written import announce

CLI_COLUMNS: tuple[str, ...] = (
    "file",
    "element",
    "n",
    "behaviour",
    "confidence",
    "moment_muB",
    "moment_err_muB",
    "moment_langevin_muB",
    "mu_eff_muB",
    "relaxed_fraction",
    "relaxed_fraction_err",
    "deflection_per_muB_mm",
    "T_cluster_K",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fit-deflection`` sub-command."""
    p = subparsers.add_parser(
        "fit-deflection",
        help=COMMANDS["fit-deflection"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="deflection profile files")
    p.add_argument("-o", "--output", metavar="OUT.csv", help="output table (default: stdout)")
    p.add_argument("--calibration", metavar="AL_RUN", help="Al atom-beam calibration profile")
    p.add_argument(
        "--T-sigma-K", type=float, default=10.0, help="cluster temperature uncertainty (K)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Analyse the files and write the table; returns the exit code."""
    from spinrelax.io.csv_table import write_csv
    from spinrelax.io.deflection_profile import read_deflection_profile
    from spinrelax.papers.clusters.analysis import calibrate_from_al_run
    from spinrelax.papers.clusters.batch import analyse_files

    calibration = None
    if args.calibration:
        calibration = calibrate_from_al_run(read_deflection_profile(args.calibration))
    moments, _ = analyse_files(args.files, calibration=calibration, T_sigma_K=args.T_sigma_K)
    by_path = {Path(f).name: f for f in args.files}
    table = moments.loc[:, list(CLI_COLUMNS)].copy()
    table["file"] = [by_path.get(name, name) for name in table["file"]]
    if args.output:
        write_csv(table, args.output)
    else:
        table.to_csv(sys.stdout, index=False, float_format="%.10g", lineterminator="\n")
    announce("fit-deflection", [args.output], f"{len(table)} profiles analysed",
             table_on_stdout=not args.output)  # fmt: skip
    return 0
