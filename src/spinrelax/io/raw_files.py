"""Locate a sample's raw files from its sample-sheet ``raw_glob`` (used by the ingest rules).

:func:`glob_files` expands a glob like :func:`glob.glob` (``*``, ``?``, ``[...]`` within one
path component, ``**`` for any depth, names starting with ``.`` only when the pattern's
component does), but walks each real folder once: ``glob.glob`` follows symbolic links to
folders, so a ``loop -> .`` link under ``**`` reads the same files dozens of times and two such
links take exponential time. Here a folder reached again through a link (a loop, or a second
path to a folder already searched) is not searched again; when files the glob matched lie in
it, the glob would have reached them twice and :class:`InputFormatError` names the link, the
folder and a file. Matches that are not files to read are refused too: a dangling symbolic
link (named with its target) and a FIFO, device or socket (:mod:`spinrelax.io.file_identity`).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import stat
from pathlib import Path

from spinrelax.errors import InputFormatError
from spinrelax.io.sample_sheet import sample_metadata

_MAGIC = frozenset("*?[")


def _matches(name: str, part: str) -> bool:
    if name.startswith(".") and not part.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, part)


def _children(folder: str) -> list[tuple[str, str, bool]]:
    """(path, name, is a folder) of the entries of ``folder`` ("" = the working folder)."""
    try:
        with os.scandir(folder or ".") as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return []
    out = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        out.append((os.path.join(folder, entry.name), entry.name, is_dir))
    return out


def _walk(
    base: str, parts: list[str], seen: dict[str, str], aliases: list[tuple[str, str]]
) -> list[str]:
    """Paths under ``base`` matching the components ``parts``; ``seen``: real folder -> first
    path searched by ``**``; ``aliases``: (link path, first path) of folders met again."""
    if not parts:
        return [base]
    part, rest = parts[0], parts[1:]
    if part == "**":
        seen.setdefault(os.path.realpath(base or "."), base)
        found = _walk(base, rest, seen, aliases) if rest else []
        for path, name, is_dir in _children(base):
            if name.startswith("."):
                continue
            if not is_dir:
                found += [] if rest else [path]
                continue
            real = os.path.realpath(path)
            if real in seen:
                aliases.append((path, seen[real]))
                continue
            seen[real] = path
            found += _walk(path, parts, seen, aliases)
        return found
    if not any(c in _MAGIC for c in part):
        path = os.path.join(base, part)
        return _walk(path, rest, seen, aliases) if os.path.lexists(path) else []
    found = []
    for path, name, is_dir in _children(base):
        if _matches(name, part) and (not rest or is_dir):
            found += _walk(path, rest, seen, aliases)
    return found


def glob_files(pattern: str) -> list[str]:
    """Sorted paths matching ``pattern`` that are not folders (see the module docstring);
    raises :class:`InputFormatError` for a folder reached twice holding matches, a dangling
    link or a match that is not a regular file."""
    anchor = os.sep if pattern.startswith(os.sep) else ""
    parts = [p for p in pattern.split(os.sep) if p not in ("", ".")]
    start = anchor
    seen: dict[str, str] = {}
    aliases: list[tuple[str, str]] = []
    found = sorted(set(_walk(start, parts, seen, aliases)))
    files = []
    for path in found:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise InputFormatError(
                f"dangling symbolic link matched by {pattern!r}: its target "
                f"{os.readlink(path)!r} does not exist",
                file=path,
            ) from None
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            raise InputFormatError(
                f"matched by {pattern!r} but not a regular file (FIFO, device or socket)",
                file=path,
            )
        files.append(path)
    for link, first in aliases:
        prefix = first.rstrip(os.sep) + os.sep if first not in ("", ".") else ""
        inside = [f for f in files if f.startswith(prefix)]
        if inside:
            again = os.path.join(link, inside[0][len(prefix) :])
            raise InputFormatError(
                f"{pattern!r} reaches the folder {first!r} a second time through the link "
                f"{link!r}, so its files would be read twice (e.g. {inside[0]} as {again}): "
                "remove the link or narrow the glob",
                file=link,
            )
    return files


def matching_raw_files(raw_glob: str, repo: str | Path) -> list[str]:
    """Sorted files matching ``raw_glob`` (relative to ``repo`` unless absolute; ``**``
    recurses without following a link into a folder already searched, see
    :func:`glob_files`); empty when none match."""
    pattern = raw_glob if Path(raw_glob).is_absolute() else str(Path(repo) / raw_glob)
    return glob_files(pattern)


def sample_raw_files(sample_id: str, raw_glob: str, repo: str | Path) -> list[str]:
    """:func:`matching_raw_files`; raises :class:`InputFormatError` naming the sample and glob
    when none match."""
    files = matching_raw_files(raw_glob, repo)
    if not files:
        raise InputFormatError(
            f"sample {sample_id!r}: raw_glob {raw_glob!r} matches no file (relative to {repo})"
        )
    return files


def sample_extra_files(sample_id: str, column: str, pattern: object, repo: str | Path) -> list[str]:
    """Files of an optional glob column of the sample sheet (``dc_glob``, ``waveform_glob``):
    none for an empty cell; a glob that matches no file is an :class:`InputFormatError` naming
    the sample and the column."""
    if not isinstance(pattern, str) or not pattern.strip():
        return []
    files = matching_raw_files(pattern, repo)
    if not files:
        raise InputFormatError(
            f"sample {sample_id!r}: {column} {pattern!r} matches no file (relative to {repo})"
        )
    return files


def display_name(path: str | Path, repo: str | Path) -> str:
    """``path`` relative to ``repo`` when inside it (as stored in tables), else absolute.
    Symbolic links are not resolved: a link keeps its own name, so two paths to one file stay
    two names (:mod:`spinrelax.io.duplicates` compares their real paths)."""
    p = Path(os.path.abspath(path))
    root = Path(os.path.abspath(repo))
    return str(p.relative_to(root)) if p.is_relative_to(root) else str(p)


def sample_metadata_params(row) -> dict[str, float | None]:
    """Mass, molar mass and diamagnetic terms of a sample-sheet row as plain values, for a
    Snakemake ``params:`` entry (so a sheet edit reruns only that sample's ingest job)."""
    return dataclasses.asdict(sample_metadata(row))
