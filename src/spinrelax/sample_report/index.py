"""Index page of a sample sheet's outputs: one line per sample with its chosen tau(T) law,
U_eff and tau_QTM, a link to its report; and all samples' parameter tables in one CSV."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from spinrelax import __version__
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
    parts, rows = [], []
    for sample, folder in zip(samples, tables, strict=True):
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
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Samples</title>'
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{border:1px "
        "solid #ccc;padding:2px 6px}table{border-collapse:collapse}</style></head><body>\n"
        "<h1>Relaxation analysis of the sample sheet</h1>\n<table><tr><th>sample</th>"
        "<th>tau(T) law</th><th>U_eff (K)</th><th>U_eff (cm^-1)</th><th>tau_QTM (s)</th></tr>\n"
        + "\n".join(rows)
        + f"\n</table>\n<p>All parameters: rate_law_parameters.csv. spinrelax {html.escape(__version__)}</p>"
        "\n</body></html>\n"
    )
    Path(index_path).write_text(page, encoding="utf-8")
