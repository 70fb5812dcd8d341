"""chi''(T) peak temperatures and their Arrhenius law (spinrelax.acsus.scan_peaks)."""

from pathlib import Path

import numpy as np
import pytest

from spinrelax.acsus.scan_peaks import arrhenius_fit, peak_temperature
from spinrelax.cli.fit_peaks_cmd import file_peaks
from spinrelax.io.segmentation import SegmentationSettings

SCANS = Path(__file__).resolve().parents[1] / "data" / "scans"


def _debye_chi_imag(T_K: np.ndarray, f_Hz: float, U_K: float, tau0_s: float) -> np.ndarray:
    """Debye chi'' with T-independent chi_T - chi_S: its peak is exactly at omega tau = 1."""
    wt = 2 * np.pi * f_Hz * tau0_s * np.exp(U_K / T_K)
    return wt / (1 + wt**2)


def test_the_peak_of_a_debye_scan_is_where_omega_tau_is_one():
    T = np.arange(2.0, 10.0, 0.05)
    T_true = 60.0 / np.log(1 / (2 * np.pi * 10.0 * 1e-9))
    T_p, err, n, reason = peak_temperature(T, _debye_chi_imag(T, 10.0, 60.0, 1e-9))
    assert reason == "" and n >= 5
    assert T_p == pytest.approx(T_true, abs=0.01)
    assert err < 0.01


def test_a_scan_whose_largest_value_is_at_its_edge_has_no_peak():
    T = np.arange(5.0, 10.0, 0.1)  # the 10 Hz peak (3.6 K) lies below the scan
    T_p, err, _, reason = peak_temperature(T, _debye_chi_imag(T, 10.0, 60.0, 1e-9))
    assert np.isnan(T_p) and np.isnan(err)
    assert reason.startswith("no peak inside the scanned range")


def test_arrhenius_fit_recovers_exact_points():
    f = np.array([1.0, 10.0, 100.0, 1000.0])
    tau = 1 / (2 * np.pi * f)
    T = 60.0 / np.log(tau / 1e-9)
    fit = arrhenius_fit(T, np.full(4, 0.01), tau)
    assert fit["U_eff_K"] == pytest.approx(60.0, rel=1e-9)
    assert fit["tau0_s"] == pytest.approx(1e-9, rel=1e-7)
    assert fit["usable"] and fit["n_peaks"] == 4
    two = arrhenius_fit(T[:2], np.full(2, 0.01), tau[:2])
    assert two["U_eff_K"] == pytest.approx(60.0) and np.isnan(two["U_eff_err_K"])
    assert not arrhenius_fit(T[:1], np.full(1, 0.01), tau[:1])["usable"]


@pytest.mark.parametrize(
    "name", ["mpms3_chi_vs_T_7freq.dat", "mpms3_chi_vs_T_4freq_interleaved.dat"]
)
def test_constructed_scans_give_the_construction_barrier(name):
    """U = 60 K, tau_0 = 1e-9 s in the construction (tests/data/scans/README.md); the Curie
    1/T of chi_T - chi_S and the tunnelling floor move the peaks by about 1 %."""
    peaks, arrhenius = file_peaks(str(SCANS / name), SegmentationSettings())
    assert peaks["usable"].all()
    (row,) = arrhenius.itertuples()
    assert row.U_eff_K == pytest.approx(60.0, rel=0.02)
    assert row.tau0_s == pytest.approx(1e-9, rel=0.3)
    assert 0 < row.U_eff_err_K < 2.0
    assert abs(row.U_eff_K - 60.0) < 3 * row.U_eff_err_K
