"""Concise value(err) notation: PDG rounding of the error, the value to the same place,
powers of ten outside 1e-3..1e5, and the three output styles."""

import math

import pytest

from spinrelax.io.concise import column_power, concise, power_text


@pytest.mark.parametrize(
    ("value", "err", "text"),
    [
        (140.53, 0.75, "140.5(8)"),  # 750: one significant digit
        (139.98966, 0.7729, "140.0(8)"),
        (0.9731663968, 0.001000773262, "0.9732(10)"),  # 100: two digits
        (411.0, 14.0, "411(14)"),
        (0.5, 1.3, "0.5(13)"),  # error larger than the value, in units of the last digit
        (9.96, 0.0996, "9.96(10)"),  # 996: rounded up to 1000, two digits
        (2.0, 9.9996, "2(10)"),
        (1234.0, 450.0, "1200(500)"),  # last digit in the hundreds
        (7.09e-10, 0.46e-10, "7.1(5)e-10"),
        (2.01e-4, 2.75e-6, "2.010(28)e-4"),  # half up on the decimal form, not 2.7499...
        (1234567.0, 89.0, "1.23457(9)e6"),
        (9.96e-4, 5e-5, "1.00(5)e-3"),  # the power of the rounded value
        (-3.2e-5, 1e-7, "-3.200(10)e-5"),
        (-0.02, 0.5, "0.0(5)"),  # no negative zero
    ],
)
def test_concise_text(value, err, text):
    assert concise(value, err) == text


def test_without_an_error_the_value_keeps_four_digits():
    assert concise(1.6712e-5, math.nan) == "1.671e-5"
    assert concise(3.0, 0.0) == "3"
    assert concise(18.0, -1.0) == "18"
    assert concise(math.nan, 1.0) == "n/a"


def test_styles():
    assert concise(7.09e-10, 0.46e-10, "unicode") == "7.1(5)×10⁻¹⁰"
    assert concise(7.09e-10, 0.46e-10, "latex") == r"$7.1(5)\times10^{-10}$"
    assert concise(140.53, 0.75, "latex") == "$140.5(8)$"
    assert concise(1234567.0, 89.0, "unicode") == "1.23457(9)×10⁶"
    with pytest.raises(ValueError, match="style"):
        concise(1.0, 0.1, "html")


def test_a_column_shares_a_power_of_ten():
    taus = [2.331e-3, 9.97e-4, 2.011e-4]
    assert column_power(taus) == -3
    assert [concise(t, 2.8e-5, power=-3) for t in taus] == ["2.331(28)", "0.997(28)", "0.201(28)"]
    assert column_power([0.05, 2.1, float("nan")]) == 0
    assert column_power([0.19, 2e-4]) == 0  # alpha: the largest value decides
    assert column_power([8.4e-5, 2.5e-6]) == -6
    assert column_power([1.2e6, 3.0]) == 6
    assert column_power([]) == 0
    assert power_text(-3, "unicode") == "10⁻³" and power_text(-3, "latex") == "$10^{-3}$"
