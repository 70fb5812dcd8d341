"""The self-contained HTML report of one or more samples (figures embedded as data URIs).

Neutral wording: it states what was measured, how it was fitted and what came out, with the
settings used; it names no compound but the user's and quotes no paper. Deterministic: no
time stamp, only the package version.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax import __version__
from spinrelax.rates.si_table import format_value, interval_text
from spinrelax.sample_report.outputs import SampleOutputs
from spinrelax.sample_report.rate_summary import TAU_ERRORS, rate_law_summary_html

CAPTIONS = {
    "spectra": "In-phase (chi') and out-of-phase (chi'') susceptibility against frequency; "
    "markers are data, lines the fitted model; colour gives the temperature.",
    "cole_cole": "Cole-Cole plot (chi'' against chi') with the fitted arcs.",
    "residuals": "Residuals of the spectrum fits, divided by the largest chi' of each spectrum.",
    "tau_vs_inverse_T": "Relaxation time against inverse temperature with the chosen rate law "
    "(solid) and its terms (broken lines). " + TAU_ERRORS,
    "tau_vs_T": "Relaxation time against temperature on logarithmic axes, with the chosen law "
    "and its terms. " + TAU_ERRORS,
    "tau_vs_H": "Relaxation time against the dc field at fixed temperature, with the chosen "
    "field law and its terms. " + TAU_ERRORS,
}
_STYLE = """body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}td,th{border:1px solid #ccc;
padding:2px 6px;text-align:left}th{background:#f3f3f3}img{max-width:100%}figure{margin:1em 0}
figcaption{font-size:0.85em;color:#444}.warn{color:#8a4b00}"""

_HEADLINE = ("U_K", "U_eff_cm-1", "tau0_s", "C_raman_s-1_K-n", "n_raman", "rate_qt_s-1",
             "tau_QTM_s", "A_direct_s-1_K-1", "chi2_red", "n_points", "converged")  # fmt: skip


def _table(frame: pd.DataFrame, max_rows: int = 200) -> str:
    if frame.empty:
        return "<p>(none)</p>"
    shown = frame.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    body = []
    for row in shown.itertuples(index=False):
        cells = []
        for v in row:
            text = f"{v:.6g}" if isinstance(v, float | np.floating) else str(v)
            cells.append(f"<td>{html.escape('' if text == 'nan' else text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f"<p>... {len(frame) - max_rows} more rows in the CSV table.</p>"
        if len(frame) > max_rows
        else ""
    )
    return f"<table><tr>{head}</tr>{''.join(body)}</table>{more}"


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'


def _summary(params: pd.DataFrame) -> pd.DataFrame:
    if params.empty:
        return params
    chosen = params.loc[params["parameter"] != "aic"]
    rows = chosen.loc[chosen["parameter"].isin(_HEADLINE)].copy()
    rows["value +- err"] = [
        format_value(v, e) + (" (fixed)" if f else "")
        for v, e, f in zip(rows["value"], rows["err"], rows["fixed"].astype(bool), strict=True)
    ]
    rows["68 % interval"] = [
        interval_text(a, b) for a, b in zip(rows["ci68_low"], rows["ci68_high"], strict=True)
    ]
    rows["95 % interval"] = [
        interval_text(a, b) for a, b in zip(rows["ci95_low"], rows["ci95_high"], strict=True)
    ]
    cols = ["process", "series", "at_T_K", "at_H_Oe", "law", "parameter", "value +- err",
            "68 % interval", "95 % interval", "unit", "flag"]  # fmt: skip
    return rows.loc[:, cols]


def sample_section(out: SampleOutputs, info: Mapping[str, str], base: Path) -> str:
    """HTML of one sample: inputs, settings, results, figures, candidates and QC."""
    parts = [f"<h2>Sample {html.escape(out.sample)}</h2>", "<h3>Input and settings</h3>", "<ul>"]
    parts += [f"<li>{html.escape(k)}: {html.escape(str(v))}</li>" for k, v in info.items()]
    parts.append("</ul>")
    parts += [f'<p class="warn">{html.escape(n)}</p>' for n in out.notes]
    fits = out.fits if out.fits is not None else pd.DataFrame()
    n_usable = int(fits["usable"].sum()) if len(fits) else 0
    parts.append(f"<p>{len(fits)} spectra fitted, {n_usable} usable for the rate laws.</p>")
    res = out.results
    parts.append("<h3>Rate-law parameters (chosen law of each series)</h3>")
    parts.append(_table(_summary(res.parameters) if res is not None else pd.DataFrame()))
    parts.append(rate_law_summary_html(res))
    for name, path in out.figures.items():
        parts.append(
            f"<figure>{_img(path)}<figcaption>{html.escape(CAPTIONS[name])}</figcaption></figure>"
        )
    if res is not None:
        parts.append("<h3>Candidate laws</h3><p>Every candidate was fitted to the same points "
                     "with the same weights; the candidate with the lowest AICc among those whose "
                     "parameters are all determined (status eligible) is chosen.</p>")  # fmt: skip
        parts.append(_table(res.candidates.drop(columns=["message"], errors="ignore")))
    qc = pd.read_csv(out.tables["qc_spectra"]) if "qc_spectra" in out.tables else pd.DataFrame()
    parts.append("<h3>Quality control: spectra not usable or flagged</h3>" + _table(qc))
    if "rejected_rows" in out.tables:
        rej = pd.read_csv(out.tables["rejected_rows"])
        parts.append(
            f"<p>{len(rej)} raw rows were not used (reasons in tables/rejected_rows.csv).</p>"
        )
    links = ", ".join(
        f'<a href="{html.escape(str(p.relative_to(base)))}">{html.escape(p.name)}</a>'
        for p in out.tables.values()
    )
    parts.append(f"<p>Tables: {links}</p>")
    return "\n".join(parts)


def write_report(
    path: str | Path,
    samples: Sequence[tuple[SampleOutputs, Mapping[str, str]]],
    settings_text: Mapping[str, str],
) -> Path:
    """Write the report of ``samples`` (outputs, info lines) to ``path``; returns it."""
    out = Path(path)
    body = [
        "<h1>Ac susceptibility and relaxation analysis</h1>",
        "<p>Each frequency sweep was fitted with the model named below; the relaxation rates "
        "of usable fits were fitted with rate laws of temperature (and of field where the "
        "field was varied). Per-point uncertainties, candidate laws and all settings are "
        "listed; every number of this page is also in the CSV tables beside it.</p>",
        "<h3>Settings</h3><ul>",
        *(f"<li>{html.escape(k)}: {html.escape(str(v))}</li>" for k, v in settings_text.items()),
        "</ul>",
    ]
    body += [sample_section(o, info, out.parent) for o, info in samples]
    body.append(f"<hr><p>spinrelax {html.escape(__version__)}</p>")
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Relaxation analysis</title><style>{_STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
