"""Rate laws over temperature and field at once: one law fitted to every (T, H) point of a sample.

A sample measured as a tau(T) series in zero field and a tau(H) series at a low temperature (or
several tau(T) series at several fields) holds points that one law in (T, H) must describe
together: Orbach and Raman terms that do not depend on the field, a field-suppressed QTM rate
B1 / (1 + B2 H^p), a direct process A H^m T (Abragam & Bleaney, *Electron Paramagnetic
Resonance of Transition Ions* (1970), sec. 10.8: m = 4 for Kramers ions, 2 for non-Kramers)
and a Raman rate times the Brons-van Vleck factor (1 + e H^2)/(1 + f H^2) (Brons, Physica 5,
601 (1938); van Vleck, Phys. Rev. 57, 426 (1940)); the terms are in ``laws.py``. ccfit2's
``HTDataset`` (field- and temperature-dependent models of log10 rate) and relACs's
``TauFit.model(temp, field, ...)`` fit the same kind of law.

The fit uses the same engine as the per-series fits: every usable point of the sample and
process inside the T and H windows, pooled, weighted by the same per-point sigma of ln tau
(``uncertainty.py``), log-space least squares with analytic gradients (``fit.py``), 68 %/95 %
profile-likelihood intervals (``intervals.py``) and the AICc choice among candidates with the
same eligibility rules (``select.py``). Its rows in the long tables have ``series = "TH"``
(:data:`SERIES`) with empty ``at_T_K`` and ``at_H_Oe``; its curves are slices of the law at the
field of every tau(T) series (``at_H_Oe`` set) and at the temperature of every tau(H) series
(``at_T_K`` set), so the tau figures draw them beside the per-series fits.

When it is attempted (:func:`global_series`): ``global_law`` is not ``off`` and the sample's
process has at least two tau(T) or tau(H) series (``data.split_series``: each with at least
``min_points`` distinct temperatures at one field, or fields at one temperature), so its points
span at least two fields and two temperatures. m_direct is held at 4 (Kramers ions) unless the
``fixed`` setting gives another value or ``m_direct=free``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import pandas as pd

from spinrelax.rates.fit import LawFit
from spinrelax.rates.tables import curve_rows

#: ``series`` value of a global fit's rows.
SERIES = "TH"
#: Values of the ``global_law`` setting besides a law.
GLOBAL_MODES: tuple[str, ...] = ("auto", "off")
#: Default candidate laws of a global (T, H) fit: the zero-field processes (Orbach, Raman) with
#: the field-suppressed QTM, with and without the direct process or the Brons-van Vleck factor,
#: and the field-independent law as the baseline.
TH_CANDIDATES: tuple[str, ...] = (
    "orbach+raman+qtm",
    "orbach+qtm_field",
    "raman+qtm_field",
    "orbach+raman+qtm_field",
    "orbach+qtm_field+direct_field",
    "raman+qtm_field+direct_field",
    "orbach+raman+qtm_field+direct_field",
    "orbach+raman_bvv+qtm_field",
)
#: Parameters held by default in a global fit (Abragam & Bleaney 1970, sec. 10.8: the direct
#: rate of a Kramers ion goes as H^4 T).
DEFAULT_GLOBAL_FIXED: dict[str, float] = {"m_direct": 4.0}


def global_fixed(fixed: Mapping[str, float], free: tuple[str, ...] = ()) -> dict[str, float]:
    """Parameters held in a global fit: :data:`DEFAULT_GLOBAL_FIXED` except those set ``free``,
    overridden by the user's ``fixed`` values."""
    out = {k: v for k, v in DEFAULT_GLOBAL_FIXED.items() if k not in free}
    out.update(fixed)
    return out


def global_series(
    points: pd.DataFrame, series: list[tuple[str, float, pd.DataFrame]], global_law: str
) -> list[tuple[str, float, pd.DataFrame]]:
    """``[("TH", nan, every usable point)]`` when a global fit is attempted (module docstring:
    ``global_law`` not ``off`` and at least two series in ``series``), else ``[]``.

    The rows keep the index that ``data.split_series`` gives the usable points, so each
    series' rows can be found among them.
    """
    if global_law == "off" or len(series) < 2:
        return []
    return [(SERIES, np.nan, points.loc[points["usable"]].reset_index(drop=True))]


def slice_curves(
    key: Mapping[str, object],
    fit: LawFit,
    series: list[tuple[str, float, pd.DataFrame]],
    marked: pd.DataFrame,
) -> pd.DataFrame:
    """Curve rows (``tables.curve_rows`` columns) of a global fit: the law over T at the field
    of every tau(T) series (``at_H_Oe`` = that field) and over |H| at the temperature of every
    tau(H) series (``at_T_K``), each over the range of that series' points used by the fit."""
    parts = []
    used = marked.loc[marked["used"]]
    for variable, at, rows in series:
        pts = used.loc[used.index.intersection(rows.index)]
        if pts.empty:
            continue
        x = pts["T_K"] if variable == "T" else pts["H_Oe"].abs()
        where = {"at_T_K": np.nan, "at_H_Oe": np.nan}
        where["at_H_Oe" if variable == "T" else "at_T_K"] = at
        parts.append(curve_rows({**key, **where}, replace(fit, variable=variable), x, at))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
