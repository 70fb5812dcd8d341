"""The clusters part of the scorecard: reproduced moments and claims for the paper-2 ids.

Moment ids have the form ``clusters.<Element><n>_moment_muB`` (``data/literature/
paper2_values.csv``). Each is read from the moments table at the baseline condition; for an
``upper`` tolerance the reproduced value is the non-magnetic upper limit when the cluster is
classified non-magnetic. The claim ids of :data:`CLAIMS` turn the paper's qualitative statements
into numbers (:mod:`.claims`). Every note ends with the row's tolerance reason (column
``tolerance_reason`` of the paper values).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from spinrelax.papers.clusters.claims import (
    MAGNETIC,
    behaviour_matches,
    count_sizes,
    langevin_brillouin_max_sigma,
    largest_size,
)

_ID = re.compile(r"^clusters\.([A-Z][a-z]?)(\d+)_moment_muB$")

#: Claim id -> reading (moments, stated behaviours, baseline, hot condition) -> (value, note).
CLAIMS: dict[str, Callable[[pd.DataFrame, pd.DataFrame, str, str], tuple[float, str]]] = {
    **{
        f"clusters.{el}_behaviour_by_size": (
            lambda m, st, base, hot, el=el: behaviour_matches(m, st, el, base)
        )
        for el in ("V", "Nb", "Ta")
    },
    "clusters.V_largest_atomic_like_n": lambda m, st, base, hot: largest_size(
        m, "V", base, ("atomic_like",)
    ),
    "clusters.V_100K_largest_deflecting_n": lambda m, st, base, hot: largest_size(
        m, "V", hot, MAGNETIC
    ),
    "clusters.V_100K_deflecting_odd_3_11": lambda m, st, base, hot: count_sizes(
        m, "V", hot, MAGNETIC, (3, 5, 7, 9, 11)
    ),
    "clusters.V_100K_superparamagnetic_count": lambda m, st, base, hot: count_sizes(
        m, "V", hot, ("superparamagnetic",)
    ),
    "clusters.langevin_brillouin_max_sigma": lambda m, st, base, hot: langevin_brillouin_max_sigma(
        m, base
    ),
}


def _with_reason(note: str, pv: pd.Series) -> str:
    reason = pv.get("tolerance_reason")
    return f"{note}; tolerance: {reason}" if isinstance(reason, str) and reason else note


def build_part(
    moments: pd.DataFrame,
    paper_values: pd.DataFrame,
    baseline_condition: str,
    stated: pd.DataFrame | None = None,
    hot_condition: str = "",
) -> pd.DataFrame:
    """Rows ``id,reproduced,reproduced_err,note`` for every ``clusters.*`` paper value.

    ``stated`` is the paper's behaviour per size (``paper2_behaviour.csv``) and
    ``hot_condition`` the 100 K label; both are needed only by the claim rows.
    """
    part = _moment_rows(moments, paper_values, baseline_condition)
    for _, pv in paper_values.iterrows():
        if pv["id"] in CLAIMS:
            value, note = CLAIMS[pv["id"]](moments, stated, baseline_condition, hot_condition)
            part.append(
                {"id": pv["id"], "reproduced": value, "reproduced_err": np.nan, "note": note}
            )
    reasons = paper_values.set_index("id")
    for row in part:
        row["note"] = _with_reason(row["note"], reasons.loc[row["id"]])
    return pd.DataFrame(part, columns=["id", "reproduced", "reproduced_err", "note"])


def _moment_rows(
    moments: pd.DataFrame, paper_values: pd.DataFrame, baseline_condition: str
) -> list[dict]:
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
    return rows
