"""Whole-process speed of ``spinrelax fit-ac`` against ccfit2 on the same spectra, and CLI start-up.

Usage: python benchmarks/fit_ac_whole_process.py [--spectra 12000] [--repeats 3]
       [--ccfit2-python /tmp/ccfit2-venv/bin/python] [--ccfit2-modes seeded unseeded]
       [--baseline-src DIR]  (ccfit2 venv: see acsus_vs_ccfit2.py; DIR: the src/ folder of
       another checkout, e.g. ``git archive <commit> | tar -x -C /tmp/base``, timed the same way)

Writes ``--spectra`` seeded generalized-Debye spectra (25 frequencies 0.1 Hz - 1 kHz, the
temperature series of acsus_vs_ccfit2.py repeated with fresh noise, emu/mol-sized) as one tidy
CSV, then times, each as a fresh process (median wall time of ``--repeats`` runs):

- ``spinrelax fit-ac FILE -o OUT.csv`` (start-up, reading, segmentation, fits, table);
- ccfit2 5.14 (GeneralisedDebyeModel.fit_to per spectrum; ``seeded``: each fit starts from the
  previous spectrum's result, its fastest use; ``unseeded``: 'guess' starts) reading the same
  spectra from an .npz file: its interpreter start, imports and fits (one run each: it is slow);
- start-up: ``python -c pass``, ``spinrelax --help``, ``spinrelax fit-ac --help`` and
  ``spinrelax fit-ac`` on a one-spectrum file.

Prints one line per measurement; the numbers are recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.acsus.models import chi_real_imag

BIN = Path(sys.executable).parent
DRIVER = r"""
import sys, warnings
import numpy as np
from ccfit2 import ac
warnings.simplefilter("ignore")
d = np.load(sys.argv[1])
seeded = sys.argv[2] == "seeded"
f, re, im, T = d["freq_Hz"], d["chi_real"], d["chi_imag"], d["T_K"]
ok, prev = 0, None
keys = ("tau", "chi_S", "chi_T", "alpha")
for i in range(len(T)):
    e = ac.Experiment(float(T[i]), np.full(f.size, T[i]), re[i], im[i], f, 0.0, np.zeros(f.size), np.full(f.size, 1e-3 * 4))
    start = prev if seeded and prev is not None else {k: "guess" for k in keys}
    m = ac.GeneralisedDebyeModel(start, {}, e)
    m.fit_to(e, verbose=False)
    ok += bool(m.fit_status)
    if m.fit_status:
        prev = {k: float(m.final_var_values[k]) for k in keys}
print(ok)
"""


def spectra(n: int, seed: int = 5) -> dict[str, np.ndarray]:
    """``n`` spectra: temperature series of 40 (1.8-5 K, every peak in the window) with new noise."""
    rng = np.random.default_rng(seed)
    f = np.logspace(-1, 3, 25)
    T = np.tile(np.linspace(1.8, 5.0, 40), -(-n // 40))[:n]
    tau = 1.0 / (12.0 + 5e8 * np.exp(-63.0 / T))
    chi_t = 8.0 / T
    p = np.stack([0.05 * chi_t, 0.95 * chi_t, np.log(tau), np.full(n, 0.08)], axis=-1)
    re, im = chi_real_imag("generalized_debye", f, p)
    noise = 0.003 * chi_t[:, None]
    re = re + noise * rng.normal(size=re.shape)
    im = im + noise * rng.normal(size=im.shape)
    return {"freq_Hz": f, "chi_real": re, "chi_imag": im, "T_K": T}


def write_tidy(data: dict[str, np.ndarray], path: Path) -> None:
    """One tidy CSV at zero field (the sweep rule splits it at every frequency restart)."""
    n, m = data["chi_real"].shape
    table = pd.DataFrame(
        {
            "T_K": np.repeat(data["T_K"], m),
            "H_Oe": np.zeros(n * m),
            "freq_Hz": np.tile(data["freq_Hz"], n),
            "chi_real": data["chi_real"].ravel(),
            "chi_imag": data["chi_imag"].ravel(),
        }
    )
    with open(path, "w") as out:
        out.write("# chi_unit = emu/mol\n")
        table.to_csv(out, index=False, float_format="%.10g", lineterminator="\n")


def wall(cmd: list[str], repeats: int, env: dict | None = None) -> list[float]:
    """Wall times (s) of ``repeats`` runs of ``cmd`` (each checked)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return times


def show(label: str, times: list[float]) -> float:
    med = statistics.median(times)
    print(f"{label}: median {med:.3f} s (runs: {', '.join(f'{t:.3f}' for t in times)})")
    return med


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spectra", type=int, default=12000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ccfit2-python", default="/tmp/ccfit2-venv/bin/python")
    parser.add_argument("--baseline-src", help="src/ of another checkout: time its fit-ac too")
    parser.add_argument("--ccfit2-modes", nargs="+", default=["seeded"],
                        choices=["seeded", "unseeded"])  # fmt: skip
    args = parser.parse_args()
    spinrelax = str(BIN / "spinrelax")
    with tempfile.TemporaryDirectory() as tmp:
        data = spectra(args.spectra)
        csv, npz = Path(tmp) / "spectra.csv", Path(tmp) / "spectra.npz"
        write_tidy(data, csv)
        np.savez(npz, **data)
        one = Path(tmp) / "one.csv"
        write_tidy({k: (v[:1] if k != "freq_Hz" else v) for k, v in data.items()}, one)
        print(f"load average {os.getloadavg()[0]:.1f}; {args.spectra} spectra x 25 frequencies")
        show("python -c pass", wall([sys.executable, "-c", "pass"], 5))
        show("spinrelax --help", wall([spinrelax, "--help"], 5))
        show("spinrelax fit-ac --help", wall([spinrelax, "fit-ac", "--help"], 5))
        show("spinrelax fit-ac, 1 spectrum", wall([spinrelax, "fit-ac", str(one)], 5))
        ours = show(
            f"spinrelax fit-ac, {args.spectra} spectra",
            wall([spinrelax, "fit-ac", str(csv), "-o", str(Path(tmp) / "out.csv")], args.repeats),
        )
        print(f"  per spectrum {1e3 * ours / args.spectra:.3f} ms (whole process)")
        if args.baseline_src:
            env = dict(os.environ, PYTHONPATH=args.baseline_src)
            cmd = [
                sys.executable,
                "-m",
                "spinrelax",
                "fit-ac",
                str(csv),
                "-o",
                str(Path(tmp) / "b.csv"),
            ]
            show("baseline --help", wall([sys.executable, "-m", "spinrelax", "--help"], 5, env))
            show(f"baseline fit-ac, {args.spectra} spectra", wall(cmd, args.repeats, env))
        if Path(args.ccfit2_python).is_file():
            driver = Path(tmp) / "driver.py"
            driver.write_text(DRIVER)
            env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
            for mode in args.ccfit2_modes:
                theirs = show(
                    f"ccfit2 {mode}, {args.spectra} spectra",
                    wall([args.ccfit2_python, str(driver), str(npz), mode], 1, env),
                )
                print(f"  ratio ccfit2 {mode} / spinrelax (whole process, same run): "
                      f"{theirs / ours:.1f}x")  # fmt: skip
        else:
            print(f"ccfit2 not found at {args.ccfit2_python}: ratio not measured")


if __name__ == "__main__":
    main()
