"""chi''(T) peak temperatures of fixed-frequency temperature scans, and their Arrhenius law.

For a single relaxation process, chi''(omega, T) at a fixed angular frequency omega = 2 pi f
peaks near the temperature where omega tau(T) = 1 (Debye: chi'' = (chi_T - chi_S) omega tau /
(1 + omega^2 tau^2) is largest at omega tau = 1). Each frequency then gives one point
tau(T_peak) = 1 / (2 pi f), and the Arrhenius (Orbach) law tau = tau_0 exp(U_eff / T) is fitted
to ln tau against 1 / T_peak (Gatteschi, Sessoli & Villain, *Molecular Nanomagnets*, OUP 2006,
ch. 3; the usual analysis of ac scans of single-molecule magnets).

Approximation: the peak of chi''(T) coincides with omega tau = 1 only when chi_T - chi_S does
not depend on T; with a Curie-like chi_T proportional to 1/T the peak sits slightly below that
temperature, which biases U_eff low by a few percent (documented in docs/fixed_frequency_scans.md
with the size measured on the test file). Use frequency sweeps (``fit-ac``) where possible.

Peak temperature (:func:`peak_temperature`): the points of one scan sorted by T; the peak must
lie inside the scan (the largest chi'' is not the first or last point), else the scan gives no
peak (reason ``"no peak inside the scanned range"``). A parabola chi''(T) = a (T - T_p)^2 + c
is fitted by least squares to the contiguous points around the largest chi'' whose chi'' is at
least :data:`PEAK_FRACTION` of it (at least :data:`MIN_PEAK_POINTS` points: the nearest ones
are added when fewer); T_peak = T_p must have a < 0 and lie inside the fitted points. Its
standard error comes from the covariance of the quadratic coefficients (scaled by the residual
variance) by the delta method.

Arrhenius fit (:func:`arrhenius_fit`): weighted linear least squares of ln tau against 1 / T
over the peaks of one field, weights from the peak-temperature errors propagated as
sigma(ln tau) = U_eff sigma(T) / T^2 (U_eff from an unweighted first fit); parameter errors
are scaled by sqrt(chi2_red) (the project's convention) when there are more points than two.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Points whose chi'' is at least this fraction of the largest enter the peak fit.
PEAK_FRACTION = 0.8
#: The peak fit uses at least this many points.
MIN_PEAK_POINTS = 5
#: Columns of :func:`scan_peaks`.
PEAK_COLUMNS: tuple[str, ...] = (
    "scan",
    "freq_Hz",
    "H_Oe",
    "T_K",
    "T_err_K",
    "tau_s",
    "chi_imag_peak",
    "n_fit_points",
    "T_min_K",
    "T_max_K",
    "usable",
    "reason",
)
#: Columns of :func:`arrhenius_table`.
ARRHENIUS_COLUMNS: tuple[str, ...] = (
    "H_Oe",
    "n_peaks",
    "U_eff_K",
    "U_eff_err_K",
    "tau0_s",
    "tau0_err_s",
    "chi2_red",
    "usable",
    "reason",
)


def peak_temperature(T_K: np.ndarray, chi_imag: np.ndarray) -> tuple[float, float, int, str]:
    """(T_peak in K, its standard error in K, points fitted, reason) of one scan; NaN and the
    reason when there is no peak inside the scan (see the module docstring)."""
    order = np.argsort(T_K, kind="stable")
    T, y = np.asarray(T_K, float)[order], np.asarray(chi_imag, float)[order]
    n = len(T)
    if n < MIN_PEAK_POINTS:
        return np.nan, np.nan, n, f"fewer than {MIN_PEAK_POINTS} points"
    top = int(np.argmax(y))
    if top in (0, n - 1):
        return np.nan, np.nan, 0, "no peak inside the scanned range (largest chi'' at its edge)"
    lo, hi = top, top
    while lo > 0 and y[lo - 1] >= PEAK_FRACTION * y[top]:
        lo -= 1
    while hi < n - 1 and y[hi + 1] >= PEAK_FRACTION * y[top]:
        hi += 1
    while hi - lo + 1 < MIN_PEAK_POINTS:
        left = T[top] - T[lo - 1] if lo > 0 else np.inf
        right = T[hi + 1] - T[top] if hi < n - 1 else np.inf
        if left <= right:
            lo -= 1
        else:
            hi += 1
    Tf, yf = T[lo : hi + 1], y[lo : hi + 1]
    centre = float(T[top])
    coef, cov = np.polyfit(Tf - centre, yf, 2, cov=True)
    a, b = coef[0], coef[1]
    if not a < 0:
        return np.nan, np.nan, len(Tf), "chi''(T) is not peaked around its largest value"
    x = -b / (2 * a)
    T_peak = centre + x
    if not Tf[0] <= T_peak <= Tf[-1]:
        return np.nan, np.nan, len(Tf), "fitted peak outside the fitted points"
    grad = np.array([b / (2 * a**2), -1 / (2 * a), 0.0])  # d x / d (a, b, c)
    err = float(np.sqrt(max(grad @ cov @ grad, 0.0)))
    return float(T_peak), err, len(Tf), ""


def scan_peaks(points: pd.DataFrame, scans: pd.DataFrame) -> pd.DataFrame:
    """One row per temperature scan (``scans`` rows with ``variable == "T"``) with
    :data:`PEAK_COLUMNS`; ``points`` has ``scan``, ``T_K`` and ``chi_imag``. tau_s =
    1 / (2 pi f) is the relaxation time at T_peak."""
    rows = []
    for s in scans[scans["variable"] == "T"].itertuples():
        pts = points[points["scan"] == s.scan]
        T_p, err, used, reason = peak_temperature(
            pts["T_K"].to_numpy(float), pts["chi_imag"].to_numpy(float)
        )
        rows.append(
            {
                "scan": int(s.scan),
                "freq_Hz": float(s.freq_Hz),
                "H_Oe": float(s.H_Oe),
                "T_K": T_p,
                "T_err_K": err,
                "tau_s": 1.0 / (2 * np.pi * float(s.freq_Hz)),
                "chi_imag_peak": float(pts["chi_imag"].max()),
                "n_fit_points": used,
                "T_min_K": float(s.T_min_K),
                "T_max_K": float(s.T_max_K),
                "usable": not reason,
                "reason": reason,
            }
        )
    return pd.DataFrame(rows, columns=list(PEAK_COLUMNS))


def arrhenius_fit(T_K: np.ndarray, T_err_K: np.ndarray, tau_s: np.ndarray) -> dict:
    """U_eff (K) and tau_0 (s) with standard errors from ln tau = ln tau_0 + U_eff / T (see the
    module docstring); errors are NaN with two points, the fit needs at least two."""
    x, lt = 1.0 / np.asarray(T_K, float), np.log(np.asarray(tau_s, float))
    n = len(x)
    out = {"n_peaks": n, "U_eff_K": np.nan, "U_eff_err_K": np.nan, "tau0_s": np.nan,
           "tau0_err_s": np.nan, "chi2_red": np.nan}  # fmt: skip
    if n < 2 or np.ptp(x) == 0:
        return out | {"usable": False, "reason": "fewer than 2 peak temperatures"}
    U0 = np.polyfit(x, lt, 1)[0]
    sigma = np.abs(U0) * np.asarray(T_err_K, float) * x**2
    if not (np.isfinite(sigma).all() and (sigma > 0).all()):
        sigma = np.ones(n)
    A = np.column_stack([x, np.ones(n)]) / sigma[:, None]
    coef, *_ = np.linalg.lstsq(A, lt / sigma, rcond=None)
    cov = np.linalg.inv(A.T @ A)
    dof = n - 2
    chi2_red = float(np.sum(((lt - coef[0] * x - coef[1]) / sigma) ** 2) / dof) if dof else np.nan
    scale = chi2_red if dof else np.nan
    U, ln_tau0 = float(coef[0]), float(coef[1])
    U_err, ln_tau0_err = (float(np.sqrt(cov[i, i] * scale)) for i in range(2))
    tau0 = float(np.exp(ln_tau0))
    return out | {
        "U_eff_K": U,
        "U_eff_err_K": U_err,
        "tau0_s": tau0,
        "tau0_err_s": tau0 * ln_tau0_err,
        "chi2_red": chi2_red,
        "usable": bool(U > 0),
        "reason": "" if U > 0 else "U_eff <= 0: tau does not grow on cooling",
    }


def arrhenius_table(peaks: pd.DataFrame, field_tolerance_Oe: float) -> pd.DataFrame:
    """One Arrhenius fit per field (peaks within ``field_tolerance_Oe`` of each other) over the
    usable peaks, with :data:`ARRHENIUS_COLUMNS`."""
    good = peaks.loc[peaks["usable"].astype(bool)].sort_values("H_Oe", kind="stable")
    rows = []
    if len(good):
        H = good["H_Oe"].to_numpy(float)
        group = np.concatenate([[0], np.cumsum(np.diff(H) > field_tolerance_Oe)])
        for g in np.unique(group):
            sel = good[group == g]
            fit = arrhenius_fit(sel["T_K"], sel["T_err_K"], sel["tau_s"])
            rows.append({"H_Oe": float(sel["H_Oe"].mean())} | fit)
    return pd.DataFrame(rows, columns=list(ARRHENIUS_COLUMNS))
