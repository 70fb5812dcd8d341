"""Points and spectra excluded by the user (settings file or app), matched to the read points.

A spectrum is named by its mean temperature and field (``T_K_spectrum``, ``H_Oe_spectrum``), a
point by its own ``T_K``, ``H_Oe`` and ``freq_Hz``. Values match within :data:`T_TOL_K`,
:data:`H_TOL_OE` and a relative :data:`F_REL_TOL`, so a hand-written 2.2 names the 2.2003 K
spectrum; an entry that matches nothing or more than one spectrum or point is an error, never
ignored. Excluded points leave the fit and are listed with the rejected rows as excluded by the
user, with the reason given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.io.settings_file import Exclusion

#: Tolerances of the match of a user's (T, H, f) to the read values.
T_TOL_K = 0.01
H_TOL_OE = 0.5
F_REL_TOL = 1e-4


def _label(e: Exclusion) -> str:
    what = f"T={e.T_K:g} K, H={e.H_Oe:g} Oe"
    return what if e.f_Hz is None else f"{what}, f={e.f_Hz:g} Hz"


def _reason(e: Exclusion) -> str:
    kind = "spectrum" if e.f_Hz is None else "point"
    text = f"excluded by the user ({kind} {_label(e)})"
    return f"{text}: {e.reason}" if e.reason else text


def _match(cols: dict[str, np.ndarray], e: Exclusion, file: str) -> np.ndarray:
    if e.f_Hz is None:
        hit = (np.abs(cols["T_K_spectrum"] - e.T_K) <= T_TOL_K) & (
            np.abs(cols["H_Oe_spectrum"] - e.H_Oe) <= H_TOL_OE
        )
        many = len(np.unique(cols["group"][hit])) > 1
    else:
        hit = (
            (np.abs(cols["T_K"] - e.T_K) <= T_TOL_K)
            & (np.abs(cols["H_Oe"] - e.H_Oe) <= H_TOL_OE)
            & (np.abs(cols["freq_Hz"] - e.f_Hz) <= F_REL_TOL * abs(e.f_Hz))
        )
        many = int(hit.sum()) > 1
    kind = "spectrum" if e.f_Hz is None else "point"
    if not hit.any():
        raise InputFormatError(f"excluded {kind} {_label(e)} is not in the files", file=file)
    if many:
        raise InputFormatError(f"excluded {kind} {_label(e)} names more than one {kind}", file=file)
    return hit


def exclude(
    points: pd.DataFrame,
    rejected: pd.DataFrame,
    spectra: list[Exclusion],
    single: list[Exclusion],
    file: str = "settings",
    keys: tuple[str, ...] = ("file_index", "spectrum"),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points without the excluded spectra and points, rejected rows plus one row per excluded
    point with its reason, sorted by file and line); ``file`` names the settings in errors,
    ``keys`` the columns naming one spectrum."""
    if not spectra and not single:
        return points, rejected
    names = ("T_K_spectrum", "H_Oe_spectrum", "T_K", "H_Oe", "freq_Hz")
    cols = {c: points[c].to_numpy(dtype=float) for c in names}
    cols["group"] = points.groupby(list(keys), sort=False).ngroup().to_numpy()
    reason = np.full(len(points), "", dtype=object)
    for e in [*spectra, *single]:
        hit = _match(cols, e, file)
        reason[hit & (reason == "")] = _reason(e)
    reason = pd.Series(reason, index=points.index, dtype=object)
    out = reason != ""
    if not out.any():
        return points, rejected
    added = points.loc[out, ["file", "line"]].assign(reason=reason[out])
    table = pd.concat([rejected, added], ignore_index=True)
    table = table.sort_values(["file", "line"], kind="stable").reset_index(drop=True)
    return points.loc[~out].reset_index(drop=True), table


def exclude_from_sample(
    points: pd.DataFrame, rejected: pd.DataFrame, exclusions: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`exclude` on the workflow's points of one sample (``spectrum`` numbered over the
    sample) with the plain values of :func:`spinrelax.io.sample_settings.user_exclusions`; the
    kept spectra are numbered 0, 1, ... again in measurement order, as
    :func:`spinrelax.cli.sample_fits.chosen_fits` numbers them, so both give the same tables."""
    spectra = [Exclusion(**e) for e in exclusions["exclude_spectra"]]
    single = [Exclusion(**e) for e in exclusions["exclude_points"]]
    if not spectra and not single:
        return points, rejected
    points, rejected = exclude(points, rejected, spectra, single, exclusions["file"], ("spectrum",))
    ids = {s: i for i, s in enumerate(sorted(points["spectrum"].unique()))}
    return points.assign(spectrum=points["spectrum"].map(ids)), rejected
