"""The clusters part of the scorecard: reproduced moments for the paper-2 ids.

Ids have the form ``clusters.<Element><n>_moment_muB`` (``data/literature/paper2_values.csv``).
Each is read from the moments table at the baseline condition; for an ``upper`` tolerance the
reproduced value is the non-magnetic upper limit when the cluster is classified non-magnetic.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_ID = re.compile(r"^clusters\.([A-Z][a-z]?)(\d+)_moment_muB$")


def build_part(
    moments: pd.DataFrame, paper_values: pd.DataFrame, baseline_condition: str
) -> pd.DataFrame:
    """Rows ``id,reproduced,reproduced_err,note`` for every ``clusters.*`` paper value."""
    base = moments[moments["condition"] == baseline_condition].set_index(["element", "n"])
    rows = []
    for _, pv in paper_values.iterrows():
        match = _ID.match(str(pv["id"]))
        if not match:
            continue
        key = (match.group(1), int(match.group(2)))
        if key not in base.index:
            rows.append(
                {
                    "id": pv["id"],
                    "reproduced": np.nan,
                    "reproduced_err": np.nan,
                    "note": f"no profile file for {key[0]}{key[1]} at {baseline_condition}",
                }
            )
            continue
        r = base.loc[key]
        behaviour = r["behaviour"]
        if behaviour == "non_magnetic":
            value, err = r["moment_upper_limit_muB"], np.nan
            method = "non-magnetic: upper limit |mu_eff| + k sigma from the mean shift"
        elif behaviour == "atomic_like":
            value, err = r["moment_muB"], r["moment_err_muB"]
            method = f"atomic-like: split +-d of a {r['model']} {r['shape']} fit, mu = d / d1"
        else:
            value, err = r["moment_muB"], r["moment_err_muB"]
            method = (
                f"superparamagnetic: mean shift, Brillouin inversion at T = {r['T_cluster_K']:g} "
                f"+- {r['T_cluster_sigma_K']:g} K (Langevin {r['moment_langevin_muB']:.2f})"
            )
        note = f"{method}; classified {behaviour} (confidence {r['confidence']:.2f})"
        if isinstance(r.get("flag"), str) and r["flag"]:
            note += f"; flag {r['flag']}"
        rows.append({"id": pv["id"], "reproduced": value, "reproduced_err": err, "note": note})
    return pd.DataFrame(rows, columns=["id", "reproduced", "reproduced_err", "note"])
