"""Moments of the ln(tau) distribution behind each model, and how much of a peak a window covers.

Sources:
- D. Reta & N. F. Chilton, "Uncertainty estimates for magnetic relaxation times and
  magnetic relaxation parameters", Phys. Chem. Chem. Phys. 21, 23567 (2019): the width
  sigma_lntau of the generalized Debye distribution, sqrt((1/(1-alpha)^2 - 1) pi^2 / 3), and its
  use as an uncertainty band on tau (their Eqs. 8-12 for HN and CD).
- R. Zorn, "Logarithmic moments of relaxation time distributions", J. Chem. Phys. 116, 3204
  (2002): mean <ln tau> = ln tau_HN + (psi(gamma) + Euler gamma) / (1 - alpha) and variance
  (psi'(gamma) + pi^2/6) / (1 - alpha)^2 - pi^2/3 of the Havriliak-Negami distribution
  (Cole-Davidson: alpha = 0; Cole-Cole: gamma = 1). Checked against numerical integration of the
  HN distribution function in tests. psi and psi' from :mod:`spinrelax.acsus.polygamma`.
- Kramers-Kronig: the integral of chi'' over ln(omega) is (pi / 2)(chi_T - chi_S) for every model
  here, which normalises the window coverage.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from spinrelax.acsus.models import MODELS, chi_complex
from spinrelax.acsus.polygamma import digamma, trigamma

EULER_GAMMA = float(np.euler_gamma)


def _alpha_gamma(model: str, p: NDArray) -> tuple[NDArray, NDArray]:
    """alpha and gamma columns of a parameter array (..., P), with model defaults filled in."""
    names = MODELS[model].params
    p = np.asarray(p, dtype=float)
    alpha = p[..., names.index("alpha")] if "alpha" in names else np.zeros(p.shape[:-1])
    gamma = p[..., names.index("gamma")] if "gamma" in names else np.ones(p.shape[:-1])
    return alpha, gamma


def mean_ln_tau(model: str, p: NDArray) -> NDArray:
    """<ln tau> (tau in s) of the main process; the characteristic rate is exp(-<ln tau>).

    Zorn (2002): ln tau + (psi(gamma) + gamma_E) / (1 - alpha); equals ln tau for Debye and
    generalized Debye. For two processes, the first (``ln_tau``) process.
    """
    p = np.asarray(p, dtype=float)
    ln_tau = p[..., MODELS[model].params.index("ln_tau")]
    if "gamma" not in MODELS[model].params:  # gamma = 1: psi(1) + gamma_E = 0
        return ln_tau
    alpha, gamma = _alpha_gamma(model, p)
    return ln_tau + (digamma(gamma) + EULER_GAMMA) / (1.0 - alpha)


def sigma_ln_tau(model: str, p: NDArray) -> NDArray:
    """Standard deviation of the ln tau distribution (Reta & Chilton 2019; Zorn 2002).

    Generalized Debye: sqrt((1/(1 - alpha)^2 - 1) pi^2 / 3); HN/CD: sqrt((psi'(gamma) + pi^2/6)
    / (1 - alpha)^2 - pi^2/3); Debye: 0. Two processes: the width of the first process.
    """
    p = np.asarray(p, dtype=float)
    if model in ("debye", "generalized_debye", "double_generalized_debye"):
        names = MODELS[model].params
        alpha = p[..., names.index("alpha")] if "alpha" in names else np.zeros(p.shape[:-1])
        # Clipped at 0: alpha < 0 (a finite-difference step off the bound) has no width.
        return np.sqrt(np.clip(1.0 / (1.0 - alpha) ** 2 - 1.0, 0.0, None) * np.pi**2 / 3.0)
    alpha, gamma = _alpha_gamma(model, p)
    var = (trigamma(gamma) + np.pi**2 / 6.0) / (1.0 - alpha) ** 2 - np.pi**2 / 3.0
    return np.sqrt(np.clip(var, 0.0, None))


def _cole_cole_area(
    dchi: NDArray, ln_tau: NDArray, alpha: NDArray, ln_w1: NDArray, ln_w2: NDArray
) -> NDArray:
    """Closed-form integral of the Cole-Cole chi'' over ln omega from ln_w1 to ln_w2.

    With u = (omega tau)^(1-alpha), s = sin(pi alpha/2), c = cos(pi alpha/2): chi'' d ln omega =
    dchi c du / ((1 - alpha)(u^2 + 2 s u + 1)), whose primitive is dchi arctan((u + s)/c)/(1 - alpha)
    (total dchi pi/2, the Kramers-Kronig value).
    """
    a = 1.0 - alpha
    s, c = np.sin(0.5 * np.pi * alpha), np.cos(0.5 * np.pi * alpha)
    with np.errstate(over="ignore"):
        u1 = np.exp(a * (ln_w1 + ln_tau))
        u2 = np.exp(a * (ln_w2 + ln_tau))
    return dchi * (np.arctan((u2 + s) / c) - np.arctan((u1 + s) / c)) / a


def peak_coverage(
    model: str, p: NDArray, f_min_Hz: NDArray, f_max_Hz: NDArray, n_grid: int = 96
) -> NDArray:
    """Fraction of the total chi'' area (over ln omega) that lies inside [f_min, f_max].

    The total area is (pi/2) * (sum of the relaxing amplitudes) by Kramers-Kronig. Debye and
    Cole-Cole terms are integrated in closed form (:func:`_cole_cole_area`); HN and CD by the
    trapezoid rule on ``n_grid`` log-spaced points. Parameters ``p`` (B, P), window edges (B,);
    returns (B,) in [0, 1] (NaN if no amplitude).
    """
    p = np.atleast_2d(np.asarray(p, dtype=float))
    names = MODELS[model].params
    ln_w1 = np.log(2.0 * np.pi * np.asarray(f_min_Hz, dtype=float))
    ln_w2 = np.log(2.0 * np.pi * np.asarray(f_max_Hz, dtype=float))
    col = {name: p[:, k] for k, name in enumerate(names)}
    amplitude = col["dchi"] + col.get("dchi2", 0.0)
    if model in ("debye", "generalized_debye", "double_generalized_debye"):
        alpha = col.get("alpha", np.zeros(p.shape[0]))
        area = _cole_cole_area(col["dchi"], col["ln_tau"], alpha, ln_w1, ln_w2)
        if "dchi2" in col:
            area = area + _cole_cole_area(col["dchi2"], col["ln_tau2"], col["alpha2"], ln_w1, ln_w2)
    else:
        u = np.linspace(0.0, 1.0, n_grid)
        ln_w = ln_w1[:, None] + u * (ln_w2 - ln_w1)[:, None]
        chi_imag = -chi_complex(model, np.exp(ln_w), p).imag
        step = np.diff(ln_w, axis=-1)
        area = np.sum(0.5 * (chi_imag[:, 1:] + chi_imag[:, :-1]) * step, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = area / (0.5 * np.pi * amplitude)
    return np.where(amplitude > 0, np.clip(frac, 0.0, 1.0), np.nan)


def ln_tau_peak(model: str, p: NDArray, ln_w_lo: NDArray, ln_w_hi: NDArray) -> NDArray:
    """ln of the chi''-peak time 1/omega_max (tau in s) of the fitted curve (B,).

    Debye, Cole-Cole: ln tau. Havriliak-Negami (Cole-Davidson: alpha = 0), with beta = 1 - alpha:
    omega_max tau = [sin(pi beta / (2 gamma + 2)) / sin(pi beta gamma / (2 gamma + 2))]^(1/beta)
    (F. Kremer & A. Schoenhals, *Broadband Dielectric Spectroscopy* (Springer 2003), Eq. 1.93;
    R. Diaz-Calleja, Macromolecules 33, 8924 (2000)). Two processes: the global maximum of the
    total chi'' on 96 log-spaced points from two decades below ``ln_w_lo`` to two decades above
    ``ln_w_hi`` (ln rad/s), then on 33 points between the neighbours of the largest one, refined
    by a parabola through the largest point and its neighbours.
    """
    p = np.atleast_2d(np.asarray(p, dtype=float))
    names = MODELS[model].params
    ln_tau = p[:, names.index("ln_tau")]
    if model in ("debye", "generalized_debye"):
        return ln_tau
    if model in ("havriliak_negami", "cole_davidson"):
        alpha, gamma = _alpha_gamma(model, p)
        beta = 1.0 - alpha
        ratio = np.sin(np.pi * beta / (2 * gamma + 2)) / np.sin(
            np.pi * beta * gamma / (2 * gamma + 2)
        )
        return ln_tau - np.log(ratio) / beta
    margin = np.log(100.0)
    lo = np.asarray(ln_w_lo, dtype=float) - margin
    hi = np.asarray(ln_w_hi, dtype=float) + margin
    rows = np.arange(p.shape[0])
    for n_grid in (96, 33):
        ln_w = lo[:, None] + np.linspace(0.0, 1.0, n_grid) * (hi - lo)[:, None]
        y = -chi_complex(model, np.exp(ln_w), p).imag
        y = np.where(np.isfinite(y), y, -np.inf)
        k = np.clip(np.argmax(y, axis=-1), 1, n_grid - 2)
        lo, hi = ln_w[rows, k - 1], ln_w[rows, k + 1]
    y0, y1, y2 = y[rows, k - 1], y[rows, k], y[rows, k + 1]
    step = ln_w[:, 1] - ln_w[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        shift = 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2)
    shift = np.where(np.isfinite(shift) & (np.abs(shift) <= 1), shift, 0.0)
    return -(ln_w[rows, k] + shift * step)
