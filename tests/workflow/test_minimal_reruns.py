"""Minimal reruns: a config change reruns only the rules whose params carry that setting.

Every output of the workflow is created empty and recorded as up to date (``--touch``), so the
metadata hold each job's params; after one config edit, the dry-run plan names the rules that
the change triggers (Snakemake: "Rules with provenance triggered jobs"). Issue case: a rule
that took a whole config section as params reran on any change of that section.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((REPO / "config.yaml").read_text())

pytestmark = pytest.mark.workflow


def _snakemake(workdir: Path, config: dict, *args: str) -> str:
    cfg = workdir / "config.yaml"
    sheet = str(workdir / "data" / "samples.tsv")  # the papers' sheet, as a copy in workdir
    config = {**config, "samples": sheet, "paper_sample_sheet": sheet}
    cfg.write_text(yaml.safe_dump(config, sort_keys=False))  # key order is part of params
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile")]
    cmd += ["--configfile", str(cfg), "--cores", "1", "--nolock", *args]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """A working directory whose outputs are all present and recorded with the shipped config."""
    workdir = tmp_path_factory.mktemp("reruns")
    (workdir / "data").mkdir()  # the repository's data, with a sample sheet the tests may edit
    for entry in (REPO / "data").iterdir():
        if entry.name != "samples.tsv":
            (workdir / "data" / entry.name).symlink_to(entry)
    shutil.copy2(REPO / "data" / "samples.tsv", workdir / "data" / "samples.tsv")
    plan = _snakemake(workdir, CONFIG, "-n", "--forceall")
    for line in re.findall(r"^    output: (.*)$", plan, re.M):
        for path in line.split(", "):
            (workdir / path).parent.mkdir(parents=True, exist_ok=True)
            (workdir / path).touch()
    _snakemake(workdir, CONFIG, "--touch", "--forceall")  # records every job's metadata
    assert "Nothing to be done" in _snakemake(workdir, CONFIG, "-n")
    return workdir


def _triggered(workdir: Path, path: str, value) -> set[str]:
    config = yaml.safe_load(yaml.safe_dump(CONFIG, sort_keys=False))
    node = config
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    node[last] = value
    plan = _snakemake(workdir, config, "-n")
    found = re.search(r"^Rules with provenance triggered jobs: (.*)$", plan, re.M)
    return set(found.group(1).split()) if found else set()


@pytest.mark.parametrize(
    ("path", "value", "rules"),
    [
        # the printed-parameter variant: the spin tables and the relaxation models (which
        # compare it with the sign-corrected one), not Fig. 1 (the default variant only)
        ("spin.variants.as_printed.A_J_K", -5.0e-3, {"spin_tables", "relaxation_models"}),
        # a figure setting of paper 2: the figures, not the profile fits
        ("clusters.fig2_sizes", [7, 9, 11], {"clusters_figures"}),
        # a fit setting of paper 2: the profile fits, not the figures
        ("clusters.detection_sigma", 4.0, {"clusters_fit_shard"}),
        # a setting of the spin tables only (Fig. 1 and the relaxation models took the whole
        # spin: section before)
        ("spin.population_T_K", 3.0, {"spin_tables"}),
        ("relaxation.phonon.Z", 4, {"relaxation_models"}),
    ],
)
def test_a_config_change_reruns_only_the_rules_that_use_it(recorded, path, value, rules):
    assert _triggered(recorded, path, value) == rules


def test_a_sheet_column_no_rule_reads_reruns_nothing(recorded):
    """Editing a ``notes`` cell reran 20 jobs (the ac tables took the whole sheet file as input);
    now only the provenance record, which holds the sheet's sha256, is remade."""
    sheet = recorded / "data" / "samples.tsv"
    original = sheet.read_text()
    try:
        sheet.write_text(original.replace("SYNTHETIC\n", "SYNTHETIC; re-measured in May\n", 1))
        assert sheet.read_text() != original
        plan = _snakemake(recorded, CONFIG, "-n")
    finally:
        sheet.write_text(original)
    jobs = re.findall(r"^rule (\w+):$", plan, re.M)
    assert jobs == ["provenance", "default"], plan[-3000:]  # default: the target rule, no work
