# Helpers shared by every stage. Target lists are filled by the stage files and collected by
# `rule all` in the Snakefile.
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError

import spinrelax
from spinrelax.errors import SpinrelaxError
from spinrelax.io.sample_sheet import load_sample_sheet

from spinrelax.pipeline.code_digest import code_digest, normalised_source

# The repository (or deployed module) root: two levels above this rule file, wherever the
# workflow runs from (a clone's top-level Snakefile, or a deployment's `module` block).
REPO = Path(workflow.current_basedir.get_path_or_uri(secret_free=True)).parents[1]
# The package the scripts import (the checkout's src/ in a clone, the installed one elsewhere).
PACKAGE = Path(spinrelax.__file__).parent
ENV = "../envs/spinrelax.yaml"

PAPER1_TARGETS = []
PAPER2_TARGETS = []
SCORECARD_TARGETS = []
PROVENANCE_TARGETS = []


# User inputs (config paths, the sample sheet and its raw globs) are relative to the working
# directory, as every Snakemake path is: the checkout in a clone, the deployment's folder when
# the workflow runs as a module. REPO only locates the workflow's own scripts.
WORKDIR = Path.cwd()


def script_digest(script):
    """Digest of the package code `scripts/<script>.py` runs (spinrelax.pipeline.code_digest).

    Passed as a `params:` entry: an edit of a module the script imports (directly or
    transitively) reruns the rule; comment- and docstring-only edits and edits of modules it
    does not import do not (Snakemake itself only tracks the script).
    """
    return code_digest(REPO / "scripts" / f"{script}.py", PACKAGE)


def requested_targets():
    """Targets named on the command line (empty: the default target). Snakemake does not
    expose them while the Snakefile is parsed, so the command line is parsed again."""
    from snakemake.cli import get_argument_parser

    try:
        args, _ = get_argument_parser().parse_known_args(sys.argv[1:])
    except SystemExit:  # not a snakemake command line (e.g. the Python API)
        return set()
    return set(args.targets or ())


def spin_variants(*names, keys=()):
    """The `spin:` config section reduced to the variants `names` (the first made the default)
    and the top-level `keys`, for the params of a rule that uses only those (a change of
    another variant or key then does not rerun it)."""
    return {
        "default_variant": names[0],
        "variants": {name: config["spin"]["variants"][name] for name in names},
        **{key: config["spin"][key] for key in keys if key in config["spin"]},
    }


def load_samples(path):
    """The sample sheet, loaded by the package (spinrelax.io.sample_sheet: its schema, numbers,
    duplicate ids, with `file:line: column` messages), indexed by sample_id."""
    try:
        sheet = load_sample_sheet(path)
    except SpinrelaxError as exc:
        raise WorkflowError(f"sample sheet: {exc}") from None
    return sheet.set_index("sample_id", drop=False).sort_index()


# The run's sample sheet, loaded and validated once per parse; every stage reads this.
SAMPLES = load_samples(config["samples"])


def sheet_records(*columns):
    """The sheet's ``sample_id`` and ``columns``, one dict per sample, for the params of a rule
    that reads only those (not the sheet file as input): an edit of a column no rule reads,
    such as ``notes``, then reruns nothing."""
    return SAMPLES[["sample_id", *columns]].to_dict("records")


# The papers' settings are present (this repository's config.yaml, not a deployment's own-data
# config): the paper rules are part of the workflow.
PAPERS = all(key in config for key in ("spin", "relaxation", "clusters"))

# A run on the papers' sample sheet (config paper_sample_sheet) makes the paper outputs by
# default; a run on any other sheet makes the generic per-sample outputs under its own root
# results/own/<sheet name>/, so one run never shows another run's tables.
PAPER_SHEET_RUN = (
    PAPERS
    and Path(config["samples"]).resolve()
    == Path(config["paper_sample_sheet"]).resolve()
)
OWN_ROOT = f"results/own/{Path(config['samples']).stem}"
OWN_TARGETS = []


# Virtual-instrument outputs (only wired when config virtual_instruments is true).
SIMULATE_TARGETS = []
# Scorecard parts: results/tables/scorecard_parts/<part>.csv with id,reproduced,reproduced_err,note.
SCORECARD_PARTS = []
