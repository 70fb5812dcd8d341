"""One sample's global fit against its two-step result (I/O-free glue for the workflow)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from spinrelax.papers.erw10.relaxation.global_fit import (
    COMPARISON_COLUMNS,
    comparison_table,
    global_fit,
)

#: Fewest spectra for a global fit (8 parameters; the rate law alone needs 3 temperatures).
MIN_SPECTRA = 4


def starting_values(twostep: pd.DataFrame, spectra: pd.DataFrame) -> dict[str, float]:
    """Rate-law start from the two-step full-law fit when it converged, else from the data."""
    two = twostep.set_index("parameter")["value"]
    if {"tau0_s", "U_K", "rate_qt_s-1"} <= set(two.index) and two.get("converged_full_law", 0) == 1:
        return {k: float(two[k]) for k in ("tau0_s", "U_K", "rate_qt_s-1")}
    T_min = spectra["T_K"].min()
    f_peak = spectra.loc[spectra["T_K"] == T_min].sort_values("chi_imag")["freq_Hz"].iloc[-1]
    return {"tau0_s": 1e-11, "U_K": 60.0, "rate_qt_s-1": float(2 * np.pi * f_peak)}


def sample_comparison(
    sample: str,
    spectra: pd.DataFrame,
    parameters: pd.DataFrame,
    window_K: Sequence[float],
    zero_field_max_Oe: float,
) -> pd.DataFrame:
    """Global vs two-step rows for ``sample`` (zero-field spectra inside ``window_K``)."""
    sel = spectra.loc[
        (spectra["H_Oe"].abs() <= zero_field_max_Oe)
        & (spectra["T_K"] >= window_K[0])
        & (spectra["T_K"] <= window_K[1])
    ]
    mine = parameters.loc[parameters["sample"] == sample]
    twostep = mine.loc[mine["method"].str.startswith("full_law")]
    n_spectra = sel.groupby("spectrum").ngroups if len(sel) else 0
    if n_spectra < MIN_SPECTRA:
        return pd.DataFrame(
            {
                "sample": sample,
                "parameter": ["U_K"],
                "global_value": np.nan,
                "global_err": np.nan,
                "twostep_value": np.nan,
                "twostep_err": np.nan,
                "global_chi2_red": np.nan,
                "n_spectra": n_spectra,
                "global_converged": False,
                "twostep_converged": False,
                "global_status": f"not_fitted: {n_spectra} zero-field spectra in the window "
                f"(fewest {MIN_SPECTRA})",
            },
            columns=list(COMPARISON_COLUMNS),
        )
    fit = global_fit(sel, starting_values(twostep, sel))
    return comparison_table(sample, fit, twostep)
