"""Group the points of one file into spectra by (T, H) tolerance: ``segmentation: tolerance``.

The fallback of :mod:`spinrelax.io.segmentation` for files without sweep structure (and the
rule of ``segmentation: tolerance``); files with sweep structure are split by their sweeps.

Real sweeps drift: temperatures by mK, fields by a fraction of an Oe. Points are taken in
measurement order; a point joins the current spectrum when its temperature is within
``max(T_tol_K, T_rel_tol * T_mean)`` and its field within ``H_tol_Oe`` of the running means of
the spectrum, and its frequency has not been measured yet in this spectrum (relative
tolerance ``freq_rel_tol``). Otherwise it starts a new spectrum. Sweep direction does not
matter (low->high or high->low); several fields measured at the same temperature, or the same
(T, H) measured twice, give separate spectra.

Speed: the rule is sequential, so it is applied in two steps that give exactly its result.
Spectra are first *proposed* where a point would not join its predecessor alone or a sweep
restarts; every proposed spectrum is then *verified* at once with numpy (running means summed
in measurement order, as the rule does). Only where a proposal fails (e.g. a sweep turning
back at the same (T, H)) is the rule applied point by point, from that spectrum on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Relative safety margin of the vectorised "frequencies clearly distinct" test.
_FREQ_MARGIN = 1e-9


@dataclass(frozen=True)
class GroupingTolerances:
    """Tolerances for spectrum grouping (absolute K and Oe, relative for T and frequency)."""

    temperature_tolerance_K: float = 0.05
    temperature_rel_tolerance: float = 0.01
    field_tolerance_Oe: float = 5.0
    frequency_rel_tolerance: float = 1e-3


def _joins_TH(
    T: np.ndarray, H: np.ndarray, t_mean: np.ndarray, h_mean: np.ndarray, tol: GroupingTolerances
) -> np.ndarray:
    """Whether points (T, H) lie within tolerance of the means of a spectrum."""
    t_tol = np.maximum(tol.temperature_tolerance_K, tol.temperature_rel_tolerance * np.abs(t_mean))
    return (np.abs(T - t_mean) <= t_tol) & (np.abs(H - h_mean) <= tol.field_tolerance_Oe)


def _clashes(f: float, g: np.ndarray, tol: GroupingTolerances) -> bool:
    """Whether frequency ``f`` repeats one of ``g`` (relative tolerance)."""
    scale = np.maximum(np.abs(g), abs(f))
    return bool((np.abs(f - g) <= tol.frequency_rel_tolerance * scale).any())


def _running_sums(x: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Sum of ``x`` from its segment's start to each point, added in order (segments of
    similar length are summed together as rows of one padded array)."""
    out = np.empty_like(x)
    width = 1
    while True:
        sel = (lengths <= width) & (lengths > width // 2)
        if sel.any():
            idx = starts[sel, None] + np.arange(width)
            inside = np.arange(width) < lengths[sel, None]
            padded = np.where(inside, x[np.minimum(idx, len(x) - 1)], 0.0)
            out[idx[inside]] = np.cumsum(padded, axis=1)[inside]
        if width >= lengths.max():
            return out
        width *= 2


def _verify(
    T: np.ndarray, H: np.ndarray, f: np.ndarray, starts: np.ndarray, tol: GroupingTolerances
) -> np.ndarray:
    """Per proposed spectrum: True when the sequential rule, started at its first point,
    gives exactly this spectrum and starts the next one where the next proposal starts."""
    n = len(T)
    ends = np.append(starts[1:], n)
    lengths = ends - starts
    seg = np.repeat(np.arange(len(starts)), lengths)
    rank = np.arange(n) - starts[seg]  # points before this one in its spectrum
    t_run = _running_sums(T, starts, lengths)
    h_run = _running_sums(H, starts, lengths)
    # every later point joins the running means of the points before it ...
    member = rank > 0
    prev = np.flatnonzero(member) - 1
    joins = np.ones(n, dtype=bool)
    joins[member] = _joins_TH(
        T[member], H[member], t_run[prev] / rank[member], h_run[prev] / rank[member], tol
    )
    ok = np.logical_and.reduceat(joins, starts)
    # ... repeats no frequency of its spectrum: checked on neighbours in sorted order (for
    # positive f no pair is relatively closer than some neighbours), clearly by a margin;
    # unclear spectra go point by point ...
    order = np.lexsort((f, seg))
    fs, ss = f[order], seg[order]
    same = ss[1:] == ss[:-1]
    distinct = (fs[:-1] > 0) & (
        fs[1:] - fs[:-1] > tol.frequency_rel_tolerance * fs[1:] * (1 + _FREQ_MARGIN)
    )
    unclear = np.zeros(len(starts), dtype=bool)
    unclear[ss[1:][same & ~distinct]] = True
    unclear[seg[~(np.isfinite(f) & (f > 0))]] = True
    ok &= ~unclear
    # ... and the next proposed start does not join the finished spectrum.
    nxt = ends[:-1]
    last = nxt - 1
    stays = _joins_TH(T[nxt], H[nxt], t_run[last] / lengths[:-1], h_run[last] / lengths[:-1], tol)
    for k in np.flatnonzero(stays & ok[:-1]):
        ok[k] = _clashes(f[nxt[k]], f[starts[k] : ends[k]], tol)
    return ok


def _apart(T: np.ndarray, H: np.ndarray, f: np.ndarray, tol: GroupingTolerances) -> np.ndarray:
    """Proposed breaks, per point after the first: out of (T, H) tolerance of the previous
    point, the same frequency as it, or a sweep restarting (a lone step against the sweep)."""
    step = np.sign(np.diff(f))
    # the step into point i reverses the one before ...
    turn = np.concatenate([[False], step[1:] != step[:-1]])[: len(step)]
    lone = turn.copy()  # ... and the step out of point i goes back again
    lone[:-1] &= step[:-1] != step[1:]
    same_f = np.abs(f[1:] - f[:-1]) <= tol.frequency_rel_tolerance * np.maximum(
        np.abs(f[1:]), np.abs(f[:-1])
    )
    return ~_joins_TH(T[1:], H[1:], T[:-1], H[:-1], tol) | same_f | lone


def _spectrum_length(
    T: np.ndarray, H: np.ndarray, f: np.ndarray, start: int, tol: GroupingTolerances
) -> int:
    """Points of the spectrum starting at ``start``, by the sequential rule point by point."""
    t_sum, h_sum = float(T[start]), float(H[start])
    i = start + 1
    while i < len(T):
        count = i - start
        t_mean, h_mean = t_sum / count, h_sum / count
        t_tol = max(tol.temperature_tolerance_K, tol.temperature_rel_tolerance * abs(t_mean))
        if not (
            abs(T[i] - t_mean) <= t_tol and abs(H[i] - h_mean) <= tol.field_tolerance_Oe
        ) or _clashes(f[i], f[start:i], tol):
            break
        t_sum += T[i]
        h_sum += H[i]
        i += 1
    return i - start


def group_spectra(
    T_K: np.ndarray, H_Oe: np.ndarray, freq_Hz: np.ndarray, tol: GroupingTolerances
) -> np.ndarray:
    """Spectrum index (0, 1, ...) of each point, in measurement order."""
    T = np.asarray(T_K, dtype=float)
    H = np.asarray(H_Oe, dtype=float)
    f = np.asarray(freq_Hz, dtype=float)
    n = len(T)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    proposed = np.concatenate([[0], np.flatnonzero(_apart(T, H, f, tol)) + 1])
    ok = _verify(T, H, f, proposed, tol)
    bad = np.flatnonzero(~ok)
    # next_bad[k]: first proposal >= k that failed verification (len(proposed) if none)
    next_bad = np.searchsorted(bad, np.arange(len(proposed)))
    next_bad = np.append(bad, len(proposed))[next_bad]
    starts: list[np.ndarray] = []
    pos = 0
    while pos < n:
        k = int(np.searchsorted(proposed, pos))
        if k < len(proposed) and proposed[k] == pos and ok[k]:
            stop = int(next_bad[k])
            starts.append(proposed[k:stop])
            pos = int(proposed[stop]) if stop < len(proposed) else n
        else:
            starts.append(np.array([pos]))
            pos += _spectrum_length(T, H, f, pos, tol)
    first = np.zeros(n, dtype=np.int64)
    first[np.concatenate(starts)] = 1
    return np.cumsum(first) - 1
