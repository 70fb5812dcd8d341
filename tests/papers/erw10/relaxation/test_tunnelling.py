"""Tunnelling formulas against the paper's numbers and independent integrals."""

import numpy as np
import pytest
from scipy.integrate import quad

from spinrelax.papers.erw10.relaxation.tunnelling import (
    GOLDEN_RULE_FACTOR,
    detuning_factor,
    gaussian_bias_density_per_K,
    hyperfine_rate_factors,
    isotope_rate_ratio,
    ordered_phase_factor,
    sigma_dip_from_T_N_Oe,
    tunnelling_rate_s,
    zeeman_bias_K,
)


def test_sigma_dip_from_T_N_matches_paper():
    # 2 g muB J sigma = kB T_N, T_N = 81 mK -> ~70 Oe (paper: sigma_dip ~ 70 Oe)
    s = sigma_dip_from_T_N_Oe(0.081, 1.2 * 7.5)  # the paper's g J muB
    assert s == pytest.approx(67.0, abs=0.5)
    # ground doublet moment g_z muB / 2 = 7.8 muB: larger width
    assert sigma_dip_from_T_N_Oe(0.081, 7.8) == pytest.approx(s * 9.0 / 7.8)
    # independent SI arithmetic: kB T / (2 g J muB) in T
    assert s * 1e-4 == pytest.approx(1.380649e-23 * 0.081 / (2 * 1.2 * 7.5 * 9.2740100783e-24))


def test_xi_dip_and_gamma_order_of_paper():
    xi = zeeman_bias_K(15.6, 70.0)  # g_z = 2 g_J 13/2
    assert xi == pytest.approx(0.0734, rel=1e-3)  # paper: ~0.08 K
    P0 = gaussian_bias_density_per_K(0.0, xi)
    assert P0 == pytest.approx(1 / (np.sqrt(2 * np.pi) * xi))
    gamma = tunnelling_rate_s(8e-5, P0)
    # by hand: Delta^2 / hbar / (sqrt(2 pi) xi) with energies in J
    kB, hbar = 1.380649e-23, 1.054571817e-34
    assert gamma == pytest.approx((8e-5 * kB) ** 2 / hbar / (np.sqrt(2 * np.pi) * xi * kB))
    assert 1e3 < gamma < 1e4  # paper: ~3e3 s^-1
    assert tunnelling_rate_s(8e-5, P0, "golden_rule") == pytest.approx(GOLDEN_RULE_FACTOR * gamma)


def test_powder_detuning_equals_orientation_average():
    sigma = 70.0
    for H in [0.0, 10.0, 70.0, 300.0]:
        num, _ = quad(lambda c, H=H: np.exp(-0.5 * (H * c / sigma) ** 2), 0, 1)
        assert detuning_factor(H, sigma) == pytest.approx(num, rel=1e-7)
    assert detuning_factor(100.0, 70.0, "crystal", np.cos(np.deg2rad(42))) == pytest.approx(
        np.exp(-0.5 * (100 * np.cos(np.deg2rad(42)) / 70) ** 2)
    )
    # decreasing with H: the opposite of a direct process
    f = detuning_factor(np.linspace(0, 1000, 11), sigma)
    assert np.all(np.diff(f) < 0)


def test_hyperfine_factors_and_isotope_ratio():
    m, w, f = hyperfine_rate_factors(-6e-3, 6.5, 3.5, 0.07, 2.0)
    assert m.size == 8 and w.sum() == pytest.approx(1.0)
    assert f[m == 0.5][0] == pytest.approx(np.exp(-0.5 * (13 * 6e-3 * 0.5 / 0.07) ** 2))
    r = isotope_rate_ratio(-6e-3, 6.5, 3.5, 0.07, 2.0, 0.953)
    assert 1.0 < r < 10.0
    assert isotope_rate_ratio(-6e-3, 6.5, 3.5, 0.07, 2.0, 0.953, "geometric") > r
    assert isotope_rate_ratio(0.0, 6.5, 3.5, 0.07, 2.0, 1.0) == pytest.approx(1.0)
    # natural Er (22.87 % 167Er) as the reference: a smaller ratio than pure I = 0
    nat = isotope_rate_ratio(-6e-3, 6.5, 3.5, 0.07, 2.0, 0.953, reference_enrichment=0.2287)
    _, w, f = hyperfine_rate_factors(-6e-3, 6.5, 3.5, 0.07, 2.0)
    mean = w @ f
    assert nat == pytest.approx((0.7713 + 0.2287 * mean) / (0.047 + 0.953 * mean))
    assert 1.0 < nat < r


def test_ordered_phase_slows_tunnelling():
    assert ordered_phase_factor(0.0, 1.0, 0.07) == pytest.approx(1.0)
    assert ordered_phase_factor(0.081, 0.5, 0.07) < 1.0
