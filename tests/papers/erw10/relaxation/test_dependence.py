import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.dependence import (
    fit_field_detuning,
    fit_samples,
    rates_at_temperature,
)


@pytest.fixture
def usable(synthetic_rates):
    t = synthetic_rates()
    return t.loc[t["usable"]].reset_index(drop=True)


def test_fit_samples_recovers_injected_U_per_sample(usable):
    table, fits = fit_samples(usable, (4.0, 12.0), (1.5, 12.0), ("orbach", "plateau"), 1.0, 5, 0)
    u = table.loc[(table["parameter"] == "U_K") & table["method"].str.startswith("full")]
    assert set(u["sample"]) == {"x001", "x005", "x025", "x1", "x1_167"}
    assert np.all(np.abs(u["value"] - 63.0) < 4 * u["err"] + 0.5)
    assert all(f.converged for f in fits.values())
    assert {"chi2_red_full_law", "converged_full_law"} <= set(table["parameter"])


def test_a_fit_that_did_not_converge_publishes_no_value(usable):
    # an Arrhenius window holding two rates: no degree of freedom, not converged
    table, fits = fit_samples(usable, (9.0, 12.0), (1.5, 12.0), ("orbach", "plateau"), 1.0, 5, 0)
    window = table.loc[table["method"].str.startswith("arrhenius")].set_index(
        ["sample", "parameter"]
    )["value"]
    failed = [s for (s, m), f in fits.items() if m == "arrhenius_window" and not f.converged]
    assert failed
    for sample in failed:
        assert np.isnan(window[(sample, "U_K")]) and np.isnan(window[(sample, "tau0_s")])
        assert window[(sample, "converged_arrhenius_window")] == 0.0


def test_rates_at_2K_combines_repeats(usable):
    pts = rates_at_temperature(usable, 2.0, 0.15)
    x1 = pts.loc[(pts["sample"] == "x1") & (pts["H_Oe"] == 0.0)]
    assert len(x1) == 1 and x1["n_spectra"].iloc[0] == 1  # 1.8 K is outside 2 +- 0.15
    assert sorted(pts.loc[pts["sample"] == "x1", "H_Oe"]) == [0.0, 50.0, 100.0, 200.0, 400.0]
    wide = rates_at_temperature(usable, 1.9, 0.15)
    assert wide.loc[(wide["sample"] == "x001") & (wide["H_Oe"] == 0), "n_spectra"].iloc[0] == 2


def test_field_detuning_fit_recovers_width():
    H = np.array([0.0, 50.0, 100.0, 150.0, 200.0, 300.0])
    cos_t = np.cos(np.deg2rad(42.0))
    rate = 1.2e3 * np.exp(-0.5 * (H * cos_t / 70.0) ** 2) * (1 + 0.01 * np.sin(H))
    fit = fit_field_detuning(H, rate, 0.02 * rate, "crystal", cos_t)
    assert fit.converged
    assert fit.sigma_H_Oe == pytest.approx(70.0, rel=0.02)
    assert fit.rate0_s == pytest.approx(1.2e3, rel=0.02)
    powder = fit_field_detuning(H, fit.rate_s(H) * 0 + rate, 0.02 * rate, "powder")
    assert powder.sigma_H_Oe < fit.sigma_H_Oe  # the orientation average decays more slowly


def test_field_fit_needs_three_fields():
    assert not fit_field_detuning([0.0, 10.0], [1.0, 0.5], [0.1, 0.1]).converged
