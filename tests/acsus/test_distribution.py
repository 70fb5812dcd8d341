"""sigma_lntau and <ln tau> against numerical moments of the Havriliak-Negami distribution."""

import numpy as np
import pytest
from scipy.integrate import trapezoid
from scipy.stats import beta

from spinrelax.acsus.distribution import ln_tau_peak, mean_ln_tau, peak_coverage, sigma_ln_tau
from spinrelax.acsus.models import chi_complex, chi_real_imag


def hn_distribution(s, alpha, gamma):
    """HN distribution of s = ln(tau/tau0) (Havriliak & Negami 1967; e.g. Zorn 2002, Eq. 26)."""
    a = 1 - alpha
    y = np.exp(a * s)
    theta = np.arctan2(np.sin(np.pi * a), y + np.cos(np.pi * a))
    return (
        y**gamma
        * np.sin(gamma * theta)
        / (np.pi * (y**2 + 2 * y * np.cos(np.pi * a) + 1) ** (gamma / 2))
    )


S = np.linspace(-80, 80, 400001)


@pytest.mark.parametrize("alpha,gamma", [(0.2, 1.0), (0.5, 1.0), (0.3, 0.6), (0.1, 0.3)])
def test_hn_distribution_reproduces_model_and_moments(alpha, gamma):
    g = hn_distribution(S, alpha, gamma)
    assert trapezoid(g, S) == pytest.approx(1.0, abs=2e-4)
    # The distribution reproduces the model: chi = integral g(s) / (1 + i omega tau0 e^s) ds.
    for omega in (0.1, 1.0, 10.0):
        direct = trapezoid(g / (1 + 1j * omega * np.exp(S)), S)
        model = chi_complex(
            "havriliak_negami", np.array([[omega]]), np.array([[0.0, 1.0, 0.0, alpha, gamma]])
        )
        assert direct == pytest.approx(model[0, 0], abs=5e-4)
    p = np.array([[0.0, 1.0, 0.0, alpha, gamma]])
    mean = trapezoid(S * g, S)
    var = trapezoid((S - mean) ** 2 * g, S)
    assert mean_ln_tau("havriliak_negami", p)[0] == pytest.approx(mean, abs=2e-2)
    assert sigma_ln_tau("havriliak_negami", p)[0] == pytest.approx(np.sqrt(var), rel=2e-2)


def test_cole_davidson_mean_and_width_from_beta_distribution():
    # Cole-Davidson: t = tau/tau0 follows Beta(gamma, 1 - gamma) (Davidson & Cole 1951 density
    # sin(pi gamma)/pi t^(gamma-1) (1-t)^(-gamma)); moments of ln t by quadrature.
    gamma = 0.4
    dist = beta(gamma, 1 - gamma)
    mean = dist.expect(np.log)
    var = dist.expect(lambda t: (np.log(t) - mean) ** 2)
    p = np.array([[0.0, 1.0, 0.0, gamma]])
    assert mean_ln_tau("cole_davidson", p)[0] == pytest.approx(mean, rel=1e-6)
    assert sigma_ln_tau("cole_davidson", p)[0] == pytest.approx(np.sqrt(var), rel=1e-6)


def test_generalized_debye_width_is_reta_chilton():
    alpha = np.array([0.0, 0.1, 0.4])
    p = np.stack([np.zeros(3), np.ones(3), np.zeros(3), alpha], axis=-1)
    expected = np.sqrt((1 / (1 - alpha) ** 2 - 1) * np.pi**2 / 3)
    np.testing.assert_allclose(
        sigma_ln_tau("generalized_debye", p), expected, rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(mean_ln_tau("generalized_debye", p), 0.0, atol=1e-12)


def test_peak_coverage_full_half_and_none():
    tau = 1e-2
    f0 = 1 / (2 * np.pi * tau)
    p = np.array([[0.0, 1.0, np.log(tau), 0.0]] * 3)
    cov = peak_coverage(
        "generalized_debye",
        p,
        np.array([f0 * 1e-6, f0, f0 * 1e4]),
        np.array([f0 * 1e6, f0 * 1e6, f0 * 1e6]),
    )
    assert cov[0] == pytest.approx(1.0, abs=1e-3)
    assert cov[1] == pytest.approx(0.5, abs=1e-3)
    assert cov[2] < 1e-3


@pytest.mark.parametrize(
    "model,p",
    [
        ("generalized_debye", [0.1, 1.0, -3.0, 0.3]),
        ("double_generalized_debye", [0.1, 0.6, -3.0, 0.2, 0.4, -7.0, 0.1]),
    ],
)
def test_closed_form_coverage_matches_numerical_integral(model, p):
    p = np.array([p])
    f1, f2 = np.array([0.3]), np.array([200.0])
    ln_w = np.linspace(np.log(2 * np.pi * 0.3), np.log(2 * np.pi * 200.0), 20001)
    im = -chi_complex(model, np.exp(ln_w)[None, :], p).imag[0]
    total = 0.5 * np.pi * (p[0, 1] + (p[0, 4] if p.shape[1] == 7 else 0))
    assert peak_coverage(model, p, f1, f2)[0] == pytest.approx(
        trapezoid(im, ln_w) / total, rel=1e-7
    )


@pytest.mark.parametrize(
    ("model", "p"),
    [
        ("debye", [0.1, 1.0, np.log(1e-2)]),
        ("generalized_debye", [0.1, 1.0, np.log(1e-2), 0.3]),
        ("havriliak_negami", [0.1, 1.0, np.log(1e-2), 0.2, 0.6]),
        ("havriliak_negami", [0.1, 1.0, np.log(3e-4), 0.0, 0.25]),
        ("cole_davidson", [0.1, 1.0, np.log(1e-2), 0.4]),
        ("double_generalized_debye", [0.1, 1.0, np.log(1e-2), 0.1, 0.5, np.log(1e-4), 0.2]),
        ("double_generalized_debye", [0.1, 0.3, np.log(1e-2), 0.1, 0.5, np.log(1e-4), 0.2]),
    ],
)
def test_tau_peak_is_the_maximum_of_the_model_chi_imag(model, p):
    """Closed form (HN, CD) or grid search (two processes) against a brute-force maximum of
    chi''(f) on 400 001 log-spaced points."""
    p = np.array([p])
    f = np.logspace(-4, 6, 400_001)
    _, im = chi_real_imag(model, f, p)
    brute = 1 / (2 * np.pi * f[np.argmax(im[0])])
    window = np.log(2 * np.pi * np.array([1.0])), np.log(2 * np.pi * np.array([1e3]))
    got = np.exp(ln_tau_peak(model, p, *window))[0]
    assert got == pytest.approx(brute, rel=5e-5)
