"""``is_waveform_file``: a periodic field with a VSM moment, nothing else."""

import numpy as np

from spinrelax.io.waveform_file import is_waveform_file
from spinrelax.simulate.waveform_instrument import (
    ColeColeTruth,
    WaveformInstrument,
    simulate_temperature,
    write_waveform_dat,
)

TRUTH = ColeColeTruth(2.0, 5.0, 0.05, 1e-4, 1e-3)


def test_periodic_field_is_a_waveform_file(tmp_path):
    readings = simulate_temperature(TRUTH, [0.05, 0.1], WaveformInstrument(), seed=1)
    assert is_waveform_file(write_waveform_dat(readings, tmp_path / "w.dat"))


def test_held_field_with_a_vsm_moment_is_not(tmp_path):
    """A VSM-mode decay: same columns, the field held near zero with 0.4 Oe of noise."""
    readings = simulate_temperature(TRUTH, [0.05], WaveformInstrument(), seed=1)
    rng = np.random.default_rng(0)
    readings["H_Oe"] = rng.uniform(-0.4, 0.4, readings["H_Oe"].size)
    assert not is_waveform_file(write_waveform_dat(readings, tmp_path / "held.dat"))


def test_real_ac_and_dc_files_and_a_missing_file_are_not(realdata_dir, tmp_path):
    for name in ("mpms3_K18c6_Er_hdcCOT2_ACvsF.dat", "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat",
                 "acms_molmag_0Oe.dat", "mpmsxl_pb6051_ZFC_0p1T_dc_head.dat"):  # fmt: skip
        assert not is_waveform_file(realdata_dir / name)
    assert not is_waveform_file(tmp_path / "none.dat")
