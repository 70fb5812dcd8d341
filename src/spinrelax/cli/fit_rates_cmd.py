"""``spinrelax fit-rates FITS.csv [--law orbach+raman+qtm] [--T-min K] [--T-max K] [--fix n=9] -o PARAMS.csv``

Fits relaxation laws to the rates of an ac fit table (``spinrelax fit-ac`` output or the
workflow's fit tables): every tau(T) series (one per dc field) and every tau(H) series (one
per temperature with enough fields), per sample and per process, and, for a sample with at
least two series, one law over all its (T, H) points (series ``TH``, ``--global-law``). Without
``--law`` the
candidate laws whose parameters are all determined are compared by AICc and the best is
reported; every candidate's AIC is a row of the output. Writes the long-form parameter table
(sample, process, series, at_T_K, at_H_Oe, law, parameter, value, err, unit, fixed, 68 % and
95 % profile limits, flag, message); optional side tables. A law given with ``--law`` that does
not converge or sits at a bound stops with exit code 2 and one line naming it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from spinrelax.cli import COMMANDS
from spinrelax.cli.written import announce
from spinrelax.errors import InputFormatError
from spinrelax.rates.uncertainty import SIGMA_MODES


def add_law_options(p: argparse.ArgumentParser) -> None:
    """Rate-law options shared by ``fit-rates`` and ``report``."""
    g = p.add_argument_group("rate laws")
    g.add_argument("--law", default="auto", help="tau(T) law, e.g. orbach+raman+qtm, or auto")
    g.add_argument("--field-law", default="auto", help="tau(H) law, e.g. qtm_field+constant")
    g.add_argument("--global-law", default="auto", dest="global_law",
                   help="law fitted to every (T, H) point of a sample with at least two series "
                   "(e.g. orbach+raman+qtm_field+direct_field), auto or off")  # fmt: skip
    g.add_argument("--T-min", type=float, dest="T_min_K", help="lowest T of tau(T) fits (K)")
    g.add_argument("--T-max", type=float, dest="T_max_K", help="highest T of tau(T) fits (K)")
    g.add_argument("--H-min", type=float, dest="H_min_Oe", help="lowest |H| of tau(H) fits (Oe)")
    g.add_argument("--H-max", type=float, dest="H_max_Oe", help="highest |H| of tau(H) fits (Oe)")
    g.add_argument("--fix", action="append", default=[], metavar="NAME=VALUE",
                   help="hold a parameter fixed (n=9, U=60, n_raman=9, ...); repeatable")  # fmt: skip
    g.add_argument("--sigma", default="ccfit2", choices=SIGMA_MODES,
                   help="per-point sigma of ln tau (default ccfit2: max of distribution "
                   "width and fit error)")  # fmt: skip
    g.add_argument("--max-correlation", type=float, dest="max_correlation",
                   help="largest correlation of a term with the other terms of an eligible "
                   "law (default 0.99; docs/rate_laws.md)")  # fmt: skip


def settings_from_args(args: argparse.Namespace, overrides: Mapping[str, Any] | None = None):
    """:class:`LawSettings` from the options of :func:`add_law_options`, with the keys of
    ``overrides`` (a settings file's ``rates`` block) taking precedence."""
    from spinrelax.rates.settings import law_settings

    keys = ("law", "field_law", "global_law", "T_min_K", "T_max_K", "H_min_Oe", "H_max_Oe",
            "sigma", "max_correlation")  # fmt: skip
    values = {k: getattr(args, k) for k in keys}
    values["fixed"] = ",".join(args.fix)
    values.update(overrides or {})
    try:
        return law_settings(values)
    except ValueError as exc:
        raise InputFormatError(str(exc)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fit-rates`` sub-command."""
    p = subparsers.add_parser(
        "fit-rates",
        help=COMMANDS["fit-rates"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("table", metavar="FITS.csv", help="ac fit table with T_K, H_Oe and tau or rate")
    p.add_argument("-o", "--output", metavar="PARAMS.csv", help="parameter table (default stdout)")
    p.add_argument("--sample", help="sample name when the table has no sample column")
    p.add_argument("--candidates", metavar="FILE", help="write the candidate-law table")
    p.add_argument("--correlations", metavar="FILE", help="write the parameter correlations")
    p.add_argument("--curves", metavar="FILE", help="write the fitted curves for re-plotting")
    p.add_argument("--spread", metavar="FILE",
                   help="write U_eff of every eligible law and T window (model uncertainty)")  # fmt: skip
    add_law_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fit and write; returns the exit code."""
    from spinrelax.io.csv_table import write_csv
    from spinrelax.rates.analysis import analyse_rates
    from spinrelax.rates.data import read_fit_table

    settings = settings_from_args(args)
    points = read_fit_table(args.table, args.sample)
    results = analyse_rates(points, settings)
    if results.parameters.empty:
        raise InputFormatError(
            f"no tau(T) or tau(H) series with at least {settings.series.min_points} usable "
            "points", file=args.table,
        )  # fmt: skip
    if args.output:
        write_csv(results.parameters, args.output)
    else:
        results.parameters.to_csv(
            sys.stdout, index=False, float_format="%.10g", lineterminator="\n"
        )
    for path, table in ((args.candidates, results.candidates), (args.correlations, results.correlations),
                        (args.curves, results.curves), (args.spread, results.spread)):  # fmt: skip
        if path:
            write_csv(table, path)
    series = len(
        results.parameters.drop_duplicates(["sample", "process", "series", "at_T_K", "at_H_Oe"])
    )
    announce("fit-rates", [args.output, args.candidates, args.correlations, args.curves],
             f"{series} rate series fitted", table_on_stdout=not args.output)  # fmt: skip
    return 0
