"""Side-by-side: spinrelax batched engine vs ccfit2 5.14 on identical synthetic spectra.

ccfit2 (GPL/AGPL, Python >= 3.12, Qt) is never imported here and never committed: this script
writes the spectra to an .npz file and runs a small driver (the string DRIVER below, our code)
with the Python of a separate venv where ccfit2 is installed, e.g.

    /root/.pyenv/versions/3.12.1/bin/python -m venv /tmp/ccfit2-venv
    /tmp/ccfit2-venv/bin/pip install "ccfit2==5.14.*" PySide6-Essentials
    .venv/bin/python benchmarks/acsus_vs_ccfit2.py --ccfit2-python /tmp/ccfit2-venv/bin/python

Spectra: a temperature series of 40 generalized-Debye spectra, 25 frequencies 0.1 Hz - 1 kHz,
Arrhenius + plateau tau(T), 0.3 % noise, seeded: 1.8-5 K (every peak inside the window) and
1.8-9 K (the peak leaves the window: half the spectra have no peak to fit). Two unit scales:
emu/mol-sized (chi_T ~ 1-10) and emu/Oe-sized (x 1e-5). ccfit2 runs unseeded ('guess' starts)
and seeded (each fit starts from the previous temperature's result).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.models import chi_real_imag

DRIVER = r"""
import json, sys, time, warnings
import numpy as np
from ccfit2 import ac
warnings.simplefilter("ignore")
d = np.load(sys.argv[1])
f, re, im, T = d["freq_Hz"], d["chi_real"], d["chi_imag"], d["T_K"]
exps = [ac.Experiment(float(T[i]), np.full(f.size, T[i]), re[i], im[i], f, 0.0, np.zeros(f.size), np.full(f.size, 1e-3 * 4)) for i in range(len(T))]
out = {}
for mode in ("unseeded", "seeded"):
    taus, alphas, ok = [], [], []
    prev = None
    t0 = time.perf_counter()
    for e in exps:
        start = {k: "guess" for k in ("tau", "chi_S", "chi_T", "alpha")}
        if mode == "seeded" and prev is not None:
            start = prev
        m = ac.GeneralisedDebyeModel(start, {}, e)
        m.fit_to(e, verbose=False)
        v = m.final_var_values
        taus.append(float(v["tau"])); alphas.append(float(v["alpha"])); ok.append(bool(m.fit_status))
        if m.fit_status:
            prev = {k: float(v[k]) for k in ("tau", "chi_S", "chi_T", "alpha")}
    out[mode] = {"seconds": time.perf_counter() - t0, "tau": taus, "alpha": alphas, "ok": ok}
print(json.dumps(out))
"""


def spectra(scale: float, T_max_K: float, n: int = 40, seed: int = 5) -> dict[str, np.ndarray]:
    """Temperature series 1.8 K .. T_max_K of generalized-Debye spectra (arrays for the driver)."""
    rng = np.random.default_rng(seed)
    f = np.logspace(-1, 3, 25)
    T = np.linspace(1.8, T_max_K, n)
    rate = 1.2e3 * 0.01 + 5e8 * np.exp(-63.0 / T)  # s^-1: plateau + Orbach
    tau = 1.0 / rate
    chi_t = 8.0 / T
    p = np.stack([0.05 * chi_t, 0.95 * chi_t, np.log(tau), np.full(n, 0.08)], axis=-1)
    re, im = chi_real_imag("generalized_debye", f, p)
    noise = 0.003 * chi_t[:, None]
    re = scale * (re + noise * rng.normal(size=re.shape))
    im = scale * (im + noise * rng.normal(size=im.shape))
    return {"freq_Hz": f, "chi_real": re, "chi_imag": im, "T_K": T, "tau_true": tau}


def batched(data: dict[str, np.ndarray]) -> tuple[pd.DataFrame, float]:
    n, m = data["chi_real"].shape
    table = pd.DataFrame(
        {
            "spectrum": np.repeat(np.arange(n), m),
            "freq_Hz": np.tile(data["freq_Hz"], n),
            "chi_real": data["chi_real"].ravel(),
            "chi_imag": data["chi_imag"].ravel(),
        }
    )
    fit_spectra(table, ["spectrum"])  # warm-up (imports, first-call overheads)
    t0 = time.perf_counter()
    repeats = max(1, 800 // n)
    for _ in range(repeats):
        out = fit_spectra(table, ["spectrum"], FitSettings(model="generalized_debye"))
    return out, (time.perf_counter() - t0) / repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ccfit2-python", default="/tmp/ccfit2-venv/bin/python")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        driver = Path(tmp) / "driver.py"
        driver.write_text(DRIVER)
        cases = (
            ("peaks in window, emu/mol-sized", 1.0, 5.0, 40),
            ("peaks in window, emu/Oe-sized", 1e-5, 5.0, 40),
            ("peak crosses the window edge, emu/mol-sized", 1.0, 9.0, 40),
            ("peaks in window, emu/mol-sized", 1.0, 5.0, 1000),
        )
        for label, scale, T_max_K, n_spectra in cases:
            data = spectra(scale, T_max_K, n_spectra)
            path = Path(tmp) / "spectra.npz"
            np.savez(path, **data)
            ours, sec = batched(data)
            res = subprocess.run(
                [args.ccfit2_python, str(driver), str(path)],
                capture_output=True,
                text=True,
                check=True,
                env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
            )
            cc = json.loads(res.stdout.strip().splitlines()[-1])
            n = len(data["T_K"])
            print(f"== {label}: {n} spectra x 25 frequencies")
            in_window = ours["usable"].to_numpy()
            err = np.abs(ours["tau_s"].to_numpy() / data["tau_true"] - 1)
            print(
                f"spinrelax batched: {1e3 * sec / n:.3f} ms/spectrum, usable {in_window.sum()}/{n}, "
                f"median |tau/true - 1| (usable) {np.median(err[in_window]):.2e}"
            )
            for mode in ("unseeded", "seeded"):
                c = cc[mode]
                ok = np.array(c["ok"])
                both = ok & in_window
                tau_c = np.array(c["tau"])
                alpha_c = np.array(c["alpha"])
                d_tau = np.abs(ours["tau_s"].to_numpy()[both] / tau_c[both] - 1)
                d_alpha = np.abs(ours["alpha"].to_numpy()[both] - alpha_c[both])
                print(
                    f"ccfit2 {mode}: {1e3 * c['seconds'] / n:.2f} ms/spectrum "
                    f"(ratio {c['seconds'] / sec:.0f}x), fitted {ok.sum()}/{n}; both usable {both.sum()}: "
                    f"max |dtau/tau| {d_tau.max() if both.any() else np.nan:.2e}, "
                    f"max |dalpha| {d_alpha.max() if both.any() else np.nan:.2e}"
                )


if __name__ == "__main__":
    main()
