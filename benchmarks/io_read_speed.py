"""Reader and segmentation throughput on a large MPMS3 file (target: 20 000 rows in < 2 s).

Run: .venv/bin/python benchmarks/io_read_speed.py
"""

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.io.file_spectra import segment_points
from spinrelax.io.grouping import GroupingTolerances, group_spectra
from spinrelax.io.readers import read_ac_file
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.writers import write_mpms3_dat


def main(n_temps: int = 400, n_freqs: int = 50) -> None:
    rng = np.random.default_rng(0)
    T = np.repeat(np.linspace(1.8, 13.0, n_temps), n_freqs) + rng.normal(
        0, 0.002, n_temps * n_freqs
    )
    f = np.tile(np.logspace(-1, 3, n_freqs), n_temps)
    n = len(T)
    pts = pd.DataFrame(
        {
            "T_K": T,
            "H_Oe": np.zeros(n),
            "freq_Hz": f,
            "drive_Oe": np.full(n, 4.0),
            "chi_real_emu_per_Oe": 1e-5 / (1 + (f / 100) ** 2),
            "chi_imag_emu_per_Oe": 1e-5 * (f / 100) / (1 + (f / 100) ** 2),
            "chi_real_err_emu_per_Oe": np.full(n, 1e-9),
            "chi_imag_err_emu_per_Oe": np.full(n, 1e-9),
            "time_s": 3.7e9 + 30.0 * np.arange(n),
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.dat"
        t0 = time.perf_counter()
        write_mpms3_dat(path, pts, sample_mass_mg=20.0, molar_mass_g_per_mol=3000.0, title="bench")
        t1 = time.perf_counter()
        data = read_ac_file(path)
        t2 = time.perf_counter()
        ids = group_spectra(
            data.points["T_K"], data.points["H_Oe"], data.points["freq_Hz"], GroupingTolerances()
        )
        t3 = time.perf_counter()
        segmented = segment_points(data.points, SegmentationSettings())
        t4 = time.perf_counter()
        size = path.stat().st_size
    print(f"{n} rows, {size} bytes")
    print(
        f"write {t1 - t0:.3f} s, read {t2 - t1:.3f} s, tolerance grouping {t3 - t2:.3f} s "
        f"({ids.max() + 1} spectra), segmentation ({segmented.segmentation}) {t4 - t3:.3f} s "
        f"({segmented.points['spectrum'].nunique()} spectra)"
    )


if __name__ == "__main__":
    main()
