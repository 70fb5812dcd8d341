"""Dielectric-type models of the ac susceptibility chi(omega) = chi' - i chi'' and their Jacobians.

Conventions (shared/design/PHYSICS.md): omega = 2 pi f, chi'' = -Im chi >= 0, the relaxing part
is a function of (i omega tau)^(1 - alpha); for the generalized Debye model the chi'' peak sits
at f = 1 / (2 pi tau).

Sources:
- Debye: P. Debye, *Polar Molecules* (1929); Casimir & du Pre, Physica 5, 507 (1938).
- Generalized Debye (Cole-Cole): K. S. Cole & R. H. Cole, J. Chem. Phys. 9, 341 (1941), Eq. 5.
- Havriliak-Negami: S. Havriliak & S. Negami, Polymer 8, 161 (1967), Eq. 1.
- Cole-Davidson: D. W. Davidson & R. H. Cole, J. Chem. Phys. 19, 1484 (1951).
- Two generalized Debye processes sharing chi_S: sum of two Cole-Cole terms, as used for
  molecular magnets (e.g. Reta & Chilton, PCCP 21, 23567 (2019), CC-FIT2).

Every model is evaluated through one kernel, the Havriliak-Negami term
``g(omega) = (1 + z)^(-gamma)`` with ``z = exp((1 - alpha) (ln(omega tau) + i pi / 2))``, whose
analytic derivatives with respect to ``ln tau``, ``alpha`` and ``gamma`` are:

- d g / d ln tau = -gamma (1 - alpha) z (1 + z)^(-gamma - 1)
- d g / d alpha  =  gamma L z (1 + z)^(-gamma - 1),  L = ln(omega tau) + i pi / 2
- d g / d gamma  = -ln(1 + z) (1 + z)^(-gamma)

The fitted parameter vectors (in this order) use ``dchi = chi_T - chi_S >= 0`` and ``ln tau``
(tau in s); chi has whatever unit the caller normalised it to.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

HALF_PI = 0.5 * np.pi


@dataclass(frozen=True)
class ModelSpec:
    """Name, fitted parameter names and box bounds of one susceptibility model."""

    name: str
    params: tuple[str, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]

    @property
    def n_params(self) -> int:
        """Number of free parameters."""
        return len(self.params)


#: Upper bound on alpha (alpha -> 1 is an infinitely broad, unphysical distribution).
ALPHA_MAX = 0.99
#: Lower bound on gamma (gamma -> 0 has no relaxation at all).
GAMMA_MIN = 0.01
_INF = np.inf
#: Box on ln(tau / s): tau between 2e-22 s and 5e21 s keeps exp() finite; a fit that ends on it
#: has no peak in reach and is flagged.
LN_TAU_MIN, LN_TAU_MAX = -50.0, 50.0

MODELS: dict[str, ModelSpec] = {
    "debye": ModelSpec(
        "debye", ("chi_S", "dchi", "ln_tau"), (0.0, 0.0, LN_TAU_MIN), (_INF, _INF, LN_TAU_MAX)
    ),
    "generalized_debye": ModelSpec(
        "generalized_debye",
        ("chi_S", "dchi", "ln_tau", "alpha"),
        (0.0, 0.0, LN_TAU_MIN, 0.0),
        (_INF, _INF, LN_TAU_MAX, ALPHA_MAX),
    ),
    "havriliak_negami": ModelSpec(
        "havriliak_negami",
        ("chi_S", "dchi", "ln_tau", "alpha", "gamma"),
        (0.0, 0.0, LN_TAU_MIN, 0.0, GAMMA_MIN),
        (_INF, _INF, LN_TAU_MAX, ALPHA_MAX, 1.0),
    ),
    "cole_davidson": ModelSpec(
        "cole_davidson",
        ("chi_S", "dchi", "ln_tau", "gamma"),
        (0.0, 0.0, LN_TAU_MIN, GAMMA_MIN),
        (_INF, _INF, LN_TAU_MAX, 1.0),
    ),
    "double_generalized_debye": ModelSpec(
        "double_generalized_debye",
        ("chi_S", "dchi", "ln_tau", "alpha", "dchi2", "ln_tau2", "alpha2"),
        (0.0, 0.0, LN_TAU_MIN, 0.0, 0.0, LN_TAU_MIN, 0.0),
        (_INF, _INF, LN_TAU_MAX, ALPHA_MAX, _INF, LN_TAU_MAX, ALPHA_MAX),
    ),
}

MODEL_NAMES: tuple[str, ...] = tuple(MODELS)


def _kernel(
    omega: NDArray,
    ln_tau: NDArray,
    alpha: NDArray,
    gamma: NDArray | None,
    derivatives: bool = True,
) -> tuple[NDArray, NDArray | None, NDArray | None, NDArray | None]:
    """HN term g and its derivatives (d/d ln tau, d/d alpha, d/d gamma; None when
    ``derivatives`` is False); arrays broadcast.

    ``gamma=None`` means gamma = 1 (Debye, Cole-Cole): g = 1/(1 + z), no complex power, no
    gamma derivative.
    """
    # Trial steps far outside the data can overflow; the optimiser rejects non-finite costs.
    with np.errstate(over="ignore", invalid="ignore"):
        big_l = (np.log(omega) + ln_tau) + 1j * HALF_PI
        z = np.exp((1.0 - alpha) * big_l)
        one_z = 1.0 + z
        if gamma is None:
            g = 1.0 / one_z
            if not derivatives:
                return g, None, None, None
            zg = z * g * g
            return g, -(1.0 - alpha) * zg, big_l * zg, None
        log_one_z = np.log(one_z)
        g = np.exp(-gamma * log_one_z)
        if not derivatives:
            return g, None, None, None
        zg = z * g / one_z
        return g, -gamma * (1.0 - alpha) * zg, gamma * big_l * zg, -log_one_z * g


def _split(model: str, p: NDArray) -> list[NDArray]:
    """Columns of a parameter array (..., P) as arrays broadcastable against omega (..., N)."""
    return [p[..., k, None] for k in range(MODELS[model].n_params)]


def chi_complex(model: str, omega_rad_s: NDArray, p: NDArray) -> NDArray:
    """Complex chi(omega) = chi' - i chi'' of ``model`` for parameters ``p`` (..., P).

    ``omega_rad_s`` has shape (..., N); the result has the broadcast shape (..., N).
    """
    return _evaluate(model, omega_rad_s, p, jacobian=False)[0]


def chi_and_jacobian(model: str, omega_rad_s: NDArray, p: NDArray) -> tuple[NDArray, NDArray]:
    """Complex chi (..., N) and its complex Jacobian d chi / d p (..., N, P), analytic."""
    chi, jac = _evaluate(model, omega_rad_s, p, jacobian=True)
    return chi, jac


def _evaluate(
    model: str, omega_rad_s: NDArray, p: NDArray, jacobian: bool
) -> tuple[NDArray, NDArray | None]:
    """Complex chi and, if ``jacobian``, its Jacobian (else None; chi is the same either way)."""
    cols = _split(model, np.asarray(p, dtype=float))
    omega = np.asarray(omega_rad_s, dtype=float)
    if model == "double_generalized_debye":
        chi_s, dchi, ln_tau, alpha, dchi2, ln_tau2, alpha2 = cols
        g1, t1, a1, _ = _kernel(omega, ln_tau, alpha, None, jacobian)
        g2, t2, a2, _ = _kernel(omega, ln_tau2, alpha2, None, jacobian)
        chi = chi_s + dchi * g1 + dchi2 * g2
        if not jacobian:
            return chi, None
        jac = [np.ones_like(g1), g1, dchi * t1, dchi * a1, g2, dchi2 * t2, dchi2 * a2]
        return chi, np.stack(jac, axis=-1)
    if model == "debye":
        chi_s, dchi, ln_tau = cols
        alpha, gamma = np.zeros_like(ln_tau), None
    elif model == "generalized_debye":
        chi_s, dchi, ln_tau, alpha = cols
        gamma = None
    elif model == "havriliak_negami":
        chi_s, dchi, ln_tau, alpha, gamma = cols
    elif model == "cole_davidson":
        chi_s, dchi, ln_tau, gamma = cols
        alpha = np.zeros_like(ln_tau)
    else:
        raise ValueError(f"unknown model {model!r}; choose from {MODEL_NAMES}")
    g, d_t, d_a, d_g = _kernel(omega, ln_tau, alpha, gamma, jacobian)
    chi = chi_s + dchi * g
    if not jacobian:
        return chi, None
    jac = [np.ones_like(g), g, dchi * d_t]
    if model in ("generalized_debye", "havriliak_negami"):
        jac.append(dchi * d_a)
    if model in ("havriliak_negami", "cole_davidson"):
        jac.append(dchi * d_g)
    return chi, np.stack(jac, axis=-1)


def chi_real_imag(model: str, freq_Hz: NDArray, p: NDArray) -> tuple[NDArray, NDArray]:
    """chi'(f) and chi''(f) >= 0 of ``model`` at frequencies ``freq_Hz`` (convenience wrapper)."""
    chi = chi_complex(model, 2.0 * np.pi * np.asarray(freq_Hz, dtype=float), p)
    return chi.real, -chi.imag
