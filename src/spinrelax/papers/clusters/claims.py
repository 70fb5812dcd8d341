"""Paper 2's qualitative claims as numbers the scorecard can check (issue 16, item 8).

Each function reads the reproduced moments table (one row per file, with ``element``, ``n``,
``condition``, ``behaviour``) and returns ``(value, note)``:

- :func:`behaviour_matches`: sizes whose classified behaviour is the one the paper states
  (``data/literature/paper2_behaviour.csv``; ``magnetic`` accepts either magnetic behaviour);
- :func:`largest_size`: the largest size of an element with the given behaviours;
- :func:`count_sizes`: how many sizes (optionally in a range) have the given behaviours;
- :func:`langevin_brillouin_max_sigma`: the largest (mu_Langevin - mu_Brillouin) / sigma_mu over
  the superparamagnetic rows. For small moments in the linear regime,
  mu_B (mu_B + 2) = mu_L^2 (Brillouin with g = 2, J = mu/2 vs Langevin; Ashcroft & Mermin
  Eq. 31.47), i.e. mu_L = mu_B sqrt(1 + 2 / mu_B): 3.87 vs 3.00 muB for Nb7.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

MAGNETIC: tuple[str, ...] = ("atomic_like", "superparamagnetic")


def _rows(moments: pd.DataFrame, element: str, condition: str) -> pd.DataFrame:
    return moments[(moments["element"] == element) & (moments["condition"] == condition)]


def behaviour_matches(
    moments: pd.DataFrame, stated: pd.DataFrame, element: str, condition: str
) -> tuple[float, str]:
    """Number of sizes of ``element`` whose behaviour at ``condition`` is the stated one."""
    got = _rows(moments, element, condition).set_index("n")["behaviour"]
    want = stated[stated["element"] == element].set_index("n")["behaviour"]
    misses = []
    for n, b in want.items():
        found = got.get(n, "missing")
        ok = found in MAGNETIC if b == "magnetic" else found == b
        if not ok:
            misses.append(f"{element}{n}: {found} (paper {b})")
    note = f"{len(want) - len(misses)} of {len(want)} stated sizes at {condition} agree"
    return float(len(want) - len(misses)), note + (
        f"; differ: {', '.join(misses)}" if misses else ""
    )


def largest_size(
    moments: pd.DataFrame, element: str, condition: str, behaviours: Collection[str]
) -> tuple[float, str]:
    """Largest n of ``element`` at ``condition`` classified as one of ``behaviours``."""
    rows = _rows(moments, element, condition)
    sizes = sorted(rows.loc[rows["behaviour"].isin(behaviours), "n"].astype(int))
    if not sizes:
        return float("nan"), f"no {element} size at {condition} is {'/'.join(behaviours)}"
    listed = ", ".join(f"{element}{n}" for n in sizes)
    return float(sizes[-1]), f"{'/'.join(behaviours)} at {condition}: {listed}"


def count_sizes(
    moments: pd.DataFrame,
    element: str,
    condition: str,
    behaviours: Collection[str],
    sizes: Collection[int] | None = None,
) -> tuple[float, str]:
    """Number of sizes of ``element`` at ``condition`` (within ``sizes``) with ``behaviours``."""
    rows = _rows(moments, element, condition)
    if sizes is not None:
        rows = rows[rows["n"].isin(list(sizes))]
    hits = sorted(rows.loc[rows["behaviour"].isin(behaviours), "n"].astype(int))
    listed = ", ".join(f"{element}{n}" for n in hits) or "none"
    return float(len(hits)), f"{'/'.join(behaviours)} at {condition}: {listed}"


def langevin_brillouin_max_sigma(moments: pd.DataFrame, condition: str) -> tuple[float, str]:
    """Largest (mu_L - mu_B) / sigma(mu_B) over superparamagnetic rows at ``condition``."""
    sp = moments[
        (moments["condition"] == condition) & (moments["behaviour"] == "superparamagnetic")
    ]
    sp = sp[np.isfinite(sp["moment_muB"]) & (sp["moment_err_muB"] > 0)]
    if sp.empty:
        return float("nan"), f"no superparamagnetic cluster at {condition}"
    z = (sp["moment_langevin_muB"] - sp["moment_muB"]) / sp["moment_err_muB"]
    worst = sp.loc[z.idxmax()]
    note = (
        f"{len(sp)} superparamagnetic clusters; largest for {worst['element']}{int(worst['n'])}: "
        f"Langevin {worst['moment_langevin_muB']:.2f} vs Brillouin {worst['moment_muB']:.2f} "
        f"+- {worst['moment_err_muB']:.2f} muB (T = {worst['T_cluster_K']:g} "
        f"+- {worst['T_cluster_sigma_K']:g} K); smallest {float(z.min()):.2f} sigma"
    )
    return float(z.max()), note
