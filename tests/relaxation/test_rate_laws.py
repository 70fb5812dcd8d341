import numpy as np
import pytest

from spinrelax.relaxation.rate_laws import (
    direct_rate_s,
    orbach_rate_s,
    raman_rate_s,
    term_rates_s,
    total_rate_s,
)


def test_orbach_arrhenius_slope():
    T = np.array([5.0, 10.0])
    r = orbach_rate_s(T, 1e-10, 63.0)
    # ln r = -ln tau0 - U/T: the Arrhenius slope recovers U
    assert np.log(r[1] / r[0]) / (1 / T[0] - 1 / T[1]) == pytest.approx(63.0)
    assert r[0] == pytest.approx(1e10 * np.exp(-63.0 / 5.0))


def test_raman_and_direct_powers():
    assert raman_rate_s(2.0, 3.0, 9.0) == pytest.approx(3.0 * 512)
    assert direct_rate_s(2.0, 5.0, H_Oe=1000.0, m=4.0) == pytest.approx(5.0 * 1e12 * 2.0)


def test_total_is_sum_of_terms():
    p = {"tau0_s": 1e-9, "U_K": 50.0, "rate_qt_s-1": 100.0, "C_raman_s-1_K-n": 1e-3, "n_raman": 9}
    terms = ("orbach", "plateau", "raman")
    T = np.geomspace(1, 20, 7)
    parts = term_rates_s(T, p, terms)
    np.testing.assert_allclose(total_rate_s(T, p, terms), sum(parts.values()))


def test_unknown_term():
    with pytest.raises(ValueError, match="unknown rate term"):
        term_rates_s(1.0, {}, ("bogus",))
