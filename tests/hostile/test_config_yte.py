"""Config files are data: a YTE template or a YAML tag in a config file stops the workflow with
one line before any expression runs (spinrelax.pipeline.snakemake_guard, spinrelax.io.safe_yaml).

Before the guard, ``__use_yte__: true`` with a ``?__import__('os').system(...)`` value in a
``--configfile`` ran its code while Snakemake parsed its command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _hostile(workdir: Path, mark: Path, name: str, body: str) -> Path:
    """Write the config ``name`` into ``workdir``; its payload would create ``mark``."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / name
    path.write_text(body.format(mark=mark))
    return path


YTE = "__use_yte__: true\nsamples: ?__import__('pathlib').Path('{mark}').touch() or 'x.tsv'\n"
NESTED_YTE = "ingest:\n  __use_yte__: true\n  sweep_gap: ?__import__('os').system('touch {mark}')\n"
TAG = "samples: !!python/object/apply:os.system ['touch {mark}']\n"
LOCAL_TAG = "samples: !include other.yaml\n"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _refused(done: subprocess.CompletedProcess, workdir: Path, before: dict, mark: Path) -> str:
    """The one refusal line; checks exit status, no traceback, nothing written, no payload."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and 'File "' not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if "refused" in line]
    assert len(lines) == 1, done.stderr
    assert not mark.exists()
    assert _files(workdir) == before  # no .snakemake, no results, nothing changed
    return lines[0]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (YTE, "config.yaml:1: '__use_yte__' refused"),
        (NESTED_YTE, "config.yaml:2: '__use_yte__' refused"),
        (TAG, "config.yaml:1: YAML tag '!!python/object/apply:os.system' refused"),
        (LOCAL_TAG, "config.yaml:1: YAML tag '!include' refused"),
    ],
)
def test_a_configfile_template_or_tag_is_refused_before_it_runs(
    run_workflow, tmp_path, body, message
):
    mark = tmp_path / "payload_ran"
    config = _hostile(tmp_path / "run", mark, "config.yaml", body)
    before = _files(tmp_path / "run")
    done = run_workflow(tmp_path / "run", ["-n"], config)
    assert message in _refused(done, tmp_path / "run", before, mark)


def test_the_workflow_config_file_is_refused_without_the_environment_guard(tmp_path):
    """Where the interpreter does not run the start-up guard (no site .pth processing), the
    check at the top of the Snakefile still refuses the directive's config.yaml before
    Snakemake loads it."""
    mark = tmp_path / "payload_ran"
    workdir = tmp_path / "run"
    _hostile(workdir, mark, "config.yaml", YTE)
    before = _files(workdir)
    paths = os.pathsep.join([sysconfig.get_paths()["purelib"], str(REPO / "src")])
    done = subprocess.run(
        [sys.executable, "-S", "-m", "snakemake", "-n", "--snakefile", str(REPO / "Snakefile")],
        cwd=workdir, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": paths},
    )  # fmt: skip
    assert "config.yaml:1: '__use_yte__' refused" in _refused(done, workdir, before, mark)


def test_the_environment_checks_config_files_when_snakemake_loads_them(tmp_path):
    """The start-up guard wraps Snakemake's config loader in every interpreter of the venv."""
    mark = tmp_path / "payload_ran"
    config = _hostile(tmp_path, mark, "c.yaml", YTE)
    code = (
        f"from snakemake.common.configfile import load_configfile; load_configfile({str(config)!r})"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"config file refused: {config}:1: '__use_yte__' refused: config files are data, "
        "templates (YTE) would run their expressions as Python"
    )
    assert not mark.exists()


def test_the_repository_config_passes_the_guard():
    from spinrelax.io.safe_yaml import load_yaml

    assert load_yaml(REPO / "config.yaml")["samples"]
