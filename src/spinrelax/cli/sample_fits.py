"""One sample's spectrum fits under the user's choices: shared by ``report`` and ``app``.

The user's exclusions (:mod:`spinrelax.io.user_exclusions`) leave the points first, then every
remaining spectrum is fitted in one batched pass and numbered in measurement order; the same
function serves both commands, so ``spinrelax report --settings`` gives the tables the app showed.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from spinrelax.acsus.fitting import FitSettings
from spinrelax.cli.fit_ac_cmd import fit_points
from spinrelax.io.settings_file import SampleChoices
from spinrelax.io.user_exclusions import exclude


def chosen_fits(
    points: pd.DataFrame,
    rejected: pd.DataFrame,
    choices: SampleChoices,
    settings_file: str = "settings",
    fit: Callable[[pd.DataFrame, FitSettings], pd.DataFrame] = fit_points,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(points used with one ``spectrum`` id per sample, their fits, rejected rows including the
    points excluded by the user) of :func:`~spinrelax.cli.fit_ac_cmd.segmented_points` output.
    ``fit`` is :func:`~spinrelax.cli.fit_ac_cmd.fit_points` or a cache of it (the app's). A fit
    that did not converge keeps its conditions and diagnostics only (the fit withholds its
    values, :mod:`spinrelax.acsus.withheld`), as in the workflow's fit table."""
    points, rejected = exclude(
        points, rejected, choices.exclude_spectra, choices.exclude_points, settings_file
    )
    fits = fit(points, FitSettings(model=choices.model, weighting=choices.weighting))
    # one spectrum id per sample: (file, spectrum in file) in measurement order
    ids = {k: i for i, k in enumerate(fits[["file_index", "spectrum"]].itertuples(index=False))}
    pkey = list(points[["file_index", "spectrum"]].itertuples(index=False))
    points = points.assign(spectrum=[ids[k] for k in pkey])
    fits = fits.assign(spectrum=range(len(fits))).drop(columns=["file_index"])
    return points, fits, rejected
