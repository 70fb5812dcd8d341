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

from spinrelax.errors import SpinrelaxError
from spinrelax.pipeline.portable_numerics import apply_before_numpy

#: Sub-commands in the order ``--help`` lists them: name -> (module, one-line help). Only the
#: module of the command being run is imported (start-up time: ``spinrelax --help`` imports
#: none of them); each module registers its command with the help text given here.
COMMANDS: dict[str, tuple[str, str]] = {
    "inspect": (
        "spinrelax.cli.inspect_cmd",
        "show the kind (ac, DC decay, waveform), format, rows and spectra, decays or blocks of raw files",
    ),
    "fit-ac": (
        "spinrelax.cli.fit_ac_cmd",
        "fit Cole-Cole type models to every ac spectrum of the given files",
    ),
    "fit-peaks": (
        "spinrelax.cli.fit_peaks_cmd",
        "chi''(T) peak temperatures of fixed-frequency scans and their Arrhenius law",
    ),
    "fit-rates": (
        "spinrelax.cli.fit_rates_cmd",
        "fit relaxation laws (Orbach, Raman, QTM, direct, ...) to tau(T) and tau(H)",
    ),
    "report": (
        "spinrelax.cli.report_cmd",
        "raw files of one sample -> spectrum fits, rate laws, figures and an HTML report",
    ),
    "app": (
        "spinrelax.cli.app_cmd",
        "look at one sample in the browser, exclude points or spectra, save the choices",
    ),
    "fit-waveform": (
        "spinrelax.cli.fit_waveform_cmd",
        "chi'(f), chi''(f) from VSM waveform (slow square/sine field) files",
    ),
    "fit-dc": (
        "spinrelax.cli.fit_dc_cmd",
        "fit stretched exponentials to DC magnetisation decays",
    ),
    "fit-deflection": (
        "spinrelax.cli.fit_deflection_cmd",
        "moments of clusters from Stern-Gerlach deflection profiles",
    ),
}
#: Sub-command modules, in the order ``--help`` lists them.
SUBCOMMAND_MODULES: tuple[str, ...] = tuple(module for module, _ in COMMANDS.values())


class _VersionAction(argparse.Action):
    """``--version``: the release and, in a git checkout, the commit (asked only when used)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from spinrelax.version import version_string

        print(version_string())
        parser.exit()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Parser with every sub-command of :data:`COMMANDS`; with ``only``, just that command's
    module is imported and registered, the others are listed by name and help."""
    parser = argparse.ArgumentParser(
        prog="spinrelax", description="Spin-lattice relaxation analysis of your own files."
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_text) in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(module).register(sub)
        else:
            sub.add_parser(name, help=help_text)
    for command in sub.choices.values():
        command.add_argument(
            "-v", "--verbose", action="store_true", help="log progress of long steps to stderr"
        )
    return parser


def _chosen(argv: Sequence[str]) -> str:
    """The sub-command named first in ``argv`` (the parser's only positional before it), or
    '' (``--help``, ``--version``, no or an unknown command: no command module is needed)."""
    first = next((a for a in argv if not a.startswith("-")), "")
    return first if first in COMMANDS else ""


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
    """Entry point of the ``spinrelax`` console script; returns the exit code.

    The workflow's portable numerics (pinned BLAS kernels and numpy loops) are applied first,
    before any command imports numpy, unless the user set those variables.
    """
    apply_before_numpy()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only=_chosen(argv) or "")
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
    except OSError as exc:  # missing file, a directory, no permission, an output path under a file
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"spinrelax {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
