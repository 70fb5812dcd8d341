"""Axes of the report's inline SVG plots: data-to-pixel scales (linear or log10), data limits and
tick marks, all written with fixed number formatting so that the same data give the same bytes.

Pixel coordinates are written with one decimal (:func:`px_text`); tick labels use plain decimals
between 0.01 and 10⁴ and powers of ten outside (``2×10⁻⁵``); a linear axis whose values are all
tiny or huge gets a common factor (``×10⁻⁵``) for its label instead (:meth:`Axis.ticks`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Steps of a linear axis within one decade.
_STEPS = (1.0, 2.0, 5.0, 10.0)


def px_text(value: float) -> str:
    """A pixel coordinate as written in the page: one decimal, without a trailing ``.0`` or a
    leading zero (``12``, ``12.5``, ``.5``, ``-.5``), never ``-0``."""
    text = f"{round(float(value), 1) + 0.0:.1f}".removesuffix(".0")
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def power_text(exponent: int) -> str:
    """``10⁻⁵`` for ``-5``."""
    return "10" + str(exponent).translate(_SUPERSCRIPT)


def number_text(value: float) -> str:
    """A tick label: plain between 0.01 and 10⁴ (``0.05``, ``200``), else ``2×10⁻⁵``."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)) + 1e-9)
    if -2 <= exponent <= 4:
        return f"{value:.6g}"
    mantissa = value / 10.0**exponent
    head = "" if abs(abs(mantissa) - 1) < 1e-9 else f"{mantissa:.3g}×"
    return ("-" if value < 0 and not head else "") + head + power_text(exponent)


def limits(values: np.ndarray, log: bool, pad: float = 0.05) -> tuple[float, float]:
    """Data limits of ``values`` (finite, and positive on a log axis) widened by ``pad`` of the
    span on each side (of the decades on a log axis); (1, 10) or (0, 1) when nothing is left."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)] if log else v[np.isfinite(v)]
    if v.size == 0:
        return (1.0, 10.0) if log else (0.0, 1.0)
    lo, hi = (np.log10(v.min()), np.log10(v.max())) if log else (v.min(), v.max())
    span = hi - lo if hi > lo else (1.0 if log else max(abs(hi), 1e-300))
    lo, hi = lo - pad * span, hi + pad * span
    return (10.0**lo, 10.0**hi) if log else (float(lo), float(hi))


@dataclass(frozen=True)
class Axis:
    """Data limits ``lo``..``hi`` drawn from pixel ``px_lo`` to ``px_hi`` (log10 if ``log``)."""

    lo: float
    hi: float
    px_lo: float
    px_hi: float
    log: bool = False

    def _t(self, values) -> np.ndarray:
        v = np.asarray(values, dtype=float)
        if not self.log:
            return v
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(v > 0, np.log10(v), np.nan)

    def px(self, values) -> np.ndarray:
        """Pixel positions of ``values`` (NaN where a log axis gets a value <= 0)."""
        a, b = self._t([self.lo, self.hi])
        return self.px_lo + (self._t(values) - a) / (b - a) * (self.px_hi - self.px_lo)

    def ticks(self) -> tuple[list[tuple[str, str]], str]:
        """(ticks as (pixel text, label), factor for the axis label: ``""`` or ``×10⁻⁵``)."""
        values, factor = self._log_ticks() if self.log else self._linear_ticks()
        scale = 10.0**-factor if factor else 1.0
        ticks = [(px_text(p), number_text(v * scale))
                 for v, p in zip(values, self.px(values), strict=True)]  # fmt: skip
        return ticks, (f"×{power_text(factor)}" if factor else "")

    def _linear_ticks(self) -> tuple[list[float], int]:
        span = self.hi - self.lo
        raw = span / 5.0
        decade = 10.0 ** math.floor(math.log10(raw))
        step = next(s * decade for s in _STEPS if s * decade >= raw * (1 - 1e-9))
        first = math.ceil(self.lo / step - 1e-9)
        values = [k * step for k in range(first, math.floor(self.hi / step + 1e-9) + 1)]
        values = [0.0 if abs(v) < step * 1e-9 else v for v in values]
        top = max(abs(self.lo), abs(self.hi))
        exponent = math.floor(math.log10(top)) if top > 0 else 0
        return values, (exponent if exponent < -2 or exponent > 4 else 0)

    def _log_ticks(self) -> tuple[list[float], int]:
        a, b = math.log10(self.lo), math.log10(self.hi)
        decades = [10.0**k for k in range(math.ceil(a - 1e-9), math.floor(b + 1e-9) + 1)]
        if len(decades) >= 2:
            return decades[:: math.ceil(len(decades) / 7)], 0  # at most 7 labels
        extra = [m * 10.0**k for k in range(math.floor(a), math.ceil(b) + 1) for m in (1, 2, 5)]
        return [v for v in extra if self.lo <= v <= self.hi], 0
