"""``spinrelax fit-ac FILE... [-o OUT.csv] [--model NAME|auto] [--weighting none|instrument|estimated] [--outlier-sigma S] [--mass-mg M --molar-mass G | --file-units] [--plots DIR]``

Reads any supported ac file (MPMS3, PPMS ACMS, MPMS-XL ``.dat`` or the tidy CSV), groups its
points into spectra (one temperature and field each; several fields per file are fine), fits
every spectrum in one batched pass and writes one row per spectrum with :data:`CLI_COLUMNS`
(the workflow table's columns, docs/ac_fit_table.md). The default fit is the field's
convention: unweighted joint chi'/chi'' least squares over all points (docs/fitting_conventions.md).
chi is converted to emu/mol with ``--mass-mg`` and ``--molar-mass``, else with the mass and molar
mass of the file header when it gives both (as the workflow's ingest does), else it stays in the
file's unit (emu/Oe for Quantum Design files); ``--file-units`` keeps emu/Oe. One file given
twice (a link), a copy, a repeated block of rows or the same points in two files stop the
command unless ``--allow-repeats`` (:mod:`spinrelax.cli.together_options`). Exit 0 with the QC flags in the table;
exit 2 with one line naming the file on bad input (handled by :mod:`spinrelax.cli`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.acsus.fit_table import RESULT_COLUMNS
from spinrelax.acsus.fitting import FitSettings
from spinrelax.acsus.models import MODEL_NAMES
from spinrelax.acsus.packing import WEIGHTINGS
from spinrelax.acsus.point_fits import fit_points
from spinrelax.cli import COMMANDS
from spinrelax.cli.mass_options import add_mass_options, check_mass_options
from spinrelax.cli.segmentation_options import add_segmentation_options, segmentation_settings
from spinrelax.cli.together_options import check_together
from spinrelax.cli.written import announce
from spinrelax.errors import InputFormatError, MissingMetadataError
from spinrelax.io.csv_table import print_csv, write_csv
from spinrelax.io.duplicates import CLI_HINT, check_sample_repeats
from spinrelax.io.file_spectra import segment_points
from spinrelax.io.molar import SampleMetadata, convert_chi
from spinrelax.io.readers import AcFileData, read_ac_file
from spinrelax.io.rejections import first_reasons
from spinrelax.io.scans import scan_layout
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.progress import Progress

logger = logging.getLogger(__name__)

#: Identification columns, then every result column of the workflow's fit tables.
CLI_COLUMNS: tuple[str, ...] = (
    "file",
    "spectrum",
    "T_K",
    "T_span_K",
    "H_Oe",
    "chi_unit",
    "segmentation",
    *RESULT_COLUMNS,
)


def _non_negative(text: str) -> float:
    """argparse type: a finite number >= 0."""
    value = float(text)
    if not (np.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fit-ac`` sub-command."""
    p = subparsers.add_parser(
        "fit-ac",
        help=COMMANDS["fit-ac"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="ac susceptibility files")
    p.add_argument("-o", "--output", metavar="OUT.csv", help="output table (default: stdout)")
    p.add_argument(
        "--model",
        default="generalized_debye",
        choices=[*MODEL_NAMES, "auto"],
        help="model to fit, or 'auto' for one model per file: the simplest that no other "
        "candidate clearly beats (AIC and tau), docs/fitting_conventions.md "
        "(default: generalized_debye)",
    )
    p.add_argument(
        "--weighting",
        default="none",
        choices=WEIGHTINGS,
        help="fit weights: none (unweighted, as ccfit2 and molmag_ac_gui), instrument (the "
        "file's error columns) or estimated (noise estimated from the data) (default: none)",
    )
    p.add_argument(
        "--outlier-sigma",
        type=_non_negative,
        default=0.0,
        metavar="S",
        help="drop points beyond S robust sigmas after a first fit and refit; the dropped "
        "frequencies are listed in outlier_freqs_Hz (default: 0 = off)",
    )
    add_mass_options(p)
    p.add_argument(
        "--plots", metavar="DIR", help="write a PNG and a PDF of spectra and fits per file"
    )
    p.add_argument(
        "--allow-repeats",
        action="store_true",
        help="keep repeated files, rows or points (intended repeat measurements): each file "
        "keeps its own spectra (default: a repeat stops the command)",
    )
    add_segmentation_options(p)
    p.set_defaults(func=run)


def _molar_inputs(
    paths: list[str],
    files: list[AcFileData],
    mass_mg: float | None,
    molar_mass_g_per_mol: float | None,
    use_header: bool,
) -> list[tuple[float | None, float | None]]:
    """(mass, molar mass) that convert each file to emu/mol, or (None, None) to keep its unit:
    the given values for every file; else, with ``use_header``, each emu/Oe file's header
    values when every emu/Oe file's header gives both (one unit for all files)."""
    if mass_mg is not None or molar_mass_g_per_mol is not None:
        return [(mass_mg, molar_mass_g_per_mol)] * len(files)
    keep = [(None, None)] * len(files)
    molar = [f.chi_unit == "emu/Oe" for f in files]
    if not use_header or not any(molar):
        return keep
    headers = [(f.sample_mass_mg, f.molar_mass_g_per_mol) for f in files]
    if any(m and None in h for m, h in zip(molar, headers, strict=True)):
        if any(m and None not in h for m, h in zip(molar, headers, strict=True)):
            logger.warning("only some file headers give mass and molar mass: chi in file units")
        return keep
    for path, m, (mass, mm) in zip(paths, molar, headers, strict=True):
        if m:
            logger.info(
                "%s: chi in emu/mol with the header's mass %g mg and molar mass %g g/mol "
                "(--file-units keeps emu/Oe)", path, mass, mm,
            )  # fmt: skip
    return [h if m else (None, None) for m, h in zip(molar, headers, strict=True)]


def _file_points(
    path: str,
    data: AcFileData,
    mass_mg: float | None,
    molar_mass_g_per_mol: float | None,
    segmentation: SegmentationSettings,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points of one file with a ``spectrum`` index, spectrum mean T and H, T span, the
    segmentation used and chi_unit; its rows not used: ``file``, ``line``, ``reason``), chi in
    emu/mol when a mass and molar mass are given (:func:`spinrelax.io.file_spectra.segment_points`;
    segmentation-rejected rows and drift warnings are logged)."""
    points = data.points.copy()
    if points.empty:
        raise InputFormatError(f"no valid data rows ({first_reasons(data.rejected)})", file=path)
    unit = data.chi_unit
    if mass_mg is not None or molar_mass_g_per_mol is not None:
        meta = SampleMetadata(sample_mass_mg=mass_mg, molar_mass_g_per_mol=molar_mass_g_per_mol)
        points, unit = convert_chi(points, unit, "molar_cgs", meta, file=path)
        if unit != "emu/mol":
            raise MissingMetadataError(
                f"chi unit {data.chi_unit!r} cannot be made molar", file=path
            )
    segmented = segment_points(points, segmentation)
    for r in segmented.rejected.itertuples():
        logger.warning("%s:%d: row not used: %s", path, r.line, r.reason)
    for warning in segmented.warnings:
        logger.warning("%s: %s", path, warning)
    points, scan_rows = _without_scans(path, segmented.points, segmentation)
    points["file"] = path
    points["chi_unit"] = unit
    rejected = pd.concat([data.rejected, segmented.rejected, scan_rows], ignore_index=True)
    return points, rejected.assign(file=path).loc[:, ["file", "line", "reason"]]


def _without_scans(
    path: str, points: pd.DataFrame, segmentation: SegmentationSettings
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the points of frequency sweeps, the points of fixed-frequency scans as rejected rows);
    a file of scans only is an :class:`InputFormatError` naming the command that analyses it
    (:mod:`spinrelax.io.scans`)."""
    layout = scan_layout(points, segmentation)
    if layout.kind == "scans":
        raise InputFormatError(
            f"{layout.description}, not frequency sweeps: fit-ac fits spectra; for the "
            f"chi''(T) peaks and their Arrhenius law run: spinrelax fit-peaks {path}",
            file=path,
        )
    in_scan = layout.scan >= 0
    if not in_scan.any():
        return points, pd.DataFrame({"line": np.zeros(0, np.int64), "reason": []})
    logger.warning("%s: %s; the scan points are not fitted (spinrelax fit-peaks analyses "
                   "them)", path, layout.description)  # fmt: skip
    rejected = pd.DataFrame(
        {
            "line": points["line"].to_numpy()[in_scan].astype(np.int64),
            "reason": "point of a fixed-frequency scan (spinrelax fit-peaks analyses it)",
        }
    )
    kept = points.loc[~in_scan].reset_index(drop=True)
    return kept, rejected


def segmented_points(
    paths: list[str],
    mass_mg: float | None = None,
    molar_mass_g_per_mol: float | None = None,
    segmentation: SegmentationSettings | None = None,
    use_header: bool = True,
    *,
    allow_repeats: bool = False,
    check_compound: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points of all files, each file read once, with ``file_index`` and the spectrum columns
    of :func:`_file_points`; every raw row not used, sorted by file and line). chi is in emu/mol
    with the given mass and molar mass, else with the headers' (``use_header``, see
    :func:`_molar_inputs`), else in the files' unit. Repeats stop it unless ``allow_repeats``;
    with ``check_compound`` so do files naming different samples
    (:func:`~spinrelax.cli.together_options.check_together`)."""
    segmentation = SegmentationSettings() if segmentation is None else segmentation
    files = [read_ac_file(path) for path in paths]
    check_together(paths, files, allow_repeats=allow_repeats, same_sample=not check_compound)
    molar = _molar_inputs(paths, files, mass_mg, molar_mass_g_per_mol, use_header)
    progress = Progress(logger, "read", len(paths), "files")
    parts, rejected = [], []
    for i, (path, data, (mass, mm)) in enumerate(zip(paths, files, molar, strict=True)):
        part, rej = _file_points(path, data, mass, mm, segmentation)
        parts.append(part.assign(file_index=i))
        rejected.append(rej)
        progress.update(i + 1)
    table = pd.concat(rejected, ignore_index=True).sort_values(["file", "line"], kind="stable")
    points = pd.concat(parts, ignore_index=True)
    check_sample_repeats("", points, allow=allow_repeats, hint=CLI_HINT)
    return points, table.reset_index(drop=True)


def fit_files(
    paths: list[str],
    settings: FitSettings,
    mass_mg: float | None = None,
    molar_mass_g_per_mol: float | None = None,
    segmentation: SegmentationSettings | None = None,
    use_header: bool = True,
    *,
    allow_repeats: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points, fits) of all files: :func:`segmented_points`, then :func:`fit_points`."""
    points, _ = segmented_points(
        paths, mass_mg, molar_mass_g_per_mol, segmentation, use_header, allow_repeats=allow_repeats
    )
    return points, fit_points(points, settings)


def run(args: argparse.Namespace) -> int:
    """Fit, write the table (and plots); returns the exit code."""
    check_mass_options(args)
    settings = FitSettings(
        model=args.model, weighting=args.weighting, outlier_sigma=args.outlier_sigma
    )
    points, fits = fit_files(
        list(args.files),
        settings,
        args.mass_mg,
        args.molar_mass,
        segmentation_settings(args),
        use_header=not args.file_units,
        allow_repeats=args.allow_repeats,
    )
    table = fits.loc[:, list(CLI_COLUMNS)]
    if args.output:
        write_csv(table, args.output)
    else:
        print_csv(table, sys.stdout)
    if args.plots:
        from spinrelax.figures.own_data_spectra import plot_spectra

        for i, path in enumerate(args.files):
            file_fits = fits[fits["file_index"] == i]
            plot_spectra(
                points[points["file_index"] == i],
                file_fits,
                "spectrum",
                str(file_fits["chi_unit"].iloc[0]) if len(file_fits) else "",
                f"{Path(path).name}: ac susceptibility with fits",
                Path(args.plots) / f"{Path(path).stem}_fits",
            )
    usable = int(fits["usable"].sum()) if "usable" in fits else len(fits)
    announce("fit-ac", [args.output, args.plots and f"{args.plots}/"],
             f"{len(fits)} spectra fitted, {usable} usable",
             table_on_stdout=not args.output)  # fmt: skip
    return 0
