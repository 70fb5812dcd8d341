"""The self-contained HTML report of one or more samples (figures embedded as data URIs).

The page is rendered from ``templates/report.html.j2`` (one macro per section in
``templates/sections.html.j2``); this module only gathers the data, as plain values the template
escapes. Neutral wording: it states what was measured, how it was fitted and what came out, with the
settings used; it names no compound but the user's and quotes no paper. Deterministic: no
time stamp, only the package version.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

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
from spinrelax.sample_report.interactive import sample_plots
from spinrelax.sample_report.outputs import SampleOutputs
from spinrelax.sample_report.page_policy import POLICY, SCRIPT
from spinrelax.sample_report.rate_summary import TAU_ERRORS, rate_law_paragraphs
from spinrelax.sample_report.templating import render, trusted

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
    "dc_decays": "DC magnetisation decays M(t) of one file on a logarithmic time axis with the "
    "single stretched-exponential fits (solid black: M<sub>eq</sub> fitted; dashed: "
    "M<sub>eq</sub> held fixed) and the residuals of the fitted-M<sub>eq</sub> fit; t counts "
    "from each decay's first reading, drawn at half the first time step.",
    "waveform_spectra": "Waveform ac: χ′ and χ″ at each drive frequency from the Fourier "
    "analysis of field and moment, with the fitted spectrum model.",
}
#: Figures drawn from every spectrum fit, whose captions state the fits' QC counts.
_SPECTRUM_FIGURES = ("spectra", "cole_cole", "residuals", "spectrum_parameters")

_HEADLINE = ("U_K", "U_eff_cm-1", "tau0_s", "C_raman_s-1_K-n", "n_raman", "rate_qt_s-1",
             "tau_QTM_s", "A_direct_s-1_K-1", "chi2_red", "n_points", "converged")  # fmt: skip
_NUMBER = re.compile(r"^[-+]?[\d.]+(\(\d+\))?(×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$")


class Cell(NamedTuple):
    """A table cell: its text (plain, or :func:`trusted` HTML) and whether it is a number."""

    text: str
    num: bool


class Table(NamedTuple):
    """A table for the ``table`` macro: headers, rows of cells, and rows left out."""

    head: list[str]
    rows: list[list[Cell]]
    more: int


def _cell(v: object) -> Cell:
    text = f"{v:.4g}" if isinstance(v, float | np.floating) else str(v)
    text = "" if text == "nan" else text
    return Cell(text, bool(_NUMBER.match(text)))


def _table(
    frame: pd.DataFrame, max_rows: int = 200, *, header_html: bool = False, html_column: str = ""
) -> Table | None:
    """The first ``max_rows`` rows of ``frame`` (``None`` when empty); headers when
    ``header_html`` and the cells of ``html_column`` are package HTML (:func:`trusted`)."""
    if frame.empty:
        return None
    shown = frame.head(max_rows)
    head = [trusted(str(c)) if header_html else str(c) for c in shown.columns]
    raw = [c == html_column for c in shown.columns]
    rows = [
        [Cell(trusted(str(v)), False) if r else _cell(v) for v, r in zip(row, raw, strict=True)]
        for row in shown.itertuples(index=False)
    ]
    return Table(head, rows, max(len(frame) - max_rows, 0))


def _figure(name: str, path: Path, fits: pd.DataFrame) -> dict[str, object]:
    """A figure embedded as a data URI, with its caption and, for those drawn from every
    spectrum fit, the fits' QC counts (:func:`~spinrelax.figures.own_data_spectra.fit_counts`)."""
    counted = name in _SPECTRUM_FIGURES and len(fits) > 0
    return {
        "name": name,
        "alt": path.stem,
        "data": base64.b64encode(path.read_bytes()).decode("ascii"),
        "caption": trusted(CAPTIONS[re.sub(r"_\d+$", "", name)]),
        "counts": fit_counts(fits) if counted else "",
        "line_key": counted and name != "spectrum_parameters",
    }


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


def _sample(out: SampleOutputs, info: Mapping[str, str], base: Path) -> dict[str, object]:
    """The data of one sample's sections (plain values; the template escapes them)."""
    res = out.results
    fits = out.fits if out.fits is not None else pd.DataFrame()
    spectra = None
    if "spectrum_parameters" in out.tables:
        table = pd.read_csv(out.tables["spectrum_parameters"], keep_default_na=False,
                            na_values=[""])  # fmt: skip
        table["qc"] = table["qc"].astype(object).fillna("")
        spectra = _table(spectrum_table.display_table(table, out.chi_unit), header_html=True)
    qc = pd.read_csv(out.tables["qc_spectra"]) if "qc_spectra" in out.tables else pd.DataFrame()
    rejected = user = None
    if "rejected_rows" in out.tables:
        rows = pd.read_csv(out.tables["rejected_rows"])
        rejected = len(rows)
        mine = rows.loc[rows["reason"].astype(str).str.startswith("excluded by the user")]
        if len(mine):  # one line per reason: a spectrum's points share it
            by = mine.groupby(["file", "reason"], sort=False)["line"]
            user = _table(by.apply(lambda s: ", ".join(map(str, s))).reset_index(name="lines"))
    return {
        "name": out.sample,
        "info": {k: str(v) for k, v in info.items()},
        "notes": list(out.notes),
        "n_fits": len(fits),
        "counts": fit_counts(fits) if len(fits) else "",
        "parameters": _table(
            _summary(res.parameters) if res is not None else pd.DataFrame(), html_column="symbol"
        ),
        "choice": rate_law_paragraphs(res),
        "spectra": spectra,
        "has_spectra": "spectrum_parameters" in out.tables,
        "plots": sample_plots(out.points, out.fits, res, out.chi_unit),
        "figures": [_figure(name, path, fits) for name, path in out.figures.items()],
        "candidates": _table(_candidates(res.candidates)) if res is not None else None,
        "has_results": res is not None,
        "qc": _table(qc),
        "rejected": rejected,
        "user_excluded": user,
        "links": [(str(p.relative_to(base)), p.name) for p in out.tables.values()],
    }


def write_report(
    path: str | Path,
    samples: Sequence[tuple[SampleOutputs, Mapping[str, str]]],
    settings_text: Mapping[str, str],
) -> Path:
    """Write the report of ``samples`` (outputs, info lines) to ``path``; returns it."""
    out = Path(path)
    pages = [_sample(o, info, out.parent) for o, info in samples]
    page = render(
        "report.html.j2",
        settings={k: str(v) for k, v in settings_text.items()},
        samples=pages,
        version=__version__,
        policy=trusted(POLICY),
        script=trusted(SCRIPT) if any(p["plots"] is not None for p in pages) else None,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
