"""Index page of a sample sheet's outputs: one line per sample with its chosen tau(T) law,
U_eff and tau_QTM, a link to its report, and a figure comparing the samples (tau vs 1/T and
alpha vs T, embedded); and all samples' parameter tables in one CSV."""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from spinrelax import __version__
from spinrelax.figures.own_data_comparison import plot_comparison
from spinrelax.figures.style import png_bytes
from spinrelax.io.csv_table import write_csv
from spinrelax.rates.si_table import format_value
from spinrelax.rates.tables import PARAM_COLUMNS


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
        cells = [
            f'<a href="{html.escape(sample)}/report.html">{html.escape(sample)}</a>',
            html.escape(laws),
        ]
        for name in ("U_K", "U_eff_cm-1", "tau_QTM_s"):
            cells.append(html.escape(_headline(params, name)) if len(params) else "")
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    write_csv(
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PARAM_COLUMNS),
        parameters_path,
    )
    fig = plot_comparison(per_T)
    figure = (
        '<figure><img alt="samples compared" src="data:image/png;base64,'
        + base64.b64encode(png_bytes(fig)).decode("ascii")
        + '"><figcaption>Relaxation time against inverse temperature and width parameter α '
        "against temperature of the usable spectrum fits of every sample (one colour and marker "
        "per sample).</figcaption></figure>\n"
        if fig is not None
        else ""
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Samples</title>'
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{border:1px "
        "solid #ccc;padding:2px 6px}table{border-collapse:collapse}img{max-width:100%}"
        "figcaption{font-size:0.85em;color:#444}</style></head><body>\n"
        "<h1>Relaxation analysis of the sample sheet</h1>\n<table><tr><th>sample</th>"
        "<th>τ(T) law</th><th>U<sub>eff</sub> (K)</th><th>U<sub>eff</sub> (cm⁻¹)</th>"
        "<th>τ<sub>QTM</sub> (s)</th></tr>\n"
        + "\n".join(rows)
        + "\n</table>\n"
        + figure
        + f"<p>All parameters: rate_law_parameters.csv. spinrelax {html.escape(__version__)}</p>"
        "\n</body></html>\n"
    )
    Path(index_path).write_text(page, encoding="utf-8")
