"""Settings of the rate-law stage, from the command line, the sample sheet or a config block.

Keys (every one optional; the same names in ``fit-rates`` options, the sample sheet's
``rate_*`` columns and a sample's ``rates:`` config block): ``law``, ``field_law``,
``T_min_K``, ``T_max_K``, ``H_min_Oe``, ``H_max_Oe``, ``fixed`` ("n=9,U=60" or a mapping),
``sigma`` (see ``uncertainty.py``), ``candidates``, ``field_candidates`` ("a,b" or a list),
``fields_Oe`` (the dc fields used, "0, 1000" or a list: tau(T) series only at these fields and
tau(H) series only from points at these fields; default all), ``max_correlation`` (largest
|correlation| of two parameters of an eligible law, ``select.DEFAULT_MAX_CORRELATION``),
``global_law`` (``auto``, ``off`` or a law in (T, H) such as ``orbach+raman+qtm_field+
direct_field``: the fit of every (T, H) point of a sample at once, ``global_fit.py``).
Short names accepted in ``fixed``: :data:`FIX_ALIASES`; the value ``free`` releases a parameter
held by default (``m_direct`` of global fits, held at 4).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spinrelax.rates.data import SeriesSettings
from spinrelax.rates.global_fit import GLOBAL_MODES, TH_CANDIDATES
from spinrelax.rates.laws import TERMS, law_params, law_variable, parse_law
from spinrelax.rates.select import DEFAULT_MAX_CORRELATION
from spinrelax.rates.uncertainty import SIGMA_MODES

#: Short parameter names accepted by ``--fix`` (``n=9`` is ``n_raman=9``).
FIX_ALIASES: dict[str, str] = {
    "n": "n_raman",
    "U": "U_K",
    "tau0": "tau0_s",
    "C": "C_raman_s-1_K-n",
    "A": "A_direct_s-1_K-1",
    "m": "m_pb",
    "p": "p_qtm",
}


@dataclass(frozen=True)
class LawSettings:
    """Settings of the rate-law stage (one sample; every key has its unit in its name).

    ``law``/``field_law``: a law such as ``orbach+raman+qtm`` or ``auto`` (compare
    ``candidates``/``field_candidates``, defaults in ``select.py``). Windows are inclusive;
    ``fixed`` holds parameter values kept constant (e.g. ``{"n_raman": 9.0}``), ``free`` the
    parameters released from a default hold. ``global_law``: ``auto``, ``off`` or a law fitted
    to every (T, H) point at once (``global_fit.py``).
    """

    law: str = "auto"
    field_law: str = "auto"
    T_min_K: float | None = None
    T_max_K: float | None = None
    H_min_Oe: float | None = None
    H_max_Oe: float | None = None
    fixed: Mapping[str, float] = field(default_factory=dict)
    sigma: str = "ccfit2"
    candidates: tuple[str, ...] | None = None
    field_candidates: tuple[str, ...] | None = None
    fields_Oe: tuple[float, ...] | None = None
    series: SeriesSettings = field(default_factory=SeriesSettings)
    seed: int = 0
    max_correlation: float = DEFAULT_MAX_CORRELATION
    global_law: str = "auto"
    free: tuple[str, ...] = ()


def parse_fixed(text: str | Mapping[str, Any] | None) -> dict[str, float]:
    """``"n=9, U=60"`` (or a mapping) -> ``{"n_raman": 9.0, "U_K": 60.0}``; ValueError if bad.
    The value ``free`` gives NaN (release a parameter held by default)."""
    if not text:
        return {}
    items = (
        text.items()
        if isinstance(text, Mapping)
        else (
            part.split("=", 1) if "=" in part else (part, "")
            for part in str(text).replace(";", ",").split(",")
            if part.strip()
        )
    )
    known = {p.name for t in TERMS.values() for p in t.params}
    out: dict[str, float] = {}
    for name, value in items:
        name = FIX_ALIASES.get(str(name).strip(), str(name).strip())
        if name not in known:
            raise ValueError(f"unknown parameter {name!r} to fix; known: {sorted(known)}")
        if str(value).strip().lower() == "free":
            out[name] = math.nan
            continue
        try:
            out[name] = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"fixed value of {name} is not a number: {value!r}") from None
    return out


def _checked(law: Any, variable: str) -> str:
    """A law as text, refused unless its variable is ``variable`` (a (T, H) law only as
    ``global_law``)."""
    terms = parse_law(law)
    got = law_variable(terms)
    if got != variable:
        what = {"T": "a tau(T) law", "H": "a tau(H) law", "TH": "a law in (T, H)"}
        hint = ": give it as global_law" if got == "TH" else ""
        raise ValueError(f"{'+'.join(terms)} is {what[got]}, not {what[variable]}{hint}")
    return "+".join(terms)


def _laws(value: Any, variable: str) -> tuple[str, ...] | None:
    if value is None or value == "":
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(_checked(v, variable) for v in items if str(v).strip())


def law_settings(values: Mapping[str, Any], *, seed: int = 0) -> LawSettings:
    """:class:`LawSettings` from a mapping of the keys above (None or "" = default)."""
    known = {"law", "field_law", "T_min_K", "T_max_K", "H_min_Oe", "H_max_Oe", "fixed", "sigma",
             "candidates", "field_candidates", "fields_Oe", "max_correlation",
             "global_law"}  # fmt: skip
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"unknown rate-law setting(s) {sorted(unknown)}; known: {sorted(known)}")
    v = {k: x for k, x in values.items() if x is not None and x != ""}
    for key, variable in (("law", "T"), ("field_law", "H")):
        if key in v and v[key] != "auto":
            v[key] = _checked(v[key], variable)
    if "global_law" in v:
        g = str(v["global_law"]).strip().lower()
        v["global_law"] = g if g in GLOBAL_MODES else "+".join(parse_law(g))
    if "sigma" in v and v["sigma"] not in SIGMA_MODES:
        raise ValueError(f"sigma must be one of {', '.join(SIGMA_MODES)}, got {v['sigma']!r}")
    for key in ("T_min_K", "T_max_K", "H_min_Oe", "H_max_Oe"):
        if key in v:
            v[key] = float(v[key])
    if "max_correlation" in v:
        v["max_correlation"] = float(v["max_correlation"])
        if not 0.0 < v["max_correlation"] <= 1.0:
            raise ValueError(f"max_correlation must be in (0, 1], got {v['max_correlation']}")
    given = parse_fixed(v.get("fixed"))
    v["fixed"] = {k: x for k, x in given.items() if not math.isnan(x)}
    v["free"] = tuple(k for k, x in given.items() if math.isnan(x))
    laws = [v.get("law", "auto"), v.get("field_law", "auto")]
    if v["fixed"] and "auto" not in laws:  # with two given laws a fixed name must be in one
        g = v.get("global_law", "auto")
        extra = {"auto": TH_CANDIDATES, "off": ()}.get(g, (g,))
        names = {p.name for law in (*laws, *extra) for p in law_params(parse_law(law))}
        stray = sorted(set(v["fixed"]) - names)
        if stray:
            where = " or ".join((*laws, *([g] if g != "off" else [])))
            raise ValueError(f"fixed parameter(s) {stray} not in law {where}")
    v["candidates"] = _laws(v.get("candidates"), "T")
    v["field_candidates"] = _laws(v.get("field_candidates"), "H")
    if "fields_Oe" in v:
        items = (
            str(v["fields_Oe"]).split(",") if isinstance(v["fields_Oe"], str) else v["fields_Oe"]
        )
        try:
            v["fields_Oe"] = tuple(float(x) for x in items if str(x).strip())
        except ValueError:
            raise ValueError(f"fields_Oe must be numbers, got {v['fields_Oe']!r}") from None
    return LawSettings(**v, seed=seed)
