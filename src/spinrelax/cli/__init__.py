"""The ``spinrelax`` command: one-off analysis of a user's own files.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds an ``argparse`` sub-parser whose ``func`` default takes the
parsed namespace and returns an exit code. Bad input (any :class:`SpinrelaxError`) is reported
as one line on stderr naming the file, with exit code 2 and never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from spinrelax import __version__
from spinrelax.errors import SpinrelaxError

#: Sub-command modules, in the order ``--help`` lists them.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "spinrelax.cli.inspect_cmd",
    "spinrelax.cli.fit_ac_cmd",
    "spinrelax.cli.fit_deflection_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    """Parser with every sub-command of :data:`SUBCOMMAND_MODULES`."""
    parser = argparse.ArgumentParser(
        prog="spinrelax", description="Spin-lattice relaxation analysis of your own files."
    )
    parser.add_argument("--version", action="version", version=f"spinrelax {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``spinrelax`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except SpinrelaxError as exc:
        print(f"spinrelax {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader of stdout went away (e.g. `| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        print(f"spinrelax {args.command}: error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
