"""Model conventions against independent closed forms, and analytic vs numerical Jacobians."""

import numpy as np
import pytest

from spinrelax.acsus.models import MODELS, chi_and_jacobian, chi_real_imag


def cole_cole_closed_form(f, chi_s, chi_t, tau, alpha):
    """Cole & Cole, J. Chem. Phys. 9, 341 (1941): real and imaginary parts written out."""
    x = (2 * np.pi * f * tau) ** (1 - alpha)
    s, c = np.sin(np.pi * alpha / 2), np.cos(np.pi * alpha / 2)
    den = 1 + 2 * x * s + x**2
    return chi_s + (chi_t - chi_s) * (1 + x * s) / den, (chi_t - chi_s) * x * c / den


def havriliak_negami_closed_form(f, chi_s, chi_t, tau, alpha, gamma):
    """HN in polar form (Havriliak & Negami 1967): r^-gamma (cos - i sin)(gamma theta)."""
    a = 1 - alpha
    x = (2 * np.pi * f * tau) ** a
    theta = np.arctan2(x * np.sin(np.pi * a / 2), 1 + x * np.cos(np.pi * a / 2))
    r = (1 + 2 * x * np.cos(np.pi * a / 2) + x**2) ** (-gamma / 2)
    return chi_s + (chi_t - chi_s) * r * np.cos(gamma * theta), (chi_t - chi_s) * r * np.sin(
        gamma * theta
    )


F = np.logspace(-2, 5, 71)


@pytest.mark.parametrize("alpha", [0.0, 0.1, 0.45, 0.8])
def test_generalized_debye_matches_cole_cole_closed_form(alpha):
    p = np.array([[0.2, 1.3, np.log(3e-3), alpha]])
    re, im = chi_real_imag("generalized_debye", F, p)
    re_ref, im_ref = cole_cole_closed_form(F, 0.2, 1.5, 3e-3, alpha)
    np.testing.assert_allclose(re[0], re_ref, rtol=1e-12)
    np.testing.assert_allclose(im[0], im_ref, rtol=1e-12, atol=1e-15)
    assert np.all(im >= 0)


def test_peak_at_one_over_two_pi_tau_and_height():
    tau = 1.7e-2
    f = np.logspace(-1, 3, 40001)
    for alpha in (0.0, 0.3):
        _, im = chi_real_imag("generalized_debye", f, np.array([[0.0, 1.0, np.log(tau), alpha]]))
        f_peak = f[np.argmax(im[0])]
        assert f_peak == pytest.approx(1 / (2 * np.pi * tau), rel=1e-3)
        phi = (1 - alpha) * np.pi / 2
        assert im[0].max() == pytest.approx(0.5 * np.tan(phi / 2), rel=1e-6)


def test_limits_isothermal_and_adiabatic():
    p = np.array([[0.25, 1.0, np.log(1e-2), 0.2]])
    re, im = chi_real_imag("generalized_debye", np.array([1e-9, 1e12]), p)
    assert re[0, 0] == pytest.approx(1.25, rel=1e-5)  # chi_T at omega tau << 1
    assert re[0, 1] == pytest.approx(0.25, rel=1e-4)  # chi_S at omega tau >> 1


@pytest.mark.parametrize("alpha,gamma", [(0.0, 1.0), (0.0, 0.5), (0.3, 0.7), (0.6, 0.2)])
def test_havriliak_negami_matches_polar_closed_form(alpha, gamma):
    p = np.array([[0.1, 2.0, np.log(5e-4), alpha, gamma]])
    re, im = chi_real_imag("havriliak_negami", F, p)
    re_ref, im_ref = havriliak_negami_closed_form(F, 0.1, 2.1, 5e-4, alpha, gamma)
    np.testing.assert_allclose(re[0], re_ref, rtol=1e-12)
    np.testing.assert_allclose(im[0], im_ref, rtol=1e-10, atol=1e-15)


def test_special_cases_agree():
    debye = chi_real_imag("debye", F, np.array([[0.1, 1.0, -4.0]]))
    gd = chi_real_imag("generalized_debye", F, np.array([[0.1, 1.0, -4.0, 0.0]]))
    cd = chi_real_imag("cole_davidson", F, np.array([[0.1, 1.0, -4.0, 1.0]]))
    hn = chi_real_imag("havriliak_negami", F, np.array([[0.1, 1.0, -4.0, 0.0, 1.0]]))
    double = chi_real_imag(
        "double_generalized_debye", F, np.array([[0.1, 0.6, -4.0, 0.0, 0.4, -4.0, 0.0]])
    )
    for other in (gd, cd, hn, double):
        np.testing.assert_allclose(other[0], debye[0], rtol=1e-12)
        np.testing.assert_allclose(other[1], debye[1], rtol=1e-12)


PARAMS = {
    "debye": [0.2, 1.0, -3.0],
    "generalized_debye": [0.2, 1.0, -3.0, 0.25],
    "havriliak_negami": [0.2, 1.0, -3.0, 0.25, 0.6],
    "cole_davidson": [0.2, 1.0, -3.0, 0.6],
    "double_generalized_debye": [0.2, 1.0, -3.0, 0.25, 0.5, -8.0, 0.1],
}


@pytest.mark.parametrize("model", list(MODELS))
def test_analytic_jacobian_matches_central_differences(model):
    p = np.array([PARAMS[model]], dtype=float)
    omega = 2 * np.pi * F[None, :]
    _, jac = chi_and_jacobian(model, omega, p)
    for k in range(p.shape[1]):
        h = 1e-6
        hi, lo = p.copy(), p.copy()
        hi[0, k] += h
        lo[0, k] -= h
        num = (chi_and_jacobian(model, omega, hi)[0] - chi_and_jacobian(model, omega, lo)[0]) / (
            2 * h
        )
        np.testing.assert_allclose(jac[0, :, k], num[0], rtol=1e-6, atol=1e-9)
