"""Paper 1 (ErW10) relaxation analysis: from usable rates and T_N to every Fig. 3-4 number.

Steps (each a pure function elsewhere in this package): per-sample rate-law fits; U as the
weighted mean over samples (the paper finds it independent of x); 2 K rates vs x (power law)
and vs H (Gaussian detuning); B44 and the coupling prefactor from the master equation over the
crystal-field levels fitted to the activated rates, for several spin-phonon operator sets; the
standard-theory line and its dominant path; the tunnelling numbers (sigma_dip from T_N, xi_dip,
Delta, Gamma), a second B44 estimate from Gamma(B44) = plateau rate, the direct one-phonon rate
in the ground doublet, 167Er, the ordered phase and the phonon laser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from spinrelax.relaxation import crystal_field_rates as cf
from spinrelax.relaxation.dependence import (
    FieldFit,
    fit_field_detuning,
    fit_samples,
    rates_at_temperature,
)
from spinrelax.relaxation.phonon_laser import phonon_laser_rate_s
from spinrelax.relaxation.power_law import PowerLawFit, fit_power_law
from spinrelax.relaxation.rates_table import is_enriched
from spinrelax.relaxation.tunnelling import (
    gaussian_bias_density_per_K,
    isotope_rate_ratio,
    ordered_phase_factor,
    sigma_dip_from_T_N_Oe,
    tunnelling_rate_s,
    zeeman_bias_K,
)
from spinrelax.spin.parameters import IonParameters

PARAM_COLUMNS = ["sample", "parameter", "value", "err", "unit", "method"]


@dataclass
class Paper1Results:
    """Tables written by the relaxation rule and the fits the figures draw."""

    parameters: pd.DataFrame
    tunnelling: pd.DataFrame
    line: pd.DataFrame
    paths: pd.DataFrame
    x_points: pd.DataFrame
    field_points: pd.DataFrame
    scorecard: pd.DataFrame
    power_law: PowerLawFit
    field_fits: dict[str, FieldFit]


def _ops(names: Any) -> tuple[str, ...]:
    return tuple(str(n) for n in names)


def _weighted_mean(values: np.ndarray, errors: np.ndarray) -> tuple[float, float]:
    ok = np.isfinite(values) & np.isfinite(errors) & (errors > 0)
    v, e = values[ok], errors[ok]
    if v.size == 0:
        return np.nan, np.nan
    w = 1.0 / e**2
    mean = float(np.sum(w * v) / np.sum(w))
    err = float(np.sqrt(1.0 / np.sum(w)))
    if v.size > 1:  # spread between samples counts when larger than the formal error
        err = max(err, float(np.std(v, ddof=1) / np.sqrt(v.size)))
    return mean, err


def _gamma_s(params: IonParameters, sigma_dip_Oe: float, phi_deg: float, convention: str) -> float:
    _, g_z = cf.ground_doublet(params)
    delta = cf.tunnel_splitting_K(params, sigma_dip_Oe, phi_deg)
    width = float(zeeman_bias_K(g_z, sigma_dip_Oe))
    return float(tunnelling_rate_s(delta, gaussian_bias_density_per_K(0.0, width), convention))


def b44_from_plateau(
    params: IonParameters, rate_s: float, sigma_dip_Oe: float, phi_deg: float, convention: str
) -> float:
    """|B44|/kB (K) at which Gamma(B44) (Eq. 2 with Delta from the Hamiltonian) equals ``rate_s``."""

    def f(b44: float) -> float:
        return np.log(
            _gamma_s(params.with_B(4, 4, b44), sigma_dip_Oe, phi_deg, convention)
        ) - np.log(rate_s)

    lo, hi = 1e-4, 0.3
    if f(lo) * f(hi) > 0:
        return np.nan
    return float(brentq(f, lo, hi, xtol=1e-10))


def analyse(
    usable: pd.DataFrame, T_N_K: float, ion: IonParameters, cfg: Mapping[str, Any]
) -> Paper1Results:
    """Every relaxation number of paper 1 from the usable rates (``rates_table.read_rates``)."""
    fit_cfg, plat, me, tun, ph = (
        cfg["fit"],
        cfg["plateau"],
        cfg["master_equation"],
        cfg["tunnelling"],
        cfg["phonon"],
    )
    params, fits = fit_samples(
        usable,
        fit_cfg["arrhenius_window_K"],
        fit_cfg["full_law_window_K"],
        _ops(fit_cfg["full_law_terms"]),
        plat["zero_field_max_Oe"],
        fit_cfg["n_starts"],
        fit_cfg["seed"],
    )
    rows: list[tuple] = []
    tunnel: list[tuple] = []
    card: list[tuple] = []

    # --- U: weighted mean of the converged full-law fits of the natural-isotope samples (the
    # paper: independent of x); the enriched sample and the Arrhenius-window fits are reported
    natural_samples = set(usable.loc[~is_enriched(usable["isotope"]), "sample"])
    arr = [
        (s, f)
        for (s, m), f in fits.items()
        if m == "full_law" and f.converged and s in natural_samples
    ]
    U_values = np.array([f.params["U_K"] for _, f in arr])
    U, U_err = _weighted_mean(U_values, np.array([f.errors["U_K"] for _, f in arr]))
    U_range = f"{U_values.min():.3g}-{U_values.max():.3g} K" if arr else "none"
    rows.append(("all", "U_K", U, U_err, "K", f"weighted mean of {len(arr)} full-law fits"))
    card.append(
        (
            "erw10.U_K",
            U,
            U_err,
            f"{'+'.join(_ops(fit_cfg['full_law_terms']))} fit in {fit_cfg['full_law_window_K']} K "
            f"per natural sample, weighted mean over {len(arr)} samples (range {U_range}); pure "
            "Arrhenius fits in the activated window are biased where the plateau still "
            "contributes (relaxation_parameters.csv)",
        )
    )

    # --- 2 K rates vs x and H
    pts = rates_at_temperature(usable, plat["T_K"], plat["T_tolerance_K"])
    zero = pts.loc[pts["H_Oe"].abs() <= plat["zero_field_max_Oe"]]
    if "form" in zero.columns:  # the x series and the 167Er comparison use one sample form
        zero = zero.loc[zero["form"] == plat["series_form"]]
    natural = zero.loc[~is_enriched(zero["isotope"])].sort_values("x_Er", ignore_index=True)
    enriched = zero.loc[is_enriched(zero["isotope"])]
    power = fit_power_law(natural["x_Er"], natural["rate_s-1"], natural["rate_err_s-1"])
    rows.append(
        (
            "all",
            "x_exponent",
            power.exponent,
            power.exponent_err,
            "1",
            "power-law fit at 2 K, H = 0",
        )
    )
    rows.append(
        (
            "all",
            "x_prefactor_s-1",
            power.prefactor_s,
            power.prefactor_err_s,
            "s^-1",
            "power-law fit at 2 K, H = 0",
        )
    )
    card.append(
        (
            "erw10.x_exponent",
            power.exponent,
            power.exponent_err,
            f"weighted fit of ln rate vs ln x over {power.n_points} natural samples at "
            f"{plat['T_K']} K (chi2_red {power.chi2_red:.3g}); Eq. 2 with sigma_dip ~ x predicts 1",
        )
    )
    ref = natural.loc[natural["x_Er"] == natural["x_Er"].max()]
    r_ref = float(ref["rate_s-1"].iloc[0]) if len(ref) else np.nan
    r_ref_err = float(ref["rate_err_s-1"].iloc[0]) if len(ref) else np.nan
    card.append(
        (
            "erw10.qt_rate_s-1",
            r_ref,
            r_ref_err,
            f"weighted mean of the usable zero-field rates within {plat['T_tolerance_K']} K of "
            f"{plat['T_K']} K, x = {natural['x_Er'].max() if len(ref) else np.nan}",
        )
    )
    if len(natural) >= 2:
        lo, hi = natural.iloc[0], natural.iloc[-1]
        drop = float(np.log10(hi["rate_s-1"] / lo["rate_s-1"]))
        drop_err = float(
            np.hypot(hi["rate_err_s-1"] / hi["rate_s-1"], lo["rate_err_s-1"] / lo["rate_s-1"])
            / np.log(10)
        )
        card.append(
            (
                "erw10.rate_drop_orders_x",
                drop,
                drop_err,
                f"log10 of measured 2 K rates, x = {hi['x_Er']:g} over x = {lo['x_Er']:g}",
            )
        )
    if len(enriched) and np.isfinite(r_ref):
        r167 = float(enriched["rate_s-1"].iloc[0])
        ratio = r_ref / r167
        ratio_err = ratio * float(
            np.hypot(r_ref_err / r_ref, enriched["rate_err_s-1"].iloc[0] / r167)
        )
    else:
        ratio, ratio_err = np.nan, np.nan

    field_fits: dict[str, FieldFit] = {}
    for sample, grp in pts.groupby("sample", sort=True):
        if grp["H_Oe"].nunique() < 3:
            continue
        crystal = "form" in grp.columns and str(grp["form"].iloc[0]) == "crystal"
        angle = float(grp["easy_axis_angle_deg"].iloc[0]) if crystal else 0.0
        cos_t = float(np.cos(np.deg2rad(angle)))
        for geometry in ("crystal",) if crystal else ("powder", "powder_logmean"):
            ff = fit_field_detuning(
                grp["H_Oe"], grp["rate_s-1"], grp["rate_err_s-1"], geometry, cos_t
            )
            field_fits[f"{sample}:{geometry}"] = ff
            label = f"Gaussian detuning, {geometry} (chi2_red {ff.chi2_red:.3g})"
            rows.append((sample, "field_rate0_s-1", ff.rate0_s, ff.rate0_err_s, "s^-1", label))
            rows.append((sample, "field_sigma_H_Oe", ff.sigma_H_Oe, ff.sigma_H_err_Oe, "Oe", label))
            rows.append((sample, "field_chi2_red", ff.chi2_red, np.nan, "1", label))

    # --- crystal field: B44 and prefactor from the activated rates
    window = usable.loc[
        (usable["T_K"] >= me["b44_window_K"][0])
        & (usable["T_K"] <= me["b44_window_K"][1])
        & (usable["H_Oe"].abs() <= plat["zero_field_max_Oe"])
        & ~is_enriched(usable["isotope"])
    ]
    bg = np.array(
        [
            fits[(s, "full_law")].params.get("rate_qt_s-1", 0.0)
            if (s, "full_law") in fits and fits[(s, "full_law")].converged
            else 0.0
            for s in window["sample"]
        ]
    )
    sig_ln = np.where(window["rate_err_s-1"] > 0, window["rate_err_s-1"] / window["rate_s-1"], 0.1)
    b44_fits = {}
    for ops in [_ops(me["operator_sets"])] + [_ops(o) for o in me["compare_operator_sets"]]:
        bf = cf.fit_b44_prefactor(
            ion, window["T_K"], window["rate_s-1"], sig_ln, ops, bg, me["B44_start_grid_K"]
        )
        b44_fits[ops] = bf
        label = "master equation: " + "+".join(ops)
        fitted = ion.with_B(4, 4, bf.B44_K)
        lines = cf.standard_theory_rate(
            fitted, window["T_K"].sort_values().unique(), bf.prefactor_s_K3, ops
        )
        u_eff = cf.effective_barrier_K(window["T_K"].sort_values().unique(), lines.ln_rate_s)
        e1 = cf.level_scheme(fitted, ops).energies_K[2]
        rows += [
            ("all", "B44_K", bf.B44_K, bf.B44_err_K, "K", label),
            (
                "all",
                "prefactor_s-1_K-3",
                bf.prefactor_s_K3,
                bf.prefactor_err_s_K3,
                "s^-1 K^-3",
                label,
            ),
            ("all", "chi2_red_b44", bf.chi2_red, np.nan, "1", label),
            ("all", "converged_b44", float(bf.converged), np.nan, "bool", label),
            ("all", "U_eff_model_K", float(np.median(u_eff)), np.nan, "K", label),
            ("all", "first_excited_doublet_K", float(e1), np.nan, "K", label),
        ]
    ops0 = _ops(me["operator_sets"])
    bf0 = b44_fits[ops0]
    fitted = ion.with_B(4, 4, bf0.B44_K)
    e1_paper = float(cf.level_scheme(ion, ops0).energies_K[2])
    e1_fit = float(cf.level_scheme(fitted, ops0).energies_K[2])
    card.append(
        (
            "erw10.B44_K",
            bf0.B44_K,
            bf0.B44_err_K,
            f"master equation ({'+'.join(ops0)}) fitted to {bf0.n_points} natural-isotope rates in "
            f"{me['b44_window_K']} K (chi2_red {bf0.chi2_red:.3g}); first excited doublet at "
            f"{e1_fit:.1f} K with the fitted B44, {e1_paper:.1f} K with B44 = "
            f"{ion.B_kq_K.get((4, 4), 0.0):g} K; other operator sets: "
            + "; ".join(f"{'+'.join(o)}: {b.B44_K:.3g}" for o, b in b44_fits.items() if o != ops0),
        )
    )

    T_line = np.geomspace(me["T_line_min_K"], me["T_line_max_K"], int(me["T_line_n"]))
    line_fit = cf.standard_theory_rate(fitted, T_line, bf0.prefactor_s_K3, ops0)
    line_paper = cf.standard_theory_rate(ion, T_line, bf0.prefactor_s_K3, ops0)
    line = pd.DataFrame(
        {
            "T_K": T_line,
            "rate_fitted_B44_s-1": line_fit.rate_s,
            "log10_rate_fitted_B44_s-1": line_fit.ln_rate_s / np.log(10),
            "rate_paper_B44_s-1": line_paper.rate_s,
            "log10_rate_paper_B44_s-1": line_paper.ln_rate_s / np.log(10),
            "method": line_fit.method,
        }
    )
    paths = cf.dominant_paths(fitted, me["path_T_K"], bf0.prefactor_s_K3, ops0)
    paths.insert(0, "T_K", me["path_T_K"])

    # --- tunnelling
    phi, conv = tun["transverse_field_azimuth_deg"], tun["convention"]
    sigma_dip = float(sigma_dip_from_T_N_Oe(T_N_K, ion.g_J, ion.J))
    jz, g_z = cf.ground_doublet(ion)
    xi = float(zeeman_bias_K(g_z, sigma_dip))
    delta = cf.tunnel_splitting_K(ion, sigma_dip, phi)
    delta_fit = cf.tunnel_splitting_K(fitted, sigma_dip, phi)
    gamma = _gamma_s(ion, sigma_dip, phi, conv)
    gamma_fit = _gamma_s(fitted, sigma_dip, phi, conv)
    b44_second = (
        b44_from_plateau(ion, r_ref, sigma_dip, phi, conv) if np.isfinite(r_ref) else np.nan
    )
    if np.isfinite(b44_second):
        h = 1e-4 * b44_second
        slope = (
            np.log(_gamma_s(ion.with_B(4, 4, b44_second + h), sigma_dip, phi, conv))
            - np.log(_gamma_s(ion.with_B(4, 4, b44_second - h), sigma_dip, phi, conv))
        ) / (2 * h)
        b44_second_err = float(r_ref_err / r_ref / abs(slope))
    else:
        b44_second_err = np.nan
    direct = cf.ground_doublet_direct_rate_s(
        fitted, tun["direct_T_K"], bf0.prefactor_s_K3, ops0, sigma_dip, sigma_dip
    )
    orders = float(np.log10(r_ref / direct)) if direct > 0 and np.isfinite(r_ref) else np.nan
    ratio_pred = isotope_rate_ratio(
        ion.A_J_K, jz, ion.I, xi, plat["T_K"], float(_enrichment(usable)), tun["isotope_average"]
    )
    ordered = ordered_phase_factor(T_N_K, tun["ordered_width_ratio"], xi)
    dE = float(np.hypot(delta, xi))
    laser = phonon_laser_rate_s(
        ion.J,
        dE,
        ph["c_s_cm_per_s"],
        ph["rho_g_per_cm3"],
        ph["V_cell_A3"],
        ph["Z"],
        ph["per_molecule"],
    )
    b44_label = f"B44 = {ion.B_kq_K.get((4, 4), 0.0):g} K ({ion.name})"
    tunnel += [
        ("T_N_K", T_N_K, np.nan, "K", "ac stage, equilibrium table"),
        ("sigma_dip_Oe", sigma_dip, np.nan, "Oe", "2 g muB J sigma_dip = kB T_N"),
        ("g_z_ground", g_z, np.nan, "1", f"2 g_J |<+|Jz|+>|, {b44_label}"),
        ("xi_dip_K", xi, np.nan, "K", "g_z muB sigma_dip"),
        (
            "delta_K",
            delta,
            np.nan,
            "K",
            f"ground-doublet splitting at H_perp = sigma_dip, {b44_label}",
        ),
        (
            "delta_fitted_B44_K",
            delta_fit,
            np.nan,
            "K",
            f"same with the fitted B44 = {bf0.B44_K:.4g} K",
        ),
        ("gamma_theory_s-1", gamma, np.nan, "s^-1", f"Eq. 2 ({conv}), {b44_label}"),
        (
            "gamma_theory_fitted_B44_s-1",
            gamma_fit,
            np.nan,
            "s^-1",
            f"Eq. 2 ({conv}) with the fitted B44",
        ),
        ("gamma_golden_rule_factor", np.pi / 2, np.nan, "1", "golden rule / Eq. 2"),
        ("plateau_rate_measured_s-1", r_ref, r_ref_err, "s^-1", f"x = 1 at {plat['T_K']} K, H = 0"),
        (
            "B44_from_plateau_K",
            b44_second,
            b44_second_err,
            "K",
            "Gamma(B44) = measured plateau rate",
        ),
        (
            "direct_rate_ground_doublet_s-1",
            direct,
            np.nan,
            "s^-1",
            f"one-phonon rate in the ground doublet at {tun['direct_T_K']} K, H_z = H_perp = sigma_dip, fitted B44 and C",
        ),
        ("direct_orders", orders, np.nan, "decades", "log10(plateau / direct)"),
        (
            "rate_ratio_167Er_predicted",
            ratio_pred,
            np.nan,
            "1",
            f"{tun['isotope_average']} mean over m_I of Gaussian detuning by 2 A_J <Jz> m_I",
        ),
        (
            "rate_ratio_167Er_measured",
            ratio,
            ratio_err,
            "1",
            f"x = 1 natural over 167Er at {plat['T_K']} K",
        ),
        (
            "ordered_phase_factor",
            ordered,
            np.nan,
            "1",
            f"P(0) with width x{tun['ordered_width_ratio']} centred at kB T_N over paramagnetic P(0)",
        ),
        ("x_exponent_predicted", 1.0, np.nan, "1", "Eq. 2 with Delta ~ sigma_dip ~ x"),
        ("phonon_laser_dE_K", dE, np.nan, "K", "(Delta^2 + xi_dip^2)^(1/2)"),
        (
            "phonon_laser_s-1",
            laser,
            np.nan,
            "s^-1",
            "J (dE/hbar) (dE / 8 pi M c_s^2)^(1/2), M = rho V"
            + (" / Z" if ph["per_molecule"] else ""),
        ),
    ]
    card += [
        (
            "erw10.sigma_dip_Oe",
            sigma_dip,
            np.nan,
            f"2 g muB J sigma_dip = kB T_N with measured T_N = {T_N_K:.4g} K",
        ),
        ("erw10.xi_dip_K", xi, np.nan, f"g_z muB sigma_dip, g_z = {g_z:.4g} from the Hamiltonian"),
        (
            "erw10.delta_K",
            delta,
            np.nan,
            f"exact ground-doublet splitting in H_perp = sigma_dip, {b44_label}; "
            f"{delta_fit:.3g} K with the relaxation-fitted B44",
        ),
        (
            "erw10.gamma_theory_s-1",
            gamma,
            np.nan,
            f"Eq. 2 ({conv}) with the Delta and xi above; "
            f"{gamma_fit:.3g} s^-1 with the fitted B44; second B44 estimate "
            f"from Gamma = plateau: {b44_second:.3g} K",
        ),
        (
            "erw10.direct_orders",
            orders,
            np.nan,
            f"log10(plateau / direct one-phonon rate {direct:.3g} s^-1 in the ground doublet at "
            f"{tun['direct_T_K']} K with H_z = H_perp = sigma_dip; C from the activated fit)",
        ),
        (
            "erw10.rate_ratio_167Er",
            ratio,
            ratio_err,
            f"measured; Eq. 2 with hyperfine detuning predicts {ratio_pred:.3g} ({tun['isotope_average']} mean)",
        ),
        (
            "erw10.phonon_laser_s-1",
            laser,
            np.nan,
            f"J (dE/hbar)(dE / 8 pi M c_s^2)^(1/2) with dE = {dE:.3g} K: the printed formula lacks the "
            "frequency factor dE/hbar (Chudnovsky & Garanin 2004); dimensionally completed here",
        ),
    ]
    parameters = pd.concat([params, pd.DataFrame(rows, columns=PARAM_COLUMNS)], ignore_index=True)
    return Paper1Results(
        parameters=parameters,
        tunnelling=pd.DataFrame(tunnel, columns=["quantity", "value", "err", "unit", "note"]),
        line=line,
        paths=paths,
        x_points=zero.reset_index(drop=True),
        field_points=pts,
        scorecard=pd.DataFrame(
            card, columns=["id", "reproduced", "reproduced_err", "note"]
        ).sort_values("id", ignore_index=True),
        power_law=power,
        field_fits=field_fits,
    )


def _enrichment(usable: pd.DataFrame) -> float:
    """167Er fraction of the enriched sample (column ``enrichment_167Er``, from the sample
    sheet); NaN when there is no enriched sample or no such column."""
    if "enrichment_167Er" not in usable.columns:
        return np.nan
    e = usable.loc[is_enriched(usable["isotope"]), "enrichment_167Er"]
    return float(e.iloc[0]) if len(e) else np.nan
