import numpy as np
import pytest

from spinrelax.rates.uncertainty import DEFAULT_REL_ERR, log_sigma, sigma_ln_tau


def test_ccfit2_takes_the_larger_of_width_and_fit_error():
    # ccfit2 5.14 Dataset.from_raw: max(sigma_lntau, ln(1 + tau_err/tau))
    rate = np.array([100.0, 100.0, 100.0])
    err = np.array([5.0, 50.0, 5.0])
    width = np.array([0.3, 0.3, 0.0])
    got = sigma_ln_tau(rate, err, width, "ccfit2")
    np.testing.assert_allclose(got, [0.3, np.log(1.5), np.log(1.05)])


def test_other_modes():
    rate, err, width = np.array([10.0]), np.array([1.0]), np.array([0.2])
    assert sigma_ln_tau(rate, err, width, "fit")[0] == pytest.approx(0.1)
    assert sigma_ln_tau(rate, err, width, "distribution")[0] == pytest.approx(0.2)
    assert sigma_ln_tau(rate, err, width, "combined")[0] == pytest.approx(np.hypot(0.1, 0.2))
    assert sigma_ln_tau(rate, err, width, "none")[0] == 1.0
    with pytest.raises(ValueError):
        sigma_ln_tau(rate, err, width, "bogus")


def test_missing_errors_get_the_default():
    assert log_sigma([1.0, 2.0], [np.nan, -1.0]).tolist() == [DEFAULT_REL_ERR] * 2
    assert sigma_ln_tau([1.0], [np.nan], [np.nan], "ccfit2")[0] == DEFAULT_REL_ERR
