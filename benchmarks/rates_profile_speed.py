"""Benchmark of the profile-likelihood intervals of ``spinrelax.rates`` (numbers in README.md).

Usage: python benchmarks/rates_profile_speed.py
Same synthetic sample as ``rates_fit_speed.py`` (100 temperatures, Orbach + Raman + QTM, 5 %
scatter). Times (best of 5, wall and CPU of this process): the 68 % and 95 % profile intervals
of every free parameter of each of the 6 default zero-field candidate laws (already fitted;
the profiler is also run on a candidate that stopped at a bound, the worst case), and the whole
per-sample analysis (series split, weights, 6 candidates fitted and profiled, eligibility, the
chosen law's T-window refits, long-form tables and curves).
"""

from __future__ import annotations

import pandas as pd
from rates_fit_speed import synthetic
from timing import wall_and_cpu

from spinrelax.rates.analysis import analyse_rates
from spinrelax.rates.fit import fit_law
from spinrelax.rates.intervals import law_intervals
from spinrelax.rates.select import T_CANDIDATES
from spinrelax.rates.settings import law_settings


def best_of_both(fn, repeats: int = 5) -> tuple[float, float]:
    """(best wall time, best CPU time of this process) of ``repeats`` calls, in s."""
    wall, cpu = wall_and_cpu(fn, repeats)
    return min(wall), min(cpu)


def main() -> None:
    T, rate = synthetic()
    fits = [fit_law(T, 0.0, rate, 0.05, law) for law in T_CANDIDATES]
    prof = best_of_both(lambda: [law_intervals(f, T, 0.0, rate, 0.05) for f in fits])
    table = pd.DataFrame({"sample": "s", "process": 1, "spectrum": range(T.size), "T_K": T,
                          "H_Oe": 0.0, "rate_s-1": rate, "rate_err_s-1": 0.05 * rate,
                          "sigma_lntau": 0.05, "usable": True, "flags": ""})  # fmt: skip
    whole = best_of_both(lambda: analyse_rates(table, law_settings({})))
    chosen = analyse_rates(table, law_settings({})).candidates
    print(f"profile intervals, 6 laws x 100 T: {1e3 * prof[0]:.1f} ms wall, "
          f"{1e3 * prof[1]:.1f} ms CPU")  # fmt: skip
    print(f"whole per-sample analysis, 100 T: {1e3 * whole[0]:.1f} ms wall, "
          f"{1e3 * whole[1]:.1f} ms CPU")  # fmt: skip
    print(chosen[["law", "status", "U_K", "U_ci68_low_K", "U_ci68_high_K"]].to_string(index=False))


if __name__ == "__main__":
    main()
