"""Our fits of the real-data corpus against the peers' fits, and how often each QC flag fires.

Usage: python benchmarks/acsus_real_corpus.py [REALDATA_DIR]  (default: ../shared/realdata)
Prints the Markdown tables of docs/fitting_conventions.md (peer agreement per sweep, for every
weighting) and docs/qc_flags.md (flag counts per file). Peers' numbers: tests/acsus/data/peers/
(ccfit2 5.14.0 and the qdsquid-dataplot README) and the molmag_ac_gui table in the corpus.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.acsus.fitting import FitSettings
from spinrelax.acsus.peers import load_peers, match_peers
from spinrelax.cli.fit_ac_cmd import fit_files

REPO = Path(__file__).resolve().parents[1]
#: Every flag of the default settings, in the order of docs/qc_flags.md (at_bound: any one).
ALL_FLAGS = (
    "too_few_points",
    "flat",
    "negative_chi_imag",
    "negative_chi_imag_point",
    "no_peak_in_window",
    "peak_outside_window",
    "low_peak_coverage",
    "not_converged",
    "singular_covariance",
    "poor_fit",
    "model_inadequate",
    "outliers_removed",
)
FILES = (
    "mpms3_ErCOT_I_THF2_ACvsF.dat",
    "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat",
    "acms_molmag_0Oe.dat",
)


def corpus_fits(realdata: Path, settings: FitSettings) -> pd.DataFrame:
    """fit-ac's table of every corpus file under ``settings``, with a ``name`` column."""
    _, fits = fit_files([str(realdata / f) for f in FILES], settings)
    return fits.assign(name=[Path(f).name for f in fits["file"]])


def peer_table(realdata: Path) -> str:
    """Markdown: per sweep, our tau (each weighting) vs the peers and the data's chi''-peak."""
    peers = load_peers(REPO / "tests" / "acsus" / "data" / "peers", realdata)
    fits = {
        w: corpus_fits(realdata, FitSettings(weighting=w))
        for w in ("none", "instrument", "estimated")
    }
    m = match_peers(fits["none"], peers)
    lines = [
        "| file | T (K) | usable | tau none (s) | ccfit2 | molmag_ac_gui | README | tau_peak data (s) | instrument / none - 1 | estimated / none - 1 | alpha none | ccfit2 alpha |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for i, r in m.iterrows():
        inst = fits["instrument"]["tau_s"].iloc[i] / r["tau_s"] - 1
        est = fits["estimated"]["tau_s"].iloc[i] / r["tau_s"] - 1

        def g(x: float, fmt: str = "%.5g") -> str:
            return "" if not np.isfinite(x) else fmt % x

        lines.append(
            f"| {r['name'].split('_')[0]}_{r['name'].split('_')[1]} | {r['T_K']:.2f} | "
            f"{'yes' if r['usable'] else 'no'} | {g(r['tau_s'])} | {g(r['tau_ccfit2_s'])} | "
            f"{g(r['tau_molmag_s'])} | {g(r['tau_readme_s'])} | {g(r['tau_peak_data_s'])} | "
            f"{g(100 * inst, '%+.1f %%')} | {g(100 * est, '%+.1f %%')} | {g(r['alpha'], '%.4f')} | "
            f"{g(r['alpha_ccfit2'], '%.4f')} |"
        )
    return "\n".join(lines)


def flag_table(realdata: Path) -> str:
    """Markdown: how many sweeps of each file carry each flag (default settings)."""
    fits = corpus_fits(realdata, FitSettings())
    counts = {
        name: Counter(f for flags in sub["flags"] for f in str(flags).split(";") if f)
        for name, sub in fits.groupby("name", sort=False)
    }
    seen = {f for c in counts.values() for f in c}
    names = [*ALL_FLAGS, *sorted(seen - set(ALL_FLAGS))]
    head = "| file | sweeps | usable | " + " | ".join(f"`{n}`" for n in names) + " |"
    lines = [head, "| --- " * (3 + len(names)) + "|"]
    for name, sub in fits.groupby("name", sort=False):
        cells = [str(counts[name].get(n, 0)) for n in names]
        lines.append(
            f"| `{name}` | {len(sub)} | {int(sub['usable'].sum())} | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)


def main() -> None:
    realdata = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "realdata"
    print(flag_table(realdata))
    print()
    print(peer_table(realdata))


if __name__ == "__main__":
    main()
