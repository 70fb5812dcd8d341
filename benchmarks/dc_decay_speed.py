"""DC decay throughput: one MPMS3 DC file of ~50 000 readings read from disk, cut into decays,
fitted and the table written, through the ``spinrelax fit-dc`` command (target < 2 s).

The file is the real K(18-c-6)[Er(hdcCOT)2] decay file's five decays repeated 26 times in time
(each copy 1 h later, temperatures shifted by 0.5 K per copy so each repeat is its own decay),
with seeded Gaussian noise of 0.1 % of the first reading added to the moment: 51 012 readings,
130 decays. Every decay gets the default fit plus the two fits behind the M_eq and M_0 spreads.

Timed: the command in this process (``spinrelax.cli.main``: read + segment + fit + write; best
of 3, wall and CPU), its stages, and one cold run of the console script (interpreter start-up
and imports included).

Run: .venv/bin/python benchmarks/dc_decay_speed.py
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of, quiet_command, wall_and_cpu  # noqa: E402

from spinrelax.io.dc_decay_reader import read_dc_file  # noqa: E402
from spinrelax.io.dc_segmentation import DcSegmentationSettings, segment_decays  # noqa: E402
from spinrelax.timedomain.files import fit_dc_files  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests/data/realdata/mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"
COLUMN_LINE = 28  # 1-based line of the [Data] column header
TIME, TEMP, FREE = 1, 2, 60  # 0-based fields


def build(path: Path, copies: int = 26, seed: int = 0) -> int:
    """Write the repeated noisy file; returns its number of readings."""
    lines = REAL.read_text(encoding="utf-8").splitlines()
    rows = [r.split(",") for r in lines[COLUMN_LINE:]]
    t = np.array([float(r[TIME]) for r in rows])
    T = np.array([float(r[TEMP]) for r in rows])
    m = np.array([float(r[FREE]) for r in rows])
    span = t[-1] - t[0] + 3600.0
    rng = np.random.default_rng(seed)
    out = list(lines[:COLUMN_LINE])
    for k in range(copies):
        noisy = m + rng.normal(0.0, 1e-3 * abs(m[0]), m.size)
        for i, r in enumerate(rows):
            r = list(r)
            r[TIME] = f"{t[i] + k * span:.6f}"
            r[TEMP] = f"{T[i] + 0.5 * k:.6f}"
            r[FREE] = f"{noisy[i]:.10g}"
            out.append(",".join(r))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return copies * len(rows)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "dc_50k.dat", Path(tmp) / "dc_fits.csv"
        n = build(path)
        print(f"{path.stat().st_size / 1e6:.1f} MB on disk, {n} readings")
        argv = ["fit-dc", str(path), "-o", str(out)]
        start = time.perf_counter()
        quiet_command(argv)
        print(f"fit-dc, first call in this process: {time.perf_counter() - start:.2f} s")
        wall = best_of(lambda: quiet_command(argv), 3)
        cpu = min(wall_and_cpu(lambda: quiet_command(argv), 3)[1])
        rows = len(out.read_text().splitlines()) - 1
        print(
            f"fit-dc (read + segment + fit + write {rows} rows): best of 3 {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU (target < 2 s)"
        )
        print(f"  read:    {best_of(lambda: read_dc_file(path), 3):.2f} s")
        data = read_dc_file(path)
        seg = DcSegmentationSettings()
        print(
            f"  segment: {best_of(lambda: segment_decays(data.readings, seg, file='x'), 3):.2f} s"
        )
        res = fit_dc_files([str(path)])[0]
        print(f"  {len(res.decays.summary)} decays, {int(res.fits['converged'].sum())} converged")
        exe = Path(sys.executable).with_name("spinrelax")
        start = time.perf_counter()
        subprocess.run([str(exe), *argv], check=True, capture_output=True)
        print(f"spinrelax fit-dc cold (start-up + imports): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
