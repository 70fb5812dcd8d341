"""Waveform ac throughput: one ~50 000-row MPMS3 VSM waveform file read and analysed into
chi'(f), chi''(f), then its spectrum fitted (target: < 2 s in all).

Run: .venv/bin/python benchmarks/waveform_speed.py
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of  # noqa: E402

from spinrelax.acsus.fitting import FitSettings, fit_spectra  # noqa: E402
from spinrelax.io.waveform_file import read_waveform_file  # noqa: E402
from spinrelax.simulate.waveform_instrument import (  # noqa: E402
    ColeColeTruth,
    WaveformInstrument,
    generate_waveform_files,
)
from spinrelax.timedomain.waveform import spectra_rows, waveform_spectra  # noqa: E402


def main() -> None:
    truth = ColeColeTruth(3.0, 3.0, 0.15, 2e-5, 1.5e-4)
    freqs = np.logspace(-3, 0, 13)
    # 13 blocks x (6 periods x 625 readings + an eighth of a period) = 49 803 readings
    inst = WaveformInstrument(samples_per_period=625, periods=6)
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_waveform_files([truth], freqs, tmp, inst, seed=0)[0]

        def read() -> object:
            return read_waveform_file(path)

        def analyse() -> object:
            return waveform_spectra([read_waveform_file(path)], "bench")

        def everything() -> object:
            points, _ = waveform_spectra([read_waveform_file(path)], "bench")
            return fit_spectra(spectra_rows(points), ["sample", "spectrum"], FitSettings())

        n_rows = len(read().line)
        start = time.perf_counter()
        fit = everything()
        print(f"{n_rows} readings; first call {time.perf_counter() - start:.3f} s")
        print(f"read:               {best_of(read, 3):.3f} s")
        print(f"read + analyse:     {best_of(analyse, 3):.3f} s")
        print(f"read + analyse + fit: {best_of(everything, 3):.3f} s")
        print(f"tau {fit['tau_s'].iloc[0]:.4g} s (truth {truth.tau_s:g} s)")


if __name__ == "__main__":
    main()
