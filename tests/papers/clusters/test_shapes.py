"""Peak shapes: unit area, Gaussian limit, and the slit image as a numerical convolution."""

import numpy as np
import pytest
from scipy.integrate import quad

from spinrelax.papers.clusters.shapes import gaussian_density, peak_density, slit_image_density

Z = np.linspace(-5, 5, 20001)
DZ = Z[1] - Z[0]


@pytest.mark.parametrize(("a", "s"), [(0.25, 0.07), (0.5, 0.3), (0.01, 0.2)])
def test_unit_area(a, s):
    assert slit_image_density(Z, 0.3, a, s).sum() * DZ == pytest.approx(1.0, rel=1e-6)


def test_narrow_slit_tends_to_gaussian():
    np.testing.assert_allclose(
        slit_image_density(Z, 0.1, 1e-5, 0.2), gaussian_density(Z, 0.1, 0.2), atol=1e-6
    )


@pytest.mark.parametrize("z", [-0.4, -0.25, -0.1, 0.0, 0.2, 0.3])
def test_slit_is_box_convolved_with_gaussian(z):
    a, s = 0.25, 0.07
    numeric, _ = quad(lambda x: gaussian_density(z, x, s) / (2 * a), -a, a)
    assert slit_image_density(np.array([z]), 0.0, a, s)[0] == pytest.approx(numeric, rel=1e-8)


def test_flat_top():
    p = slit_image_density(np.array([-0.1, 0.0, 0.1]), 0.0, 0.5, 0.02)
    assert np.ptp(p) < 1e-9


def test_unknown_shape():
    with pytest.raises(ValueError, match="unknown peak shape"):
        peak_density("lorentzian", Z, 0, 1, 1)
