"""Scales, limits and ticks of the report's SVG plots: fixed texts, nice steps, factors."""

import numpy as np
import pytest

from spinrelax.sample_report.svg_axes import Axis, limits, number_text, px_text


@pytest.mark.parametrize(("value", "text"), [(12.0, "12"), (12.04, "12"), (12.25, "12.2"),
                                             (0.5, ".5"), (-0.04, "0"), (-0.5, "-.5"),
                                             (-12.5, "-12.5"), (100.0, "100")])  # fmt: skip
def test_pixel_texts(value, text):
    assert px_text(value) == text


@pytest.mark.parametrize(("value", "text"), [(0.0, "0"), (0.05, "0.05"), (200.0, "200"),
                                             (1e4, "10000"), (1e5, "10⁵"), (2e-5, "2×10⁻⁵"),
                                             (-1e-6, "-10⁻⁶"), (1e-3, "10⁻³")])  # fmt: skip
def test_tick_labels(value, text):
    assert number_text(value) == text


def test_limits_pad_and_fall_back():
    assert limits(np.array([0.0, 10.0]), False) == pytest.approx((-0.5, 10.5))
    assert limits(np.array([1.0, 100.0, -1.0]), True) == pytest.approx((10**-0.1, 10**2.1))
    assert limits(np.array([np.nan]), True) == (1.0, 10.0)
    assert limits(np.array([]), False) == (0.0, 1.0)


def test_scales_map_limits_to_pixels():
    linear = Axis(0.0, 10.0, 60.0, 460.0)
    assert linear.px([0.0, 5.0, 10.0]) == pytest.approx([60.0, 260.0, 460.0])
    log = Axis(1.0, 1000.0, 300.0, 0.0, log=True)
    assert log.px([1.0, 10.0, 1000.0]) == pytest.approx([300.0, 200.0, 0.0])
    assert np.isnan(log.px([0.0])[0])


def test_linear_ticks_use_nice_steps_and_a_common_factor():
    ticks, factor = Axis(-0.03, 0.81, 0.0, 100.0).ticks()
    assert [label for _, label in ticks] == ["0", "0.2", "0.4", "0.6", "0.8"] and factor == ""
    ticks, factor = Axis(0.0, 8.3e-5, 0.0, 100.0).ticks()
    assert factor == "×10⁻⁵" and [label for _, label in ticks] == ["0", "2", "4", "6", "8"]


def test_log_ticks_are_decades_or_one_two_five():
    ticks, _ = Axis(0.9, 1100.0, 0.0, 300.0, log=True).ticks()
    assert [label for _, label in ticks] == ["1", "10", "100", "1000"]
    ticks, _ = Axis(1.5e-4, 9e-4, 0.0, 300.0, log=True).ticks()
    assert [label for _, label in ticks] == ["2×10⁻⁴", "5×10⁻⁴"]
    ticks, _ = Axis(1e-9, 2e3, 0.0, 300.0, log=True).ticks()
    assert [label for _, label in ticks] == ["10⁻⁹", "10⁻⁷", "10⁻⁵", "10⁻³", "0.1", "10", "1000"]
