"""Report sentences on the rate-law choice and the uncertainty of U_eff."""

import numpy as np
import pandas as pd

from spinrelax.sample_report.rate_summary import TAU_ERRORS, choice_sentence, ueff_sentence


def _cands(statuses, selected):
    return pd.DataFrame({"law": ["orbach", "orbach+qtm", "orbach+raman+qtm"], "status": statuses,
                         "selected": selected, "delta_aicc": [30.0, 0.0, -40.0],
                         "U_K": [28.5, 136.5, 140.5]})  # fmt: skip


def test_choice_names_winner_runner_up_and_the_excluded():
    text = choice_sentence(_cands(["eligible", "chosen", "not_determined: n_raman"],
                                  [False, True, False]))  # fmt: skip
    assert text.startswith("orbach+qtm was chosen: the lowest AICc of the 2 candidate law(s)")
    assert "runner-up, orbach (Delta AICc = 30), gives U_eff = 28.5 K" in text
    assert "Not eligible: orbach+raman+qtm (not_determined: n_raman)." in text


def test_no_eligible_or_no_converged_law_is_said():
    text = choice_sentence(_cands(["not_converged", "not_determined: U_K", "at_bound"],
                                  [False, True, False]))  # fmt: skip
    assert text.startswith("No candidate law has every parameter determined; orbach+qtm")
    none = choice_sentence(_cands(["not_converged", "at_bound", "at_bound"], [False] * 3))
    assert none.startswith("No candidate law converged: no rate-law parameter is published.")


def test_ueff_sentence_states_interval_and_spread():
    params = pd.DataFrame({"parameter": ["U_K"], "value": [136.5], "err": [0.9], "ci68_low": [135.6],
                           "ci68_high": [137.4], "ci95_low": [134.7], "ci95_high": [np.nan],
                           "flag": [np.nan], "message": [np.nan]})  # fmt: skip
    spread = pd.DataFrame({"kind": ["law", "law", "window", "window"],
                           "law": ["orbach", "orbach+qtm", "orbach+qtm", "orbach+qtm"],
                           "U_K": [28.5, 136.5, 138.1, 135.8],
                           "delta_aicc": [139.0, 0.0, np.nan, np.nan]})  # fmt: skip
    text = ueff_sentence(params, spread)
    assert "68 % profile interval 135.6 to 137.4 K, 95 % 134.7 to open K" in text
    assert "U_eff spans 28.5 to 136.5 K" in text and "gives 135.8 to 138.1 K" in text
    assert "fit error" in TAU_ERRORS and "distribution" in TAU_ERRORS
