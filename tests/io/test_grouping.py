"""Grouping of points into (T, H) spectra."""

import numpy as np
import pytest

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


def test_one_and_two_points():
    assert group_spectra([2.0], [0.0], [1.0], TOL).tolist() == [0]
    assert group_spectra([2.0, 2.0], [0.0, 0.0], [1.0, 1.0], TOL).tolist() == [0, 1]
    assert group_spectra([2.0, 2.0], [0.0, 0.0], [1.0, 2.0], TOL).tolist() == [0, 0]


def _sequential(T, H, f, tol):
    """The grouping rule written point by point (the definition group_spectra must match)."""
    out, spectrum, t_sum, h_sum, count, freqs = [], -1, 0.0, 0.0, 0, []
    for t, h, fr in zip(T, H, f, strict=True):
        same = False
        if count:
            t_mean, h_mean = t_sum / count, h_sum / count
            t_tol = max(tol.temperature_tolerance_K, tol.temperature_rel_tolerance * abs(t_mean))
            same = (
                abs(t - t_mean) <= t_tol
                and abs(h - h_mean) <= tol.field_tolerance_Oe
                and not any(
                    abs(fr - g) <= tol.frequency_rel_tolerance * max(abs(g), abs(fr)) for g in freqs
                )
            )
        if not same:
            spectrum, t_sum, h_sum, count, freqs = spectrum + 1, 0.0, 0.0, 0, []
        out.append(spectrum)
        t_sum, h_sum, count = t_sum + t, h_sum + h, count + 1
        freqs.append(fr)
    return out


def _awkward_points(rng, n_spectra):
    """Sweeps of random length and direction, repeated (T, H), single-frequency T sweeps, drift
    that walks a few mK per point, values on the tolerance edge, duplicated frequencies."""
    T, H, f = [], [], []
    for _ in range(n_spectra):
        kind = rng.integers(0, 5)
        m = int(rng.integers(1, 40))
        freqs = np.geomspace(0.1, 1000.0, m)[:: rng.choice([-1, 1])]
        T0, H0 = rng.choice([2.0, 2.05, 2.1, 5.0]), rng.choice([0.0, 5.0, 10.0, 1000.0])
        if kind == 0:  # same (T, H) swept twice in a row
            freqs = np.concatenate([freqs, freqs])
        elif kind == 1:  # fixed frequency, temperature sweep in 0.05 K steps (edge of tol)
            freqs = np.full(m, 10.0)
        elif kind == 2:  # a frequency repeated within the relative tolerance
            freqs = np.concatenate([freqs, freqs[:1] * (1 + 1e-3)])
        k = len(freqs)
        steps = {1: 0.05 * np.arange(k), 3: rng.normal(0, 0.004, k).cumsum()}
        T += list(T0 + steps.get(kind, rng.normal(0, 0.01, k)))
        H += list(H0 + (rng.normal(0, 2.0, k) if kind == 4 else np.zeros(k)))
        f += list(freqs)
    return np.array(T), np.array(H), np.array(f)


@pytest.mark.parametrize("seed", range(6))
def test_matches_point_by_point_rule(seed):
    rng = np.random.default_rng(seed)
    T, H, f = _awkward_points(rng, 300)
    tol = TOL if seed % 2 else GroupingTolerances(0.02, 0.005, 2.0, 0.01)
    assert group_spectra(T, H, f, tol).tolist() == _sequential(T, H, f, tol)


def test_non_finite_values_follow_the_rule():
    T = np.array([2.0, np.nan, 2.0, 2.0, np.inf, 2.0, 2.0])
    H = np.zeros(7)
    f = np.array([1.0, 2.0, 3.0, np.nan, 5.0, 6.0, -7.0])
    assert group_spectra(T, H, f, TOL).tolist() == _sequential(T, H, f, TOL)


@pytest.mark.parametrize("side", [-1.0, 1.0])
@pytest.mark.parametrize("inside", [True, False])
def test_running_means_are_summed_per_spectrum_in_order(side, inside):
    # After a point at 1e7 K, sums carried across spectra would be off by ~1e-9 K; the rule
    # sums each spectrum from its first point, which decides points on the tolerance edge.
    mean = (2.02 + 2.0) / 2
    edge = mean + side * 0.05  # the last float within 0.05 K of the mean on this side
    while abs(np.nextafter(edge, side * np.inf) - mean) <= 0.05:
        edge = np.nextafter(edge, side * np.inf)
    while abs(edge - mean) > 0.05:
        edge = np.nextafter(edge, -side * np.inf)
    T = np.array([1e7, 2.02, 2.0, edge if inside else np.nextafter(edge, side * np.inf)])
    H, f = np.zeros(4), np.array([1.0, 1.0, 2.0, 3.0])
    expected = [0, 1, 1, 1] if inside else [0, 1, 1, 2]
    assert group_spectra(T, H, f, TOL).tolist() == _sequential(T, H, f, TOL) == expected
