"""Master equation over the ErW10 crystal-field levels (uses spinrelax.papers.erw10.spin)."""

import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.crystal_field_rates import (
    arrhenius_barrier_K,
    dominant_paths,
    effective_barrier_K,
    fit_b44_magnitude,
    fit_b44_prefactor,
    ground_doublet,
    ground_doublet_direct_rate_s,
    level_scheme,
    standard_theory_rate,
    tunnel_splitting_K,
)
from spinrelax.papers.erw10.relaxation.phonon_coupling import (
    crystal_field_rms_K,
    debye_prefactor_s_K3,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters

OPS = ("dm0", "dm1", "dm2")
P = IonParameters(
    J=7.5, g_J=1.2, B_kq_K={(2, 0): -1.35, (4, 0): 1.07e-2, (6, 0): 1.07e-4, (4, 4): 1.8e-2}
)


def test_ground_doublet_is_13_2_and_first_doublet_near_80K():
    jz, gz = ground_doublet(P)
    assert jz == pytest.approx(6.5, abs=0.01)
    assert gz == pytest.approx(15.6, abs=0.05)
    s = level_scheme(P, OPS)
    assert s.energies_K[2] == pytest.approx(80.0, abs=1.0)
    assert s.energies_K[1] == pytest.approx(0.0, abs=1e-9)


def test_orbach_limit_barrier_is_first_excited_doublet():
    T = np.geomspace(2.0, 8.0, 20)
    r = standard_theory_rate(P, T, 1.0, OPS)
    U = effective_barrier_K(T, r.ln_rate_s)
    assert np.all(np.abs(U[1:-1] - level_scheme(P, OPS).energies_K[2]) < 1.0)
    assert np.all(np.diff(r.ln_rate_s) > 0)


def test_rate_scales_with_prefactor():
    T = [3.0, 10.0]
    a = standard_theory_rate(P, T, 1.0, OPS).ln_rate_s
    b = standard_theory_rate(P, T, 10.0, OPS).ln_rate_s
    np.testing.assert_allclose(b - a, np.log(10.0), atol=1e-6)


def test_b44_fit_recovers_injected():
    T = np.linspace(4.0, 8.0, 12)
    truth = P.with_B(4, 4, 0.06)
    rate = np.exp(np.log(2e3) + standard_theory_rate(truth, T, 1.0, OPS).ln_rate_s)
    fit = fit_b44_prefactor(P, T, rate * (1 + 0.01 * np.cos(7 * T)), 0.02, OPS, B44_grid_K=[0.04])
    assert fit.converged
    assert fit.B44_K == pytest.approx(0.06, rel=0.02)
    assert fit.prefactor_s_K3 == pytest.approx(2e3, rel=0.2)


def test_dominant_path_is_first_doublet_with_o20():
    paths = dominant_paths(P, 6.0, 1.0, OPS)
    top = paths.loc[paths["on_dominant_path"]].iloc[0]
    assert top["doublet"] == 1
    assert top["two_step_share"] > 0.9


def test_direct_rate_vanishes_at_zero_field_and_grows_as_H4T():
    # Van Vleck: no one-phonon rate inside a Kramers doublet at zero field; in a field the
    # matrix element ~ H and the phonon factor E^3 coth(E/2T) ~ H^2 T give A H^4 T.
    assert ground_doublet_direct_rate_s(P, 2.0, 1.0, OPS, 0.0, 0.0) == 0.0
    r1 = ground_doublet_direct_rate_s(P, 2.0, 1.0, OPS, 35.0, 35.0)
    r2 = ground_doublet_direct_rate_s(P, 2.0, 1.0, OPS, 70.0, 70.0)
    assert r2 / r1 == pytest.approx(16.0, rel=0.02)
    r3 = ground_doublet_direct_rate_s(P, 4.0, 1.0, OPS, 70.0, 70.0)
    assert r3 / r2 == pytest.approx(2.0, rel=0.02)


def test_tunnel_splitting_grows_with_b44_and_field():
    d1 = tunnel_splitting_K(P, 70.0)
    assert 1e-5 < d1 < 3e-4  # paper: Delta/kB ~ 8e-5 K for H_dip ~ sigma_dip
    assert tunnel_splitting_K(P, 140.0) == pytest.approx(2 * d1, rel=1e-3)
    assert tunnel_splitting_K(P.with_B(4, 4, 0.036), 70.0) > d1


@pytest.mark.parametrize(("b40", "b44"), [(1.07e-2, 0.03), (1.07e-2, 0.07), (-1.07e-2, 0.02)])
def test_b44_magnitude_fit_recovers_injected(b40, b44):
    # synthetic activated rates from the master equation at the a-priori C with a known B44,
    # 3 % scatter and a plateau background: the one-parameter fit returns the injected B44
    p = P.with_B(4, 0, b40)
    C = debye_prefactor_s_K3(crystal_field_rms_K(p), 3.411, 2.3e5)
    T = np.linspace(4.0, 12.0, 15)
    truth = standard_theory_rate(p.with_B(4, 4, b44), T, C, OPS).rate_s + 50.0
    rng = np.random.default_rng(3)
    rate = truth * np.exp(0.03 * rng.standard_normal(T.size))
    fit = fit_b44_magnitude(p, T, rate, 0.03, OPS, C, 50.0)
    assert fit.converged
    assert fit.B44_K == pytest.approx(b44, rel=0.02)
    assert abs(fit.B44_K - b44) < 4 * fit.B44_err_K + 1e-4
    assert np.isnan(fit.prefactor_err_s_K3) and fit.prefactor_s_K3 == C


def test_magnitude_not_barrier_sets_b44():
    # B44 barely moves the barrier (B40 > 0: 80.8 -> 79.4 K over 0 -> 0.023 K) but changes the
    # magnitude of the activated rate by decades
    T = np.array([6.0])
    lo = standard_theory_rate(P.with_B(4, 4, 0.01), T, 1.0, OPS).ln_rate_s[0]
    hi = standard_theory_rate(P.with_B(4, 4, 0.02), T, 1.0, OPS).ln_rate_s[0]
    assert (hi - lo) / np.log(2.0) > 4.0  # tau_0^-1 grows faster than B44^4
    assert level_scheme(P.with_B(4, 4, 0.0), OPS).energies_K[2] == pytest.approx(80.8, abs=0.05)
    assert level_scheme(P.with_B(4, 4, 0.023), OPS).energies_K[2] == pytest.approx(79.4, abs=0.05)
    assert arrhenius_barrier_K(P.with_B(4, 4, 0.023), (4.0, 12.0), OPS)[0] == pytest.approx(
        79.4, abs=0.5
    )


def test_barrier_of_the_printed_b40_differs_from_63K():
    U, lo, hi = arrhenius_barrier_K(P.with_B(4, 0, -1.07e-2), (4.0, 12.0), OPS)
    assert lo < U < hi
    assert 40.0 < U < 70.0
    assert level_scheme(P.with_B(4, 0, -1.07e-2), OPS).energies_K[2] == pytest.approx(19.9, abs=0.2)
