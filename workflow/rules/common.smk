# Helpers shared by every stage. Target lists are filled by the stage files and collected by
# `rule all` in the Snakefile.
import hashlib
from pathlib import Path

from snakemake.exceptions import WorkflowError

from spinrelax.errors import SpinrelaxError
from spinrelax.io.sample_sheet import load_sample_sheet

REPO = Path(workflow.basedir)
PACKAGE = REPO / "src" / "spinrelax"
ENV = "../envs/spinrelax.yaml"

PAPER1_TARGETS = []
PAPER2_TARGETS = []
SCORECARD_TARGETS = []
PROVENANCE_TARGETS = []


def repo_path(path):
    """Absolute path for a config path given relative to the repository."""
    p = Path(path)
    return str(p if p.is_absolute() else REPO / p)


def package_digest(*subpackages):
    """sha256 over the sources of the named sub-packages (plus the package root modules).

    Passed as a `params:` entry so that an edit of the imported package reruns exactly the
    rules that use it (Snakemake does not track imported code).
    """
    h = hashlib.sha256()
    files = sorted(PACKAGE.glob("*.py"))
    for sub in subpackages:
        files += sorted((PACKAGE / sub).rglob("*.py"))
    for f in files:
        h.update(str(f.relative_to(PACKAGE)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def load_samples(path):
    """The sample sheet, loaded by the package (spinrelax.io.sample_sheet: its schema, numbers,
    duplicate ids, with `file:line: column` messages), indexed by sample_id."""
    try:
        sheet = load_sample_sheet(repo_path(path))
    except SpinrelaxError as exc:
        raise WorkflowError(f"sample sheet: {exc}") from None
    return sheet.set_index("sample_id", drop=False).sort_index()


# A run on the papers' sample sheet (config paper_sample_sheet) makes the paper outputs by
# default; a run on any other sheet makes the generic per-sample outputs under its own root
# results/own/<sheet name>/, so one run never shows another run's tables.
PAPER_SHEET_RUN = (
    Path(repo_path(config["samples"])).resolve()
    == Path(repo_path(config["paper_sample_sheet"])).resolve()
)
OWN_ROOT = f"results/own/{Path(config['samples']).stem}"
OWN_TARGETS = []


# Virtual-instrument outputs (only wired when config virtual_instruments is true).
SIMULATE_TARGETS = []
# Scorecard parts: results/tables/scorecard_parts/<part>.csv with id,reproduced,reproduced_err,note.
SCORECARD_PARTS = []
