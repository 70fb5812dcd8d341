"""Timing of the batched electronuclear level sweep (target: 500 fields of 128 x 128 in < 1 s).

Run: .venv/bin/python benchmarks/spin_sweep.py  (prints best-of-5 wall times in seconds).
numpy's eigh loops over the stack calling LAPACK once per 128 x 128 matrix; a multithreaded
OpenBLAS only adds contention at that size, so the benchmark pins OPENBLAS_NUM_THREADS=1 unless
the caller sets it (run with OPENBLAS_NUM_THREADS=2 to see the difference).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path

import numpy as np
import yaml
from timing import best_of

from spinrelax.papers.erw10.spin import level_sweep_K, load_variant, tunnel_splitting_K

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    params = load_variant(yaml.safe_load((REPO / "config.yaml").read_text())["spin"])
    Hz = np.linspace(-400.0, 400.0, 500)
    cases = {
        "sweep 500 x 128x128, energies only": lambda: level_sweep_K(
            params, Hz, 80.0, with_hyperfine=True
        ),
        "sweep 500 x 128x128, 16 lowest + vectors": lambda: level_sweep_K(
            params, Hz, 80.0, with_hyperfine=True, n_levels=16, return_vectors=True
        ),
        "tunnel splitting, 500 fields x 16x16": lambda: tunnel_splitting_K(
            params, np.geomspace(1, 1e4, 500)
        ),
    }
    print(f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")
    for name, fn in cases.items():
        print(f"{name}: {best_of(fn):.3f} s")


if __name__ == "__main__":
    main()
