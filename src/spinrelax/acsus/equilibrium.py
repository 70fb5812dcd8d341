"""Equilibrium response from ac data: chi_T(T), Curie-Weiss fit, T_N from the low-frequency chi''
maximum, and the demagnetising (ferromagnetic) limit 1/N against the chi' maximum.

Sources and conventions:
- Curie-Weiss law chi_T = C / (T - theta) (e.g. Blundell, *Magnetism in Condensed Matter*,
  OUP 2001, Eq. 5.14), fitted by weighted least squares with C in emu K/mol, theta in K;
  Luis et al., PRB 82, 060403(R) (2010): above 100 mK, theta = -88 mK.
- The chi'' maximum at the lowest frequency marks the ordering temperature T_N (Luis et al.
  2010, Fig. 2: T_N = 81 mK); refined by a least-squares parabola through the points around the
  maximum, with the vertex error propagated from the parabola covariance.
- Demagnetising limit: the external susceptibility of a body with demagnetising factor N (cgs,
  N = 4 pi for a flat plate magnetised along its normal) cannot exceed 1/N (Osborn, Phys. Rev.
  67, 351 (1945); Aharoni, *Introduction to the Theory of Ferromagnetism*). Molar chi (emu/mol =
  cm^3/mol) becomes the dimensionless cgs volume chi on multiplying by rho / M_molar.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import curve_fit


@dataclass(frozen=True)
class CurieWeiss:
    """Curie-Weiss fit result: C (emu K/mol or chi-unit K), theta (K), 1-sigma errors."""

    C: float
    C_err: float
    theta_K: float
    theta_err_K: float
    chi2_red: float
    n_points: int
    converged: bool


def curie_weiss(T_K: NDArray, C: float, theta_K: float) -> NDArray:
    """chi_T = C / (T - theta)."""
    return C / (np.asarray(T_K, dtype=float) - theta_K)


def fit_curie_weiss(T_K: NDArray, chi: NDArray, chi_err: NDArray | None = None) -> CurieWeiss:
    """Weighted fit of chi = C / (T - theta); start from the line 1/chi = (T - theta) / C.

    Errors are 1 sigma from the covariance scaled by the reduced chi^2 (``absolute_sigma=False``).
    Fewer than 3 finite points, a non-positive C start or a failed fit give converged = False.
    """
    T = np.asarray(T_K, dtype=float)
    y = np.asarray(chi, dtype=float)
    sig = None if chi_err is None else np.asarray(chi_err, dtype=float)
    ok = np.isfinite(T) & np.isfinite(y) & (y > 0)
    if sig is not None:
        ok &= np.isfinite(sig) & (sig > 0)
    n = int(ok.sum())
    fail = CurieWeiss(np.nan, np.nan, np.nan, np.nan, np.nan, n, False)
    if n < 3:
        return fail
    T, y = T[ok], y[ok]
    sig = None if sig is None else sig[ok]
    slope, intercept = np.polyfit(T, 1.0 / y, 1)
    if slope <= 0:
        return fail
    p0 = (1.0 / slope, -intercept / slope)
    try:
        popt, pcov = curve_fit(
            curie_weiss, T, y, p0=p0, sigma=sig, absolute_sigma=False, maxfev=10000
        )
    except (RuntimeError, ValueError):
        return fail
    resid = (y - curie_weiss(T, *popt)) / (1.0 if sig is None else sig)
    chi2_red = float(np.sum(resid**2) / (n - 2)) if n > 2 else np.nan
    err = np.sqrt(np.diag(pcov))
    good = bool(np.all(np.isfinite(popt)) and np.all(np.isfinite(err)) and popt[0] > 0)
    return CurieWeiss(
        float(popt[0]), float(err[0]), float(popt[1]), float(err[1]), chi2_red, n, good
    )


@dataclass(frozen=True)
class PeakTemperature:
    """Temperature of a maximum (K) with its error and whether it lies inside the data."""

    T_K: float
    T_err_K: float
    value_at_peak: float
    interior: bool


def peak_temperature(T_K: NDArray, values: NDArray, half_width: int = 2) -> PeakTemperature:
    """Maximum of ``values(T)`` refined by a parabola through 2*half_width+1 points around it.

    ``interior`` is False when the largest value is at either end of the T range (no maximum
    inside the data), then T_K is the grid value and the error is NaN.
    """
    order = np.argsort(T_K)
    T = np.asarray(T_K, dtype=float)[order]
    v = np.asarray(values, dtype=float)[order]
    ok = np.isfinite(T) & np.isfinite(v)
    T, v = T[ok], v[ok]
    if T.size < 3:
        return PeakTemperature(np.nan, np.nan, np.nan, False)
    k = int(np.argmax(v))
    if k == 0 or k == T.size - 1:
        return PeakTemperature(float(T[k]), np.nan, float(v[k]), False)
    lo, hi = max(k - half_width, 0), min(k + half_width + 1, T.size)
    x, y = T[lo:hi], v[lo:hi]
    if x.size < 4:  # three points: exact parabola, no error estimate
        a, b, c = np.polyfit(x, y, 2)
        t = -b / (2 * a)
        return PeakTemperature(float(t), np.nan, float(np.polyval((a, b, c), t)), a < 0)
    (a, b, c), cov = np.polyfit(x, y, 2, cov=True)
    t = -b / (2 * a)
    grad = np.array([b / (2 * a**2), -1 / (2 * a), 0.0])
    t_err = float(np.sqrt(grad @ cov @ grad))
    inside = bool(a < 0 and x.min() <= t <= x.max())
    return PeakTemperature(float(t), t_err, float(np.polyval((a, b, c), t)), inside)


def molar_to_volume_cgs(
    chi_emu_per_mol: NDArray, density_g_per_cm3: float, molar_mass_g_per_mol: float
) -> NDArray:
    """Dimensionless cgs volume susceptibility = chi_molar (cm^3/mol) * rho / M."""
    return np.asarray(chi_emu_per_mol, dtype=float) * density_g_per_cm3 / molar_mass_g_per_mol


def demag_ratio(chi_max_volume_cgs: float, demag_factor_cgs: float = 4.0 * np.pi) -> float:
    """Ferromagnetic limit 1/N over the measured chi' maximum (both dimensionless cgs)."""
    return float((1.0 / demag_factor_cgs) / chi_max_volume_cgs)


def orientation(easy_axis_angle_deg: float, form: str) -> str:
    """'z' (field within 45 deg of the easy axis), 'perp' (beyond 45 deg) or 'powder'."""
    if form == "powder" or not np.isfinite(easy_axis_angle_deg):
        return "powder"
    angle = easy_axis_angle_deg % 180.0
    return "z" if min(angle, 180.0 - angle) <= 45.0 else "perp"


def lowest_frequency_series(points: pd.DataFrame, rel_tol: float = 0.02) -> pd.DataFrame:
    """Points at the sample's lowest measured frequency (within ``rel_tol``), sorted by T."""
    f_min = points["freq_Hz"].min()
    sel = points["freq_Hz"] <= f_min * (1.0 + rel_tol)
    return points.loc[sel].sort_values("T_K").reset_index(drop=True)
