"""Benchmark of the global (T, H) rate-law fit of ``spinrelax.rates.global_fit`` (numbers in
README.md).

Usage: python benchmarks/rates_global_speed.py
Synthetic sample of ``tests/rates/test_global_fit.py``: tau(T) series at 0, 1000 and 3000 Oe
(14 temperatures each, 2-14 K) and tau(H) series at 2, 4 and 6 K (13 fields each, 0-10 kOe),
Orbach + Raman + QTM suppressed by the field + direct A H^4 T, 5 % scatter in ln tau (81
points). Times (best of 3, wall and CPU of this process): the chosen law alone (fit, 68 % and
95 % profile intervals), the 8 default (T, H) candidates compared (fits, 68 % profiles,
eligibility, AICc), and the whole per-sample analysis with and without the global fit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rates_profile_speed import best_of_both

from spinrelax.rates.analysis import analyse_rates
from spinrelax.rates.data import normalise_fit_table
from spinrelax.rates.fit import fit_law
from spinrelax.rates.global_fit import DEFAULT_GLOBAL_FIXED, TH_CANDIDATES
from spinrelax.rates.intervals import law_intervals
from spinrelax.rates.laws import total_rate_s
from spinrelax.rates.select import compare_laws
from spinrelax.rates.settings import law_settings

TRUTH = {"tau0_s": 1e-10, "U_K": 120.0, "C_raman_s-1_K-n": 2e-3, "n_raman": 5.0,
         "rate_qt_s-1": 300.0, "b_qtm_Oe-p": 1e-6, "p_qtm": 2.0,
         "A_direct_s-1_Oe-m_K-1": 1e-14, "m_direct": 4.0}  # fmt: skip
LAW = ("orbach", "raman", "qtm_field", "direct_field")


def synthetic(seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(T_K, H_Oe, rate_s-1) of the sample in the module docstring."""
    cells = [(t, h) for h in (0.0, 1e3, 3e3) for t in np.geomspace(2.0, 14.0, 14)]
    cells += [(t, h) for t in (2.0, 4.0, 6.0) for h in np.r_[0.0, np.geomspace(100, 1e4, 12)]]
    T, H = np.array(cells).T
    rate = total_rate_s(T, TRUTH, LAW, H)
    return T, H, rate * np.exp(0.05 * np.random.default_rng(seed).standard_normal(rate.size))


def main() -> None:
    T, H, rate = synthetic()
    fixed = dict(DEFAULT_GLOBAL_FIXED)

    def one() -> None:
        fit = fit_law(T, H, rate, 0.05, LAW, fixed=fixed, variable="TH")
        law_intervals(fit, T, H, rate, 0.05)

    single = best_of_both(one, 3)
    cands = best_of_both(
        lambda: compare_laws(T, H, rate, 0.05, TH_CANDIDATES, fixed=fixed, variable="TH"), 3
    )
    table = normalise_fit_table(
        pd.DataFrame({"T_K": T, "H_Oe": H, "rate_s-1": rate, "rate_err_s-1": 0.05 * rate}),
        file="synthetic", sample="s",
    )  # fmt: skip
    on = best_of_both(lambda: analyse_rates(table, law_settings({"sigma": "fit"})), 3)
    off = best_of_both(
        lambda: analyse_rates(table, law_settings({"sigma": "fit", "global_law": "off"})), 3
    )
    for name, (wall, cpu) in (("chosen (T, H) law: fit + 68/95 % profiles", single),
                              (f"{len(TH_CANDIDATES)} (T, H) candidates compared", cands),
                              ("whole analysis with the global fit", on),
                              ("whole analysis, global_law off (6 series)", off)):  # fmt: skip
        print(f"{name}: {1e3 * wall:.0f} ms wall, {1e3 * cpu:.0f} ms CPU")
    chosen = analyse_rates(table, law_settings({"sigma": "fit"})).candidates
    th = chosen.loc[chosen["series"] == "TH"]
    print(th[["law", "status", "delta_aicc", "U_K"]].to_string(index=False))


if __name__ == "__main__":
    main()
