"""Equilibrium tables of the ac data: the chi(T) points of Fig. 2 and, per sample, the
Curie-Weiss fit, T_N from the low-frequency chi'' maximum and the demagnetising-limit ratio.

The equilibrium (isothermal) chi_T of a spectrum is the chi_T of its usable Cole-Cole fit;
otherwise the chi' at the lowest measured frequency when that point is in equilibrium
(chi''/chi' <= ``eq_max_loss_ratio``; at omega tau << 1 chi'' vanishes), else NaN. The formulas
and their sources are in :mod:`spinrelax.acsus.equilibrium`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from spinrelax.acsus.equilibrium import (
    demag_ratio,
    fit_curie_weiss,
    lowest_frequency_series,
    molar_to_volume_cgs,
    peak_temperature,
)
from spinrelax.acsus.tables import sample_context

POINT_COLUMNS: tuple[str, ...] = (
    "sample",
    "orientation",
    "easy_axis_angle_deg",
    "T_K",
    "freq_Hz",
    "chi_real",
    "chi_imag",
    "chi_T",
    "chi_T_err",
    "chi_T_source",
    "chi_unit",
)


@dataclass(frozen=True)
class EquilibriumSettings:
    """Windows (K), equilibrium criterion, and the crystal's density and demagnetising factor."""

    cw_T_min_K: float = 0.1
    cw_T_max_K: float = 4.0
    cw_min_points: int = 4
    eq_max_loss_ratio: float = 0.05
    tn_T_max_K: float = 1.0
    tn_half_width: int = 2
    density_g_per_cm3: float = 3.411
    demag_factor_cgs: float = 4.0 * np.pi


def chi_t_per_spectrum(
    points: pd.DataFrame, fits: pd.DataFrame, settings: EquilibriumSettings
) -> pd.DataFrame:
    """Per (sample, spectrum): T_K, chi_T, chi_T_err and its source ('fit' | 'low_f' | '')."""
    low = (
        points.sort_values("freq_Hz", kind="stable")
        .groupby(["sample", "spectrum"], as_index=False)
        .first()
    )
    table = low.loc[
        :, ["sample", "spectrum", "T_K_spectrum", "chi_real", "chi_imag", "chi_real_err"]
    ]
    table = table.merge(
        fits.loc[:, ["sample", "spectrum", "chi_T", "chi_T_err", "usable"]],
        on=["sample", "spectrum"],
        how="left",
    )
    use_fit = table["usable"].fillna(False).astype(bool).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.abs(table["chi_imag"] / table["chi_real"]).to_numpy()
    in_eq = ~use_fit & (ratio <= settings.eq_max_loss_ratio) & (table["chi_real"].to_numpy() > 0)
    chi_t = np.where(use_fit, table["chi_T"], np.where(in_eq, table["chi_real"], np.nan))
    chi_t_err = np.where(
        use_fit, table["chi_T_err"], np.where(in_eq, table["chi_real_err"], np.nan)
    )
    source = np.where(use_fit, "fit", np.where(in_eq, "low_f", ""))
    return pd.DataFrame(
        {
            "sample": table["sample"],
            "spectrum": table["spectrum"],
            "T_K": table["T_K_spectrum"],
            "chi_T": chi_t,
            "chi_T_err": chi_t_err,
            "chi_T_source": source,
        }
    )


def chi_points_table(
    points: pd.DataFrame, fits: pd.DataFrame, sheet: pd.DataFrame, settings: EquilibriumSettings
) -> pd.DataFrame:
    """Every measured point of the crystal samples with orientation and the spectrum's chi_T."""
    ctx = sample_context(sheet)
    crystals = ctx.loc[ctx["form"] == "crystal", ["sample", "orientation", "easy_axis_angle_deg"]]
    pts = points.merge(crystals, on="sample", how="inner")
    chi_t = chi_t_per_spectrum(pts, fits, settings).drop(columns="T_K")
    pts = pts.merge(chi_t, on=["sample", "spectrum"], how="left")
    pts["T_K"] = pts["T_K"].astype(float)
    table = pts.loc[:, list(POINT_COLUMNS)]
    return table.sort_values(["sample", "T_K", "freq_Hz"], kind="stable").reset_index(drop=True)


def _sample_row(
    sample: str,
    ctx: pd.Series,
    molar_mass: float,
    pts: pd.DataFrame,
    chi_t: pd.DataFrame,
    settings: EquilibriumSettings,
) -> dict:
    unit = str(pts["chi_unit"].iloc[0])
    row: dict = {
        "sample": sample,
        "orientation": ctx["orientation"],
        "instrument": ctx["instrument"],
        "chi_unit": unit,
    }
    notes = []
    win = chi_t[(chi_t["T_K"] >= settings.cw_T_min_K) & (chi_t["T_K"] <= settings.cw_T_max_K)]
    win = win[np.isfinite(win["chi_T"])]
    errors = win["chi_T_err"].to_numpy(dtype=float)
    weighted = bool(len(win)) and bool(np.all(np.isfinite(errors) & (errors > 0)))
    if len(win) >= settings.cw_min_points:
        cw = fit_curie_weiss(win["T_K"], win["chi_T"], errors if weighted else None)
    else:
        cw = fit_curie_weiss(np.array([]), np.array([]))
        notes.append(f"{len(win)} equilibrium points in the Curie-Weiss window")
    row.update(
        {
            "cw_C": cw.C,
            "cw_C_err": cw.C_err,
            "cw_theta_K": cw.theta_K,
            "cw_theta_err_K": cw.theta_err_K,
            "cw_chi2_red": cw.chi2_red,
            "cw_n_points": cw.n_points,
            "cw_T_min_K": float(win["T_K"].min()) if len(win) else np.nan,
            "cw_T_max_K": float(win["T_K"].max()) if len(win) else np.nan,
            "cw_weighted": weighted,
            "cw_converged": cw.converged,
        }
    )
    low = lowest_frequency_series(pts)
    cold = low[low["T_K"] <= settings.tn_T_max_K]
    peak = peak_temperature(cold["T_K"], cold["chi_imag"], settings.tn_half_width)
    if not peak.interior:
        notes.append("no interior chi'' maximum below tn_T_max_K")
    row.update(
        {
            "T_N_K": peak.T_K if peak.interior else np.nan,
            "T_N_err_K": peak.T_err_K if peak.interior else np.nan,
            "T_N_freq_Hz": float(low["freq_Hz"].iloc[0]) if len(low) else np.nan,
        }
    )
    k = int(np.argmax(low["chi_real"].to_numpy())) if len(low) else -1
    chi_max = float(low["chi_real"].iloc[k]) if k >= 0 else np.nan
    row.update(
        {
            "chi_real_max": chi_max,
            "chi_real_max_T_K": float(low["T_K"].iloc[k]) if k >= 0 else np.nan,
        }
    )
    if ctx["form"] == "crystal" and unit == "emu/mol" and np.isfinite(molar_mass) and chi_max > 0:
        chi_v = float(molar_to_volume_cgs(chi_max, settings.density_g_per_cm3, molar_mass))
        row.update(
            {
                "chi_real_max_volume_cgs": chi_v,
                "demag_limit_volume_cgs": 1.0 / settings.demag_factor_cgs,
                "demag_ratio": demag_ratio(chi_v, settings.demag_factor_cgs),
            }
        )
    else:
        row.update(
            {
                "chi_real_max_volume_cgs": np.nan,
                "demag_limit_volume_cgs": np.nan,
                "demag_ratio": np.nan,
            }
        )
        notes.append("demagnetising limit needs a crystal in emu/mol")
    row["note"] = "; ".join(notes)
    return row


def equilibrium_table(
    points: pd.DataFrame, fits: pd.DataFrame, sheet: pd.DataFrame, settings: EquilibriumSettings
) -> pd.DataFrame:
    """One row per sample: Curie-Weiss C and theta, T_N, chi' maximum vs the 1/N limit."""
    ctx = sample_context(sheet).set_index("sample")
    molar = sheet.set_index("sample_id")["molar_mass_g_per_mol"]
    chi_t = chi_t_per_spectrum(points, fits, settings)
    rows = [
        _sample_row(
            s, ctx.loc[s], float(molar.get(s, np.nan)), pts, chi_t[chi_t["sample"] == s], settings
        )
        for s, pts in points.groupby("sample", sort=True)
    ]
    return pd.DataFrame(rows)


def scorecard_part(equilibrium: pd.DataFrame, sample: str) -> pd.DataFrame:
    """Scorecard rows erw10.theta_K, erw10.T_N_K, erw10.demag_ratio from ``sample``'s row."""
    sel = equilibrium[equilibrium["sample"] == sample]
    if sel.empty:
        row = pd.Series(dtype=object)
        where = f"sample {sample} has no ac data"
    else:
        row = sel.iloc[0]
        where = f"sample {sample} ({row['instrument']}, orientation {row['orientation']})"

    def get(key: str) -> float:
        return float(row.get(key, np.nan))

    return pd.DataFrame(
        {
            "id": ["erw10.theta_K", "erw10.T_N_K", "erw10.demag_ratio"],
            "reproduced": [get("cw_theta_K"), get("T_N_K"), get("demag_ratio")],
            "reproduced_err": [get("cw_theta_err_K"), get("T_N_err_K"), np.nan],
            "note": [
                f"Curie-Weiss fit of equilibrium chi_T between {get('cw_T_min_K'):.3g} and "
                f"{get('cw_T_max_K'):.3g} K ({int(np.nan_to_num(get('cw_n_points')))} spectra), {where}",
                f"parabola vertex of chi''(T) at the lowest frequency {get('T_N_freq_Hz'):.3g} Hz, {where}",
                f"(1/N, N = 4 pi along the field: flat crystal, the geometry of "
                f"erw10.theta_corrected_K) over the lowest-frequency chi' maximum in volume units at "
                f"{get('chi_real_max_T_K'):.3g} K, {where}; no error: density and shape not measured here",
            ],
        }
    )
