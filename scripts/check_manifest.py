"""Compare a run's manifest with the committed expectation (exit 0: agrees, 1: differs, 2: bad input).

Usage: python scripts/check_manifest.py results/manifest.tsv tests/expected/manifest.tsv
[--rtol 1e-6] [--atol 1e-12] [--exact]. The comparison rules (numeric tolerance for tables, size class
for figures) are documented in ``spinrelax.pipeline.provenance``.
"""

from __future__ import annotations

import argparse
import sys

from spinrelax.errors import SpinrelaxError
from spinrelax.pipeline.manifest import (
    ATOL,
    FIGURE_SIZE_RATIO,
    RTOL,
    compare_manifests,
    read_manifest,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actual", help="manifest of this run (results/manifest.tsv)")
    parser.add_argument("expected", help="committed manifest (tests/expected/manifest.tsv)")
    parser.add_argument("--rtol", type=float, default=RTOL, help="relative tolerance of tables")
    parser.add_argument("--atol", type=float, default=ATOL, help="absolute tolerance per value")
    parser.add_argument(
        "--size-ratio", type=float, default=FIGURE_SIZE_RATIO, help="figure size factor"
    )
    parser.add_argument(
        "--exact", action="store_true", help="require identical sha256 (same-machine reruns)"
    )
    args = parser.parse_args(argv)
    try:
        diffs = compare_manifests(
            read_manifest(args.actual),
            read_manifest(args.expected),
            rtol=args.rtol,
            atol=args.atol,
            size_ratio=args.size_ratio,
            exact=args.exact,
        )
    except (SpinrelaxError, OSError) as exc:
        print(f"check_manifest: error: {exc}", file=sys.stderr)
        return 2
    for diff in diffs:
        print(f"DIFFERS {diff.path}: {diff.reason}")
    n = len(read_manifest(args.expected))
    print(f"check_manifest: {len(diffs)} difference(s) against {n} expected outputs")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
