"""The truth rates and susceptibilities follow the laws stated in config and data/README.md."""

import numpy as np
import pytest
import scipy.constants as sc

from spinrelax.simulate.acsus_lineshape import cole_cole_chi
from spinrelax.simulate.acsus_truth import (
    curie_constant_emu_K_per_mol,
    log_rates_per_s,
    static_chi_emu_per_mol,
)

PROJ_42 = np.cos(np.radians(42.0)) ** 2


def test_curie_constant_matches_textbook_values():
    # spin-1/2, g = 2: C = 0.3751 emu K/mol (Kahn, Molecular Magnetism, 1993, Table 1.1)
    assert curie_constant_emu_K_per_mol(2.0) == pytest.approx(0.37515, rel=1e-4)
    # same from SI: N_A muB^2 g^2 S(S+1) / (3 kB) * 1e6 / (4 pi) cm^3/mol
    mu_B = sc.physical_constants["Bohr magneton"][0]
    C_si = sc.N_A * sc.mu_0 * mu_B**2 * 15.6**2 / (4 * sc.k)  # m^3 K/mol, Ising doublet
    assert curie_constant_emu_K_per_mol(15.6) == pytest.approx(C_si * 1e6 / (4 * np.pi), rel=1e-9)


def rate(T, H, x, acsus_campaign, mix=None):
    log_rate, w = log_rates_per_s(np.atleast_1d(T), H, x, acsus_campaign.rates, mix)
    return np.exp(log_rate), w


def test_arrhenius_slope_is_U(acsus_campaign):
    T = np.array([9.0, 11.0])
    r, _ = rate(T, 0.0, 0.01, acsus_campaign)
    slope = -np.diff(np.log(r[:, 0])) / np.diff(1 / T)
    assert slope[0] == pytest.approx(acsus_campaign.rates.U_K, rel=1e-6)
    assert r[0, 0] == pytest.approx(1 / acsus_campaign.rates.tau0_s * np.exp(-63 / 9), rel=1e-6)


def test_rate_near_10K_is_about_1e6(acsus_campaign):
    r, _ = rate(10.0, 0.0, 1.0, acsus_campaign)
    assert 3e5 < r[0, 0] < 3e6


@pytest.mark.parametrize("x", [0.5, 0.25, 0.1, 0.05, 0.01])
def test_quantum_plateau_scales_as_x_squared(acsus_campaign, x):
    r1, _ = rate(1.0, 0.0, 1.0, acsus_campaign)
    rx, _ = rate(1.0, 0.0, x, acsus_campaign)
    assert r1[0, 0] == pytest.approx(1200.0, rel=1e-9)
    assert rx[0, 0] / r1[0, 0] == pytest.approx(x**2, rel=1e-6)


@pytest.mark.parametrize("x", [1.0, 0.25])
def test_field_suppression_is_gaussian_of_width_70_Oe_x(acsus_campaign, x):
    H = np.array([0.0, 20.0, 50.0]) * x
    r, _ = rate(np.full(3, 1.0), H, x, acsus_campaign)
    expected = -0.5 * (H / (70.0 * x)) ** 2
    np.testing.assert_allclose(np.log(r[:, 0] / r[0, 0]), expected, rtol=1e-9, atol=1e-12)


def test_slowing_only_near_and_below_T_N(acsus_campaign):
    r_hi, _ = rate(np.array([0.3, 1.0]), 0.0, 1.0, acsus_campaign)
    np.testing.assert_allclose(r_hi[:, 0], 1200.0, rtol=1e-6)
    r_lo, _ = rate(np.array([0.081, 0.06]), 0.0, 1.0, acsus_campaign)
    assert 0.1 < r_lo[0, 0] / 1200 < 1.0  # softened onset at T_N
    assert r_lo[1, 0] / 1200 < 1e-3  # abrupt drop below T_N


def test_167Er_mixture_mean_rate_is_4p5_times_slower(acsus_campaign):
    r_nat, _ = rate(2.0, 0.0, 1.0, acsus_campaign)
    r_167, w = rate(2.0, 0.0, 1.0, acsus_campaign, acsus_campaign.hyperfine)
    assert w.sum() == pytest.approx(1.0)
    geometric_mean = np.exp(np.dot(w, np.log(r_167[0])))
    # the thermal term at 2 K is ~1e-5 s^-1: negligible against the quantum rates
    assert r_nat[0, 0] / geometric_mean == pytest.approx(4.5, rel=1e-6)
    assert np.ptp(np.log10(r_167[0])) == pytest.approx(1.5, rel=1e-6)


def test_curie_weiss_above_T_N_and_powder_average(acsus_campaign):
    T = np.array([0.2, 0.5, 2.0, 10.0])
    law = acsus_campaign.static
    z = static_chi_emu_per_mol(T, 1.0, law, proj_z=1.0)
    C_z = curie_constant_emu_K_per_mol(15.6)
    np.testing.assert_allclose(z.chi_T, C_z / (T + 0.088), rtol=1e-12)
    np.testing.assert_allclose(z.chi_S, 0.05 * z.chi_T, rtol=1e-12)
    powder = static_chi_emu_per_mol(T, 0.25, law, proj_z=1 / 3)
    perp = static_chi_emu_per_mol(T, 0.25, law, proj_z=0.0)
    zz = static_chi_emu_per_mol(T, 0.25, law, proj_z=1.0)
    np.testing.assert_allclose(powder.chi_T, (zz.chi_T + 2 * perp.chi_T) / 3, rtol=1e-12)
    assert np.all(perp.chi_T < 0.05 * zz.chi_T)  # chi_perp << chi_z
    np.testing.assert_allclose(perp.chi_S, perp.chi_T)  # no relaxation perpendicular


def mk_spectra(acsus_campaign, T, f):
    """Truth chi of the millikelvin crystal run (easy axis at 42 deg from the ac field)."""
    truth = acsus_campaign.samples["ErW10_xtal_mK"]
    TT, FF = np.meshgrid(T, f, indexing="ij")
    st = static_chi_emu_per_mol(
        TT.ravel(), 1.0, acsus_campaign.static, proj_z=PROJ_42, curie_scale=truth.curie_scale
    )
    lr, w = log_rates_per_s(TT.ravel(), 0.0, 1.0, acsus_campaign.rates)
    re, im = cole_cole_chi(FF.ravel(), st.chi_T, st.chi_S, lr, w, truth.alpha)
    return re.reshape(TT.shape), im.reshape(TT.shape)


def test_millikelvin_chi_imag_peaks_at_T_N_at_low_frequency(acsus_campaign):
    T = np.linspace(0.04, 0.2, 1601)
    for f in (0.01, 0.1, 1.0):
        _, im = mk_spectra(acsus_campaign, T, np.array([f]))
        assert T[np.argmax(im[:, 0])] == pytest.approx(0.081, rel=0.05)


def test_millikelvin_chi_real_max_is_a_third_of_ferromagnetic_limit(acsus_campaign):
    rho_g_per_cm3, M_g_per_mol = 3.411, 3349.1
    limit_emu_per_mol = M_g_per_mol / rho_g_per_cm3 / (4 * np.pi)  # 1/N, N = 4 pi
    re, _ = mk_spectra(acsus_campaign, np.linspace(0.013, 1.0, 2000), np.array([0.01]))
    assert limit_emu_per_mol / re.max() == pytest.approx(3.0, rel=0.05)
