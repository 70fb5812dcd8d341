"""Units as typeset text: ``emu/mol`` -> ``emu mol⁻¹`` (HTML, Markdown) or ``emu mol$^{-1}$``
(LaTeX text mode and matplotlib mathtext). Only the display changes; tables keep the ASCII unit
in their column names."""

from __future__ import annotations

import re

_SUPERSCRIPT = str.maketrans("-0123456789n", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹ⁿ")
#: Susceptibility units of the readers (spinrelax.io.molar.OUTPUT_UNITS) in "a b^-1" form.
_POWERS = {"emu/mol": "emu mol^-1", "m3/mol": "m^3 mol^-1", "emu/Oe": "emu Oe^-1"}


def _powers(unit: str) -> list[str]:
    """``unit`` split into text and exponents: even items text, odd items exponents."""
    return re.split(r"\^(-?\w+)", _POWERS.get(unit, unit))


def unit_unicode(unit: str) -> str:
    """``emu/mol`` -> ``emu mol⁻¹``; ``s^-1 K^-n`` -> ``s⁻¹ K⁻ⁿ``."""
    parts = _powers(unit)
    return "".join(p.translate(_SUPERSCRIPT) if i % 2 else p for i, p in enumerate(parts))


def unit_tex(unit: str) -> str:
    """``emu/mol`` -> ``emu mol$^{-1}$`` (LaTeX text mode or matplotlib mathtext)."""
    parts = _powers(unit)
    out = []
    for i, part in enumerate(parts):
        out.append(f"$^{{{part}}}$" if i % 2 else part.replace("_", r"\_"))
    return "".join(out)


_GREEK = {r"\tau": "τ", r"\chi": "χ", r"\alpha": "α", r"\gamma": "γ", r"\Delta": "Δ"}


def symbol_html(tex: str) -> str:
    """A simple math-mode symbol as HTML: ``\\tau_\\mathrm{QTM}^{-1}`` ->
    ``τ<sub>QTM</sub><sup>−1</sup>`` (Greek letters, ``\\mathrm``, sub- and superscripts)."""
    text = re.sub(r"([_^])\\mathrm\{([^{}]*)\}", r"\1{\2}", tex)
    text = re.sub(r"\\mathrm\{([^{}]*)\}", r"\1", text)
    for name, letter in _GREEK.items():
        text = text.replace(name, letter)
    text = re.sub(r"_\{([^{}]*)\}|_(\w)", lambda m: f"<sub>{m[1] or m[2]}</sub>", text)
    text = re.sub(r"\^\{([^{}]*)\}|\^(\w)", lambda m: f"<sup>{m[1] or m[2]}</sup>", text)
    return text.replace("-", "−")
