"""Benchmark of the batched Cole-Cole engine vs per-spectrum lmfit (numbers in benchmarks/README.md).

Usage: python benchmarks/acsus_fit_speed.py [--sizes 1000 100000] [--lmfit-subset 200]
Each size runs in a fresh subprocess so that the peak resident memory (ru_maxrss) is its own.
Synthetic generalized-Debye spectra: 25 log-spaced frequencies 0.1 Hz - 1 kHz, tau log-uniform
over the window, alpha in [0, 0.4], 0.2 % noise, chi in emu/Oe-sized units (x 1e-4); seeded.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.guesses import initial_params
from spinrelax.acsus.lmfit_path import fit_single_lmfit
from spinrelax.acsus.models import chi_real_imag
from spinrelax.acsus.packing import pack_spectra

N_FREQ = 25


def synthetic(n: int, seed: int = 20240501) -> tuple[pd.DataFrame, np.ndarray]:
    """Tidy table of n spectra and the true tau (s)."""
    rng = np.random.default_rng(seed)
    f = np.logspace(-1, 3, N_FREQ)
    tau = 10 ** rng.uniform(np.log10(1 / (2 * np.pi * 1e3)), np.log10(1 / (2 * np.pi * 0.1)), n)
    alpha = rng.uniform(0, 0.4, n)
    chi_s = rng.uniform(0, 0.3, n)
    dchi = rng.uniform(0.5, 2.0, n)
    p = np.stack([chi_s, dchi, np.log(tau), alpha], axis=-1)
    re, im = chi_real_imag("generalized_debye", f, p)
    re = (re + 0.002 * rng.normal(size=re.shape)) * 1e-4
    im = (im + 0.002 * rng.normal(size=im.shape)) * 1e-4
    table = pd.DataFrame(
        {
            "spectrum": np.repeat(np.arange(n), N_FREQ),
            "freq_Hz": np.tile(f, n),
            "chi_real": re.ravel(),
            "chi_imag": im.ravel(),
        }
    )
    return table, tau


def run_batched(n: int) -> dict:
    table, tau = synthetic(n)
    t0 = time.perf_counter()
    out = fit_spectra(table, ["spectrum"], FitSettings(model="generalized_debye"))
    dt = time.perf_counter() - t0
    usable = out["usable"].to_numpy()
    rel = np.abs(out["tau_s"].to_numpy() / tau - 1)
    return {
        "n_spectra": n,
        "ms_per_spectrum": 1e3 * dt / n,
        "total_s": dt,
        "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "converged_fraction": float(out["converged"].mean()),
        "usable_fraction": float(usable.mean()),
        "median_tau_rel_err_usable": float(np.median(rel[usable])),
    }


def run_lmfit(n: int) -> dict:
    table, tau = synthetic(n)
    packed = pack_spectra(table, ["spectrum"])
    p0 = initial_params(
        "generalized_debye",
        np.log(packed.omega_rad_s),
        packed.chi_real,
        packed.chi_imag,
        packed.mask,
    )
    t0 = time.perf_counter()
    fits = [
        fit_single_lmfit(
            "generalized_debye",
            packed.freq_Hz[i],
            packed.chi_real[i],
            packed.chi_imag[i],
            p0[i],
            tol=1.5e-8,
        )
        for i in range(n)
    ]
    dt = time.perf_counter() - t0
    tau_fit = np.exp(np.array([f.params[2] for f in fits]))
    batched = fit_spectra(table, ["spectrum"], FitSettings(model="generalized_debye"))
    return {
        "n_spectra": n,
        "ms_per_spectrum": 1e3 * dt / n,
        "success_fraction": float(np.mean([f.success for f in fits])),
        "max_rel_diff_tau_vs_batched": float(
            np.max(np.abs(batched["tau_s"].to_numpy() / tau_fit - 1))
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    parser.add_argument("--lmfit-subset", type=int, default=200)
    parser.add_argument("--child", choices=["batched", "lmfit"])
    parser.add_argument("--n", type=int)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_batched(args.n) if args.child == "batched" else run_lmfit(args.n)))
        return
    for kind, n in [*(("batched", n) for n in args.sizes), ("lmfit", args.lmfit_subset)]:
        res = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--n", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(kind, res.stdout.strip())


if __name__ == "__main__":
    main()
