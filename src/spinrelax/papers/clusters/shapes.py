"""Peak shapes of a beam image on the detector (unit-area densities in 1/mm).

The beam image is slit-limited: a box of half-width ``halfwidth_mm`` (the collimating slit, 0.5 mm
wide in paper 2) convolved with a Gaussian of width ``sigma_mm`` (divergence, detector
resolution, velocity spread). Box * Gaussian = difference of two error functions:

    p(z) = [erf((z - c + a) / (sqrt2 s)) - erf((z - c - a) / (sqrt2 s))] / (4 a).

As a -> 0 it tends to the Gaussian. PHYSICS.md: plain Gaussians overestimate mu when the two
peaks of an atomic-like profile overlap, hence the slit-image shape.
"""

from __future__ import annotations

import numpy as np
from scipy.special import erf

SHAPES: tuple[str, ...] = ("gaussian", "slit")


def gaussian_density(z_mm: np.ndarray, center_mm: float, sigma_mm: float) -> np.ndarray:
    """Normal density (1/mm) of mean ``center_mm`` and standard deviation ``sigma_mm``."""
    u = (np.asarray(z_mm) - center_mm) / sigma_mm
    return np.exp(-0.5 * u * u) / (np.sqrt(2.0 * np.pi) * sigma_mm)


def slit_image_density(
    z_mm: np.ndarray, center_mm: float, halfwidth_mm: float, sigma_mm: float
) -> np.ndarray:
    """Box of half-width ``halfwidth_mm`` convolved with a Gaussian ``sigma_mm`` (1/mm, area 1)."""
    z = np.asarray(z_mm) - center_mm
    s = np.sqrt(2.0) * sigma_mm
    return (erf((z + halfwidth_mm) / s) - erf((z - halfwidth_mm) / s)) / (4.0 * halfwidth_mm)


def peak_density(
    shape: str, z_mm: np.ndarray, center_mm: float, sigma_mm: float, halfwidth_mm: float
) -> np.ndarray:
    """Density of ``shape`` ('gaussian' ignores ``halfwidth_mm``)."""
    if shape == "gaussian":
        return gaussian_density(z_mm, center_mm, sigma_mm)
    if shape == "slit":
        return slit_image_density(z_mm, center_mm, halfwidth_mm, sigma_mm)
    raise ValueError(f"unknown peak shape {shape!r}; expected one of {SHAPES}")
