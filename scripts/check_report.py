"""Check the HTML report against the run's manifest (exit 0: complete, 1: problems, 2: bad input).

Usage: python scripts/check_report.py results/report.html results/manifest.tsv [--root .]
[--same-as OTHER.html [--other-root DIR]]. Every table, figure and document of the manifest must
be embedded byte for byte with a caption, the page must load nothing from the network, no
data block may hold text that ends its script element (script injection), and with ``--root``
the page must not name the checkout folder; report items missing from the manifest are
problems too, except the manifest and sidecar (see ``spinrelax.pipeline.report_check``). With
``--same-as`` the two reports must be equal under the canonicalisation of
``spinrelax.pipeline.report_html.canonical`` (runtimes, time stamps and checkout paths removed).
"""

from __future__ import annotations

import argparse
import sys

from spinrelax.errors import SpinrelaxError
from spinrelax.pipeline.manifest import read_manifest
from spinrelax.pipeline.report_check import check_report, compare_reports, report_results

#: Report items of the provenance rules themselves (the manifest cannot list itself).
EXEMPT = ("results/manifest.tsv", "results/provenance.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", help="report made by snakemake --report (results/report.html)")
    parser.add_argument("manifest", help="manifest of the same run (results/manifest.tsv)")
    parser.add_argument(
        "--exempt",
        action="append",
        default=list(EXEMPT),
        help="report item that need not be in the manifest (repeatable)",
    )
    parser.add_argument("--root", help="checkout folder the page must not name")
    parser.add_argument("--same-as", help="another report that must be equal when canonical")
    parser.add_argument("--other-root", help="checkout folder of the --same-as report")
    args = parser.parse_args(argv)
    try:
        problems = check_report(
            args.report, read_manifest(args.manifest), exempt=args.exempt, root=args.root
        )
        if args.same_as:
            problems += compare_reports(
                args.report, args.same_as, first_root=args.root, second_root=args.other_root
            )
        n_items = len(report_results(args.report))
    except (SpinrelaxError, OSError) as exc:
        print(f"check_report: error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"PROBLEM {problem}")
    print(f"check_report: {n_items} embedded items, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
