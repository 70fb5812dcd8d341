"""Generalized Debye line shape of the virtual instrument against closed forms."""

import numpy as np
import pytest

from spinrelax.simulate.acsus_lineshape import cole_cole_chi, debye_fraction


def cole_cole_closed_form(f, tau, alpha, chi_T, chi_S):
    """Cole & Cole (1941) explicit chi' and chi'' (e.g. Gatteschi, Sessoli & Villain,
    Molecular Nanomagnets, 2006, eq. 3.41), written independently of the complex power."""
    x = np.log(2 * np.pi * f * tau)
    s, c = np.sin(np.pi * alpha / 2), np.cos(np.pi * alpha / 2)
    d = np.cosh((1 - alpha) * x) + s
    re = chi_S + 0.5 * (chi_T - chi_S) * (1 - np.sinh((1 - alpha) * x) / d)
    im = 0.5 * (chi_T - chi_S) * c / d
    return re, im


@pytest.mark.parametrize("alpha", [0.0, 0.1, 0.35, 0.7])
def test_matches_cole_cole_closed_form(alpha):
    f = np.geomspace(1e-3, 1e5, 81)
    tau = 2.7e-3
    n = f.size
    re, im = cole_cole_chi(
        f, np.full(n, 5.0), np.full(n, 0.4), np.full((n, 1), -np.log(tau)), [1.0], alpha
    )
    re_ref, im_ref = cole_cole_closed_form(f, tau, alpha, 5.0, 0.4)
    np.testing.assert_allclose(re, re_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(im, im_ref, rtol=1e-12, atol=1e-14)


def test_debye_is_single_pole_and_peak_at_rate():
    tau = 1e-2
    f = np.geomspace(0.1, 1e3, 2001)
    g = debye_fraction(f, -np.log(tau), 0.0)
    np.testing.assert_allclose(g, 1 / (1 + 1j * 2 * np.pi * f * tau), rtol=1e-13)
    assert f[np.argmax(-g.imag)] == pytest.approx(1 / (2 * np.pi * tau), rel=5e-3)


def test_frozen_and_fast_limits_are_finite():
    g = debye_fraction(np.array([1e-2, 1e6]), np.array([-5000.0, 5000.0]), 0.2)
    assert np.all(np.isfinite(g))
    np.testing.assert_allclose(g, [0.0, 1.0], atol=1e-200)


def test_weighted_sum_is_broader_than_one_process():
    f = np.geomspace(1e-3, 1e6, 901)
    n = f.size
    one = cole_cole_chi(f, np.ones(n), np.zeros(n), np.zeros((n, 1)), [1.0], 0.0)[1]
    lr = np.log(10.0) * np.array([-1.0, 0.0, 1.0])
    many = cole_cole_chi(f, np.ones(n), np.zeros(n), np.tile(lr, (n, 1)), [0.3, 0.4, 0.3], 0.0)[1]

    def fwhm_decades(y):
        above = np.log10(f[y >= y.max() / 2])
        return above[-1] - above[0]

    assert fwhm_decades(one) == pytest.approx(1.14, abs=0.01)  # Debye: 1.14 decades
    assert fwhm_decades(many) > fwhm_decades(one) + 0.5


def test_alpha_out_of_range_is_rejected():
    with pytest.raises(ValueError):
        debye_fraction(np.array([1.0]), np.array([0.0]), 1.0)
