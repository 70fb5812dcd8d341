"""Units as typeset text for HTML/Markdown (Unicode superscripts) and LaTeX/mathtext."""

import pytest

from spinrelax.io.unit_text import unit_tex, unit_unicode


@pytest.mark.parametrize(
    ("unit", "uni", "tex"),
    [
        ("emu/mol", "emu mol⁻¹", r"emu mol$^{-1}$"),
        ("m3/mol", "m³ mol⁻¹", r"m$^{3}$ mol$^{-1}$"),
        ("emu/Oe", "emu Oe⁻¹", r"emu Oe$^{-1}$"),
        ("s^-1 K^-n", "s⁻¹ K⁻ⁿ", r"s$^{-1}$ K$^{-n}$"),
        ("K", "K", "K"),
    ],
)
def test_units(unit, uni, tex):
    assert unit_unicode(unit) == uni
    assert unit_tex(unit) == tex
