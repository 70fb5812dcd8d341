"""Read a Quantum Design DC magnetisation-decay file (moment against time) into readings.

Formats (detected from the ``[Data]`` column header, never from the file name):

- MPMS3 DC/VSM (MultiVu MPMS3 1.1; e.g. the DC-relaxation example of
  github.com/jhilgar/qdsquid-dataplot): ``Time Stamp (sec)``, ``Temperature (K)``,
  ``Magnetic Field (Oe)`` and the moment in ``DC Moment Free Ctr (emu)`` (default) or
  ``DC Moment Fixed Ctr (emu)`` (the DC scan fitted with the centre free or fixed; on the real
  file the two differ by 2.5 %), each with its ``DC Moment Err ...`` column. A VSM-mode MPMS3
  file has ``Moment (emu)`` instead (``moment="vsm"``).
- MPMS-XL (MPMS MultiVu): ``Time``, ``Field (Oe)``, ``Temperature (K)``, ``Long Moment (emu)``
  and ``Long Scan Std Dev`` (checked on a real XL DC M(T) file of qdsquid-dataplot's examples;
  no real XL decay file has been checked).

The header is read by :func:`spinrelax.io.qd_header.parse_qd_header` and the rows by
:func:`spinrelax.io.rows.parse_rows`, as for ac files: rows read = used + rejected (reason per
row). Moments stay in emu, times in s, fields in Oe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.io.qd_header import parse_qd_header
from spinrelax.io.rows import normalise_name, parse_rows
from spinrelax.io.text_lines import TextFile, read_text_file

#: Moment choices -> (format, moment column, its error column).
MOMENT_COLUMNS: dict[str, tuple[str, str, str]] = {
    "free": ("MPMS3", "DC Moment Free Ctr (emu)", "DC Moment Err Free Ctr (emu)"),
    "fixed": ("MPMS3", "DC Moment Fixed Ctr (emu)", "DC Moment Err Fixed Ctr (emu)"),
    "vsm": ("MPMS3", "Moment (emu)", "M. Std. Err. (emu)"),
    "long": ("MPMS_XL", "Long Moment (emu)", "Long Scan Std Dev"),
}
#: Default moment column per format (``free``: the DC scan fit with the centre free follows a
#: sample that moves as the rod cools; MPMS3 users' usual choice).
DEFAULT_MOMENT: dict[str, str] = {"MPMS3": "free", "MPMS_XL": "long"}
#: Time, temperature and field columns per format.
AXIS_COLUMNS: dict[str, dict[str, str]] = {
    "MPMS3": {
        "time_s": "Time Stamp (sec)",
        "T_K": "Temperature (K)",
        "H_Oe": "Magnetic Field (Oe)",
        "comment": "Comment",
    },
    "MPMS_XL": {
        "time_s": "Time",
        "T_K": "Temperature (K)",
        "H_Oe": "Field (Oe)",
        "comment": "Comment",
    },
}
#: Columns of :attr:`DcFileData.readings`.
READING_COLUMNS: tuple[str, ...] = ("line", "time_s", "T_K", "H_Oe", "moment_emu", "moment_err_emu")


@dataclass(frozen=True)
class DcFileData:
    """One DC decay file: readings (file order, 1-based ``line``), metadata, rejected rows."""

    path: str
    format: str
    moment: str
    moment_column: str
    title: str
    byapp: str
    sample_mass_mg: float | None
    molar_mass_g_per_mol: float | None
    readings: pd.DataFrame
    rejected: pd.DataFrame
    rows_read: int
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _index_of(lines: list[str], name: str, start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip().lower() == name.lower():
            return i
    return None


def _columns_at(lines: list[str], start: int) -> tuple[int, list[str]] | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            columns = [c.strip() for c in lines[i].split(",")]
            while columns and columns[-1] == "":
                columns.pop()
            return i, columns
    return None


def dc_format(columns: list[str]) -> str | None:
    """``MPMS3`` or ``MPMS_XL`` when the column header holds a DC moment against time, else
    None (e.g. an ac file)."""
    present = {normalise_name(c) for c in columns}
    for fmt, axes in AXIS_COLUMNS.items():
        axes_ok = all(normalise_name(c) in present for k, c in axes.items() if k != "comment")
        moments = [m for m, (f, col, _) in MOMENT_COLUMNS.items() if f == fmt]
        if axes_ok and any(normalise_name(MOMENT_COLUMNS[m][1]) in present for m in moments):
            return fmt
    return None


def _has_numbers(rows: list[list[str]], index: int) -> bool:
    return any(len(f) > index and f[index].strip() for f in rows)


def is_dc_file(path: str | Path) -> bool:
    """True when ``path`` is a Quantum Design file whose first data rows hold a DC moment
    against time: a DC moment column (free/fixed centre, MPMS-XL long moment) with numbers, or
    the VSM ``Moment (emu)`` with numbers while no frequency column has any (the MPMS3 writes
    every column in every mode, and a PPMS ACMS file has a ``Moment (emu)`` of its own)."""
    try:
        return is_dc_text(read_text_file(path).lines)
    except (OSError, InputFormatError):
        return False


def is_dc_text(lines: list[str]) -> bool:
    """Whether the lines of a file are a DC decay file (the rule of :func:`is_dc_file`)."""
    return dc_moment_choice(lines) is not None


def dc_moment_choice(lines: list[str]) -> str | None:
    """The first moment choice of :data:`MOMENT_COLUMNS` (in its order: the DC-scan moments
    before the VSM one) whose column holds numbers in the first data rows of a DC decay file
    (the rule of :func:`is_dc_file`), else None."""
    head = _index_of(lines, "[Header]", 0)
    data_at = None if head is None else _index_of(lines, "[Data]", head + 1)
    found = None if data_at is None else _columns_at(lines, data_at + 1)
    if found is None or (fmt := dc_format(found[1])) is None:
        return None
    col_at, columns = found
    names = [normalise_name(c) for c in columns]
    rows = [text.split(",") for text in lines[col_at + 1 : col_at + 50]]
    ac = any(_has_numbers(rows, i) for i, n in enumerate(names) if "Frequency" in n)
    for choice, (f, column, _) in MOMENT_COLUMNS.items():
        name = normalise_name(column)
        if f != fmt or name not in names or (choice == "vsm" and ac):
            continue
        if _has_numbers(rows, names.index(name)):
            return choice
    return None


def read_dc_file(
    path: str | Path,
    *,
    moment: str | None = None,
    display_name: str | None = None,
    text: TextFile | None = None,
) -> DcFileData:
    """Read one DC decay file; ``moment`` picks the moment column (:data:`MOMENT_COLUMNS`,
    default :data:`DEFAULT_MOMENT` of the format); ``text``: the file's lines when already
    read (the file is not read again).

    Raises :class:`~spinrelax.errors.InputFormatError` (one line: file, line, column) for a
    file that is not a Quantum Design DC file or lacks the chosen column; bad rows are returned
    in ``rejected`` with reasons.
    """
    name = display_name if display_name is not None else str(path)
    if text is None:
        if Path(path).is_dir() or not Path(path).exists():
            raise InputFormatError(
                "is a directory, not a file" if Path(path).is_dir() else "no such file", file=name
            )
        text = read_text_file(path)
    lines = text.lines
    if not any(s.strip() for s in lines):
        raise InputFormatError("empty file", file=name)
    head = _index_of(lines, "[Header]", 0)
    if head is None:
        raise InputFormatError("not a Quantum Design .dat file (no [Header] line)", file=name)
    data_at = _index_of(lines, "[Data]", head + 1)
    if data_at is None:
        raise InputFormatError("no [Data] section after [Header]", file=name)
    header = parse_qd_header(lines[head + 1 : data_at], first_line=head + 2)
    found = _columns_at(lines, data_at + 1)
    if found is None:
        raise InputFormatError("no column header after [Data]", file=name, line=data_at + 1)
    col_at, columns = found
    fmt = dc_format(columns)
    if fmt is None:
        raise InputFormatError(
            "no decay: not a DC magnetisation file (no time, temperature, field and DC moment "
            "columns of an MPMS3 or MPMS-XL DC export)",
            file=name,
            line=col_at + 1,
        )
    choice = moment or DEFAULT_MOMENT[fmt]
    if choice not in MOMENT_COLUMNS or MOMENT_COLUMNS[choice][0] != fmt:
        options = ", ".join(m for m, v in MOMENT_COLUMNS.items() if v[0] == fmt)
        raise InputFormatError(
            f"moment column choice {choice!r} is not one of this {fmt} file's ({options})",
            file=name,
        )
    _, m_col, err_col = MOMENT_COLUMNS[choice]
    present = {normalise_name(c) for c in columns}
    if normalise_name(m_col) not in present:
        raise InputFormatError(
            "missing from the [Data] column header", file=name, line=col_at + 1, column=m_col
        )
    axes = AXIS_COLUMNS[fmt]
    mapping = {q: c for q, c in axes.items() if q != "comment"} | {"moment_emu": m_col}
    if normalise_name(err_col) in present:
        mapping["moment_err_emu"] = err_col
    numbered = [(i + 1, lines[i]) for i in range(col_at + 1, len(lines))]
    parsed = parse_rows(
        numbered,
        columns,
        mapping,
        ["time_s", "T_K", "H_Oe", "moment_emu"],
        comment_column=axes["comment"],
        unterminated_line=text.unterminated_line,
    )
    pts = parsed.points
    n = len(pts)
    if n == 0 and moment is None and choice != "vsm":
        vsm = normalise_name(MOMENT_COLUMNS["vsm"][1])
        names = [normalise_name(c) for c in columns]
        rows = [t.split(",") for _, t in numbered]
        if vsm in names and _has_numbers(rows, names.index(vsm)):
            raise InputFormatError(
                f"no decay: empty on every row, while {MOMENT_COLUMNS['vsm'][1]!r} holds "
                "readings (a VSM measurement: fit-waveform reads a waveform file, "
                "--moment vsm a VSM-mode decay)",
                file=name,
                line=col_at + 1,
                column=m_col,
            )
    readings = pd.DataFrame(
        {
            "line": pts["line"].to_numpy(dtype=np.int64),
            **{
                q: pts[q].to_numpy(dtype=float) if q in pts else np.full(n, np.nan)
                for q in READING_COLUMNS[1:]
            },
        }
    )
    bad_T = readings["T_K"].to_numpy() <= 0
    rejected = list(parsed.rejected) + [
        (int(line), "temperature <= 0 K") for line in readings["line"].to_numpy()[bad_T]
    ]
    readings = readings.loc[~bad_T].reset_index(drop=True)
    return DcFileData(
        path=name,
        format=fmt,
        moment=choice,
        moment_column=m_col,
        title=header.title,
        byapp=header.byapp,
        sample_mass_mg=header.sample_mass_mg,
        molar_mass_g_per_mol=header.molar_mass_g_per_mol,
        readings=readings,
        rejected=pd.DataFrame(
            {
                "line": np.array([r[0] for r in sorted(rejected)], dtype=np.int64),
                "reason": pd.Series([r[1] for r in sorted(rejected)], dtype=object),
            }
        ),
        rows_read=parsed.rows_read,
        warnings=header.warnings,
    )
