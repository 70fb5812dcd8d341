"""The two-process parameter box: both ln tau within two decades beyond the measured window."""

import numpy as np
import pandas as pd

from spinrelax.acsus.bounds import TAU_WINDOW_MARGIN, model_bounds
from spinrelax.acsus.models import MODELS
from spinrelax.acsus.packing import pack_spectra


def _packed(freqs_Hz):
    f = np.asarray(freqs_Hz, dtype=float)
    table = pd.DataFrame({"spectrum": 0, "freq_Hz": f, "chi_real": 1.0 / (1 + f), "chi_imag": 0.1})
    return pack_spectra(table, ["spectrum"])


def test_two_process_ln_tau_bounded_two_decades_beyond_the_window():
    packed = _packed(np.geomspace(1.0, 1000.0, 12))
    lower, upper = model_bounds("double_generalized_debye", packed)
    spec = MODELS["double_generalized_debye"]
    for name in ("ln_tau", "ln_tau2"):
        k = spec.params.index(name)
        assert lower[0, k] == np.log(1 / (2 * np.pi * 1000.0)) - np.log(TAU_WINDOW_MARGIN)
        assert upper[0, k] == np.log(1 / (2 * np.pi * 1.0)) + np.log(TAU_WINDOW_MARGIN)


def test_one_process_models_keep_their_own_box():
    assert model_bounds("generalized_debye", _packed(np.geomspace(1.0, 1000.0, 12))) is None
