"""Segmentation of a file's points into spectra by sweep structure (synthetic sequences)."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinrelax.io.grouping import group_spectra
from spinrelax.io.readers import read_ac_file
from spinrelax.io.segmentation import (
    SegmentationSettings,
    segment_spectra,
    sweep_ids,
)

SWEEP = SegmentationSettings(segmentation="sweep")
AUTO = SegmentationSettings()
F = np.array([1.0, 3.0, 10.0, 30.0, 100.0, 300.0])


def _sequential_sweeps(f, rel_tol):
    """The frequency rule point by point (the definition sweep_ids must match)."""
    if len(f) == 0:
        return []
    out, sweep, direction = [0], 0, 0
    for prev, cur in zip(f[:-1], f[1:], strict=True):
        step = cur - prev
        repeat = abs(step) <= rel_tol * max(abs(cur), abs(prev))
        if repeat or (direction != 0 and np.sign(step) != direction):
            sweep, direction = sweep + 1, 0
        else:
            direction = np.sign(step)
        out.append(sweep)
    return out


def _seg(T, H, f, settings=SWEEP):
    return segment_spectra(np.asarray(T, float), np.asarray(H, float), np.asarray(f), settings)


@given(st.lists(st.sampled_from([1.0, 2.0, 3.0, 3.001, 5.0, 8.0]), min_size=0, max_size=40))
def test_sweep_ids_match_the_rule_point_by_point(freqs):
    f = np.array(freqs)
    assert sweep_ids(f, 1e-3).tolist() == _sequential_sweeps(f, 1e-3)


@pytest.mark.parametrize("order", ["up", "down", "alternate"])
def test_one_spectrum_per_sweep_in_both_directions(order):
    sweeps = [
        F if order == "up" or (order == "alternate" and k % 2 == 0) else F[::-1] for k in range(4)
    ]
    f = np.concatenate(sweeps)
    T = np.repeat([2.0, 2.02, 2.04, 2.06], len(F))  # set points closer than the T tolerance
    seg = _seg(T, np.zeros(len(f)), f)
    assert seg.spectrum.tolist() == np.repeat(np.arange(4), len(F)).tolist()
    assert seg.mode == "sweep"


def test_alternating_sweeps_without_repeated_top_point():
    # 1..300 Hz at 2 K, then 100..1 Hz at 3 K: 300 Hz ends the first sweep (its T is 2 K)
    f = np.concatenate([F, F[:-1][::-1]])
    T = np.concatenate([np.full(6, 2.0), np.full(5, 3.0)])
    assert _seg(T, np.zeros(11), f).spectrum.tolist() == [0] * 6 + [1] * 5


def test_turning_point_goes_to_the_sweep_whose_temperature_it_has():
    # the 300 Hz row of the 2 K up-sweep was rejected by the reader; the 3 K down-sweep starts
    # at 300 Hz: that point continues the 2 K sweep's direction but belongs to 3 K
    f = np.concatenate([F[:-1], F[::-1]])
    T = np.concatenate([np.full(5, 2.0), np.full(6, 3.0)])
    assert _seg(T, np.zeros(11), f).spectrum.tolist() == [0] * 5 + [1] * 6


def test_a_repeat_is_never_a_turning_point():
    # 1000 Hz then 1000.0001 Hz is a repeat: the 3 K row at 1000 Hz stays where the rule puts it
    f = np.array([1.0, 10.0, 100.0, 1000.0, 1000.0001, 2000.0, 3000.0])
    T = np.array([2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0])
    assert _seg(T, np.zeros(7), f).spectrum.tolist() == [0, 0, 0, 0, 1, 1, 1]


def test_temperature_wobble_never_splits_a_sweep():
    T = np.array([2.981, 3.066, 2.99, 3.04, 3.005, 2.995])
    seg = _seg(T, np.zeros(6), F)
    assert seg.spectrum.tolist() == [0] * 6
    # the tolerance grouping cuts the same sweep
    assert len(set(group_spectra(T, np.zeros(6), F, SWEEP.tolerances))) > 1


def test_field_ramp_row_is_excluded_with_its_reason():
    H = np.array([1000.0, 1000.2, 523.0, 999.9, 1000.1, 1000.0])
    seg = _seg(np.full(6, 2.0), H, F)
    assert seg.spectrum.tolist() == [0, 0, -1, 0, 0, 0]
    assert "field 523 Oe" in seg.reasons[2] and "field_tolerance_Oe = 5" in seg.reasons[2]
    assert (seg.reasons[[0, 1, 3, 4, 5]] == "").all()


def test_several_fields_at_one_temperature_are_separate_sweeps():
    f = np.tile(F[::-1], 3)
    H = np.repeat([0.0, 500.0, 1000.0], 6)
    seg = _seg(np.full(18, 2.0), H, f, AUTO)
    assert seg.mode == "sweep" and seg.spectrum.tolist() == np.repeat([0, 1, 2], 6).tolist()


def test_second_drive_amplitude_over_the_same_frequencies_is_a_new_spectrum():
    # the same sweep measured twice (e.g. at 2 Oe, then 7 Oe): the frequency restarts
    f = np.concatenate([F[::-1], F[::-1]])
    assert _seg(np.full(12, 5.0), np.zeros(12), f).spectrum.tolist() == [0] * 6 + [1] * 6


def test_single_point_sweep_is_a_spectrum_of_its_own():
    f = np.concatenate([F, F, [1.0]])  # an aborted last sweep
    seg = _seg(np.repeat([2.0, 3.0, 4.0], [6, 6, 1]), np.zeros(13), f)
    assert seg.spectrum.tolist() == [0] * 6 + [1] * 6 + [2]


@pytest.mark.parametrize(
    ("f", "T", "H"),
    [
        # fixed-frequency temperature scan: every point a one-point "sweep"
        (np.full(20, 10.0), np.linspace(2, 6, 20), np.zeros(20)),
        # two frequencies interleaved along a temperature scan
        (np.tile([10.0, 100.0], 10), np.repeat(np.linspace(2, 6, 10), 2), np.zeros(20)),
        # two fields interleaved inside one frequency run
        (np.linspace(1, 20, 20), np.full(20, 2.0), np.tile([0.0, 1000.0], 10)),
    ],
)
def test_auto_falls_back_to_tolerance_grouping_without_sweep_structure(f, T, H):
    seg = _seg(T, H, f, AUTO)
    assert seg.mode == "tolerance" and "auto -> tolerance" in seg.decision
    assert seg.spectrum.tolist() == group_spectra(T, H, f, AUTO.tolerances).tolist()
    assert (seg.reasons == "").all()


def test_tolerance_mode_is_the_grouping_and_never_merges_groups_apart_in_time():
    T = np.repeat([2.0, 3.0, 2.0], 6)
    f = np.tile(F, 3)
    seg = _seg(T, np.zeros(18), f, SegmentationSettings(segmentation="tolerance"))
    assert seg.mode == "tolerance" and seg.spectrum.tolist() == np.repeat([0, 1, 2], 6).tolist()


def test_empty_input():
    seg = _seg([], [], [], AUTO)
    assert len(seg.spectrum) == 0 and len(seg.reasons) == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"segmentation": "sweeps"},
        {"field_tolerance_Oe": 0.0},
        {"temperature_tolerance_K": float("nan")},
        {"temperature_rel_tolerance": -0.1},
        {"frequency_rel_tolerance": -1e-3},
    ],
)
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        SegmentationSettings(**kwargs)


@pytest.mark.parametrize(
    "path",
    sorted((Path(__file__).parents[2] / "data" / "raw" / "acsus").iterdir()),
    ids=lambda p: p.name,
)
def test_shipped_synthetic_files_segment_as_before(path):
    """The workflow's files give the spectra of the (T, H) grouping, row for row, under auto
    (incl. ErW10_powder_ACvsF.dat, whose 1000 Hz turning row at 4.5 K was rejected)."""
    p = read_ac_file(path).points
    auto = segment_spectra(p["T_K"], p["H_Oe"], p["freq_Hz"], AUTO)
    assert auto.mode == "sweep" and (auto.reasons == "").all()
    before = group_spectra(p["T_K"], p["H_Oe"], p["freq_Hz"], AUTO.tolerances)
    assert auto.spectrum.tolist() == before.tolist()


def test_two_point_sweep_with_two_fields_has_no_majority_both_rejected():
    f = np.concatenate([F, [1.0, 3.0], F])
    H = np.concatenate([np.zeros(6), [0.0, 1000.0], np.zeros(6)])
    seg = _seg(np.full(14, 2.0), H, f)
    assert seg.spectrum.tolist() == [0] * 6 + [-1, -1] + [1] * 6
    assert all("median 500 Oe" in r for r in seg.reasons[6:8])


@st.composite
def _sweep_files(draw):
    """Sweeps of random direction, length, T and H, with rare field-ramp rows."""
    grid = np.logspace(-1, 3, 12)
    f, T, H = [], [], []
    for _ in range(draw(st.integers(1, 6))):
        n = draw(st.integers(1, 12))
        start = draw(st.integers(0, 12 - n))
        sweep = grid[start : start + n]
        f += list(sweep if draw(st.booleans()) else sweep[::-1])
        t, h = draw(st.sampled_from([2.0, 2.02, 3.0])), draw(st.sampled_from([0.0, 1000.0]))
        T += [t + draw(st.floats(-0.1, 0.1)) for _ in range(n)]
        ramp = [300.0 if draw(st.integers(0, 9)) == 0 else 0.0 for _ in range(n)]
        H += [h + r + draw(st.floats(-4.0, 4.0)) for r in ramp]
    return np.array(T), np.array(H), np.array(f)


@given(_sweep_files())
def test_sweep_rule_invariants(data):
    """Every point is in one spectrum or rejected with a reason; spectra are contiguous in
    time (apart from rejected rows), numbered in order, strictly monotone in frequency, and
    their fields lie within the tolerance of the sweep's median (a spread <= 2 tolerances)."""
    T, H, f = data
    seg = _seg(T, H, f)
    kept = seg.spectrum >= 0
    assert ((seg.reasons != "") == ~kept).all()
    ids = seg.spectrum[kept]
    assert (np.diff(ids) >= 0).all() and (np.unique(ids) == np.arange(len(np.unique(ids)))).all()
    for s in np.unique(ids):
        idx = np.flatnonzero(seg.spectrum == s)
        steps = np.diff(f[idx])
        assert (steps > 0).all() or (steps < 0).all()
        assert np.ptp(H[idx]) <= 2 * SWEEP.field_tolerance_Oe
