"""Global fit: every zero-field spectrum of one sample at once, tau(T) from the rate law.

Model (generalized Debye, Cole & Cole, J. Chem. Phys. 9, 341 (1941); shared/design/PHYSICS.md),
with smooth temperature dependences instead of free per-spectrum parameters:

- tau(T)^-1 = tau0^-1 exp(-U/kB T) + rate_qt (Orbach + quantum plateau, ``rate_laws``),
- chi_T(T) = C_T / (T - theta), chi_S(T) = C_S / (T - theta) (Curie-Weiss, one theta),
- alpha(T) = 0.99 / (1 + exp(-(a0 + a1 (T - T_mid)))) (smooth, bounded in [0, 0.99)).

Eight parameters replace four per spectrum; the two-step route (per-spectrum Cole-Cole fits by
the ac stage, then the rate law) is reported beside it. Residuals are chi' and chi'' weighted by
their errors (or by 1 % of |chi| when missing); covariance (J^T J)^-1 scaled by chi2_red; a fit
with a parameter within 0.1 % of its bound, or U less than one sigma from 0, is not
``converged``. Unlike the two-step route, spectra whose
chi'' peak lies outside the frequency window still constrain tau(T) through the law.

Client of the generic engines where the physics allows: the Cole-Cole function and its analytic
Jacobian are the ac stage's (``spinrelax.acsus.models.chi_and_jacobian``), tau(T) and its
gradient are the rate-law engine's (``spinrelax.rates.laws.evaluate_law`` of orbach+qtm, whose
internal parameters ln tau0, U, ln rate_qt are this fit's first three), chained into an analytic
Jacobian of chi', chi''. The fit itself is not the engine's ``rates.fit.fit_law``: that fits
ln rate residuals of tau points, while this one fits chi'(f), chi''(f) of every spectrum (a
different likelihood, with alpha(T) and the Curie-Weiss chi_T, chi_S fitted beside tau(T)), so
the engine's candidates, profile intervals and eligibility, which are defined on rate
residuals, do not apply; its errors stay the Wald errors of this fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import least_squares

from spinrelax.acsus.models import chi_and_jacobian
from spinrelax.rates.laws import evaluate_law, parse_law

COMPARISON_COLUMNS = (
    "sample",
    "parameter",
    "global_value",
    "global_err",
    "twostep_value",
    "twostep_err",
    "global_chi2_red",
    "n_spectra",
    "global_converged",
    "twostep_converged",
    "global_status",
)
PARAMS = ("ln_tau0_s", "U_K", "ln_rate_qt_s-1", "a0", "a1_per_K", "C_T", "C_S", "theta_K")
ALPHA_MAX = 0.99
#: tau(T)^-1 of the fit, a law of the rate-law engine (internal parameters = PARAMS[:3]).
RATE_LAW = parse_law("orbach+plateau")


@dataclass(frozen=True)
class GlobalFit:
    """Fitted parameters (public names, see :func:`public_parameters`) with errors."""

    values: dict[str, float]
    errors: dict[str, float]
    chi2_red: float
    n_spectra: int
    n_points: int
    converged: bool
    #: "" when converged, else why not (optimizer, covariance, bound, unconstrained barrier).
    reason: str = ""


def _model(x: NDArray, T: NDArray, f: NDArray, T_mid: float) -> tuple[NDArray, NDArray, NDArray]:
    """(chi', chi'', Jacobian (2N, 8) of [chi', chi''] with respect to x), analytic."""
    ln_tau0, U, ln_qt, a0, a1, C_T, C_S, theta = x
    values = {"tau0_s": np.exp(ln_tau0), "U_K": U, "rate_qt_s-1": np.exp(ln_qt)}
    rate, dln_rate, _ = evaluate_law(T, 0.0, values, RATE_LAW)
    sig = 1.0 / (1.0 + np.exp(-(a0 + a1 * (T - T_mid))))
    alpha = ALPHA_MAX * sig
    inv = 1.0 / (T - theta)
    chi_S, dchi = C_S * inv, (C_T - C_S) * inv
    p = np.stack([chi_S, dchi, -np.log(rate), alpha], axis=-1)
    chi, dp = chi_and_jacobian("generalized_debye", 2.0 * np.pi * f[:, None], p)
    chi, dp = chi[:, 0], dp[:, 0, :]  # d chi / d (chi_S, dchi, ln tau, alpha)
    d_alpha = alpha * (1.0 - sig)
    jac = np.column_stack([
        -dp[:, 2:3] * dln_rate,  # ln tau = -ln rate
        dp[:, 3] * d_alpha, dp[:, 3] * d_alpha * (T - T_mid),
        dp[:, 1] * inv, (dp[:, 0] - dp[:, 1]) * inv,
        (dp[:, 0] * chi_S + dp[:, 1] * dchi) * inv,
    ])  # fmt: skip
    return chi.real, -chi.imag, np.concatenate([jac.real, -jac.imag])


def global_fit(spectra: pd.DataFrame, start: dict[str, float]) -> GlobalFit:
    """Fit all rows of ``spectra`` (columns T_K_spectrum or T_K, freq_Hz, chi_real, chi_imag and
    optional chi_real_err, chi_imag_err); ``start`` holds tau0_s, U_K, rate_qt_s-1."""
    T = spectra["T_K_spectrum" if "T_K_spectrum" in spectra else "T_K"].to_numpy(float)
    f = spectra["freq_Hz"].to_numpy(float)
    y_re, y_im = spectra["chi_real"].to_numpy(float), spectra["chi_imag"].to_numpy(float)
    scale = np.nanmax(np.abs(y_re))
    e_re = _errors(spectra, "chi_real_err", y_re, scale)
    e_im = _errors(spectra, "chi_imag_err", y_im, scale)
    T_mid = float(np.median(T))
    lo_f = f <= np.quantile(f, 0.1)
    hi_f = f >= np.quantile(f, 0.9)
    C_T0 = float(np.median((y_re * T)[lo_f]))
    C_S0 = float(np.clip(np.median((y_re * T)[hi_f]), 1e-6 * C_T0, 0.9 * C_T0))
    x0 = np.array([
        np.log(start["tau0_s"]), start["U_K"], np.log(start["rate_qt_s-1"]), -1.0, 0.0,
        C_T0, C_S0, 0.0,
    ])  # fmt: skip
    T_min = float(T.min())
    lo = np.array([-80.0, 0.0, -60.0, -20.0, -20.0, 0.0, 0.0, -np.inf])
    hi = np.array([20.0, 5000.0, 60.0, 20.0, 20.0, np.inf, np.inf, 0.9 * T_min])
    x0 = np.clip(x0, lo + 1e-9, hi - 1e-9)

    weight = 1.0 / np.concatenate([e_re, e_im])

    def residual(x: NDArray) -> NDArray:
        m_re, m_im, _ = _model(x, T, f, T_mid)
        return np.concatenate([(m_re - y_re) / e_re, (m_im - y_im) / e_im])

    def jacobian(x: NDArray) -> NDArray:
        return _model(x, T, f, T_mid)[2] * weight[:, None]

    res = least_squares(residual, x0, jac=jacobian, bounds=(lo, hi), x_scale="jac", method="trf")
    n = 2 * len(T)
    dof = n - len(PARAMS)
    chi2_red = 2.0 * res.cost / dof
    try:
        sd = np.sqrt(np.diag(np.linalg.inv(res.jac.T @ res.jac) * chi2_red))
    except np.linalg.LinAlgError:
        sd = np.full(len(PARAMS), np.nan)
    values, errors = public_parameters(res.x, sd, T_mid)
    span = hi - lo
    near = np.isfinite(span) & ((res.x - lo < 1e-3 * span) | (hi - res.x < 1e-3 * span))
    reasons = [f"optimizer: {res.message}"] if not res.success else []
    if not np.all(np.isfinite(sd)):
        reasons.append("singular covariance")
    reasons += [f"at bound: {PARAMS[i]}" for i in np.flatnonzero(near)]
    if not errors["U_K"] < values["U_K"]:
        reasons.append("U not constrained (error >= value)")
    return GlobalFit(
        values=values,
        errors=errors,
        chi2_red=float(chi2_red),
        n_spectra=int(pd.Series(T).round(4).nunique()),
        n_points=len(T),
        converged=not reasons,
        reason="; ".join(reasons),
    )


def _errors(spectra: pd.DataFrame, column: str, y: NDArray, scale: float) -> NDArray:
    err = spectra[column].to_numpy(float) if column in spectra else np.full(len(y), np.nan)
    fallback = 0.01 * np.maximum(np.abs(y), 1e-3 * scale)
    return np.where(np.isfinite(err) & (err > 0), err, fallback)


def public_parameters(
    x: NDArray, sd: NDArray, T_mid: float
) -> tuple[dict[str, float], dict[str, float]]:
    """tau0_s, U_K, rate_qt_s-1 (errors propagated from logs), alpha at T_mid, C_T, C_S, theta_K."""
    ln_tau0, U, ln_qt, a0, a1, C_T, C_S, theta = x
    alpha_mid = ALPHA_MAX / (1.0 + np.exp(-a0))
    dalpha = alpha_mid * (1.0 - alpha_mid / ALPHA_MAX)
    values = {
        "tau0_s": float(np.exp(ln_tau0)),
        "U_K": float(U),
        "rate_qt_s-1": float(np.exp(ln_qt)),
        f"alpha_at_{T_mid:.3g}K": float(alpha_mid),
        "alpha_slope_per_K": float(a1),
        "C_T": float(C_T),
        "C_S": float(C_S),
        "theta_K": float(theta),
    }
    errors = {
        "tau0_s": float(np.exp(ln_tau0) * sd[0]),
        "U_K": float(sd[1]),
        "rate_qt_s-1": float(np.exp(ln_qt) * sd[2]),
        f"alpha_at_{T_mid:.3g}K": float(dalpha * sd[3]),
        "alpha_slope_per_K": float(sd[4]),
        "C_T": float(sd[5]),
        "C_S": float(sd[6]),
        "theta_K": float(sd[7]),
    }
    return values, errors


def comparison_table(sample: str, fit: GlobalFit, twostep: pd.DataFrame) -> pd.DataFrame:
    """Global vs two-step side by side for the rate-law parameters (+ the global-only ones).

    ``twostep``: rows of relaxation_parameters.csv of this sample with method starting with
    ``full_law`` (its ``converged_full_law`` row says whether that fit converged). Columns:
    :data:`COMPARISON_COLUMNS`. A fit that did not converge publishes no value or error (empty,
    with ``*_converged`` False and the reason in ``global_status``); chi2_red stays as a
    diagnostic (docs/published_values.md).
    """
    two = twostep.set_index("parameter")
    two_ok = bool(two["value"].get("converged_full_law", 0.0) == 1.0) if len(two) else False
    rows = []
    for name, value in fit.values.items():
        has_two = two_ok and name in two.index
        rows.append({
            "sample": sample,
            "parameter": name,
            "global_value": value if fit.converged else np.nan,
            "global_err": fit.errors[name] if fit.converged else np.nan,
            "twostep_value": float(two.loc[name, "value"]) if has_two else np.nan,
            "twostep_err": float(two.loc[name, "err"]) if has_two else np.nan,
            "global_chi2_red": fit.chi2_red,
            "n_spectra": fit.n_spectra,
            "global_converged": fit.converged,
            "twostep_converged": two_ok,
            "global_status": "converged" if fit.converged else f"not_converged: {fit.reason}",
        })  # fmt: skip
    return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))
