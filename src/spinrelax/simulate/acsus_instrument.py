"""The virtual ac magnetometer: one run (raw file) of one sample -> measured points.

Pure function of its inputs and the seeded generator: set points (:func:`run_schedule`) ->
actual temperatures and fields (jitter, drift) -> truth chi in emu/mol
(:mod:`spinrelax.simulate.acsus_truth`, :mod:`spinrelax.simulate.acsus_lineshape`) -> file
units (emu/Oe with diamagnetic terms, or emu/mol) -> noise, outliers, bad rows
(:mod:`spinrelax.simulate.acsus_noise`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from spinrelax.simulate.acsus_campaign import AcsusCampaign, Run, run_schedule
from spinrelax.simulate.acsus_lineshape import cole_cole_chi
from spinrelax.simulate.acsus_noise import (
    BAD_ROW_KINDS,
    bad_row_indices,
    noisy_readings,
    outlier_shifts,
    reading_sigma,
    sweep_temperatures_K,
)
from spinrelax.simulate.acsus_sample import SampleMeta, molar_to_emu_per_Oe
from spinrelax.simulate.acsus_truth import log_rates_per_s, static_chi_emu_per_mol


@dataclass(frozen=True)
class Measurement:
    """Measured points in file units and the imperfections that were injected.

    ``points`` columns: ``T_K, H_Oe, freq_Hz, drive_Oe, chi_real, chi_imag, chi_real_err,
    chi_imag_err, elapsed_s`` (chi in ``chi_unit``). ``events``: ``row, kind`` (0-based point
    index, "outlier" or a :data:`BAD_ROW_KINDS` entry).
    """

    points: pd.DataFrame
    chi_unit: str
    events: pd.DataFrame


def truth_chi_emu_per_mol(
    T_K: np.ndarray,
    H_Oe: np.ndarray,
    freq_Hz: np.ndarray,
    meta: SampleMeta,
    campaign: AcsusCampaign,
) -> tuple[np.ndarray, np.ndarray]:
    """Noise-free (chi', chi'') in emu/mol of the sample at each (T, H, f) point."""
    truth = campaign.samples[meta.sample_id]
    mix = campaign.hyperfine if truth.hyperfine_167Er else None
    log_rate, weights = log_rates_per_s(T_K, H_Oe, meta.x_Er, campaign.rates, mix)
    static = static_chi_emu_per_mol(
        T_K, meta.x_Er, campaign.static, proj_z=meta.proj_z, curie_scale=truth.curie_scale
    )
    return cole_cole_chi(freq_Hz, static.chi_T, static.chi_S, log_rate, weights, truth.alpha)


def measure_run(
    run: Run, meta: SampleMeta, campaign: AcsusCampaign, rng: np.random.Generator
) -> Measurement:
    """Simulate every point of ``run`` on ``meta`` with the seeded generator ``rng``."""
    spec = campaign.instruments[run.instrument]
    sched = run_schedule(run, spec)
    n = len(sched)
    T = sweep_temperatures_K(
        rng,
        sched["T_set_K"].to_numpy(),
        sched["sweep_id"].to_numpy(),
        jitter_K=spec.T_jitter_K,
        jitter_rel=spec.T_jitter_rel,
        drift_K=spec.T_drift_K,
    )
    H = sched["H_set_Oe"].to_numpy() + spec.H_jitter_Oe * rng.standard_normal(n)
    f = sched["freq_Hz"].to_numpy()
    re, im = truth_chi_emu_per_mol(T, H, f, meta, campaign)
    if spec.chi_unit == "emu/Oe":
        if meta.mass_mg is None:
            raise ValueError(f"run {run.file}: sample {meta.sample_id} has no mass")
        re, im = molar_to_emu_per_Oe(re, im, meta, meta.mass_mg)
    sigma = reading_sigma(re, im, spec.noise_rel, spec.noise_floor)
    re, im, err_re, err_im = noisy_readings(rng, re, im, sigma, campaign.stderr_dof)

    bad = bad_row_indices(rng, n, run.bad_rows)
    out_idx, d_re, d_im = outlier_shifts(
        rng, sigma, campaign.outliers_per_file, campaign.outlier_sigma_range, bad
    )
    re[out_idx] += d_re
    im[out_idx] += d_im
    kinds = [BAD_ROW_KINDS[i % len(BAD_ROW_KINDS)] for i in range(bad.size)]
    for row, kind in zip(bad, kinds, strict=True):
        if kind == "missing chi reading":
            re[row] = im[row] = err_re[row] = err_im[row] = np.nan
        else:
            T[row] = np.nan
    points = pd.DataFrame(
        {
            "T_K": T,
            "H_Oe": H,
            "freq_Hz": f,
            "drive_Oe": spec.drive_Oe,
            "chi_real": re,
            "chi_imag": im,
            "chi_real_err": err_re,
            "chi_imag_err": err_im,
            "elapsed_s": sched["elapsed_s"].to_numpy(),
        }
    )
    events = pd.DataFrame(
        {
            "row": np.concatenate([out_idx, bad]).astype(int),
            "kind": ["outlier"] * out_idx.size + kinds,
        }
    ).sort_values("row", ignore_index=True)
    return Measurement(points=points, chi_unit=spec.chi_unit, events=events)
