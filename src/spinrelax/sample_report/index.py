"""Index page of a sample sheet's outputs: one line per sample with its chosen tau(T) law,
U_eff and tau_QTM, a link to its report, and a figure comparing the samples (tau vs 1/T and
alpha vs T, embedded); and all samples' parameter tables in one CSV. The page is
``templates/index.html.j2``; every value goes in as plain data and is escaped there."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from spinrelax import __version__
from spinrelax.figures.own_data_comparison import plot_comparison
from spinrelax.figures.style import png_bytes
from spinrelax.io.csv_table import write_csv
from spinrelax.rates.si_table import format_value
from spinrelax.rates.tables import PARAM_COLUMNS
from spinrelax.sample_report.templating import render


def _headline(params: pd.DataFrame, name: str) -> str:
    rows = params.loc[(params["parameter"] == name) & (params["series"] == "T")]
    return "; ".join(format_value(v, e) for v, e in zip(rows["value"], rows["err"], strict=True))


def write_index(
    index_path: str | Path,
    parameters_path: str | Path,
    samples: Sequence[str],
    tables: Sequence[str],
) -> None:
    """Write the index page and the combined ``rate_law_parameters.csv`` of ``samples``."""
    parts, rows, per_T = [], [], {}
    for sample, folder in zip(samples, tables, strict=True):
        spectra = Path(folder) / "spectrum_parameters.csv"
        if spectra.is_file():
            per_T[sample] = pd.read_csv(spectra)
        path = Path(folder) / "rate_law_parameters.csv"
        params = pd.read_csv(path) if path.is_file() else pd.DataFrame(columns=PARAM_COLUMNS)
        if not params.empty:
            parts.append(params)
        laws = (
            ", ".join(sorted(set(params.loc[params["parameter"] == "chi2_red", "law"])))
            if len(params)
            else "none"
        )
        headline = [
            _headline(params, n) if len(params) else "" for n in ("U_K", "U_eff_cm-1", "tau_QTM_s")
        ]
        rows.append({"sample": sample, "laws": laws, "headline": headline})
    write_csv(
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PARAM_COLUMNS),
        parameters_path,
    )
    fig = plot_comparison(per_T)
    figure = base64.b64encode(png_bytes(fig)).decode("ascii") if fig is not None else ""
    page = render("index.html.j2", rows=rows, figure=figure, version=__version__)
    Path(index_path).write_text(page, encoding="utf-8")
