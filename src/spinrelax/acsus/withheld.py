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

from spinrelax.acsus.fit_table import RESULT_COLUMNS

#: Result columns computed from the fitted parameters (emptied for a failed fit): the fitted
#: values, their errors and what derives from them (``tau_s`` ... ``sigma_lntau2`` of
#: :data:`~spinrelax.acsus.fit_table.RESULT_COLUMNS`), the fitted chi''-peak and its coverage.
_FIRST, _LAST = RESULT_COLUMNS.index("tau_s"), RESULT_COLUMNS.index("sigma_lntau2")
FIT_VALUE_COLUMNS: tuple[str, ...] = (
    *RESULT_COLUMNS[_FIRST : _LAST + 1],
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
