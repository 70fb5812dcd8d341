"""Stevens operators against independent constructions (symmetrised polynomials, PHYSICS.md)."""

import numpy as np
import pytest
from stevens_reference import classical_p, symmetrised_stevens

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin import angular_momentum, m_values, stevens_operator

ALL_KQ = [(k, q) for k in (2, 4, 6) for q in range(-k, k + 1)]


@pytest.mark.parametrize(("k", "q"), ALL_KQ)
@pytest.mark.parametrize("J", [7.5, 4.0])
def test_matches_symmetrised_cartesian_polynomial(k, q, J):
    tabulated = stevens_operator(k, q, J)
    independent = symmetrised_stevens(k, q, J)
    scale = np.abs(independent).max()
    assert scale > 0
    assert np.abs(tabulated - independent).max() <= 1e-12 * scale
    assert np.allclose(tabulated, tabulated.conj().T)


def test_classical_polynomials_are_the_textbook_ones():
    # Hutchings (1964) Table VI, classical limits: O40 ~ 35z^4 - 30r^2z^2 + 3r^4, O62 ~ 33z^4 - 18r^2z^2 + r^4
    assert classical_p(4, 0) == {4: 35, 2: -30, 0: 3}
    assert classical_p(6, 2) == {4: 33, 2: -18, 0: 1}
    assert classical_p(6, 3) == {3: 11, 1: -3}


def test_axial_operators_match_physics_sheet_diagonals():
    J = 7.5
    m, X = m_values(J), J * (J + 1)
    o20 = 3 * m**2 - X
    o40 = 35 * m**4 - (30 * X - 25) * m**2 + 3 * X**2 - 6 * X
    o60 = (
        231 * m**6
        - (315 * X - 735) * m**4
        + (105 * X**2 - 525 * X + 294) * m**2
        - 5 * X**3
        + 40 * X**2
        - 60 * X
    )
    for k, expected in ((2, o20), (4, o40), (6, o60)):
        assert np.allclose(np.diag(stevens_operator(k, 0, J)).real, expected, rtol=0, atol=1e-6)
    # <15/2|O40|15/2> for J = 15/2 (Abragam & Bleaney Table 16 scaling): 35*3164.0625 - ... exact
    assert stevens_operator(4, 0, J)[0, 0].real == pytest.approx(o40[0], abs=0)


def test_o44_is_half_sum_of_fourth_powers():
    ops = angular_momentum(7.5)
    expected = 0.5 * (np.linalg.matrix_power(ops.Jp, 4) + np.linalg.matrix_power(ops.Jm, 4))
    assert np.allclose(stevens_operator(4, 4, 7.5), expected, atol=1e-12)


@pytest.mark.parametrize(("k", "q"), [(3, 0), (8, 0), (2, 3), (4, -5)])
def test_bad_rank_raises(k, q):
    with pytest.raises(SpinrelaxError):
        stevens_operator(k, q, 7.5)
