"""Scale benchmark: a synthetic ac-susceptibility survey through ingest and Cole-Cole fitting.

Each sample is one MPMS3 ``.dat`` file (written with :func:`spinrelax.io.writers.write_mpms3_dat`)
holding ``n_T x n_H`` spectra of ``n_f`` log-spaced frequencies. The survey sizes are set by the
number of samples (1 000 spectra each by default), so 1, 10 and 100 samples give 1k, 10k and 100k
spectra. Every sample is ingested (:func:`spinrelax.io.ingest.ingest_sample`) and fitted
(:func:`spinrelax.acsus.fitting.fit_spectra` with the ``acsus`` settings of ``config.yaml``) in a pool of worker processes, one sample per task,
exactly as the workflow shards the fit by sample; only the small fit tables are kept, so peak
memory stays that of one sample per worker.

The injected spectra follow the generalized Debye (Cole-Cole) form written out here
independently of the package (Cole & Cole, J. Chem. Phys. 9, 341 (1941)):
``chi(w) = chi_S + (chi_T - chi_S) / (1 + (i w tau)^(1 - alpha))`` with ``chi'' = -Im chi``,
tau following an Arrhenius law tau = tau0 exp(U / T) so the peak sweeps the window, plus
Gaussian noise (seeded). The benchmark reports the recovered-vs-injected tau.

Usage (each size runs in a fresh process so its peak RSS is its own)::

    .venv/bin/python benchmarks/scale_survey.py --sizes 1000 10000 100000 --workers 2

Files are cached under ``--cache`` (default ``/tmp/spinrelax-scale``); writing them is not timed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from spinrelax.acsus.fitting import fit_spectra
from spinrelax.acsus.settings import fit_settings
from spinrelax.io.ingest import ingest_sample
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.writers import write_mpms3_dat

REPO = Path(__file__).resolve().parents[1]
#: The workflow's own fit settings (config.yaml, section acsus), as the fit rule uses them.
ACSUS_CONFIG = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))["acsus"]
MASS_MG = 10.0
MOLAR_MASS_G_PER_MOL = 3000.0
CHI_S_EMU_PER_OE = 1e-6
CHI_T_EMU_PER_OE = 1e-4
NOISE_EMU_PER_OE = 1e-7
ALPHA = 0.1
TAU0_S = 1e-6
BARRIER_K = 30.0


@dataclass(frozen=True)
class Survey:
    """Shape of one sample's file: temperatures, fields and frequencies (per spectrum)."""

    n_T: int = 40
    n_H: int = 25
    n_f: int = 30
    T_min_K: float = 2.0
    T_max_K: float = 6.0
    H_max_Oe: float = 5000.0
    f_min_Hz: float = 0.1
    f_max_Hz: float = 1000.0

    @property
    def spectra_per_sample(self) -> int:
        return self.n_T * self.n_H


def injected_points(survey: Survey, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Points of one sample in MPMS3 units (emu/Oe) and the injected tau_s per spectrum."""
    rng = np.random.default_rng(seed)
    T_K = np.linspace(survey.T_min_K, survey.T_max_K, survey.n_T)
    H_Oe = np.linspace(0.0, survey.H_max_Oe, survey.n_H)
    f_Hz = np.geomspace(survey.f_min_Hz, survey.f_max_Hz, survey.n_f)
    TT, HH, FF = np.meshgrid(T_K, H_Oe, f_Hz, indexing="ij")
    tau_s = TAU0_S * np.exp(BARRIER_K / TT)
    omega = 2.0 * np.pi * FF
    chi = CHI_S_EMU_PER_OE + (CHI_T_EMU_PER_OE - CHI_S_EMU_PER_OE) / (
        1.0 + (1j * omega * tau_s) ** (1.0 - ALPHA)
    )
    n = TT.size
    points = pd.DataFrame(
        {
            "T_K": TT.ravel() + rng.normal(0.0, 1e-3, n),
            "H_Oe": HH.ravel() + rng.normal(0.0, 0.1, n),
            "freq_Hz": FF.ravel(),
            "drive_Oe": np.full(n, 3.0),
            "chi_real_emu_per_Oe": chi.real.ravel() + rng.normal(0.0, NOISE_EMU_PER_OE, n),
            "chi_imag_emu_per_Oe": -chi.imag.ravel() + rng.normal(0.0, NOISE_EMU_PER_OE, n),
            "chi_real_err_emu_per_Oe": np.full(n, NOISE_EMU_PER_OE),
            "chi_imag_err_emu_per_Oe": np.full(n, NOISE_EMU_PER_OE),
            "time_s": 3.9e9 + 2.0 * np.arange(n),
        }
    )
    return points, tau_s[:, :, 0].ravel()


def write_survey(cache: Path, n_samples: int, survey: Survey) -> list[Path]:
    """Write (or reuse) the files of ``n_samples`` samples; returns their paths."""
    folder = cache / f"T{survey.n_T}_H{survey.n_H}_f{survey.n_f}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n_samples):
        path = folder / f"S{k:04d}.dat"
        if not path.exists():
            points, tau_s = injected_points(survey, seed=k)
            tmp = path.with_suffix(".part")
            write_mpms3_dat(
                tmp,
                points,
                sample_mass_mg=MASS_MG,
                molar_mass_g_per_mol=MOLAR_MASS_G_PER_MOL,
                title=f"scale benchmark sample {k}",
            )
            np.save(path.with_suffix(".tau.npy"), tau_s)
            tmp.rename(path)
        paths.append(path)
    return paths


def process_sample(path: Path) -> dict[str, float]:
    """Ingest and fit one sample file; timings, counts and recovered-vs-injected tau."""
    t0 = time.perf_counter()
    result = ingest_sample(
        path.stem,
        [(path, path.name)],
        SampleMetadata(MASS_MG, MOLAR_MASS_G_PER_MOL),
        SegmentationSettings(),
        "molar_cgs",
    )
    t1 = time.perf_counter()
    fits = fit_spectra(result.spectra, ["sample", "spectrum"], fit_settings(ACSUS_CONFIG))
    t2 = time.perf_counter()
    tau_true = np.load(path.with_suffix(".tau.npy"))
    ok = fits["converged"].to_numpy(dtype=bool)
    # spectra are numbered in measurement order, which is the generator's (T, H) order
    dex = np.abs(np.log10(fits["tau_s"].to_numpy(dtype=float)[ok] / tau_true[ok]))
    return {
        "ingest_s": t1 - t0,
        "fit_s": t2 - t1,
        "spectra": len(fits),
        "converged": int(ok.sum()),
        "usable": int(fits["usable"].to_numpy(dtype=bool).sum()),
        "sum_dex": float(dex.sum()),
        "max_dex": float(dex.max(initial=0.0)),
        "n_dex": int(dex.size),
    }


def run_size(paths: list[Path], workers: int) -> dict[str, float]:
    """Process ``paths`` with ``workers`` processes; wall time, CPU split, peak RSS, accuracy."""
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(process_sample, paths))
    wall_s = time.perf_counter() - t0
    rss_children_MB = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rss_self_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = {k: sum(p[k] for p in parts) for k in parts[0] if k != "max_dex"}
    return {
        "samples": len(paths),
        "spectra": total["spectra"],
        "workers": workers,
        "wall_s": wall_s,
        "ingest_cpu_s": total["ingest_s"],
        "fit_cpu_s": total["fit_s"],
        "spectra_per_s": total["spectra"] / wall_s,
        "peak_rss_worker_MB": rss_children_MB,
        "peak_rss_parent_MB": rss_self_MB,
        "converged_fraction": total["converged"] / total["spectra"],
        "usable_fraction": total["usable"] / total["spectra"],
        "mean_abs_dex_tau": total["sum_dex"] / max(total["n_dex"], 1),
        "max_abs_dex_tau": max(p["max_dex"] for p in parts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/spinrelax-scale"))
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    survey = Survey()
    if args.one_size is not None:  # child process: one size, print JSON
        n_samples = max(1, round(args.one_size / survey.spectra_per_sample))
        paths = write_survey(args.cache, n_samples, survey)
        print(json.dumps(run_size(paths, args.workers)))
        return 0
    rows = []
    for size in args.sizes:
        n_samples = max(1, round(size / survey.spectra_per_sample))
        write_survey(args.cache, n_samples, survey)  # untimed, outside the measured process
        cmd = [sys.executable, __file__, "--one-size", str(size), "--workers", str(args.workers)]
        cmd += ["--cache", str(args.cache)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    report = {"survey": asdict(survey), "results": rows}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    print(
        "| spectra | samples | wall s | spectra/s | ingest CPU s | fit CPU s | peak RSS/worker MB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['spectra']} | {r['samples']} | {r['wall_s']:.1f} | {r['spectra_per_s']:.0f} "
            f"| {r['ingest_cpu_s']:.1f} | {r['fit_cpu_s']:.1f} | {r['peak_rss_worker_MB']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
