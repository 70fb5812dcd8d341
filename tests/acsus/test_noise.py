"""Noise estimated from the data (leave-one-out local quadratic) and the runs test."""

import numpy as np
import pytest

from spinrelax.acsus.models import chi_real_imag
from spinrelax.acsus.noise import band_noise, loo_scatter, runs_z

F = np.logspace(-1, 3, 30)


def _grid(n_spectra):
    ln_f = np.log(np.broadcast_to(F, (n_spectra, F.size))).copy()
    return ln_f, np.ones(ln_f.shape, dtype=bool)


def test_white_noise_on_a_relaxation_curve_is_recovered():
    rng = np.random.default_rng(1)
    p = np.array([[0.1, 1.0, np.log(1 / (2 * np.pi * 10)), 0.1]] * 2000)
    _, im = chi_real_imag("generalized_debye", F, p)
    ln_f, mask = _grid(2000)
    sigma = band_noise(ln_f, im + 0.003 * rng.normal(size=im.shape), mask)
    assert np.median(sigma) == pytest.approx(0.003, rel=0.05)


def test_a_quadratic_in_ln_f_has_zero_scatter():
    ln_f, mask = _grid(3)
    y = 0.3 + 0.2 * ln_f - 0.05 * ln_f**2
    t = loo_scatter(ln_f, y, mask.sum(axis=-1))
    np.testing.assert_allclose(t, 0.0, atol=1e-10)


def test_noise_follows_its_frequency_band():
    rng = np.random.default_rng(2)
    ln_f, mask = _grid(4000)
    scale = np.where(F < 10, 0.01, 0.001)  # ten times noisier below 10 Hz
    sigma = band_noise(ln_f, scale * rng.normal(size=ln_f.shape), mask)
    assert np.median(sigma[:, F < 3]) == pytest.approx(0.01, rel=0.1)
    assert np.median(sigma[:, F > 30]) == pytest.approx(0.001, rel=0.1)


def test_padding_and_short_spectra_have_no_noise():
    ln_f, mask = _grid(2)
    mask[1, 4:] = False  # four points: too few for a leave-one-out quadratic
    sigma = band_noise(ln_f, np.random.default_rng(3).normal(size=ln_f.shape), mask)
    assert np.isfinite(sigma[0]).all() and np.isnan(sigma[1]).all()


def test_runs_test_is_standard_normal_for_random_signs_and_negative_for_structure():
    rng = np.random.default_rng(4)
    _, mask = _grid(4000)
    z = runs_z(rng.normal(size=mask.shape), rng.normal(size=mask.shape), mask)
    assert abs(z.mean()) < 0.1 and z.std() == pytest.approx(1.0, abs=0.1)
    wave = np.sin(np.log(F))[None, :] * np.ones((1, 1))
    assert runs_z(wave, wave, mask[:1])[0] < -5
