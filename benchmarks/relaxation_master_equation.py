"""Benchmark: master-equation tau^-1(T) of ErW10 at 100 temperatures (target < 50 ms).

Times (i) the slowest-eigenvalue solver alone on the 16 crystal-field levels and (ii) the full
standard-theory call (Hamiltonian, eigensystem, couplings, rates, solver), best of 20 runs, and
prints the range of tau^-1 covered. Run: .venv/bin/python benchmarks/relaxation_master_equation.py
"""

from __future__ import annotations

import numpy as np
from timing import best_of

from spinrelax.papers.erw10.relaxation.crystal_field_rates import level_scheme, standard_theory_rate
from spinrelax.papers.erw10.relaxation.master_equation import ln_direct_rates, slowest_rate
from spinrelax.papers.erw10.spin.parameters import IonParameters

ION = IonParameters(
    J=7.5, g_J=1.2, B_kq_K={(2, 0): -1.35, (4, 0): 1.07e-2, (6, 0): 1.07e-4, (4, 4): 1.8e-2}
)
OPS = ("dm0", "dm1", "dm2")
T_K = np.geomspace(0.05, 20.0, 100)


def main() -> None:
    scheme = level_scheme(ION, OPS)
    solver_ms = 1e3 * best_of(
        lambda: slowest_rate(ln_direct_rates(scheme.energies_K, scheme.coupling, 1e3, T_K)), 20
    )
    full_ms = 1e3 * best_of(lambda: standard_theory_rate(ION, T_K, 1e3, OPS), 20)
    res = standard_theory_rate(ION, T_K, 1e3, OPS)
    log10 = res.ln_rate_s / np.log(10)
    print(f"solver only, 100 T, 16 levels: {solver_ms:.2f} ms")
    print(f"full standard-theory call, 100 T: {full_ms:.2f} ms")
    print(f"log10 tau^-1 spans {log10.min():.1f} .. {log10.max():.1f} (C = 1e3 s^-1 K^-3)")
    print(
        f"routes: {int((res.method == 'dense').sum())} dense, {int((res.method == 'reduced').sum())} reduced"
    )


if __name__ == "__main__":
    main()
