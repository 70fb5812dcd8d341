"""Recovered vs injected cluster moments on the shipped synthetic profiles, and fit speed.

Compares the analysis (``spinrelax.papers.clusters``) with the truth of the virtual instrument
(config ``simulate.clusters``; only this benchmark and the simulator read it). Run from the
repository root: ``.venv/bin/python benchmarks/clusters_recovery.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import yaml

from spinrelax.papers.clusters.batch import analyse_files, calibration_table
from spinrelax.simulate.deflection_instrument import truth_rows
from spinrelax.simulate.deflection_truth import truth_table

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    raw = REPO / config["clusters"]["raw_dir"]
    cal_path = REPO / config["clusters"]["calibration_file"]
    truth = pd.DataFrame(truth_rows(truth_table(config["simulate"]["clusters"])))
    files = [raw / f for f in truth["file"]]
    t0 = time.perf_counter()
    cal, cal_table = calibration_table(cal_path)
    moments, _ = analyse_files(files, calibration=cal)
    elapsed = time.perf_counter() - t0
    m = moments.merge(
        truth.rename(columns={"behaviour": "true_behaviour", "moment_muB": "true_moment_muB"})[
            ["file", "true_behaviour", "true_moment_muB", "hot_fraction"]
        ],
        on="file",
    )
    m["ratio"] = m["moment_muB"] / m["true_moment_muB"]
    print(f"K/K_geometry = {cal_table.at[0, 'K_over_geometry']:.5f} (true 0.96)")
    print(f"{len(files)} files in {elapsed:.1f} s ({1e3 * elapsed / len(files):.0f} ms per file)")
    print(pd.crosstab(m["true_behaviour"], m["behaviour"]).to_string())
    clean = m[(m["behaviour"] == m["true_behaviour"]) & (m["behaviour"] != "non_magnetic")]
    clean = clean[clean["flag"].fillna("") == ""]
    print(clean.groupby("behaviour")["ratio"].describe().to_string())
    cols = ["file", "behaviour", "true_moment_muB", "moment_muB", "moment_err_muB", "flag"]
    print(m.loc[m["condition"] == "T25K_6bar_optimized", cols].to_string(index=False))


if __name__ == "__main__":
    main()
