"""The ``spinrelax`` command: one-off analysis of a user's own files.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds an ``argparse`` sub-parser whose ``func`` default takes the
parsed namespace and returns an exit code. Bad input (any :class:`SpinrelaxError`) is reported
as one line on stderr naming the file, with exit code 2 and never a traceback. Every
sub-command takes ``-v/--verbose``: progress lines of long steps (reading, fitting) on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence

from spinrelax import __version__
from spinrelax.errors import SpinrelaxError

#: Sub-command modules, in the order ``--help`` lists them.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "spinrelax.cli.inspect_cmd",
    "spinrelax.cli.fit_ac_cmd",
    "spinrelax.cli.fit_rates_cmd",
    "spinrelax.cli.report_cmd",
    "spinrelax.cli.fit_deflection_cmd",
    "spinrelax.cli.fit_dc_cmd",
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
    for command in sub.choices.values():
        command.add_argument(
            "-v", "--verbose", action="store_true", help="log progress of long steps to stderr"
        )
    return parser


@contextlib.contextmanager
def _progress_on_stderr(verbose: bool) -> Iterator[None]:
    """With ``verbose``, send the package's INFO log lines (progress) to stderr meanwhile."""
    if not verbose:
        yield
        return
    package = logging.getLogger("spinrelax")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("spinrelax: %(message)s"))
    level = package.level
    package.addHandler(handler)
    package.setLevel(logging.INFO)
    try:
        yield
    finally:
        package.removeHandler(handler)
        package.setLevel(level)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``spinrelax`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    with _progress_on_stderr(args.verbose):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the chosen sub-command; bad input -> one line on stderr, exit code 2."""
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
