"""Read an ac-susceptibility file of any supported format: MPMS3 "SQUID AC", PPMS ACMS,
MPMS-XL (Quantum Design ``.dat``) or the tidy CSV.

The format is detected from the first line (``[Header]`` -> Quantum Design) and from the data
columns (see :mod:`spinrelax.io.qd_columns`), never from the file name. Points keep the file's
units: chi in emu/Oe for the Quantum Design formats (moments in emu are divided by the drive
amplitude in Oe, as in the PPMS ACMS and MPMS-XL manuals: chi = M / h_ac), and the declared
``chi_unit`` for the tidy CSV (a ``# chi_unit = emu/mol`` comment line before its column header;
without one chi is in "unspecified" units, with a warning, and is never converted; declared
units are checked and a declared ``freq_unit`` converted: :mod:`spinrelax.io.declared_units`).
A frequency outside :data:`FREQ_RANGE_HZ` is a rejected row with its value. chi'' keeps the sign the file has (>= 0 by the instrument's
convention chi = chi' - i chi''); a negative chi'' is data, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.io.declared_units import check_declaration, frequency_in_hz
from spinrelax.io.file_identity import (
    FileIdentity,
    file_identity,
    read_regular_file,
    repeated_rows,
)
from spinrelax.io.qd_columns import (
    FORMAT_COLUMNS,
    MOMENT_FORMATS,
    REQUIRED_QUANTITIES,
    TIDY_OPTIONAL,
    TIDY_REQUIRED,
)
from spinrelax.io.qd_header import QdHeader, parse_qd_header
from spinrelax.io.rows import ParsedRows, normalise_name, parse_rows
from spinrelax.io.text_lines import text_file

#: Columns of :attr:`AcFileData.points`.
POINT_COLUMNS: tuple[str, ...] = (
    "line",
    "T_K",
    "H_Oe",
    "freq_Hz",
    "drive_Oe",
    "chi_real",
    "chi_imag",
    "chi_real_err",
    "chi_imag_err",
    "time_s",
)
FORMATS: tuple[str, ...] = ("MPMS3", "PPMS_ACMS", "MPMS_XL", "tidy")
#: chi_unit of a tidy CSV that does not declare one (passed through unconverted).
UNSPECIFIED_UNIT = "unspecified"
#: Physical range of an ac drive frequency (Hz): a row outside it is rejected with its value.
FREQ_RANGE_HZ: tuple[float, float] = (1e-6, 1e9)


@dataclass(frozen=True)
class AcFileData:
    """One ac file: points (file units, 1-based ``line``), header metadata, rejected rows."""

    path: str
    format: str
    encoding: str
    title: str
    byapp: str
    sample_mass_mg: float | None
    molar_mass_g_per_mol: float | None
    chi_unit: str
    points: pd.DataFrame
    rejected: pd.DataFrame
    rows_read: int
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: Header values that are not positive numbers: (attribute, 1-based line, raw text).
    header_invalid: tuple[tuple[str, int, str], ...] = field(default_factory=tuple)
    #: Header SAMPLE_MATERIAL ("" when not given).
    material: str = ""
    #: Real path and hashes of the bytes parsed (:mod:`spinrelax.io.file_identity`).
    identity: FileIdentity | None = None
    #: Used rows repeating an earlier used row of the file: (earlier line, line).
    repeated_rows: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    @property
    def rows_used(self) -> int:
        return len(self.points)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected)


def _find_section(lines: list[str], name: str, start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip().lower() == name.lower():
            return i
    return None


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _detect_qd_format(columns: list[str], byapp: str, file: str, line: int) -> str:
    """The Quantum Design format whose columns are all present; else an error naming the first
    missing column of the most likely format."""
    present = {normalise_name(c) for c in columns}
    missing: dict[str, list[str]] = {}
    for fmt, mapping in FORMAT_COLUMNS.items():
        needed = list(REQUIRED_QUANTITIES) + (["drive_Oe"] if fmt in MOMENT_FORMATS else [])
        missing[fmt] = [mapping[q] for q in needed if normalise_name(mapping[q]) not in present]
        if not missing[fmt]:
            return fmt
    app = byapp.upper()
    if "ACMS" in app:
        guess = "PPMS_ACMS"
    elif "SQUID AC" in app or "MPMS3" in app:
        guess = "MPMS3"
    elif "MPMS" in app:
        guess = "MPMS_XL"
    else:
        guess = min(missing, key=lambda f: len(missing[f]))
    raise InputFormatError(
        f"missing from the [Data] column header of this {guess} file (no ac susceptibility "
        "columns of a known format)",
        file=file,
        line=line,
        column=missing[guess][0],
    )


def _rejected_frame(rejected: list[tuple[int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "line": np.array([r[0] for r in rejected], dtype=np.int64),
            "reason": pd.Series([r[1] for r in rejected], dtype=object),
        }
    )


def _physical_checks(parsed: ParsedRows, needs_drive: bool) -> tuple[pd.DataFrame, list]:
    """Reject rows with T <= 0 K, f <= 0 Hz or outside :data:`FREQ_RANGE_HZ`, or (moment
    formats) drive <= 0 or missing."""
    pts = parsed.points
    freq = pts["freq_Hz"].to_numpy()
    low, high = FREQ_RANGE_HZ
    checks = [
        (pts["T_K"].to_numpy() <= 0, "temperature <= 0 K"),
        (freq <= 0, "frequency <= 0 Hz"),
    ]
    outside = (freq > 0) & ((freq < low) | (freq > high))
    checks += [
        (
            outside & (freq == f),
            f"frequency {f:.6g} Hz outside the physical range {low:g}-{high:g} Hz",
        )
        for f in np.unique(freq[outside])
    ]
    if needs_drive:
        drive = pts["drive_Oe"].to_numpy()
        checks.append((~(np.isfinite(drive) & (drive > 0)), "drive amplitude missing or <= 0 Oe"))
    bad = np.zeros(len(pts), dtype=bool)
    rejected = list(parsed.rejected)
    for mask, reason in checks:
        new = mask & ~bad
        rejected += [(int(line), reason) for line in pts["line"].to_numpy()[new]]
        bad |= mask
    return pts.loc[~bad].reset_index(drop=True), sorted(rejected)


def _read_qd(
    path: str, lines: list[str], encoding: str, header_at: int, unterminated: int | None
) -> AcFileData:
    data_at = _find_section(lines, "[Data]", header_at + 1)
    if data_at is None:
        raise InputFormatError("no [Data] section after [Header]", file=path)
    header = parse_qd_header(lines[header_at + 1 : data_at], first_line=header_at + 2)
    col_at = _next_nonblank(lines, data_at + 1)
    if col_at is None:
        raise InputFormatError("no column header after [Data]", file=path, line=data_at + 1)
    columns = [c.strip() for c in lines[col_at].split(",")]
    while columns and columns[-1] == "":
        columns.pop()
    fmt = _detect_qd_format(columns, header.byapp, path, col_at + 1)
    mapping = {q: c for q, c in FORMAT_COLUMNS[fmt].items() if q != "comment"}
    present = {normalise_name(c) for c in columns}
    mapping = {q: c for q, c in mapping.items() if normalise_name(c) in present}
    needs_drive = fmt in MOMENT_FORMATS
    required = list(REQUIRED_QUANTITIES) + (["drive_Oe"] if needs_drive else [])
    numbered = [(i + 1, lines[i]) for i in range(col_at + 1, len(lines))]
    parsed = parse_rows(
        numbered,
        columns,
        mapping,
        required,
        comment_column=FORMAT_COLUMNS[fmt]["comment"],
        unterminated_line=unterminated,
    )
    pts, rejected = _physical_checks(parsed, needs_drive)
    return _assemble(path, fmt, encoding, header, "emu/Oe", pts, rejected, parsed.rows_read)


def _assemble(
    path: str,
    fmt: str,
    encoding: str,
    header: QdHeader,
    chi_unit: str,
    pts: pd.DataFrame,
    rejected: list[tuple[int, str]],
    rows_read: int,
) -> AcFileData:
    n = len(pts)

    def col(name: str) -> np.ndarray:
        return pts[name].to_numpy(dtype=float) if name in pts else np.full(n, np.nan)

    scale = 1.0 / col("drive_Oe") if fmt in MOMENT_FORMATS else np.ones(n)
    points = pd.DataFrame(
        {
            "line": pts["line"].to_numpy(dtype=np.int64),
            "T_K": col("T_K"),
            "H_Oe": col("H_Oe"),
            "freq_Hz": col("freq_Hz"),
            "drive_Oe": col("drive_Oe"),
            "chi_real": col("real") * scale,
            "chi_imag": col("imag") * scale,
            "chi_real_err": col("real_err") * scale,
            "chi_imag_err": col("imag_err") * scale,
            "time_s": col("time_s"),
        }
    )
    return AcFileData(
        path=path,
        format=fmt,
        encoding=encoding,
        title=header.title,
        byapp=header.byapp,
        sample_mass_mg=header.sample_mass_mg,
        molar_mass_g_per_mol=header.molar_mass_g_per_mol,
        chi_unit=chi_unit,
        points=points,
        rejected=_rejected_frame(rejected),
        rows_read=rows_read,
        warnings=header.warnings,
        header_invalid=header.invalid,
        material=header.material,
    )


def _read_tidy(path: str, lines: list[str], encoding: str, unterminated: int | None) -> AcFileData:
    chi_unit = None
    freq_unit = None
    title = ""
    col_at = None
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if text.startswith("#"):
            key, sep, value = text[1:].partition("=")
            if sep and key.strip().lower().endswith("_unit"):
                unit = check_declaration(key.strip(), value.strip(), file=path, line=i + 1)
                if key.strip().lower() == "freq_unit":
                    freq_unit = unit
                elif key.strip().lower() == "chi_unit":
                    chi_unit = unit
            elif sep and key.strip().lower() == "title":
                title = value.strip()
            continue
        col_at = i
        break
    if col_at is None:
        raise InputFormatError("empty file: no column header", file=path)
    columns = [c.strip() for c in lines[col_at].split(",")]
    while columns and columns[-1] == "":
        columns.pop()
    names = {normalise_name(c) for c in columns}
    if "tau_s" in names and "freq_Hz" not in names:
        raise InputFormatError(
            "an ac fit table (tau_s column), not raw ac data: fit its relaxation laws with "
            f"spinrelax fit-rates {path}",
            file=path,
            line=col_at + 1,
        )
    if not names & set(TIDY_REQUIRED):
        raise InputFormatError(
            "unrecognised format: neither a Quantum Design .dat file (first line [Header]) "
            f"nor a tidy CSV with columns {','.join(TIDY_REQUIRED)}",
            file=path,
            line=col_at + 1,
        )
    for c in TIDY_REQUIRED:
        if c not in names:
            raise InputFormatError(
                "missing from the tidy CSV column header", file=path, line=col_at + 1, column=c
            )
    warnings: tuple[str, ...] = ()
    if not chi_unit:
        chi_unit = UNSPECIFIED_UNIT
        warnings = (
            "no '# chi_unit = <unit>' line before the column header: chi is in unspecified "
            "units (fits of tau and alpha are unaffected; no molar conversion)",
        )
    mapping = {
        "T_K": "T_K",
        "H_Oe": "H_Oe",
        "freq_Hz": "freq_Hz",
        "real": "chi_real",
        "imag": "chi_imag",
    }
    mapping |= {q: c for q, c in (("real_err", TIDY_OPTIONAL[0]), ("imag_err", TIDY_OPTIONAL[1]))}
    mapping = {q: c for q, c in mapping.items() if c in names}
    numbered = [(i + 1, lines[i]) for i in range(col_at + 1, len(lines))]
    parsed = parse_rows(
        numbered,
        columns,
        mapping,
        REQUIRED_QUANTITIES,
        comment_prefix="#",
        unterminated_line=unterminated,
    )
    parsed = replace(parsed, points=frequency_in_hz(parsed.points, freq_unit))
    pts, rejected = _physical_checks(parsed, needs_drive=False)
    header = QdHeader(title=title, warnings=warnings)
    return _assemble(path, "tidy", encoding, header, chi_unit, pts, rejected, parsed.rows_read)


def read_ac_file(
    path: str | Path, *, display_name: str | None = None, raw: bytes | None = None
) -> AcFileData:
    """Read one ac-susceptibility file (any supported format, UTF-8 or Latin-1, LF or CRLF).

    ``display_name`` (default: the path as given) names the file in errors and in the result.
    Raises :class:`~spinrelax.errors.InputFormatError` for a file that cannot be read as a
    whole (not a regular file, a dangling link, binary content, no ``[Data]``, missing columns,
    unknown format, an unknown declared unit); bad rows are returned in ``rejected`` with
    reasons instead. The bytes are read once (``raw``: the file's bytes when already read);
    :attr:`AcFileData.identity` holds their hashes and the real path,
    :attr:`AcFileData.repeated_rows` the rows repeating earlier ones.
    """
    name = display_name if display_name is not None else str(path)
    raw = read_regular_file(path, name) if raw is None else raw
    try:
        text = text_file(raw, file=name)
    except InputFormatError as exc:
        raise InputFormatError(exc.message, file=name, line=exc.line) from None
    lines, encoding, unterminated = text.lines, text.encoding, text.unterminated_line
    first = _next_nonblank(lines, 0)
    if first is None:
        raise InputFormatError("empty file", file=name)
    if lines[first].strip().lower() == "[header]":
        data = _read_qd(name, lines, encoding, first, unterminated)
    else:
        data = _read_tidy(name, lines, encoding, unterminated)
    return replace(
        data,
        identity=file_identity(path, name, raw, lines),
        repeated_rows=repeated_rows(lines, data.points["line"].to_numpy()),
    )
