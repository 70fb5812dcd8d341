"""Figure of DC magnetisation decays: M(t) of every decay of one file on a log time axis with
the single stretched-exponential fits (M_eq fitted: solid; M_eq fixed: dashed) and residuals.

The first reading of a decay is at t = 0 (see :mod:`spinrelax.io.dc_segmentation`) and cannot
sit on a log axis; it is drawn at half the first time step, marked in the caption.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import Normalize

from spinrelax.figures.style import apply_style, save_figure
from spinrelax.timedomain.files import DcFileResult
from spinrelax.timedomain.stretched import fit_decay


def _curve(fit, t: np.ndarray) -> np.ndarray:
    c = fit.components[0]
    return fit.Meq_emu + (fit.M0_emu - fit.Meq_emu) * np.exp(-((t / c.tau_star_s) ** c.beta))


def plot_decays(
    result: DcFileResult, path: str | Path, meq_value_emu: float = 0.0, m0_mode: str = "fit"
) -> None:
    """Draw the decays of one file with both M_eq settings of the single model; save to
    ``path`` (PNG/PDF/SVG)."""
    apply_style()
    r = result.decays.readings
    summary = result.decays.summary
    norm = Normalize(summary["T_K"].min(), max(summary["T_K"].max(), summary["T_K"].min() + 1))
    cmap = plt.get_cmap("viridis")
    fig, (ax, axr) = plt.subplots(
        2, 1, figsize=(6.0, 6.0), sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    for s in summary.itertuples():
        sel = r["decay"].to_numpy() == s.decay
        t = r["t_s"].to_numpy()[sel]
        m = r["moment_emu"].to_numpy()[sel]
        x = t.copy()
        x[0] = t[1] / 2
        color = cmap(norm(s.T_K))
        ax.plot(x, m, "o", ms=2.5, color=color, alpha=0.6, label=f"{s.T_K:.2f} K")
        tt = np.geomspace(x[0], t[-1], 300)
        for mode, style in (("fit", "-"), ("fixed", "--")):
            fit = fit_decay(t, m, meq_mode=mode, meq_value_emu=meq_value_emu, m0_mode=m0_mode)
            if not fit.converged:
                continue
            ax.plot(tt, _curve(fit, tt), style, color="k" if mode == "fit" else color, lw=0.9)
            if mode == "fit":
                axr.plot(x, m - _curve(fit, t), ".", ms=2, color=color)
    ax.set_xscale("log")
    ax.axhline(0.0, color="0.6", lw=0.5)
    axr.axhline(0.0, color="0.6", lw=0.5)
    ax.set_ylabel(f"moment (emu), {result.data.moment_column}")
    axr.set_ylabel("residual (emu)\n(M_eq fitted)")
    axr.set_xlabel("t since the decay's first reading (s); first reading drawn at t1/2")
    ax.set_title(
        f"{Path(result.data.path).name}: stretched-exponential fits (M_0 {m0_mode})", fontsize=8
    )
    ax.legend(title="solid: M_eq fitted; dashed: fixed", fontsize=7, title_fontsize=7)
    save_figure(fig, path)
