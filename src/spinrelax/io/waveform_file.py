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
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.errors import InputFormatError
from spinrelax.io.text_lines import read_text_file

#: Quantity -> accepted column names (first found is used).
WAVEFORM_COLUMNS: dict[str, tuple[str, ...]] = {
    "time_s": ("Time Stamp (sec)",),
    "T_K": ("Temperature (K)",),
    "H_Oe": ("Magnetic Field (Oe)", "Field (Oe)"),
    "moment_emu": ("Moment (emu)",),
}


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


def _data_start(lines: list[str], file: str) -> int:
    """0-based index of the column-name line after ``[Data]``."""
    for i, text in enumerate(lines):
        if text.strip().lower() == "[data]":
            for j in range(i + 1, len(lines)):
                if lines[j].strip():
                    return j
            raise InputFormatError("no column-name line after [Data]", file=file, line=i + 1)
    raise InputFormatError("no [Data] section: not a Quantum Design .dat file", file=file)


def read_waveform_file(path: str | Path, *, display_name: str | None = None) -> WaveformFile:
    """Read the readings of a waveform file (see the module docstring for the rules)."""
    name = display_name or str(path)
    text = read_text_file(path)
    lines = text.lines
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
    split = [s.split(",") for _, s in body]
    short = [len(f) < need for f in split]
    if any(short):
        k = short.index(True)
        cut = " (the file ends inside this line)" if line_no[k] == text.unterminated_line else ""
        raise InputFormatError(
            f"row has {len(split[k])} fields, the columns read need {need}{cut}",
            file=name,
            line=int(line_no[k]),
        )
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


#: Readings looked at by :func:`is_waveform_file` and the smallest half-swing of the field
#: (Oe) that counts as a drive there (a zero-field DC decay's field wanders by < 0.5 Oe).
DETECT_READINGS = 2000
DETECT_HALF_SWING_OE = 1.0


def is_waveform_file(path: str | Path) -> bool:
    """True when ``path`` is a Quantum Design ``.dat`` with the waveform columns (time stamp,
    temperature, field, ``Moment (emu)``) whose first :data:`DETECT_READINGS` readings hold a
    moment and a periodic field: it swings by at least :data:`DETECT_HALF_SWING_OE` about its
    mid level and rises through it (with hysteresis of half the swing) at least twice. An ac
    file (its ``Moment (emu)`` is empty), a DC decay (field held) or any unreadable file:
    False. Pure: reads the file, writes nothing."""
    try:
        lines = read_text_file(path).lines
        head = _data_start(lines, str(path))
    except (OSError, InputFormatError):
        return False
    header = [c.strip() for c in lines[head].split(",")]
    index = {}
    for quantity, names in WAVEFORM_COLUMNS.items():
        found = [c for c in names if c in header]
        if not found:
            return False
        index[quantity] = header.index(found[0])
    rows = [s.split(",") for s in lines[head + 1 : head + 1 + DETECT_READINGS] if s.strip()]
    need = max(index.values()) + 1
    rows = [f for f in rows if len(f) >= need]
    field = pd.to_numeric(pd.Series([f[index["H_Oe"]] for f in rows], dtype=str), errors="coerce")
    moment = pd.to_numeric(
        pd.Series([f[index["moment_emu"]] for f in rows], dtype=str), errors="coerce"
    )
    h = field[moment.notna() & field.notna()].to_numpy(dtype=float)
    if h.size < 8:
        return False
    lo, hi = np.percentile(h, [1, 99])
    mid, half = 0.5 * (hi + lo), 0.5 * (hi - lo)
    if half < DETECT_HALF_SWING_OE:
        return False
    state = np.where(h > mid + 0.5 * half, 1, np.where(h < mid - 0.5 * half, -1, 0))
    s = state[state != 0]
    return int(np.sum((s[:-1] < 0) & (s[1:] > 0))) >= 2
