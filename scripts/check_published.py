"""Check that no table of a run holds a number from a fit that did not converge (exit 0: none,
1: some, 2: bad input).

Usage: python scripts/check_published.py results. Every CSV and Parquet table under the
directory is read; the convention (which columns mark a failed fit, which numbers it may keep)
is documented in ``spinrelax.published`` and docs/published_values.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinrelax.published import check_tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="the run's output directory (results)")
    args = parser.parse_args(argv)
    if not Path(args.results).is_dir():
        print(f"check_published: error: {args.results}: not a directory", file=sys.stderr)
        return 2
    found = check_tree(args.results)
    for line in found:
        print(line)
    print(f"check_published: {len(found)} number(s) from fits that did not converge")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
