"""One spectrum model per series under --model auto (issue 16, item 4)."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.distribution import mean_ln_tau
from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.model_choice import (
    choose_series_models,
    reduced_models,
    series_index,
    shift_z,
)
from spinrelax.acsus.qc import QCSettings

F = np.logspace(-1, 3, 25)
TAU = 1 / (2 * np.pi * 10.0)


def _series(make_spectra, gammas, noise=1e-3):
    """HN spectra, tau falling by 1.6x per step, gamma per spectrum (1 = Cole-Cole)."""
    truth = [[0.1, 1.0, np.log(TAU * 1.6**-k), 0.05, g] for k, g in enumerate(gammas)]
    return make_spectra("havriliak_negami", truth, F, noise=noise, seed=5)


def test_series_turning_symmetric_keeps_one_model_and_continuous_tau(make_spectra):
    """Asymmetric (HN) at low T, symmetric (Cole-Cole, gamma = 1) at high T, as Er(COT)I(THF)2:
    one series model (HN); where its gamma ends on 1 the row is the Cole-Cole fit itself."""
    gammas = [0.6, 0.6, 0.65, 0.7, 1.0, 1.0, 1.0]
    out = fit_spectra(_series(make_spectra, gammas), ["spectrum"], FitSettings(model="auto"))
    assert (out["series_model"] == "havriliak_negami").all()
    assert set(out["model"]) <= {"havriliak_negami", "generalized_debye"}
    assert (out["model"][:4] == "havriliak_negami").all()
    assert out["usable"].all()
    assert not out["flags"].str.contains("at_bound").any()
    # rate = exp(-<ln tau>) of the truth's distribution everywhere: no jump at the limit.
    truth = np.array([[0.1, 1.0, np.log(TAU * 1.6**-k), 0.05, g] for k, g in enumerate(gammas)])
    pull = (np.log(out["rate_s-1"]) + mean_ln_tau("havriliak_negami", truth)) / (
        out["rate_err_s-1"] / out["rate_s-1"]
    )
    assert np.all(np.abs(pull) < 4), pull.tolist()


def test_per_spectrum_choice_would_switch_but_series_does_not(make_spectra):
    """Two series in one table: each gets its own single model."""
    hn = _series(make_spectra, [0.5, 0.5, 0.55]).assign(sample="hn")
    gd = make_spectra(
        "generalized_debye", [[0.1, 1.0, np.log(TAU * 2**-k), 0.1] for k in range(3)], F,
        noise=1e-3, seed=6,
    ).assign(sample="gd")  # fmt: skip
    out = fit_spectra(pd.concat([hn, gd]), ["sample", "spectrum"], FitSettings(model="auto"))
    by_sample = out.groupby("sample")["series_model"].unique().map(list).to_dict()
    assert by_sample == {"gd": ["generalized_debye"], "hn": ["havriliak_negami"]}


def test_reduced_models_follow_nested_limits():
    def fit(flags, **cols):
        return pd.DataFrame({"flags": flags, **cols})

    nan = np.nan
    fits = {
        "havriliak_negami": fit(
            ["", "at_bound:gamma", "at_bound:alpha;at_bound:gamma", "at_bound:gamma"],
            alpha=[0.1, 0.1, 0.0, 0.1], gamma=[0.7, 1.0, 1.0, 0.01],
        ),
        "generalized_debye": fit(["", "", "at_bound:alpha", ""], alpha=[0.1, 0.1, 0.0, 0.1],
                                 gamma=[nan] * 4),
        "debye": fit([""] * 4, alpha=[nan] * 4, gamma=[nan] * 4),
    }  # fmt: skip
    out = reduced_models(fits, "havriliak_negami").tolist()
    # gamma = 0.01 is a bound too, but not a nested limit: that row stays HN (unusable).
    assert out == ["havriliak_negami", "generalized_debye", "debye", "havriliak_negami"]
    del fits["debye"]  # a limit whose simpler model was not fitted is not followed
    assert reduced_models(fits, "havriliak_negami").tolist()[2] == "generalized_debye"


def test_series_index_groups_all_keys_but_the_last():
    keys = {"file": np.array([0, 0, 1, 1, 0]), "spectrum": np.arange(5)}
    assert series_index(keys, ["file", "spectrum"]).tolist() == [0, 0, 1, 1, 0]
    assert series_index(keys, ["spectrum"]).tolist() == [0] * 5


def test_shift_z_is_the_weighted_mean_shift_over_its_error():
    d = np.full(4, 0.05)
    rel = np.full(4, 0.04 / np.sqrt(2))  # combined error 0.04 per spectrum
    assert shift_z(d, rel, np.zeros(4), rel) == pytest.approx(0.05 / 0.04 * 2)
    assert shift_z(np.array([np.nan]), rel[:1], np.zeros(1), rel[:1]) == 0.0


def _table(model, usable, aic, tau_peak):
    n = len(usable)
    return pd.DataFrame(
        {
            "model": model,
            "flags": "",
            "usable": usable,
            "aic": aic,
            "alpha": 0.1 if model == "generalized_debye" else np.nan,
            "alpha2": np.nan,
            "gamma": np.nan,
            "tau_peak_s": np.full(n, tau_peak),
            "tau_peak_err_s": np.full(n, 0.01 * tau_peak),
        }
    )


@pytest.mark.parametrize(("n_failed", "expected"), [(1, "generalized_debye"), (2, "debye")])
def test_a_long_series_tolerates_losing_five_percent_of_its_spectra(n_failed, expected):
    n = 20
    gd_usable = np.arange(n) >= n_failed
    fits = {
        "debye": _table("debye", np.ones(n, bool), np.full(n, -400.0), 1.0),
        "generalized_debye": _table("generalized_debye", gd_usable, np.full(n, -500.0), 1.1),
    }
    out = choose_series_models(fits, np.zeros(n, int), QCSettings())
    assert (out["series_model"] == expected).all()
    assert (out["model"] == expected).all()  # never switched spectrum by spectrum


def test_a_richer_model_that_does_not_move_tau_does_not_win():
    n = 5
    fits = {
        "generalized_debye": _table("generalized_debye", np.ones(n, bool), np.full(n, -500.0), 1),
        "havriliak_negami": _table("havriliak_negami", np.ones(n, bool), np.full(n, -600.0), 1),
    }
    out = choose_series_models(fits, np.zeros(n, int), QCSettings())
    assert (out["series_model"] == "generalized_debye").all()
