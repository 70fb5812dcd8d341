"""CI that can fail: where chromium or the SLURM packages cannot be installed, `.ci/require` (the
first step of `.ci/run`) exits 1 with the reason; under SPINRELAX_CI_STRICT=1 a test CI must run
fails instead of being skipped.

Before, `.ci/run` printed a line and exited 0 without SLURM or chromium, and `pytest -m slurm`
without a cluster reported "skipped" with exit 0. The installer is stubbed: PATH holds only a
fake ``apt-get`` (failing, or succeeding without installing anything) and the few tools the
scripts use, so these tests never install anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BASH = shutil.which("bash")
TOOLS = ("bash", "dirname", "timeout", "env", "date", "cat")


def _stub_path(tmp_path: Path, apt_status: int, present: tuple[str, ...] = ()) -> Path:
    """A PATH folder with the scripts' tools, an ``apt-get`` that logs its arguments and exits
    ``apt_status``, a ``make`` that logs its call, and fake ``present`` commands."""
    stub = tmp_path / "bin"
    stub.mkdir()
    for tool in TOOLS:
        (stub / tool).symlink_to(shutil.which(tool))
    fakes = {"apt-get": f'echo "apt-get $*" >>"{tmp_path}/calls"; exit {apt_status}',
             "make": f'echo "make $*" >>"{tmp_path}/calls"'}  # fmt: skip
    fakes.update({name: "exit 0" for name in present})
    for name, body in fakes.items():
        (stub / name).write_text(f"#!{BASH}\n{body}\n")
        (stub / name).chmod(0o755)
    return stub


def _run(script: str, tmp_path: Path, stub: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(stub), "CI_LOG_DIR": str(tmp_path), "HOME": str(tmp_path)}
    return subprocess.run(
        [BASH, str(REPO / script)], capture_output=True, text=True, env=env, timeout=60,
        check=False,
    )  # fmt: skip


def _calls(tmp_path: Path) -> list[str]:
    calls = tmp_path / "calls"
    return calls.read_text().splitlines() if calls.exists() else []


SLURM_COMMANDS = ("slurmctld", "slurmdbd", "sbatch", "sacct", "sinfo", "munged", "mariadbd")


def test_require_fails_with_the_reason_when_apt_get_fails(tmp_path):
    done = _run(".ci/require", tmp_path, _stub_path(tmp_path, apt_status=100))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"ci: chromium could not be installed: apt-get update failed (see {tmp_path}/"
        "ci-require-chromium.log); the tests that need it cannot run"
    )
    assert _calls(tmp_path) == ["apt-get update -qq"]


def test_require_fails_when_slurm_cannot_be_installed(tmp_path):
    done = _run(".ci/require", tmp_path, _stub_path(tmp_path, 100, present=("chromium",)))
    assert done.returncode == 1
    assert "ci: slurm could not be installed: apt-get update failed" in done.stderr
    assert "chromium" not in " ".join(_calls(tmp_path))


def test_require_fails_when_the_install_leaves_the_commands_missing(tmp_path):
    done = _run(".ci/require", tmp_path, _stub_path(tmp_path, apt_status=0))
    assert done.returncode == 1
    assert "ci: chromium: 'chromium' still missing after apt-get install chromium" in done.stderr
    assert _calls(tmp_path) == ["apt-get update -qq", "apt-get install -y -qq chromium"]


def test_require_passes_without_installing_when_everything_is_there(tmp_path):
    stub = _stub_path(tmp_path, 100, present=("chromium", *SLURM_COMMANDS))
    done = _run(".ci/require", tmp_path, stub)
    assert done.returncode == 0, done.stderr
    assert _calls(tmp_path) == []


def test_ci_run_stops_before_the_tests_when_requirements_fail(tmp_path):
    done = _run(".ci/run", tmp_path, _stub_path(tmp_path, apt_status=100))
    assert done.returncode == 1
    assert "ci: chromium could not be installed" in done.stderr
    assert not any(call.startswith("make") for call in _calls(tmp_path))


def _pytest(tmp_path: Path, strict: bool, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SPINRELAX_CI_STRICT"}
    env["PATH"] = str(tmp_path)  # no sbatch, no chromium
    if strict:
        env["SPINRELAX_CI_STRICT"] = "1"
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-rA",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
    ]
    return subprocess.run(
        [*cmd, *args], cwd=REPO, capture_output=True, text=True, env=env, timeout=300, check=False
    )


SLURM_TEST = (
    "tests/slurm/test_slurm_cluster.py::test_jobs_went_through_slurm_and_its_accounting_shows_them"
)
BROWSER_TEST = "tests/report/test_report.py::test_the_report_renders_offline_in_a_headless_browser"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("-m", "slurm", SLURM_TEST), "SLURM is not installed"),
        ((BROWSER_TEST,), "chromium is not installed"),
    ],
)
def test_a_required_test_fails_under_ci_strict_and_skips_elsewhere(tmp_path, args, reason):
    relaxed = _pytest(tmp_path, False, *args)
    assert relaxed.returncode == 0, relaxed.stdout[-2000:]
    assert "1 skipped" in relaxed.stdout and reason in relaxed.stdout
    strict = _pytest(tmp_path, True, *args)
    assert strict.returncode == 1, strict.stdout[-2000:]
    assert "required in CI (SPINRELAX_CI_STRICT=1) but could not run: " + reason in strict.stdout
    assert "skipped" not in strict.stdout
