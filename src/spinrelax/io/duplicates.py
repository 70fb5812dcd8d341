"""Repeated raw data: one file reached twice, a copy, a block repeated inside a file, or the
same measured points in two files.

A copy of a raw file inside a sample's ``raw_glob`` (``run.dat`` and ``run (1).dat``), a
symbolic link to it, or the same block of rows twice in one file would count its spectra twice
and shrink every error bar downstream. The checks (run by the ingest and by ``spinrelax
fit-ac``/``report`` on the files given together):

- the same file reached twice: the same *real path* (a symbolic link, the same path given
  twice); never allowed, whatever ``allow_repeats`` says (it is one measurement);
- copies: the same sha256 of the *data rows* (:mod:`spinrelax.io.file_identity`: header lines
  such as TITLE are excluded, so a copy with an edited title is still a copy), within a sample
  or across samples (:func:`check_file_identities`, :func:`check_cross_sample_repeats`);
- a repeated block: used rows of one file identical to earlier rows of that file
  (:func:`check_repeated_rows`);
- identical points: rows of two different files of one sample with exactly the same
  (T_K, H_Oe, freq_Hz) as read from the files (:func:`repeated_points`). Instrument readings of
  temperature and field carry many digits, so an exact match means copied data; files that
  store nominal values (a tidy CSV with T = 2.0) repeat them legitimately.

Each stops the run with a :class:`RepeatedDataError` naming every path, unless the repeats are
declared intended (sample-sheet column or per-sample setting ``allow_repeats``, CLI flag
``--allow-repeats``). Allowed repeats are kept as repeats: every file keeps its own spectra,
each fitted on its own, and each spectrum's tau enters the rate-law fits as its own point (a
repeat counts as a second measurement, as intended); :func:`repeat_notes` lists them for the
logs and reports. The ingest summary lists every file's sha256.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.io.file_identity import FileIdentity

#: Point columns compared by :func:`repeated_points`.
POINT_KEY: tuple[str, ...] = ("T_K", "H_Oe", "freq_Hz")
_HINT = (
    "remove the copy, or set allow_repeats to true for the sample in the sample sheet if the "
    "repeat is intended"
)
#: The same advice for the command line.
CLI_HINT = "remove the copy, or give --allow-repeats if the repeat is intended"


class RepeatedDataError(InputFormatError):
    """The same raw file, or the same measured points, entered twice."""


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


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def check_file_identities(
    identities: Sequence[FileIdentity], *, allow: bool, where: str = "", hint: str = _HINT
) -> None:
    """Raise :class:`RepeatedDataError` naming every path of the first file reached twice
    (same real path: always) or copied (same data rows: unless ``allow``). ``where`` prefixes
    the message (e.g. ``"sample 'A': "``)."""
    by_path: dict[str, list[str]] = {}
    by_data: dict[str, list[str]] = {}
    for ident in sorted(identities, key=lambda i: i.name):
        by_path.setdefault(ident.real_path, []).append(ident.name)
        by_data.setdefault(ident.data_sha256, []).append(ident.name)
    for real, names in by_path.items():
        if len(names) > 1:
            raise RepeatedDataError(
                f"{where}one file is given {len(names)} times: {_names(names)} (all are "
                f"{real}): its spectra would count twice; give each file once",
                file=names[-1],
            )
    if allow:
        return
    for digest, names in by_data.items():
        if len(names) > 1:
            raise RepeatedDataError(
                f"{where}{len(names)} files hold the same data rows: {_names(names)} (data "
                f"sha256 {digest[:16]}..., header lines such as TITLE not compared): their "
                f"spectra would count twice; {hint}",
                file=names[-1],
            )


def check_repeated_rows(
    name: str,
    pairs: Sequence[tuple[int, int]],
    *,
    allow: bool,
    where: str = "",
    hint: str = _HINT,
) -> None:
    """Raise :class:`RepeatedDataError` at the first row of ``name`` repeating an earlier row
    (``pairs``: (earlier line, line), :func:`~spinrelax.io.file_identity.repeated_rows`),
    unless ``allow``."""
    if allow or not pairs:
        return
    first, line = pairs[0]
    raise RepeatedDataError(
        f"{where}{len(pairs)} data row(s) repeat earlier rows of the same file exactly "
        f"(line {line} = line {first}, lines {pairs[0][1]}-{pairs[-1][1]} repeat lines "
        f"{pairs[0][0]}-{pairs[-1][0]}): the same readings would count twice; {hint}",
        file=name,
        line=line,
    )


def repeat_notes(
    identities: Sequence[FileIdentity], repeated: dict[str, tuple[tuple[int, int], ...]]
) -> list[str]:
    """One line per allowed repeat (files with the same data rows; files with repeated rows),
    for the logs and the report."""
    by_data: dict[str, list[str]] = {}
    for ident in sorted(identities, key=lambda i: i.name):
        by_data.setdefault(ident.data_sha256, []).append(ident.name)
    notes = [
        f"repeats allowed: {_names(names)} hold the same data rows; each keeps its own spectra"
        for names in by_data.values()
        if len(names) > 1
    ]
    notes += [
        f"repeats allowed: {len(pairs)} row(s) of {name} repeat earlier rows of the file "
        f"(lines {pairs[0][1]}-{pairs[-1][1]})"
        for name, pairs in sorted(repeated.items())
        if pairs
    ]
    return notes


def check_sample_repeats(
    where: str, points: pd.DataFrame, *, allow: bool, hint: str = _HINT
) -> None:
    """Raise :class:`RepeatedDataError` for the first point of one sample repeated in another
    file (see module docstring); nothing when there is none or ``allow`` is true."""
    if allow:
        return
    pairs = repeated_points(points)
    if len(pairs):
        p = pairs.iloc[0]
        n = int((pairs["file_a"] == p["file_a"]).sum())
        raise RepeatedDataError(
            f"{where}the point (T = {float(p['T_K']):.10g} K, "
            f"H = {float(p['H_Oe']):.10g} Oe, f = {float(p['freq_Hz']):.10g} Hz) is also at "
            f"{p['file_a']}:{int(p['line_a'])} "
            f"({n} identical points in the two files): copied data would count twice; {hint}",
            file=p["file_b"],
            line=int(p["line_b"]),
        )


def check_cross_sample_repeats(identities: pd.DataFrame, allow: Mapping[str, bool]) -> None:
    """Raise :class:`RepeatedDataError` naming every path when two samples read the same file
    (real path) or files with the same data rows (``identities``: ``sample``, ``file``,
    ``real_path``, ``data_sha256``), unless every sample involved allows repeats (one real
    file in two samples is never allowed)."""
    rows = identities.sort_values(["sample", "file"], kind="stable")
    for key, what in (("real_path", "the same file"), ("data_sha256", "the same data rows")):
        for value, group in rows.groupby(key, sort=True):
            samples = sorted(set(group["sample"]))
            if len(samples) < 2:
                continue
            if key == "data_sha256" and all(allow.get(s, False) for s in samples):
                continue
            paths = _names(
                [f"{s}: {f}" for s, f in group[["sample", "file"]].itertuples(index=False)]
            )
            raise RepeatedDataError(
                f"samples {', '.join(repr(s) for s in samples)} read {what} ({paths}; "
                f"{key} {str(value)[:16]}...): its spectra would count in several samples; "
                + ("give the file to one sample" if key == "real_path" else _HINT),
                file=str(group["file"].iloc[-1]),
            )
