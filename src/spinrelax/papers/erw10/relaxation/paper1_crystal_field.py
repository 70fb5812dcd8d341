"""Paper 1, crystal-field part of the relaxation: B44 by the paper's method, the effective
barrier of the printed parameters, the standard-theory line and the direct process.

- B44 from the *magnitude* of the activated rates at an a-priori spin-phonon coupling
  (``phonon_coupling``: rho, c_s, coupling A per unit strain), for every spin variant and for
  A / 3, A, 3 A (``crystal_field_rates.fit_b44_magnitude``);
- the barrier-matching fit (B44 and C free) only as a diagnostic;
- the Arrhenius barrier of the master equation with the paper's own parameters over the
  activated window, for every variant (the paper's 63 K vs the levels: docs/physics.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from spinrelax.papers.erw10.relaxation import crystal_field_rates as cf
from spinrelax.papers.erw10.relaxation.phonon_coupling import (
    crystal_field_rms_K,
    debye_prefactor_s_K3,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters


@dataclass
class Rows:
    """Rows of the parameters table, the tunnelling table and the scorecard part."""

    params: list[tuple] = field(default_factory=list)
    tunnel: list[tuple] = field(default_factory=list)
    card: list[tuple] = field(default_factory=list)


def fit_rows(
    sample: str,
    label: str,
    fit_name: str,
    converged: bool,
    values: Sequence[tuple[str, float, float, str]],
) -> list[tuple]:
    """Parameter-table rows (sample, parameter, value, err, unit, method) of one fit and its
    ``converged_<fit_name>`` row; a fit that did not converge publishes no value or error
    (goodness-of-fit rows stay as diagnostics)."""
    rows = []
    for name, value, err, unit in values:
        if not converged and "chi2_red" not in name:
            value, err = np.nan, np.nan
        rows.append((sample, name, value, err, unit, label))
    rows.append((sample, f"converged_{fit_name}", float(converged), np.nan, "bool", label))
    return rows


@dataclass
class CrystalFieldResult:
    """The fitted ion (magnitude fit), the a-priori prefactor C and the rows."""

    fitted: IonParameters
    prefactor_s_K3: float
    coupling_K: float
    rows: Rows


def a_priori_prefactor(
    ion: IonParameters, me: Mapping[str, Any], ph: Mapping[str, Any]
) -> tuple[float, float]:
    """(coupling A in K per unit strain, C in s^-1 K^-3) from the config (null A: CF rms)."""
    A = me.get("strain_coupling_K")
    A = crystal_field_rms_K(ion) if A is None else float(A)
    return A, debye_prefactor_s_K3(A, ph["rho_g_per_cm3"], ph["c_s_cm_per_s"])


def crystal_field_block(
    ion: IonParameters,
    others: Sequence[IonParameters],
    window: pd.DataFrame,
    background_s: np.ndarray,
    me: Mapping[str, Any],
    ph: Mapping[str, Any],
    ops0: tuple[str, ...],
    compare_ops: Sequence[tuple[str, ...]],
) -> CrystalFieldResult:
    """B44 (magnitude fit, every variant and coupling factor), diagnostic barrier-matching
    fits, and the Arrhenius barrier with the paper's B44 for every variant."""
    out = Rows()
    T = window["T_K"].to_numpy(dtype=float)
    r = window["rate_s-1"].to_numpy(dtype=float)
    err = window["rate_err_s-1"].to_numpy(dtype=float)
    sig_ln = np.where(err > 0, err / r, 0.1)
    A, C = a_priori_prefactor(ion, me, ph)
    factors = [1.0] + [float(f) for f in me["strain_coupling_factors"]]
    grid = me["B44_start_grid_K"]
    mag: dict[tuple[str, float], cf.B44Fit] = {}
    barrier: dict[str, tuple[float, float, float]] = {}
    for v in [ion, *others]:
        for f in factors:
            fit = cf.fit_b44_magnitude(v, T, r, sig_ln, ops0, C * f * f, background_s, grid)
            mag[(v.name, f)] = fit
            label = (
                f"magnitude fit ({v.name}), C = {C * f * f:.3g} s^-1 K^-3 fixed "
                f"(A = {A * f:.3g} K per unit strain), {'+'.join(ops0)}"
            )
            out.params += fit_rows(
                "all",
                label,
                "b44",
                fit.converged,
                [
                    ("B44_K", fit.B44_K, fit.B44_err_K, "K"),
                    ("chi2_red_b44", fit.chi2_red, np.nan, "1"),
                ],
            )
        barrier[v.name] = cf.arrhenius_barrier_K(v, tuple(me["b44_window_K"]), ops0)
        e1 = float(cf.level_scheme(v, ops0).energies_K[2])
        label = f"{v.name}, B44 = {v.B_kq_K.get((4, 4), 0.0):g} K, {'+'.join(ops0)}"
        out.params += [
            ("all", "barrier_arrhenius_K", barrier[v.name][0], np.nan, "K", label),
            ("all", "barrier_local_min_K", barrier[v.name][1], np.nan, "K", label),
            ("all", "barrier_local_max_K", barrier[v.name][2], np.nan, "K", label),
            ("all", "first_excited_doublet_K", e1, np.nan, "K", label),
        ]
    diag: dict[tuple[str, ...], cf.B44Fit] = {}
    for ops in [ops0, *compare_ops]:  # diagnostic: B44 and C both free (barrier matching)
        bf = diag[ops] = cf.fit_b44_prefactor(ion, T, r, sig_ln, ops, background_s, grid)
        label = f"diagnostic barrier matching (B44 and C free), {ion.name}, {'+'.join(ops)}"
        e1 = float(cf.level_scheme(ion.with_B(4, 4, bf.B44_K), ops).energies_K[2])
        out.params += fit_rows(
            "all",
            label,
            "b44",
            bf.converged,
            [
                ("B44_K", bf.B44_K, bf.B44_err_K, "K"),
                ("prefactor_s-1_K-3", bf.prefactor_s_K3, bf.prefactor_err_s_K3, "s^-1 K^-3"),
                ("chi2_red_b44", bf.chi2_red, np.nan, "1"),
                ("first_excited_doublet_K", e1, np.nan, "K"),
            ],
        )
    main = mag[(ion.name, 1.0)]
    spread = _span([_published(mag[(ion.name, f)])[0] for f in factors])
    other_txt = "; ".join(f"{o.name}: {_published(mag[(o.name, 1.0)])[0]:.3g} K" for o in others)
    out.card.append(
        (
            "erw10.B44_K",
            *_published(main),
            f"{_failed(main)}paper's method: |B44| fitted to the magnitude of {main.n_points} "
            f"activated rates in {me['b44_window_K']} K with C = {C:.3g} s^-1 K^-3 fixed "
            f"a priori (rho, c_s, "
            f"A = {A:.3g} K per unit strain, {'+'.join(ops0)}), variant {ion.name} "
            f"(chi2_red {main.chi2_red:.3g}); A / 3 .. 3 A gives {spread}; other variants: "
            f"{other_txt}; diagnostic barrier matching "
            f"(C free): {_published(diag[ops0])[0]:.3g} K",
        )
    )
    for o in others:  # the same magnitude fit with each other crystal field (e.g. printed B40)
        fit = mag[(o.name, 1.0)]
        o_spread = _span([_published(mag[(o.name, f)])[0] for f in factors])
        out.card.append(
            (
                f"erw10.B44_K.{o.name}",
                *_published(fit),
                f"{_failed(fit)}paper's method with variant {o.name} "
                f"(B40 = {o.B_kq_K.get((4, 0), 0.0):g} K): |B44| fitted to the magnitude of "
                f"{fit.n_points} activated rates in "
                f"{me['b44_window_K']} K with the same a-priori C = {C:.3g} s^-1 K^-3 "
                f"(A = {A:.3g} K) (chi2_red {fit.chi2_red:.3g}); A / 3 .. 3 A gives "
                f"{o_spread}; default variant {ion.name}: "
                f"{_published(main)[0]:.3g} K (erw10.B44_K)",
            )
        )
    for v in [ion, *others]:
        U, lo, hi = barrier[v.name]
        key = "erw10.barrier_K" if v is ion else f"erw10.barrier_K.{v.name}"
        e1 = float(cf.level_scheme(v, ops0).energies_K[2])
        out.card.append(
            (
                key,
                U,
                np.nan,
                f"Arrhenius slope of the master-equation rate ({'+'.join(ops0)}) over "
                f"{me['b44_window_K']} K with the paper's parameters, variant {v.name} "
                f"(B44 = {v.B_kq_K.get((4, 4), 0.0):g} K): local barrier {lo:.3g}-{hi:.3g} K, "
                f"first excited doublet {e1:.3g} K",
            )
        )
    return CrystalFieldResult(ion.with_B(4, 4, main.B44_K), C, A, out)


def _published(fit: cf.B44Fit) -> tuple[float, float]:
    """(B44, error) of a converged fit, else (NaN, NaN): no number from a failed fit."""
    return (fit.B44_K, fit.B44_err_K) if fit.converged else (np.nan, np.nan)


def _span(values: Sequence[float]) -> str:
    """ "lo-hi K" over the finite values (converged fits), or say that none converged."""
    v = [x for x in values if np.isfinite(x)]
    return f"{min(v):.3g}-{max(v):.3g} K" if v else "no converged fit"


def _failed(fit: cf.B44Fit) -> str:
    return "" if fit.converged else "the fit did not converge; "


def direct_block(
    ion: IonParameters,
    T_K: float,
    prefactor_s_K3: float,
    ops0: tuple[str, ...],
    H_z_Oe: float,
    H_perp_Oe: float,
    plateau_s: float,
    factors: Sequence[float],
) -> Rows:
    """One-phonon rate inside the ground doublet with the paper's B44 and the a-priori C."""
    out = Rows()
    direct = cf.ground_doublet_direct_rate_s(ion, T_K, prefactor_s_K3, ops0, H_z_Oe, H_perp_Oe)
    orders = (
        float(np.log10(plateau_s / direct)) if direct > 0 and np.isfinite(plateau_s) else np.nan
    )
    alt = [orders - 2.0 * np.log10(f) for f in factors]  # C ~ A^2
    b44 = ion.B_kq_K.get((4, 4), 0.0)
    out.tunnel += [
        (
            "direct_rate_ground_doublet_s-1",
            direct,
            np.nan,
            "s^-1",
            f"one-phonon rate in the ground doublet at {T_K} K, H_z = {H_z_Oe:.3g} Oe, "
            f"H_perp = {H_perp_Oe:.3g} Oe, B44 = {b44:g} K ({ion.name}), C = "
            f"{prefactor_s_K3:.3g} s^-1 K^-3 a priori",
        ),
        ("direct_orders", orders, np.nan, "decades", "log10(plateau / direct)"),
    ]
    out.card.append(
        (
            "erw10.direct_orders",
            orders,
            np.nan,
            f"log10(plateau / direct one-phonon rate {direct:.3g} s^-1) in the ground doublet at "
            f"{T_K} K with H_z = sigma_dip = {H_z_Oe:.3g} Oe, H_perp = {H_perp_Oe:.3g} Oe (rms), "
            f"the paper's B44 = {b44:g} K ({ion.name}) and the a-priori C; A / 3 .. 3 A: "
            f"{min(alt):.3g}-{max(alt):.3g} decades",
        )
    )
    return out
