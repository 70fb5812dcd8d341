"""Read MPMS3 VSM waveform files: time stamp, temperature, field and moment of every reading.

Layout (Quantum Design MPMS3 ``.dat``, the ``[Header]`` / ``[Data]`` layout of
:mod:`spinrelax.io.qd_columns`): after ``[Data]`` one comma-separated column-name line, then one
reading per line. The columns read are ``Time Stamp (sec)``, ``Temperature (K)``,
``Magnetic Field (Oe)`` (or ``Field (Oe)``) and ``Moment (emu)``; the same names are read by
ccfit2's ``waveform`` module and qdsquid-dataplot's ``@WaveformData`` (learned from their public
code; nothing copied). A waveform file holds one or more blocks of a periodic (square or sine)
field, one drive period per block; :mod:`spinrelax.timedomain.waveform` analyses them.

Rows with an empty required value are not used and are listed in ``rejected`` with the reason;
a non-numeric value, a row with too few fields (a cut line) or a time stamp that goes back is
an :class:`~spinrelax.errors.InputFormatError` naming file, line and column.

:func:`is_waveform_file` tells a waveform file from the other Quantum Design exports by its
content (never its name): the VSM ``Moment (emu)`` column holds numbers while every ac signal
column (:data:`spinrelax.io.qd_columns.FORMAT_COLUMNS`) and DC-scan moment column
(:data:`spinrelax.io.dc_decay_reader.MOMENT_COLUMNS`) is empty, and the recorded field is a
drive (:func:`is_drive_field`): an MPMS3 writes every column in every mode and fills only those
of the measurement it made, so an ac file fills ``AC X'``, a DC-scan decay ``DC Moment Free
Ctr``, and a VSM-mode decay ``Moment (emu)`` in a field that is held, not driven.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.errors import InputFormatError
from spinrelax.io.dc_decay_reader import MOMENT_COLUMNS
from spinrelax.io.qd_columns import FORMAT_COLUMNS
from spinrelax.io.rows import normalise_name
from spinrelax.io.text_lines import TextFile, read_text_file

#: Quantity -> accepted column names (first found is used).
WAVEFORM_COLUMNS: dict[str, tuple[str, ...]] = {
    "time_s": ("Time Stamp (sec)",),
    "T_K": ("Temperature (K)",),
    "H_Oe": ("Magnetic Field (Oe)", "Field (Oe)"),
    "moment_emu": ("Moment (emu)",),
}
#: Columns whose numbers mean another measurement: the ac signals and the DC-scan moments.
OTHER_SIGNAL_COLUMNS: frozenset[str] = frozenset(
    [cols[q] for cols in FORMAT_COLUMNS.values() for q in ("real", "imag")]
    + [col for fmt, col, _ in MOMENT_COLUMNS.values() if col != "Moment (emu)"]
)
#: Smallest half-swing (Oe) of a recorded field that counts as a drive (as the analysis's
#: default ``min_field_amplitude_Oe``).
MIN_DRIVE_SWING_OE = 0.05
#: Largest temperature spread (K) over one level of a drive (from switch to switch).
DRIVE_T_SPAN_K = 0.5


@dataclass(frozen=True)
class WaveformFile:
    """Readings of one waveform file (rows with every required value), in file order.

    ``line`` is the 1-based file line of each reading; ``columns`` maps each quantity to the
    file's column name; ``rejected`` lists unused rows (``file``, ``line``, ``reason``).
    """

    file: str
    line: NDArray[np.int64]
    time_s: NDArray[np.float64]
    T_K: NDArray[np.float64]
    H_Oe: NDArray[np.float64]
    moment_emu: NDArray[np.float64]
    columns: dict[str, str]
    rejected: pd.DataFrame

    @property
    def rows_read(self) -> int:
        """Data rows read: the readings plus the rejected rows."""
        return int(self.line.size + len(self.rejected))


def _data_start(lines: list[str], file: str) -> int:
    """0-based index of the column-name line after ``[Data]``."""
    for i, text in enumerate(lines):
        if text.strip().lower() == "[data]":
            for j in range(i + 1, len(lines)):
                if lines[j].strip():
                    return j
            raise InputFormatError("no column-name line after [Data]", file=file, line=i + 1)
    raise InputFormatError("no [Data] section: not a Quantum Design .dat file", file=file)


def is_drive_field(H_Oe: NDArray[np.float64], T_K: NDArray[np.float64]) -> bool:
    """Whether a recorded field (with the temperature of each reading) is a periodic drive,
    square or sine, rather than a held field.

    With mid level m = (H_99 + H_1) / 2 and half-swing a = (H_99 - H_1) / 2 (1st and 99th
    percentiles): a >= :data:`MIN_DRIVE_SWING_OE`; the readings sit away from m (median
    |H - m| >= a / 2: at the two levels of a square wave, or mostly near the crests of a sine,
    median |sin| = 0.71, while noise about a held field piles up at m, median 0.29 a); the drive
    is balanced (between a quarter and three quarters of the readings above m), which a decay
    file is not (it stays in zero field after a short charging field); and the field goes from
    one level to the other and back at one temperature (within :data:`DRIVE_T_SPAN_K`), which
    a file of decays whose remanent field differs from one temperature to the next does not.
    Levels are told apart with hysteresis (below m - a/2, above m + a/2), and a drive holds
    each level for runs of readings (at most one level change per three readings away from m;
    noise about a held field, even spread evenly over +-a, changes level about every other one).
    """
    ok = np.isfinite(H_Oe) & np.isfinite(T_K)
    H, T = H_Oe[ok], T_K[ok]
    if H.size < 2:
        return False
    lo, hi = np.percentile(H, [1.0, 99.0])
    mid, half = 0.5 * (hi + lo), 0.5 * (hi - lo)
    if half < MIN_DRIVE_SWING_OE:
        return False
    above = float(np.mean(H > mid))
    if np.median(np.abs(H - mid)) < 0.5 * half or not 0.25 <= above <= 0.75:
        return False
    known = np.flatnonzero(np.abs(H - mid) > 0.5 * half)
    level = H[known] > mid
    switch = known[1:][level[1:] != level[:-1]]  # first reading at the new level
    if switch.size > known.size / 3:  # noise flips level at random; a drive holds each level
        return False
    return any(
        np.ptp(T[a - 1 : b + 1]) <= DRIVE_T_SPAN_K
        for a, b in zip(switch[:-1], switch[1:], strict=True)
    )


def _column_values(rows: list[list[str]], index: int) -> NDArray[np.float64]:
    """The numbers of one column (NaN where empty, missing or not a number)."""
    raw = pd.Series([f[index].strip() if len(f) > index else "" for f in rows], dtype=str)
    return pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)


def is_waveform_text(lines: list[str]) -> bool:
    """Whether the lines of a file are an MPMS3 VSM waveform file (module docstring)."""
    try:
        head = _data_start(lines, "")
    except InputFormatError:
        return False
    names = [normalise_name(c) for c in lines[head].split(",")]
    found = {q: next((c for c in cols if c in names), None) for q, cols in WAVEFORM_COLUMNS.items()}
    if None in found.values():
        return False
    body = [s for s in lines[head + 1 :] if s.strip()]
    at = names.index(found["moment_emu"])
    moment = _column_values([s.split(",", at + 1) for s in body], at)
    if not np.isfinite(moment).any():
        return False
    others = [i for i, name in enumerate(names) if name in OTHER_SIGNAL_COLUMNS]
    need = max([*others, *(names.index(c) for c in found.values())]) + 1
    rows = [s.split(",", need) for s in body]  # the fields after the last one read stay unsplit
    if any(np.isfinite(_column_values(rows, i)).any() for i in others):
        return False
    read = np.isfinite(moment)
    field = _column_values(rows, names.index(found["H_Oe"]))[read]
    return is_drive_field(field, _column_values(rows, names.index(found["T_K"]))[read])


def is_waveform_file(path: str | Path) -> bool:
    """Whether ``path`` is an MPMS3 VSM waveform file (False for a file that cannot be read)."""
    try:
        return is_waveform_text(read_text_file(path).lines)
    except (OSError, InputFormatError):
        return False


def _refuse_cut_last_line(
    body: list[tuple[int, str]], n_columns: int, unterminated: int | None, need: int, name: str
) -> None:
    """Raise when the file ends inside its last reading: a last line without a line break
    that has fewer fields than the row before it (or than the header) or whose last field is
    one of the ``need`` columns read (a value cut short, e.g. a moment ``1.23`` for
    ``1.2345e-05``, would still be a number)."""
    if not body or body[-1][0] != unterminated:
        return
    n_fields = body[-1][1].count(",") + 1
    width = body[-2][1].count(",") + 1 if len(body) > 1 else n_columns
    if n_fields < width or n_fields <= need:
        raise InputFormatError(
            f"row has {n_fields} of the {width} fields of a row and no line break (the file "
            "ends inside this line: its reading may be cut)",
            file=name,
            line=unterminated,
        )


def read_waveform_file(
    path: str | Path, *, display_name: str | None = None, text: TextFile | None = None
) -> WaveformFile:
    """Read the readings of a waveform file (see the module docstring for the rules);
    ``text``: the file's lines when already read (the file is not read again)."""
    name = display_name or str(path)
    text = read_text_file(path) if text is None else text
    lines = text.lines
    if not any(s.strip() for s in lines):
        raise InputFormatError("empty file", file=name)
    head = _data_start(lines, name)
    header = [c.strip() for c in lines[head].split(",")]
    index: dict[str, int] = {}
    columns: dict[str, str] = {}
    for quantity, names in WAVEFORM_COLUMNS.items():
        found = [c for c in names if c in header]
        if not found:
            raise InputFormatError(
                f"no column {names[0]!r}: not a VSM waveform file", file=name, line=head + 1
            )
        columns[quantity] = found[0]
        index[quantity] = header.index(found[0])
    need = max(index.values()) + 1
    body = [(head + 2 + k, s) for k, s in enumerate(lines[head + 1 :]) if s.strip()]
    if not body:
        raise InputFormatError("no readings after the column-name line", file=name, line=head + 1)
    line_no = np.array([n for n, _ in body], dtype=np.int64)
    # Split off the columns read only (MPMS3 rows hold ~90 fields; the rest stays unsplit).
    split = [s.split(",", need) for _, s in body]
    short = [len(f) < need for f in split]
    if any(short):
        k = short.index(True)
        cut = " (the file ends inside this line)" if line_no[k] == text.unterminated_line else ""
        raise InputFormatError(
            f"row has {len(split[k])} fields, the columns read need {need}{cut}",
            file=name,
            line=int(line_no[k]),
        )
    _refuse_cut_last_line(body, len(header), text.unterminated_line, need, name)
    values: dict[str, NDArray[np.float64]] = {}
    missing = np.zeros(len(body), dtype=bool)
    reasons = np.full(len(body), "", dtype=object)
    for quantity, col in index.items():
        raw = pd.Series([f[col].strip() for f in split], dtype=str)
        num = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
        empty = (raw == "").to_numpy()
        bad = ~np.isfinite(num) & ~empty
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise InputFormatError(
                f"not a finite number: {raw[k]!r}",
                file=name,
                line=int(line_no[k]),
                column=columns[quantity],
            )
        new = empty & ~missing
        reasons[new] = f"empty {columns[quantity]}"
        missing |= empty
        values[quantity] = num
    keep = ~missing
    t = values["time_s"][keep]
    back = np.flatnonzero(np.diff(t) < 0)
    if back.size:
        raise InputFormatError(
            "time stamp earlier than the previous reading",
            file=name,
            line=int(line_no[keep][back[0] + 1]),
            column=columns["time_s"],
        )
    rejected = pd.DataFrame(
        {"file": name, "line": line_no[missing], "reason": reasons[missing].astype(str)}
    )
    return WaveformFile(
        file=name,
        line=line_no[keep],
        time_s=t,
        T_K=values["T_K"][keep],
        H_Oe=values["H_Oe"][keep],
        moment_emu=values["moment_emu"][keep],
        columns=columns,
        rejected=rejected,
    )
