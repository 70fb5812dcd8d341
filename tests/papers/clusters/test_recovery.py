"""Injection-recovery: profiles from the independent Monte-Carlo generator (conftest.py) come back
classified correctly with moments within 5 % (resolved atomic-like; superparamagnetic at known T).
"""

import numpy as np
import pytest

from spinrelax.io.deflection_profile import read_deflection_profile
from spinrelax.papers.clusters.analysis import Calibration, analyse_profile

ATOMIC = [
    # (moment_muB, n, v_m_per_s, relaxed, seed): light to heavy (peaks overlap), slow to fast
    (1.0, 11, 450.0, 0.0, 1),
    (0.78, 5, 700.0, 0.0, 2),
    (1.2, 3, 520.0, 0.0, 3),
    (1.0, 35, 450.0, 0.0, 4),  # d1 ~ 0.47 mm: the two peaks overlap the 0.5 mm slit image
    (1.0, 21, 700.0, 0.0, 5),  # d1 ~ 0.27 mm: strongly overlapping
    (0.91, 11, 450.0, 0.35, 6),  # relaxed central peak
    (1.0, 15, 600.0, 0.15, 7),
]
SUPERPARAMAGNETIC = [
    # (moment_muB, n, T_K, v_m_per_s, seed); 2J integer so the generator's level sum is exact
    (3.0, 13, 45.0, 450.0, 11),
    (5.0, 33, 45.0, 450.0, 12),
    (2.0, 7, 80.0, 600.0, 13),
    (1.0, 5, 45.0, 450.0, 14),
    (4.0, 22, 120.0, 700.0, 15),
]


@pytest.mark.parametrize(("moment", "n", "v", "relaxed", "seed"), ATOMIC)
def test_atomic_like_recovered(profile_file, moment, n, v, relaxed, seed):
    path, _ = profile_file(
        behaviour="atomic_like", moment_muB=moment, n=n, v_m_per_s=v, relaxed=relaxed, seed=seed
    )
    row, qc = analyse_profile(read_deflection_profile(path))
    assert row["behaviour"] == "atomic_like"
    assert row["confidence"] > 0.9
    assert row["moment_muB"] == pytest.approx(moment, rel=0.05)
    assert abs(row["moment_muB"] - moment) < 5 * row["moment_err_muB"] + 0.01 * moment
    if relaxed == 0.0:
        # Not resolved: no value, a one-sided 95 % profile-likelihood limit instead.
        assert np.isnan(row["relaxed_fraction"]) and np.isnan(row["relaxed_fraction_err"])
        assert 0.0 < row["relaxed_fraction_upper_limit"] < 0.03
    else:
        assert row["relaxed_fraction"] == pytest.approx(relaxed, abs=0.03)
        assert np.isnan(row["relaxed_fraction_upper_limit"])
    assert row["converged"]
    assert sum(r["selected"] for r in qc) == 1


@pytest.mark.parametrize(("moment", "n", "T", "v", "seed"), SUPERPARAMAGNETIC)
def test_superparamagnetic_recovered_at_known_T(profile_file, moment, n, T, v, seed):
    path, _ = profile_file(
        behaviour="superparamagnetic",
        moment_muB=moment,
        n=n,
        T_K=T,
        v_m_per_s=v,
        seed=seed,
        clusters=400_000,
    )
    row, _ = analyse_profile(read_deflection_profile(path), T_sigma_K=5.0)
    assert row["behaviour"] == "superparamagnetic"
    assert row["moment_muB"] == pytest.approx(moment, rel=0.05)
    # Langevin overestimates small moments (J -> infinity); the T error is propagated
    assert row["moment_langevin_muB"] > row["moment_muB"]
    assert row["moment_err_T_muB"] > 0


@pytest.mark.parametrize(("n", "seed"), [(4, 21), (12, 22), (30, 23)])
def test_non_magnetic_classified_with_small_upper_limit(profile_file, n, seed):
    path, _ = profile_file(behaviour="non_magnetic", n=n, seed=seed)
    row, _ = analyse_profile(read_deflection_profile(path))
    assert row["behaviour"] == "non_magnetic"
    assert 0 <= row["moment_upper_limit_muB"] < 0.01
    assert np.isnan(row["relaxed_fraction"])


def test_calibration_run_overrides_geometry(profile_file):
    path, d1 = profile_file(behaviour="atomic_like", K_T_m=40.0)
    profile = read_deflection_profile(path)
    # geometry in the header says K = 40 T m; a calibration of 42 T m rescales the moment
    row_geom, _ = analyse_profile(profile)
    row_cal, _ = analyse_profile(profile, calibration=Calibration(42.0, 0.42, "calibration_run"))
    assert row_geom["K_source"] == "geometry"
    assert row_cal["moment_muB"] == pytest.approx(row_geom["moment_muB"] * 40.0 / 42.0, rel=1e-9)
    assert row_cal["moment_err_muB"] >= 0.01 * row_cal["moment_muB"] * 0.99


def test_file_calibration_key_wins(profile_file):
    path, _ = profile_file(behaviour="atomic_like", K_T_m=40.0, extra_meta={"K_calib_T_m": 40.0})
    row, _ = analyse_profile(
        read_deflection_profile(path), calibration=Calibration(80.0, 0.0, "calibration_run")
    )
    assert row["K_source"] == "file"
    assert row["moment_muB"] == pytest.approx(1.0, rel=0.05)
