"""Reader and writer of Stern-Gerlach deflection profile files (one cluster size and condition).

Format (the contract of issue 6; a position-sensitive TOF mass-spectrometer export):

- ``#``-prefixed ``key = value`` metadata lines (other ``#`` lines are comments);
- then a CSV with the header ``t_ns,counts_off,counts_on``: arrival time (ns) and the counts
  with the deflection magnet off and on.

Required keys: see :data:`REQUIRED_KEYS`. Optional keys (``source_T_K``, ``pressure_bar``,
``nozzle``, ``K_calib_T_m``) and unknown keys are kept as given. ``K_calib_T_m`` is the product
dB/dz L1 (L1/2 + L2) from an Al atom-beam calibration; when present it replaces the geometry.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spinrelax.errors import InputFormatError, MissingMetadataError

COLUMNS: tuple[str, ...] = ("t_ns", "counts_off", "counts_on")

#: Required metadata keys and whether each must be strictly positive (None: any finite value).
REQUIRED_KEYS: dict[str, bool | None] = {
    "element": None,
    "n": True,
    "mass_u": True,
    "ns_per_mm": True,
    "tof_sign": None,
    "B_T": True,
    "dBdz_T_per_m": True,
    "L1_m": True,
    "L2_m": True,
    "v_m_per_s": True,
    "v_rel_sigma": False,
    "T_cluster_K_nominal": True,
}
#: Optional keys read as numbers when present.
OPTIONAL_NUMERIC_KEYS: tuple[str, ...] = ("source_T_K", "pressure_bar", "K_calib_T_m")
_STRING_KEYS = ("element", "nozzle")


@dataclass(frozen=True)
class DeflectionProfile:
    """One deflection measurement: metadata plus off/on count profiles on a common time axis.

    ``meta`` holds every metadata key: numbers as ``float`` (``n`` and ``tof_sign`` as ``int``),
    ``element`` and ``nozzle`` and unknown non-numeric values as ``str``.
    """

    path: str
    meta: Mapping[str, float | int | str]
    t_ns: np.ndarray
    counts_off: np.ndarray
    counts_on: np.ndarray
    comments: tuple[str, ...] = field(default=())

    @property
    def element(self) -> str:
        return str(self.meta["element"])

    @property
    def n(self) -> int:
        return int(self.meta["n"])

    def get(self, key: str, default: float | str | None = None) -> float | int | str | None:
        """Metadata value of ``key`` or ``default``."""
        return self.meta.get(key, default)


def _parse_value(key: str, raw: str, path: str, line: int) -> float | int | str:
    if key in _STRING_KEYS:
        return raw
    try:
        value = float(raw)
    except ValueError:
        if key in REQUIRED_KEYS or key in OPTIONAL_NUMERIC_KEYS:
            raise InputFormatError(
                f"metadata {key!r} must be a number, got {raw!r}", file=path, line=line
            ) from None
        return raw
    if key in REQUIRED_KEYS or key in OPTIONAL_NUMERIC_KEYS:
        if not math.isfinite(value):
            raise InputFormatError(f"metadata {key!r} is not finite", file=path, line=line)
        positive = REQUIRED_KEYS.get(key)
        if positive is True and value <= 0:
            raise InputFormatError(f"metadata {key!r} must be > 0, got {raw}", file=path, line=line)
        if positive is False and value < 0:
            raise InputFormatError(
                f"metadata {key!r} must be >= 0, got {raw}", file=path, line=line
            )
    if key == "n":
        if value != int(value):
            raise InputFormatError(
                f"metadata 'n' must be an integer, got {raw}", file=path, line=line
            )
        return int(value)
    if key == "tof_sign":
        if value not in (1.0, -1.0):
            raise InputFormatError(
                f"metadata 'tof_sign' must be +1 or -1, got {raw}", file=path, line=line
            )
        return int(value)
    return value


def read_deflection_profile(path: str | Path) -> DeflectionProfile:
    """Read one profile file; raise :class:`InputFormatError` naming file, line and column.

    A missing required metadata key raises :class:`MissingMetadataError` naming the file and key.
    Counts must be finite and >= 0; ``t_ns`` must be finite and strictly increasing.
    """
    path = str(path)
    meta: dict[str, float | int | str] = {}
    comments: list[str] = []
    rows: list[tuple[float, float, float]] = []
    header_line = None
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for lineno, text in enumerate(lines, start=1):
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if header_line is not None:
                raise InputFormatError(
                    "metadata line after the data header", file=path, line=lineno
                )
            body = stripped[1:].strip()
            if "=" in body:
                key, _, raw = body.partition("=")
                key = key.strip()
                if not key:
                    raise InputFormatError("metadata line without a key", file=path, line=lineno)
                meta[key] = _parse_value(key, raw.strip(), path, lineno)
            else:
                comments.append(body)
            continue
        if header_line is None:
            names = tuple(c.strip() for c in stripped.split(","))
            if names != COLUMNS:
                raise InputFormatError(
                    f"data header must be {','.join(COLUMNS)}, got {stripped!r}",
                    file=path,
                    line=lineno,
                )
            header_line = lineno
            continue
        cells = stripped.split(",")
        if len(cells) != len(COLUMNS):
            raise InputFormatError(
                f"expected {len(COLUMNS)} values, got {len(cells)}", file=path, line=lineno
            )
        values = []
        for name, cell in zip(COLUMNS, cells, strict=True):
            try:
                v = float(cell)
            except ValueError:
                raise InputFormatError(
                    f"not a number: {cell.strip()!r}", file=path, line=lineno, column=name
                ) from None
            if not math.isfinite(v):
                raise InputFormatError("not finite", file=path, line=lineno, column=name)
            if name != "t_ns" and v < 0:
                raise InputFormatError(f"negative count {v:g}", file=path, line=lineno, column=name)
            values.append(v)
        if rows and values[0] <= rows[-1][0]:
            raise InputFormatError(
                "t_ns must increase strictly", file=path, line=lineno, column="t_ns"
            )
        rows.append((values[0], values[1], values[2]))
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        raise MissingMetadataError(
            f"missing required metadata key(s): {', '.join(missing)}", file=path
        )
    if header_line is None or len(rows) < 10:
        raise InputFormatError("fewer than 10 data rows", file=path)
    data = np.asarray(rows, dtype=float)
    return DeflectionProfile(
        path=path,
        meta=meta,
        t_ns=data[:, 0],
        counts_off=data[:, 1],
        counts_on=data[:, 2],
        comments=tuple(comments),
    )


def _format_meta(value: float | int | str) -> str:
    if isinstance(value, bool):
        raise TypeError("boolean metadata is not supported")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def write_deflection_profile(
    path: str | Path,
    meta: Mapping[str, float | int | str],
    t_ns: np.ndarray,
    counts_off: np.ndarray,
    counts_on: np.ndarray,
    comments: tuple[str, ...] = (),
) -> None:
    """Write a profile file in the format read by :func:`read_deflection_profile`.

    Counts are written as integers; ``t_ns`` with 10 significant digits. Keys keep their order.
    """
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        raise MissingMetadataError(
            f"missing required metadata key(s): {', '.join(missing)}", file=path
        )
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# {c}" for c in comments]
    lines += [f"# {k} = {_format_meta(v)}" for k, v in meta.items()]
    lines.append(",".join(COLUMNS))
    off = np.rint(counts_off).astype(np.int64)
    on = np.rint(counts_on).astype(np.int64)
    lines += [f"{t:.10g},{a},{b}" for t, a, b in zip(np.asarray(t_ns, float), off, on, strict=True)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
