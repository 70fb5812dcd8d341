"""The interactive plots of the per-sample report, from a synthetic sample whose points lie on
its fits: what each plot holds, the styles of usable, flagged and failed fits, equal Cole-Cole
axes, the hover texts, byte-identical pages, and hostile strings that stay inert text."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.fit_table import fitted_curves
from spinrelax.rates.settings import law_settings
from spinrelax.sample_report.html import write_report
from spinrelax.sample_report.interactive import GREY, rate_plot, sample_plots, spectrum_plots
from spinrelax.sample_report.outputs import SampleOutputs, sample_tables
from spinrelax.sample_report.page_policy import SCRIPT, page_problems

T_K = [2.0, 2.5, 3.0, 3.5, 4.0, 4.5]
N_FREQ = 12
HOSTILE = ["<script>window.__pwned=2</script>", "<img src=x onerror=window.__pwned=1>"]


def synthetic() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points, fits) of six Cole-Cole spectra on their fits (Orbach tau(T)); the fit of
    spectrum 5 is not usable."""
    tau = 1e-9 * np.exp(30.0 / np.array(T_K))
    fits = pd.DataFrame({
        "spectrum": range(6), "T_K": T_K, "H_Oe": 0.0, "chi_unit": "emu/mol",
        "model": "generalized_debye", "tau_s": tau, "tau_err_s": 0.02 * tau, "alpha": 0.1,
        "alpha_err": 0.01, "gamma": np.nan, "chi_S": 0.1, "chi_T": 1.0 / np.array(T_K),
        "dchi2": np.nan, "tau2_s": np.nan, "alpha2": np.nan, "rate_s-1": 1 / tau,
        "rate_err_s-1": 0.02 / tau, "sigma_lntau": 0.3, "converged": True,
        "usable": [True] * 5 + [False], "flags": ["", "", "", "", "", "at_bound:alpha"],
    })  # fmt: skip
    f = np.geomspace(1.0, 1000.0, N_FREQ)
    re, im = fitted_curves(fits, f)
    points = pd.DataFrame({"spectrum": np.repeat(fits["spectrum"], N_FREQ), "freq_Hz": np.tile(f, 6),
                           "chi_real": re.ravel(), "chi_imag": im.ravel()})  # fmt: skip
    return points, fits


def _outputs(sample: str = "S", text: str = "") -> SampleOutputs:
    """The sample's outputs (no files) with ``text`` in a flag and the chi unit."""
    points, fits = synthetic()
    fits.loc[4, "flags"] = text or "model_inadequate"
    fits, results, _ = sample_tables(sample, fits, law_settings({}))
    unit = f"emu/mol {text}".strip()
    return SampleOutputs(sample, unit, {}, {}, results, fits, [], points)


def test_spectrum_plots_hold_every_point_and_fit():
    points, fits = synthetic()
    fits.loc[4, "flags"] = "model_inadequate"
    plots, key = spectrum_plots(points, fits, "emu/mol")
    assert [p.name for p in plots] == ["chi_real", "chi_imag", "cole_cole"]
    assert [e.label for e in key] == ["2.00 K", "2.50 K", "3.00 K", "3.50 K", "4.00 K", "4.50 K"]
    for plot in plots:
        assert [t.key for t in plot.traces] == [e.key for e in key]
        assert all(len(t.marks) == N_FREQ and t.line.startswith("M") for t in plot.traces)
    # values ride on the chi' points only; chi'' and Cole-Cole points are the same, in order
    first = plots[0].traces[0].marks
    row = points.loc[points["spectrum"] == 0].iloc[3]
    assert first[3].v == f"{row['freq_Hz']:.4g} {row['chi_real']:.4g} {row['chi_imag']:.4g}"
    assert all(m.v == "" for p in plots[1:] for t in p.traces for m in t.marks)
    assert plots[0].traces[0].marks[3].x == plots[1].traces[0].marks[3].x
    # colours: dark = cold, not usable grey and open, flagged dash-dot
    usable = [t for t in plots[0].traces if t.colour != GREY]
    assert len(usable) == 5 and plots[0].traces[5].fill == "none"
    assert plots[0].traces[4].dash and not plots[0].traces[0].dash and plots[0].traces[5].dash
    lum = [sum(int(t.colour[i : i + 2], 16) for i in (1, 3, 5)) for t in usable]
    assert lum == sorted(lum)
    assert "τ = " in key[0].summary and "α = 0.100(10)" in key[0].summary
    assert key[0].summary.startswith("T = 2.00 K, H = 0 Oe; generalized_debye")
    assert key[5].summary.endswith("not usable (at_bound:alpha)")


def test_cole_cole_axes_are_equal():
    points, fits = synthetic()
    plot = spectrum_plots(points, fits, "emu/mol")[0][2]
    (x0, a), (x1, b) = [(float(x), float(lab)) for x, lab in plot.x_ticks[:2]]
    (y0, c), (y1, d) = [(float(y), float(lab)) for y, lab in plot.y_ticks[:2]]
    assert (x1 - x0) / (b - a) == pytest.approx(-(y1 - y0) / (d - c), rel=0.02)


def test_rate_plot_texts_say_used_or_not_and_the_error():
    points, fits = synthetic()
    fits, results, _ = sample_tables("S", fits, law_settings({"T_min_K": 2.4}))
    plot = rate_plot(results.points, results.curves, "T")
    assert plot is not None and rate_plot(results.points, results.curves, "H") is None
    texts = {t.key: t.marks[0].t for t in plot.traces}
    assert sorted(texts) == ["0", "1", "2", "3", "4"]  # spectrum 5 was not usable
    assert texts["0"].startswith("T = 2.00 K, H = 0 Oe; τ = ")
    assert "(error: spectrum fit, 1σ)" in texts["0"] and "not used" in texts["0"]
    assert texts["2"].endswith("used in the rate-law fit")
    assert [t.fill for t in plot.traces if t.key == "0"] == ["none"]
    law = results.parameters["law"].iloc[0]
    assert plot.lines[0].label == f"{law} (H = 0 Oe)" and not plot.lines[0].dash
    assert all(t.bars.startswith("M") for t in plot.traces)


def test_no_points_no_plots():
    assert sample_plots(None, None, None, "emu/mol") is None


def test_same_inputs_same_bytes_and_one_hashed_script(tmp_path):
    pages = []
    for name in ("a", "b"):
        out = _outputs()
        pages.append(write_report(tmp_path / name / "report.html", [(out, {"files": "x"})],
                                  {}).read_bytes())  # fmt: skip
    assert pages[0] == pages[1]
    page = pages[0].decode()
    assert page_problems(page) == []
    assert page.count("<script>") == 1 and SCRIPT in page
    assert "</script" not in SCRIPT and "<!--" not in SCRIPT
    # 3 plots of 6 spectra, 5 usable tau points, 6 key entries
    assert len(re.findall(r"<use href=\"#mk\d\" x=", page)) == 3 * 6 * N_FREQ + 5 + 6


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_strings_stay_text(tmp_path, payload):
    out = _outputs(sample=payload, text=payload)
    page = write_report(tmp_path / "report.html", [(out, {payload: payload})],
                        {payload: payload}).read_text()  # fmt: skip
    assert payload not in page and html.escape(payload) in page
    assert page_problems(page) == []
    assert page.count("<script") == 1
    # the flag reaches the hover text (escaped inside the attribute), the unit the axis labels
    assert f"usable ({html.escape(payload)})" in page
    assert f"χ′ (emu/mol {html.escape(payload)})" in page


def test_a_field_series_gets_tau_against_H():
    points, fits = synthetic()
    H = [0.0, 500.0, 1000.0, 2000.0, 3000.0, 4000.0]
    fits = fits.assign(T_K=2.0, H_Oe=H, usable=True, flags="")
    fits["rate_s-1"] = 100.0 + 0.5 * np.array(H)
    fits["tau_s"] = 1.0 / fits["rate_s-1"]
    fits, results, _ = sample_tables("S", fits, law_settings({}))
    plot = rate_plot(results.points, results.curves, "H")
    assert plot is not None and plot.name == "tau_vs_H" and plot.x_label == "|H| (Oe)"
    assert len(plot.traces) == 6 and "T = 2.00 K, H = 4000 Oe" in plot.traces[-1].marks[0].t
    plots = sample_plots(points, fits, results, "emu/mol")
    assert [p.name for p in plots["rates"]] == ["tau_vs_H"]
    assert [e.label for e in plots["key"]][-1] == "2.00 K, 4000 Oe"
