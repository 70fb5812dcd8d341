"""``--model auto``: one spectrum model per sample series, so that tau(T) has no jumps made by
switching models between neighbouring spectra.

A series is every spectrum that shares the key columns but the last (the sample in the
workflow, the file in ``fit-ac``). The rule (docs/fitting_conventions.md):

1. **Nested limits.** A fit that ends on the bound where its model reduces to a simpler one is
   that simpler model's curve: Cole-Cole alpha = 0 is Debye, Havriliak-Negami gamma = 1 is
   Cole-Cole and alpha = 0 is Cole-Davidson, Cole-Davidson gamma = 1 is Debye, a second process
   with no amplitude is one Cole-Cole process. Such a row is reported by the simpler model's own
   fit (interior, with its own covariance errors): the same line shape family, so tau does not
   jump, and no fit at a bound is used (:class:`~spinrelax.acsus.qc.QCSettings`).
2. **Coverage first.** A model (with its nested limits) is eligible for a series when it gives a
   clean fit (usable, finite AIC) on as many spectra of the series as the best-covering model
   does, less at most :data:`MAX_COVERAGE_LOSS` of them (rounded down: none in a series of
   fewer than 20), so that one odd spectrum of a long series does not exclude a model.
3. **The simplest eligible model that no other eligible model clearly beats.** Model B clearly
   beats model A when, over the spectra where both are clean, B's summed AIC is lower by more
   than ``qc.model_delta_aic`` **and** B changes tau(T): the weighted mean of the ln
   chi''-peak-time differences is more than ``qc.model_tau_sigma`` standard errors from zero (a
   systematic shift, :func:`shift_z`), or one spectrum is clearly better by the per-spectrum rule
   (:func:`~spinrelax.acsus.adequacy.clearly_better`). A richer model that lowers the AIC without
   moving tau (a small extra process beside the main peak) does not beat the simpler one. If
   every eligible model is beaten (the relation need not be transitive), the simplest eligible
   one is taken; when no model is clean anywhere in the series, the simplest candidate. AIC as in
   Burnham & Anderson, *Model Selection and Multimodel Inference*, 2nd ed. (2002), Sec. 2.2;
   summed over independent spectra it is the AIC of the joint fit.

Spectra where the series model fails keep that model's row (unusable, flagged): the model is
never switched spectrum by spectrum. Other models that fit a spectrum clearly better are still
named per spectrum (``better_model``, :func:`~spinrelax.acsus.adequacy.mark_inadequate`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from spinrelax.acsus.models import MODELS
from spinrelax.acsus.qc import QCSettings

#: Fraction of the best coverage an eligible model may lose (rule 2).
MAX_COVERAGE_LOSS = 0.05

#: model -> (parameter column, its value at the limit, the simpler model it reduces to there).
NESTED_LIMITS: dict[str, tuple[tuple[str, float, str], ...]] = {
    "generalized_debye": (("alpha", 0.0, "debye"),),
    "havriliak_negami": (
        ("gamma", 1.0, "generalized_debye"),
        ("alpha", 0.0, "cole_davidson"),
    ),
    "cole_davidson": (("gamma", 1.0, "debye"),),
    "double_generalized_debye": (("dchi2", 0.0, "generalized_debye"),),
}


def series_index(keys: Mapping[str, NDArray], names: Sequence[str]) -> NDArray:
    """(B,) integer series of each spectrum: the groups of the key columns ``names[:-1]`` (one
    series when there is a single key)."""
    if len(names) < 2:
        return np.zeros(len(keys[names[0]]), dtype=int)
    frame = pd.DataFrame({k: keys[k] for k in names[:-1]})
    return frame.groupby(list(names[:-1]), sort=False, dropna=False).ngroup().to_numpy()


def _has_flag(flags: NDArray, flag: str) -> NDArray:
    """(B,) True where the ';'-joined ``flags`` hold exactly ``flag``."""
    return np.array([flag in str(f).split(";") for f in flags], dtype=bool)


def reduced_models(fits: Mapping[str, pd.DataFrame], model: str) -> NDArray:
    """(B,) name of the model that reports each spectrum for ``model``: ``model``, or, where its
    fit ends on a nested limit (:data:`NESTED_LIMITS`, flagged ``at_bound:<param>``), the
    simpler model (repeatedly: HN at gamma = 1 and alpha = 0 is Debye) when it was fitted."""
    out = np.full(len(fits[model]), model, dtype=object)
    for _ in range(len(NESTED_LIMITS)):
        changed = False
        for name, limits in NESTED_LIMITS.items():
            rows = out == name
            if not rows.any():
                continue
            fit = fits[name]
            flags = fit["flags"].fillna("").to_numpy()
            for param, value, simpler in limits:
                if simpler not in fits:
                    continue
                with np.errstate(invalid="ignore"):
                    near = np.abs(fit[param].to_numpy(dtype=float) - value) <= 1e-6
                at = (out == name) & near & _has_flag(flags, f"at_bound:{param}")
                out[at] = simpler
                changed |= bool(at.any())
        if not changed:
            break
    return out


def _rows_of(stacked: pd.DataFrame, names: Sequence[str], which: NDArray) -> pd.DataFrame:
    """Row b of the table of model ``which[b]`` for every b, from the tables of ``names``
    stacked in that order."""
    code = np.zeros(len(which), dtype=int)
    for k, name in enumerate(names):
        code[which == name] = k
    n_b = len(which)
    return stacked.iloc[code * n_b + np.arange(n_b)].reset_index(drop=True)


def shift_z(ln_a: NDArray, rel_a: NDArray, ln_b: NDArray, rel_b: NDArray) -> float:
    """z of the inverse-variance weighted mean of ln a - ln b (combined errors
    hypot(rel_a, rel_b) per spectrum; non-finite terms left out; 0 when none is left)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        d = ln_a - ln_b
        w = 1.0 / (rel_a**2 + rel_b**2)
    ok = np.isfinite(d) & np.isfinite(w)
    if not ok.any():
        return 0.0
    return float((w[ok] * d[ok]).sum() / np.sqrt(w[ok].sum()))


def choose_series_models(
    fits: Mapping[str, pd.DataFrame], series: NDArray, qc: QCSettings
) -> pd.DataFrame:
    """One row per spectrum from ``fits`` (model name -> table, same spectra in the same order;
    the candidates in their preference order): the series model of each series (module rule),
    its nested limits applied, named in the column ``series_model``."""
    from spinrelax.acsus.adequacy import clean_fits, clearly_better, ln_peak

    names = list(fits)
    n_b = len(series)
    order = sorted(names, key=lambda n: (MODELS[n].n_params, names.index(n)))
    which = {n: reduced_models(fits, n) for n in names}
    stacked = pd.concat([fits[n] for n in names], ignore_index=True)
    rows = {n: _rows_of(stacked, names, which[n]) for n in names}
    clean = {n: clean_fits(rows[n]) for n in names}
    aic = {n: rows[n]["aic"].to_numpy(dtype=float) for n in names}
    peak = {n: ln_peak(rows[n]) for n in names}

    def beats(n: str, m: str, idx: NDArray) -> bool:
        """Whether model n clearly beats model m on the spectra ``idx`` (module rule 3)."""
        both = idx[clean[m][idx] & clean[n][idx]]
        gain = aic[n][both].sum() - aic[m][both].sum()
        moved = clearly_better(
            aic[n][both], *(p[both] for p in peak[n]), aic[m][both], *(p[both] for p in peak[m]), qc
        )
        shift = shift_z(*(p[both] for p in peak[n]), *(p[both] for p in peak[m]))
        return bool(gain < -qc.model_delta_aic and (moved.any() or abs(shift) > qc.model_tau_sigma))

    chosen = np.full(n_b, order[0], dtype=object)
    for idx in pd.Series(np.arange(n_b)).groupby(series, sort=False).indices.values():
        count = {n: int(clean[n][idx].sum()) for n in order}
        best = max(count.values())
        eligible = [n for n in order if count[n] >= best - np.floor(MAX_COVERAGE_LOSS * best)]
        unbeaten = [m for m in eligible if not any(beats(n, m, idx) for n in eligible if n != m)]
        chosen[idx] = (unbeaten or eligible)[0]
    pick = np.empty(n_b, dtype=object)
    for n in names:
        pick[chosen == n] = which[n][chosen == n]
    return _rows_of(stacked, names, pick).assign(series_model=chosen)
