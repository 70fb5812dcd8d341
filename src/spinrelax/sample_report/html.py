"""The self-contained HTML report of one or more samples (figures embedded as data URIs).

Neutral wording: it states what was measured, how it was fitted and what came out, with the
settings used; it names no compound but the user's and quotes no paper. Deterministic: no
time stamp, only the package version.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax import __version__
from spinrelax.figures.own_data_spectra import fit_counts
from spinrelax.io.unit_text import symbol_html, unit_unicode
from spinrelax.rates.si_table import (
    format_value,
    interval_text,
    parameter_symbol,
    series_label,
)
from spinrelax.sample_report import spectrum_table
from spinrelax.sample_report.outputs import SampleOutputs
from spinrelax.sample_report.rate_summary import TAU_ERRORS, rate_law_summary_html

#: Figure captions (HTML: constant text with ``<sub>``; nothing from the input files).
CAPTIONS = {
    "spectra": "In-phase (χ′) and out-of-phase (χ″) susceptibility against frequency; markers "
    "are data, lines the fitted model; colour (dark = cold) gives the temperature and the marker "
    "shape changes from one spectrum to the next.",
    "cole_cole": "Cole-Cole plot (χ″ against χ′, equal axes) with the fitted arcs.",
    "residuals": "Residuals of the spectrum fits, divided by the largest χ′ of each spectrum.",
    "spectrum_parameters": "Parameters of the spectrum fits against temperature: the width "
    "parameter α (0 for a single Debye process) and the adiabatic and isothermal "
    "susceptibilities χ<sub>S</sub> and χ<sub>T</sub>; error bars are the fits' standard errors; "
    "open markers: usable fits that are flagged; grey crosses: fits not usable.",
    "tau_vs_inverse_T": "Relaxation time against inverse temperature with the chosen rate law "
    "(solid) and its terms (broken lines). " + TAU_ERRORS,
    "tau_vs_T": "Relaxation time against temperature on logarithmic axes, with the chosen law "
    "and its terms. " + TAU_ERRORS,
    "tau_vs_H": "Relaxation time against the dc field at fixed temperature, with the chosen "
    "field law and its terms. " + TAU_ERRORS,
}
#: Figures drawn from every spectrum fit, whose captions state the fits' QC counts.
_SPECTRUM_FIGURES = ("spectra", "cole_cole", "residuals", "spectrum_parameters")
_LINE_KEY = " Usable fits that are flagged have dash-dot lines; fits not usable are grey, with "
_LINE_KEY += "open markers and dashed lines."
_STYLE = """body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0;max-width:100%}td,th{border:1px
solid #ccc;padding:2px 6px;text-align:left;overflow-wrap:anywhere}th{background:#f3f3f3}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
img{max-width:100%}figure{margin:1em 0}figcaption{font-size:0.85em;color:#444}
.warn{color:#8a4b00}@media print{body{max-width:none;margin:0}table{font-size:0.75em}
figure,tr{break-inside:avoid}}"""

_HEADLINE = ("U_K", "U_eff_cm-1", "tau0_s", "C_raman_s-1_K-n", "n_raman", "rate_qt_s-1",
             "tau_QTM_s", "A_direct_s-1_K-1", "chi2_red", "n_points", "converged")  # fmt: skip
_NUMBER = re.compile(r"^[-+]?[\d.]+(\(\d+\))?(×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$")


def _cell(v: object) -> str:
    text = f"{v:.4g}" if isinstance(v, float | np.floating) else str(v)
    text = "" if text == "nan" else text
    cls = ' class="num"' if _NUMBER.match(text) else ""
    return f"<td{cls}>{html.escape(text)}</td>"


def _table(
    frame: pd.DataFrame, max_rows: int = 200, *, header_html: bool = False, html_column: str = ""
) -> str:
    """An HTML table of ``frame``: cells and headers escaped, except headers when
    ``header_html`` and the cells of ``html_column``, which are already safe HTML."""
    if frame.empty:
        return "<p>(none)</p>"
    shown = frame.head(max_rows)
    esc = (lambda c: str(c)) if header_html else (lambda c: html.escape(str(c)))
    head = "".join(f"<th>{esc(c)}</th>" for c in shown.columns)
    raw = [c == html_column for c in shown.columns]
    body = [
        "<tr>"
        + "".join(f"<td>{v}</td>" if r else _cell(v) for v, r in zip(row, raw, strict=True))
        + "</tr>"
        for row in shown.itertuples(index=False)
    ]
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
    rows = chosen.loc[chosen["parameter"].isin(_HEADLINE)]
    return pd.DataFrame({
        "series": [series_label(r, "τ") for r in rows.itertuples()],
        "law": rows["law"].to_numpy(),
        "symbol": [symbol_html(parameter_symbol(n) or "") for n in rows["parameter"]],
        "parameter": rows["parameter"].to_numpy(),
        "value(err)": [format_value(v, e) + (" (fixed)" if f else "") for v, e, f in
                       zip(rows["value"], rows["err"], rows["fixed"].astype(bool), strict=True)],
        "68 % interval": [interval_text(a, b) for a, b in
                          zip(rows["ci68_low"], rows["ci68_high"], strict=True)],
        "95 % interval": [interval_text(a, b) for a, b in
                          zip(rows["ci95_low"], rows["ci95_high"], strict=True)],
        "unit": [unit_unicode(u) if u != "1" else "" for u in rows["unit"]],
        "flag": rows["flag"].fillna("").to_numpy(),
    })  # fmt: skip


def _candidates(cands: pd.DataFrame) -> pd.DataFrame:
    """The candidate-law table in the columns that decide the choice (the CSV has them all)."""
    if cands.empty:
        return cands
    return pd.DataFrame({
        "series": [series_label(r, "τ") for r in cands.itertuples()],
        "law": cands["law"].to_numpy(), "k": cands["n_params"].to_numpy(),
        "N": cands["n_points"].to_numpy(), "χ²_red": cands["chi2_red"].to_numpy(),
        "AICc": cands["aicc"].to_numpy(), "ΔAICc": cands["delta_aicc"].to_numpy(),
        "weight": cands["akaike_weight"].to_numpy(),
        "status": cands["status"].to_numpy(), "chosen": cands["selected"].to_numpy(),
    })  # fmt: skip


def caption(name: str, fits: pd.DataFrame) -> str:
    """The caption of figure ``name`` as HTML (:data:`CAPTIONS`); those drawn from every
    spectrum fit end with the fits' QC counts
    (:func:`~spinrelax.figures.own_data_spectra.fit_counts`, escaped) as the figure does."""
    text = CAPTIONS[name]
    if name in _SPECTRUM_FIGURES and len(fits):
        text += f" {html.escape(fit_counts(fits))}."
        text += _LINE_KEY if name != "spectrum_parameters" else ""
    return text


def inputs_section(out: SampleOutputs, info: Mapping[str, str]) -> str:
    """Input files and per-sample settings, notes, and how many spectra were usable."""
    parts = ["<h3>Input and settings</h3>", "<ul>"]
    parts += [f"<li>{html.escape(k)}: {html.escape(str(v))}</li>" for k, v in info.items()]
    parts.append("</ul>")
    parts += [f'<p class="warn">{html.escape(n)}</p>' for n in out.notes]
    fits = out.fits if out.fits is not None else pd.DataFrame()
    counts = f" ({html.escape(fit_counts(fits))})" if len(fits) else ""
    parts.append(f"<p>{len(fits)} spectra fitted{counts}; usable fits enter the rate laws.</p>")
    return "\n".join(parts)


def rate_law_section(out: SampleOutputs) -> str:
    """The chosen law's parameters of each series, value(err)."""
    res = out.results
    return (
        "<h3>Rate-law parameters (chosen law of each series)</h3>\n"
        + _table(
            _summary(res.parameters) if res is not None else pd.DataFrame(), html_column="symbol"
        )
        + rate_law_summary_html(res)
    )


def spectrum_parameters_section(out: SampleOutputs) -> str:
    """The per-temperature table of the spectrum-fit parameters with errors."""
    if "spectrum_parameters" not in out.tables:
        return ""
    table = pd.read_csv(out.tables["spectrum_parameters"], keep_default_na=False,
                        na_values=[""])  # fmt: skip
    table["qc"] = table["qc"].fillna("")
    shown = spectrum_table.display_table(table, out.chi_unit)
    return (
        '<h3 id="spectrum-parameters">Spectrum-fit parameters per temperature</h3>\n'
        "<p>Value(error) in the concise notation: 140.5(8) is 140.5 ± 0.8, the error in units of "
        "the last digit; standard errors of the fits. QC names the flags of a fit, and "
        "“not usable” where it was left out of the rate laws. Also in "
        "tables/spectrum_parameters.csv (values and errors), .md and .tex.</p>\n"
        + _table(shown, header_html=True)
    )


def figures_section(out: SampleOutputs) -> str:
    """Every figure, embedded, with its caption."""
    fits = out.fits if out.fits is not None else pd.DataFrame()
    return "\n".join(
        f'<figure id="fig-{html.escape(name)}">{_img(path)}'
        f"<figcaption>{caption(name, fits)}</figcaption></figure>"
        for name, path in out.figures.items()
    )


def candidates_section(out: SampleOutputs) -> str:
    """Every candidate law of each series with the numbers that chose one."""
    res = out.results
    if res is None:
        return ""
    return (
        "<h3>Candidate laws</h3><p>Every candidate was fitted to the same points with the same "
        "weights; the candidate with the lowest AICc among those whose parameters are all "
        "determined (status eligible) is chosen (k parameters, N points; all columns, with the "
        "reasons, in tables/rate_law_candidates.csv).</p>\n" + _table(_candidates(res.candidates))
    )


def quality_section(out: SampleOutputs, base: Path) -> str:
    """Spectra not usable or flagged, rejected raw rows, and links to every table."""
    qc = pd.read_csv(out.tables["qc_spectra"]) if "qc_spectra" in out.tables else pd.DataFrame()
    parts = ["<h3>Quality control: spectra not usable or flagged</h3>" + _table(qc)]
    if "rejected_rows" in out.tables:
        rej = pd.read_csv(out.tables["rejected_rows"])
        parts.append(
            f"<p>{len(rej)} raw rows were not used (reasons in tables/rejected_rows.csv).</p>"
        )
        user = rej.loc[rej["reason"].astype(str).str.startswith("excluded by the user")]
        if len(user):
            by = user.groupby(["file", "reason"], sort=False)["line"]
            rows = by.apply(lambda s: ", ".join(map(str, s))).reset_index(name="lines")
            parts.append("<h3>Excluded by the user (settings file)</h3>" + _table(rows))
    links = ", ".join(
        f'<a href="{html.escape(str(p.relative_to(base)))}">{html.escape(p.name)}</a>'
        for p in out.tables.values()
    )
    parts.append(f"<p>Tables: {links}</p>")
    return "\n".join(parts)


def sample_section(out: SampleOutputs, info: Mapping[str, str], base: Path) -> str:
    """HTML of one sample: one section after the other (each a function of the outputs)."""
    sections = [
        f"<h2>Sample {html.escape(out.sample)}</h2>",
        inputs_section(out, info),
        rate_law_section(out),
        spectrum_parameters_section(out),
        figures_section(out),
        candidates_section(out),
        quality_section(out, base),
    ]
    return "\n".join(s for s in sections if s)


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
