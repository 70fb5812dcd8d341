"""The Bokeh page of ``spinrelax app``: plots, tables and the controls that change the choices.

chi' and chi'' against f with the fits, Cole-Cole, tau against 1/T and against T with the law and
its terms; tables of the spectrum fits, the rate-law parameters and candidates, and the rows not
used (with the user's exclusions and their reasons). Tapping a point of chi' or chi'' excludes it (or
brings an excluded one back); the spectrum selector isolates one spectrum, which a button then
excludes. Every change refits through :class:`spinrelax.app.session.Session` and redraws; a
choice the fits refuse (e.g. a law at a bound) is undone and its message shown. Text from files
reaches the page only through Bokeh's escaped table cells and tooltips, or :func:`html.escape`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from bokeh.layouts import column, row
from bokeh.models import (
    Button,
    ColumnDataSource,
    DataTable,
    Div,
    HoverTool,
    Select,
    TableColumn,
    TapTool,
    TextInput,
)
from bokeh.palettes import Category10_10, Viridis256
from bokeh.plotting import figure

from spinrelax.acsus.fit_table import fitted_curves
from spinrelax.acsus.models import MODEL_NAMES
from spinrelax.acsus.packing import WEIGHTINGS
from spinrelax.app.session import Analysis, Session
from spinrelax.errors import SpinrelaxError
from spinrelax.rates.settings import parse_fixed

POINT_TIPS = [("T (K)", "@T_K{0.000}"), ("H (Oe)", "@H_Oe{0.0}"), ("f (Hz)", "@f_Hz{0.000}"),
              ("chi'", "@chi_real{0.0000e}"), ("chi''", "@chi_imag{0.0000e}"),
              ("state", "@state")]  # fmt: skip
FIT_COLUMNS = ["spectrum", "T_K", "H_Oe", "model", "tau_s", "tau_err_s", "alpha", "converged",
               "usable", "flags"]  # fmt: skip
PARAM_COLUMNS = ["series", "law", "parameter", "value", "err", "unit", "fixed", "flag"]
CANDIDATE_COLUMNS = ["series", "law", "n_params", "aicc", "delta_aicc", "status", "selected"]
REJECTED_COLUMNS = ["file", "line", "reason"]
TERM_COLORS = Category10_10[1:] + Category10_10[:1]


@dataclass(frozen=True)
class SavePaths:
    """Where "Save" writes: the settings file and the report folder (set on the command line)."""

    settings: Path
    report: Path


def _spectra(points: pd.DataFrame) -> pd.DataFrame:
    """Every read spectrum (used or excluded): file, spectrum in file, mean T and H, label."""
    spec = points.groupby(["file_index", "spectrum"], as_index=False, sort=True).agg(
        T_K=("T_K_spectrum", "first"), H_Oe=("H_Oe_spectrum", "first")
    )
    spec["label"] = [f"{i}: T = {t:.3f} K, H = {h:.1f} Oe"
                     for i, (t, h) in enumerate(zip(spec["T_K"], spec["H_Oe"], strict=True))]  # fmt: skip
    t = spec["T_K"].to_numpy()
    span = max(float(np.ptp(t)), 1e-9)
    spec["color"] = [Viridis256[int(round(220 * (v - t.min()) / span))] for v in t]
    return spec


def _table(columns: list[str], height: int = 220, width: int = 900) -> DataTable:
    cols = [TableColumn(field=c, title=c) for c in columns]
    return DataTable(source=ColumnDataSource({c: [] for c in columns}), columns=cols,
                     height=height, width=width, index_position=None)  # fmt: skip


def _data(frame: pd.DataFrame, columns: list[str]) -> dict:
    out = {}
    for c in columns:
        values = frame[c] if c in frame.columns else pd.Series([""] * len(frame))
        out[c] = [v if not (isinstance(v, float) and np.isnan(v)) else None for v in values]
    return out


class Page:
    """The widgets of one browser tab on one :class:`Session`."""

    def __init__(self, session: Session, paths: SavePaths):
        self.session = session
        self.paths = paths
        self.spectra = _spectra(session.points)
        self.analysis: Analysis | None = None
        self.points = ColumnDataSource(name="points_used")
        self.excluded = ColumnDataSource(name="points_excluded")
        self.curves = ColumnDataSource()
        self.rate_points = ColumnDataSource()
        self.rate_curves = {"total": ColumnDataSource()}
        self._syncing = False
        self.laws = _candidate_laws(session)
        self._build()
        self.refresh()

    # --- layout -----------------------------------------------------------------------------
    def _plot(self, name: str, title: str, x: str, y: str, **kw):
        p = figure(name=name, title=title, width=440, height=330, x_axis_label=x, y_axis_label=y,
                   tools="pan,wheel_zoom,box_zoom,reset,save", **kw)  # fmt: skip
        return p

    def _build(self) -> None:
        unit = str(self.session.points["chi_unit"].iloc[0])
        self.fig_re = self._plot("chi_real", "χ′ against f", "f (Hz)", f"χ′ ({unit})",
                                 x_axis_type="log")  # fmt: skip
        self.fig_im = self._plot("chi_imag", "χ″ against f", "f (Hz)", f"χ″ ({unit})",
                                 x_axis_type="log")  # fmt: skip
        self.fig_cc = self._plot("cole_cole", "Cole-Cole", f"χ′ ({unit})", f"χ″ ({unit})")
        self.fig_tau = self._plot("tau_vs_inverse_T", "τ against 1/T", "1/T (1/K)", "τ (s)",
                                  y_axis_type="log")  # fmt: skip
        for fig, y in ((self.fig_re, "chi_real"), (self.fig_im, "chi_imag")):
            fig.multi_line("xs", "ys_re" if y == "chi_real" else "ys_im", source=self.curves,
                           color="color", line_width=1.5)  # fmt: skip
            used = fig.scatter("f_Hz", y, source=self.points, color="color", size=7,
                               name=f"{y}_used")  # fmt: skip
            gone = fig.scatter("f_Hz", y, source=self.excluded, marker="x", color="grey",
                               size=9, line_width=2, name=f"{y}_excluded")  # fmt: skip
            fig.add_tools(HoverTool(renderers=[used, gone], tooltips=POINT_TIPS),
                          TapTool(renderers=[used, gone]))  # fmt: skip
        self.fig_cc.multi_line("ys_re", "ys_im", source=self.curves, color="color")
        cc = self.fig_cc.scatter("chi_real", "chi_imag", source=self.points, color="color", size=6)
        self.fig_cc.add_tools(HoverTool(renderers=[cc], tooltips=POINT_TIPS))
        self.fig_tau_T = self._plot("tau_vs_T", "τ against T", "T (K)", "τ (s)",
                                    x_axis_type="log", y_axis_type="log")  # fmt: skip
        self.tau_axes = ((self.fig_tau, "inv_T"), (self.fig_tau_T, "T_K"))
        for fig, x in self.tau_axes:
            tau = fig.scatter(x, "tau_s", source=self.rate_points, color="fill", size=8)
            fig.add_tools(HoverTool(renderers=[tau], tooltips=[
                ("T (K)", "@T_K{0.000}"), ("H (Oe)", "@H_Oe{0.0}"), ("τ (s)", "@tau_s{0.000e}"),
                ("used", "@used"), ("reason", "@reason")]))  # fmt: skip
            fig.line(x, "tau_s", source=self.rate_curves["total"], color="black", line_width=2,
                     legend_label="law")  # fmt: skip
        self.points.selected.on_change("indices", self._tap_used)
        self.excluded.selected.on_change("indices", self._tap_excluded)

        options = [
            ("all", "all spectra"),
            *[(str(i), s) for i, s in enumerate(self.spectra["label"])],
        ]
        self.select = Select(title="Spectrum", value="all", options=options, name="spectrum")
        self.select.on_change("value", lambda _a, _o, _n: self.redraw())
        self.reason = TextInput(title="Reason for the next exclusion", name="reason")
        self.toggle = Button(label="Exclude / restore this spectrum", name="toggle_spectrum")
        self.toggle.on_click(self._toggle_spectrum)
        self.model = Select(title="Spectrum model", value=self.session.choices.model,
                            options=[*MODEL_NAMES, "auto"], name="model")  # fmt: skip
        self.model.on_change("value", self._set_model)
        self.weighting = Select(title="Weighting", value=self.session.choices.weighting,
                                options=list(WEIGHTINGS), name="weighting")  # fmt: skip
        self.weighting.on_change("value", self._set_weighting)
        self.law = Select(title="Rate law tau(T)", name="law",
                          value=str(self.session.choices.rates.get("law", "auto")))  # fmt: skip
        self.law.on_change("value", lambda _a, _o, new: self._set_rates(law=new))
        self.t_min = TextInput(title="T min (K)", name="T_min_K", width=100,
                               value=str(self.session.choices.rates.get("T_min_K", "")))  # fmt: skip
        self.t_max = TextInput(title="T max (K)", name="T_max_K", width=100,
                               value=str(self.session.choices.rates.get("T_max_K", "")))  # fmt: skip
        self.t_min.on_change("value", lambda _a, _o, new: self._set_rates(T_min_K=new))
        self.t_max.on_change("value", lambda _a, _o, new: self._set_rates(T_max_K=new))
        self.fixed = TextInput(title="Fixed (e.g. n_raman=9)", name="fixed", width=180)
        self.fixed.on_change("value", lambda _a, _o, new: self._set_rates(fixed=new))
        self.save = Button(label="Save settings and report", button_type="success", name="save")
        self.save.on_click(self._save)
        self.status = Div(name="status", width=900)
        where = Div(text=f"<b>{html.escape(self.session.sample)}</b>: "
                    f"{html.escape(', '.join(self.session.files))}; Save writes "
                    f"{html.escape(str(self.paths.settings))} and "
                    f"{html.escape(str(self.paths.report))}/", width=900)  # fmt: skip
        self.t_fits = _table(FIT_COLUMNS)
        self.t_params = _table(PARAM_COLUMNS)
        self.t_cand = _table(CANDIDATE_COLUMNS, height=160)
        self.t_rejected = _table(REJECTED_COLUMNS, height=160)
        self.t_fits.name, self.t_params.name = "fits_table", "parameters_table"
        self.t_cand.name, self.t_rejected.name = "candidates_table", "rejected_table"
        self.layout = column(
            where,
            row(self.select, self.reason, self.toggle),
            row(self.model, self.weighting, self.law, self.t_min, self.t_max, self.fixed, self.save),
            self.status,
            row(self.fig_re, self.fig_im),
            row(self.fig_cc, self.fig_tau),
            row(self.fig_tau_T),
            Div(text="<h3>Spectrum fits</h3>"), self.t_fits,
            Div(text="<h3>Rate-law parameters</h3>"), self.t_params,
            Div(text="<h3>Rate-law candidates</h3>"), self.t_cand,
            Div(text="<h3>Rows not used (file, line, reason)</h3>"), self.t_rejected,
        )  # fmt: skip

    # --- choices ----------------------------------------------------------------------------
    def _change(self, apply) -> None:
        """Apply a change of the choices and refit; undo it when the fits refuse it."""
        if self._syncing:
            return
        before = self.session.choices
        try:
            apply()
            self.refresh()
        except (SpinrelaxError, ValueError) as exc:
            self.session.choices = before
            self._sync_widgets()
            self.status.text = f"<b>not applied</b>: {html.escape(str(exc))}"

    def _sync_widgets(self) -> None:
        """Show the session's choices in the controls (after an undone change)."""
        rates = self.session.choices.rates
        self._syncing = True
        try:
            self.model.value = self.session.choices.model
            self.weighting.value = self.session.choices.weighting
            self.law.value = str(rates.get("law", "auto"))
            self.t_min.value = str(rates.get("T_min_K", ""))
            self.t_max.value = str(rates.get("T_max_K", ""))
            fixed = rates.get("fixed") or {}
            self.fixed.value = ",".join(f"{k}={v:g}" for k, v in parse_fixed(fixed).items())
        finally:
            self._syncing = False

    def _tap(self, source: ColumnDataSource, indices: list[int]) -> None:
        if not indices:
            return
        d = source.data
        taps = [(d["T_K"][i], d["H_Oe"][i], d["f_Hz"][i]) for i in indices]
        source.selected.indices = []
        reason = self.reason.value.strip()

        def apply():
            for t, h, f in taps:
                self.session.toggle_point(float(t), float(h), float(f), reason)

        self._change(apply)

    def _tap_used(self, _attr, _old, new) -> None:
        self._tap(self.points, new)

    def _tap_excluded(self, _attr, _old, new) -> None:
        self._tap(self.excluded, new)

    def _toggle_spectrum(self) -> None:
        if self.select.value == "all":
            self.status.text = "choose one spectrum first"
            return
        spec = self.spectra.iloc[int(self.select.value)]
        reason = self.reason.value.strip()
        self._change(lambda: self.session.toggle_spectrum(
            float(spec["T_K"]), float(spec["H_Oe"]), reason))  # fmt: skip

    def _set_model(self, _attr, _old, new) -> None:
        from dataclasses import replace

        self._change(lambda: setattr(self.session, "choices", replace(self.session.choices,
                                                                      model=new)))  # fmt: skip

    def _set_weighting(self, _attr, _old, new) -> None:
        from dataclasses import replace

        self._change(lambda: setattr(self.session, "choices", replace(self.session.choices,
                                                                      weighting=new)))  # fmt: skip

    def _set_rates(self, **texts: str) -> None:
        """Rate-law keys from the widgets' text (numbers, ``n_raman=9``, a law name)."""

        def apply():
            values = {}
            for key, text in texts.items():
                text = text.strip()
                if key in ("T_min_K", "T_max_K"):
                    values[key] = float(text) if text else None
                elif key == "fixed":
                    values[key] = parse_fixed(text) if text else None
                else:
                    values[key] = text
            self.session.set_rates(**values)

        self._change(apply)

    def _save(self) -> None:
        code = self.session.save(self.paths.settings, self.paths.report)
        self.status.text = html.escape(
            f"saved {self.paths.settings} and {self.paths.report}/"
            if code == 0 else f"report failed (exit {code})"
        )  # fmt: skip

    # --- drawing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Refit under the current choices and redraw everything."""
        self.analysis = self.session.analyse()
        a = self.analysis
        self.laws = sorted({*self.laws, *a.results.candidates.get("law", [])})
        self.law.options = ["auto", *self.laws]
        self.t_fits.source.data = _data(a.fits, FIT_COLUMNS)
        self.t_params.source.data = _data(a.results.parameters, PARAM_COLUMNS)
        self.t_cand.source.data = _data(a.results.candidates, CANDIDATE_COLUMNS)
        self.t_rejected.source.data = _data(a.rejected, REJECTED_COLUMNS)
        self._draw_rates()
        self.redraw()
        n_sp = len(self.session.choices.exclude_spectra)
        n_pt = len(self.session.choices.exclude_points)
        self.status.text = html.escape(
            f"{len(a.fits)} spectra fitted; excluded by you: {n_sp} spectra, {n_pt} points"
        )

    def _visible(self, frame: pd.DataFrame) -> pd.Series:
        if self.select.value == "all":
            return pd.Series(True, index=frame.index)
        spec = self.spectra.iloc[int(self.select.value)]
        return (frame["file_index"] == spec["file_index"]) & (
            frame["spectrum_in_file"] == spec["spectrum"]
        )

    def redraw(self) -> None:
        """Points, fits and Cole-Cole of the visible spectra."""
        raw = self.session.points.rename(columns={"spectrum": "spectrum_in_file"})
        raw = raw.merge(self.spectra[["file_index", "spectrum", "color"]].rename(
            columns={"spectrum": "spectrum_in_file"}), on=["file_index", "spectrum_in_file"])  # fmt: skip
        used = set(zip(self.analysis.points["file"], self.analysis.points["line"], strict=True))
        is_used = np.array([k in used for k in zip(raw["file"], raw["line"], strict=True)])
        raw = raw.assign(state=np.where(is_used, "used", "excluded"))
        raw = raw.loc[self._visible(raw)]
        cols = ["T_K", "H_Oe", "f_Hz", "chi_real", "chi_imag", "color", "state"]
        raw = raw.rename(columns={"freq_Hz": "f_Hz"})
        self.points.data = {c: raw.loc[raw["state"] == "used", c].to_list() for c in cols}
        self.excluded.data = {c: raw.loc[raw["state"] != "used", c].to_list() for c in cols}
        self._draw_curves()

    def _draw_curves(self) -> None:
        a = self.analysis
        pts = a.points.merge(a.fits[["spectrum"]], on="spectrum")
        shown = self.spectra
        if self.select.value != "all":
            shown = self.spectra.iloc[[int(self.select.value)]]
        colour = {(r.T_K, r.H_Oe): r.color for r in shown.itertuples()}
        # each fit's spectrum by its points' unrounded mean T and H (the fit table's are rounded)
        per = pts.groupby("spectrum").agg(
            T=("T_K_spectrum", "first"), H=("H_Oe_spectrum", "first"),
            f_lo=("freq_Hz", "min"), f_hi=("freq_Hz", "max"),
        )  # fmt: skip
        fits = a.fits.loc[a.fits["spectrum"].isin(per.index) & np.isfinite(a.fits["tau_s"])]
        per = per.loc[fits["spectrum"]]
        colors = [colour.get(k) for k in zip(per["T"], per["H"], strict=True)]
        keep = np.array([c is not None for c in colors], dtype=bool)
        fits, per = fits.loc[keep].reset_index(drop=True), per.loc[keep]
        grid = np.geomspace(per["f_lo"].to_numpy(), per["f_hi"].to_numpy(), 120, axis=-1)
        r, m = fitted_curves(fits, grid)
        xs, re_, im_ = grid.tolist(), r.tolist(), m.tolist()
        colors = [c for c in colors if c is not None]
        self.curves.data = {"xs": xs, "ys_re": re_, "ys_im": im_, "color": colors}

    def _draw_rates(self) -> None:
        pts = self.analysis.results.points
        pts = pts.loc[pts["series"] == "T"] if len(pts) else pts
        used = pts["used"].astype(bool).to_numpy() if len(pts) else np.array([], bool)
        self.rate_points.data = {
            "inv_T": (1.0 / pts["T_K"]).to_list(), "T_K": pts["T_K"].to_list(),
            "H_Oe": pts["H_Oe"].to_list(), "tau_s": (1.0 / pts["rate_s-1"]).to_list(),
            "used": [str(u) for u in used], "reason": pts["reason"].fillna("").astype(str).to_list(),
            "fill": ["navy" if u else "lightgrey" for u in used],
        }  # fmt: skip
        curves = self.analysis.results.curves
        curves = curves.loc[curves["series"] == "T"] if len(curves) else curves
        terms = [c for c in curves.columns if c.startswith("rate_") and c != "rate_s-1"]
        for name in terms:
            if name not in self.rate_curves:
                self.rate_curves[name] = ColumnDataSource()
                for fig, x in self.tau_axes:
                    fig.line(x, "tau_s", source=self.rate_curves[name], line_dash="dashed",
                             color=TERM_COLORS[(len(self.rate_curves) - 2) % 10],
                             legend_label=name[5:-4])  # fmt: skip
        for name, source in self.rate_curves.items():
            col = "rate_s-1" if name == "total" else name
            if col in curves.columns and len(curves):
                source.data = {"inv_T": (1.0 / curves["T_K"]).to_list(),
                               "T_K": curves["T_K"].to_list(),
                               "tau_s": (1.0 / curves[col]).to_list()}  # fmt: skip
            else:
                source.data = {"inv_T": [], "T_K": [], "tau_s": []}


def _candidate_laws(session: Session) -> list[str]:
    """The candidate tau(T)/tau(H) laws of the sample (those compared under ``law: auto``)."""
    from dataclasses import replace

    rates = {k: v for k, v in session.choices.rates.items() if k not in ("law", "field_law")}
    probe = replace(session, choices=replace(session.choices, rates=rates))
    try:
        return sorted(set(probe.analyse().results.candidates.get("law", [])))
    except (SpinrelaxError, ValueError):
        return []
