"""Avoided crossings of the 167Er 16-level multiplet appear where the levels say."""

from pathlib import Path

import numpy as np
import pytest
import yaml

from spinrelax.papers.erw10.relaxation.crystal_field_rates import ground_doublet, tunnel_splitting_K
from spinrelax.papers.erw10.relaxation.hyperfine_channels import (
    channel_table,
    crossing_field_Oe,
    transverse_quadrature,
)
from spinrelax.papers.erw10.spin.parameters import load_variant
from spinrelax.papers.erw10.spin.sweep import level_sweep_K

P = load_variant(
    yaml.safe_load((Path(__file__).resolve().parents[4] / "config.yaml").read_text())["spin"],
    "sign_corrected",
)


@pytest.fixture(scope="module")
def zero_perp():
    jz, _ = ground_doublet(P)
    return channel_table(P, jz, np.zeros((1, 2)), np.ones(1))


def test_crossing_spacing_by_hand():
    # -A_J / (2 g_J muB) per unit s: 6e-3 K / (2 * 1.2 * 0.67171 K/T) = 3.722e-3 T = 37.22 Oe
    mu_B_K_per_T = 9.2740100783e-24 / 1.380649e-23
    assert crossing_field_Oe(-6e-3, 1.2, 1.0) == pytest.approx(
        6e-3 / (2 * 1.2 * mu_B_K_per_T) * 1e4, rel=1e-7
    )


def test_gaps_at_zero_transverse_field_follow_the_selection_rule(zero_perp):
    # without H_perp only |+, m> <-> |-, m + 1> flip-flops are gapped (net dmJ = -13 needs
    # three B44 steps and one hyperfine step); electronic flips stay degenerate (Kramers-like)
    gapped = zero_perp["gap_zero_perp_K"] > 1e-6  # numerical floor of the gap ~1e-8 K
    assert set(zero_perp.loc[gapped, "dm_I"]) == {1.0}
    ff = zero_perp.loc[gapped]
    assert len(ff) == 7
    assert ff["gap_zero_perp_K"].between(1.3e-4, 2.5e-4).all()
    # one of them is resonant at zero bias: m_I = -1/2 -> +1/2
    at_zero = ff.loc[ff["H_cross_Oe"] == 0.0]
    assert list(zip(at_zero["m_plus"], at_zero["m_minus"], strict=True)) == [(-0.5, 0.5)]
    assert (zero_perp.loc[zero_perp["kind"] == "electronic", "gap_zero_perp_K"] < 1e-7).all()


def test_avoided_crossings_sit_where_the_levels_predict(zero_perp):
    # fine sweep of the 16 lowest levels around each predicted crossing field: every pair of
    # adjacent levels that comes closer than 1e-3 K and stays gapped (> 3e-5 K) has its minimum at H_c(s)
    # and its gap is one of the tabulated flip-flop gaps at that field
    gapped = zero_perp.loc[zero_perp["gap_zero_perp_K"] > 1e-6]
    for Hc, rows in gapped.groupby("H_cross_Oe"):
        H = Hc + np.linspace(-2.0, 2.0, 201)
        gaps = np.diff(level_sweep_K(P, H, 0.0, with_hyperfine=True, n_levels=16), axis=1)
        g_min, i_min = gaps.min(axis=0), gaps.argmin(axis=0)
        found = (g_min < 1e-3) & (g_min > 3e-5)  # grid step 0.02 Oe: floor ~1e-5 K
        assert np.all(np.abs(H[i_min[found]] - Hc) <= 0.05)
        np.testing.assert_allclose(
            np.sort(g_min[found]), np.sort(rows["gap_zero_perp_K"]), rtol=0.02
        )


def test_electronic_gaps_match_the_i0_tunnel_splitting():
    jz, _ = ground_doublet(P)
    sigma_perp = 60.0
    pts, w = transverse_quadrature(sigma_perp, 3)
    ch = channel_table(P, jz, pts, w)
    d_rms = tunnel_splitting_K(P.without_nucleus(), np.sqrt(2.0) * sigma_perp)
    el = ch.loc[ch["kind"] == "electronic", "gap2_mean_K2"]
    assert np.sqrt(el).to_numpy() == pytest.approx(d_rms, rel=0.02)


def test_quadrature_moments():
    pts, w = transverse_quadrature(50.0, 3)
    assert w.sum() == pytest.approx(1.0)
    assert w @ pts[:, 0] ** 2 == pytest.approx(2500.0)
    assert w @ (pts**2).sum(axis=1) ** 2 == pytest.approx(8 * 50.0**4)  # <r^4> of 2-d Gaussian
