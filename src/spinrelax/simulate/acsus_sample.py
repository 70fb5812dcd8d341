"""What the experimenter knows about a sample (the sample sheet row) and its molar -> file units.

The virtual instrument reads the same ``data/samples.tsv`` as the analysis (it is the lab
notebook: composition, orientation, masses, diamagnetic terms) and turns the molar truth into
what a magnetometer records, in emu/Oe (Quantum Design) or emu/mol (calibrated micro-SQUID).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.errors import SpinrelaxError


@dataclass(frozen=True)
class SampleMeta:
    """One sample sheet row (masses in mg, diamagnetic terms in the units of their names)."""

    sample_id: str
    compound: str
    x_Er: float
    form: str
    easy_axis_angle_deg: float
    mass_mg: float | None
    molar_mass_g_per_mol: float
    diamag_sample_emu_per_mol: float
    eicosane_mass_mg: float
    diamag_eicosane_emu_per_g: float
    diamag_holder_emu_per_Oe: float
    instrument: str

    @property
    def proj_z(self) -> float:
        """cos^2 of the easy-axis-to-field angle (crystal) or its powder average 1/3."""
        if self.form == "powder":
            return 1.0 / 3.0
        return math.cos(math.radians(self.easy_axis_angle_deg)) ** 2


def read_sample_sheet(path: str | Path) -> dict[str, SampleMeta]:
    """Rows of the sample sheet TSV (``#`` comment lines at the top) keyed by ``sample_id``."""
    sheet = pd.read_csv(path, sep="\t", comment="#", dtype={"sample_id": str})
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    header_line = next(i for i, line in enumerate(lines, 1) if not line.startswith("#"))
    out: dict[str, SampleMeta] = {}
    for i, row in sheet.iterrows():
        mass = row["mass_mg"]
        try:
            out[row["sample_id"]] = SampleMeta(
                sample_id=row["sample_id"],
                compound=str(row["compound"]),
                x_Er=float(row["x_Er"]),
                form=str(row["form"]),
                easy_axis_angle_deg=float(row["easy_axis_angle_deg"]),
                mass_mg=None if pd.isna(mass) else float(mass),
                molar_mass_g_per_mol=float(row["molar_mass_g_per_mol"]),
                diamag_sample_emu_per_mol=float(row["diamag_sample_emu_per_mol"]),
                eicosane_mass_mg=float(row["eicosane_mass_mg"]),
                diamag_eicosane_emu_per_g=float(row["diamag_eicosane_emu_per_g"]),
                diamag_holder_emu_per_Oe=float(row["diamag_holder_emu_per_Oe"]),
                instrument=str(row["instrument"]),
            )
        except (KeyError, ValueError) as exc:
            raise SpinrelaxError(
                f"bad sample sheet row: {exc}", file=path, line=header_line + 1 + int(i)
            ) from exc
    return out


def molar_to_emu_per_Oe(
    chi_real_emu_per_mol: NDArray[np.float64],
    chi_imag_emu_per_mol: NDArray[np.float64],
    meta: SampleMeta,
    mass_mg: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Paramagnetic molar chi -> measured emu/Oe of sample + eicosane + holder.

    ``chi = (chi_mol + chi_dia,sample) m / M + m_eicosane chi_eicosane + chi_holder`` (the
    inverse of the correction in PHYSICS.md); diamagnetic terms are real (in phase).
    """
    n_mol = mass_mg * 1e-3 / meta.molar_mass_g_per_mol
    dia = (
        n_mol * meta.diamag_sample_emu_per_mol
        + meta.eicosane_mass_mg * 1e-3 * meta.diamag_eicosane_emu_per_g
        + meta.diamag_holder_emu_per_Oe
    )
    return chi_real_emu_per_mol * n_mol + dia, chi_imag_emu_per_mol * n_mol
