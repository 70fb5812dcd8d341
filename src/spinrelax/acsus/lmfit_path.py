"""Single-spectrum fits with lmfit (MINPACK Levenberg-Marquardt): the reference path that the
batched engine is tested against, and a convenient interface for one-off interactive fits.

Same model functions, parameterisation (chi_S, dchi, ln tau, ...), bounds, normalisation and
weights as the batched engine; lmfit handles bounds by its MINUIT-style transform and scales the
covariance by the reduced chi^2 (``scale_covar=True``). M. Newville et al., lmfit,
doi:10.5281/zenodo.11813.
"""

from __future__ import annotations

from dataclasses import dataclass

import lmfit
import numpy as np
from numpy.typing import NDArray

from spinrelax.acsus.models import MODELS, chi_and_jacobian


@dataclass
class SingleFit:
    """Result of one lmfit fit in normalised units (multiply chi parameters by the scale)."""

    params: NDArray
    errors: NDArray
    chi2_red: float
    aic: float
    success: bool
    n_eval: int


def fit_single_lmfit(
    model: str,
    freq_Hz: NDArray,
    chi_real: NDArray,
    chi_imag: NDArray,
    p0: NDArray,
    weight_real: NDArray | None = None,
    weight_imag: NDArray | None = None,
    tol: float = 1e-12,
) -> SingleFit:
    """Fit ``model`` to one spectrum with lmfit's ``leastsq`` from ``p0``.

    MINPACK builds its own finite-difference Jacobian, so this path is independent of the
    analytic derivatives used by the batched engine.

    ``chi_*`` are normalised values; weights default to 1. ``tol`` sets ftol and xtol.
    """
    spec = MODELS[model]
    omega = 2.0 * np.pi * np.asarray(freq_Hz, dtype=float)
    y = np.concatenate([chi_real, chi_imag]).astype(float)
    ones = np.ones_like(omega)
    w = np.concatenate(
        [ones if weight_real is None else weight_real, ones if weight_imag is None else weight_imag]
    )
    params = lmfit.Parameters()
    for name, value, lo, hi in zip(spec.params, p0, spec.lower, spec.upper, strict=True):
        params.add(name, value=float(np.clip(value, lo, hi)), min=lo, max=hi)

    def vector(pars: lmfit.Parameters) -> NDArray:
        return np.array([pars[name].value for name in spec.params])[None, :]

    def residual(pars: lmfit.Parameters) -> NDArray:
        chi, _ = chi_and_jacobian(model, omega[None, :], vector(pars))
        return w * (np.concatenate([chi.real[0], -chi.imag[0]]) - y)

    minimizer = lmfit.Minimizer(residual, params)
    out = minimizer.minimize(method="leastsq", ftol=tol, xtol=tol, gtol=0.0, max_nfev=20000)
    values = np.array([out.params[n].value for n in spec.params])
    errors = np.array(
        [np.nan if out.params[n].stderr is None else out.params[n].stderr for n in spec.params]
    )
    return SingleFit(
        params=values,
        errors=errors,
        chi2_red=float(out.redchi),
        aic=float(out.aic),
        success=bool(out.success),
        n_eval=int(out.nfev),
    )
