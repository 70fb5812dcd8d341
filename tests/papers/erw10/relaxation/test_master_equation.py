"""Pauli master equation: analytic two- and three-level cases, Orbach limit, stability."""

import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.master_equation import ln_direct_rates, slowest_rate

C = 1e3  # s^-1 K^-3


def test_two_level_rate_is_coth():
    E = np.array([0.0, 2.0])
    M = np.array([[0.0, 1.0], [1.0, 0.0]])
    T = np.geomspace(0.05, 50, 30)
    rate = slowest_rate(ln_direct_rates(E, M, C, T), energies_K=E).rate_s
    np.testing.assert_allclose(rate, C * 8.0 / np.tanh(1.0 / T), rtol=1e-10)


@pytest.mark.parametrize("method", ["auto", "reduced"])
def test_three_level_orbach_exact_over_hundreds_of_decades(method):
    # ground doublet a, b (no direct coupling) and an excited level at D: the antisymmetric mode
    # relaxes at exactly gamma n(D), n the Bose factor; gamma = C D^3.
    D = 50.0
    E = np.array([0.0, 0.0, D])
    M = np.array([[0, 0, 1], [0, 0, 1], [1, 1, 0]], float)
    T = np.geomspace(0.1, 300, 60)
    res = slowest_rate(ln_direct_rates(E, M, C, T), energies_K=E, method=method)
    ln_exact = np.log(C * D**3) - np.log(np.expm1(D / T))
    np.testing.assert_allclose(res.ln_rate_s, ln_exact, rtol=1e-12, atol=1e-10)
    # Orbach limit: tau^-1 -> tau0^-1 exp(-D/T) with tau0^-1 = C D^3 far below D
    assert res.ln_rate_s[0] == pytest.approx(np.log(C * D**3) - D / T[0], rel=1e-12)
    assert res.ln_rate_s[0] < np.log(1e-200)  # ~ 1e-212 s^-1: far beyond dense precision


def test_dense_fails_where_auto_switches():
    E = np.array([0.0, 0.0, 50.0])
    M = np.array([[0, 0, 1], [0, 0, 1], [1, 1, 0]], float)
    T = np.array([1.0, 30.0])
    res = slowest_rate(ln_direct_rates(E, M, C, T), energies_K=E)
    assert list(res.method) == ["reduced", "dense"]


def test_routes_agree_where_both_valid():
    rng = np.random.default_rng(0)
    n = 8
    E = np.sort(rng.uniform(0, 30, n))
    M = rng.random((n, n))
    M = M + M.T
    T = np.geomspace(0.5, 3.0, 5)  # strong time-scale separation, dense still accurate
    ln_w = ln_direct_rates(E, M, C, T)
    dense = slowest_rate(ln_w, energies_K=E, method="dense").ln_rate_s
    reduced = slowest_rate(ln_w, energies_K=E, method="reduced").ln_rate_s
    ok = dense > np.log(1e-6) + np.log(C)  # inside dense precision
    assert ok.any()
    np.testing.assert_allclose(reduced[ok], dense[ok], rtol=0, atol=0.05)


def test_detailed_balance_and_zero_gap_doublet():
    E = np.array([0.0, 0.0, 10.0, 10.0])
    M = np.ones((4, 4))
    ln_w = ln_direct_rates(E, M, C, [2.0])[0]
    assert ln_w[0, 1] == -np.inf  # degenerate levels: no one-phonon rate (|dE|^3 -> 0)
    assert ln_w[0, 2] - ln_w[2, 0] == pytest.approx(-10.0 / 2.0)


def test_disconnected_levels_never_relax():
    E = np.array([0.0, 0.0, 40.0])
    M = np.array([[0, 0, 1], [0, 0, 0], [1, 0, 0]], float)
    res = slowest_rate(ln_direct_rates(E, M, C, [0.5, 5.0]), energies_K=E, method="reduced")
    assert np.all(res.rate_s == 0.0)


def test_bad_method():
    with pytest.raises(ValueError):
        slowest_rate(np.zeros((1, 2, 2)), method="fast")
