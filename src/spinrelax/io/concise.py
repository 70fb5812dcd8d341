"""Values with errors in the concise notation of papers: ``140.5(8)``, ``7.1(5)×10⁻¹⁰``.

The error is rounded by the Particle Data Group rule (R. L. Workman et al., *Review of Particle
Physics*, PTEP 2022, 083C01, Introduction, sec. 5.3 "Rounding"): if its three leading digits are
100-354 it keeps two significant digits, 355-949 one, 950-999 it is rounded up to 1000 and keeps
two. The value is rounded to the same decimal place, and the error is written in parentheses in
units of the value's last digit (BIPM, *The International System of Units*, 9th ed. 2019,
sec. 5.4.7: ``m = 1.674 927 471(21) × 10⁻²⁷ kg``). Numbers below 1e-3 or from 1e5 in magnitude
are written with a power of ten. Rounding is done on the shortest decimal form of each float
(round half up), so the text is the same on every machine.

A table column can share one power of ten (:func:`column_power`, written in its header as
``τ (10⁻³ s)``): ``concise(value, err, power=-3)`` writes value and error in that unit.

Styles: ``"text"`` (ASCII, for CSV: ``7.1(5)e-10``), ``"unicode"`` (HTML and Markdown:
``7.1(5)×10⁻¹⁰``) and ``"latex"`` (math mode: ``$7.1(5)\\times10^{-10}$``).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

STYLES = ("text", "unicode", "latex")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _exponent(x: float) -> int:
    return int(math.floor(math.log10(abs(x))))


def _last_place(err: float) -> tuple[int, Decimal]:
    """(decimal place of the last kept digit, error rounded there) by the PDG rule."""
    place = _exponent(err)
    three = int(Decimal(repr(err)).scaleb(2 - place).to_integral_value(ROUND_HALF_UP))
    if three >= 1000:  # 999.5 and above round to the next decade
        place, three = place + 1, 100
    last = place - 1 if three <= 354 else place  # 950-999 become "10": also place
    return last, Decimal(repr(err)).quantize(Decimal(1).scaleb(last), ROUND_HALF_UP)


def _split(value: float, err: float) -> tuple[str, int | None]:
    """(mantissa with the error in parentheses, power of ten or None)."""
    last, rounded_err = _last_place(err)
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(last), ROUND_HALF_UP)
    scientific = abs(value) >= 1e5 or (value != 0 and abs(value) < 1e-3)
    power = max(_exponent(float(rounded)) if rounded else last, last) if scientific else 0
    places = max(power - last, 0)
    scaled = rounded.scaleb(-power)
    mantissa = format(scaled if scaled else abs(scaled), f".{places}f")  # no "-0.0"
    digits = int(rounded_err.scaleb(-last)) * 10 ** max(last - power, 0)
    return f"{mantissa}({digits})", (power if scientific else None)


def _plain(value: float) -> tuple[str, int | None]:
    """A value without error: 4 significant digits, (mantissa, power or None)."""
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, power = text.split("e")
        return mantissa, int(power)
    return text, None


def power_text(power: int, style: str) -> str:
    """``10⁻³`` (unicode), ``10^{-3}`` in math mode (latex) or ``1e-3`` (text)."""
    if style == "latex":
        return f"$10^{{{power}}}$"
    if style == "unicode":
        return "10" + str(power).translate(_SUPERSCRIPT)
    return f"1e{power}"


def _join(mantissa: str, power: int | None, style: str) -> str:
    if style == "latex":
        times = "" if power is None else rf"\times10^{{{power}}}"
        return f"${mantissa}{times}$"
    if power is None:
        return mantissa
    if style == "unicode":
        return f"{mantissa}×10{str(power).translate(_SUPERSCRIPT)}"
    return f"{mantissa}e{power}"


def _scaled(x: float, power: int) -> float:
    """``x / 10**power`` exactly on the decimal form (no binary rounding noise)."""
    return float(Decimal(repr(x)).scaleb(-power)) if power and math.isfinite(x) else x


def column_power(values) -> int:
    """A power of ten shared by a column (a multiple of 3): 0 when the largest finite magnitude
    lies in [0.01, 1e5), else that of the largest magnitude (``2.3e-3`` -> -3, ``8e-5`` -> -6);
    smaller values of the column keep a power of their own."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v) and v != 0]
    if not finite or 1e-2 <= max(finite) < 1e5:
        return 0
    return 3 * math.floor(_exponent(max(finite)) / 3)


def concise(value: float, err: float, style: str = "text", power: int = 0) -> str:
    """``value`` with ``err`` in concise notation (module docstring), in units of
    ``10**power``; the value alone to four significant digits when the error is missing, zero or
    not finite; ``"n/a"`` for no value."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    if value is None or not math.isfinite(value):
        return "n/a"
    value = _scaled(value, power)
    err = _scaled(err, power) if err is not None else err
    if err is None or not (math.isfinite(err) and err > 0):
        return _join(*_plain(value), style)
    return _join(*_split(value, err), style)
