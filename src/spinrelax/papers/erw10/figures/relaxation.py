"""Paper 1, Fig. 3 bottom (tau^-1 vs T for every sample with the standard-theory line and T_N)
and Fig. 4 (tau^-1 at 2 K vs x with the power-law fit; vs H with the detuning model)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from spinrelax.figures.style import apply_style
from spinrelax.papers.erw10.relaxation.rates_table import is_enriched
from spinrelax.papers.erw10.relaxation.tunnelling import detuning_factor


def _param(parameters: pd.DataFrame, sample: str, name: str, method_prefix: str = "") -> pd.Series:
    rows = parameters.loc[
        (parameters["sample"] == sample)
        & (parameters["parameter"] == name)
        & parameters["method"].str.startswith(method_prefix)
    ]
    return rows.iloc[0] if len(rows) else pd.Series({"value": np.nan, "method": ""})


def _label(row: pd.Series) -> str:
    iso = "167Er" if "167" in str(row["isotope"]) else ""
    return f"{row['sample']} (x = {row['x_Er']:g}{' ' + iso if iso else ''})"


def fig3_bottom(
    rates: pd.DataFrame,
    line: pd.DataFrame,
    tunnelling: pd.DataFrame,
    zero_field_max_Oe: float = 1.0,
) -> plt.Figure:
    """tau^-1 vs T at zero field; excluded rows as grey crosses; model lines; T_N."""
    apply_style()
    fig, ax = plt.subplots(figsize=(4.2, 3.4))
    zero = rates.loc[rates["H_Oe"].abs() <= zero_field_max_Oe]
    good = zero.loc[zero["usable"]]
    groups = list(good.groupby(["x_Er", "isotope", "sample"], sort=True))
    colours = plt.cm.viridis(np.linspace(0, 0.9, max(len(groups), 1)))
    for (key, data), colour in zip(groups, colours, strict=False):
        row = data.iloc[0]
        marker = "s" if is_enriched(pd.Series([key[1]])).iloc[0] else "o"
        err = data["rate_err_s-1"].to_numpy()
        ax.errorbar(
            data["T_K"],
            data["rate_s-1"],
            yerr=np.where(np.isfinite(err), err, 0),
            fmt=marker,
            ms=3.5,
            color=colour,
            mfc="none" if marker == "s" else colour,
            lw=0.8,
            label=_label(row),
        )
    bad = zero.loc[~zero["usable"] & np.isfinite(zero["rate_s-1"]) & (zero["rate_s-1"] > 0)]
    if len(bad):
        ax.plot(bad["T_K"], bad["rate_s-1"], "x", color="0.6", ms=4, label="excluded (QC)")
    ax.plot(
        line["T_K"],
        line["rate_fitted_B44_s-1"],
        "-",
        color="k",
        lw=1.0,
        label="standard theory (fitted B44)",
    )
    ax.plot(
        line["T_K"],
        line["rate_paper_B44_s-1"],
        "--",
        color="0.4",
        lw=0.8,
        label="standard theory (paper B44)",
    )
    T_N = float(tunnelling.loc[tunnelling["quantity"] == "T_N_K", "value"].iloc[0])
    ax.axvline(T_N, color="tab:red", lw=0.8, ls=":", label=f"T_N = {1e3 * T_N:.0f} mK")
    ax.set_xscale("log")
    ax.set_yscale("log")
    rmin = good["rate_s-1"].min() if len(good) else 1e-3
    rmax = good["rate_s-1"].max() if len(good) else 1e6
    ax.set_ylim(rmin / 30, rmax * 3e3)
    ax.set_xlabel("T (K)")
    ax.set_ylabel(r"$\tau^{-1}$ (s$^{-1}$)")
    ax.legend(loc="upper left", ncol=2, frameon=False, fontsize=5.5)
    return fig


def fig4(
    x_points: pd.DataFrame,
    field_points: pd.DataFrame,
    parameters: pd.DataFrame,
    zero_field_max_Oe: float = 1.0,
) -> plt.Figure:
    """(a) 2 K rate vs x with the power-law fit; (b) 2 K rate vs H with the detuning model."""
    apply_style()
    fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(6.6, 3.0))
    nat = x_points.loc[~is_enriched(x_points["isotope"])]
    enr = x_points.loc[is_enriched(x_points["isotope"])]
    ax_a.errorbar(
        nat["x_Er"],
        nat["rate_s-1"],
        yerr=nat["rate_err_s-1"],
        fmt="o",
        ms=4,
        color="tab:blue",
        label="Er$_x$Y$_{1-x}$W$_{10}$",
    )
    if len(enr):
        ax_a.errorbar(
            enr["x_Er"],
            enr["rate_s-1"],
            yerr=enr["rate_err_s-1"],
            fmt="s",
            ms=4,
            mfc="none",
            color="tab:orange",
            label="$^{167}$ErW$_{10}$",
        )
    n = _param(parameters, "all", "x_exponent")
    a = _param(parameters, "all", "x_prefactor_s-1")
    if np.isfinite(n["value"]) and len(nat):
        xs = np.geomspace(nat["x_Er"].min() / 1.5, 1.0, 100)
        ax_a.plot(
            xs,
            a["value"] * xs ** n["value"],
            "k-",
            lw=1,
            label=rf"fit $\propto x^{{{n['value']:.3g}}}$ ($\pm${n['err']:.2g})",
        )
    ax_a.set_xscale("log")
    ax_a.set_yscale("log")
    ax_a.set_xlabel("x")
    ax_a.set_ylabel(r"$\tau^{-1}$ at 2 K (s$^{-1}$)")
    ax_a.set_title("(a) H = 0", fontsize=9)
    ax_a.legend(frameon=False)
    for sample, data in field_points.groupby("sample", sort=True):
        fits = parameters.loc[parameters["sample"] == sample]
        rate0 = fits.loc[fits["parameter"] == "field_rate0_s-1"]
        if rate0.empty:
            continue
        angle = (
            float(data["easy_axis_angle_deg"].fillna(0.0).iloc[0])
            if "easy_axis_angle_deg" in data
            else 0.0
        )
        points = ax_b.errorbar(
            data["H_Oe"],
            data["rate_s-1"],
            yerr=data["rate_err_s-1"],
            fmt="o",
            ms=4,
            label=f"{sample} (x = {data['x_Er'].iloc[0]:g})",
        )
        hs = np.linspace(0, data["H_Oe"].max() * 1.05, 200)
        for (_, r0), style in zip(rate0.iterrows(), ("-", "--", ":"), strict=False):
            sigma = fits.loc[
                (fits["parameter"] == "field_sigma_H_Oe") & (fits["method"] == r0["method"]),
                "value",
            ]
            geometry = r0["method"].split(",")[1].split()[0]
            cos_t = float(np.cos(np.deg2rad(angle))) if geometry == "crystal" else 1.0
            ax_b.plot(
                hs,
                r0["value"] * detuning_factor(hs, float(sigma.iloc[0]), geometry, cos_t),
                style,
                color=points[0].get_color(),
                lw=1,
                label=rf"{geometry}: $\sigma_H$ = {float(sigma.iloc[0]):.0f} Oe",
            )
    ax_b.set_yscale("log")
    ax_b.set_xlabel("H (Oe)")
    ax_b.set_title("(b) T = 2 K", fontsize=9)
    ax_b.legend(frameon=False, fontsize=5.5)
    ax_b.set_ylim(bottom=max(ax_b.get_ylim()[0], 1e-3))
    fig.tight_layout()
    return fig
