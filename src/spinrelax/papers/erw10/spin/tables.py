"""Output tables of the spin stage (pure functions returning sorted DataFrames).

Column names carry units; one ``variant`` column names the parameter set so that the printed
and the sign-corrected B40 can be compared row by row (Luis et al. PRB 2010, Eq. 1 and text).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from spinrelax.constants import OE_PER_T, mu_B_K_per_T
from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum
from spinrelax.papers.erw10.spin.doublets import doublet_g_factors
from spinrelax.papers.erw10.spin.eigensystem import (
    dominant_component,
    expectation,
    kramers_doublets,
)
from spinrelax.papers.erw10.spin.hamiltonian import crystal_field_hamiltonian_K, nuclear_identity
from spinrelax.papers.erw10.spin.parameters import IonParameters
from spinrelax.papers.erw10.spin.sweep import level_sweep_K
from spinrelax.papers.erw10.spin.thermodynamics import (
    chi_at_angle,
    excited_population,
    powder_average,
    susceptibility_emu_per_mol,
)
from spinrelax.papers.erw10.spin.tunnelling import tunnel_splitting_K
from spinrelax.papers.scorecard import verdict

#: Paper statements the variant check tests (ids of data/literature/paper1_values.csv).
VARIANT_CHECK_IDS = ("erw10.ground_doublet_mJ", "erw10.excited_population_4K", "erw10.delta_K")


def levels_table(params: IonParameters) -> pd.DataFrame:
    """Zero-field levels: variant, level, energy_K, doublet, dominant_mJ (signed), weight, Jz."""
    doublets = kramers_doublets(crystal_field_hamiltonian_K(params), params.J)
    Jz = angular_momentum(params.J).Jz
    rows = []
    for d, energy in enumerate(doublets.energies_K):
        for offset, state in enumerate((doublets.plus[:, d], doublets.minus[:, d])):
            m, weight = dominant_component(state, params.J)
            rows.append(
                {
                    "variant": params.name,
                    "level": 2 * d + offset,
                    "energy_K": energy,
                    "doublet": d,
                    "dominant_mJ": m,
                    "weight": weight,
                    "Jz_expectation": float(expectation(state[:, None], Jz)[0]),
                }
            )
    return pd.DataFrame(rows)


def doublets_table(params: IonParameters, check_field_Oe: float) -> pd.DataFrame:
    """Doublets with g from matrix elements and from small-field splittings (see ``doublets``)."""
    table = doublet_g_factors(params, check_field_Oe)
    return table.assign(variant=params.name).loc[:, ["variant", *table.columns]]


def tunnel_table(params: IonParameters, H_perp_Oe: np.ndarray) -> pd.DataFrame:
    """Exact ground-doublet tunnel splitting vs transverse field, with g_perp muB H beside it."""
    H = np.asarray(H_perp_Oe, dtype=float)
    delta = tunnel_splitting_K(params, H)
    g_perp = doublet_g_factors(params)["g_perp"].iloc[0]
    return pd.DataFrame(
        {
            "variant": params.name,
            "H_perp_Oe": H,
            "Delta_K": delta,
            "Delta_linear_K": g_perp * mu_B_K_per_T * H / OE_PER_T,
        }
    )


def hyperfine_levels_table(
    params: IonParameters, H_perp_Oe: list[float], n_levels: int
) -> pd.DataFrame:
    """The ``n_levels`` lowest of the (2J+1)(2I+1) electronuclear levels at zero bias.

    One block per transverse field in ``H_perp_Oe``; energies relative to the zero-field ground
    level. (No <Jz>, <Iz> columns: at zero field the levels are degenerate pairs whose basis,
    and hence expectation values, LAPACK leaves arbitrary.)
    """
    blocks = []
    for H_perp in H_perp_Oe:
        energies = level_sweep_K(params, [0.0], H_perp, with_hyperfine=True, n_levels=n_levels)
        blocks.append(
            pd.DataFrame(
                {
                    "variant": params.name,
                    "H_perp_Oe": H_perp,
                    "level": np.arange(energies.shape[1]),
                    "energy_K": energies[0],
                }
            )
        )
    return pd.concat(blocks, ignore_index=True)


def level_sweep_table(
    params: IonParameters, Hz_Oe: np.ndarray, H_perp_Oe: float, n_levels: int
) -> pd.DataFrame:
    """Lowest levels vs bias for I = 0 (2 levels) and with the nucleus (``n_levels``).

    Columns: variant, isotope ("I=0" or "I=<I>"), Hz_Oe, level, energy_K, Jz_expectation,
    Iz_expectation (0 for I = 0); the data of Fig. 1(c, d).
    """
    Hz = np.asarray(Hz_Oe, dtype=float)
    blocks = []
    cases = [(params.without_nucleus(), False, 2, "I=0")]
    if params.I > 0:
        cases.append((params, True, n_levels, f"I={params.I:g}"))
    for p, with_nucleus, n, label in cases:
        energies, vectors = level_sweep_K(
            p, Hz, H_perp_Oe, with_hyperfine=with_nucleus, n_levels=n, return_vectors=True
        )
        eye_I = nuclear_identity(p) if with_nucleus else np.eye(1)
        Jz = np.kron(angular_momentum(p.J).Jz, eye_I)
        Iz = np.kron(np.eye(int(round(2 * p.J)) + 1), angular_momentum(p.I).Jz)
        blocks.append(
            pd.DataFrame(
                {
                    "variant": params.name,
                    "isotope": label,
                    "Hz_Oe": np.repeat(Hz, n),
                    "level": np.tile(np.arange(n), len(Hz)),
                    "energy_K": energies.reshape(-1),
                    "Jz_expectation": expectation(vectors, Jz).reshape(-1),
                    "Iz_expectation": expectation(vectors, Iz).reshape(-1),
                }
            )
        )
    return pd.concat(blocks, ignore_index=True)


def susceptibility_table(params: IonParameters, T_K: np.ndarray, angle_deg: float) -> pd.DataFrame:
    """chi_z, chi_perp, powder and tilted-crystal chi (emu/mol) on the temperature grid."""
    chi_z = susceptibility_emu_per_mol(params, T_K, "z")
    chi_perp = susceptibility_emu_per_mol(params, T_K, "x")
    return pd.DataFrame(
        {
            "variant": params.name,
            "T_K": np.asarray(T_K, dtype=float),
            "chi_z_emu_per_mol": chi_z,
            "chi_perp_emu_per_mol": chi_perp,
            "chi_powder_emu_per_mol": powder_average(chi_z, chi_perp),
            "tilt_angle_deg": angle_deg,
            "chi_tilted_emu_per_mol": chi_at_angle(chi_z, chi_perp, angle_deg),
        }
    )


def variant_summary(params: IonParameters, H_perp_Oe: float, T_K: float) -> dict[str, float]:
    """Ground doublet |mJ|, g values, first excited doublet, Delta(H_perp), excited population."""
    g = doublet_g_factors(params)
    return {
        "ground_doublet_mJ": float(g["dominant_mJ"].iloc[0]),
        "ground_weight": float(g["weight"].iloc[0]),
        "g_z": float(g["g_z"].iloc[0]),
        "g_perp": float(g["g_perp"].iloc[0]),
        "first_excited_doublet_K": float(g["energy_K"].iloc[1]),
        "H_perp_Oe": H_perp_Oe,
        "Delta_K": float(tunnel_splitting_K(params, H_perp_Oe)),
        "T_K": T_K,
        "excited_population": float(excited_population(params, T_K)[0]),
    }


def variant_check_table(
    variants: Mapping[str, IonParameters],
    paper_values: pd.DataFrame,
    H_perp_Oe: float,
    T_K: float,
) -> pd.DataFrame:
    """One row per variant with the quantities the paper states and a computed consistency flag.

    Each statement is judged with the scorecard rule of its row in ``paper_values``
    (ids :data:`VARIANT_CHECK_IDS`); ``failed_checks`` lists the ids that disagree.
    """
    paper = paper_values.set_index("id")
    rows = []
    for name in sorted(variants):
        s = variant_summary(variants[name], H_perp_Oe, T_K)
        reproduced = {
            "erw10.ground_doublet_mJ": s["ground_doublet_mJ"],
            "erw10.excited_population_4K": s["excited_population"],
            "erw10.delta_K": s["Delta_K"],
        }
        failed = [
            key
            for key in VARIANT_CHECK_IDS
            if not verdict(
                paper.at[key, "paper_value"],
                paper.at[key, "paper_err"],
                reproduced[key],
                np.nan,
                paper.at[key, "tolerance"],
                paper.at[key, "tolerance_kind"],
            )
        ]
        rows.append(
            {
                "variant": name,
                **s,
                "consistent_with_paper": not failed,
                "failed_checks": ";".join(failed),
            }
        )
    return pd.DataFrame(rows)


def scorecard_part(check: pd.DataFrame, default_variant: str) -> pd.DataFrame:
    """Scorecard rows erw10.ground_doublet_mJ and erw10.excited_population_4K (default variant)."""
    by = check.set_index("variant")
    chosen = by.loc[default_variant]
    others = [v for v in by.index if v != default_variant]

    def describe(column: str, fmt: str) -> str:
        return "; ".join(f"{v}: {format(by.at[v, column], fmt)}" for v in others)

    return pd.DataFrame(
        {
            "id": ["erw10.ground_doublet_mJ", "erw10.excited_population_4K"],
            "reproduced": [chosen["ground_doublet_mJ"], chosen["excited_population"]],
            "reproduced_err": [np.nan, np.nan],
            "note": [
                f"|mJ| of the dominant component ({chosen['ground_weight']:.4f}) of the ground "
                f"Kramers doublet, exact diagonalisation, variant {default_variant}; other "
                f"variants: {describe('ground_doublet_mJ', 'g')} (B40 as printed gives a "
                "+-15/2 ground doublet, contradicting the text)",
                f"Boltzmann population of all levels above the ground doublet at "
                f"{chosen['T_K']:g} K (first excited doublet at "
                f"{chosen['first_excited_doublet_K']:.1f} K), variant {default_variant}; other "
                f"variants: {describe('excited_population', '.3g')}",
            ],
        }
    )
