"""The report's interactive plots: chi'(f) and chi''(f) with the fits, Cole-Cole, and tau against
1/T (and against H), as inline SVG drawn from the sample's tables (``templates/interactive.html.j2``
writes the markup, ``templates/interactive.js`` hovers and isolates).

Plain data only: every coordinate and value is a string with fixed formatting
(:mod:`spinrelax.sample_report.svg_axes`, ``.4g`` for values), nothing random, no time stamp, so
the same tables give the same bytes; every string goes through the template's escaping. The
data are attributes: each point of chi'(f) carries its values (``data-v``: f, chi', chi''; the
chi'' and Cole-Cole plots hold the same points in the same order, so the script reads theirs
there and the page stays small), each tau point its text (``data-t``), each spectrum's key entry
its temperature, field and fit (``data-s``); ``data-k`` (the spectrum id) links a spectrum's
points, fit line, tau point and key entry for isolation.

Styles follow the static figures (:mod:`spinrelax.figures.own_data_spectra`,
:mod:`spinrelax.figures.own_data_rates`), which stay the paper figures: colour by temperature
(dark = cold, a map that reads in greyscale) and a marker shape that changes from spectrum to
spectrum; usable but flagged fits dash-dot, fits not usable grey with open markers and dashed
lines; tau points not used in the rate-law fit open grey. Error bars of tau are the spectrum
fit's 1-sigma error, tau exp(+-sigma_ln_fit), as in the static figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize, to_hex

from spinrelax.acsus.fit_table import fitted_curves
from spinrelax.figures.style import CMAP_RANGE
from spinrelax.io.unit_text import unit_unicode
from spinrelax.rates.analysis import RateResults
from spinrelax.rates.si_table import format_value
from spinrelax.sample_report.svg_axes import Axis, limits, px_text

#: Marker shapes in the page's ``<defs>`` (``mk0`` ...), in the order of the static figures'
#: ``MARKERS`` (o s ^ D v P X < >).
N_MARKERS = 9
GREY = "#8c8c8c"
#: SVG dash patterns: flagged fits (dash-dot), fits not usable (dashed), law terms.
DASH_FLAGGED, DASH_UNUSABLE = "6 2 1.5 2", "4 3"
_TERM_DASHES = ("5 3", "1.5 2", "6 2 1.5 2", "8 2 1.5 2 1.5 2", "1.5 4")
#: Plot box and margins (left, right, top, bottom), px.
WIDTH, HEIGHT = 440, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 62, 10, 8, 38
#: Points of a fit line over a spectrum's frequency window.
N_GRID = 32
_TAB10 = [to_hex(c) for c in plt.cm.tab10(np.arange(10))]


@dataclass(frozen=True)
class Mark:
    """A marker at pixel (x, y) with its values: ``v`` (``f chi' chi''``) or ``t`` (text)."""

    x: str
    y: str
    v: str = ""
    t: str = ""


@dataclass(frozen=True)
class Trace:
    """One spectrum (or one tau point) in one plot: its key, style, markers, fit line and
    error bars (SVG path data)."""

    key: str
    colour: str
    fill: str
    marker: int
    marks: list[Mark]
    line: str = ""
    dash: str = ""
    bars: str = ""


@dataclass(frozen=True)
class Line:
    """A curve that belongs to no spectrum (a rate law or one of its terms) and its key text."""

    d: str
    colour: str
    dash: str
    label: str


@dataclass(frozen=True)
class Plot:
    """One SVG plot: box, frame, ticks, labels, traces and extra lines."""

    name: str
    title: str
    width: int
    height: int
    frame: dict[str, str]
    x_label: str
    y_label: str
    x_ticks: list[tuple[str, str]]
    y_ticks: list[tuple[str, str]]
    traces: list[Trace]
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    """A spectrum's entry in the key (a button that isolates it) and the text of its fit."""

    key: str
    colour: str
    fill: str
    marker: int
    label: str
    summary: str


def _path(x: np.ndarray, y: np.ndarray) -> str:
    """SVG path data through the finite (x, y) pixels: each run of finite points (of two or
    more) starts absolute, then steps relative between the rounded positions (short, and no
    rounding error adds up)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for a, b in zip(x, y, strict=True):
        if math.isfinite(a) and math.isfinite(b):
            runs[-1].append((round(float(a), 1), round(float(b), 1)))
        elif runs[-1]:
            runs.append([])
    parts = []
    for run in (r for r in runs if len(r) > 1):
        steps = (f"{px_text(b[0] - a[0])} {px_text(b[1] - a[1])}"
                 for a, b in zip(run[:-1], run[1:], strict=True))  # fmt: skip
        parts.append(f"M{px_text(run[0][0])} {px_text(run[0][1])}l" + " ".join(steps))
    return "".join(parts)


def _value(v: float) -> str:
    return f"{v:.4g}"


def _frame(width: int, height: int) -> dict[str, str]:
    """Pixel edges of the drawing area and the places of the tick labels and axis labels."""
    left, top, right, bottom = _LEFT, _TOP, width - _RIGHT, height - _BOTTOM
    return {"l": str(left), "t": str(top), "r": str(right), "b": str(bottom),
            "w": str(right - left), "h": str(bottom - top), "xt": str(bottom + 14),
            "yt": str(left - 4), "xl": px_text((left + right) / 2), "xly": str(height - 6),
            "yl": px_text((top + bottom) / 2)}  # fmt: skip


def _axes(x: Axis, y: Axis, x_label: str, y_label: str):
    """(x ticks, y ticks, x label, y label) with the common factors in the labels."""
    x_ticks, x_factor = x.ticks()
    y_ticks, y_factor = y.ticks()
    return x_ticks, y_ticks, _label(x_label, x_factor), _label(y_label, y_factor)


def _label(label: str, factor: str) -> str:
    if not factor:
        return label
    name, _, unit = label.partition(" (")
    return f"{name} ({factor}{' ' + unit[:-1] if unit else ''})"


def _oe(H: float) -> str:
    """A field to the oersted (``0``, never ``-0``; ``n/a`` when missing)."""
    return f"{round(H) + 0:d}" if math.isfinite(H) else "n/a"


def _where(T: float, H: float) -> str:
    return f"T = {T:.2f} K, H = {_oe(H)} Oe"


def _spectrum_text(fit: pd.Series) -> str:
    """``T = 5.00 K, H = 0 Oe; generalized_debye: τ = 2.010(27)×10⁻⁴ s, α = 0.120(13); usable``."""
    parts = []
    for symbol, name, unit in (("τ", "tau_s", " s"), ("α", "alpha", ""), ("γ", "gamma", ""),
                               ("τ₂", "tau2_s", " s"), ("α₂", "alpha2", "")):  # fmt: skip
        value = float(fit.get(name, np.nan))
        if math.isfinite(value):
            err = float(fit.get(name.replace("_s", "") + "_err" + ("_s" if unit else ""), np.nan))
            parts.append(f"{symbol} = {format_value(value, err)}{unit}")
    flags = str(fit["flags"]) if str(fit["flags"]) not in ("", "nan") else ""
    state = "usable" if bool(fit["usable"]) else "not usable"
    state += f" ({flags.replace(';', ', ')})" if flags else ""
    fitted = ", ".join(parts) if parts else "no fitted values"
    return f"{_where(fit['T_K'], fit['H_Oe'])}; {fit.get('model', 'fit')}: {fitted}; {state}"


def _styles(fits: pd.DataFrame) -> dict[object, tuple[str, str, int, str]]:
    """Per spectrum key: (stroke colour, fill, marker, line dash), in temperature order."""
    T = fits["T_K"].to_numpy(dtype=float)
    lo, hi = (np.nanmin(T), np.nanmax(T)) if np.isfinite(T).any() else (0.0, 1.0)
    norm = Normalize(lo, hi if hi > lo else lo + 1.0)
    span = CMAP_RANGE[0], CMAP_RANGE[1] - CMAP_RANGE[0]
    styles = {}
    for i, (_, fit) in enumerate(fits.sort_values("T_K", kind="stable").iterrows()):
        if not bool(fit["usable"]):
            styles[fit["spectrum"]] = (GREY, "none", i % N_MARKERS, DASH_UNUSABLE)
            continue
        colour = to_hex(plt.cm.viridis(span[0] + span[1] * float(norm(fit["T_K"]))))
        flagged = str(fit["flags"]) not in ("", "nan")
        styles[fit["spectrum"]] = (colour, colour, i % N_MARKERS, DASH_FLAGGED if flagged else "")
    return styles


def _fit_lines(points: pd.DataFrame, fits: pd.DataFrame) -> dict[object, tuple[np.ndarray, ...]]:
    """Per spectrum key: (freq grid, chi' fit, chi'' fit) over the measured window."""
    out = {}
    for i, (_, fit) in enumerate(fits.iterrows()):
        f = points.loc[points["spectrum"] == fit["spectrum"], "freq_Hz"]
        if f.empty or not np.isfinite(float(fit.get("tau_s", np.nan))):
            continue
        grid = np.geomspace(f.min(), f.max(), N_GRID)
        re, im = fitted_curves(fits.iloc[[i]].reset_index(drop=True), grid)
        out[fit["spectrum"]] = (grid, re[0], im[0])
    return out


def _cole_cole_box(re: np.ndarray, im: np.ndarray) -> tuple[Axis, Axis, int]:
    """Equal scales for chi' and chi'' (an arc's shape is read off the plot): (x, y, height)."""
    x_lo, x_hi = limits(re, False)
    y_lo, y_hi = limits(np.append(im, 0.0), False)
    inner_w = WIDTH - _LEFT - _RIGHT
    k = inner_w / (x_hi - x_lo)
    inner_h = (y_hi - y_lo) * k
    if inner_h > 360:  # tall: fit the height, widen chi' about its middle
        k = 360 / (y_hi - y_lo)
        mid, half = (x_lo + x_hi) / 2, inner_w / k / 2
        x_lo, x_hi, inner_h = mid - half, mid + half, 360
    elif inner_h < 120:  # flat: give chi'' room above
        y_hi, inner_h = y_lo + 120 / k, 120
    height = round(inner_h) + _TOP + _BOTTOM
    bottom = height - _BOTTOM
    return Axis(x_lo, x_hi, _LEFT, WIDTH - _RIGHT), Axis(y_lo, y_hi, bottom, _TOP), height


def spectrum_plots(
    points: pd.DataFrame, fits: pd.DataFrame, chi_unit: str
) -> tuple[list[Plot], list[Entry]]:
    """(chi'(f), chi''(f) and Cole-Cole plots, key entries) of the spectra of ``fits`` (one row
    per spectrum: ``spectrum``, ``T_K``, ``H_Oe``, ``usable``, ``flags`` and the fit columns)
    and their ``points`` (``spectrum``, ``freq_Hz``, ``chi_real``, ``chi_imag``)."""
    fits = fits.sort_values("T_K", kind="stable")
    styles, lines = _styles(fits), _fit_lines(points, fits)
    pts = points.loc[points["spectrum"].isin(fits["spectrum"])]
    unit = f" ({unit_unicode(chi_unit)})" if chi_unit else ""
    f_axis = Axis(*limits(pts["freq_Hz"], True), _LEFT, WIDTH - _RIGHT, log=True)
    bottom = HEIGHT - _BOTTOM
    chi_axes = {c: Axis(*limits(pts[c], False), bottom, _TOP) for c in ("chi_real", "chi_imag")}
    cc_x, cc_y, cc_height = _cole_cole_box(pts["chi_real"].to_numpy(), pts["chi_imag"].to_numpy())
    one_field = fits["H_Oe"].round(0).nunique() <= 1
    traces: dict[str, list[Trace]] = {"chi_real": [], "chi_imag": [], "cole_cole": []}
    entries = []
    for _, fit in fits.iterrows():
        key = fit["spectrum"]
        colour, fill, marker, dash = styles[key]
        rows = pts.loc[pts["spectrum"] == key].sort_values("freq_Hz", kind="stable")
        rows = rows.loc[
            np.isfinite(rows[["freq_Hz", "chi_real", "chi_imag"]]).all(axis=1)
            & (rows["freq_Hz"] > 0)
        ]  # the same points in every plot, in one order
        f, re, im = (rows[c].to_numpy(dtype=float) for c in ("freq_Hz", "chi_real", "chi_imag"))
        values = [f"{_value(a)} {_value(b)} {_value(c)}" for a, b, c in zip(f, re, im, strict=True)]
        grid, fre, fim = lines.get(key, (np.array([]),) * 3)
        summary = _spectrum_text(fit)
        for name, (xs, ys, xa, ya, lx, ly) in {
            "chi_real": (f, re, f_axis, chi_axes["chi_real"], grid, fre),
            "chi_imag": (f, im, f_axis, chi_axes["chi_imag"], grid, fim),
            "cole_cole": (re, im, cc_x, cc_y, fre, fim),
        }.items():
            px, py = xa.px(xs), ya.px(ys)
            marks = [Mark(px_text(a), px_text(b), v=v if name == "chi_real" else "")
                     for a, b, v in zip(px, py, values, strict=True)]  # fmt: skip
            traces[name].append(Trace(str(key), colour, fill, marker, marks,
                                      line=_path(xa.px(lx), ya.px(ly)), dash=dash))  # fmt: skip
        where = f"{fit['T_K']:.2f} K" + ("" if one_field else f", {_oe(fit['H_Oe'])} Oe")
        entries.append(Entry(str(key), colour, fill, marker, where, summary))
    plots = []
    for name, title, y_label in (("chi_real", "χ′ against f", "χ′"),
                                 ("chi_imag", "χ″ against f", "χ″")):  # fmt: skip
        xt, yt, xl, yl = _axes(f_axis, chi_axes[name], "f (Hz)", y_label + unit)
        plots.append(Plot(name, title, WIDTH, HEIGHT, _frame(WIDTH, HEIGHT), xl, yl, xt, yt,
                          traces[name]))  # fmt: skip
    xt, yt, xl, yl = _axes(cc_x, cc_y, "χ′" + unit, "χ″" + unit)
    plots.append(Plot("cole_cole", "Cole-Cole plot (equal axes)", WIDTH, cc_height,
                      _frame(WIDTH, cc_height), xl, yl, xt, yt, traces["cole_cole"]))  # fmt: skip
    return plots, entries


def _tau_text(row, variable: str) -> str:
    """Hover text of a tau point: where, tau with its fit error, used or why not."""
    tau = 1.0 / float(row["rate_s-1"])
    err = tau * float(row["sigma_ln_fit"]) if math.isfinite(float(row["sigma_ln_fit"])) else np.nan
    proc = f", process {int(row['process'])}" if int(row["process"]) > 1 else ""
    used = "used in the rate-law fit" if bool(row["used"]) else "not used"
    reason = str(row["reason"]) if str(row["reason"]) not in ("", "nan") else ""
    used += f": {reason}" if reason and not bool(row["used"]) else ""
    return (f"{_where(row['T_K'], row['H_Oe'])}{proc}; τ = {format_value(tau, err)} s "
            f"(error: spectrum fit, 1σ); {used}")  # fmt: skip


def _series_label(first, variable: str) -> str:
    at = f"H = {first['at_H_Oe']:.0f} Oe" if variable == "T" else f"T = {first['at_T_K']:.3g} K"
    return at + (f", process {int(first['process'])}" if int(first["process"]) > 1 else "")


def rate_plot(points: pd.DataFrame, curves: pd.DataFrame, variable: str) -> Plot | None:
    """tau (log) against 1/T (``variable`` ``"T"``) or against |H| (``"H"``) with the chosen law
    and its terms; ``None`` without points of that series."""
    sel = points.loc[points["series"] == variable] if len(points) else points
    if sel.empty:
        return None
    x_of = ((lambda d: 1.0 / d["T_K"].to_numpy(dtype=float)) if variable == "T"
            else (lambda d: d["H_Oe"].abs().to_numpy(dtype=float)))  # fmt: skip
    tau = 1.0 / sel["rate_s-1"].to_numpy(dtype=float)
    x_axis = Axis(*limits(x_of(sel), False), _LEFT, WIDTH - _RIGHT)
    finite = tau[np.isfinite(tau) & (tau > 0)]
    y_lo, y_hi = (finite.min() / 5.0, finite.max() * 5.0) if finite.size else (1e-6, 1.0)
    y_axis = Axis(y_lo, y_hi, HEIGHT - _BOTTOM, _TOP, log=True)
    keys = ["process", "at_T_K", "at_H_Oe"]
    traces, lines = [], []
    for i, (_, rows) in enumerate(sel.groupby(keys, dropna=False, sort=True)):
        first = rows.iloc[0]
        colour = _TAB10[i % 10]
        marker = (i + 4 * (int(first["process"]) - 1)) % N_MARKERS
        x, t = x_axis.px(x_of(rows)), 1.0 / rows["rate_s-1"].to_numpy(dtype=float)
        err = np.nan_to_num(rows["sigma_ln_fit"].to_numpy(dtype=float))
        y, y_lo_px, y_hi_px = (y_axis.px(t * s) for s in (1.0, np.exp(-err), np.exp(err)))
        for (_, row), a, b, b0, b1 in zip(rows.iterrows(), x, y, y_lo_px, y_hi_px, strict=True):
            if not (math.isfinite(a) and math.isfinite(b)):
                continue
            used = bool(row["used"])
            traces.append(Trace(str(row["spectrum"]), colour if used else GREY,
                                colour if used else "none", marker,
                                [Mark(px_text(a), px_text(b), t=_tau_text(row, variable))],
                                bars=f"M{px_text(a)} {px_text(b0)}V{px_text(b1)}"))  # fmt: skip
        match = np.ones(len(curves), dtype=bool)
        for k in keys:
            c, v = curves[k].to_numpy(dtype=float), float(first[k])
            match &= np.isclose(c, v) | (np.isnan(c) & np.isnan(v))
        curve = curves.loc[match & (curves["series"] == variable)] if len(curves) else curves
        if curve.empty:
            continue
        law, xc = str(curve["law"].iloc[0]), x_axis.px(x_of(curve))
        label = _series_label(first, variable)
        lines.append(Line(_path(xc, y_axis.px(1.0 / curve["rate_s-1"].to_numpy(float))), colour,
                          "", f"{law} ({label})"))  # fmt: skip
        terms = law.split("+")
        for j, term in enumerate(terms if len(terms) > 1 else []):
            rate = curve[f"rate_{term}_s-1"].to_numpy(dtype=float)
            with np.errstate(divide="ignore"):
                lines.append(Line(_path(xc, y_axis.px(1.0 / rate)), colour,
                                  _TERM_DASHES[j % len(_TERM_DASHES)], f"{term} term"))  # fmt: skip
    x_label = "1/T (K⁻¹)" if variable == "T" else "|H| (Oe)"
    xt, yt, xl, yl = _axes(x_axis, y_axis, x_label, "τ (s)")
    title = "τ against 1/T" if variable == "T" else "τ against H"
    return Plot(f"tau_vs_{'inverse_T' if variable == 'T' else 'H'}", title, WIDTH, HEIGHT,
                _frame(WIDTH, HEIGHT), xl, yl, xt, yt, traces, lines)  # fmt: skip


def sample_plots(
    points: pd.DataFrame | None,
    fits: pd.DataFrame | None,
    results: RateResults | None,
    chi_unit: str,
) -> dict[str, object] | None:
    """The interactive plots of one sample for the template (``None`` without points):
    ``unit`` (of chi, for the hover text), ``spectra`` (plots), ``key`` (entries), ``rates``
    (plots)."""
    if points is None or fits is None or points.empty or fits.empty:
        return None
    spectra, entries = spectrum_plots(points, fits, chi_unit)
    rates = []
    if results is not None:
        for variable in ("T", "H"):
            plot = rate_plot(results.points, results.curves, variable)
            if plot is not None:
                rates.append(plot)
    return {"unit": unit_unicode(chi_unit), "spectra": spectra, "key": entries, "rates": rates}
