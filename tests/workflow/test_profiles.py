"""Snakemake profiles: the SLURM profile plans the whole graph without a cluster; the default
profile plans the same jobs.

Dry runs (``-n --forceall``) run in a temporary working directory with ``data`` linked to the
repository's, so nothing is written to the checkout and no SLURM command is called.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SLURM_PROFILE = REPO / "profiles" / "slurm" / "config.yaml"
DEFAULT_PROFILE = REPO / "profiles" / "default" / "config.yaml"
#: Aggregate rules of the Snakefile that `all` does not need (they only collect targets).
#: (`default`, the top-level Snakefile's target, takes the inputs of `all`, which it does not run.)
AGGREGATE_RULES = {"paper1", "paper2", "all"}
#: The generic route: `all` of the papers' sheet does not need it; target `own` plans it.
OWN_RULES = {"own", "own_sample", "own_index"}

pytestmark = pytest.mark.workflow


def _snakemake(workdir: Path, *args: str) -> str:
    if not (workdir / "data").exists():
        (workdir / "data").symlink_to(REPO / "data")
    cmd = [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(REPO / "Snakefile"),
        "--configfile",
        str(REPO / "config.yaml"),
        "--nolock",
        *args,
    ]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout + done.stderr


def _job_stats(output: str) -> dict[str, int]:
    """rule -> job count from the 'Job stats' table of a dry run."""
    table = output.split("Job stats:", 1)[1].split("total", 1)[0]
    return {m[1]: int(m[2]) for m in re.finditer(r"^(\w+)\s+(\d+)\s*$", table, re.M)}


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """Outputs of: rule list, slurm dry run, default-profile dry run."""
    workdir = tmp_path_factory.mktemp("profiles")
    rules = _snakemake(workdir, "--list-rules")
    slurm = _snakemake(
        workdir, "--profile", str(SLURM_PROFILE.parent), "-n", "--forceall", "--jobs", "10"
    )
    default = _snakemake(workdir, "--profile", str(DEFAULT_PROFILE.parent), "-n", "--forceall")
    rule_names = set(re.findall(r"^(\w+)\s*$", rules, re.M))
    return rule_names, slurm, default


def test_slurm_dry_run_plans_every_rule_of_the_workflow(plans):
    rule_names, slurm, _ = plans
    planned = _job_stats(slurm)
    assert {"default", "manifest", "provenance", "scorecard"} <= set(planned)
    unreached = rule_names - AGGREGATE_RULES - OWN_RULES - set(planned)
    assert not unreached, f"rules not reached from `all`: {sorted(unreached)}"


def test_slurm_dry_run_plans_the_generic_route(tmp_path):
    out = _snakemake(tmp_path, "own", "--profile", str(SLURM_PROFILE.parent), "-n", "--jobs", "10")
    planned = _job_stats(out)
    assert OWN_RULES <= set(planned)
    assert planned["own_sample"] == planned["acsus_fit_sample"]


def test_default_profile_plans_the_same_jobs(plans):
    _, slurm, default = plans
    assert _job_stats(default) == _job_stats(slurm)


def test_every_slurm_job_requests_runtime_memory_and_cores(plans):
    _, slurm, _ = plans
    resources = re.findall(r"^\s*resources: (.*)$", slurm, re.M)
    assert resources
    for line in resources:
        assert re.search(r"\bmem_mb=\d+", line) and re.search(r"\bruntime=\d+", line), line
        assert re.search(r"\bcpus_per_task=\d+", line), line


def test_per_rule_resources_reach_the_jobs(plans):
    _, slurm, _ = plans
    profile = yaml.safe_load(SLURM_PROFILE.read_text())
    for rule, wanted in profile["set-resources"].items():
        blocks = re.findall(rf"^\s*(?:local)?rule {rule}:\n(.*?)(?:\n\s*\n|\[)", slurm, re.M | re.S)
        assert blocks, f"no job of rule {rule} in the plan"
        for block in blocks:
            for key, value in wanted.items():
                assert f"{key}={value}" in block, (rule, key, block)


def test_profiles_name_only_existing_rules(plans):
    rule_names, _, _ = plans
    profile = yaml.safe_load(SLURM_PROFILE.read_text())
    named = set(profile.get("set-resources", {})) | set(profile.get("groups", {}))
    assert named <= rule_names, f"unknown rules in the slurm profile: {named - rule_names}"
    groups = set(profile.get("groups", {}).values())
    assert set(profile.get("group-components", {})) <= groups


def test_slurm_profile_uses_the_slurm_executor():
    profile = yaml.safe_load(SLURM_PROFILE.read_text())
    assert profile["executor"] == "slurm"
    assert profile["jobs"] >= 1 and profile["latency-wait"] >= 30
    assert {"mem_mb", "runtime", "cpus_per_task"} <= set(profile["default-resources"])


def test_default_profile_sets_no_resources():
    # resources in the default profile would override those of a --profile given later
    profile = yaml.safe_load(DEFAULT_PROFILE.read_text())
    assert profile["cores"] == "all"
    assert not {"default-resources", "set-resources", "resources"} & set(profile)


def test_small_jobs_are_submitted_in_groups(plans):
    _, slurm, _ = plans
    profile = yaml.safe_load(SLURM_PROFILE.read_text())
    planned_groups = set(re.findall(r"Group job (\w+) \(", slurm))
    assert planned_groups == set(profile["groups"].values())
