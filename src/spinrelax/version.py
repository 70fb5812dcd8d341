"""The version string of ``spinrelax --version``: the release, and the commit in a checkout.

A wheel install prints the release only (``spinrelax 0.3.0``); a git checkout (an editable
install) adds the commit and whether the work tree differs from it
(``spinrelax 0.3.0 (commit 1a2b3c4d5e6f, modified)``), so a result can name the exact code.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from spinrelax import __version__


def checkout_commit(package_dir: Path) -> tuple[str, bool] | None:
    """(commit, modified) of the git work tree holding ``package_dir``, or None outside one."""
    root = package_dir.resolve().parents[1]  # src/spinrelax -> the checkout
    if not (root / ".git").exists():
        return None
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return commit, bool(status.strip())


def version_string() -> str:
    """``spinrelax <release>`` plus `` (commit <sha>[, modified])`` in a git checkout."""
    text = f"spinrelax {__version__}"
    found = checkout_commit(Path(__file__).parent)
    if found is not None:
        commit, modified = found
        text += f" (commit {commit}{', modified' if modified else ''})"
    return text
