"""Grouping of points into (T, H) spectra."""

import numpy as np

from spinrelax.io.grouping import GroupingTolerances, group_spectra

TOL = GroupingTolerances()


def test_several_fields_each_starting_at_same_temperature(points_factory):
    pts = points_factory(temps_K=(2.0, 3.0, 4.0), fields_Oe=(0.0, 500.0, 1000.0))
    ids = group_spectra(pts["T_K"], pts["H_Oe"], pts["freq_Hz"], TOL)
    assert len(np.unique(ids)) == 9
    per = (
        pts.assign(s=ids)
        .groupby("s")
        .agg(T=("T_K", "first"), H=("H_Oe", "first"), n=("T_K", "size"))
    )
    assert (per["n"] == 4).all()
    assert sorted(zip(per["T"], per["H"], strict=True)) == sorted(
        (T, H) for T in (2.0, 3.0, 4.0) for H in (0.0, 500.0, 1000.0)
    )


def test_reversed_sweeps_and_mk_drift(points_factory):
    pts = points_factory(temps_K=(1.8, 2.0), descending=True)
    rng = np.random.default_rng(1)
    T = pts["T_K"].to_numpy() + rng.normal(0, 0.003, len(pts))  # mK drift
    H = pts["H_Oe"].to_numpy() + rng.normal(0, 0.2, len(pts))  # fraction of an Oe
    ids = group_spectra(T, H, pts["freq_Hz"], TOL)
    assert list(ids) == [0] * 4 + [1] * 4


def test_repeated_frequency_starts_new_spectrum():
    T = np.full(6, 2.0)
    H = np.zeros(6)
    f = np.array([1.0, 10.0, 100.0, 1.0, 10.0, 100.0])
    assert list(group_spectra(T, H, f, TOL)) == [0, 0, 0, 1, 1, 1]


def test_relative_temperature_tolerance_at_high_T():
    # 0.1 K apart at 12 K is within 1 % of T; at 0.1 K, 5 mK apart is within the 50 mK absolute
    tol = GroupingTolerances(temperature_tolerance_K=0.001, temperature_rel_tolerance=0.01)
    assert list(group_spectra([12.0, 12.1], [0, 0], [1, 2], tol)) == [0, 0]
    assert list(group_spectra([0.10, 0.12], [0, 0], [1, 2], tol)) == [0, 1]


def test_empty_input():
    assert len(group_spectra([], [], [], TOL)) == 0
