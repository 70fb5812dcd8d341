"""Phenomenological spin-lattice relaxation rate laws, tau^-1 in s^-1 (T in K, H in Oe).

Sources: Orbach, Proc. R. Soc. A 264, 458 (1961) (two-phonon resonant process,
tau^-1 = tau0^-1 exp(-U/kB T)); Abragam & Bleaney, *Electron Paramagnetic Resonance of Transition
Ions* (1970), ch. 10 (Raman C T^n with n = 9 for Kramers ions, direct A H^m T); Gatteschi,
Sessoli & Villain, *Molecular Nanomagnets* (2006), ch. 10 (temperature-independent quantum
tunnelling plateau). Conventions as in shared/design/PHYSICS.md.

All functions are vectorised over temperature and field and return rates in s^-1.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Terms a rate law may contain and their parameter names (units in the names).
TERM_PARAMS: dict[str, tuple[str, ...]] = {
    "orbach": ("tau0_s", "U_K"),
    "plateau": ("rate_qt_s-1",),
    "raman": ("C_raman_s-1_K-n", "n_raman"),
    "direct": ("A_direct_s-1_K-1",),
}


def orbach_rate_s(T_K: ArrayLike, tau0_s: float, U_K: float) -> NDArray[np.float64]:
    """Orbach/Arrhenius rate tau0^-1 exp(-U/kB T) in s^-1 (U given as U/kB in K; Orbach 1961)."""
    T = np.asarray(T_K, dtype=float)
    return np.exp(-U_K / T) / tau0_s


def plateau_rate_s(T_K: ArrayLike, rate_qt_s: float) -> NDArray[np.float64]:
    """Temperature-independent quantum-tunnelling plateau (Gatteschi et al. 2006, ch. 10)."""
    return np.full(np.shape(T_K), float(rate_qt_s))


def raman_rate_s(T_K: ArrayLike, C_s_K_n: float, n: float) -> NDArray[np.float64]:
    """Raman rate C T^n in s^-1 (Abragam & Bleaney 1970, ch. 10; n = 9 for Kramers ions)."""
    return C_s_K_n * np.asarray(T_K, dtype=float) ** n


def direct_rate_s(
    T_K: ArrayLike, A_s_K: float, H_Oe: ArrayLike = 1.0, m: float = 0.0
) -> NDArray[np.float64]:
    """Direct one-phonon rate A H^m T in s^-1 (Abragam & Bleaney 1970, ch. 10; m = 4 for Kramers).

    With the default m = 0 the field factor is 1 and A is the coefficient of T at the measured
    field.
    """
    T = np.asarray(T_K, dtype=float)
    return A_s_K * np.asarray(H_Oe, dtype=float) ** m * T


def term_rates_s(
    T_K: ArrayLike, params: Mapping[str, float], terms: tuple[str, ...]
) -> dict[str, NDArray[np.float64]]:
    """Each term's rate in s^-1 at ``T_K``; ``params`` uses the names of :data:`TERM_PARAMS`."""
    out: dict[str, NDArray[np.float64]] = {}
    for term in terms:
        if term == "orbach":
            out[term] = orbach_rate_s(T_K, params["tau0_s"], params["U_K"])
        elif term == "plateau":
            out[term] = plateau_rate_s(T_K, params["rate_qt_s-1"])
        elif term == "raman":
            out[term] = raman_rate_s(T_K, params["C_raman_s-1_K-n"], params["n_raman"])
        elif term == "direct":
            out[term] = direct_rate_s(T_K, params["A_direct_s-1_K-1"])
        else:
            raise ValueError(f"unknown rate term {term!r}; known: {sorted(TERM_PARAMS)}")
    return out


def total_rate_s(
    T_K: ArrayLike, params: Mapping[str, float], terms: tuple[str, ...]
) -> NDArray[np.float64]:
    """Sum of the rates of ``terms`` (parallel relaxation channels add) in s^-1."""
    rates = term_rates_s(T_K, params, terms)
    return np.sum(np.stack(list(rates.values())), axis=0)
