"""All tables of the spin stage from the ``spin:`` config section (called by scripts/spin_tables.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from spinrelax.papers.erw10.spin.parameters import IonParameters, load_variant
from spinrelax.papers.erw10.spin.tables import (
    doublets_table,
    hyperfine_levels_table,
    level_sweep_table,
    levels_table,
    scorecard_part,
    susceptibility_table,
    tunnel_table,
    variant_check_table,
)


def linear_grid(spec: Mapping[str, Any]) -> np.ndarray:
    """``n`` evenly spaced values from ``min`` to ``max`` (inclusive)."""
    return np.linspace(float(spec["min"]), float(spec["max"]), int(spec["n"]))


def log_grid(spec: Mapping[str, Any]) -> np.ndarray:
    """``n`` log-spaced values from ``min`` to ``max`` (inclusive, both > 0)."""
    return np.geomspace(float(spec["min"]), float(spec["max"]), int(spec["n"]))


def all_variants(spin_config: Mapping[str, Any]) -> dict[str, IonParameters]:
    """Every named variant of the config, by name (sorted)."""
    return {name: load_variant(spin_config, name) for name in sorted(spin_config["variants"])}


def stage_tables(
    spin_config: Mapping[str, Any], paper_values: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Tables keyed by output name: levels, doublets, tunnel_splitting, hyperfine_levels,
    susceptibility, variant_check and scorecard_part (one block per variant, sorted by name),
    and level_sweep (Fig. 1(c, d) data, default variant only)."""
    variants = all_variants(spin_config)
    H_perp = float(spin_config.get("H_perp_dip_Oe", 80.0))
    n_hf = int(spin_config.get("hyperfine_levels_n", 16))
    per_variant = {
        "levels": lambda p: levels_table(p),
        "doublets": lambda p: doublets_table(p, float(spin_config.get("g_check_field_Oe", 1.0))),
        "tunnel_splitting": lambda p: tunnel_table(p, log_grid(spin_config["tunnel_H_perp_Oe"])),
        "hyperfine_levels": lambda p: hyperfine_levels_table(p, [0.0, H_perp], n_hf),
        "susceptibility": lambda p: susceptibility_table(
            p,
            log_grid(spin_config["temperature_K"]),
            float(spin_config.get("field_angle_deg", 42.0)),
        ),
    }
    tables = {
        key: pd.concat([build(variants[name]) for name in variants], ignore_index=True)
        for key, build in per_variant.items()
    }
    default = load_variant(spin_config)
    tables["level_sweep"] = level_sweep_table(
        default, linear_grid(spin_config["Hz_sweep_Oe"]), H_perp, n_hf
    )
    check = variant_check_table(
        variants, paper_values, H_perp, float(spin_config.get("population_T_K", 4.0))
    )
    tables["variant_check"] = check
    tables["scorecard_part"] = scorecard_part(check, str(spin_config["default_variant"]))
    return tables
