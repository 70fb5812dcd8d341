"""DC decay throughput: one MPMS3 DC file of ~50 000 readings read, cut into decays and fitted
(target < 2 s).

The file is the real K(18-c-6)[Er(hdcCOT)2] decay file's five decays repeated 26 times in time
(each copy 1 h later, temperatures shifted by 0.5 K per copy so each repeat is its own decay),
with seeded Gaussian noise of 0.1 % of the first reading added to the moment: 51 012 readings,
130 decays. Every decay gets the default fit plus the two fits behind the M_eq and M_0 spreads.

Run: .venv/bin/python benchmarks/dc_decay_speed.py
"""

import tempfile
import time
from pathlib import Path

import numpy as np

from spinrelax.timedomain.files import fit_dc_files

REAL = (
    Path(__file__).resolve().parents[1] / "tests/data/realdata/mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"
)
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
        path = Path(tmp) / "dc_50k.dat"
        n = build(path)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            res = fit_dc_files([str(path)])[0]
            best = min(best, time.perf_counter() - start)
        fits = res.fits
        print(
            f"{n} readings, {len(res.decays.summary)} decays, "
            f"{int(fits['converged'].sum())} converged: read + segment + fit best of 3 "
            f"{best:.2f} s (target < 2 s)"
        )


if __name__ == "__main__":
    main()
