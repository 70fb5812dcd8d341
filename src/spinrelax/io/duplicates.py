"""Repeated raw data: the same file twice, or the same measured points in two files.

A copy of a raw file inside a sample's ``raw_glob`` (``run.dat`` and ``run (1).dat``) would
count its spectra twice and shrink every error bar downstream. Two checks, run by the ingest:

- identical raw files: the same sha256 of the bytes (:func:`file_sha256`), within a sample or
  across samples (:func:`repeated_files`);
- identical points: rows of two different files of one sample with exactly the same
  (T_K, H_Oe, freq_Hz) as read from the files (:func:`repeated_points`). Instrument readings of
  temperature and field carry many digits, so an exact match means copied data; files that
  store nominal values (a tidy CSV with T = 2.0) repeat them legitimately.

Either stops the run with a :class:`RepeatedDataError` naming both files, unless the sample sheet
marks the sample's repeats as intended (column ``allow_repeats`` true), in which case both are
used. The ingest summary lists every file's sha256, so repeats stay visible.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from spinrelax.errors import InputFormatError

#: Point columns compared by :func:`repeated_points`.
POINT_KEY: tuple[str, ...] = ("T_K", "H_Oe", "freq_Hz")
_HINT = (
    "remove the copy, or set allow_repeats to true for the sample in the sample sheet if the "
    "repeat is intended"
)


class RepeatedDataError(InputFormatError):
    """The same raw file, or the same measured points, entered twice."""


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of the bytes of the file at ``path``."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def repeated_files(hashes: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """``(first, second, sha256)`` for every file whose content equals an earlier one's
    (``hashes``: file name -> sha256; names sorted)."""
    seen: dict[str, str] = {}
    pairs = []
    for name in sorted(hashes):
        digest = hashes[name]
        if digest in seen:
            pairs.append((seen[digest], name, digest))
        else:
            seen[digest] = name
    return pairs


def repeated_points(points: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``points`` (columns ``file``, ``line`` and :data:`POINT_KEY`) whose key also
    occurs in another file: one row per pair with ``file_a, line_a, file_b, line_b`` and the
    key, ``file_a`` < ``file_b``, first occurrence per file pair first."""
    cols = ["file", "line", *POINT_KEY]
    rows = points[cols].sort_values(["file", "line"], kind="stable")
    rows = rows[rows.duplicated(list(POINT_KEY), keep=False)]
    pairs = rows.merge(rows, on=list(POINT_KEY), suffixes=("_a", "_b"))
    pairs = pairs[pairs["file_a"] < pairs["file_b"]]
    pairs = pairs.sort_values(["file_a", "file_b", "line_a", "line_b"], kind="stable")
    return pairs[["file_a", "line_a", "file_b", "line_b", *POINT_KEY]].reset_index(drop=True)


def check_sample_repeats(
    sample_id: str, hashes: Mapping[str, str], points: pd.DataFrame, *, allow: bool
) -> None:
    """Raise :class:`RepeatedDataError` for the first repeated file or point of one sample
    (see module docstring); nothing when there is none or ``allow`` is true."""
    if allow:
        return
    for first, second, digest in repeated_files(hashes):
        raise RepeatedDataError(
            f"sample {sample_id!r}: {second} has the same content as {first} "
            f"(sha256 {digest[:16]}...): its spectra would count twice; {_HINT}",
            file=second,
        )
    pairs = repeated_points(points)
    if len(pairs):
        p = pairs.iloc[0]
        n = int((pairs["file_a"] == p["file_a"]).sum())
        raise RepeatedDataError(
            f"sample {sample_id!r}: the point (T = {float(p['T_K']):.10g} K, "
            f"H = {float(p['H_Oe']):.10g} Oe, f = {float(p['freq_Hz']):.10g} Hz) is also at "
            f"{p['file_a']}:{int(p['line_a'])} "
            f"({n} identical points in the two files): copied data would count twice; {_HINT}",
            file=p["file_b"],
            line=int(p["line_b"]),
        )


def check_cross_sample_repeats(summary: pd.DataFrame, allow: Mapping[str, bool]) -> None:
    """Raise :class:`RepeatedDataError` when two samples read files of identical content
    (``summary``: the ingest summary with ``sample``, ``file``, ``sha256``), unless both
    samples allow repeats."""
    rows = summary.sort_values(["sample", "file"], kind="stable")
    first: dict[str, tuple[str, str]] = {}
    for sample, name, digest in rows[["sample", "file", "sha256"]].itertuples(index=False):
        if digest in first and first[digest][0] != sample:
            other_sample, other = first[digest]
            if not (allow.get(sample, False) and allow.get(other_sample, False)):
                raise RepeatedDataError(
                    f"samples {other_sample!r} and {sample!r} read files of identical content "
                    f"({other} and {name}, sha256 {digest[:16]}...); {_HINT}",
                    file=name,
                )
        first.setdefault(digest, (sample, name))


def allows_repeats(value: object) -> bool:
    """The sample sheet's ``allow_repeats`` cell as a bool: empty or missing is false."""
    if value is None or (isinstance(value, float) and value != value):
        return False
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "false", "no", "0"):
            return False
        if text in ("true", "yes", "1"):
            return True
        raise InputFormatError(f"allow_repeats must be true or false, got {value!r}")
    return bool(value)


def sample_hashes(files: Sequence[tuple[str | Path, str]]) -> dict[str, str]:
    """File name -> sha256 for ``(path, name)`` pairs."""
    return {name: file_sha256(path) for path, name in files}
