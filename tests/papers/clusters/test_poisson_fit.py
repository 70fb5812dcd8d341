"""Poisson maximum-likelihood fit: deviance, recovery within errors, AIC."""

import numpy as np
import pytest
from scipy.stats import poisson

from spinrelax.papers.clusters.poisson_fit import fit_poisson, poisson_deviance


def test_deviance_is_twice_log_likelihood_ratio():
    rng = np.random.default_rng(0)
    mu = rng.uniform(0.5, 20, 50)
    n = rng.poisson(mu).astype(float)
    saturated = poisson.logpmf(n, np.maximum(n, 1e-300)).sum()
    expected = 2 * (saturated - poisson.logpmf(n, mu).sum())
    assert poisson_deviance(n, mu) == pytest.approx(expected, rel=1e-9)


def test_gaussian_peak_recovered_within_errors():
    x = np.linspace(-3, 3, 121)
    truth = np.array([500.0, 0.2, 0.6, 2.0])

    def model(p):
        return p[3] + p[0] * 0.05 * np.exp(-0.5 * ((x - p[1]) / p[2]) ** 2) / (
            np.sqrt(2 * np.pi) * p[2]
        )

    pulls = []
    for seed in range(20):
        counts = np.random.default_rng(seed).poisson(model(truth))
        fit = fit_poisson(
            model,
            counts,
            ("A", "c", "s", "bg"),
            [400, 0, 1, 1],
            [0, -3, 0.01, 0],
            [np.inf, 3, 3, np.inf],
        )
        assert fit.converged
        pulls.append((fit.values - truth) / fit.errors)
        assert fit.aic == pytest.approx(fit.deviance + 8)
    pulls = np.array(pulls)
    assert np.all(np.abs(pulls.mean(axis=0)) < 0.8)
    assert np.all((pulls.std(axis=0) > 0.5) & (pulls.std(axis=0) < 1.6))
