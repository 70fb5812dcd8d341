"""``spinrelax app FILE... [--settings S.yaml] [--sample ID] [--port N] [--no-browser]``,
``spinrelax app --sample ID [--configfile config.yaml]`` in a workflow's working folder

Opens one sample's spectra, fits and rate laws in the browser (a local server on 127.0.0.1 with
its own assets, no internet): hover reads T, H, f and the values, a selector isolates one
spectrum; tapping a point excludes it, a button excludes the isolated spectrum, and the spectrum
model, the rate law, its T range and fixed parameters can be changed: the fits rerun at once.
"Save" writes the choices to the settings file (``--settings``, default ``<sample>.settings.yaml``)
and the report for them (``--report-dir``, default ``<sample>_report``), exactly as
``spinrelax report FILE --settings S.yaml`` writes it. Without FILE, ``--sample ID`` opens a
sample of the workflow run from the working folder (its ``config.yaml`` or ``--configfile``):
raw files, masses and current settings as the workflow reads them; "Save" writes the settings
file the config names for the sample, or a new ``ID.settings.yaml`` and prints the config line
that makes the workflow read it (:mod:`spinrelax.app.workflow_sample`). Needs the ``app`` extra
(``pip install "spinrelax[app]"``).
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

from spinrelax.cli import COMMANDS
from spinrelax.cli.mass_options import add_mass_options, check_mass_options
from spinrelax.errors import SpinrelaxError

INSTALL_HINT = 'spinrelax app needs Bokeh: pip install "spinrelax[app]"'


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``app`` sub-command."""
    p = subparsers.add_parser(
        "app",
        help=COMMANDS["app"][1],
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="ac files of one sample (none: --sample names a workflow sample)")  # fmt: skip
    p.add_argument("--settings", metavar="S.yaml",
                   help="settings file to start from (if it exists) and to save to")  # fmt: skip
    p.add_argument("--sample", help="sample name (default: the first file's name); without "
                   "FILE the sample_id of the workflow's sample sheet")  # fmt: skip
    p.add_argument("--configfile", metavar="CONFIG",
                   help="workflow config of --sample (default: ./config.yaml)")  # fmt: skip
    p.add_argument("--report-dir", metavar="DIR", help="report folder written by Save")
    p.add_argument("--port", type=int, default=5006, help="local port (default 5006)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    add_mass_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the sample, then serve the page until interrupted."""
    if importlib.util.find_spec("bokeh") is None:
        raise SpinrelaxError(INSTALL_HINT)
    from spinrelax.app.page import SavePaths
    from spinrelax.app.server import serve
    from spinrelax.app.session import Session
    from spinrelax.io.settings_file import read_settings

    check_mass_options(args)
    if not args.files:
        session, settings = _workflow_session(args)
    else:
        sample = args.sample or Path(args.files[0]).stem
        settings = Path(args.settings or f"{sample}.settings.yaml")
        choices = read_settings(settings, sample) if settings.is_file() else None
        session = Session.load(list(args.files), sample, choices, args.mass_mg, args.molar_mass,
                               args.file_units)  # fmt: skip
    sample = session.sample
    session.analyse()  # a choice the fits refuse stops here, with its message
    paths = SavePaths(settings, Path(args.report_dir or f"{sample}_report"))
    serve(session, paths, args.port, not args.no_browser)
    return 0


def _workflow_session(args: argparse.Namespace):
    """(session, settings file) of ``--sample`` in the workflow of the working folder."""
    from spinrelax.app.session import Session
    from spinrelax.app.workflow_sample import workflow_sample

    if not args.sample:
        raise SpinrelaxError("give the sample's files, or --sample ID of the workflow's sheet")
    if args.mass_mg is not None or args.file_units or args.settings:
        raise SpinrelaxError("with --sample the sheet and config give the mass and settings: "
                             "drop --mass-mg, --molar-mass, --file-units and --settings")  # fmt: skip
    found = workflow_sample(args.sample, args.configfile)
    session = Session.load(found.files, found.sample, found.choices, found.mass_mg,
                           found.molar_mass, segmentation=found.segmentation,
                           allow_repeats=found.allow_repeats, same_sample=found.same_sample)  # fmt: skip
    if found.config_line:
        print(f"spinrelax app: Save writes {found.settings_path}; for the workflow to read it add "
              f"to the config: {found.config_line}", flush=True)  # fmt: skip
    return session, found.settings_path
