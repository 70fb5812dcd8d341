"""``spinrelax fit-dc FILE... -o TABLE.csv [--moment free|fixed|vsm|long] [--model single|double|both] [--meq fit|fixed] [--meq-value-emu M] [--m0 fit|first] [--rejected R.csv] [--plots DIR]``

Reads MPMS3 / MPMS-XL DC magnetisation-decay files, cuts each into one decay per temperature
and field (docs/dc_decays.md), fits single (and double) stretched exponentials and writes one
row per decay, model and component with :data:`spinrelax.timedomain.table.DC_TABLE_COLUMNS`
(docs/dc_decays.md). Every file is read and segmented before anything is written: a bad file
gives one line on stderr (exit 2) and no output. Prints where it wrote each output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinrelax.cli import COMMANDS
from spinrelax.io.dc_decay_reader import MOMENT_COLUMNS
from spinrelax.io.dc_segmentation import DcSegmentationSettings

MODEL_CHOICES = {"single": ("single",), "double": ("double",), "both": ("single", "double")}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fit-dc`` sub-command."""
    p = subparsers.add_parser(
        "fit-dc",
        help=COMMANDS["fit-dc"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="DC decay file(s)")
    p.add_argument("-o", "--output", required=True, metavar="TABLE.csv", help="per-decay table")
    add_dc_options(p, moment_flag="--moment")
    p.add_argument("--model", choices=sorted(MODEL_CHOICES), default="single")
    p.add_argument("--rejected", metavar="R.csv", help="also write every row not used")
    p.add_argument("--plots", metavar="DIR", help="write M(t) figures with fits (PNG)")
    p.set_defaults(func=run)


def add_dc_options(p: argparse.ArgumentParser, moment_flag: str = "--dc-moment") -> None:
    """The DC fit and segmentation options (shared by ``fit-dc`` and ``report``)."""
    p.add_argument(
        moment_flag,
        dest="moment",
        choices=sorted(MOMENT_COLUMNS),
        help="DC moment column (default: free = 'DC Moment Free Ctr' for MPMS3, long for MPMS-XL)",
    )
    p.add_argument(
        "--meq", choices=("fit", "fixed"), default="fit", help="fit M_eq or hold it fixed"
    )
    p.add_argument("--meq-value-emu", type=float, default=0.0, help="M_eq when --meq fixed (emu)")
    p.add_argument(
        "--m0",
        choices=("fit", "first"),
        default="fit",
        help="fit M_0 or hold it at the first reading (single model; ccfit2's default)",
    )
    p.add_argument("--zero-field-Oe", type=float, default=DcSegmentationSettings.zero_field_Oe)
    p.add_argument("--T-step-K", type=float, default=DcSegmentationSettings.T_step_K)


def dc_settings(args: argparse.Namespace, models: tuple[str, ...] = ("single",)) -> tuple:
    """The DC fit and segmentation settings of :func:`add_dc_options`' options."""
    from spinrelax.timedomain.files import DcFitSettings

    settings = DcFitSettings(
        moment=args.moment,
        models=models,
        meq_mode=args.meq,
        meq_value_emu=args.meq_value_emu,
        m0_mode=args.m0,
    )
    segmentation = DcSegmentationSettings(zero_field_Oe=args.zero_field_Oe, T_step_K=args.T_step_K)
    return settings, segmentation


def run(args: argparse.Namespace) -> int:
    """Fit and write; returns the exit code."""
    import pandas as pd

    from spinrelax.io.csv_table import write_csv
    from spinrelax.timedomain.files import fit_dc_files

    settings, segmentation = dc_settings(args, MODEL_CHOICES[args.model])
    results = fit_dc_files(list(args.files), settings, segmentation)
    for res in results:
        d = res.data
        used = len(res.decays.readings)
        print(
            f"{d.path}: {d.format}, moment {d.moment_column!r}; rows read {d.rows_read}, used "
            f"{used}, rejected {len(res.rejected)}; {len(res.decays.summary)} decays at "
            + ", ".join(f"{t:.3g}" for t in res.decays.summary["T_K"])
            + " K",
            file=sys.stderr,
        )
    table = pd.concat([r.fits for r in results], ignore_index=True)
    write_csv(table, args.output)
    print(f"wrote {len(table)} rows to {args.output}", file=sys.stderr)
    if args.rejected:
        rej = pd.concat(
            [r.rejected.assign(file=r.data.path) for r in results], ignore_index=True
        ).loc[:, ["file", "line", "reason"]]
        write_csv(rej, args.rejected)
        print(f"wrote {len(rej)} rejected rows to {args.rejected}", file=sys.stderr)
    if args.plots:
        from spinrelax.figures.dc_decays import plot_decays

        for res in results:
            out = Path(args.plots) / f"{Path(res.data.path).stem}_dc_fits.png"
            plot_decays(res, out, args.meq_value_emu, args.m0)
            print(f"wrote {out}", file=sys.stderr)
    return 0
