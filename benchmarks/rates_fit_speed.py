"""Benchmark of the rate-law fits of ``spinrelax.rates`` (numbers in benchmarks/README.md).

Usage: python benchmarks/rates_fit_speed.py
Synthetic sample: 100 temperatures 1.8-20 K, Orbach (U = 63 K, tau0 = 2e-9 s) + Raman
(C = 1e-2 s^-1 K^-n, n = 5) + QTM (1200 s^-1), 5 % log-normal scatter, sigma_ln = 0.05; seeded.
Times (best of 5): one law (orbach+raman+qtm, data-driven start + 6 seeded starts), the
automatic comparison of the 6 default zero-field candidates, and the whole analysis of the
table (series split, weights, candidates, long-form tables and curves).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from timing import best_of

from spinrelax.rates.analysis import analyse_rates
from spinrelax.rates.fit import fit_law
from spinrelax.rates.select import T_CANDIDATES, compare_laws
from spinrelax.rates.settings import law_settings


def synthetic(n: int = 100, seed: int = 20240501) -> tuple[np.ndarray, np.ndarray]:
    """(T_K, rate_s-1) of the synthetic sample."""
    rng = np.random.default_rng(seed)
    T = np.geomspace(1.8, 20.0, n)
    true = np.exp(-63.0 / T) / 2e-9 + 1e-2 * T**5 + 1200.0
    return T, true * np.exp(0.05 * rng.standard_normal(n))


def main() -> None:
    T, rate = synthetic()
    one = best_of(lambda: fit_law(T, 0.0, rate, 0.05, "orbach+raman+qtm"))
    cands = best_of(lambda: compare_laws(T, 0.0, rate, 0.05, T_CANDIDATES))
    table = pd.DataFrame({"sample": "s", "process": 1, "spectrum": range(T.size), "T_K": T,
                          "H_Oe": 0.0, "rate_s-1": rate, "rate_err_s-1": 0.05 * rate,
                          "sigma_lntau": 0.05, "usable": True, "flags": ""})  # fmt: skip
    whole = best_of(lambda: analyse_rates(table, law_settings({})))
    fit = fit_law(T, 0.0, rate, 0.05, "orbach+raman+qtm")
    print(f"one law (orbach+raman+qtm), 100 T: {1e3 * one:.1f} ms  (U = {fit.params['U_K']:.2f} "
          f"+- {fit.errors['U_K']:.2f} K, n = {fit.params['n_raman']:.2f})")  # fmt: skip
    print(f"6 candidate laws compared, 100 T: {1e3 * cands:.1f} ms")
    print(f"whole analysis of one sample (auto law, tables, curves): {1e3 * whole:.1f} ms")


if __name__ == "__main__":
    main()
