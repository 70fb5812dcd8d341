"""QC flags: sign-flipped chi'', flat spectra and too few points are never 'converged'."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.packing import pack_spectra
from spinrelax.acsus.qc import QCSettings, disqualified, join_flags, noise_level

F = np.logspace(-1, 3, 25)
TAU = 1 / (2 * np.pi * 10.0)


def test_sign_flipped_chi_imag_is_flagged_not_converged(make_spectra):
    table = make_spectra("generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]] * 2, F, noise=1e-3)
    table.loc[table["spectrum"] == 1, "chi_imag"] *= -1
    out = fit_spectra(table, ["spectrum"])
    assert out["usable"][0] and out["converged"][0]
    assert "negative_chi_imag" in out["flags"][1]
    assert not out["converged"][1] and not out["usable"][1]


def test_outlier_pass_is_off_by_default_and_lists_what_it_removed(make_spectra):
    table = make_spectra(
        "generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]], F, noise=1e-3, with_err=True
    )
    table.loc[24, "chi_imag"] = -0.05  # one 50-sigma glitch at 1 kHz
    default = fit_spectra(table, ["spectrum"])
    assert default["n_outliers"][0] == 0 and default["n_points_used"][0] == 25
    assert default["outlier_freqs_Hz"][0] == ""
    on = FitSettings(outlier_sigma=8.0)
    out = fit_spectra(table, ["spectrum"], on)
    assert out["n_outliers"][0] == 1 and "outliers_removed" in out["flags"][0]
    assert out["n_points"][0] == 25 and out["n_points_used"][0] == 24
    assert out["outlier_freqs_Hz"][0] == "1000"
    assert out["usable"][0]
    assert out["tau_s"][0] == pytest.approx(TAU, rel=0.01)
    strict = FitSettings(outlier_sigma=8.0, qc=QCSettings(disqualifying=("outliers_removed",)))
    assert not fit_spectra(table, ["spectrum"], strict)["usable"][0]  # configurable


def test_several_negative_points_beyond_errors_are_flagged(make_spectra):
    table = make_spectra(
        "generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]], F, noise=1e-3, with_err=True
    )
    table.loc[19:24, "chi_imag"] = -0.15  # a negative tail, a third of the peak
    out = fit_spectra(table, ["spectrum"])
    assert "negative_chi_imag" in out["flags"][0]
    assert not out["converged"][0]


def test_small_negative_baseline_under_a_clear_peak_is_not_rejected(make_spectra):
    table = make_spectra("generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]], F, noise=1e-3)
    table.loc[0:3, "chi_imag"] -= 0.02  # low-frequency baseline dips to ~ -4 % of the peak
    out = fit_spectra(table, ["spectrum"])
    assert "negative_chi_imag" not in out["flags"][0]
    assert out["usable"][0]


def test_flat_spectrum_is_flagged_not_converged():
    rng = np.random.default_rng(2)
    table = pd.DataFrame(
        {
            "spectrum": 0,
            "freq_Hz": F,
            "chi_real": 1.0 + 1e-3 * rng.normal(size=F.size),
            "chi_imag": 1e-3 * rng.normal(size=F.size),
        }
    )
    out = fit_spectra(table, ["spectrum"])
    assert "flat" in out["flags"][0]
    assert not out["converged"][0] and not out["usable"][0]


def test_too_few_points_not_fitted(make_spectra):
    table = make_spectra("generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]], F[10:13])
    out = fit_spectra(table, ["spectrum"])
    assert "too_few_points" in out["flags"][0]
    assert not out["converged"][0]
    assert out["n_points"][0] == 3


def test_noise_level_estimates_white_noise():
    rng = np.random.default_rng(0)
    values = 0.3 + 0.01 * rng.normal(size=(200, 40))
    mask = np.ones_like(values, dtype=bool)
    sigma = noise_level(values, np.full_like(values, np.nan), mask)
    assert abs(np.median(sigma) / 0.01 - 1) < 0.1
    assert noise_level(values, np.full_like(values, 0.02), mask) == pytest.approx(0.02)


def test_disqualifying_flags_are_configurable():
    qc = QCSettings(disqualifying=("flat",))
    assert qc.is_disqualifying("at_bound:alpha;flat")
    assert not qc.is_disqualifying("peak_outside_window")


def test_a_fit_on_any_bound_is_disqualified_by_default():
    qc = QCSettings()
    for param in ("chi_S", "dchi", "ln_tau", "alpha", "gamma", "dchi2", "ln_tau2", "alpha2"):
        assert qc.is_disqualifying(f"at_bound:{param}")
    only_amplitude = QCSettings(disqualifying=("at_bound:dchi",))
    assert only_amplitude.is_disqualifying("at_bound:dchi")
    assert not only_amplitude.is_disqualifying("at_bound:dchi2;at_bound:alpha")


def test_nonfinite_rows_are_dropped_before_fitting(make_spectra):
    table = make_spectra("generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]], F)
    table.loc[3, "chi_real"] = np.nan
    assert pack_spectra(table, ["spectrum"]).n_points[0] == 24


def test_noise_only_chi_imag_is_flat_not_negative():
    rng = np.random.default_rng(4)
    n = 40
    table = pd.DataFrame(
        {
            "spectrum": np.repeat(np.arange(n), F.size),
            "freq_Hz": np.tile(F, n),
            "chi_real": 1.0 + 1e-3 * rng.normal(size=n * F.size),
            "chi_imag": 1e-3 * rng.normal(size=n * F.size),
            "chi_real_err": 1e-3,
            "chi_imag_err": 1e-3,
        }
    )
    flags = fit_spectra(table, ["spectrum"])["flags"]
    assert all("flat" in f for f in flags)
    assert sum("negative_chi_imag" in f.split(";") for f in flags) <= 1


@pytest.mark.parametrize("weighting", ["none", "instrument", "estimated"])
def test_wrong_model_is_poor_fit_and_inadequate_whatever_the_weighting(make_spectra, weighting):
    truth = [
        [0.05, 0.6, np.log(TAU * 30), 0.05, 0.4, np.log(TAU / 30), 0.05]
    ]  # two well separated processes, widths off their bound alpha = 0
    table = make_spectra("double_generalized_debye", truth, F, noise=1e-3, with_err=True)
    out = fit_spectra(table, ["spectrum"], FitSettings(weighting=weighting))
    assert "poor_fit" in out["flags"][0] and "model_inadequate" in out["flags"][0]
    assert out["better_model"][0] == "double_generalized_debye"
    assert out["delta_aic"][0] < -10
    assert out["chi2_red_noise"][0] > 10 and out["runs_z"][0] < -3


def test_right_model_within_noise_is_not_flagged(make_spectra):
    table = make_spectra(
        "generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]] * 20, F, noise=2e-3, seed=9
    )
    out = fit_spectra(table, ["spectrum"])
    assert (out["flags"] == "").mean() >= 0.9, out["flags"].tolist()
    assert out["chi2_red_noise"].median() < 1.5


def test_single_negative_point_beyond_errors_is_informational(make_spectra):
    table = make_spectra(
        "generalized_debye", [[0.1, 1.0, np.log(TAU), 0.1]], F, noise=1e-3, with_err=True
    )
    table["chi_imag_err"] = 1e-3
    table.loc[0, "chi_imag"] = -0.06  # one point below zero by an eighth of the peak
    out = fit_spectra(table, ["spectrum"])
    assert "negative_chi_imag_point" in out["flags"][0]
    assert "negative_chi_imag;" not in out["flags"][0] + ";"
    assert out["converged"][0]


def test_join_flags_matches_sorted_per_row_join():
    rng = np.random.default_rng(7)
    names = ["poor_fit", "at_bound:ln_tau", "flat", "at_bound:alpha", "outliers_removed"]
    flags = {name: rng.random(50) < 0.3 for name in names}
    expected = [";".join(sorted(n for n in names if flags[n][i])) for i in range(50)]
    assert join_flags(flags, 50).tolist() == expected
    assert "" in expected  # rows without any flag give ""
    assert join_flags({}, 3).tolist() == ["", "", ""]


def test_disqualified_uses_only_configured_flags():
    flags = {"flat": np.array([True, False, False]), "poor_fit": np.array([False, True, False])}
    assert disqualified(flags, 3, QCSettings()).tolist() == [True, False, False]
    only_poor = QCSettings(disqualifying=("poor_fit",))
    assert disqualified(flags, 3, only_poor).tolist() == [False, True, False]


def test_asymmetric_peak_inside_the_window_is_not_outside(make_spectra):
    """Havriliak-Negami with its chi'' maximum at ~12 Hz but exp<ln tau> at ~1.2 kHz, beyond a
    0.1-100 Hz window: the window test uses the chi''-peak time, so the fit is usable."""
    f = np.logspace(-1, 2, 25)
    tau = 8.18 / (2 * np.pi * 12.0)
    table = make_spectra(
        "havriliak_negami", [[0.1, 1.0, np.log(tau), 0.3, 0.2]], f, noise=1e-3, seed=3
    )
    out = fit_spectra(table, ["spectrum"], FitSettings(model="havriliak_negami"))
    assert out["f_peak_Hz"][0] == pytest.approx(12.0, rel=0.05)
    assert 1 / (2 * np.pi * out["tau_mean_s"][0]) > 300.0
    assert "peak_outside_window" not in out["flags"][0] and out["usable"][0], out["flags"][0]
