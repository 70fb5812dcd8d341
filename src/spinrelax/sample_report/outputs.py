"""One sample, any compound: spectrum fits -> rates -> rate laws -> tables and figures.

Inputs are the points of the sample (one row per point with ``spectrum``, ``freq_Hz``,
``chi_real``, ``chi_imag``) and its spectrum fits (one row per spectrum with ``spectrum``,
``T_K``, ``H_Oe``, ``chi_unit`` and the fit columns of docs/ac_fit_table.md). Nothing here
knows about a particular compound or paper. File names (under ``out_dir``):

- ``tables/``: ``spectra_fits.csv``, ``rates.csv`` (every spectrum and process, usable or
  not), ``rate_points.csv`` (points of each fitted series with their sigma and whether used),
  ``rate_law_parameters.csv`` (long form), ``rate_law_candidates.csv``,
  ``rate_law_correlations.csv``, ``rate_law_curves.csv`` (fitted curves and terms for
  re-plotting), ``rate_law_spread.csv`` (U_eff over eligible laws and T windows); a sample
  with at least two series also has rows with ``series = TH``, one law over all its (T, H)
  points (``rates/global_fit.py``), whose slices the tau figures draw dashed,
  ``qc_spectra.csv`` (spectra not usable or flagged), ``rejected_rows.csv`` (when given),
  ``rate_law_parameters.md`` and ``.tex`` (for a paper's SI), ``spectrum_parameters.csv``,
  ``.md`` and ``.tex`` (tau, alpha, chi_S, chi_T per temperature with errors,
  :mod:`spinrelax.sample_report.spectrum_table`).
- ``figures/``: ``spectra``, ``cole_cole``, ``residuals``, ``spectrum_parameters`` (alpha,
  chi_S, chi_T against T), ``tau_vs_inverse_T``, ``tau_vs_T`` and, when the sample has a tau(H)
  series, ``tau_vs_H`` (PNG and PDF).

With DC decay or waveform files (:mod:`spinrelax.sample_report.time_domain`) the rate tables
join every technique (``method``: ``ac``, ``waveform``, ``dc``) into one series per field and
temperature, and there are also ``tables/dc_fits.csv`` (the per-decay table of
docs/dc_decays.md), ``tables/waveform_points.csv`` (chi(f) points of docs/waveform.md) and
the figures ``dc_decays`` (M(t) with fits on a log time axis, one per DC file: ``dc_decays``,
``dc_decays_2``, ...) and ``waveform_spectra``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from spinrelax.figures.own_data_parameters import plot_spectrum_parameters
from spinrelax.figures.own_data_rates import plot_tau_vs_H, plot_tau_vs_inverse_T, plot_tau_vs_T
from spinrelax.figures.own_data_spectra import plot_cole_cole, plot_residuals, plot_spectra
from spinrelax.io.csv_table import as_written, write_csv
from spinrelax.rates.analysis import RateResults, analyse_rates
from spinrelax.rates.data import as_bool, normalise_fit_table
from spinrelax.rates.settings import LawSettings
from spinrelax.rates.si_table import latex_table, markdown_table
from spinrelax.sample_report import spectrum_table
from spinrelax.sample_report.time_domain import TimeDomain, dc_rate_points, figure_name

QC_COLUMNS: tuple[str, ...] = ("spectrum", "T_K", "H_Oe", "model", "converged", "usable", "flags")


@dataclass
class SampleOutputs:
    """What was written for one sample: tables and figures (name -> path) and the results."""

    sample: str
    chi_unit: str
    tables: dict[str, Path] = field(default_factory=dict)
    figures: dict[str, Path] = field(default_factory=dict)
    results: RateResults | None = None
    fits: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)
    points: pd.DataFrame | None = None


def _usable(fits: pd.DataFrame) -> pd.Series:
    return as_bool(fits["usable"] if "usable" in fits.columns else fits["converged"])


def sample_tables(
    sample: str,
    fits: pd.DataFrame,
    settings: LawSettings,
    rejected: pd.DataFrame | None = None,
    time_domain: TimeDomain | None = None,
) -> tuple[pd.DataFrame, RateResults, dict[str, pd.DataFrame]]:
    """(fits with ``usable`` and ``flags``, rate-law results, every CSV table by name) of one
    sample: what :func:`write_sample_outputs` writes and ``spinrelax app`` shows. The rate laws
    read the fits as their table is written (:func:`~spinrelax.io.csv_table.as_written`), so the
    command, the app and the workflow (which reads the written fit table) agree to the byte. The
    DC decays of ``time_domain`` join the rate points (its waveform spectra are already in
    ``fits``, :func:`~spinrelax.sample_report.time_domain.waveform_fits`)."""
    fits = as_written(fits)
    fits = fits.assign(
        usable=_usable(fits), flags=fits["flags"].astype(object).fillna("").astype(str)
    )
    rates = normalise_fit_table(fits.assign(sample=sample), file="spectrum fits", sample=sample)
    td = time_domain or TimeDomain()
    if td.dc:
        rates = pd.concat([rates, dc_rate_points(td, sample, len(fits))], ignore_index=True)
        if rejected is not None:
            rejected = pd.concat([rejected, td.rejected], ignore_index=True)
    if len(td.waveform_points) and rejected is not None:
        rejected = pd.concat([rejected, td.waveform_rejected.loc[:, list(rejected.columns)]],
                             ignore_index=True)  # fmt: skip
    results = analyse_rates(rates, settings)
    qc = fits.loc[(~fits["usable"]) | (fits["flags"] != ""), [c for c in QC_COLUMNS if c in fits]]
    tables = {
        "spectra_fits": fits,
        "rates": rates,
        "rate_points": results.points,
        "rate_law_parameters": results.parameters,
        "rate_law_candidates": results.candidates,
        "rate_law_correlations": results.correlations,
        "rate_law_curves": results.curves,
        "rate_law_spread": results.spread,
        "qc_spectra": qc,
    }
    if rejected is not None:
        tables["rejected_rows"] = rejected
    if td.dc:
        tables["dc_fits"] = td.dc_table
    if len(td.waveform_points):
        tables["waveform_points"] = td.waveform_points
    tables["spectrum_parameters"] = spectrum_table.parameter_table(_ac_fits(fits))
    return fits, results, tables


def _ac_fits(fits: pd.DataFrame) -> pd.DataFrame:
    """The ac spectra's fits (all fits when the sample has no ac spectra): the per-temperature
    chi_S, chi_T table and figure keep one chi unit."""
    if "method" not in fits.columns:
        return fits
    ac = fits.loc[fits["method"].fillna("ac") == "ac"]
    return ac if len(ac) else fits


def write_sample_outputs(
    sample: str,
    points: pd.DataFrame,
    fits: pd.DataFrame,
    out_dir: str | Path,
    settings: LawSettings,
    rejected: pd.DataFrame | None = None,
    time_domain: TimeDomain | None = None,
) -> SampleOutputs:
    """Fit the rate laws of one sample and write every table and figure under ``out_dir``."""
    out = Path(out_dir)
    fits, results, tables = sample_tables(sample, fits, settings, rejected, time_domain)
    ac_fits = _ac_fits(fits)
    chi_unit = str(ac_fits["chi_unit"].iloc[0]) if "chi_unit" in fits.columns and len(fits) else ""
    result = SampleOutputs(sample, chi_unit, fits=fits, points=points)
    result.results = results
    per_T = tables["spectrum_parameters"]
    for name, table in tables.items():
        path = out / "tables" / f"{name}.csv"
        write_csv(table, path)
        result.tables[name] = path
    for name, text in (("md", spectrum_table.markdown_table(per_T, chi_unit)),
                       ("tex", spectrum_table.latex_table(per_T, chi_unit))):  # fmt: skip
        path = out / "tables" / f"spectrum_parameters.{name}"
        path.write_text(text, encoding="utf-8")
        result.tables[f"spectrum_parameters_{name}"] = path
    if not results.parameters.empty:
        for name, text in (("md", markdown_table(results.parameters)),
                           ("tex", latex_table(results.parameters))):  # fmt: skip
            path = out / "tables" / f"rate_law_parameters.{name}"
            path.write_text(text, encoding="utf-8")
            result.tables[f"rate_law_parameters_{name}"] = path
    else:
        result.notes.append("no tau(T) or tau(H) series with enough usable spectra: no rate law")
    fig = out / "figures"
    names = _time_domain_figures(sample, fits, time_domain, fig)
    if len(points):
        plot_spectra(points, ac_fits, "spectrum", chi_unit,
                     f"{sample}: ac susceptibility with fits", fig / "spectra")  # fmt: skip
        plot_cole_cole(
            points, ac_fits, "spectrum", chi_unit, f"{sample}: Cole-Cole plot", fig / "cole_cole"
        )
        plot_residuals(points, ac_fits, "spectrum", f"{sample}: fit residuals", fig / "residuals")
        plot_spectrum_parameters(ac_fits, chi_unit, f"{sample}: spectrum-fit parameters",
                                 fig / "spectrum_parameters")  # fmt: skip
        names = ["spectra", "cole_cole", "residuals", "spectrum_parameters", *names]
    pts, curves = results.points, results.curves
    has = set(pts["series"]) if len(pts) else set()
    if "T" in has:
        plot_tau_vs_inverse_T(pts, curves, f"{sample}: τ against 1/T", fig / "tau_vs_inverse_T")
        plot_tau_vs_T(pts, curves, f"{sample}: τ against T", fig / "tau_vs_T")
        names += ["tau_vs_inverse_T", "tau_vs_T"]
    else:
        result.notes.append("no tau(T) series (fewer than 4 temperatures at one field)")
    if "H" in has:
        plot_tau_vs_H(pts, curves, f"{sample}: τ against H", fig / "tau_vs_H")
        names.append("tau_vs_H")
    else:
        result.notes.append("no tau(H) series (fewer than 4 fields at one temperature)")
    result.figures = {n: fig / f"{n}.png" for n in names}
    return result


def _time_domain_figures(
    sample: str, fits: pd.DataFrame, td: TimeDomain | None, fig: Path
) -> list[str]:
    """Draw the M(t) figure of every DC file and the waveform spectra; their names."""
    from spinrelax.figures.dc_decays import plot_decays

    names = []
    if td is None:
        return names
    for i, res in enumerate(td.dc):
        name = figure_name("dc_decays", i)
        s = td.dc_settings
        for suffix in (".png", ".pdf"):
            plot_decays(res, fig / f"{name}{suffix}", s.meq_value_emu, s.m0_mode)
        names.append(name)
    if len(td.waveform_points):
        wf = fits.loc[fits["method"] == "waveform"]
        plot_spectra(td.waveform_points, wf, "spectrum", str(wf["chi_unit"].iloc[0]),
                     f"{sample}: waveform ac with fits", fig / "waveform_spectra")  # fmt: skip
        names.append("waveform_spectra")
    return names
