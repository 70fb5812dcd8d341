"""Waveform ac analysis: recovery of a known Cole-Cole truth from virtual-instrument files, the
spectrum fit of waveform points (alone and merged with ac points), and bad blocks.

"Where the signal allows" (docs/waveform.md): a component (chi' or chi'') of a point is
checked against the 1 % tolerance when its first-harmonic moment |chi_x| |H_1| is at least
SIGNAL_FACTOR times the noise of a first-harmonic amplitude over the readings used,
noise_emu sqrt(2 / n_rows_used) (white noise of rms sigma over N evenly spaced readings gives a
Fourier amplitude error sigma sqrt(2 / N)). At 500 the noise alone contributes 0.2 % (1
sigma); the rest of the budget is for drift, offsets and the start-up transient.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.errors import InputFormatError
from spinrelax.io.spectra_table import validate_spectra_table
from spinrelax.io.waveform_file import read_waveform_file
from spinrelax.simulate.waveform_instrument import (
    ColeColeTruth,
    WaveformInstrument,
    generate_waveform_files,
    simulate_temperature,
    write_waveform_dat,
)
from spinrelax.timedomain.waveform import (
    WaveformSettings,
    analyse_waveform,
    first_harmonics,
    merge_with_ac,
    spectra_rows,
    split_blocks,
    upward_crossings,
    waveform_spectra,
)

SIGNAL_FACTOR = 500.0
TRUTHS = (
    ColeColeTruth(2.0, 30.0, 0.10, 2e-5, 2e-4),
    ColeColeTruth(3.0, 3.0, 0.15, 2e-5, 1.5e-4),
    ColeColeTruth(4.0, 0.3, 0.05, 1e-5, 1e-4),
)
FREQS_HZ = np.logspace(-3, 0, 13)


def _truth_at(T_K: float) -> ColeColeTruth:
    return next(t for t in TRUTHS if abs(t.T_K - T_K) < 0.05)


@pytest.fixture(scope="module", params=["square", "sine"])
def recovered(request, tmp_path_factory):
    inst = WaveformInstrument(shape=request.param)
    folder = tmp_path_factory.mktemp(f"wave_{request.param}")
    paths = generate_waveform_files(TRUTHS, FREQS_HZ, folder, inst, seed=11)
    points, rejected = waveform_spectra([read_waveform_file(p) for p in paths], "virtual")
    return inst, paths, points, rejected


def test_chi_within_one_percent_where_the_signal_allows(recovered):
    inst, _, points, _ = recovered
    checked = 0
    for _, row in points.iterrows():
        truth = _truth_at(row["T_K"])
        chi = truth.chi(row["freq_Hz"])
        noise_m1 = inst.noise_emu * np.sqrt(2.0 / row["n_rows_used"])
        for value, true in ((row["chi_real"], chi.real), (row["chi_imag"], -chi.imag)):
            if abs(true) * row["drive_Oe"] >= SIGNAL_FACTOR * noise_m1:
                checked += 1
                assert value == pytest.approx(true, rel=0.01), (row["T_K"], row["freq_Hz"])
    # Almost every component qualifies: the test is not passed by skipping points.
    assert checked >= 0.9 * 2 * len(points)


def test_every_block_gives_a_point_with_its_periods(recovered):
    inst, paths, points, rejected = recovered
    assert len(points) == len(TRUTHS) * len(FREQS_HZ)
    # The first upward crossing is one period in (the drive starts at its mid level), one
    # whole period is the transient: periods - 2 are used.
    assert (points["n_periods_used"] == inst.periods - 2).all()
    assert (points["n_periods"] == inst.periods - 1).all()
    assert points["freq_Hz"].to_numpy() == pytest.approx(np.tile(FREQS_HZ, 3), rel=1e-4)
    # Every reading is used or listed with its reason.
    n_rows = sum(len(read_waveform_file(p).line) for p in paths)
    assert points["n_rows_used"].sum() + len(rejected) == n_rows
    assert set(rejected["reason"]) == {
        "before the first whole drive period",
        "start-up transient",
        "after the last whole drive period",
    }
    assert (points["chi_imag_err"] > 0).all() and (points["snr"] > 100).all()


def test_waveform_spectrum_goes_through_the_batched_fit(recovered):
    _, _, points, _ = recovered
    table = spectra_rows(points)
    validate_spectra_table(table)
    fits = fit_spectra(table, ["sample", "spectrum"], FitSettings(model="generalized_debye"))
    assert len(fits) == len(TRUTHS)
    for _, fit in fits.iterrows():
        truth = TRUTHS[fit["spectrum"]]  # spectra are numbered by ascending T
        assert fit["converged"]
        assert fit["tau_s"] == pytest.approx(truth.tau_s, rel=0.02)
        assert fit["alpha"] == pytest.approx(truth.alpha, abs=0.01)


def _ac_points(sample: str, truth: ColeColeTruth, spectrum: int) -> pd.DataFrame:
    """Exact ac points (1 Hz .. 1 kHz) in the spectra-table form, as an ac reader gives."""
    f = np.logspace(0, 3, 10)
    chi = truth.chi(f)
    return pd.DataFrame(
        {
            "sample": sample,
            "file": "ac.dat",
            "line": np.arange(len(f)) + 30,
            "spectrum": spectrum,
            "T_K": truth.T_K,
            "H_Oe": 0.0,
            "T_K_spectrum": truth.T_K,
            "H_Oe_spectrum": 0.0,
            "T_span_K": 0.0,
            "freq_Hz": f,
            "drive_Oe": 2.0,
            "chi_real": chi.real,
            "chi_imag": -chi.imag,
            "chi_real_err": np.nan,
            "chi_imag_err": np.nan,
            "chi_unit": "emu/Oe",
            "segmentation": "sweep",
        }
    )


def test_waveform_points_merge_with_ac_points_at_the_same_T_and_H(recovered):
    _, _, points, _ = recovered
    ac = pd.concat([_ac_points("virtual", t, i) for i, t in enumerate(TRUTHS)])
    merged = merge_with_ac(ac, spectra_rows(points))
    validate_spectra_table(merged)
    assert merged["spectrum"].nunique() == len(TRUTHS)
    assert (merged.groupby("spectrum").size() == len(FREQS_HZ) + 10).all()
    fits = fit_spectra(merged, ["sample", "spectrum"], FitSettings(model="generalized_debye"))
    for _, fit in fits.iterrows():
        truth = TRUTHS[fit["spectrum"]]
        assert fit["converged"]
        assert fit["tau_s"] == pytest.approx(truth.tau_s, rel=0.02)


def test_merge_refuses_mixed_units(recovered):
    _, _, points, _ = recovered
    ac = _ac_points("virtual", TRUTHS[0], 0).assign(chi_unit="emu/mol")
    with pytest.raises(ValueError, match="different chi units"):
        merge_with_ac(ac, spectra_rows(points))


# --- pieces -------------------------------------------------------------------------------


def test_first_harmonics_remove_offset_and_drift_exactly():
    f = 0.01
    t = np.arange(0, 400, 0.5)
    h = 0.7 + 3.0 * np.sin(2 * np.pi * f * t) + 1.0 * np.sin(6 * np.pi * f * t)
    m = 5.0 + 0.02 * t + 2.0 * np.sin(2 * np.pi * f * t - 0.3) + 0.5 * np.cos(6 * np.pi * f * t)
    period_of = (t // 100).astype(int)
    total, per = first_harmonics(t, np.column_stack([h, m]), period_of, 4, 0.0, f)
    chi = total[1] / total[0]
    assert chi == pytest.approx((2.0 / 3.0) * np.exp(-0.3j), rel=1e-12)
    assert per[:, 0] == pytest.approx(np.full(4, -3.0j), abs=1e-12)


def test_upward_crossings_interpolate_and_ignore_noise_near_the_mid_level():
    t = np.arange(0, 30, 0.01)
    h = np.sin(2 * np.pi * t / 10 - 0.5)
    rng = np.random.default_rng(0)
    tc = upward_crossings(t, h + rng.normal(0, 0.01, t.size), 0.0, 1.0)
    assert tc == pytest.approx(10 * (0.5 / (2 * np.pi) + np.array([1.0, 2.0])), abs=0.01)


def test_blocks_split_at_pauses_whatever_their_sampling_step():
    t = np.concatenate([np.arange(0, 100, 5.0), 160 + np.arange(0, 10, 0.01)])
    blocks = split_blocks(t, 5.0)
    assert [(b.start, b.stop) for b in blocks] == [(0, 20), (20, t.size)]


# --- bad files: one clear line each, nothing returned ---------------------------------------


def _write(tmp_path, name, inst, freqs=(0.1,), truth=TRUTHS[2]):
    readings = simulate_temperature(truth, freqs, inst, seed=5)
    return write_waveform_dat(readings, tmp_path / name)


@pytest.mark.parametrize("periods", [1, 2, 3])
def test_too_few_periods_after_the_transient(tmp_path, periods):
    path = _write(tmp_path, "short.dat", WaveformInstrument(periods=periods))
    with pytest.raises(InputFormatError, match="whole drive period") as err:
        analyse_waveform(read_waveform_file(path))
    assert str(path) in str(err.value) and ":10:" in str(err.value)
    assert "\n" not in str(err.value)


def test_truncated_last_block_fails_the_whole_file(tmp_path):
    path = _write(tmp_path, "cut.dat", WaveformInstrument(), freqs=(0.1, 0.2))
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[: len(lines) - 700]) + "\n")  # second block: 1.5 periods
    good = _write(tmp_path, "good.dat", WaveformInstrument())
    with pytest.raises(InputFormatError, match="block 1 .*whole drive period"):
        waveform_spectra([read_waveform_file(good), read_waveform_file(path)], "s")


def test_a_line_cut_mid_row_names_its_line(tmp_path):
    path = _write(tmp_path, "cutrow.dat", WaveformInstrument())
    text = path.read_text()
    path.write_text(text[: text.rindex("\n", 0, len(text) - 1) + 20])
    n_lines = len(path.read_text().splitlines())
    with pytest.raises(InputFormatError, match="ends inside this line") as err:
        read_waveform_file(path)
    assert f":{n_lines}:" in str(err.value)


def test_no_field_oscillation(tmp_path):
    path = _write(tmp_path, "flat.dat", WaveformInstrument(drive_Oe=0.0))
    with pytest.raises(InputFormatError, match="does not oscillate") as err:
        analyse_waveform(read_waveform_file(path))
    assert "Magnetic Field (Oe)" in str(err.value)


def test_settings_change_the_periods_used(tmp_path):
    path = _write(tmp_path, "six.dat", WaveformInstrument(periods=6))
    points, _ = analyse_waveform(read_waveform_file(path), WaveformSettings(transient_periods=2))
    assert points["n_periods_used"].tolist() == [3]


def test_a_file_without_moments_says_so(tmp_path):
    path = _write(tmp_path, "nomoment.dat", WaveformInstrument())
    lines = path.read_text().splitlines()
    head = lines.index("[Data]") + 2
    cut = [
        ",".join(f if i != 4 else "" for i, f in enumerate(ln.split(","))) for ln in lines[head:]
    ]
    path.write_text("\n".join(lines[:head] + cut) + "\n")
    with pytest.raises(InputFormatError, match=r"fewer than two complete readings; \d+ rows lack"):
        analyse_waveform(read_waveform_file(path))


def test_too_few_readings_per_period(tmp_path):
    path = _write(tmp_path, "sparse.dat", WaveformInstrument(samples_per_period=6))
    with pytest.raises(InputFormatError, match="holds only 6 readings"):
        analyse_waveform(read_waveform_file(path))


def test_error_bars_match_the_scatter_when_noise_dominates(tmp_path):
    inst = WaveformInstrument(noise_emu=3e-6, periods=8)
    paths = generate_waveform_files(TRUTHS, FREQS_HZ, tmp_path, inst, seed=5)
    points, _ = waveform_spectra([read_waveform_file(p) for p in paths], "noisy")
    z = []
    for _, row in points.iterrows():
        chi = TRUTHS[row["spectrum"]].chi(row["freq_Hz"])
        z += [(row["chi_real"] - chi.real) / row["chi_real_err"]]
        z += [(row["chi_imag"] + chi.imag) / row["chi_imag_err"]]
    # Standard normal: median |z| = 0.67, standard error ~0.09 for 78 values (seed 5: 0.57);
    # error bars 1.5x too small or too large would give ~1.0 or ~0.45.
    assert 0.52 < np.median(np.abs(z)) < 0.82
