"""Benchmark: 167Er tunnelling channels from the 16-level multiplet (target < 2 s).

Times ``channel_table`` (15 crossing fields, each one batched ``eigvalsh`` of 3 biases x (1 + 9)
transverse fields = 30 complex 128 x 128 matrices) and the multi-channel modes with the
Cole-Cole fits of the natural and enriched responses, best of 3.
Run: .venv/bin/python benchmarks/relaxation_167er_channels.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml
from timing import best_of

from spinrelax.papers.erw10.relaxation.crystal_field_rates import ground_doublet
from spinrelax.papers.erw10.relaxation.hyperfine_channels import (
    channel_table,
    transverse_quadrature,
)
from spinrelax.papers.erw10.relaxation.multichannel import (
    channel_rates_s,
    cole_cole_tau_s,
    electronuclear_modes,
    sample_response,
)
from spinrelax.papers.erw10.spin.parameters import load_variant

ION = load_variant(
    yaml.safe_load((Path(__file__).resolve().parents[1] / "config.yaml").read_text())["spin"],
    "sign_corrected",
)


def main() -> None:
    jz, _ = ground_doublet(ION)
    pts, w = transverse_quadrature(64.6, 3)
    table_s = best_of(lambda: channel_table(ION, jz, pts, w), 3)
    ch = channel_table(ION, jz, pts, w)
    rates = channel_rates_s(ch, 0.078)
    f = np.geomspace(0.01, 1e6, 65)

    def response() -> None:
        modes = electronuclear_modes(ch, rates, ION.I, "frozen")
        for frac in (0.2287, 0.953):
            cole_cole_tau_s(f, sample_response(f, frac, 3e3, modes))

    response_s = best_of(response, 3)
    print(f"channel table ({len(ch)} crossing pairs): {table_s:.2f} s")
    print(f"modes + two Cole-Cole fits: {1e3 * response_s:.1f} ms")


if __name__ == "__main__":
    main()
