"""The generic profile-likelihood profiler: exact on a linear model, asymmetric on a curved
one, open where the likelihood is flat, any model given as a batched residual function."""

import numpy as np
import pytest
from scipy.stats import chi2

from spinrelax.rates.profile import profile_intervals


def _linear(x, y, sigma):
    """Straight line y = a + b x as a batched model of (a, b)."""
    A = np.stack([np.ones_like(x), x], axis=1) / sigma

    def model(P):
        r = (P[:, 0:1] + P[:, 1:2] * x[None, :] - y[None, :]) / sigma
        return r, np.broadcast_to(A, (P.shape[0], *A.shape))

    return model, A


def test_linear_model_gives_wald_limits():
    rng = np.random.default_rng(0)
    x = np.linspace(0.0, 5.0, 30)
    y = 1.0 + 2.0 * x + 0.3 * rng.standard_normal(x.size)
    model, A = _linear(x, y, 0.3)
    p = np.linalg.lstsq(A, y / 0.3, rcond=None)[0]
    chi2_min = np.sum((A @ p - y / 0.3) ** 2)
    sd = np.sqrt(np.diag(np.linalg.inv(A.T @ A)) * chi2_min / 28)
    prof = profile_intervals(model, p, np.full(2, -1e9), np.full(2, 1e9), 28)
    for level, z in ((0, 1.0), (1, np.sqrt(chi2.ppf(0.95, 1)))):
        np.testing.assert_allclose(prof.low[:, level], p - z * sd, rtol=0, atol=2e-3 * sd.min())
        np.testing.assert_allclose(prof.high[:, level], p + z * sd, rtol=0, atol=2e-3 * sd.min())
    assert prof.closed(0).all() and abs(prof.min_deviance) < 1e-8


def test_exponential_decay_interval_is_asymmetric():
    rng = np.random.default_rng(1)
    t = np.linspace(0.0, 1.0, 12)
    y = 5.0 * np.exp(-0.7 * t) + 0.05 * rng.standard_normal(t.size)

    def model(P):
        a, k = P[:, 0:1], P[:, 1:2]
        e = np.exp(-k * t[None, :])
        r = (a * e - y) / 0.05
        return r, np.stack([e, -a * t * e], axis=2) / 0.05

    from scipy.optimize import least_squares

    fit = least_squares(lambda p: model(p[None])[0][0], [4.0, 1.0])
    prof = profile_intervals(model, fit.x, np.array([0.0, 0.0]), np.array([100.0, 100.0]), 10)
    lo, hi = prof.low[1, 1], prof.high[1, 1]
    assert lo < fit.x[1] < hi
    # brute-force profile at the reported limits: deviance = 3.84 there
    s2 = 2 * fit.cost / 10
    for k in (lo, hi):
        inner = least_squares(lambda a, k=k: model(np.array([[a[0], k]]))[0][0], [fit.x[0]])
        assert (2 * inner.cost - 2 * fit.cost) / s2 == pytest.approx(chi2.ppf(0.95, 1), rel=2e-2)


def test_flat_direction_is_open():
    """y = a + exp(c) with exp(c) << noise: c has no lower limit (the plateau)."""
    rng = np.random.default_rng(2)
    y = 3.0 + 0.1 * rng.standard_normal(20)

    def model(P):
        a, c = P[:, 0:1], P[:, 1:2]
        r = (a + np.exp(c) - y) / 0.1
        return r, np.stack([np.ones_like(r), np.broadcast_to(np.exp(c), r.shape)], axis=2) / 0.1

    prof = profile_intervals(model, np.array([3.0 - np.exp(-3.0), -3.0]),
                             np.array([-10.0, -50.0]), np.array([10.0, 5.0]), 18)  # fmt: skip
    assert np.isnan(prof.low[1, 0]) and not prof.closed(0)[1]
    assert prof.closed(0)[0] or np.isfinite(prof.high[0, 0])
