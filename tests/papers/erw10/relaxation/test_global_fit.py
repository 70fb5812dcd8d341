"""Global fit of all spectra of a sample: recovery of injected smooth laws, two-step table."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.models import chi_real_imag
from spinrelax.papers.erw10.relaxation.global_fit import global_fit
from spinrelax.papers.erw10.relaxation.global_sample import sample_comparison


def _spectra(seed=0):
    rng = np.random.default_rng(seed)
    f = np.geomspace(0.1, 1e4, 20)
    rows = []
    for i, T in enumerate([1.8, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.7, 6.5]):
        rate = np.exp(-63 / T) / 1e-11 + 75.0
        alpha = 0.99 / (1 + np.exp(-(-1.5 - 0.2 * (T - 4))))
        cT, cS = 10 / (T + 0.05), 1 / (T + 0.05)
        p = np.array([cS, cT - cS, -np.log(rate), alpha])
        re, im = chi_real_imag("generalized_debye", f, p)
        err = 0.005 * cT
        rows.append(
            pd.DataFrame(
                {
                    "sample": "s",
                    "spectrum": i,
                    "T_K": T,
                    "T_K_spectrum": T,
                    "H_Oe": 0.0,
                    "freq_Hz": f,
                    "chi_real": re + err * rng.standard_normal(f.size),
                    "chi_imag": im + err * rng.standard_normal(f.size),
                    "chi_real_err": err,
                    "chi_imag_err": err,
                }
            )  # fmt: skip
        )
    return pd.concat(rows, ignore_index=True)


def test_global_fit_recovers_injected_laws():
    fit = global_fit(_spectra(), {"tau0_s": 3e-11, "U_K": 55.0, "rate_qt_s-1": 50.0})
    assert fit.converged
    assert fit.values["U_K"] == pytest.approx(63.0, abs=4 * fit.errors["U_K"] + 0.1)
    assert fit.values["rate_qt_s-1"] == pytest.approx(75.0, rel=0.05)
    assert fit.values["theta_K"] == pytest.approx(-0.05, abs=0.03)
    assert 0.7 < fit.chi2_red < 1.4
    assert fit.n_spectra == 10


def test_comparison_side_by_side_and_too_few_spectra():
    params = pd.DataFrame({
        "sample": "s", "parameter": ["tau0_s", "U_K", "rate_qt_s-1", "converged_full_law"],
        "value": [1e-11, 62.5, 74.0, 1.0], "err": [1e-12, 0.5, 2.0, np.nan],
        "unit": "", "method": "full_law:orbach+plateau [1.5, 12] K",
    })  # fmt: skip
    table = sample_comparison("s", _spectra(1), params, (1.5, 12.0), 1.0)
    u = table.set_index("parameter").loc["U_K"]
    assert u["twostep_value"] == 62.5 and np.isfinite(u["global_value"])
    few = sample_comparison("s", _spectra(1), params, (1.5, 2.1), 1.0)
    assert len(few) == 1 and not few["global_converged"].iloc[0]


def test_an_unconverged_fit_publishes_no_number():
    from dataclasses import replace

    from spinrelax.papers.erw10.relaxation.global_fit import comparison_table
    from spinrelax.published import violations

    fit = global_fit(_spectra(), {"tau0_s": 3e-11, "U_K": 55.0, "rate_qt_s-1": 50.0})
    failed = replace(fit, converged=False, reason="at bound: ln_rate_qt_s-1")
    params = pd.DataFrame({
        "sample": "s", "parameter": ["tau0_s", "U_K", "rate_qt_s-1", "converged_full_law"],
        "value": [1e-11, 62.5, 74.0, 0.0], "err": [1e-12, 0.5, 2.0, np.nan],
        "unit": "", "method": "full_law:orbach+plateau [1.5, 12] K",
    })  # fmt: skip
    table = comparison_table("s", failed, params)
    assert table[["global_value", "global_err", "twostep_value", "twostep_err"]].isna().all().all()
    assert (table["global_status"] == "not_converged: at bound: ln_rate_qt_s-1").all()
    assert np.isfinite(table["global_chi2_red"]).all()  # the diagnostic stays
    assert violations(table) == []
    ok = comparison_table("s", fit, params.assign(value=[1e-11, 62.5, 74.0, 1.0]))
    assert ok["global_value"].notna().all() and (ok["global_status"] == "converged").all()
    assert ok.set_index("parameter").loc["U_K", "twostep_value"] == 62.5


def test_analytic_jacobian_matches_finite_differences_and_the_rate_is_the_engine_s():
    """The fit's tau(T) is the rate-law engine's orbach+qtm (evaluate_law) and its Jacobian,
    chained through the ac stage's analytic Cole-Cole Jacobian, matches central differences."""
    from spinrelax.papers.erw10.relaxation.global_fit import _model
    from spinrelax.rates.laws import total_rate_s

    sp = _spectra()
    T, f = sp["T_K"].to_numpy(float), sp["freq_Hz"].to_numpy(float)
    x = np.array([np.log(3e-11), 55.0, np.log(50.0), -1.0, 0.1, 3.0, 0.3, -0.02])
    re, im, jac = _model(x, T, f, 4.0)
    rate = total_rate_s(T, {"tau0_s": 3e-11, "U_K": 55.0, "rate_qt_s-1": 50.0}, ("orbach", "qtm"))
    p = np.stack([0.3 / (T + 0.02), 2.7 / (T + 0.02), -np.log(rate),
                  0.99 / (1 + np.exp(-(-1.0 + 0.1 * (T - 4.0))))], axis=-1)  # fmt: skip
    ref_re, ref_im = chi_real_imag("generalized_debye", f[:, None], p)
    np.testing.assert_allclose(re, ref_re[:, 0], rtol=1e-12)
    np.testing.assert_allclose(im, ref_im[:, 0], rtol=1e-12, atol=1e-15)
    num = np.empty_like(jac)
    for j in range(x.size):
        h = 1e-6 * max(1.0, abs(x[j]))
        up, down = x.copy(), x.copy()
        up[j] += h
        down[j] -= h
        a, b = _model(up, T, f, 4.0), _model(down, T, f, 4.0)
        num[:, j] = np.concatenate([a[0] - b[0], a[1] - b[1]]) / (2 * h)
    np.testing.assert_allclose(jac, num, atol=1e-7 * np.abs(num).max())
