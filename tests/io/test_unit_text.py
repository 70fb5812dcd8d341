"""Units as typeset text for HTML/Markdown (Unicode superscripts) and LaTeX/mathtext."""

import pytest

from spinrelax.io.unit_text import symbol_html, unit_tex, unit_unicode


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


@pytest.mark.parametrize(
    ("tex", "html"),
    [
        (r"\tau_\mathrm{QTM}^{-1}", "τ<sub>QTM</sub><sup>−1</sup>"),
        (r"U_\mathrm{eff}", "U<sub>eff</sub>"),
        (r"\tau_0", "τ<sub>0</sub>"),
        (r"\chi^2_\mathrm{red}", "χ<sup>2</sup><sub>red</sub>"),
        (r"\tau_{\mathrm{QTM},H}^{-1}", "τ<sub>QTM,H</sub><sup>−1</sup>"),
        ("n", "n"),
    ],
)
def test_symbol_html(tex, html):
    assert symbol_html(tex) == html
