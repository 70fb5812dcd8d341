"""Paper 1, tunnelling part: sigma_dip, xi_dip, Delta, Eq. 2 over its readings, B44 from
Gamma = plateau, and the phonon-laser rate.

Readings of Eq. 2 (docs/physics.md): the ordering moment in 2 mu sigma_dip = kB T_N
(``ground_doublet``: g_z muB / 2, or ``free_ion``: g J muB as printed); the transverse dipolar
field distribution, <H_perp^2> = r sigma_dip^2 with r = 1.5 (Ising dipoles: <H_x^2> =
<H_y^2> = (3/4) <H_z^2> for an isotropic distribution of positions) or 2 (isotropic Gaussian),
or r = 1 (Delta evaluated at |H_perp| = sigma_dip, the old reading); the convention (Eq. 2 or
the golden rule, pi/2 larger). Delta is linear in H_perp for a Kramers doublet, so
<Delta^2> = Delta(sqrt(<H_perp^2>))^2. The "paper Delta" (scorecard ``erw10.delta_K``) is the
splitting at one transverse field for every stage: the Fig. 1 field ``spin.H_perp_dip_Oe``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import brentq

from spinrelax.papers.erw10.relaxation import crystal_field_rates as cf
from spinrelax.papers.erw10.relaxation.paper1_crystal_field import Rows
from spinrelax.papers.erw10.relaxation.phonon_laser import DENOMINATORS, phonon_laser_rate_s
from spinrelax.papers.erw10.relaxation.tunnelling import (
    gaussian_bias_density_per_K,
    ordered_phase_factor,
    sigma_dip_from_T_N_Oe,
    tunnelling_rate_s,
    zeeman_bias_K,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters


@dataclass(frozen=True)
class Reading:
    """One reading of Eq. 2: ordering moment, <H_perp^2> / sigma^2 and convention."""

    moment: str
    perp_ratio: float
    convention: str

    def label(self) -> str:
        return f"mu {self.moment}, <H_perp^2> = {self.perp_ratio:g} sigma^2, {self.convention}"


def ordering_moment_muB(ion: IonParameters, g_z: float, moment: str) -> float:
    """mu/muB of 2 mu sigma_dip = kB T_N: ground doublet g_z / 2 or free ion g_J J."""
    if moment == "ground_doublet":
        return g_z / 2.0
    if moment == "free_ion":
        return ion.g_J * ion.J
    raise ValueError(f"moment must be ground_doublet or free_ion, not {moment!r}")


@dataclass(frozen=True)
class Eq2:
    """sigma_dip (Oe), xi_dip (K), rms transverse field (Oe), Delta_rms (K), Gamma (s^-1)."""

    sigma_Oe: float
    xi_K: float
    H_perp_rms_Oe: float
    delta_rms_K: float
    gamma_s: float


def eq2(ion: IonParameters, T_N_K: float, reading: Reading, phi_deg: float) -> Eq2:
    """Eq. 2 of paper 1 under one reading (module docstring)."""
    _, g_z = cf.ground_doublet(ion)
    sigma = float(sigma_dip_from_T_N_Oe(T_N_K, ordering_moment_muB(ion, g_z, reading.moment)))
    xi = float(zeeman_bias_K(g_z, sigma))
    h_rms = float(np.sqrt(reading.perp_ratio) * sigma)
    delta = cf.tunnel_splitting_K(ion, h_rms, phi_deg)
    gamma = float(
        tunnelling_rate_s(delta, gaussian_bias_density_per_K(0.0, xi), reading.convention)
    )
    return Eq2(sigma, xi, h_rms, delta, gamma)


def b44_from_plateau(
    ion: IonParameters, T_N_K: float, rate_s: float, reading: Reading, phi_deg: float
) -> tuple[float, float]:
    """|B44|/kB (K) at which Gamma(B44) of :func:`eq2` equals ``rate_s``, and d ln Gamma /
    d B44 there (for the error); NaN when no root in 1e-4 - 0.3 K."""

    def f(b44: float) -> float:
        return np.log(eq2(ion.with_B(4, 4, b44), T_N_K, reading, phi_deg).gamma_s) - np.log(rate_s)

    lo, hi = 1e-4, 0.3
    if not np.isfinite(rate_s) or f(lo) * f(hi) > 0:
        return np.nan, np.nan
    b = float(brentq(f, lo, hi, xtol=1e-10))
    h = 1e-4 * b
    return b, (f(b + h) - f(b - h)) / (2 * h)


def tunnelling_block(
    ion: IonParameters,
    T_N_K: float,
    plateau_s: float,
    plateau_err_s: float,
    tun: Mapping[str, Any],
    ph: Mapping[str, Any],
    H_perp_paper_Oe: float,
) -> tuple[Rows, Eq2, Reading]:
    """Every Eq. 2 number, its readings, B44 from the plateau and the phonon laser."""
    out = Rows()
    phi = tun["transverse_field_azimuth_deg"]
    chosen = Reading(tun["sigma_dip_moment"], float(tun["perp_field_ratios"][0]), tun["convention"])
    readings = [
        Reading(mo, float(r), c)
        for mo, r, c in itertools.product(
            ("ground_doublet", "free_ion"),
            [*tun["perp_field_ratios"], 1.0],
            ("paper_eq2", "golden_rule"),
        )
    ]
    res = {rd: eq2(ion, T_N_K, rd, phi) for rd in readings}
    main = res[chosen]
    defensible = [v.gamma_s for rd, v in res.items() if rd.perp_ratio != 1.0]
    b44_name = f"B44 = {ion.B_kq_K.get((4, 4), 0.0):g} K ({ion.name})"
    delta_paper = cf.tunnel_splitting_K(ion, H_perp_paper_Oe, phi)
    _, g_z = cf.ground_doublet(ion)
    for rd, v in res.items():
        out.tunnel += [
            ("gamma_reading_s-1", v.gamma_s, np.nan, "s^-1", rd.label()),
            ("delta_rms_reading_K", v.delta_rms_K, np.nan, "K", rd.label()),
        ]
    b44, slope = b44_from_plateau(ion, T_N_K, plateau_s, chosen, phi)
    b44_err = float(plateau_err_s / plateau_s / abs(slope)) if np.isfinite(slope) else np.nan
    b44_alt = [b44_from_plateau(ion, T_N_K, plateau_s, rd, phi)[0] for rd in readings]
    b44_alt = [b for rd, b in zip(readings, b44_alt, strict=True) if rd.perp_ratio != 1.0]
    out.tunnel += [
        ("T_N_K", T_N_K, np.nan, "K", "ac stage, equilibrium table"),
        ("g_z_ground", g_z, np.nan, "1", f"2 g_J |<+|Jz|+>|, {b44_name}"),
        ("sigma_dip_Oe", main.sigma_Oe, np.nan, "Oe", f"2 mu sigma_dip = kB T_N, {chosen.label()}"),
        ("xi_dip_K", main.xi_K, np.nan, "K", "g_z muB sigma_dip"),
        ("H_perp_rms_Oe", main.H_perp_rms_Oe, np.nan, "Oe", chosen.label()),
        ("delta_K", delta_paper, np.nan, "K", f"splitting at H_perp = {H_perp_paper_Oe:g} Oe (Fig. 1 field), {b44_name}"),
        ("delta_rms_K", main.delta_rms_K, np.nan, "K", f"<Delta^2>^(1/2), {chosen.label()}, {b44_name}"),
        ("gamma_theory_s-1", main.gamma_s, np.nan, "s^-1", f"Eq. 2, {chosen.label()}, {b44_name}"),
        ("plateau_rate_measured_s-1", plateau_s, plateau_err_s, "s^-1", "x = 1, H = 0"),
        ("B44_from_plateau_K", b44, b44_err, "K", f"Gamma(B44) = measured plateau, {chosen.label()}"),
        ("ordered_phase_factor", ordered_phase_factor(T_N_K, tun["ordered_width_ratio"], main.xi_K), np.nan, "1", f"P(0) with width x{tun['ordered_width_ratio']} centred at kB T_N over paramagnetic P(0)"),
        ("x_exponent_predicted", 1.0, np.nan, "1", "Eq. 2 with Delta ~ sigma_dip ~ x"),
    ]  # fmt: skip
    old = res[Reading("free_ion", 1.0, "paper_eq2")]
    out.card += [
        (
            "erw10.sigma_dip_Oe",
            main.sigma_Oe,
            np.nan,
            f"2 mu sigma_dip = kB T_N (T_N = {T_N_K:.4g} K) with the ground doublet's moment "
            f"mu = g_z muB / 2 = {g_z / 2:.3g} muB; with the printed g J muB: "
            f"{old.sigma_Oe:.3g} Oe",
        ),
        ("erw10.xi_dip_K", main.xi_K, np.nan, f"g_z muB sigma_dip, g_z = {g_z:.4g}"),
        (
            "erw10.delta_K",
            delta_paper,
            np.nan,
            f"exact ground-doublet splitting at H_perp = {H_perp_paper_Oe:g} Oe (the Fig. 1 field, "
            f"the one H_perp of every 'paper Delta'), {b44_name}; Eq. 2 uses "
            f"<Delta^2>^(1/2) = {main.delta_rms_K:.3g} K ({chosen.label()})",
        ),
        (
            "erw10.gamma_theory_s-1",
            main.gamma_s,
            np.nan,
            f"Eq. 2 with <Delta^2> over the transverse dipolar field, {chosen.label()}, "
            f"{b44_name}; readings with r = 1.5 or 2, either moment, Eq. 2 or golden rule: "
            f"{min(defensible):.3g}-{max(defensible):.3g} s^-1; old reading (Delta at "
            f"|H_perp| = sigma_dip, g J muB): {old.gamma_s:.3g} s^-1",
        ),
        (
            "erw10.B44_plateau_K",
            b44,
            b44_err,
            f"|B44| at which Eq. 2 ({chosen.label()}) equals the measured plateau "
            f"{plateau_s:.4g} s^-1; other readings: {np.nanmin(b44_alt):.3g}-"
            f"{np.nanmax(b44_alt):.3g} K",
        ),
    ]
    out.card.append(_laser(ion, main, ph, out))
    return out, main, chosen


def _laser(ion: IonParameters, main: Eq2, ph: Mapping[str, Any], out: Rows) -> tuple:
    dE = float(np.hypot(main.delta_rms_K, main.xi_K))
    values = {}
    for k, per_mol in itertools.product(DENOMINATORS, (False, True)):
        values[(k, per_mol)] = phonon_laser_rate_s(
            ion.J, main.delta_rms_K, dE, ph["c_s_cm_per_s"], ph["rho_g_per_cm3"],
            ph["V_cell_A3"], ph["Z"], per_mol, k,
        )  # fmt: skip
        out.tunnel.append(
            (
                "phonon_laser_reading_s-1",
                values[(k, per_mol)],
                np.nan,
                "s^-1",
                f"k = {k}, M = rho V{' / Z' if per_mol else ''}",
            )
        )
    chosen = values[("8pi", bool(ph["per_molecule"]))]
    out.tunnel += [
        ("phonon_laser_dE_K", dE, np.nan, "K", "(Delta_rms^2 + xi_dip^2)^(1/2)"),
        ("phonon_laser_s-1", chosen, np.nan, "s^-1", "J (Delta/hbar) (dE / 8 pi M c_s^2)^(1/2)"),
    ]
    return (
        "erw10.phonon_laser_s-1",
        chosen,
        np.nan,
        f"J (Delta/hbar)(dE / 8 pi M c_s^2)^(1/2), the printed structure completed by the "
        f"collective Rabi frequency of the rotational coupling (vanishes as Delta -> 0), "
        f"Delta = {main.delta_rms_K:.3g} K, dE = {dE:.3g} K, M = rho V"
        f"{' / Z' if ph['per_molecule'] else ''}; readings 8 or 8 pi, M = rho V or rho V / Z: "
        f"{min(values.values()):.3g}-{max(values.values()):.3g} s^-1; the dE/hbar completion "
        f"would give {chosen * dE / main.delta_rms_K:.3g} s^-1 and survives Delta -> 0",
    )
