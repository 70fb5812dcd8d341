"""When another model fits a spectrum clearly better: lower AIC by more than the margin AND a
chi''-peak time moved beyond the combined errors (a base without a peak time: AIC alone)."""

import numpy as np

from spinrelax.acsus.adequacy import clearly_better
from spinrelax.acsus.qc import QCSettings

QC = QCSettings()


def test_lower_aic_and_a_moved_peak_is_clearly_better():
    # AIC lower by 20 (> 10) and ln tau_peak moved by 0.5 with 1 % errors: better
    assert clearly_better(np.array([80.0]), np.array([0.5]), np.array([0.01]),
                          100.0, 0.0, 0.01, QC)[0]  # fmt: skip


def test_lower_aic_alone_does_not_change_the_answer():
    # same peak time within the errors: the simpler model's tau stands
    assert not clearly_better(np.array([80.0]), np.array([0.005]), np.array([0.01]),
                              100.0, 0.0, 0.01, QC)[0]  # fmt: skip
    # peak moved but AIC lower by only 5 (< 10)
    assert not clearly_better(np.array([95.0]), np.array([0.5]), np.array([0.01]),
                              100.0, 0.0, 0.01, QC)[0]  # fmt: skip


def test_a_base_without_a_peak_time_is_beaten_on_aic_alone():
    assert clearly_better(np.array([80.0]), np.array([0.0]), np.array([0.01]),
                          100.0, np.nan, np.nan, QC)[0]  # fmt: skip
