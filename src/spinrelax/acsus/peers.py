"""Other programs' fits of the real-data corpus (ccfit2, molmag_ac_gui, the qdsquid-dataplot
README), loaded from their stored tables and matched to our sweeps by file and temperature.

Sources and how each was obtained: tests/acsus/data/peers/SOURCES.md. Every peer fits the
generalized Debye model unweighted to chi' and chi'' jointly (docs/fitting_conventions.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

#: The molmag_ac_gui table lives in the corpus beside the file it fits.
MOLMAG_TABLE = "acms_molmag_0Oe_reference_fit.dat"
MOLMAG_FILE = "acms_molmag_0Oe.dat"
#: A peer's sweep is ours when the temperatures agree within this (K; the README rounds T to
#: 0.05 K, the corpus sweeps are >= 0.1 K apart).
T_MATCH_K = 0.03


def load_peers(peer_dir: Path, realdata: Path) -> dict[str, pd.DataFrame]:
    """Peer tables with columns name, T_K, tau_s (and alpha, n_points where the peer gives them):
    ``ccfit2`` and ``readme`` from ``peer_dir``, ``molmag`` from the corpus ``realdata``."""
    ccfit2 = pd.read_csv(peer_dir / "ccfit2_5.14.0.csv").rename(columns={"file": "name"})
    readme = pd.read_csv(peer_dir / "qdsquid_dataplot_readme.csv").rename(columns={"file": "name"})
    raw = pd.read_csv(realdata / MOLMAG_TABLE, sep=";", skipinitialspace=True)
    molmag = pd.DataFrame(
        {"name": MOLMAG_FILE, "T_K": raw["Temp"], "tau_s": raw["Tau"], "alpha": raw["Alpha"]}
    )
    return {"ccfit2": ccfit2, "molmag": molmag, "readme": readme}


def match_peers(fits: pd.DataFrame, peers: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``fits`` (columns name, T_K, ...) with, per peer, ``tau_<peer>_s``, ``alpha_<peer>`` and
    ``n_<peer>`` of the sweep of the same file within :data:`T_MATCH_K` (NaN where none)."""
    out = fits.reset_index(drop=True).copy()
    for peer, table in peers.items():
        cols = {"tau_s": f"tau_{peer}_s", "alpha": f"alpha_{peer}", "n_points": f"n_{peer}"}
        for dst in cols.values():
            out[dst] = np.nan
        for i, row in out.iterrows():
            hit = table[
                (table["name"] == row["name"]) & ((table["T_K"] - row["T_K"]).abs() < T_MATCH_K)
            ]
            if len(hit) > 1:
                raise ValueError(f"{peer}: {len(hit)} sweeps of {row['name']} near {row['T_K']} K")
            if len(hit) == 1:
                for src, dst in cols.items():
                    if src in hit.columns:
                        out.loc[i, dst] = float(hit[src].iloc[0])
    return out
