"""Units a tidy CSV declares in ``# <quantity>_unit = <unit>`` lines before its column header.

Each declaration is honoured or refused, never ignored:

- ``chi_unit``: one of :data:`CHI_UNITS` (``emu/Oe`` and ``emu/mol`` are converted to molar
  units downstream, the others are carried with their name); anything else is refused.
- ``freq_unit``: ``Hz``, ``kHz``, ``MHz`` or ``rad/s`` (angular frequency omega; f = omega /
  (2 pi)); the column ``freq_Hz`` is converted to Hz on reading.
- ``T_unit``: ``K`` only; ``H_unit``: ``Oe`` only (the columns are named in those units).
- any other ``*_unit`` key is refused: a unit the reader does not know cannot be honoured.

Errors name the file and the declaration's line.
"""

from __future__ import annotations

import math

import pandas as pd

from spinrelax.errors import InputFormatError

#: chi units a tidy CSV may declare (a micro-SQUID may give arbitrary units).
CHI_UNITS: tuple[str, ...] = ("emu/Oe", "emu/mol", "m3/mol", "emu/g", "arb", "arb. units", "a.u.")
#: Factor to Hz of each accepted frequency unit.
FREQ_TO_HZ: dict[str, float] = {"Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "rad/s": 1.0 / (2.0 * math.pi)}
_FIXED = {"T_unit": ("K",), "H_unit": ("Oe",)}


def _canonical(value: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    key = value.replace(" ", "").lower()
    return next((u for u in allowed if u.replace(" ", "").lower() == key), None)


def check_declaration(key: str, value: str, *, file: str, line: int) -> str:
    """The canonical unit (key matched without regard to case) of a ``# key = value`` declaration; raises :class:`InputFormatError`
    for an unknown key or unit (see the module docstring)."""
    known_keys = {"chi_unit": CHI_UNITS, "freq_unit": tuple(FREQ_TO_HZ), **_FIXED}
    key = next((k for k in known_keys if k.lower() == key.lower()), key)
    allowed = known_keys.get(key)
    if allowed is None:
        known = ", ".join(["chi_unit", "freq_unit", *_FIXED])
        raise InputFormatError(
            f"unknown unit declaration {key!r} (known: {known}): it cannot be honoured",
            file=file,
            line=line,
        )
    unit = _canonical(value, allowed)
    if unit is None:
        raise InputFormatError(
            f"{key} {value!r} is not a unit this reader knows (use one of {', '.join(allowed)})",
            file=file,
            line=line,
        )
    return unit


def frequency_in_hz(points: pd.DataFrame, freq_unit: str | None) -> pd.DataFrame:
    """``points`` with ``freq_Hz`` converted from the declared ``freq_unit`` (None: Hz)."""
    factor = FREQ_TO_HZ[freq_unit or "Hz"]
    if factor == 1.0 or "freq_Hz" not in points:
        return points
    return points.assign(freq_Hz=points["freq_Hz"].to_numpy(dtype=float) * factor)
