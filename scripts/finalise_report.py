"""Rewrite the page `snakemake --report` wrote in its safe, canonical form (in place).

Usage: python scripts/finalise_report.py results/report.html [--root DIR]. Escapes the data
blocks (no string can end a script element) and removes job runtimes, time stamps and the
absolute checkout path (default: the working directory), as documented in
``spinrelax.pipeline.report_html``; two reports of the same inputs are then byte-identical.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinrelax.errors import SpinrelaxError
from spinrelax.pipeline.report_html import canonical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", help="report made by snakemake --report")
    parser.add_argument("--root", default=".", help="checkout folder to remove from paths")
    args = parser.parse_args(argv)
    path = Path(args.report)
    try:
        html = canonical(path.read_text(encoding="utf-8"), args.root)
    except (SpinrelaxError, OSError) as exc:
        print(f"finalise_report: error: {exc}", file=sys.stderr)
        return 2
    path.write_text(html, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
