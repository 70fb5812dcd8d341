"""Write the fixed-frequency scan test files of this folder (see README.md; deterministic).

Usage: python tests/data/scans/make_scan_files.py  (rewrites the three .dat files here)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.io.writers import write_mpms3_dat

HERE = Path(__file__).resolve().parent
#: Sample: Orbach relaxation tau = TAU0 exp(U / T), plus field-suppressed tunnelling.
U_K, TAU0_S, QTM_RATE_S, QTM_FIELD_OE = 60.0, 1e-9, 1.0, 300.0
CURIE_EMU_K_PER_MOL, CHI_S_FRACTION, ALPHA = 11.5, 0.05, 0.1
MASS_MG, MOLAR_MASS_G_PER_MOL, DRIVE_OE = 10.0, 800.0, 2.0
FREQS_HZ = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
T_SCAN_K = np.round(np.arange(2.0, 10.0 + 1e-9, 0.1), 3)


def chi_emu_per_Oe(T_K, H_Oe, f_Hz):
    """Generalized Debye chi' and chi'' (Cole & Cole 1941) in emu/Oe of the sample."""
    T_K, H_Oe, f_Hz = np.broadcast_arrays(*(np.asarray(v, float) for v in (T_K, H_Oe, f_Hz)))
    rate = np.exp(-U_K / T_K) / TAU0_S + QTM_RATE_S / (1 + (H_Oe / QTM_FIELD_OE) ** 2)
    chi_T = CURIE_EMU_K_PER_MOL / T_K
    chi_S = CHI_S_FRACTION * chi_T
    chi = chi_S + (chi_T - chi_S) / (1 + (1j * 2 * np.pi * f_Hz / rate) ** (1 - ALPHA))
    moles = MASS_MG * 1e-3 / MOLAR_MASS_G_PER_MOL
    return chi.real * moles, -chi.imag * moles


def points(T_K, H_Oe, f_Hz, rng: np.random.Generator) -> pd.DataFrame:
    """Instrument points with 0.3 % + 2e-10 emu/Oe Gaussian noise, one reading every 40 s."""
    real, imag = chi_emu_per_Oe(T_K, H_Oe, f_Hz)
    n = len(real)
    sigma_r, sigma_i = 3e-3 * np.abs(real) + 2e-10, 3e-3 * np.abs(imag) + 2e-10
    return pd.DataFrame(
        {
            "T_K": T_K + rng.normal(0, 0.003, n),
            "H_Oe": H_Oe + rng.normal(0, 0.05, n),
            "freq_Hz": f_Hz,
            "drive_Oe": DRIVE_OE,
            "chi_real_emu_per_Oe": real + rng.normal(0, 1, n) * sigma_r,
            "chi_imag_emu_per_Oe": imag + rng.normal(0, 1, n) * sigma_i,
            "chi_real_err_emu_per_Oe": sigma_r,
            "chi_imag_err_emu_per_Oe": sigma_i,
            "time_s": 3.9e9 + 40.0 * np.arange(n),
        }
    )


def write(name: str, pts: pd.DataFrame, title: str) -> None:
    write_mpms3_dat(HERE / name, pts, sample_mass_mg=MASS_MG,
                    molar_mass_g_per_mol=MOLAR_MASS_G_PER_MOL, title=title)  # fmt: skip


def main() -> None:
    rng = np.random.default_rng(17)
    # one T scan per frequency, one after the other
    T, f = np.tile(T_SCAN_K, len(FREQS_HZ)), np.repeat(FREQS_HZ, len(T_SCAN_K))
    write("mpms3_chi_vs_T_7freq.dat", points(T, 0.0 * T, f, rng), "chi vs T, 7 frequencies")
    # one T scan, four frequencies measured at each temperature
    four = np.array([1.0, 10.0, 100.0, 1000.0])
    T, f = np.repeat(T_SCAN_K, len(four)), np.tile(four, len(T_SCAN_K))
    write("mpms3_chi_vs_T_4freq_interleaved.dat", points(T, 0.0 * T, f, rng),
          "chi vs T, 4 frequencies at each T")  # fmt: skip
    H = np.arange(0.0, 5000.0 + 1e-9, 100.0)
    write("mpms3_chi_vs_H_10Hz.dat", points(3.5 + 0 * H, H, 10.0 + 0 * H, rng),
          "chi vs H at 10 Hz, 3.5 K")  # fmt: skip
    sweep_f = np.geomspace(1.0, 1000.0, 21)
    sweep_T = np.array([3.0, 3.5, 4.0, 4.5, 5.0])
    T_mix = np.concatenate([np.repeat(sweep_T, len(sweep_f)), T_SCAN_K])
    f_mix = np.concatenate([np.tile(sweep_f, len(sweep_T)), 100.0 + 0 * T_SCAN_K])
    write("mpms3_sweeps_then_T_scan.dat", points(T_mix, 0 * T_mix, f_mix, rng),
          "5 sweeps then chi vs T at 100 Hz")  # fmt: skip


if __name__ == "__main__":
    main()
