"""Conversion of measured ac susceptibility (emu/Oe) to molar units, with diamagnetic corrections.

Formula (cgs; docs/PHYSICS.md "AC susceptibility"; diamagnetic corrections as in Bain & Berry,
"Diamagnetic corrections and Pascal's constants", J. Chem. Educ. 85, 532 (2008)):

    chi_sample_emu_per_Oe = chi_measured - m_eicosane_g * chi_eicosane_emu_per_g - chi_holder
    chi_emu_per_mol       = chi_sample_emu_per_Oe * M_molar / m_sample_g - chi_dia_sample

Diamagnetic constants are *signed* (negative for a diamagnet) and are frequency independent,
so they correct chi' only; chi'' and the error bars only scale by M_molar / m_sample_g.
SI: chi (m^3/mol) = 4 pi 1e-6 chi (cm^3/mol = emu/mol), see :mod:`spinrelax.constants`.

Which mass wins: a value in the sample sheet overrides the file header (the sheet is the
curated record; headers are often left at defaults). A missing, zero or negative mass or
molar mass is never guessed: molar output raises :class:`MissingMetadataError`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from spinrelax.constants import chi_cgs_molar_to_si
from spinrelax.errors import MissingMetadataError

#: Units the tidy spectra table may carry for chi, by requested output.
OUTPUT_UNITS: dict[str, str] = {"molar_cgs": "emu/mol", "molar_si": "m3/mol", "file": "emu/Oe"}
CHI_COLUMNS: tuple[str, ...] = ("chi_real", "chi_imag", "chi_real_err", "chi_imag_err")


@dataclass(frozen=True)
class SampleMetadata:
    """Mass (mg), molar mass (g/mol) and signed diamagnetic terms of one measured sample."""

    sample_mass_mg: float | None
    molar_mass_g_per_mol: float | None
    diamag_sample_emu_per_mol: float = 0.0
    eicosane_mass_mg: float = 0.0
    diamag_eicosane_emu_per_g: float = 0.0
    diamag_holder_emu_per_Oe: float = 0.0


def _valid(value: float | None) -> bool:
    return value is not None and math.isfinite(value) and value > 0


def resolve_value(sheet: float | None, header: float | None) -> tuple[float | None, str]:
    """The value to use and where it came from: sheet (if a positive number), else header."""
    if _valid(sheet):
        return float(sheet), "sample sheet"
    if _valid(header):
        return float(header), "file header"
    return None, "missing"


def to_molar_cgs(
    points: pd.DataFrame, meta: SampleMetadata, *, file: str | None = None
) -> pd.DataFrame:
    """Copy of ``points`` with chi columns converted from emu/Oe to emu/mol (cm^3/mol)."""
    for name, value in (
        ("sample mass (mg)", meta.sample_mass_mg),
        ("molar mass (g/mol)", meta.molar_mass_g_per_mol),
    ):
        if not _valid(value):
            raise MissingMetadataError(
                f"{name} is {'missing' if value is None else repr(value)}: molar "
                "susceptibility needs a positive value "
                "(give it in the sample sheet or the file header); file units still work",
                file=file,
            )
    mass_g = meta.sample_mass_mg / 1e3
    scale = meta.molar_mass_g_per_mol / mass_g
    background_emu_per_Oe = (
        meta.eicosane_mass_mg / 1e3 * meta.diamag_eicosane_emu_per_g + meta.diamag_holder_emu_per_Oe
    )
    out = points.copy()
    out["chi_real"] = (
        points["chi_real"].to_numpy() - background_emu_per_Oe
    ) * scale - meta.diamag_sample_emu_per_mol
    for col in ("chi_imag", "chi_real_err", "chi_imag_err"):
        out[col] = points[col].to_numpy() * scale
    return out


def convert_chi(
    points: pd.DataFrame,
    chi_unit: str,
    output: str,
    meta: SampleMetadata,
    *,
    file: str | None = None,
) -> tuple[pd.DataFrame, str]:
    """Convert chi columns to the requested ``output`` (``molar_cgs``, ``molar_si``, ``file``).

    Input in emu/Oe is converted with :func:`to_molar_cgs`; input already in emu/mol is only
    converted to SI on request; any other declared unit (e.g. a micro-SQUID in arbitrary units)
    cannot be converted and is passed through with its unit. Returns (points, unit).
    """
    if output not in OUTPUT_UNITS:
        raise ValueError(f"unknown chi output {output!r}; expected one of {list(OUTPUT_UNITS)}")
    if output == "file" or chi_unit not in ("emu/Oe", "emu/mol"):
        return points.copy(), chi_unit
    molar = to_molar_cgs(points, meta, file=file) if chi_unit == "emu/Oe" else points.copy()
    if output == "molar_si":
        for col in CHI_COLUMNS:
            molar[col] = chi_cgs_molar_to_si(molar[col].to_numpy(dtype=float))
        return molar, "m3/mol"
    return molar, "emu/mol"
