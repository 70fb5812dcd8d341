"""Virtual cluster-beam instrument: truth table, thermal moment, relaxation and file output."""

from pathlib import Path

import numpy as np
import pytest
import scipy.constants as sc
import yaml

from spinrelax.io.deflection_profile import read_deflection_profile
from spinrelax.simulate.deflection_instrument import (
    SYNTHETIC_NOTE,
    raman_rate_per_s,
    simulate_counts,
    thermal_mu_z_muB,
    write_campaign,
)
from spinrelax.simulate.deflection_truth import ProfileTruth, calibration_truth, truth_table

CFG = yaml.safe_load((Path(__file__).parents[2] / "config.yaml").read_text())["simulate"][
    "clusters"
]
K_PER_T = sc.physical_constants["Bohr magneton"][0] / sc.k


def test_truth_table_follows_the_paper():
    rows = {(t.element, t.n, t.source_T_K, t.pressure_bar, t.nozzle): t for t in truth_table(CFG)}
    v = lambda n, T=25.0: rows[("V", n, T, 6.0, "optimized")]  # noqa: E731
    assert v(11).behaviour == "atomic_like" and v(11).moment_muB == 0.91
    assert v(12).behaviour == "non_magnetic"
    assert v(13).behaviour == "superparamagnetic"
    assert v(15).moment_muB == 2.4 and v(33).moment_muB == 5.0
    assert rows[("Ta", 13, 25.0, 6.0, "optimized")].behaviour == "superparamagnetic"
    assert rows[("Nb", 7, 25.0, 6.0, "optimized")].behaviour == "superparamagnetic"
    assert v(11, 100.0).v_m_per_s > v(11).v_m_per_s
    assert v(11).T_cluster_K == 45.0
    assert ("V", 11, 25.0, 2.0, "conical") in rows
    assert calibration_truth(CFG).moment_muB == pytest.approx(1 / 3)
    # Kramers blocking "as large as V21" (paper 2, Sec. V): larger odd V relax, Nb do not.
    assert v(21).behaviour == "atomic_like" and v(23).behaviour == "relaxing"
    assert rows[("Nb", 35, 25.0, 6.0, "optimized")].behaviour == "atomic_like"


def test_relaxing_cluster_lands_undeflected():
    sim = simulate_counts(_truth(n=23, behaviour="relaxing"), CFG, np.random.default_rng(2))
    off, on = sim["counts_off"].astype(float), sim["counts_on"].astype(float)
    z = np.arange(off.size)
    assert abs(np.sum(z * on) / on.sum() - np.sum(z * off) / off.sum()) < 0.05
    assert np.sqrt(np.sum(on * (z - np.sum(z * on) / on.sum()) ** 2) / on.sum()) == pytest.approx(
        np.sqrt(np.sum(off * (z - np.sum(z * off) / off.sum()) ** 2) / off.sum()), rel=0.02
    )


def test_hot_source_gives_a_weak_beam():
    hot = simulate_counts(_truth(source_T_K=100.0), CFG, np.random.default_rng(3))
    cold = simulate_counts(_truth(), CFG, np.random.default_rng(3))
    bg = CFG["beam"]["background_per_bin"] * CFG["beam"]["n_bins"]
    ratio = (hot["counts_off"].sum() - bg) / (cold["counts_off"].sum() - bg)
    by_T = CFG["beam"]["clusters_per_profile_by_source_T_K"]
    assert ratio == pytest.approx(by_T[100] / CFG["beam"]["clusters_per_profile"], rel=0.5)


@pytest.mark.parametrize("mu", [1.0, 2.0, 3.0])
def test_thermal_moment_matches_level_sum(mu):
    m = -mu / 2 + np.arange(round(mu) + 1)
    w = np.exp(2 * m * K_PER_T * 2.4 / 45.0)
    assert thermal_mu_z_muB(mu, 2.4, 45.0) == pytest.approx(2 * np.sum(m * w) / w.sum(), rel=1e-6)


def _truth(**kw):
    base = dict(
        element="V",
        n=11,
        behaviour="atomic_like",
        moment_muB=1.0,
        source_T_K=25.0,
        pressure_bar=6.0,
        nozzle="optimized",
        v_m_per_s=450.0,
        T_cluster_K=45.0,
        T_vib_K=45.0,
        hot_fraction=0.0,
        T_vib_hot_K=45.0,
    )
    return ProfileTruth(**(base | kw))


def test_raman_rate_scaling():
    raman = CFG["raman"]
    r = raman_rate_per_s(_truth(), 45.0, raman)
    assert r == pytest.approx(raman["rate_ref_per_s"])
    assert raman_rate_per_s(_truth(), 90.0, raman) == pytest.approx(r * 2**9)
    ta = raman_rate_per_s(_truth(element="Ta"), 45.0, raman)
    assert ta / r == pytest.approx((180.94788 / 50.9415) ** 5)


def test_hot_fraction_gives_central_peak():
    sim = simulate_counts(
        _truth(hot_fraction=0.5, T_vib_hot_K=400.0), CFG, np.random.default_rng(1)
    )
    off, on = sim["counts_off"].astype(float), sim["counts_on"].astype(float)
    centre = slice(np.argmax(off) - 3, np.argmax(off) + 4)
    assert 0.3 < on[centre].sum() / off[centre].sum() < 0.7


def test_campaign_is_seeded_and_synthetic(tmp_path):
    truths = [_truth(), _truth(n=12, behaviour="non_magnetic", moment_muB=0.0)]
    a = write_campaign(truths, CFG, tmp_path / "a")
    b = write_campaign(truths, CFG, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    prof = read_deflection_profile(a[0])
    assert prof.comments == (SYNTHETIC_NOTE,)
    assert prof.meta["dBdz_T_per_m"] == CFG["magnet"]["dBdz_T_per_m"]  # nominal, not true
    assert "moment" not in " ".join(prof.meta)  # no truth in the file
