"""g values, tunnel splitting and the B40 sign contradiction of the printed parameters."""

import numpy as np
import pytest
from conftest import independent_hamiltonian_K

from spinrelax.constants import mu_B_K_per_T
from spinrelax.papers.erw10.spin import IonParameters, doublet_g_factors, tunnel_splitting_K


@pytest.mark.parametrize("variant", ["printed", "corrected"])
def test_g_from_matrix_elements_equals_small_field_splitting(variant, request):
    table = doublet_g_factors(request.getfixturevalue(variant), check_field_Oe=1.0)
    assert len(table) == 8
    assert np.allclose(table["g_z"], table["g_z_splitting"], rtol=1e-6)
    assert np.allclose(table["g_perp"], table["g_perp_splitting"], rtol=1e-6, atol=1e-9)
    assert np.allclose(table["g_x"], table["g_y"], rtol=1e-9)  # tetragonal: uniaxial g


def test_pure_doublet_limit():
    """B20 < 0 alone: ground |+-15/2>, g_z = 2 g_J J = 18, g_perp = 0."""
    table = doublet_g_factors(IonParameters(J=7.5, g_J=1.2, B_kq_K={(2, 0): -1.0}))
    assert table.loc[0, "dominant_mJ"] == 7.5 and table.loc[0, "weight"] == pytest.approx(1.0)
    assert table.loc[0, "g_z"] == pytest.approx(18.0, rel=1e-12)
    assert table.loc[0, "g_perp"] == pytest.approx(0.0, abs=1e-12)
    # |+-1/2> doublet of a free-ion-like J: g_perp = g_J (J + 1/2) = 9.6, g_z = g_J = 1.2
    half = table[table["dominant_mJ"] == 0.5].iloc[0]
    assert (half["g_z"], half["g_perp"]) == pytest.approx((1.2, 9.6), rel=1e-9)


def test_b40_sign_contradiction(printed, corrected):
    """As printed the ground doublet is +-15/2; with B40 > 0 it is +-13/2 (as the paper says)."""
    g_printed, g_corrected = doublet_g_factors(printed), doublet_g_factors(corrected)
    assert g_printed.loc[0, "dominant_mJ"] == 7.5
    assert g_corrected.loc[0, "dominant_mJ"] == 6.5
    assert g_corrected.loc[0, "energy_K"] == 0 and g_corrected.loc[1, "energy_K"] > 60
    assert g_printed.loc[1, "energy_K"] < 25
    delta_corrected = float(tunnel_splitting_K(corrected, 80.0))
    delta_printed = float(tunnel_splitting_K(printed, 80.0))
    assert 2e-5 < delta_corrected < 3e-4  # paper: Delta/kB ~ 8e-5 K
    assert delta_printed < 1e-5


@pytest.mark.parametrize("variant", ["printed", "corrected"])
def test_tunnel_splitting_matches_independent_diagonalisation(variant, request):
    params = request.getfixturevalue(variant)
    H_perp = np.array([10.0, 80.0, 1000.0])
    ours = tunnel_splitting_K(params, H_perp)
    ref = [
        np.diff(np.linalg.eigvalsh(independent_hamiltonian_K(params, (h, 0, 0)))[:2])[0]
        for h in H_perp
    ]
    assert np.allclose(ours, ref, rtol=1e-6, atol=0)


def test_tunnel_splitting_linear_limit_and_zero_field(corrected):
    assert float(tunnel_splitting_K(corrected, 0.0)) == pytest.approx(0.0, abs=1e-11)
    g_perp = doublet_g_factors(corrected).loc[0, "g_perp"]
    small = tunnel_splitting_K(corrected, np.array([[1.0, 2.0]]))
    assert small.shape == (1, 2)
    assert np.allclose(small, g_perp * mu_B_K_per_T * np.array([[1.0, 2.0]]) * 1e-4, rtol=1e-6)
