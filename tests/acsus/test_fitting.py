"""Batched fits: injection-recovery for every model, scale invariance, lmfit agreement, AIC."""

import logging

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.guesses import initial_params
from spinrelax.acsus.lmfit_path import fit_single_lmfit
from spinrelax.acsus.models import MODELS
from spinrelax.acsus.packing import pack_spectra

F = np.logspace(-1, 3, 25)  # window 0.1 Hz .. 1 kHz; centre tau = 1/(2 pi 10 Hz)
TAU_CENTRE = 1 / (2 * np.pi * 10.0)

TRUTH = {
    "debye": [[0.1, 1.0, np.log(TAU_CENTRE)], [0.0, 2.0, np.log(TAU_CENTRE * 20)]],
    "generalized_debye": [
        [0.1, 1.0, np.log(TAU_CENTRE), 0.05],
        [0.3, 1.0, np.log(TAU_CENTRE * 30), 0.3],
        [0.0, 1.0, np.log(TAU_CENTRE / 30), 0.45],
    ],
    "havriliak_negami": [
        [0.1, 1.0, np.log(TAU_CENTRE), 0.2, 0.5],
        [0.2, 1.0, np.log(TAU_CENTRE * 5), 0.1, 0.7],
    ],
    "cole_davidson": [[0.1, 1.0, np.log(TAU_CENTRE), 0.4], [0.1, 1.0, np.log(TAU_CENTRE / 5), 0.7]],
    "double_generalized_debye": [
        [0.05, 0.6, np.log(TAU_CENTRE * 10), 0.1, 0.4, np.log(TAU_CENTRE / 30), 0.05]
    ],
}


def _settings(model):
    return FitSettings(model=model)


@pytest.mark.parametrize("model", list(MODELS))
def test_noise_free_recovery_is_exact(model, make_spectra):
    truth = np.array(TRUTH[model])
    out = fit_spectra(make_spectra(model, truth, F), ["spectrum"], _settings(model))
    # A truth with chi_S = 0 sits on the bound chi_S >= 0: recovered, flagged, never usable.
    on_bound = truth[:, 0] == 0
    assert (out["usable"] == ~on_bound).all(), out["flags"].tolist()
    assert (out["flags"][on_bound] == "at_bound:chi_S").all()
    np.testing.assert_allclose(out["tau_s"], np.exp(truth[:, 2]), rtol=1e-6)
    np.testing.assert_allclose(
        out["chi_T"],
        truth[:, 0] + truth[:, 1] + (truth[:, 4] if truth.shape[1] == 7 else 0),
        rtol=1e-6,
    )
    if "alpha" in MODELS[model].params:
        np.testing.assert_allclose(out["alpha"], truth[:, 3], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("model", list(MODELS))
@pytest.mark.parametrize("noise", [1e-3, 1e-2])
def test_noisy_recovery_within_errors(model, noise, make_spectra):
    truth = np.array(TRUTH[model] * 4)
    table = make_spectra(model, truth, F, noise=noise, seed=7)
    out = fit_spectra(table, ["spectrum"], _settings(model))
    ok = out["usable"].to_numpy()
    interior = truth[:, 0] > 0  # chi_S = 0 is on its bound: a fit may end there (not usable)
    assert ok[interior].mean() >= 0.75, out["flags"].tolist()
    assert not out["flags"][interior].str.contains("at_bound").any()
    pull = (np.log(out["tau_s"]) - truth[:, 2]) / (out["tau_err_s"] / out["tau_s"])
    assert np.all(np.abs(pull[ok]) < 5)
    rel = np.abs(out["tau_s"] / np.exp(truth[:, 2]) - 1)[ok]
    assert rel.max() < 60 * noise


@pytest.mark.parametrize("decades", [2.5, -2.5])
def test_peak_beyond_window_is_flagged_not_usable(decades, make_spectra):
    tau = TAU_CENTRE * 10**decades  # the window edges are 2 decades from its centre
    truth = [[0.1, 1.0, np.log(tau), 0.1]]
    out = fit_spectra(make_spectra("generalized_debye", truth, F, noise=1e-3), ["spectrum"])
    assert "peak_outside_window" in out["flags"][0]
    assert not out["usable"][0]
    assert out["peak_coverage"][0] < 0.5


def test_peak_near_window_edge_is_still_recovered(make_spectra):
    tau = 1 / (2 * np.pi * 0.2)  # between the second and third frequencies
    out = fit_spectra(
        make_spectra("generalized_debye", [[0.1, 1.0, np.log(tau), 0.1]], F, noise=1e-3),
        ["spectrum"],
    )
    assert out["usable"][0], out["flags"][0]
    assert out["tau_s"][0] == pytest.approx(tau, rel=0.03)
    assert out["tau_peak_data_s"][0] == pytest.approx(tau, rel=0.2)


def test_peak_before_the_first_point_has_no_peak_in_window(make_spectra):
    tau = 1 / (2 * np.pi * 0.09)  # chi'' falls from the first measured frequency on
    out = fit_spectra(
        make_spectra("generalized_debye", [[0.1, 1.0, np.log(tau), 0.1]], F, noise=1e-3),
        ["spectrum"],
    )
    assert "no_peak_in_window" in out["flags"][0]
    assert not out["usable"][0]
    assert np.isnan(out["tau_peak_data_s"][0])


@pytest.mark.parametrize("model", ["generalized_debye", "havriliak_negami"])
def test_units_do_not_change_tau(model, make_spectra):
    truth = TRUTH[model]
    taus = []
    for scale in (1e-6, 1.0, 1e3):
        out = fit_spectra(
            make_spectra(model, truth, F, noise=5e-3, seed=3, scale=scale),
            ["spectrum"],
            _settings(model),
        )
        taus.append(out["tau_s"].to_numpy())
        np.testing.assert_allclose(
            out["chi_T"] / scale, np.array(truth)[:, 0] + np.array(truth)[:, 1], rtol=0.05
        )
    np.testing.assert_allclose(taus[0], taus[1], rtol=1e-9)
    np.testing.assert_allclose(taus[2], taus[1], rtol=1e-9)


@pytest.mark.parametrize("model", list(MODELS))
def test_batched_engine_agrees_with_lmfit(model, make_spectra):
    truth = np.array(TRUTH[model])
    table = make_spectra(model, truth, F, noise=5e-3, seed=11)
    out = fit_spectra(table, ["spectrum"], _settings(model))
    packed = pack_spectra(table, ["spectrum"])
    p0 = initial_params(
        model, np.log(packed.omega_rad_s), packed.chi_real, packed.chi_imag, packed.mask
    )
    names = MODELS[model].params
    for i in range(len(truth)):
        ref = fit_single_lmfit(
            model, packed.freq_Hz[i], packed.chi_real[i], packed.chi_imag[i], p0[i]
        )
        assert ref.success
        tau_ref = np.exp(ref.params[names.index("ln_tau")])
        assert out["tau_s"][i] == pytest.approx(tau_ref, rel=1e-6)
        chi_t_ref = (
            ref.params[0] + ref.params[1] + (ref.params[4] if model.startswith("double") else 0)
        )
        assert out["chi_T"][i] / packed.scale[i] == pytest.approx(chi_t_ref, rel=1e-6)
        if "alpha" in names:
            assert out["alpha"][i] == pytest.approx(
                ref.params[names.index("alpha")], rel=1e-6, abs=1e-9
            )
        assert out["chi2_red"][i] == pytest.approx(ref.chi2_red, rel=1e-6)
        assert out["aic"][i] == pytest.approx(ref.aic, rel=1e-6, abs=1e-6)
        tau_err_ref = tau_ref * ref.errors[names.index("ln_tau")]
        assert out["tau_err_s"][i] == pytest.approx(tau_err_ref, rel=1e-3)


def test_instrument_errors_set_weights(make_spectra):
    table = make_spectra(
        "generalized_debye", TRUTH["generalized_debye"], F, noise=1e-2, seed=5, with_err=True
    )
    out = fit_spectra(table, ["spectrum"], FitSettings(weighting="instrument"))
    assert out["weighted"].all() and (out["weighting"] == "instrument").all()
    # With correct errors the reduced chi^2 is about 1.
    assert np.all((out["chi2_red"] > 0.4) & (out["chi2_red"] < 2.0))
    # A zero error is imputed for that point only: the spectrum stays weighted.
    table.loc[3, "chi_imag_err"] = 0.0
    again = fit_spectra(table, ["spectrum"], FitSettings(weighting="instrument"))
    assert again["weighted"].all()
    assert again["chi2_red"][0] == pytest.approx(out["chi2_red"][0], rel=0.2)
    # The default is unweighted, and says so.
    plain = fit_spectra(table, ["spectrum"])
    assert not plain["weighted"].any() and (plain["weighting"] == "none").all()


def test_estimated_weights_recover_tau_within_errors(make_spectra):
    truth = np.array(TRUTH["generalized_debye"] * 4)
    table = make_spectra("generalized_debye", truth, F, noise=3e-3, seed=8)
    out = fit_spectra(table, ["spectrum"], FitSettings(weighting="estimated"))
    assert out["weighted"].all()
    pull = (np.log(out["tau_s"]) - truth[:, 2]) / (out["tau_err_s"] / out["tau_s"])
    assert np.all(np.abs(pull[out["usable"]]) < 5)
    assert out["chi2_red"].median() == pytest.approx(1.0, abs=0.6)


def test_auto_picks_one_model_per_series_by_aic(make_spectra):
    debye = make_spectra("debye", [[0.1, 1.0, np.log(TAU_CENTRE)]], F, noise=1e-3, seed=1)
    hn = make_spectra(
        "havriliak_negami", [[0.1, 1.0, np.log(TAU_CENTRE), 0.1, 0.4]], F, noise=1e-3, seed=1
    )
    table = pd.concat([debye.assign(sample="a"), hn.assign(sample="b", spectrum=1)])
    out = fit_spectra(table, ["sample", "spectrum"], FitSettings(model="auto"))
    assert out["series_model"][0] in ("debye", "generalized_debye", "cole_davidson")
    assert out["model"][1] == out["series_model"][1] == "havriliak_negami"
    # One series: one model for both spectra.
    one = fit_spectra(table, ["spectrum"], FitSettings(model="auto"))
    assert one["series_model"].nunique() == 1
    # HN rate is exp(-<ln tau>), not 1/tau.
    assert out["rate_s-1"][1] != pytest.approx(1 / out["tau_s"][1], rel=1e-2)


def test_rate_band_from_sigma_lntau(make_spectra):
    out = fit_spectra(
        make_spectra("generalized_debye", [[0.1, 1.0, np.log(TAU_CENTRE), 0.3]], F), ["spectrum"]
    )
    sig = np.sqrt((1 / 0.7**2 - 1) * np.pi**2 / 3)
    assert out["sigma_lntau"][0] == pytest.approx(sig, rel=1e-5)
    assert out["rate_hi_s-1"][0] / out["rate_s-1"][0] == pytest.approx(np.exp(sig), rel=1e-5)
    assert out["rate_lo_s-1"][0] / out["rate_s-1"][0] == pytest.approx(np.exp(-sig), rel=1e-5)


def test_multi_start_rescues_a_bad_start(make_spectra):
    from spinrelax.acsus.engine import LMSettings
    from spinrelax.acsus.fitting import fit_batch

    table = make_spectra("generalized_debye", [[0.1, 1.0, np.log(TAU_CENTRE), 0.2]], F, noise=1e-3)
    packed = pack_spectra(table, ["spectrum"])
    bad = np.array([[0.9, 1e-3, np.log(TAU_CENTRE) + 12.0, 0.9]])  # tau 5 decades off, alpha 0.9
    # From this start LM alone ends on a degenerate point (dchi -> 0, tau on its bound).
    res = fit_batch("generalized_debye", packed, LMSettings(max_iter=25), bad)
    assert res.converged[0]
    assert np.exp(res.params[0, 2]) == pytest.approx(TAU_CENTRE, rel=0.01)


def test_empty_table_gives_empty_result_with_columns(make_spectra):
    table = make_spectra("generalized_debye", TRUTH["generalized_debye"], F).iloc[0:0]
    out = fit_spectra(table, ["spectrum"])
    assert len(out) == 0
    full = fit_spectra(
        make_spectra("generalized_debye", TRUTH["generalized_debye"], F), ["spectrum"]
    )
    assert list(out.columns) == list(full.columns)


def test_progress_is_logged_per_chunk(make_spectra, caplog, monkeypatch):
    monkeypatch.setattr("spinrelax.progress.INTERVAL_S", 0.0)
    caplog.set_level(logging.INFO, logger="spinrelax.acsus.fitting")
    table = make_spectra("debye", np.tile([1e-6, 1e-4, np.log(1e-3)], (7, 1)))
    fits = fit_spectra(table, ["spectrum"], FitSettings(model="debye", chunk_size=3))
    lines = [r.getMessage() for r in caplog.records if r.name == "spinrelax.acsus.fitting"]
    assert [line.split(", ")[0] for line in lines] == [
        "fitted debye: 3/7 spectra (43 %)",
        "fitted debye: 6/7 spectra (86 %)",
        "fitted debye: 7/7 spectra (100 %)",
    ]
    assert all(line.endswith(" s") for line in lines)
    assert "fitted" not in fits.to_csv()


def test_progress_throttled_but_always_finished(make_spectra, caplog):
    caplog.set_level(logging.INFO, logger="spinrelax.acsus.fitting")
    table = make_spectra("debye", np.tile([1e-6, 1e-4, np.log(1e-3)], (7, 1)))
    fit_spectra(table, ["spectrum"], FitSettings(model="debye", chunk_size=3))
    lines = [r.getMessage() for r in caplog.records if r.name == "spinrelax.acsus.fitting"]
    assert len(lines) == 1 and lines[0].startswith("fitted debye: 7/7 spectra (100 %), ")


def test_batch_result_does_not_depend_on_the_other_spectra(make_spectra):
    # The spectra stop iterating at different steps; each one's fit must be the one it gets alone.
    truth = TRUTH["generalized_debye"] + [[0.1, 1.0, np.log(TAU_CENTRE * 1e4), 0.2]]
    table = make_spectra("generalized_debye", truth, F, noise=3e-3)
    together = fit_spectra(table, ["spectrum"])
    assert together["n_iter"].nunique() > 1
    for i in range(len(truth)):
        alone = fit_spectra(table[table["spectrum"] == i], ["spectrum"])
        cols = ["tau_s", "alpha", "chi_S", "chi_T", "tau_err_s", "n_iter", "flags", "usable"]
        pd.testing.assert_frame_equal(
            alone[cols], together.loc[[i], cols].reset_index(drop=True), rtol=1e-12
        )


def test_key_named_like_a_result_column_is_refused(make_spectra):
    table = make_spectra("generalized_debye", TRUTH["generalized_debye"][:1], F)
    with pytest.raises(ValueError, match="clash"):
        fit_spectra(table.rename(columns={"spectrum": "model"}), ["model"])


def test_two_process_series_keeps_labels_and_window_bounds(make_spectra):
    """A temperature series whose slow and fast processes exchange weight: every fit stays
    within two decades of the window, process 1 is always the slower one, and both taus are
    recovered wherever both peaks are inside the window."""
    tau_slow = TAU_CENTRE * np.array([30.0, 20.0, 10.0, 5.0])
    tau_fast = TAU_CENTRE / np.array([30.0, 20.0, 10.0, 8.0])
    w = np.array([0.8, 0.6, 0.4, 0.2])  # weight of the slow process
    truth = np.stack(
        [np.full(4, 0.05), w, np.log(tau_slow), np.full(4, 0.1), 1 - w, np.log(tau_fast),
         np.full(4, 0.05)],
        axis=-1,
    )  # fmt: skip
    # The generator's parameter order puts the fast process second already.
    table = make_spectra("double_generalized_debye", truth, F, noise=2e-3, seed=4)
    out = fit_spectra(table, ["spectrum"], FitSettings(model="double_generalized_debye"))
    lo = 1 / (2 * np.pi * F.max()) / 100
    hi = 1 / (2 * np.pi * F.min()) * 100
    for col in ("tau_s", "tau2_s"):
        assert ((out[col] >= lo * 0.999) & (out[col] <= hi * 1.001)).all()
    assert (out["tau_s"] >= out["tau2_s"]).all()
    assert out["usable"].all(), out["flags"].tolist()
    np.testing.assert_allclose(out["tau_s"], tau_slow, rtol=0.1)
    np.testing.assert_allclose(out["tau2_s"], tau_fast, rtol=0.1)
