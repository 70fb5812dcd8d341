"""A spectrum fit that did not converge publishes no number: its fitted values are emptied.

``converged`` is False when the optimiser failed or the data do not define a relaxation (flat,
negative chi'', too few points; docs/qc_flags.md). Such a row keeps its flags (which say why),
its data columns (window, model-free ``tau_peak_data_s``) and the diagnostics of the attempt
(``chi2_red``, ``aic``, ``n_iter``); every parameter, error and quantity derived from the
parameters is NaN, so no table meant for downstream use carries tau from a failed fit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Result columns computed from the fitted parameters (emptied for a failed fit).
FIT_VALUE_COLUMNS: tuple[str, ...] = (
    "tau_s",
    "tau_err_s",
    "alpha",
    "alpha_err",
    "gamma",
    "gamma_err",
    "chi_S",
    "chi_S_err",
    "chi_T",
    "chi_T_err",
    "dchi",
    "dchi_err",
    "tau2_s",
    "tau2_err_s",
    "alpha2",
    "alpha2_err",
    "dchi2",
    "dchi2_err",
    "tau_peak_s",
    "tau_peak_err_s",
    "tau_mean_s",
    "tau_mean_err_s",
    "rate_s-1",
    "rate_err_s-1",
    "rate_lo_s-1",
    "rate_hi_s-1",
    "sigma_lntau",
    "sigma_lntau_err",
    "rate2_s-1",
    "rate2_err_s-1",
    "sigma_lntau2",
    "f_peak_Hz",
    "peak_coverage",
)


def withhold_failed(fits: pd.DataFrame) -> pd.DataFrame:
    """``fits`` with :data:`FIT_VALUE_COLUMNS` set to NaN on the rows where ``converged`` is
    False (a copy when any row changes)."""
    failed = ~fits["converged"].to_numpy(dtype=bool)
    if not failed.any():
        return fits
    out = fits.copy()
    out.loc[failed, list(FIT_VALUE_COLUMNS)] = np.nan
    return out
