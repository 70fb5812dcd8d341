"""Least-squares fits of single and double stretched exponentials to one decay M(t).

Models (t in s from the decay's first reading, moments in emu):

    single: M(t) = M_eq + (M_0 - M_eq) exp(-(t/tau*)^beta)
    double: M(t) = M_eq + A_1 exp(-(t/tau_1)^beta_1) + A_2 exp(-(t/tau_2)^beta_2)

(the Kohlrausch-Williams-Watts form fitted to DC decays of single-molecule magnets, e.g.
Blackmore et al., Phys. Chem. Chem. Phys. 25, 16735 (2023), doi:10.1039/D3CP01278F).
``M_eq`` is fitted or held at a given value (``meq_mode``). 0.05 <= beta <= 1 (a distribution of exponential decays; see
:mod:`spinrelax.timedomain.distribution`). Unweighted: the MPMS3's DC moment error column is
5 % of the moment on every reading (a fixed fraction, not a noise estimate), so it would weight
the readings near zero without reason. Parameter errors are from the Jacobian, scaled by the
residual variance. A fit is *converged* when the optimiser reports success, beta is off its
lower limit, every error is finite, tau* is known to better than 100 % and the decay amplitude
exceeds 3 standard errors; otherwise no value is returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import least_squares

BETA_MIN = 0.05
BETA_MAX = 1.0


@dataclass(frozen=True)
class Component:
    """One stretched-exponential term: amplitude (emu), tau* (s), beta, errors and the
    covariance of (ln tau*, beta)."""

    amplitude_emu: float
    amplitude_err_emu: float
    tau_star_s: float
    tau_star_err_s: float
    beta: float
    beta_err: float
    cov_ln_tau_beta: np.ndarray


@dataclass(frozen=True)
class DecayFit:
    """Result of one model on one decay; values are nan when not converged."""

    model: str
    meq_mode: str
    converged: bool
    message: str
    m0_mode: str = "fit"
    M0_emu: float = float("nan")
    M0_err_emu: float = float("nan")
    Meq_emu: float = float("nan")
    Meq_err_emu: float = float("nan")
    components: tuple[Component, ...] = field(default_factory=tuple)
    r_squared: float = float("nan")
    rms_residual_emu: float = float("nan")
    remaining_fraction_end: float = float("nan")


def _kww(t: np.ndarray, ln_tau: float, beta: float) -> np.ndarray:
    return np.exp(-np.exp(beta * (np.log(np.maximum(t, 1e-300)) - ln_tau)))


def _single(p: np.ndarray, t: np.ndarray, meq: float | None) -> np.ndarray:
    m0, ln_tau, beta = p[:3]
    m_eq = p[3] if meq is None else meq
    return m_eq + (m0 - m_eq) * _kww(t, ln_tau, beta)


def _single_jac(p: np.ndarray, t: np.ndarray, meq: float | None) -> np.ndarray:
    """Analytic Jacobian of :func:`_single` (columns m0, ln tau*, beta[, M_eq])."""
    m0, ln_tau, beta = p[:3]
    m_eq = p[3] if meq is None else meq
    x = np.log(np.maximum(t, 1e-300)) - ln_tau
    u = np.exp(beta * x)
    k = np.exp(-u)
    amp = m0 - m_eq
    cols = [k, amp * k * u * beta, -amp * k * u * x]
    if meq is None:
        cols.append(1.0 - k)
    return np.column_stack(cols)


def _double(p: np.ndarray, t: np.ndarray, meq: float | None) -> np.ndarray:
    a1, l1, b1, a2, l2, b2 = p[:6]
    m_eq = p[6] if meq is None else meq
    return m_eq + a1 * _kww(t, l1, b1) + a2 * _kww(t, l2, b2)


def _tau_guess(t: np.ndarray, m: np.ndarray, meq: float) -> float:
    """Time at which the decay has fallen to 1/e of its first value above M_eq."""
    frac = (m - meq) / (m[0] - meq) if m[0] != meq else np.ones_like(m)
    below = np.flatnonzero(frac < np.exp(-1.0))
    return float(t[below[0]]) if below.size and t[below[0]] > 0 else float(max(t[-1], 1.0))


def _solve(resid, starts, lower, upper, jac="2-point", beta_at: int = 2):
    """Least squares from the start of lowest cost; the other starts only when it fails."""
    starts = [np.clip(x0, lower + 1e-9, upper - 1e-9) for x0 in starts]
    costs = [float(np.sum(resid(x0) ** 2)) for x0 in starts]
    best = None
    for i in np.argsort(costs, kind="stable"):
        res = least_squares(
            resid, starts[i], jac=jac, bounds=(lower, upper), method="trf", x_scale="jac"
        )
        if best is None or res.cost < best.cost:
            best = res
        if res.success and res.x[beta_at] > BETA_MIN * 1.001:
            break
    return best


def _covariance(res, n: int) -> np.ndarray:
    dof = max(n - len(res.x), 1)
    s2 = 2.0 * res.cost / dof
    jtj = res.jac.T @ res.jac
    try:
        return np.linalg.inv(jtj) * s2
    except np.linalg.LinAlgError:
        return np.full_like(jtj, np.nan)


def fit_decay(
    t_s: np.ndarray,
    moment_emu: np.ndarray,
    *,
    model: str = "single",
    meq_mode: str = "fit",
    meq_value_emu: float = 0.0,
    m0_mode: str = "fit",
) -> DecayFit:
    """Fit ``model`` (``single`` or ``double``) to one decay; ``meq_mode`` ``fit`` or
    ``fixed`` (at ``meq_value_emu``); ``m0_mode`` ``fit`` or ``first`` (single model only: M_0
    held at the first reading, as ccfit2's ``dc`` mode and qdsquid-dataplot do)."""
    t = np.asarray(t_s, float)
    m_raw = np.asarray(moment_emu, float)
    scale = float(np.max(np.abs(m_raw))) or 1.0
    m = m_raw / scale
    fixed = None if meq_mode == "fit" else meq_value_emu / scale
    meq0 = float(np.median(m[-max(3, len(m) // 20) :])) if fixed is None else fixed
    tau0 = _tau_guess(t, m, meq0)
    free_meq = [] if fixed is None else None
    if model == "single":
        f = _single
        base = [m[0], np.log(tau0), 0.7]
        starts = [base, [m[0], np.log(tau0), 1.0], [m[0], np.log(tau0 * 3), 0.4]]
        lower = [-np.inf, np.log(1e-3), BETA_MIN]
        upper = [np.inf, np.log(1e9), BETA_MAX]
    elif model == "double":
        f = _double
        amp = m[0] - meq0
        starts = [
            [amp / 2, np.log(tau0 / 5), 0.8, amp / 2, np.log(tau0 * 3), 0.8],
            [amp * 0.7, np.log(tau0 / 2), 0.9, amp * 0.3, np.log(tau0 * 10), 0.6],
        ]
        lower = [-np.inf, np.log(1e-3), BETA_MIN, -np.inf, np.log(1e-3), BETA_MIN]
        upper = [np.inf, np.log(1e9), BETA_MAX, np.inf, np.log(1e9), BETA_MAX]
    else:
        raise ValueError(f"unknown model {model!r}")
    if free_meq is not None:
        starts = [s + [meq0] for s in starts]
        lower, upper = lower + [-np.inf], upper + [np.inf]
    n_par = len(lower)
    if len(t) <= n_par:
        return DecayFit(
            model, meq_mode, False, f"{len(t)} readings for {n_par} parameters", m0_mode
        )

    if m0_mode == "first" and model != "single":
        raise ValueError("m0_mode 'first' is for the single model only")
    free = np.arange(n_par) if m0_mode == "fit" else np.arange(1, n_par)

    def full(q: np.ndarray) -> np.ndarray:
        return q if m0_mode == "fit" else np.concatenate([[m[0]], q])

    def resid(q: np.ndarray) -> np.ndarray:
        return f(full(q), t, fixed) - m

    jac = "2-point"
    if model == "single":

        def jac(q: np.ndarray) -> np.ndarray:
            return _single_jac(full(q), t, fixed)[:, free]

    lo, hi = np.array(lower)[free], np.array(upper)[free]
    beta_at = int(np.flatnonzero(free == 2)[0])
    res = _solve(resid, [np.array(s, float)[free] for s in starts], lo, hi, jac, beta_at)
    cov_free = _covariance(res, len(t))
    res.x = full(res.x)
    cov = np.zeros((n_par, n_par))
    cov[np.ix_(free, free)] = cov_free
    err = np.sqrt(np.abs(np.diag(cov)))
    if not np.isfinite(cov_free).all():
        err = np.full(n_par, np.nan)
    betas = [res.x[2]] if model == "single" else [res.x[2], res.x[5]]
    why = []
    if not res.success:
        why.append(f"optimiser: {res.message}")
    if any(b <= BETA_MIN * 1.001 for b in betas):
        why.append(f"beta at its lower limit {BETA_MIN}")
    if not (np.isfinite(err).all() and (err[free] > 0).all()):
        why.append("singular covariance (parameters not determined by the data)")
    x = res.x
    if not why:
        ln_taus = [x[1]] if model == "single" else [x[1], x[4]]
        ln_errs = [err[1]] if model == "single" else [err[1], err[4]]
        if any(e > 1.0 for e in ln_errs):
            why.append("tau* undetermined (relative error above 100 %)")
        amp = x[0] - (x[-1] if fixed is None else fixed) if model == "single" else x[0] + x[3]
        if abs(amp) < 3 * np.sqrt(max(cov[0, 0], 0.0)) or not np.all(np.isfinite(ln_taus)):
            why.append("no significant decay (amplitude below 3 standard errors)")
    if why:
        return DecayFit(model, meq_mode, False, "; ".join(why), m0_mode)
    model_m = f(x, t, fixed)
    ss_res = float(np.sum((model_m - m) ** 2))
    ss_tot = float(np.sum((m - m.mean()) ** 2))
    meq = (x[-1] if fixed is None else fixed) * scale
    meq_err = err[-1] * scale if fixed is None else float("nan")

    def comp(ia: int, il: int, ib: int, amp: float, amp_err: float) -> Component:
        tau = float(np.exp(x[il]))
        c = cov[np.ix_([il, ib], [il, ib])]
        return Component(amp, amp_err, tau, tau * err[il], float(x[ib]), float(err[ib]), c)

    if model == "single":
        m0, m0_err = x[0] * scale, err[0] * scale
        amp_err = (
            float(
                np.sqrt(
                    max(
                        cov[0, 0]
                        + (0 if fixed is not None else cov[-1, -1])
                        - (0 if fixed is not None else 2 * cov[0, -1]),
                        0,
                    )
                )
            )
            * scale
        )
        comps = (comp(0, 1, 2, m0 - meq, amp_err),)
        remaining = float(_kww(t[-1:], x[1], x[2])[0])
    else:
        order = [0, 3] if x[1] <= x[4] else [3, 0]
        comps = tuple(comp(i, i + 1, i + 2, x[i] * scale, err[i] * scale) for i in order)
        m0 = meq + x[0] * scale + x[3] * scale
        idx = [0, 3] + ([6] if fixed is None else [])
        m0_err = float(np.sqrt(max(cov[np.ix_(idx, idx)].sum(), 0))) * scale
        total = x[0] + x[3]
        rest = x[0] * _kww(t[-1:], x[1], x[2])[0] + x[3] * _kww(t[-1:], x[4], x[5])[0]
        remaining = float(rest / total) if total else float("nan")
    return DecayFit(
        model=model,
        meq_mode=meq_mode,
        converged=True,
        message="",
        m0_mode=m0_mode,
        M0_emu=float(m0),
        M0_err_emu=float(m0_err),
        Meq_emu=float(meq),
        Meq_err_emu=float(meq_err),
        components=comps,
        r_squared=1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan"),
        rms_residual_emu=float(np.sqrt(ss_res / len(t))) * scale,
        remaining_fraction_end=remaining,
    )
