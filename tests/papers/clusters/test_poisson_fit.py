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


def test_profile_upper_limit_of_a_signal_in_an_empty_bin():
    """mu = (b, b, s) with counts (1e6, 1e6, 0): D(s) - D(0) = 2 s, so the 95 % one-sided
    limit (Delta D = 2.7055) is s = 1.3528 whatever b."""
    from spinrelax.papers.clusters.poisson_fit import profile_upper_limit

    def model(p):
        return np.array([p[0], p[0], p[1]])

    counts = np.array([1e6, 1e6, 0.0])
    fit = fit_poisson(model, counts, ("b", "s"), [9e5, 1.0], [0.0, 0.0], [np.inf, 100.0])
    assert fit.value("s") == pytest.approx(0.0, abs=1e-6)
    limit = profile_upper_limit(model, counts, fit, [0.0, 0.0], [np.inf, 100.0], "s")
    assert limit == pytest.approx(2.705543454095404 / 2, rel=1e-6)


def test_scaled_fisher_keeps_errors_of_parameters_of_very_different_size():
    """Areas ~1e6 counts next to a position ~1e-3: every error finite and close to sqrt(N)."""
    x = np.linspace(-1, 1, 201)

    def model(p):
        return p[2] + p[0] * 0.01 * np.exp(-0.5 * ((x - p[1]) / 0.1) ** 2) / (
            np.sqrt(2 * np.pi) * 0.1
        )

    truth = np.array([1e6, 1e-3, 1.0])
    counts = np.random.default_rng(3).poisson(model(truth))
    fit = fit_poisson(
        model, counts, ("A", "c", "bg"), [9e5, 0.0, 2.0], [0, -1, 0], [np.inf, 1, np.inf]
    )
    assert fit.converged
    assert np.all(np.isfinite(fit.errors))
    assert fit.error("A") == pytest.approx(1e3, rel=0.05)
