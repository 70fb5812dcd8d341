"""Paper 1 (ErW10) relaxation analysis: from usable rates and T_N to every Fig. 3-4 number.

Steps (each a pure function elsewhere in this package): per-sample rate-law fits; U as the
weighted mean over samples (the paper finds it independent of x); 2 K rates vs x (power law)
and vs H (Gaussian detuning); B44 by the paper's method and the effective barrier of the
printed parameters (``paper1_crystal_field``); the standard-theory line and its dominant path;
the tunnelling numbers of Eq. 2 over their readings, B44 from Gamma = plateau and the phonon
laser (``paper1_tunnelling``); the direct one-phonon rate; 167Er from the electronuclear levels
(``paper1_isotope``); the demagnetising correction of theta. Every scorecard row is explained
in docs/physics.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from spinrelax.papers.erw10.relaxation import crystal_field_rates as cf
from spinrelax.papers.erw10.relaxation.demagnetisation import (
    ferromagnetic_limit_volume_cgs,
    flat_crystal_N_zz_cgs,
    intrinsic_theta_K,
    prism_demag_factors_cgs,
)
from spinrelax.papers.erw10.relaxation.dependence import (
    FieldFit,
    fit_field_detuning,
    fit_samples,
    rates_at_temperature,
)
from spinrelax.papers.erw10.relaxation.paper1_crystal_field import (
    Rows,
    crystal_field_block,
    direct_block,
    fit_rows,
)
from spinrelax.papers.erw10.relaxation.paper1_isotope import isotope_block
from spinrelax.papers.erw10.relaxation.paper1_tunnelling import tunnelling_block
from spinrelax.papers.erw10.relaxation.power_law import PowerLawFit, fit_power_law
from spinrelax.papers.erw10.relaxation.rates_table import is_enriched
from spinrelax.papers.erw10.spin.parameters import IonParameters
from spinrelax.rates.data import as_bool

PARAM_COLUMNS = ["sample", "parameter", "value", "err", "unit", "method"]
#: Scorecard rows of the 167Er prediction: the full model and the paper's argument.
ISOTOPE_MODEL_ROWS = ("erw10.rate_ratio_167Er_electronuclear", "erw10.rate_ratio_167Er_no_flipflop")


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
    channels: pd.DataFrame
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


def analyse(
    usable: pd.DataFrame,
    T_N_K: float,
    ion: IonParameters,
    cfg: Mapping[str, Any],
    others: Sequence[IonParameters] = (),
    curie_weiss: Mapping[str, Any] | None = None,
    H_perp_paper_Oe: float = 80.0,
) -> Paper1Results:
    """Every relaxation number of paper 1 from the usable rates (``rates_table.read_rates``).

    ``others``: further spin variants (B44 fit and barrier reported for each);
    ``H_perp_paper_Oe``: the one transverse field of every "paper Delta" (spin.H_perp_dip_Oe);
    ``curie_weiss``: the crystal's Curie-Weiss fit for the demagnetising correction (keys
    theta_K, theta_err_K, C_emu_K_per_mol, molar_mass_g_per_mol, angle_deg, sample).
    """
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
    rows += fit_rows(
        "all",
        "power-law fit at 2 K, H = 0",
        "power_law",
        power.converged,
        [
            ("x_exponent", power.exponent, power.exponent_err, "1"),
            ("x_prefactor_s-1", power.prefactor_s, power.prefactor_err_s, "s^-1"),
        ],
    )
    card.append(
        (
            "erw10.x_exponent",
            power.exponent if power.converged else np.nan,
            power.exponent_err if power.converged else np.nan,
            f"{'' if power.converged else 'power-law fit did not converge; '}weighted fit of "
            f"ln rate vs ln x over {power.n_points} natural samples at "
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
            rows += fit_rows(
                sample,
                label,
                "field",
                ff.converged,
                [
                    ("field_rate0_s-1", ff.rate0_s, ff.rate0_err_s, "s^-1"),
                    ("field_sigma_H_Oe", ff.sigma_H_Oe, ff.sigma_H_err_Oe, "Oe"),
                    ("field_chi2_red", ff.chi2_red, np.nan, "1"),
                ],
            )

    # --- crystal field: B44 by the paper's method (magnitude at an a-priori coupling)
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
    ops0 = _ops(me["operator_sets"])
    cfr = crystal_field_block(
        ion, list(others), window, bg, me, ph, ops0, [_ops(o) for o in me["compare_operator_sets"]]
    )
    fitted, C = cfr.fitted, cfr.prefactor_s_K3
    T_line = np.geomspace(me["T_line_min_K"], me["T_line_max_K"], int(me["T_line_n"]))
    line_fit = cf.standard_theory_rate(fitted, T_line, C, ops0)
    line_paper = cf.standard_theory_rate(ion, T_line, C, ops0)
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
    paths = cf.dominant_paths(fitted, me["path_T_K"], C, ops0)
    paths.insert(0, "T_K", me["path_T_K"])

    # --- tunnelling (Eq. 2 and its readings), direct process, phonon laser, 167Er
    tb, eq, chosen = tunnelling_block(ion, T_N_K, r_ref, r_ref_err, tun, ph, H_perp_paper_Oe)
    db = direct_block(
        ion, tun["direct_T_K"], C, ops0, eq.sigma_Oe, eq.H_perp_rms_Oe, r_ref,
        me["strain_coupling_factors"],
    )  # fmt: skip
    f_nat, f_enr = _natural_fraction(usable), float(_enrichment(usable))
    channels = pd.DataFrame()
    if np.isfinite(f_nat) and np.isfinite(f_enr) and ion.I > 0:
        ib, channels = isotope_block(
            ion, T_N_K, chosen, tun["transverse_field_azimuth_deg"], f_nat, f_enr, ratio, r_ref,
            {**tun["hyperfine"], "perp_field_ratios": tun["perp_field_ratios"]}, plat["T_K"],
        )  # fmt: skip
    else:  # no 167Er comparison possible: the row stays visible as "not reproduced"
        why = "no natural and enriched 167Er fractions in the sample sheet, or I = 0"
        ib = Rows(card=[(key, np.nan, np.nan, why) for key in ISOTOPE_MODEL_ROWS])
    tunnel += [("rate_ratio_167Er_measured", ratio, ratio_err, "1", f"x = 1 natural over 167Er at {plat['T_K']} K")]  # fmt: skip
    card.append(
        (
            "erw10.rate_ratio_167Er",
            ratio,
            ratio_err,
            f"measured: x = 1 natural Er ({f_nat:.4g} 167Er) over the enriched "
            f"sample at {plat['T_K']} K, H = 0 (predictions: {', '.join(ISOTOPE_MODEL_ROWS)})",
        )
    )
    for block in (cfr.rows, tb, db, ib):
        rows += block.params
        tunnel += block.tunnel
        card += block.card
    if curie_weiss is not None:
        card.append(_demag_row(curie_weiss, cfg["demagnetisation"], ph["rho_g_per_cm3"]))
    parameters = pd.concat([params, pd.DataFrame(rows, columns=PARAM_COLUMNS)], ignore_index=True)
    return Paper1Results(
        parameters=parameters,
        tunnelling=pd.DataFrame(tunnel, columns=["quantity", "value", "err", "unit", "note"]),
        channels=channels,
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


def _natural_fraction(usable: pd.DataFrame) -> float:
    """167Er fraction of the natural samples (sample sheet); NaN without the column."""
    if "enrichment_167Er" not in usable.columns:
        return np.nan
    e = usable.loc[~is_enriched(usable["isotope"]), "enrichment_167Er"].dropna()
    return float(e.iloc[0]) if len(e) else np.nan


def _demag_row(cw: Mapping[str, float], demag: Mapping[str, Any], rho: float) -> tuple:
    """Scorecard row erw10.theta_corrected_K: theta + N_zz C_z (``demagnetisation``) in the one
    geometry of the erw10.demag_ratio row (flat crystal, N along the ac field), with the
    easy-axis geometry and the prism edges as alternatives."""
    N, psi = cw["N_field_cgs"], cw["angle_deg"]
    args = (cw["theta_K"], cw["C_emu_K_per_mol"], rho, cw["molar_mass_g_per_mol"], psi)
    theta = intrinsic_theta_K(*args, flat_crystal_N_zz_cgs(N, psi))
    theta_easy = intrinsic_theta_K(*args, N)
    chi_max = cw["chi_max_volume_cgs"]
    ratio = ferromagnetic_limit_volume_cgs(flat_crystal_N_zz_cgs(N, psi), psi) / chi_max
    ratio_easy = ferromagnetic_limit_volume_cgs(N, psi) / chi_max
    axes = prism_demag_factors_cgs(tuple(demag["crystal_dimensions_um"]))
    alt = [intrinsic_theta_K(*args, float(n)) for n in axes]
    dims = "x".join(f"{d:g}" for d in demag["crystal_dimensions_um"])
    return (
        "erw10.theta_corrected_K",
        theta,
        cw["theta_err_K"],
        f"model: Curie-Weiss theta of {cw['sample']} ({cw['theta_K']:.4g} K, C = "
        f"{cw['C_emu_K_per_mol']:.4g} emu K/mol, both virtual-instrument settings) corrected "
        f"for demagnetisation, theta + N_zz C_z with C_z = C / cos^2({psi:g} deg) in volume "
        f"units (rho = {rho:g} g/cm3), in the geometry of erw10.demag_ratio: flat crystal, "
        f"N = {N:.4g} along the ac field, N_zz = N cos^2 = {flat_crystal_N_zz_cgs(N, psi):.4g} "
        f"(correction N C, limit 1/N, demag ratio {ratio:.3g}); alternative, N along the easy "
        f"axis: {theta_easy:.3g} K (demag ratio {ratio_easy:.3g}); N_zz along the three "
        f"edges of a {dims} um prism ({', '.join(f'{n:.3g}' for n in axes)}): "
        f"{min(alt):.3g} to {max(alt):.3g} K",
    )


def curie_weiss_input(
    equilibrium: pd.DataFrame, sheet: pd.DataFrame, sample: str
) -> dict[str, Any] | None:
    """Inputs of the demagnetising correction for ``sample`` from the ac stage's equilibrium
    table (cw_theta_K, cw_theta_err_K, cw_C; the demagnetising limit 1/N and the chi' maximum
    of the erw10.demag_ratio row, so both rows use one N) and the sample sheet (molar mass,
    easy-axis angle); None when the sample has no converged Curie-Weiss fit, no demagnetising
    limit or is not a crystal."""
    eq = equilibrium.loc[equilibrium["sample"] == sample]
    sh = sheet.loc[sheet["sample_id"] == sample]
    needed = ("cw_theta_K", "demag_limit_volume_cgs", "chi_real_max_volume_cgs")
    if eq.empty or sh.empty or not all(c in eq.columns for c in needed):
        return None
    if not np.all(np.isfinite(eq.loc[:, list(needed)].iloc[0].to_numpy(dtype=float))):
        return None
    if "cw_converged" in eq.columns and not as_bool(eq["cw_converged"]).iloc[0]:
        return None
    angle = pd.to_numeric(sh["easy_axis_angle_deg"]).iloc[0]
    if not np.isfinite(angle):
        return None
    return {
        "sample": sample,
        "theta_K": float(eq["cw_theta_K"].iloc[0]),
        "theta_err_K": float(eq["cw_theta_err_K"].iloc[0]),
        "C_emu_K_per_mol": float(eq["cw_C"].iloc[0]),
        "molar_mass_g_per_mol": float(sh["molar_mass_g_per_mol"].iloc[0]),
        "angle_deg": float(angle),
        "N_field_cgs": 1.0 / float(eq["demag_limit_volume_cgs"].iloc[0]),
        "chi_max_volume_cgs": float(eq["chi_real_max_volume_cgs"].iloc[0]),
    }
