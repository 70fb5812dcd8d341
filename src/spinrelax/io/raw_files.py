"""Locate a sample's raw files from its sample-sheet ``raw_glob`` (used by the ingest rules)."""

from __future__ import annotations

import dataclasses
import glob
from pathlib import Path

from spinrelax.errors import InputFormatError
from spinrelax.io.sample_sheet import sample_metadata


def matching_raw_files(raw_glob: str, repo: str | Path) -> list[str]:
    """Sorted files matching ``raw_glob`` (relative to ``repo`` unless absolute; ``**``
    recurses); empty when none match."""
    pattern = raw_glob if Path(raw_glob).is_absolute() else str(Path(repo) / raw_glob)
    return sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file())


def sample_raw_files(sample_id: str, raw_glob: str, repo: str | Path) -> list[str]:
    """:func:`matching_raw_files`; raises :class:`InputFormatError` naming the sample and glob
    when none match."""
    files = matching_raw_files(raw_glob, repo)
    if not files:
        raise InputFormatError(
            f"sample {sample_id!r}: raw_glob {raw_glob!r} matches no file (relative to {repo})"
        )
    return files


def display_name(path: str | Path, repo: str | Path) -> str:
    """``path`` relative to ``repo`` when inside it (as stored in tables), else absolute."""
    p = Path(path).resolve()
    root = Path(repo).resolve()
    return str(p.relative_to(root)) if p.is_relative_to(root) else str(p)


def sample_metadata_params(row) -> dict[str, float | None]:
    """Mass, molar mass and diamagnetic terms of a sample-sheet row as plain values, for a
    Snakemake ``params:`` entry (so a sheet edit reruns only that sample's ingest job)."""
    return dataclasses.asdict(sample_metadata(row))
