"""Relaxation-rate laws tau^-1(T) and tau^-1(H): the terms, their parameters and their sums.

Every term returns its rate (s^-1; T in K, H in Oe) and the derivatives of that rate with
respect to its *internal* parameters (ln of a positive prefactor, or the plain value of an
exponent or energy), so the fitter has an analytic Jacobian. Parallel processes add their rates;
the phonon bottleneck adds a *time* in series (tau = tau_spin-lattice + tau_lattice-bath).

Sources, per term:

- ``orbach``: tau0^-1 exp(-U/kB T), Orbach, Proc. R. Soc. A 264, 458 (1961); U as U/kB in K.
- ``raman``: C T^n, Abragam & Bleaney, *Electron Paramagnetic Resonance of Transition Ions*
  (1970), sec. 10.9 (n = 9 for Kramers ions, 7 for non-Kramers; lower n with optical phonons).
- ``qtm`` (alias ``plateau``): temperature-independent quantum tunnelling rate, Gatteschi, Sessoli
  & Villain, *Molecular Nanomagnets* (2006), ch. 10; tau_QTM = 1 / rate.
- ``direct``: A T at the measured field (A = A' H^m; Abragam & Bleaney 1970, sec. 10.8).
- ``bottleneck``: phonon bottleneck, a lattice-bath time B T^-m in series with the spin-lattice
  time, Scott & Jeffries, Phys. Rev. 127, 32 (1962); form of CC-FIT2's PB models (Reta & Chilton,
  PCCP 21, 23567 (2019); ccfit2 5.14 ``LogRamanPBModel``).
- field laws at fixed T (CC-FIT2's tau(H) models): ``qtm_field`` q / (1 + q_H H^p)
  (field-suppressed QTM, ``LogFDQTMModel``); ``raman_field`` C_H H^m (Raman-II,
  ``LogRamanIIModel``); ``direct_field`` A H^m T (Abragam & Bleaney 1970, m = 4 for Kramers
  ions); ``constant`` (field-independent Orbach + Raman at that T, ``LogConstantModel``);
  ``brons_van_vleck`` c (1 + e H^2)/(1 + f H^2) (Brons, Physica 5, 601 (1938); van Vleck,
  Phys. Rev. 57, 426 (1940); ``LogBVVConstantModel``).
- laws in (T, H) at once (variable ``"TH"``, :func:`law_variable`): any T term except ``direct``
  combined with ``qtm_field`` (T-independent, field-suppressed QTM), ``direct_field``
  (A H^m T, the direct process at every field and temperature) and ``raman_bvv``, the Raman rate
  times the Brons-van Vleck factor, C T^n (1 + e H^2)/(1 + f H^2) (Brons 1938; van Vleck 1940;
  ccfit2's ``HTDataset`` models and relACs's ``TauFit.model(temp, field)`` combine the same
  processes). Terms whose prefactor is the rate at one temperature (``direct`` at the measured
  field, ``constant``, ``raman_field``, ``brons_van_vleck``) are refused in a (T, H) law.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Param:
    """A law parameter: public name (unit in the name), unit text, fitted as ln(value) or not,
    bounds of the internal value, and its LaTeX symbol (for tables of a paper's SI)."""

    name: str
    unit: str
    log: bool
    lo: float
    hi: float
    symbol: str


@dataclass(frozen=True)
class Term:
    """One relaxation process: its variable ("T", "H", or "TH" for a term of both), parameters
    and evaluation function.

    ``evaluate(T_K, H_Oe, values)`` returns (rate or series time, [d/d internal parameter]).
    """

    name: str
    variable: str
    params: tuple[Param, ...]
    series: bool
    evaluate: Callable[[Array, Array, Mapping[str, float]], tuple[Array, list[Array]]]


_LN = (-120.0, 120.0)


def _p(name: str, unit: str, symbol: str, log: bool = True, bounds=_LN) -> Param:
    return Param(name, unit, log, bounds[0], bounds[1], symbol)


def _orbach(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    r = np.exp(-v["U_K"] / T) / v["tau0_s"]
    return r, [-r, -r / T]


def _raman(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    r = v["C_raman_s-1_K-n"] * T ** v["n_raman"]
    return r, [r, r * np.log(T)]


def _qtm(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    r = np.zeros(T.shape) + v["rate_qt_s-1"]
    return r, [r]


def _direct(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    r = v["A_direct_s-1_K-1"] * T
    return r, [r]


def _bottleneck(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    t = v["B_pb_s_K-m"] * T ** (-v["m_pb"])
    return t, [t, -t * np.log(T)]


def _pow(H: Array, p: float) -> tuple[Array, Array]:
    """H^p and ln H, with 0^p = 0 and the ln H of H = 0 set to 0 (its product with 0 vanishes)."""
    Hp = np.where(H > 0, np.abs(H) ** p, 0.0)
    lnH = np.log(np.where(H > 0, H, 1.0))
    return Hp, lnH


def _qtm_field(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    Hp, lnH = _pow(np.abs(H), v["p_qtm"])
    x = v["b_qtm_Oe-p"] * Hp
    r = v["rate_qt_s-1"] / (1.0 + x)
    frac = x / (1.0 + x)
    return r, [r, -r * frac, -r * frac * lnH]


def _raman_field(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    Hp, lnH = _pow(np.abs(H), v["m_raman_H"])
    r = v["C_raman_H_s-1_Oe-m"] * Hp
    return r, [r, r * lnH]


def _direct_field(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    Hp, lnH = _pow(np.abs(H), v["m_direct"])
    r = v["A_direct_s-1_Oe-m_K-1"] * Hp * T
    return r, [r, r * lnH]


def _constant(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    r = np.zeros(H.shape) + v["rate_const_s-1"]
    return r, [r]


def _brons_van_vleck(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    H2 = np.asarray(H, dtype=float) ** 2
    e, f = v["e_bvv_Oe-2"], v["f_bvv_Oe-2"]
    num, den = 1.0 + e * H2, 1.0 + f * H2
    r = v["rate_bvv_s-1"] * num / den
    return r, [r, r * e * H2 / num, -r * f * H2 / den]


def _raman_bvv(T: Array, H: Array, v: Mapping[str, float]) -> tuple[Array, list[Array]]:
    """C T^n (1 + e H^2)/(1 + f H^2): Raman rate with the Brons-van Vleck field factor."""
    H2 = np.asarray(H, dtype=float) ** 2
    e, f = v["e_bvv_Oe-2"], v["f_bvv_Oe-2"]
    num, den = 1.0 + e * H2, 1.0 + f * H2
    r = v["C_raman_s-1_K-n"] * T ** v["n_raman"] * num / den
    return r, [r, r * np.log(T), r * e * H2 / num, -r * f * H2 / den]


TERMS: dict[str, Term] = {
    t.name: t
    for t in (
        Term(
            "orbach",
            "T",
            (
                _p("tau0_s", "s", r"\tau_0"),
                _p("U_K", "K", r"U_\mathrm{eff}", log=False, bounds=(0.0, 1.0e5)),
            ),
            False,
            _orbach,
        ),
        Term(
            "raman",
            "T",
            (
                _p("C_raman_s-1_K-n", "s^-1 K^-n", "C"),
                _p("n_raman", "1", "n", log=False, bounds=(0.5, 15.0)),
            ),
            False,
            _raman,
        ),
        Term("qtm", "T", (_p("rate_qt_s-1", "s^-1", r"\tau_\mathrm{QTM}^{-1}"),), False, _qtm),
        Term("direct", "T", (_p("A_direct_s-1_K-1", "s^-1 K^-1", "A"),), False, _direct),
        Term(
            "bottleneck",
            "T",
            (
                _p("B_pb_s_K-m", "s K^m", "B"),
                _p("m_pb", "1", "m", log=False, bounds=(0.0, 10.0)),
            ),
            True,
            _bottleneck,
        ),
        Term(
            "qtm_field",
            "H",
            (
                _p("rate_qt_s-1", "s^-1", r"\tau_\mathrm{QTM}^{-1}"),
                _p("b_qtm_Oe-p", "Oe^-p", r"\tau_{\mathrm{QTM},H}^{-1}"),
                _p("p_qtm", "1", "p", log=False, bounds=(0.5, 8.0)),
            ),
            False,
            _qtm_field,
        ),
        Term(
            "raman_field",
            "H",
            (
                _p("C_raman_H_s-1_Oe-m", "s^-1 Oe^-m", r"C_H"),
                _p("m_raman_H", "1", "m", log=False, bounds=(0.0, 10.0)),
            ),
            False,
            _raman_field,
        ),
        Term(
            "direct_field",
            "H",
            (
                _p("A_direct_s-1_Oe-m_K-1", "s^-1 Oe^-m K^-1", "A"),
                _p("m_direct", "1", "m", log=False, bounds=(0.0, 10.0)),
            ),
            False,
            _direct_field,
        ),
        Term("constant", "H", (_p("rate_const_s-1", "s^-1", r"\tau_c^{-1}"),), False, _constant),
        Term(
            "brons_van_vleck",
            "H",
            (
                _p("rate_bvv_s-1", "s^-1", r"\tau_0^{-1}"),
                _p("e_bvv_Oe-2", "Oe^-2", "e"),
                _p("f_bvv_Oe-2", "Oe^-2", "f"),
            ),
            False,
            _brons_van_vleck,
        ),
        Term(
            "raman_bvv",
            "TH",
            (
                _p("C_raman_s-1_K-n", "s^-1 K^-n", "C"),
                _p("n_raman", "1", "n", log=False, bounds=(0.5, 15.0)),
                _p("e_bvv_Oe-2", "Oe^-2", "e"),
                _p("f_bvv_Oe-2", "Oe^-2", "f"),
            ),
            False,
            _raman_bvv,
        ),
    )
}
#: Other accepted names of terms (``plateau`` is what paper 1's configuration calls QTM).
ALIASES: dict[str, str] = {"plateau": "qtm"}


#: Terms refused in a (T, H) law, with the reason: their prefactor is a rate at one temperature
#: (or one field), which a law over both variables cannot hold constant.
NOT_IN_TH: dict[str, str] = {
    "direct": "its A is the direct rate at one field: use direct_field (A H^m T)",
    "constant": "its rate is the Orbach + Raman rate at one temperature",
    "raman_field": "its rate C_H H^m does not depend on T: use direct_field (A H^m T)",
    "brons_van_vleck": "its prefactor is the zero-field rate at one temperature: use raman_bvv",
}


def law_variable(terms: tuple[str, ...]) -> str:
    """``"T"`` or ``"H"`` when every term has that variable, else ``"TH"`` (a law in (T, H))."""
    variables = {TERMS[t].variable for t in terms}
    return variables.pop() if len(variables) == 1 else "TH"


def parse_law(law: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Terms of a law given as ``"orbach+raman+qtm"`` or a sequence; checks names and variable.

    Aliases are resolved; raises ValueError for an unknown term, a repeated term, a term that
    has no place in a (T, H) law (:data:`NOT_IN_TH`) mixed with terms of the other variable,
    or two terms of one process (sharing a parameter, e.g. ``qtm`` and ``qtm_field``).
    """
    parts = law.split("+") if isinstance(law, str) else list(law)
    terms = tuple(ALIASES.get(p.strip().lower(), p.strip().lower()) for p in parts if p.strip())
    unknown = [t for t in terms if t not in TERMS]
    if unknown or not terms:
        raise ValueError(f"unknown rate term(s) {unknown or law!r}; known: {sorted(TERMS)}")
    if len(set(terms)) != len(terms):
        raise ValueError(f"a term appears twice in {law!r}")
    if law_variable(terms) == "TH":
        refused = [t for t in terms if t in NOT_IN_TH]
        if refused:
            t = refused[0]
            raise ValueError(
                f"{law!r} mixes temperature and field terms, and {t} has no place in a (T, H) "
                f"law: {NOT_IN_TH[t]}"
            )
        owners: dict[str, str] = {}
        for t in terms:
            for p in TERMS[t].params:
                if p.name in owners:
                    raise ValueError(
                        f"{law!r}: {owners[p.name]} and {t} describe one process (both have "
                        f"{p.name}); keep one"
                    )
                owners[p.name] = t
    if all(TERMS[t].series for t in terms):
        raise ValueError(f"{law!r} has no spin-lattice (parallel) process")
    return terms


def law_params(terms: tuple[str, ...]) -> tuple[Param, ...]:
    """Parameters of a law in order (a name shared by two terms appears once)."""
    return _law_params(tuple(terms))


@functools.lru_cache(maxsize=256)
def _law_params(terms: tuple[str, ...]) -> tuple[Param, ...]:
    seen: dict[str, Param] = {}
    for t in terms:
        for p in TERMS[t].params:
            seen.setdefault(p.name, p)
    return tuple(seen.values())


@functools.lru_cache(maxsize=256)
def _columns(terms: tuple[str, ...]) -> dict[str, int]:
    """Column of each parameter of the law in the gradient (:func:`law_params` order)."""
    return {p.name: i for i, p in enumerate(_law_params(terms))}


def evaluate_law(
    T_K: ArrayLike,
    H_Oe: ArrayLike,
    values: Mapping[str, float],
    terms: tuple[str, ...],
) -> tuple[Array, Array, dict[str, Array]]:
    """(total rate, d ln rate / d internal parameter [..., k], each term's rate) of a law.

    Parallel terms add rates R; series terms add times t_s: rate = R / (1 + R t_s). Rates in
    s^-1; the last axis of the gradient follows :func:`law_params`. ``values`` may hold arrays
    that broadcast against ``T_K`` (e.g. shape (B, 1) against (B, n): B parameter vectors at
    once, as the profile likelihood evaluates them).
    """
    T = np.atleast_1d(np.asarray(T_K, dtype=float))
    H = np.asarray(H_Oe, dtype=float)
    if H.shape != T.shape:  # a fit passes both at the points' shape already
        T, H = np.broadcast_arrays(T, H)
    params = law_params(terms)
    col = _columns(tuple(terms))
    dR = np.zeros((*T.shape, len(params)))
    dts = np.zeros((*T.shape, len(params)))
    R = np.zeros(T.shape)
    ts = np.zeros(T.shape)
    parts: dict[str, Array] = {}
    for name in terms:
        term = TERMS[name]
        value, grads = term.evaluate(T, H, values)
        target, dtarget = (ts, dts) if term.series else (R, dR)
        target += value
        for p, g in zip(term.params, grads, strict=True):
            dtarget[..., col[p.name]] += g
        parts[name] = value
    R_safe = np.maximum(R, 1e-300)
    if not any(TERMS[name].series for name in terms):  # parallel terms only: rate = R
        return R_safe, dR / R_safe[..., None], parts
    rate = R_safe / (1.0 + R_safe * ts)
    grad = (
        dR / (R_safe * (1.0 + R_safe * ts))[..., None]
        - (R_safe / (1.0 + R_safe * ts))[..., None] * dts
    )
    return rate, grad, parts


def total_rate_s(
    T_K: ArrayLike, params: Mapping[str, float], terms: tuple[str, ...], H_Oe: ArrayLike = 0.0
) -> Array:
    """The law's rate in s^-1 at ``T_K`` (and ``H_Oe`` for field terms)."""
    return evaluate_law(T_K, H_Oe, params, parse_law(terms))[0]


def term_rates_s(
    T_K: ArrayLike, params: Mapping[str, float], terms: tuple[str, ...], H_Oe: ArrayLike = 0.0
) -> dict[str, Array]:
    """Each term's own rate in s^-1 (a series term: 1 / its time, the rate it alone allows)."""
    terms = parse_law(terms)
    parts = evaluate_law(T_K, H_Oe, params, terms)[2]
    return {t: (1.0 / v if TERMS[t].series else v) for t, v in parts.items()}
