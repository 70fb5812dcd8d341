"""Writers of real-format Quantum Design ac ``.dat`` files and of the tidy ac CSV.

Used by the virtual instruments (``spinrelax.simulate``) and by the tests, so that the shipped
data have exactly the layout a magnetometer writes (see :mod:`spinrelax.io.qd_columns` for the
sources of each layout). Output is deterministic: the file-open time is derived from the first
time stamp, never from the clock.

``points`` (one row per measured point, in measurement order) has the columns
:data:`POINT_COLUMNS`: ``T_K, H_Oe, freq_Hz, drive_Oe, chi_real_emu_per_Oe, chi_imag_emu_per_Oe,
chi_real_err_emu_per_Oe, chi_imag_err_emu_per_Oe, time_s``. ``time_s`` is the instrument time
stamp in seconds (MPMS3/PPMS: since 1900-01-01; MPMS-XL: Unix time) and is written verbatim.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import SpinrelaxError
from spinrelax.io.qd_columns import ACMS_COLUMNS, MPMS3_COLUMNS, MPMSXL_COLUMNS

POINT_COLUMNS: tuple[str, ...] = (
    "T_K",
    "H_Oe",
    "freq_Hz",
    "drive_Oe",
    "chi_real_emu_per_Oe",
    "chi_imag_emu_per_Oe",
    "chi_real_err_emu_per_Oe",
    "chi_imag_err_emu_per_Oe",
    "time_s",
)
TIDY_POINT_COLUMNS: tuple[str, ...] = ("T_K", "H_Oe", "freq_Hz", "chi_real", "chi_imag")
TIDY_ERR_COLUMNS: tuple[str, ...] = ("chi_real_err", "chi_imag_err")

#: Epoch of MPMS3 and PPMS time stamps (seconds since 1900-01-01, local time).
QD_EPOCH = dt.datetime(1900, 1, 1)
#: Epoch of MPMS-XL time stamps (Unix time).
XL_EPOCH = dt.datetime(1970, 1, 1)


def _check_points(points: pd.DataFrame, columns: Sequence[str], path: str | Path) -> None:
    missing = [c for c in columns if c not in points.columns]
    if missing:
        raise SpinrelaxError(f"points lack columns {missing}", file=path)
    if len(points) == 0:
        raise SpinrelaxError("no points to write", file=path)


def _check_text(text: str, what: str, path: str | Path) -> None:
    if "\n" in text or "\r" in text:
        raise SpinrelaxError(f"{what} must be a single line: {text!r}", file=path)


def _instrument_points(
    points: pd.DataFrame, title: str, comments: Sequence[str], path: str | Path
) -> dict[str, np.ndarray]:
    """Checked :data:`POINT_COLUMNS` of ``points`` as float arrays (title and comments one line each)."""
    _check_points(points, POINT_COLUMNS, path)
    _check_text(title, "title", path)
    for c in comments:
        _check_text(c, "comment", path)
    return {c: points[c].to_numpy(dtype=float) for c in POINT_COLUMNS}


def _fmt_qd(x: float) -> str:
    """MultiVu number style: 15 significant digits, ``E-6`` exponents, empty for NaN."""
    if not math.isfinite(x):
        return ""
    s = f"{x:.15G}"
    if "E" in s:
        mant, exp = s.split("E")
        s = f"{mant}E{int(exp)}"
    return s


def _fmt_xl(x: float) -> str:
    """MPMS-XL number style: ``1.181545e-004`` (7 significant digits, 3-digit exponent)."""
    if not math.isfinite(x):
        return ""
    mant, exp = f"{x:.6e}".split("e")
    return f"{mant}e{int(exp):+04d}"


def _open_time(t0_s: float, epoch: dt.datetime) -> dt.datetime:
    return epoch + dt.timedelta(seconds=float(t0_s) if math.isfinite(t0_s) else 0.0)


def _clock(t: dt.datetime) -> str:
    """``7:27 pm`` (12-hour clock, locale independent)."""
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def _write_lines(path: str | Path, lines: list[str], encoding: str, newline: str) -> None:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = newline.join(lines) + newline
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise SpinrelaxError(
            f"text not representable in {encoding}: {exc.reason}", file=out
        ) from None
    out.write_bytes(data)


def _mass_str(value: float | None, fmt=_fmt_qd) -> str:
    return "" if value is None or not math.isfinite(value) else fmt(float(value))


def _fieldgroup(columns: Sequence[str], names: Sequence[str]) -> str:
    return ",".join(str(columns.index(n) + 1) for n in names)


def _rows(table: dict[str, np.ndarray], columns: Sequence[str], n: int, fmt) -> list[str]:
    cells = {c: [fmt(float(v)) for v in table[c]] for c in table}
    return [",".join(cells[c][i] if c in cells else "" for c in columns) for i in range(n)]


def write_mpms3_dat(
    path: str | Path,
    points: pd.DataFrame,
    *,
    sample_mass_mg: float | None,
    molar_mass_g_per_mol: float | None,
    title: str,
    comments: Sequence[str] = (),
    encoding: str = "utf-8",
    newline: str = "\r\n",
) -> None:
    """Write an MPMS3 "SQUID AC" ``.dat`` file (chi in emu/Oe, 88 columns, most empty).

    Header as MultiVu writes it: ``[Header]``, ``;`` comment lines, ``TITLE``, ``FILEOPENTIME``,
    ``BYAPP,SQUID AC``, ``INFO,<value>,<KEY>`` (mass in mg, molecular weight in g/mol; empty
    value when unknown), ``DATATYPE``, ``FIELDGROUP``; then ``[Data]`` and the column header.
    """
    p = _instrument_points(points, title, comments, path)
    opened = _open_time(p["time_s"][0], QD_EPOCH)
    cols = list(MPMS3_COLUMNS)
    lines = [
        "[Header]",
        "; MPMS3 Data File (default extension .dat)",
        "; Copyright (c) 2007, Quantum Design, Inc. All rights reserved.",
        *(f"; {c}" for c in comments),
        f"TITLE,{title}",
        f"FILEOPENTIME,{p['time_s'][0]:.5f},{opened:%m/%d/%Y},{_clock(opened)}",
        "BYAPP,SQUID AC,0.9.1.0",
        "INFO,MPMS3 Measurement Release 1.1.16 Build 399, MultiVu Release 2.3.4.15,APPNAME",
        "INFO,0,MOMENT_UNITS",
        f"INFO,{title},SAMPLE_MATERIAL",
        f"INFO,{_mass_str(sample_mass_mg)},SAMPLE_MASS",
        "INFO,,SAMPLE_VOLUME",
        f"INFO,{_mass_str(molar_mass_g_per_mol)},SAMPLE_MOLECULAR_WEIGHT",
        "INFO,Standard,SAMPLE_HOLDER",
        "DATATYPE,COMMENT,1",
        "DATATYPE,TIME,2",
        "STARTUPAXIS,X,2",
        "STARTUPAXIS,Y1,22",
        "FIELDGROUP, AC,"
        + _fieldgroup(
            cols,
            [
                "Time Stamp (sec)",
                "Temperature (K)",
                "Magnetic Field (Oe)",
                "AC X' (emu/Oe)",
                "AC X' Std Err. (emu/Oe)",
                "AC X'' (emu/Oe)",
                "AC X'' Std Err. (emu/Oe)",
                "AC Drive (Oe)",
                "AC Frequency (Hz)",
            ],
        ),
        "STARTUPGROUP, All",
        "[Data]",
        ",".join(cols),
    ]
    chi_abs = np.hypot(p["chi_real_emu_per_Oe"], p["chi_imag_emu_per_Oe"])
    chi_abs_err = np.sqrt(
        0.5 * (p["chi_real_err_emu_per_Oe"] ** 2 + p["chi_imag_err_emu_per_Oe"] ** 2)
    )
    mass_g = np.full(len(points), np.nan if sample_mass_mg is None else sample_mass_mg / 1e3)
    table = {
        "Time Stamp (sec)": p["time_s"],
        "Temperature (K)": p["T_K"],
        "Magnetic Field (Oe)": p["H_Oe"],
        "AC Moment (emu)": chi_abs * p["drive_Oe"],
        "AC M. Std Err. (emu)": chi_abs_err * p["drive_Oe"],
        "AC Phase (deg)": np.degrees(
            np.arctan2(p["chi_imag_emu_per_Oe"], p["chi_real_emu_per_Oe"])
        ),
        "AC Susceptibility (emu/Oe)": chi_abs,
        "AC Suscept. Std Err. (emu/Oe)": chi_abs_err,
        "AC X' (emu/Oe)": p["chi_real_emu_per_Oe"],
        "AC X' Std Err. (emu/Oe)": p["chi_real_err_emu_per_Oe"],
        "AC X'' (emu/Oe)": p["chi_imag_emu_per_Oe"],
        "AC X'' Std Err. (emu/Oe)": p["chi_imag_err_emu_per_Oe"],
        "AC Drive (Oe)": p["drive_Oe"],
        "AC Frequency (Hz)": p["freq_Hz"],
        "Min. Temperature (K)": p["T_K"],
        "Max. Temperature (K)": p["T_K"],
        "Min. Field (Oe)": p["H_Oe"],
        "Max. Field (Oe)": p["H_Oe"],
        "Mass (grams)": mass_g,
        "Average Temp (K)": p["T_K"],
    }
    lines += _rows(table, cols, len(points), _fmt_qd)
    _write_lines(path, lines, encoding, newline)


def write_acms_dat(
    path: str | Path,
    points: pd.DataFrame,
    *,
    sample_mass_mg: float | None,
    molar_mass_g_per_mol: float | None,
    title: str,
    comments: Sequence[str] = (),
    encoding: str = "utf-8",
    newline: str = "\r\n",
) -> None:
    """Write a PPMS ACMS ``.dat`` file: moments ``M' = chi' * drive`` in emu.

    The ACMS reports one standard deviation of the moment, ``M-Std.Dev. (emu)``; it is written
    as the rms of the chi' and chi'' errors times the drive (the reader uses it for both).
    """
    p = _instrument_points(points, title, comments, path)
    opened = _open_time(p["time_s"][0], QD_EPOCH)
    cols = list(ACMS_COLUMNS)
    lines = [
        "[Header]",
        "; ACMS Data File (default extension .dat)",
        *(f"; {c}" for c in comments),
        f"TITLE,{title}",
        f"FILEOPENTIME,{p['time_s'][0]:.5f},{opened:%m/%d/%Y},{_clock(opened)}",
        "BYAPP,ACMS,1.0,1.1",
        "INFO,PPMS ACMS Option Version: 1.0.9 Build 14,APPNAME",
        "INFO,HARMONICS,1",
        f"INFO,{_mass_str(sample_mass_mg)},SAMPLE_MASS",
        f"INFO,{_mass_str(molar_mass_g_per_mol)},SAMPLE_MOLECULAR_WEIGHT",
        "DATATYPE,COMMENT,1",
        "DATATYPE,TIME,2",
        "FIELDGROUP,AC Mag,"
        + _fieldgroup(
            cols,
            [
                "Time Stamp (sec)",
                "Temperature (K)",
                "Magnetic Field (Oe)",
                "Frequency (Hz)",
                "Amplitude (Oe)",
                "M-Std.Dev. (emu)",
                "M' (emu)",
                "M'' (emu)",
                "Moment (emu)",
                "Phase (deg)",
            ],
        ),
        "[Data]",
        ",".join(cols),
    ]
    drive = p["drive_Oe"]
    m_re = p["chi_real_emu_per_Oe"] * drive
    m_im = p["chi_imag_emu_per_Oe"] * drive
    m_err = (
        np.sqrt(0.5 * (p["chi_real_err_emu_per_Oe"] ** 2 + p["chi_imag_err_emu_per_Oe"] ** 2))
        * drive
    )
    table = {
        "Time Stamp (sec)": p["time_s"],
        "Temperature (K)": p["T_K"],
        "Magnetic Field (Oe)": p["H_Oe"],
        "Frequency (Hz)": p["freq_Hz"],
        "Amplitude (Oe)": drive,
        "M-Std.Dev. (emu)": m_err,
        "M' (emu)": m_re,
        "M'' (emu)": m_im,
        "Moment (emu)": np.hypot(m_re, m_im),
        "Phase (deg)": np.degrees(np.arctan2(m_im, m_re)),
        "Min.Temperature (K)": p["T_K"],
        "Max.Temperature (K)": p["T_K"],
        "Min.Field (Oe)": p["H_Oe"],
        "Max.Field (Oe)": p["H_Oe"],
        "PPMS Temperature (K)": p["T_K"],
    }
    lines += _rows(table, cols, len(points), _fmt_qd)
    _write_lines(path, lines, encoding, newline)


def write_mpmsxl_dat(
    path: str | Path,
    points: pd.DataFrame,
    *,
    sample_mass_mg: float | None,
    molar_mass_g_per_mol: float | None,
    title: str,
    comments: Sequence[str] = (),
    encoding: str = "latin-1",
    newline: str = "\r\n",
) -> None:
    """Write an MPMS-XL ac ``.dat`` file: moments ``m' = chi' * drive`` in emu, 7 digits.

    The XL header stores ``INFO, <KEY>, <value>`` (key first). Mass goes in ``INFO, WEIGHT``
    (mg); the XL has no molecular-weight field, so the molar mass is written as an extra
    ``INFO, MOLECULAR WEIGHT, <g/mol>`` line (absent when unknown).
    """
    p = _instrument_points(points, title, comments, path)
    opened = _open_time(p["time_s"][0], XL_EPOCH)
    cols = list(MPMSXL_COLUMNS)
    lines = [
        "[Header]",
        f"TITLE,{title}",
        "BYAPP,MPMS Measurement,1.1,Summary",
        f"FILEOPENTIME, {p['time_s'][0]:.6f} {opened.month}/{opened.day}/{opened.year}, "
        f"{opened.hour % 12 or 12}:{opened:%M:%S} {'AM' if opened.hour < 12 else 'PM'}",
        "",
        "INFO, APPNAME, MPMS MultiVu Application, Revision 1.60,  Build 081",
        "",
        f"INFO, NAME, {title}",
        f"INFO, WEIGHT, {_mass_str(sample_mass_mg, lambda v: f'{v:.3f}')}",
    ]
    if molar_mass_g_per_mol is not None:
        lines.append(f"INFO, MOLECULAR WEIGHT, {molar_mass_g_per_mol:.6g}")
    lines += [f"INFO, COMMENT, {c}" for c in comments]
    lines += [
        "",
        "STARTUPAXIS,X,4,LINEAR,AUTO,0.000000,0.000000",
        "STARTUPAXIS,Y1,5,LINEAR,AUTO,0.000000,0.000000",
        "",
        "STARTUPGROUP,m' and m\"",
        "FIELDGROUP,m' and m\",1,2,3,4,5,6,7,8,14,15",
        "",
        "[Data]",
        ",".join(cols) + ",",
    ]
    drive = p["drive_Oe"]
    m_re = p["chi_real_emu_per_Oe"] * drive
    m_im = p["chi_imag_emu_per_Oe"] * drive
    table = {
        "Field (Oe)": p["H_Oe"],
        "Temperature (K)": p["T_K"],
        "m' (emu)": m_re,
        "m' Scan Std Dev": p["chi_real_err_emu_per_Oe"] * drive,
        'm" (emu)': m_im,
        'm" Scan Std Dev': p["chi_imag_err_emu_per_Oe"] * drive,
        "Amplitude (emu)": np.hypot(m_re, m_im),
        "Phase (deg)": np.degrees(np.arctan2(m_im, m_re)),
        "Drive Amplitude (Oe)": drive,
        "Wave Frequency (Hz)": p["freq_Hz"],
    }
    rows = _rows(table, cols, len(points), _fmt_xl)
    times = [f"{t:.3f}" if math.isfinite(t) else "" for t in p["time_s"]]
    # The time column is first and uses plain fixed-point seconds; rows end with a comma.
    lines += [t + row[row.index(",") :] + "," for t, row in zip(times, rows, strict=True)]
    _write_lines(path, lines, encoding, newline)


def write_tidy_csv(
    path: str | Path,
    points: pd.DataFrame,
    *,
    chi_unit: str,
    comments: Sequence[str] = (),
) -> None:
    """Write the tidy ac CSV: ``# text`` comments, ``# chi_unit = <unit>``, then
    ``T_K,H_Oe,freq_Hz,chi_real,chi_imag[,chi_real_err,chi_imag_err]`` (UTF-8, LF)."""
    _check_points(points, TIDY_POINT_COLUMNS, path)
    _check_text(chi_unit, "chi_unit", path)
    if not chi_unit.strip():
        raise SpinrelaxError("chi_unit must not be empty", file=path)
    for c in comments:
        _check_text(c, "comment", path)
    cols = list(TIDY_POINT_COLUMNS)
    cols += [c for c in TIDY_ERR_COLUMNS if c in points.columns]
    lines = [f"# {c}" for c in comments] + [f"# chi_unit = {chi_unit}", ",".join(cols)]
    values = points[cols].to_numpy(dtype=float)
    lines += [",".join("" if not math.isfinite(v) else f"{v:.15g}" for v in row) for row in values]
    _write_lines(path, lines, "utf-8", "\n")
