"""Timing of the virtual ac magnetometer (target: the whole shipped ac data set in < 1 min).

Run: .venv/bin/python benchmarks/simulate_acsus.py  (prints best-of-5 wall times in seconds,
the number of points and the bytes written). Writes into a temporary folder only.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml
from timing import best_of

from spinrelax.simulate import AcsusCampaign, generate_acsus
from spinrelax.simulate.acsus_instrument import measure_run
from spinrelax.simulate.acsus_sample import read_sample_sheet

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    cfg = yaml.safe_load((REPO / "config.yaml").read_text())["simulate"]["acsus"]
    sheet_path = REPO / "data" / "samples.tsv"
    campaign = AcsusCampaign.from_config(cfg)
    sheet = read_sample_sheet(sheet_path)
    metas = {
        sid: replace(m, mass_mg=m.mass_mg or campaign.samples[sid].header_mass_mg)
        for sid, m in sheet.items()
    }

    def physics_only() -> int:
        rng = np.random.default_rng(0)
        return sum(
            len(measure_run(r, metas[r.sample_id], campaign, rng).points) for r in campaign.runs
        )

    with tempfile.TemporaryDirectory() as tmp:
        t_all = best_of(lambda: generate_acsus(cfg, sheet_path, tmp))
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
    t_phys = best_of(physics_only)
    print(f"points:                          {physics_only()}")
    print(f"physics + noise only:            {t_phys:.3f} s")
    print(f"full generation incl. writers:   {t_all:.3f} s  ({size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
