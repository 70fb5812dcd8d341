"""Metadata of a Quantum Design ``[Header]`` section: title, application, sample mass, molar mass.

MPMS3 and PPMS write ``INFO,<value>,<KEY>`` (value first, e.g. ``INFO,26.3,SAMPLE_MASS``,
``INFO,542.53,SAMPLE_MOLECULAR_WEIGHT``); the MPMS-XL writes ``INFO, <KEY>, <value>`` (key
first, e.g. ``INFO, WEIGHT, 21.300``). Both orders are accepted for every key. Masses are in mg,
molecular weights in g/mol. An empty value means unknown; a value that is not a positive number
is kept as unknown and reported in ``warnings`` (the sample sheet may supply it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spinrelax.errors import MissingMetadataError

#: Header keys (upper case, spaces normalised) -> metadata attribute.
INFO_KEYS: dict[str, str] = {
    "SAMPLE_MASS": "sample_mass_mg",
    "WEIGHT": "sample_mass_mg",
    "SAMPLE_MOLECULAR_WEIGHT": "molar_mass_g_per_mol",
    "MOLECULAR WEIGHT": "molar_mass_g_per_mol",
}


@dataclass(frozen=True)
class QdHeader:
    """Header metadata; ``None`` where the file does not say."""

    title: str = ""
    byapp: str = ""
    #: INFO ``SAMPLE_MATERIAL`` (either order), "" when not given.
    material: str = ""
    sample_mass_mg: float | None = None
    molar_mass_g_per_mol: float | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: Values that are not positive numbers: (attribute, 1-based file line, raw text).
    invalid: tuple[tuple[str, int, str], ...] = field(default_factory=tuple)


#: How a missing value is named to the user: attribute -> (quantity, sample-sheet column).
_NAMES = {
    "sample_mass_mg": ("sample mass (mg)", "mass_mg"),
    "molar_mass_g_per_mol": ("molar mass (g/mol)", "molar_mass_g_per_mol"),
}


def header_value_error(
    invalid: tuple[tuple[str, int, str], ...], missing: dict[str, float | None], file: str
) -> MissingMetadataError | None:
    """The error for the first quantity of ``missing`` (attribute -> value used, None when
    missing) that is None because the header's value is not a positive number, naming the
    file, the header line and the value; None when no such quantity."""
    for attr, line, raw in invalid:
        if attr in missing and missing[attr] is None:
            quantity, column = _NAMES[attr]
            return MissingMetadataError(
                f"{quantity} {raw!r} in the file header is not a positive number and the "
                f"sample sheet gives none: molar susceptibility needs one (set {column} in the "
                "sample sheet, or fix the header); file units (chi_output: file) still work",
                file=file,
                line=line,
            )
    return None


def _norm(text: str) -> str:
    return " ".join(text.split()).upper()


def _info_entry(fields: list[str]) -> tuple[str, str] | None:
    """(attribute, raw value) of an INFO line carrying a known key, else None."""
    if len(fields) >= 3 and _norm(fields[-1]) in INFO_KEYS:
        return INFO_KEYS[_norm(fields[-1])], ",".join(fields[1:-1]).strip()
    if len(fields) >= 3 and _norm(fields[1]) in INFO_KEYS:
        return INFO_KEYS[_norm(fields[1])], ",".join(fields[2:]).strip()
    return None


def _material(fields: list[str]) -> str | None:
    """The value of an ``INFO`` line keyed ``SAMPLE_MATERIAL`` (either order), else None."""
    if len(fields) >= 3 and _norm(fields[-1]) == "SAMPLE_MATERIAL":
        return ",".join(fields[1:-1]).strip()
    if len(fields) >= 3 and _norm(fields[1]) == "SAMPLE_MATERIAL":
        return ",".join(fields[2:]).strip()
    return None


def parse_qd_header(lines: list[str], first_line: int) -> QdHeader:
    """Parse header ``lines`` (between ``[Header]`` and ``[Data]``; ``first_line`` is the
    1-based file line of ``lines[0]``)."""
    title = ""
    byapp = ""
    material = ""
    values: dict[str, float | None] = {"sample_mass_mg": None, "molar_mass_g_per_mol": None}
    warnings: list[str] = []
    invalid: list[tuple[str, int, str]] = []
    for offset, line in enumerate(lines):
        fields = line.split(",")
        key = _norm(fields[0])
        if key == "TITLE":
            title = ",".join(fields[1:]).strip()
        elif key == "BYAPP" and len(fields) > 1:
            byapp = fields[1].strip()
        elif key == "INFO" and _material(fields) is not None:
            material = _material(fields) or ""
        elif key == "INFO":
            entry = _info_entry(fields)
            if entry is None or entry[1] == "":
                continue
            attr, raw = entry
            try:
                value = float(raw)
            except ValueError:
                value = math.nan
            if math.isfinite(value) and value > 0:
                values[attr] = value
            else:
                invalid.append((attr, first_line + offset, raw))
                warnings.append(
                    f"line {first_line + offset}: {attr} {raw!r} is not a positive number; "
                    "treated as unknown"
                )
    return QdHeader(
        title=title,
        byapp=byapp,
        material=material,
        warnings=tuple(warnings),
        invalid=tuple(invalid),
        **values,
    )
