"""Paper 1, 167Er: natural over enriched zero-field rate predicted from the electronuclear levels.

Channels and gaps from the 16-level Hamiltonian (``hyperfine_channels``), rates from Eq. 2 at
each channel's detuning, relaxation modes and the ac response of the natural (22.87 % 167Er)
and the enriched sample (``multichannel``), tau from a Cole-Cole fit on the instrument's
frequencies. The rate scale is set so that the natural sample's mean rate equals the measured
natural plateau (it only places the spectra in the frequency window). Readings: nuclear spins
frozen or fast, Cole-Cole tau or the arithmetic / geometric mean rate, <H_perp^2> = 1.5 or 2
sigma^2. Two models, two scorecard rows: the full 16-level model (electronic and flip-flop
channels) and the paper's own argument (electronic flips detuned by the hyperfine splitting,
no flip-flops: the electronic channels only, and the first-order detuning model of
``tunnelling.isotope_rate_ratio``). See docs/physics.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from spinrelax.papers.erw10.relaxation import crystal_field_rates as cf
from spinrelax.papers.erw10.relaxation.hyperfine_channels import (
    channel_table,
    transverse_quadrature,
)
from spinrelax.papers.erw10.relaxation.multichannel import (
    RelaxationModes,
    channel_rates_s,
    cole_cole_tau_s,
    electronuclear_modes,
    sample_response,
)
from spinrelax.papers.erw10.relaxation.paper1_crystal_field import Rows
from spinrelax.papers.erw10.relaxation.paper1_tunnelling import Eq2, Reading, eq2
from spinrelax.papers.erw10.relaxation.tunnelling import isotope_rate_ratio
from spinrelax.papers.erw10.spin.parameters import IonParameters

#: Reading of the paper's own argument: electronic channels only (no flip-flops).
NO_FLIPFLOP = "no_flipflop"


def _ratios(
    modes: RelaxationModes,
    gamma0: float,
    f_nat: float,
    f_enr: float,
    measured_nat_s: float,
    windows: Mapping[str, np.ndarray],
) -> dict[str, float]:
    """natural / enriched rate ratio: Cole-Cole tau on each frequency window, arithmetic and
    geometric mean rate."""
    arith = {f: (1 - f) * gamma0 + f * modes.mean_rate_s for f in (f_nat, f_enr)}
    scale = measured_nat_s / arith[f_nat] if np.isfinite(measured_nat_s) else 1.0
    scaled = RelaxationModes(modes.rates_s * scale, modes.weights)
    out = {}
    for name, freq in windows.items():
        tau = {
            f: cole_cole_tau_s(freq, sample_response(freq, f, gamma0 * scale, scaled))[0]
            for f in (f_nat, f_enr)
        }
        out[f"cole_cole_{name}"] = tau[f_enr] / tau[f_nat]

    def geo(f: float) -> float:
        w = np.concatenate([[1 - f], f * modes.weights])
        r = np.concatenate([[gamma0], modes.rates_s])
        return float(np.exp(w @ np.log(r) / w.sum()))

    return {
        **out,
        "arithmetic": arith[f_nat] / arith[f_enr],
        "geometric": geo(f_nat) / geo(f_enr),
    }


def isotope_block(
    ion: IonParameters,
    T_N_K: float,
    chosen: Reading,
    phi_deg: float,
    f_nat: float,
    f_enr: float,
    measured_ratio: float,
    measured_nat_s: float,
    hf: Mapping[str, Any],
    T_K: float,
) -> tuple[Rows, pd.DataFrame]:
    """Scorecard rows of the full electronuclear model and of the paper's no-flip-flop
    argument (each with the range over its own readings), and the channel table (chosen
    reading)."""
    out = Rows()
    windows = {
        name: np.geomspace(spec["min"], spec["max"], int(spec["n"]))
        for name, spec in hf["freq_Hz"].items()
    }
    chosen_window = next(iter(windows))
    jz, _ = cf.ground_doublet(ion)
    results: dict[tuple[float, str, str], float] = {}
    table = pd.DataFrame()
    for ratio in sorted({chosen.perp_ratio, *map(float, hf["perp_field_ratios"])}):
        rd = Reading(chosen.moment, ratio, chosen.convention)
        e: Eq2 = eq2(ion.without_nucleus(), T_N_K, rd, phi_deg)
        sigma_perp = e.H_perp_rms_Oe / np.sqrt(2.0)  # per component
        pts, w = transverse_quadrature(sigma_perp, int(hf["quadrature_n"]))
        ch = channel_table(ion, jz, pts, w)
        rates = channel_rates_s(ch, e.xi_K, chosen.convention)
        if ratio == chosen.perp_ratio:
            table = ch.assign(rate_s=rates, reading=rd.label())
        electronic = (ch["kind"] == "electronic").to_numpy()
        models = {
            "frozen": electronuclear_modes(ch, rates, ion.I, "frozen"),
            "fast": electronuclear_modes(ch, rates, ion.I, "fast"),
            # the paper's argument: electronic flips detuned by the hyperfine splitting, no
            # flip-flop tunnelling (each nuclear state relaxes on its own)
            NO_FLIPFLOP: electronuclear_modes(ch[electronic], rates[electronic], ion.I, "frozen"),
        }
        for model, modes in models.items():
            for obs, val in _ratios(
                modes, e.gamma_s, f_nat, f_enr, measured_nat_s, windows
            ).items():
                results[(ratio, model, obs)] = val
                label = f"nuclei {model}" if model != NO_FLIPFLOP else "no flip-flops"
                out.tunnel.append(
                    (
                        "rate_ratio_167Er_reading",
                        val,
                        np.nan,
                        "1",
                        f"natural/enriched, {obs}, {label}, {rd.label()}",
                    )
                )
    xi = eq2(ion.without_nucleus(), T_N_K, chosen, phi_deg).xi_K
    first_order = {
        avg: isotope_rate_ratio(
            ion.A_J_K, jz, ion.I, xi, T_K, f_enr, avg, reference_enrichment=f_nat
        )
        for avg in ("arithmetic", "geometric")
    }
    old_i0 = isotope_rate_ratio(ion.A_J_K, jz, ion.I, xi, T_K, f_enr, "arithmetic")
    for avg, val in first_order.items():
        out.tunnel.append(
            ("rate_ratio_167Er_reading", val, np.nan, "1", f"natural/enriched, first-order detuning only (no flip-flops), {avg}")
        )  # fmt: skip
    out.tunnel.append(
        ("rate_ratio_167Er_reading", old_i0, np.nan, "1", "I = 0 / enriched, first-order detuning only, arithmetic")
    )  # fmt: skip
    f_lo, f_hi = windows[chosen_window][[0, -1]]
    common = (
        f"natural ({f_nat:.4g} 167Er) over enriched ({f_enr:.4g}) rate, Eq. 2 per channel, "
        f"Cole-Cole tau on {f_lo:g}-{f_hi:g} Hz ({chosen_window})"
    )
    ratios = sorted({k[0] for k in results})
    r_text = f"<H_perp^2> = {ratios[0]:g}-{ratios[-1]:g} sigma^2"
    full = {k: v for k, v in results.items() if k[1] != NO_FLIPFLOP}
    main = full[(chosen.perp_ratio, hf["nuclear"], f"cole_cole_{chosen_window}")]
    ff = table.loc[table["gap_zero_perp_K"] > 1e-6, "gap_zero_perp_K"]
    out.card.append(
        (
            "erw10.rate_ratio_167Er_electronuclear",
            main,
            np.nan,
            f"full electronuclear model: {common}, from the 16 levels with electronic and "
            f"flip-flop avoided crossings (flip-flop gaps without transverse field "
            f"{ff.min():.2g}-{ff.max():.2g} K), nuclei {hf['nuclear']}; range over its readings "
            f"{min(full.values()):.3g}-{max(full.values()):.3g} (nuclei frozen/fast, Cole-Cole "
            f"windows/arithmetic/geometric, {r_text}); measured {measured_ratio:.3g} "
            f"(erw10.rate_ratio_167Er); the paper's no-flip-flop argument is "
            f"erw10.rate_ratio_167Er_no_flipflop",
        )
    )
    nff = {k: v for k, v in results.items() if k[1] == NO_FLIPFLOP}
    nff_main = nff[(chosen.perp_ratio, NO_FLIPFLOP, f"cole_cole_{chosen_window}")]
    nff_values = list(nff.values()) + list(first_order.values())
    out.card.append(
        (
            "erw10.rate_ratio_167Er_no_flipflop",
            nff_main,
            np.nan,
            f"the paper's argument (hyperfine splitting detunes the electronic flips; no "
            f"simultaneous electron-nuclear reversal): {common}, electronic channels only, "
            f"each nuclear state relaxing on its own; range over its readings "
            f"{min(nff_values):.3g}-{max(nff_values):.3g} (Cole-Cole windows/arithmetic/"
            f"geometric, {r_text}; first-order detuning: arithmetic "
            f"{first_order['arithmetic']:.3g}, geometric {first_order['geometric']:.3g}); "
            f"I = 0 over enriched: {old_i0:.3g}; the 16-level Hamiltonian has resonant flip-flop "
            f"channels that this reading leaves out (erw10.rate_ratio_167Er_electronuclear)",
        )
    )
    return out, table
