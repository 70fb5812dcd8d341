"""``spinrelax --version``: the release, and the commit in a git checkout."""

import subprocess
import sys
from pathlib import Path

from spinrelax import __version__
from spinrelax.version import checkout_commit, version_string

REPO = Path(__file__).resolve().parents[2]


def test_version_names_release_and_commit_in_a_checkout():
    proc = subprocess.run(
        [sys.executable, "-m", "spinrelax", "--version"], capture_output=True, text=True, check=True
    )
    out = proc.stdout.strip()
    assert out.startswith(f"spinrelax {__version__}")
    if (REPO / ".git").exists():
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert f"(commit {head}" in out


def test_no_commit_outside_a_checkout(tmp_path):
    package = tmp_path / "site-packages" / "spinrelax"
    package.mkdir(parents=True)
    assert checkout_commit(package) is None
    assert version_string().startswith(f"spinrelax {__version__}")
