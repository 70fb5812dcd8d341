"""Synthetic spectra for the acsus tests (the models are checked independently in test_models)."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.models import chi_real_imag


def _make(model, params, freq_Hz=None, noise=0.0, seed=0, scale=1.0, with_err=False):
    """Tidy table of spectra (column ``spectrum``) for each parameter row; Gaussian noise
    ``noise`` relative to the largest chi of each spectrum."""
    rng = np.random.default_rng(seed)
    f = np.logspace(-1, 3, 25) if freq_Hz is None else np.asarray(freq_Hz)
    rows = []
    for i, p in enumerate(np.atleast_2d(params)):
        re, im = chi_real_imag(model, f, np.asarray(p)[None, :])
        sigma = noise * max(np.abs(re).max(), np.abs(im).max())
        table = pd.DataFrame(
            {
                "spectrum": i,
                "freq_Hz": f,
                "chi_real": scale * (re[0] + rng.normal(0, 1, f.size) * sigma),
                "chi_imag": scale * (im[0] + rng.normal(0, 1, f.size) * sigma),
            }
        )
        if with_err:
            table["chi_real_err"] = scale * sigma
            table["chi_imag_err"] = scale * sigma
        rows.append(table)
    return pd.concat(rows, ignore_index=True)


@pytest.fixture
def make_spectra():
    return _make
