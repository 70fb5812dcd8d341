import numpy as np
import pytest

from spinrelax.rates.laws import (
    TERMS,
    evaluate_law,
    law_params,
    parse_law,
    term_rates_s,
    total_rate_s,
)

PARAMS = {
    "tau0_s": 1e-9, "U_K": 50.0, "rate_qt_s-1": 100.0, "C_raman_s-1_K-n": 1e-3, "n_raman": 9.0,
    "A_direct_s-1_K-1": 3.0, "B_pb_s_K-m": 1e-2, "m_pb": 2.0,
    "b_qtm_Oe-p": 1e-4, "p_qtm": 2.0, "C_raman_H_s-1_Oe-m": 1e-6, "m_raman_H": 2.0,
    "A_direct_s-1_Oe-m_K-1": 1e-12, "m_direct": 4.0, "rate_const_s-1": 5.0,
    "rate_bvv_s-1": 50.0, "e_bvv_Oe-2": 1e-5, "f_bvv_Oe-2": 1e-4,
}  # fmt: skip


def test_orbach_arrhenius_slope():
    T = np.array([5.0, 10.0])
    r = total_rate_s(T, PARAMS, ("orbach",))
    # ln r = -ln tau0 - U/T: the Arrhenius slope recovers U
    assert np.log(r[1] / r[0]) / (1 / T[0] - 1 / T[1]) == pytest.approx(50.0)
    assert r[0] == pytest.approx(1e9 * np.exp(-50.0 / 5.0))


def test_powers_of_raman_direct_and_field_terms():
    assert total_rate_s(2.0, PARAMS, ("raman",)) == pytest.approx(1e-3 * 512)
    assert total_rate_s(2.0, PARAMS, ("direct",)) == pytest.approx(6.0)
    H = np.array([0.0, 100.0, 1000.0])
    np.testing.assert_allclose(
        total_rate_s(2.0, PARAMS, ("direct_field",), H), 1e-12 * H**4 * 2.0, atol=1e-300
    )
    np.testing.assert_allclose(
        total_rate_s(2.0, PARAMS, ("qtm_field",), H), 100 / (1 + 1e-4 * H**2)
    )
    bvv = total_rate_s(2.0, PARAMS, ("brons_van_vleck",), H)
    np.testing.assert_allclose(bvv, 50 * (1 + 1e-5 * H**2) / (1 + 1e-4 * H**2))


def test_parallel_rates_add_and_bottleneck_adds_time():
    T = np.geomspace(1, 20, 7)
    parts = term_rates_s(T, PARAMS, ("orbach", "qtm", "raman"))
    np.testing.assert_allclose(
        total_rate_s(T, PARAMS, ("orbach", "qtm", "raman")), sum(parts.values())
    )
    R = total_rate_s(T, PARAMS, ("raman",))
    with_pb = total_rate_s(T, PARAMS, ("raman", "bottleneck"))
    np.testing.assert_allclose(1 / with_pb, 1 / R + 1e-2 * T**-2.0)


@pytest.mark.parametrize(
    "law",
    ["orbach+raman+qtm", "raman+bottleneck", "orbach+direct", "qtm_field+raman_field+constant",
     "brons_van_vleck", "qtm_field+direct_field", "orbach+raman_bvv+qtm_field+direct_field",
     "raman+qtm_field+direct_field+bottleneck"],
)  # fmt: skip
def test_analytic_gradient_matches_finite_differences(law):
    terms = parse_law(law)
    T = np.geomspace(1.5, 15, 9)
    H = np.geomspace(10, 5000, 9)
    params = law_params(terms)
    _, grad, _ = evaluate_law(T, H, PARAMS, terms)
    for j, p in enumerate(params):
        step = 1e-6
        hi, lo = dict(PARAMS), dict(PARAMS)
        if p.log:
            hi[p.name] *= np.exp(step)
            lo[p.name] *= np.exp(-step)
        else:
            hi[p.name] += step
            lo[p.name] -= step
        num = (
            np.log(evaluate_law(T, H, hi, terms)[0]) - np.log(evaluate_law(T, H, lo, terms)[0])
        ) / (2 * step)
        np.testing.assert_allclose(grad[:, j], num, rtol=1e-5, atol=1e-8)


def test_every_term_has_a_known_variable_and_unit():
    for term in TERMS.values():
        assert term.variable in ("T", "H", "TH")
        assert all(p.unit for p in term.params)


def test_law_text_is_checked():
    assert parse_law("Orbach + plateau") == ("orbach", "qtm")
    for bad in ("bogus", "orbach+orbach", "orbach+constant", "bottleneck"):
        with pytest.raises(ValueError):
            parse_law(bad)


def test_raman_bvv_is_raman_times_the_brons_van_vleck_factor():
    T = np.array([2.0, 5.0, 9.0])
    H = np.array([0.0, 300.0, 1e6])
    raman = total_rate_s(T, PARAMS, ("raman",))
    both = total_rate_s(T, PARAMS, ("raman_bvv",), H)
    e, f = PARAMS["e_bvv_Oe-2"], PARAMS["f_bvv_Oe-2"]
    np.testing.assert_allclose(both, raman * (1 + e * H**2) / (1 + f * H**2))
    assert both[0] == raman[0]  # zero field: the Raman rate
    assert both[2] / raman[2] == pytest.approx(e / f, rel=1e-4)  # high field: e / f


def test_a_law_in_T_and_H_has_variable_TH():
    from spinrelax.rates.laws import law_variable

    assert law_variable(parse_law("orbach+raman+qtm")) == "T"
    assert law_variable(parse_law("qtm_field+constant")) == "H"
    assert law_variable(parse_law("orbach+qtm_field+direct_field")) == "TH"
    assert law_variable(parse_law("raman_bvv")) == "TH"
