"""Joint Poisson fits of the magnet-off and magnet-on profiles of one file.

Every model describes both profiles at once. They share the beam image: one peak of a given
shape (``gaussian`` or ``slit`` image, :mod:`.shapes`) with centre c, width sigma and (slit)
half-width a; each profile has its own area and flat background (counts per bin). Magnet on:

- ``none``    unchanged image (non-magnetic);
- ``shift``   image shifted by s with extra Gaussian broadening b (superparamagnetic);
- ``split2``  two equal peaks at c +- d (atomic-like, S = 1/2, equal m = +-1/2 populations);
- ``split3``  ``split2`` plus an undeflected (relaxed) peak holding the fraction f. Its shape is
  tied to the measured beam image (the magnet-off peak): paper 2, Sec. IV A fits "2 or 3
  Gaussian peaks", the third at 0 muB. A free width of that peak is not identified when f is
  near zero (it trades against the background), so it is not a parameter. At f = 0 the model
  is ``split2`` exactly, so D(split2) - D(split3) is the likelihood-ratio statistic of f > 0.

Deflected peaks carry the velocity spread: d ~ 1/v^2, so their Gaussian width adds
2 (sigma_v/v) d in quadrature (PHYSICS.md). Fits are Poisson maximum likelihood
(:mod:`.poisson_fit`); the models are nested in ``none``, so AIC = deviance + 2k ranks them.
A relaxed fraction that is not resolved gets a one-sided profile-likelihood upper limit
(:func:`relaxed_fraction_upper_limit`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinrelax.papers.clusters.poisson_fit import PoissonFit, fit_poisson, profile_upper_limit
from spinrelax.papers.clusters.shapes import peak_density

ON_MODELS: tuple[str, ...] = ("none", "shift", "split2", "split3")
#: Behaviour implied by each magnet-on model.
BEHAVIOUR_OF_MODEL: dict[str, str] = {
    "none": "non_magnetic",
    "shift": "superparamagnetic",
    "split2": "atomic_like",
    "split3": "atomic_like",
}
_EXTRA = {
    "none": (),
    "shift": ("shift_mm", "broadening_mm"),
    "split2": ("split_mm",),
    "split3": ("split_mm", "relaxed_fraction"),
}


@dataclass(frozen=True)
class ProfileData:
    """Positions, bin widths and counts of one file (magnet off and on share the axis)."""

    z_mm: np.ndarray
    dz_mm: np.ndarray
    counts_off: np.ndarray
    counts_on: np.ndarray
    v_rel_sigma: float


def param_names(shape: str, model: str) -> tuple[str, ...]:
    """Parameter names of the joint fit of ``shape`` and ``model``."""
    image = ("center_mm", "sigma_mm") + (("halfwidth_mm",) if shape == "slit" else ())
    return image + ("area_off", "bg_off", "area_on", "bg_on") + _EXTRA[model]


def joint_counts(shape: str, model: str, p: np.ndarray, data: ProfileData) -> np.ndarray:
    """Expected counts, magnet-off bins followed by magnet-on bins."""
    c, sigma = p[0], p[1]
    a = p[2] if shape == "slit" else 0.0
    i = 3 if shape == "slit" else 2
    area_off, bg_off, area_on, bg_on = p[i : i + 4]
    extra = p[i + 4 :]
    z, dz = data.z_mm, data.dz_mm

    def peak(center: float, width: float) -> np.ndarray:
        return peak_density(shape, z, center, width, a)

    base = peak(c, sigma)
    if model == "none":
        on = base
    elif model == "shift":
        on = peak(c + extra[0], np.hypot(sigma, extra[1]))
    elif model in ("split2", "split3"):
        d = extra[0]
        sd = np.hypot(sigma, 2.0 * data.v_rel_sigma * d)
        on = 0.5 * (peak(c + d, sd) + peak(c - d, sd))
        if model == "split3":
            on = (1.0 - extra[1]) * on + extra[1] * base
    else:
        raise ValueError(f"unknown model {model!r}")
    return np.concatenate([bg_off + area_off * dz * base, bg_on + area_on * dz * on])


def _edge_background(counts: np.ndarray) -> float:
    k = max(3, counts.size // 10)
    return float(np.median(np.concatenate([counts[:k], counts[-k:]])))


def _moments(z: np.ndarray, counts: np.ndarray, bg: float) -> tuple[float, float, float]:
    signal = np.clip(counts - bg, 0.0, None)
    area = max(float(signal.sum()), 1.0)
    c = float(np.sum(signal * z) / area)
    sd = float(np.sqrt(max(np.sum(signal * (z - c) ** 2) / area, 1e-8)))
    return area, c, sd


def _scan_start(
    shape: str,
    model: str,
    data: ProfileData,
    image: list[float],
    area_on: float,
    bg_on: float,
    width: float,
    grid: np.ndarray,
) -> float:
    """Shift or split on ``grid`` that minimises the magnet-on deviance (all grid points at once)."""
    c, sigma = image[0], image[1]
    a = image[2] if shape == "slit" else 0.0
    z, g = data.z_mm[None, :], grid[:, None]

    def peak(center, w):
        return peak_density(shape, z, center, w, a)

    if model == "shift":
        on = peak(c + g, np.hypot(sigma, 0.3 * width))
    else:
        sd = np.hypot(sigma, 2.0 * data.v_rel_sigma * g)
        on = 0.5 * (peak(c + g, sd) + peak(c - g, sd))
        if model == "split3":
            on = 0.8 * on + 0.2 * peak(c, sigma)
    mu = np.maximum(bg_on + area_on * data.dz_mm[None, :] * on, 1e-12)
    n = data.counts_on[None, :]
    log_term = np.where(n > 0, n * np.log(np.where(n > 0, n, 1.0) / mu), 0.0)
    return float(grid[int(np.argmin(np.sum(mu - n + log_term, axis=1)))])


def _start_and_bounds(
    shape: str, model: str, data: ProfileData
) -> tuple[list[float], list[float], list[float]]:
    """Start values and bounds of every parameter of ``(shape, model)`` (see :func:`fit_joint`)."""
    z = data.z_mm
    span = float(z.max() - z.min())
    bg_off, bg_on = _edge_background(data.counts_off), _edge_background(data.counts_on)
    area_off, c0, sd0 = _moments(z, data.counts_off, bg_off)
    area_on = _moments(z, data.counts_on, bg_on)[0]
    if shape == "slit":
        image0, image_lo, image_hi = (
            [c0, 0.4 * sd0, 1.4 * sd0],
            [z.min(), 1e-4, 1e-4],
            [z.max(), span, span],
        )
    else:
        image0, image_lo, image_hi = [c0, sd0], [z.min(), 1e-4], [z.max(), span]
    common0 = image0 + [area_off, bg_off, area_on, bg_on]
    common_lo = image_lo + [0.0, 0.0, 0.0, 0.0]
    common_hi = image_hi + [np.inf] * 4
    grid = np.linspace(0.0, 0.45 * span, 91)
    width = float(np.hypot(image0[1], image0[2] if shape == "slit" else 0.0))
    if model == "none":
        extra0, lo, hi = [], [], []
    elif model == "shift":
        s0 = _scan_start(
            shape, model, data, image0, area_on, bg_on, width, np.concatenate([-grid[:0:-1], grid])
        )
        extra0, lo, hi = [s0, 0.3 * width], [-0.5 * span, 0.0], [0.5 * span, span]
    elif model == "split2":
        d0 = _scan_start(shape, model, data, image0, area_on, bg_on, width, grid)
        extra0, lo, hi = [d0], [0.0], [0.5 * span]
    else:
        d0 = _scan_start(shape, model, data, image0, area_on, bg_on, width, grid)
        extra0, lo, hi = [d0, 0.2], [0.0, 0.0], [0.5 * span, 1.0]
    return common0 + extra0, common_lo + lo, common_hi + hi


def fit_joint(
    shape: str, model: str, data: ProfileData, split2: PoissonFit | None = None
) -> PoissonFit:
    """Fit one (shape, model) pair jointly to both profiles by Poisson maximum likelihood.

    Start values: image and areas from the profile moments, the shift or split from a coarse
    scan of the deviance (the model is not convex in them). When ``split2`` is given and the
    ``split3`` fit ends above its deviance (it can slide to f = 1, all clusters relaxed, a
    saddle), ``split3`` is refitted from the ``split2`` solution with f = 0.1 and the lower
    deviance is kept.
    """
    p0, lo, hi = _start_and_bounds(shape, model, data)
    counts = np.concatenate([data.counts_off, data.counts_on])

    def run(start: list[float]) -> PoissonFit:
        return fit_poisson(
            lambda p: joint_counts(shape, model, np.asarray(p, dtype=float), data),
            counts,
            param_names(shape, model),
            start,
            lo,
            hi,
        )

    fit = run(p0)
    # split3 contains split2 (f = 0): a deviance above split2's means it stopped short of its
    # minimum, so it is refitted from the split2 solution.
    if model == "split3" and split2 is not None and fit.deviance > split2.deviance + 1e-6:
        nested = run(list(split2.values) + [0.1])
        if nested.deviance < fit.deviance:
            fit = nested
    return fit


def relaxed_fraction_upper_limit(shape: str, data: ProfileData, fit: PoissonFit) -> float:
    """95 % one-sided profile-likelihood upper limit of the relaxed fraction of a split3 fit."""
    _, lo, hi = _start_and_bounds(shape, "split3", data)
    return profile_upper_limit(
        lambda p: joint_counts(shape, "split3", np.asarray(p, dtype=float), data),
        np.concatenate([data.counts_off, data.counts_on]),
        fit,
        lo,
        hi,
        "relaxed_fraction",
    )
