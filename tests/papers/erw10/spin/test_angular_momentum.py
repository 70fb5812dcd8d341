"""Angular-momentum matrices: commutators, Casimir, basis order, bad input."""

import numpy as np
import pytest

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin import angular_momentum, m_values


@pytest.mark.parametrize("J", [0.5, 1.0, 3.5, 7.5])
def test_commutators_and_casimir(J):
    Jx, Jy, Jz, Jp, Jm = angular_momentum(J)
    assert np.allclose(Jx @ Jy - Jy @ Jx, 1j * Jz, atol=1e-12)
    assert np.allclose(Jy @ Jz - Jz @ Jy, 1j * Jx, atol=1e-12)
    assert np.allclose(Jx @ Jx + Jy @ Jy + Jz @ Jz, J * (J + 1) * np.eye(len(Jz)), atol=1e-12)
    assert np.allclose(Jp, Jx + 1j * Jy) and np.allclose(Jm, Jp.conj().T)


def test_descending_basis_and_raising_element():
    assert m_values(1.5).tolist() == [1.5, 0.5, -0.5, -1.5]
    Jp = angular_momentum(1.5).Jp
    # <3/2|J+|1/2> = sqrt(15/4 - 3/4) = sqrt(3)
    assert Jp[0, 1] == pytest.approx(np.sqrt(3.0))


@pytest.mark.parametrize("J", [-0.5, 0.3, float("nan")])
def test_bad_spin_raises(J):
    with pytest.raises(SpinrelaxError):
        angular_momentum(J)
