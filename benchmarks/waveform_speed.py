"""Waveform ac throughput: one ~50 000-row MPMS3 VSM waveform file read from disk and analysed
into chi'(f), chi''(f) with the table written (``spinrelax fit-waveform``), then its spectrum
fitted (``spinrelax fit-ac`` on that table) (target: < 2 s in all).

Timed: both commands in this process (``spinrelax.cli.main``; best of 3, wall and CPU), the
stages, and one cold run of each console script (interpreter start-up and imports included).

Run: .venv/bin/python benchmarks/waveform_speed.py
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of, quiet_command, wall_and_cpu  # noqa: E402

from spinrelax.io.waveform_file import read_waveform_file  # noqa: E402
from spinrelax.simulate.waveform_instrument import (  # noqa: E402
    ColeColeTruth,
    WaveformInstrument,
    generate_waveform_files,
)
from spinrelax.timedomain.waveform import waveform_spectra  # noqa: E402


def main() -> None:
    truth = ColeColeTruth(3.0, 3.0, 0.15, 2e-5, 1.5e-4)
    freqs = np.logspace(-3, 0, 13)
    # 13 blocks x (6 periods x 625 readings + an eighth of a period) = 49 764 readings
    inst = WaveformInstrument(samples_per_period=625, periods=6)
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_waveform_files([truth], freqs, tmp, inst, seed=0)[0]
        points, fits = Path(tmp) / "waveform.csv", Path(tmp) / "fits.csv"
        analyse = ["fit-waveform", str(path), "-o", str(points)]
        fit = ["fit-ac", str(points), "-o", str(fits)]

        def both() -> None:
            quiet_command(analyse)
            quiet_command(fit)

        n_rows = len(read_waveform_file(path).line)
        print(f"{path.stat().st_size / 1e6:.1f} MB on disk, {n_rows} readings")
        start = time.perf_counter()
        both()
        print(
            f"fit-waveform + fit-ac, first call in this process: {time.perf_counter() - start:.2f} s"
        )
        print(
            f"fit-waveform (read + analyse + write): {best_of(lambda: quiet_command(analyse), 3):.2f} s"
        )
        print(
            f"fit-ac of its spectrum (read + fit + write): {best_of(lambda: quiet_command(fit), 3):.2f} s"
        )
        wall = best_of(both, 3)
        cpu = min(wall_and_cpu(both, 3)[1])
        print(f"both: best of 3 {wall:.2f} s wall, {cpu:.2f} s CPU (target < 2 s)")
        print(f"  read:           {best_of(lambda: read_waveform_file(path), 3):.2f} s")
        data = read_waveform_file(path)
        print(f"  analyse:        {best_of(lambda: waveform_spectra([data], 'b'), 3):.3f} s")
        tau = pd.read_csv(fits)["tau_s"].iloc[0]
        print(f"  tau {tau:.4g} s (truth {truth.tau_s:g} s)")
        exe = Path(sys.executable).with_name("spinrelax")
        start = time.perf_counter()
        subprocess.run([str(exe), *analyse], check=True, capture_output=True)
        subprocess.run([str(exe), *fit], check=True, capture_output=True)
        print(
            f"spinrelax fit-waveform + fit-ac cold (two start-ups): {time.perf_counter() - start:.2f} s"
        )


if __name__ == "__main__":
    main()
