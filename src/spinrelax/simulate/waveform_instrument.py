"""Virtual MPMS3 VSM waveform instrument: Cole-Cole truth -> waveform ``.dat`` files (SYNTHETIC).

Independent of :mod:`spinrelax.timedomain.waveform` (own code path, documented physics). One
file per temperature; in it one block per drive frequency (readings evenly spaced, blocks
separated by a pause without readings), in the MPMS3 ``.dat`` layout of
:mod:`spinrelax.io.qd_columns` (only comment, time stamp, temperature, field, moment and its
error are filled).

Physics and instrument model (documented in docs/waveform.md):

- sample: Cole-Cole susceptibility (K. S. Cole & R. H. Cole, J. Chem. Phys. 9, 341 (1941))
  chi(w) = chi_S + (chi_T - chi_S) / (1 + (i w tau)^(1 - alpha)), chi = chi' - i chi'', in
  emu/Oe, linear response;
- drive: a square wave of amplitude A with linear ramps taking ``ramp_fraction`` of the period
  (a trapezoid: Fourier sine series b_k = 4 A sinc(k r) / (pi k), k odd, r = ramp fraction, up
  to the highest harmonic below half the sampling rate), or a sine of amplitude A;
- steady state: M(t) = sum_k Im(chi(k w) b_k exp(i k w t)), exact for linear response to
  each harmonic (H = sum_k b_k sin(k w t));
- start-up transient: before each block the drive is off and the relaxing part of the moment
  is at equilibrium; it reaches the steady state as the Debye relaxation of the initial
  mismatch, dM_0 exp(-t / tau), dM_0 = -(relaxing steady-state moment at t = 0) (exact for a
  Debye sample, the documented approximation for alpha > 0);
- field offset: the recorded field = set field + ``field_offset_Oe``; trapped flux: the sample
  feels set field + ``trapped_flux_Oe`` (a static moment chi_T x trapped flux, not recorded);
- moment: + background ``moment_offset_emu`` + drift ``drift_emu_per_s`` x (time since the
  file started) + Gaussian noise ``noise_emu``; field noise ``field_noise_Oe``; temperature
  noise ``T_noise_K``. Everything is drawn from ``numpy.random.default_rng(seed)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from spinrelax.io.qd_columns import MPMS3_COLUMNS

SYNTHETIC_NOTE = "SYNTHETIC data written by the spinrelax virtual waveform instrument"
#: MPMS3 time stamps count seconds from 1904 (the value at which synthetic files start).
EPOCH_S = 3.77e9


@dataclass(frozen=True)
class ColeColeTruth:
    """Truth of one temperature: tau (s), alpha, chi_S and chi_T (emu/Oe)."""

    T_K: float
    tau_s: float
    alpha: float
    chi_S_emu_Oe: float
    chi_T_emu_Oe: float

    def chi(self, freq_Hz: NDArray | float) -> NDArray:
        """Complex chi = chi' - i chi'' (emu/Oe) at ``freq_Hz``."""
        iwt = 1j * 2 * np.pi * np.asarray(freq_Hz, dtype=float) * self.tau_s
        dchi = self.chi_T_emu_Oe - self.chi_S_emu_Oe
        return self.chi_S_emu_Oe + dchi / (1 + iwt ** (1 - self.alpha))


@dataclass(frozen=True)
class WaveformInstrument:
    """Drive and imperfections of the virtual VSM (see the module docstring; units in names)."""

    shape: str = "square"
    drive_Oe: float = 5.0
    ramp_fraction: float = 0.02
    samples_per_period: int = 200
    periods: int = 5
    pause_s: float = 60.0
    field_offset_Oe: float = 0.3
    trapped_flux_Oe: float = -0.4
    moment_offset_emu: float = 2e-5
    drift_emu_per_s: float = 2e-9
    noise_emu: float = 1e-7
    field_noise_Oe: float = 1e-3
    T_noise_K: float = 0.005
    transient: bool = True

    def __post_init__(self) -> None:
        if self.shape not in ("square", "sine"):
            raise ValueError(f"shape must be 'square' or 'sine', got {self.shape!r}")

    def harmonics(self) -> tuple[NDArray, NDArray]:
        """Harmonic numbers k and sine amplitudes b_k (Oe) of the set field."""
        if self.shape == "sine":
            return np.array([1]), np.array([self.drive_Oe])
        k = np.arange(1, self.samples_per_period // 2, 2)
        return k, 4 * self.drive_Oe * np.sinc(k * self.ramp_fraction) / (np.pi * k)


def block_readings(
    truth: ColeColeTruth, freq_Hz: float, t0_s: float, inst: WaveformInstrument, rng
) -> dict[str, NDArray]:
    """Time (s from file start), field (Oe), moment and its error (emu), T (K) of one block."""
    # An eighth of a period more: the field rises through its mid level at the end of the last
    # period (as an instrument that stops after the set number of periods still records).
    n = inst.samples_per_period * inst.periods + inst.samples_per_period // 8
    t = np.arange(n) / (inst.samples_per_period * freq_Hz)
    k, b = inst.harmonics()
    wt = 2 * np.pi * freq_Hz * np.outer(t, k)
    field = np.sin(wt) @ b
    chi_k = truth.chi(k * freq_Hz)
    phasor = np.exp(1j * wt)
    moment = (phasor * (chi_k * b)).imag.sum(axis=1)
    if inst.transient:
        relaxing0 = float(((chi_k - truth.chi_S_emu_Oe) * b).imag.sum())
        moment -= relaxing0 * np.exp(-t / truth.tau_s)
    moment += truth.chi_T_emu_Oe * inst.trapped_flux_Oe + inst.moment_offset_emu
    moment += inst.drift_emu_per_s * (t0_s + t) + rng.normal(0, inst.noise_emu, n)
    recorded = field + inst.field_offset_Oe + rng.normal(0, inst.field_noise_Oe, n)
    T = truth.T_K + rng.normal(0, inst.T_noise_K, n)
    err = np.full(n, inst.noise_emu)
    return {"time_s": t0_s + t, "H_Oe": recorded, "moment_emu": moment, "T_K": T, "err": err}


def simulate_temperature(
    truth: ColeColeTruth, freqs_Hz: Sequence[float], inst: WaveformInstrument, seed: int
) -> dict[str, NDArray]:
    """Readings of one file: one block per frequency, in the given order, pauses between."""
    rng = np.random.default_rng(seed)
    parts, t0 = [], 0.0
    for f in freqs_Hz:
        part = block_readings(truth, float(f), t0, inst, rng)
        parts.append(part)
        t0 = part["time_s"][-1] + inst.pause_s
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}


def write_waveform_dat(readings: dict[str, NDArray], path: str | Path, title: str = "") -> Path:
    """Write readings as an MPMS3 ``.dat`` file (the layout of ``qd_columns.MPMS3_COLUMNS``)."""
    header = [
        "[Header]",
        "; MPMS3 Data File (default extension .dat)",
        f"TITLE,{SYNTHETIC_NOTE}{': ' + title if title else ''}",
        "BYAPP,SQUID VSM,1.0",
        "INFO,0,MOMENT_UNITS",
        "DATATYPE,COMMENT,1",
        "DATATYPE,TIME,2",
        "[Data]",
        ",".join(MPMS3_COLUMNS),
    ]
    tail = "," * (len(MPMS3_COLUMNS) - 6)
    rows = [
        f",{t:.5f},{T:.6f},{h:.6f},{m:.9e},{e:.3e}{tail}"
        for t, T, h, m, e in zip(
            readings["time_s"] + EPOCH_S,
            readings["T_K"],
            readings["H_Oe"],
            readings["moment_emu"],
            readings["err"],
            strict=True,
        )
    ]
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    return out


def generate_waveform_files(
    truths: Sequence[ColeColeTruth],
    freqs_Hz: Sequence[float],
    folder: str | Path,
    inst: WaveformInstrument = WaveformInstrument(),
    seed: int = 0,
) -> list[Path]:
    """One file per temperature (``waveform_<T>K.dat``); file i is drawn with seed + i."""
    paths = []
    for i, truth in enumerate(truths):
        readings = simulate_temperature(truth, freqs_Hz, inst, seed + i)
        name = f"waveform_{truth.T_K:g}K.dat"
        paths.append(write_waveform_dat(readings, Path(folder) / name, f"T = {truth.T_K:g} K"))
    return paths
