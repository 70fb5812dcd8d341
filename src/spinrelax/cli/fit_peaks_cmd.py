"""``spinrelax fit-peaks FILE... [-o PEAKS.csv] [--arrhenius ARRHENIUS.csv] [segmentation options]``

Fixed-frequency temperature scans (chi vs T at one or more frequencies; :mod:`spinrelax.io.scans`
recognises them): the chi''(T) peak temperature of every scan, and per file and field the
Arrhenius law tau = tau_0 exp(U_eff / T) of tau = 1 / (2 pi f) at T_peak, with errors
(:mod:`spinrelax.acsus.scan_peaks`; docs/fixed_frequency_scans.md). Writes one row per scan
(``file``, ``chi_unit`` and the peak columns; default stdout) and, with ``--arrhenius``, one
row per file and field; the Arrhenius result is also printed, one line per file and field.
Frequency sweeps are fitted by ``spinrelax fit-ac`` instead.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from spinrelax.acsus.scan_peaks import PEAK_COLUMNS, arrhenius_table, scan_peaks
from spinrelax.cli import COMMANDS
from spinrelax.cli.segmentation_options import add_segmentation_options, segmentation_settings
from spinrelax.cli.written import announce
from spinrelax.errors import InputFormatError
from spinrelax.io.csv_table import print_csv, write_csv
from spinrelax.io.file_spectra import segment_points
from spinrelax.io.readers import read_ac_file
from spinrelax.io.rejections import first_reasons
from spinrelax.io.scans import scan_layout
from spinrelax.io.segmentation import SegmentationSettings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fit-peaks`` sub-command."""
    p = subparsers.add_parser(
        "fit-peaks",
        help=COMMANDS["fit-peaks"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="ac files with chi vs T scans")
    p.add_argument("-o", "--output", metavar="PEAKS.csv", help="peak table (default: stdout)")
    p.add_argument("--arrhenius", metavar="FILE", help="write the Arrhenius table (CSV)")
    add_segmentation_options(p)
    p.set_defaults(func=run)


def file_peaks(path: str, settings: SegmentationSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(peak table, Arrhenius table) of one file's temperature scans, with ``file`` in front;
    a file without a temperature scan is an :class:`InputFormatError` saying what it holds."""
    data = read_ac_file(path)
    if data.points.empty:
        raise InputFormatError(f"no valid data rows ({first_reasons(data.rejected)})", file=path)
    segmented = segment_points(data.points, settings)
    layout = scan_layout(segmented.points, settings)
    if not (layout.scans["variable"] == "T").any():
        hint = "use spinrelax fit-ac" if layout.kind == "sweeps" else "no chi vs T scan"
        raise InputFormatError(
            f"no fixed-frequency temperature scan: the file holds {layout.description} ({hint})",
            file=path,
        )
    points = segmented.points.assign(scan=layout.scan)
    peaks = scan_peaks(points, layout.scans)
    peaks.insert(0, "file", path)
    peaks.insert(1, "chi_unit", data.chi_unit)
    arrhenius = arrhenius_table(peaks, settings.field_tolerance_Oe)
    arrhenius.insert(0, "file", path)
    return peaks, arrhenius


def _summary(row) -> str:
    if not row.usable:
        return f"{row.file}: H = {row.H_Oe:.4g} Oe: no Arrhenius fit ({row.reason})"
    err = lambda v: "n/a" if not np.isfinite(v) else f"{v:.2g}"  # noqa: E731
    return (
        f"{row.file}: H = {row.H_Oe:.4g} Oe: U_eff = {row.U_eff_K:.4g} +- {err(row.U_eff_err_K)} K, "
        f"tau_0 = {row.tau0_s:.3g} +- {err(row.tau0_err_s)} s from {row.n_peaks} peaks"
    )


def run(args: argparse.Namespace) -> int:
    """Find the peaks, fit, write; returns the exit code."""
    settings = segmentation_settings(args)
    parts = [file_peaks(path, settings) for path in args.files]
    peaks = pd.concat([p for p, _ in parts], ignore_index=True)
    peaks = peaks.loc[:, ["file", "chi_unit", *PEAK_COLUMNS]]
    arrhenius = pd.concat([a for _, a in parts], ignore_index=True)
    if args.output:
        write_csv(peaks, args.output)
    else:
        print_csv(peaks, sys.stdout)
    if args.arrhenius:
        write_csv(arrhenius, args.arrhenius)
    out = sys.stderr if not args.output else sys.stdout
    for row in arrhenius.itertuples():
        print(_summary(row), file=out)
    announce("fit-peaks", [args.output, args.arrhenius],
             f"{int(peaks['usable'].sum())} of {len(peaks)} scans with a peak",
             table_on_stdout=not args.output)  # fmt: skip
    return 0
