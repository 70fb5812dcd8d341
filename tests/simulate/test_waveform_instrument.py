"""The virtual waveform instrument: seeded, its Cole-Cole truth matches the fitted model's
formula, and its steady-state moment is the linear response to every drive harmonic."""

from __future__ import annotations

import numpy as np
import pytest

from spinrelax.acsus.models import chi_and_jacobian
from spinrelax.simulate.waveform_instrument import (
    SYNTHETIC_NOTE,
    ColeColeTruth,
    WaveformInstrument,
    generate_waveform_files,
    simulate_temperature,
)

TRUTH = ColeColeTruth(3.0, 2.0, 0.2, 1e-5, 1e-4)


def test_truth_is_the_generalized_debye_model_of_the_fits():
    f = np.logspace(-3, 1, 9)
    p = np.array([[TRUTH.chi_S_emu_Oe, 9e-5, np.log(TRUTH.tau_s), TRUTH.alpha]])
    chi, _ = chi_and_jacobian("generalized_debye", 2 * np.pi * f[None, :], p)
    assert TRUTH.chi(f) == pytest.approx(chi[0], rel=1e-12)


def test_same_seed_same_files_other_seed_other_noise(tmp_path):
    a = generate_waveform_files([TRUTH], [0.1, 1.0], tmp_path / "a", seed=3)[0].read_bytes()
    b = generate_waveform_files([TRUTH], [0.1, 1.0], tmp_path / "b", seed=3)[0].read_bytes()
    c = generate_waveform_files([TRUTH], [0.1, 1.0], tmp_path / "c", seed=4)[0].read_bytes()
    assert a == b and a != c
    assert SYNTHETIC_NOTE in a.decode()


def test_sine_steady_state_is_chi_times_the_drive():
    inst = WaveformInstrument(
        shape="sine",
        transient=False,
        noise_emu=0.0,
        field_noise_Oe=0.0,
        drift_emu_per_s=0.0,
        moment_offset_emu=0.0,
        trapped_flux_Oe=0.0,
        field_offset_Oe=0.0,
    )
    r = simulate_temperature(TRUTH, [0.05], inst, seed=0)
    chi = TRUTH.chi(0.05)
    wt = 2 * np.pi * 0.05 * r["time_s"]
    expected = inst.drive_Oe * (chi.real * np.sin(wt) + chi.imag * np.cos(wt))
    assert r["moment_emu"] == pytest.approx(expected, abs=1e-15)
    assert r["H_Oe"] == pytest.approx(inst.drive_Oe * np.sin(wt), abs=1e-12)


def test_transient_starts_from_the_pre_drive_equilibrium():
    quiet = dict(noise_emu=0.0, field_noise_Oe=0.0, drift_emu_per_s=0.0, moment_offset_emu=0.0)
    inst = WaveformInstrument(shape="sine", trapped_flux_Oe=0.0, **quiet)
    r = simulate_temperature(TRUTH, [0.05], inst, seed=0)
    # At t = 0 the drive is 0 and only the relaxing part's mismatch was removed: M(0) = 0.
    assert r["moment_emu"][0] == pytest.approx(0.0, abs=1e-15)
    off = simulate_temperature(
        TRUTH,
        [0.05],
        WaveformInstrument(shape="sine", transient=False, trapped_flux_Oe=0.0, **quiet),
        seed=0,
    )
    late = r["time_s"] > 20 * TRUTH.tau_s
    assert r["moment_emu"][late] == pytest.approx(off["moment_emu"][late], abs=1e-12)


def test_unknown_shape_is_refused():
    with pytest.raises(ValueError, match="shape"):
        WaveformInstrument(shape="triangle")
