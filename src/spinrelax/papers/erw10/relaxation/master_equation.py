"""Pauli master equation over discrete levels and its slowest relaxation rate, stable over
hundreds of decades.

dP_j/dt = sum_i W_ij P_i - P_j sum_k W_jk (Pauli 1928; Blum, *Density Matrix Theory and
Applications* (2012), ch. 8). Transition rates are one-phonon (direct) processes between levels
of energies E (K) with squared spin-phonon matrix elements M_ij (Abragam & Bleaney 1970,
section 10.2; Orbach, Proc. R. Soc. A 264, 458 (1961)):

    W(i -> j) = C M_ij |E_i - E_j|^3 (n + 1)   for emission (E_i > E_j),
    W(i -> j) = C M_ij |E_i - E_j|^3 n         for absorption,   n = 1 / (exp(|dE|/T) - 1),

C in s^-1 K^-3. The rates obey detailed balance, W_ij exp(-E_i/T) = W_ji exp(-E_j/T).
tau^-1 is the smallest non-zero eigenvalue of the generator -W. Two exact routes:

- ``dense``: the generator symmetrised with detailed balance, S_ij = sqrt(W_ij W_ji), and
  ``numpy.linalg.eigvalsh`` over a batch of temperatures. Absolute accuracy ~ 1e-15 max|S|, so
  it is trusted only while tau^-1 > ``rel_tol`` max|eigenvalue|.
- ``reduced``: in the log domain, all levels but two (by default the two lowest, e.g. the two
  states of the ground Kramers doublet) are eliminated one by one with the subtraction-free
  stochastic-complement update W'_ij = W_ij + W_ik W_kj / sum_l W_kl (Grassmann, Taqqu &
  Heyman, Oper. Res. 33, 1107 (1985); Meyer, SIAM Rev. 31, 240 (1989)), and
  tau^-1 = W'_01 + W'_10. No cancellation and no underflow (ln rates), so it holds over hundreds
  of decades; its relative error is of order tau^-1 / (next eigenvalue), i.e. negligible exactly
  where the dense route fails (strong time-scale separation).

``slowest_rate`` picks the dense value where it is trustworthy and the reduced one elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import logsumexp

#: Dense eigenvalues are trusted when tau^-1 exceeds this fraction of the largest eigenvalue.
DENSE_REL_TOL = 1e-7


@dataclass(frozen=True)
class SlowestRate:
    """tau^-1 per temperature: ``ln_rate_s`` (natural log, -inf for 0) and the route used."""

    ln_rate_s: NDArray[np.float64]
    method: NDArray[np.str_]

    @property
    def rate_s(self) -> NDArray[np.float64]:
        """tau^-1 in s^-1 (underflows to 0 below 1e-308 s^-1; use ``ln_rate_s`` there)."""
        return np.exp(self.ln_rate_s)


def ln_direct_rates(
    energies_K: ArrayLike, coupling: ArrayLike, prefactor_s_K3: float, T_K: ArrayLike
) -> NDArray[np.float64]:
    """ln W(i -> j) of one-phonon direct processes, shape (n_T, n, n); -inf where W = 0.

    ``coupling`` is M_ij = sum over operators |<j|V|i>|^2 (symmetric, dimensionless), energies
    in K, ``prefactor_s_K3`` = C in s^-1 K^-3 (module docstring).
    """
    E = np.asarray(energies_K, dtype=float)
    M = np.asarray(coupling, dtype=float)
    T = np.atleast_1d(np.asarray(T_K, dtype=float))
    dE = E[:, None] - E[None, :]  # E_i - E_j: > 0 is emission i -> j
    a = np.abs(dE)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = a[None, :, :] / T[:, None, None]
        ln_np1 = -np.log(-np.expm1(-x))  # ln(n + 1)
        ln_occ = np.where(dE[None] > 0, ln_np1, ln_np1 - x)  # emission n+1, absorption n
        ln_w = np.log(prefactor_s_K3) + np.log(M)[None] + 3.0 * np.log(a)[None] + ln_occ
    ln_w = np.where((M[None] > 0) & (a[None] > 0), ln_w, -np.inf)
    idx = np.arange(len(E))
    ln_w[:, idx, idx] = -np.inf
    return ln_w


def _dense(ln_w: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Second-smallest eigenvalue of the symmetrised -W and the largest one, per temperature."""
    sym = np.exp(0.5 * (ln_w + np.swapaxes(ln_w, 1, 2)))
    out = np.exp(logsumexp(ln_w, axis=2))
    gen = np.where(np.isfinite(sym), sym, 0.0)
    idx = np.arange(ln_w.shape[1])
    gen[:, idx, idx] = -out
    eig = np.sort(np.linalg.eigvalsh(-gen), axis=1)
    return eig[:, 1], eig[:, -1]


def _reduced(ln_w: NDArray[np.float64], keep: tuple[int, int]) -> NDArray[np.float64]:
    """ln of the two-state rate sum after eliminating every level but ``keep`` (log domain)."""
    L = ln_w.copy()
    n = L.shape[1]
    alive = list(range(n))
    for k in [i for i in range(n - 1, -1, -1) if i not in keep]:
        alive.remove(k)
        a = np.array(alive)
        ln_out = logsumexp(L[:, k, a], axis=1)  # total escape rate of k to the alive states
        with np.errstate(invalid="ignore"):
            through = L[:, a, k][:, :, None] + L[:, k, a][:, None, :] - ln_out[:, None, None]
        through = np.where(np.isfinite(ln_out)[:, None, None], through, -np.inf)  # isolated k
        sub = np.logaddexp(L[np.ix_(np.arange(L.shape[0]), a, a)], through)
        L[np.ix_(np.arange(L.shape[0]), a, a)] = sub
        diag = np.arange(len(a))
        L[:, a[diag], a[diag]] = -np.inf
    i, j = keep
    return np.logaddexp(L[:, i, j], L[:, j, i])


def slowest_rate(
    ln_w: ArrayLike,
    keep: tuple[int, int] | None = None,
    energies_K: ArrayLike | None = None,
    method: str = "auto",
) -> SlowestRate:
    """Smallest non-zero eigenvalue of -W for each temperature of ``ln_w`` (n_T, n, n).

    ``keep``: the two levels kept by the reduction (default: the two lowest of ``energies_K``,
    else levels 0 and 1). ``method``: "auto" (dense where trusted, module docstring), "dense"
    or "reduced".
    """
    L = np.asarray(ln_w, dtype=float)
    if keep is None:
        keep = (0, 1) if energies_K is None else tuple(int(i) for i in np.argsort(energies_K)[:2])
    if method == "reduced":
        return SlowestRate(_reduced(L, keep), np.full(L.shape[0], "reduced"))
    with np.errstate(divide="ignore"):
        lam, lam_max = _dense(L)
        ln_dense = np.log(np.clip(lam, 0.0, None))
    if method == "dense":
        return SlowestRate(ln_dense, np.full(L.shape[0], "dense"))
    if method != "auto":
        raise ValueError(f"method must be auto, dense or reduced, not {method!r}")
    trusted = lam > DENSE_REL_TOL * lam_max
    ln_rate = ln_dense.copy()
    if not trusted.all():
        ln_rate[~trusted] = _reduced(L[~trusted], keep)
    return SlowestRate(ln_rate, np.where(trusted, "dense", "reduced"))
