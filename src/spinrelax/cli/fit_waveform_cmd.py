"""``spinrelax fit-waveform FILE... -o SPECTRA.csv [--sample NAME] [--transient-periods N]``

Reads MPMS3 VSM waveform files (:mod:`spinrelax.io.waveform_file`) and writes chi'(f),
chi''(f) of every drive block (:mod:`spinrelax.timedomain.waveform`, docs/waveform.md): the
spectra-table columns plus the waveform columns (periods found and used, readings used, snr),
sorted by spectrum and frequency, chi in emu/Oe. Optionally the unused readings with their
reasons (``--rejected``). Exit 2 with one line on bad input; nothing is written then.
"""

from __future__ import annotations

import argparse

from spinrelax.cli import COMMANDS
from spinrelax.io.csv_table import write_csv
from spinrelax.io.waveform_file import read_waveform_file
from spinrelax.timedomain.waveform import WaveformSettings, waveform_spectra


def _count(text: str) -> int:
    """An integer >= 0 (argparse type)."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fit-waveform`` sub-command."""
    p = subparsers.add_parser(
        "fit-waveform",
        help=COMMANDS["fit-waveform"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="MPMS3 VSM waveform .dat files")
    p.add_argument("-o", "--output", required=True, metavar="SPECTRA.csv", help="output table")
    p.add_argument("--sample", default="sample", help="sample name written in the table")
    p.add_argument(
        "--transient-periods",
        type=_count,
        default=WaveformSettings.transient_periods,
        metavar="N",
        help="whole drive periods dropped as start-up transient per block (default: %(default)s)",
    )
    p.add_argument("--rejected", metavar="ROWS.csv", help="write the unused readings here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Analyse every file (all or nothing), write the table(s), say where; exit code."""
    settings = WaveformSettings(transient_periods=args.transient_periods)
    files = [read_waveform_file(path) for path in args.files]
    points, rejected = waveform_spectra(files, args.sample, settings)
    write_csv(points, args.output)
    print(
        f"wrote {len(points)} waveform points ({points['spectrum'].nunique()} spectra) to "
        f"{args.output}"
    )
    if args.rejected:
        write_csv(rejected, args.rejected)
        print(f"wrote {len(rejected)} unused readings to {args.rejected}")
    return 0
