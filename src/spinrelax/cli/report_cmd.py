"""``spinrelax report FILE... [--mass-mg M --molar-mass G | --file-units] -o DIR``

One sample from its raw files to a report: read and group the spectra, fit every spectrum,
fit rate laws to tau(T) (and tau(H) where the field was varied), draw the figures and write
``DIR/report.html`` (self-contained), ``DIR/figures/`` (PNG and PDF) and ``DIR/tables/``
(spectrum fits, rates, rate-law parameters and candidates, correlations, fitted curves, QC,
rejected rows, and the parameter table in Markdown and LaTeX). Without a mass and molar mass
chi stays in the file's unit (tau and the rate laws do not depend on it). The files are one
sample: repeats (a file given twice, a copy, a repeated block, the same points in two files)
stop the command unless ``--allow-repeats``, files whose headers name different materials,
masses or molar masses unless ``--same-sample`` (:mod:`spinrelax.cli.together_options`). DC magnetisation-decay and VSM waveform files may be
given with the ac files: each file's kind is detected, DC decays are fitted with the ``fit-dc``
defaults (``--dc-moment``, ``--meq``, ``--meq-value-emu``, ``--m0``), waveform files analysed as
``fit-waveform`` does, and every tau joins one series per field (``method`` ac, waveform, dc;
:mod:`spinrelax.sample_report.time_domain`). Every file is read before anything is written.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
from pathlib import Path

from spinrelax.acsus.models import MODEL_NAMES
from spinrelax.acsus.packing import WEIGHTINGS
from spinrelax.cli import COMMANDS
from spinrelax.cli.fit_dc_cmd import add_dc_options, dc_settings
from spinrelax.cli.fit_rates_cmd import add_law_options, settings_from_args
from spinrelax.cli.mass_options import add_mass_options, check_mass_options
from spinrelax.cli.segmentation_options import add_segmentation_options, segmentation_settings
from spinrelax.cli.together_options import add_together_options
from spinrelax.cli.written import announce

logger = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``report`` sub-command."""
    p = subparsers.add_parser(
        "report",
        help=COMMANDS["report"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="ac, DC decay and waveform files of one sample")  # fmt: skip
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")
    p.add_argument("--sample", help="sample name (default: the first file's name)")
    add_mass_options(p)
    p.add_argument("--model", default="generalized_debye", choices=[*MODEL_NAMES, "auto"],
                   help="spectrum model (default: generalized_debye)")  # fmt: skip
    p.add_argument("--weighting", default="none", choices=WEIGHTINGS,
                   help="spectrum-fit weights (as fit-ac; default: none)")  # fmt: skip
    p.add_argument("--settings", metavar="S.yaml",
                   help="the sample's choices (sample_settings block: model, weighting, excluded "
                   "spectra and points, rate-law keys), e.g. saved by spinrelax app; they "
                   "replace --model and --weighting and take precedence over the rate-law "
                   "options")  # fmt: skip
    add_together_options(p)
    add_segmentation_options(p)
    add_law_options(p)
    add_dc_options(p)
    p.set_defaults(func=run)


def ac_fits(files: list[str], args: argparse.Namespace, segmentation, choices):
    """(points, fits, rejected rows) of the ac files under the user's choices; empty tables
    when the sample has no ac file."""
    import pandas as pd

    from spinrelax.cli.fit_ac_cmd import CLI_COLUMNS, segmented_points
    from spinrelax.cli.sample_fits import chosen_fits

    if not files:
        empty = pd.DataFrame(columns=["file", "line", "reason"])
        return pd.DataFrame(), pd.DataFrame(columns=list(CLI_COLUMNS)), empty
    points, rejected = segmented_points(
        files,
        args.mass_mg,
        args.molar_mass,
        segmentation,
        use_header=not args.file_units,
        allow_repeats=args.allow_repeats,
        check_compound=not args.same_sample,
    )
    points, fits, rejected = chosen_fits(points, rejected, choices, args.settings or "settings")
    return points, fits, rejected


def run(args: argparse.Namespace) -> int:
    """Run the whole chain for one sample; returns the exit code."""
    from spinrelax.acsus.fitting import FitSettings
    from spinrelax.io.settings_file import SampleChoices, read_settings
    from spinrelax.sample_report.html import write_report
    from spinrelax.sample_report.outputs import write_sample_outputs
    from spinrelax.sample_report.texts import settings_text, spectrum_model_text
    from spinrelax.sample_report.time_domain import (
        file_kinds,
        info_lines,
        join_waveform,
        read_time_domain,
    )

    check_mass_options(args)
    files = list(args.files)
    sample = args.sample or Path(files[0]).stem
    choices = SampleChoices(model=args.model, weighting=args.weighting)
    if args.settings:
        choices = read_settings(args.settings, sample)
    law = settings_from_args(args, choices.rates)
    segmentation = segmentation_settings(args)
    kinds = file_kinds(files)
    td = read_time_domain(kinds["dc"], kinds["waveform"], sample, *dc_settings(args))
    points, fits, rejected = ac_fits(kinds["ac"], args, segmentation, choices)
    fits = join_waveform(fits, td, FitSettings(choices.model, choices.weighting))
    out_dir = Path(args.output)
    outputs = write_sample_outputs(sample, points, fits, out_dir, law, rejected, td)
    unit = outputs.chi_unit
    info = {"files": ", ".join(files), "chi unit": unit}
    if kinds["dc"] or kinds["waveform"]:
        info["file kinds"] = "; ".join(f"{k}: {', '.join(v)}" for k, v in kinds.items() if v)
        info |= info_lines(td, outputs.results.points)
    if unit == "emu/Oe":
        info["note"] = (
            "chi kept in the file's unit (emu/Oe): --file-units given"
            if args.file_units
            else "chi in the file's unit (emu/Oe): no mass and molar mass given or in the headers"
        )
    elif args.mass_mg is None:
        info["note"] = "chi in emu/mol with the mass and molar mass of the file headers"
    if args.settings:
        digest = hashlib.sha256(Path(args.settings).read_bytes()).hexdigest()
        info["settings"] = f"{args.settings} (sha256 {digest})"
    if args.allow_repeats:
        info["repeats"] = (
            "--allow-repeats: repeated files, rows or points were kept; every file keeps its "
            "own spectra, each fitted on its own and entering the rate-law fit as its own point"
        )
    write_report(
        out_dir / "report.html",
        [(outputs, info)],
        settings_text(
            law, {"model": spectrum_model_text(choices.model, fits), "weighting": choices.weighting}
        ),
    )
    logger.info("report of %s written to %s", sample, out_dir / "report.html")
    announce("report", [out_dir / "report.html", out_dir / "tables", out_dir / "figures"],
             f"report of {sample}, {len(fits)} spectra", table_on_stdout=False)  # fmt: skip
    return 0
