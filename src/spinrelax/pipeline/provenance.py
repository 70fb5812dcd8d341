"""Provenance of a run: the sidecar (``results/provenance.json``) with versions, commit, config
hash and input-file hashes (the output manifest is :mod:`spinrelax.pipeline.manifest`).

The sidecar (``results/provenance.json``, :func:`provenance_record`) records the package and
dependency versions, the git commit (``"unknown"`` outside a git checkout), the sha256 of the
analysis configuration and the sha256 of every input file. It holds no time stamp or host name,
so two runs from the same checkout give the same bytes.
"""

from __future__ import annotations

import json
import platform
import subprocess
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from spinrelax import __version__
from spinrelax.errors import InputFormatError
from spinrelax.pipeline.manifest import relative_posix, sha256_file, sha256_text

#: Dependencies whose versions the sidecar records.
RECORDED_DISTRIBUTIONS = (
    "numpy",
    "scipy",
    "pandas",
    "lmfit",
    "matplotlib",
    "pyarrow",
    "snakemake",
)


def _git(repo: str | Path, *args: str) -> subprocess.CompletedProcess | None:
    """``git -C repo args...``, or None when git cannot run (not installed, timed out)."""
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def git_commit(repo: str | Path) -> str:
    """HEAD commit of the git checkout at ``repo``, or ``"unknown"`` (no git, not a checkout)."""
    done = _git(repo, "rev-parse", "--verify", "HEAD")
    commit = done.stdout.strip() if done is not None else ""
    return commit if done is not None and done.returncode == 0 and len(commit) == 40 else "unknown"


def git_dirty(repo: str | Path) -> bool | None:
    """True when tracked files differ from HEAD, None when ``repo`` is not a git checkout."""
    done = _git(repo, "status", "--porcelain", "--untracked-files=no")
    if done is None or done.returncode != 0:
        return None
    return bool(done.stdout.strip())


def config_sha256(config: Mapping) -> str:
    """sha256 of the configuration as canonical JSON (sorted keys, no whitespace)."""
    return sha256_text(json.dumps(config, sort_keys=True, separators=(",", ":"), default=str))


def distribution_versions(names: Iterable[str] = RECORDED_DISTRIBUTIONS) -> dict[str, str]:
    """Installed version of each named distribution (``"not installed"`` when absent)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def relative_name(path: str | Path, repo: str | Path) -> str:
    """Name of ``path`` as the sidecar records it: POSIX path relative to ``repo`` when inside
    it, else absolute."""
    return relative_posix(Path(path).resolve(), Path(repo))


def expand_input_globs(patterns: Iterable[str], repo: str | Path) -> dict[str, str]:
    """Files matched by glob ``patterns`` (relative to ``repo`` or absolute; ``**`` recurses
    without loops: :func:`spinrelax.io.raw_files.glob_files`).

    Returns name -> absolute path, sorted by name, where the name is the path relative to
    ``repo`` (absolute when outside it). Folders are skipped.
    """
    from spinrelax.io.raw_files import glob_files

    repo = Path(repo).resolve()
    found = {}
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(repo / pattern)
        for match in glob_files(full):
            path = Path(match).resolve()
            if path.is_file():
                found[relative_posix(path, repo)] = str(path)
    return dict(sorted(found.items()))


def provenance_record(
    *,
    config_digest: str,
    input_files: Mapping[str, str | Path],
    commit: str,
    dirty: bool | None,
) -> dict[str, object]:
    """The provenance sidecar: versions, git state, config hash and input file hashes.

    ``config_digest`` is the :func:`config_sha256` of the analysis configuration (the workflow
    passes the digest, not the configuration, so no configuration string reaches the HTML
    report through the rule's parameters). ``input_files`` maps the name recorded (e.g. the
    repository-relative path) to the file to hash. No time stamp or host name is recorded, so
    the record is reproducible from the same checkout.
    """
    inputs = {}
    for name, path in input_files.items():
        if not Path(path).is_file():
            raise InputFormatError("input file for provenance does not exist", file=path)
        inputs[str(name)] = sha256_file(path)
    return {
        "spinrelax_version": __version__,
        "python_version": platform.python_version(),
        "dependencies": distribution_versions(),
        "git_commit": commit,
        "git_dirty": dirty,
        "config_sha256": config_digest,
        "input_files_sha256": dict(sorted(inputs.items())),
    }


def write_json(record: Mapping, path: str | Path) -> None:
    """Write ``record`` as sorted, indented UTF-8 JSON with a final newline."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, sort_keys=True, indent=2) + "\n", encoding="utf-8")
