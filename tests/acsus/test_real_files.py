"""tau from real instrument files against ccfit2 5.14 run on the same files.

Files and reference numbers: tests/io/data/real/ (SOURCES.md says how ccfit2 was run; it is not
needed here). ccfit2 reads the files with its own parser and fits unweighted.
"""

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.fitting import FitSettings, fit_spectra
from spinrelax.acsus.qc import QCSettings
from spinrelax.cli.fit_ac_cmd import fit_files, segmented_points
from spinrelax.io.segmentation import SegmentationSettings

REAL = Path(__file__).parents[1] / "io" / "data" / "real"
MPMS3 = ["mpms3_ErCOT_I_THF2_ACvsF_head.dat", "mpms3_K18c6_Er_hdcCOT2_ACvsF_head.dat"]
XL = "mpmsxl_pb6051_ac_0Oe.ac.dat"
ALL = [*MPMS3, XL]


@pytest.fixture(scope="module")
def reference():
    return pd.read_csv(REAL / "ccfit2_reference.csv")


def matched(fits: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Our rows joined to the reference spectrum of the same file and temperature (+-20 mK)."""
    ours = fits.assign(name=[Path(f).name for f in fits["file"]])
    rows = []
    for _, r in ours.iterrows():
        ref = reference[
            (reference["file"] == r["name"]) & (abs(reference["T_K"] - r["T_K"]) < 0.02)
        ]
        assert len(ref) == 1, (r["name"], r["T_K"])
        rows.append(
            {**r.to_dict(), "tau_ref_s": ref["tau_s"].iloc[0], "ref_ok": ref["fit_ok"].iloc[0]}
        )
    return pd.DataFrame(rows)


def test_cli_default_reproduces_ccfit2_on_the_excerpts(reference):
    """fit-ac's default (unweighted joint chi'/chi'' least squares) is ccfit2's convention:
    tau agrees to the digits stored; the 12 K sweep's chi'' maximum at 0.16 Hz does not rise
    above the 0.1 Hz point by its noise, so it is flagged no_peak_in_window (not usable)."""
    res = subprocess.run(
        [sys.executable, "-m", "spinrelax", "fit-ac", *(str(REAL / f) for f in MPMS3)],
        capture_output=True,
        text=True,
        check=True,
    )
    table = pd.read_csv(io.StringIO(res.stdout))
    table["flags"] = table["flags"].fillna("")  # empty field: no flag
    assert len(table) == 4  # 11.1 K, 11.0 K, 14 K, 12 K
    m = matched(table, reference)
    assert m["ref_ok"].all() and (m["weighting"] == "none").all()
    np.testing.assert_allclose(m["tau_s"], m["tau_ref_s"], rtol=1e-5)
    low = m["T_K"].round() == 12
    assert m.loc[low, "flags"].str.contains("no_peak_in_window").all()
    assert not any(QCSettings().is_disqualifying(f) for f in m.loc[~low, "flags"])


def test_mpms_xl_spectrum_without_a_peak_in_the_window_is_flagged(reference):
    _, fits = fit_files([str(REAL / XL)], FitSettings())
    assert len(fits) == 1
    row = fits.iloc[0]
    assert "peak_outside_window" in row["flags"] and not row["usable"]
    assert row["f_peak_Hz"] < row["f_min_Hz"] == pytest.approx(0.100003)
    assert not reference.loc[reference["file"] == XL, "fit_ok"].any()  # ccfit2 failed too


@pytest.mark.parametrize(
    ("name", "spectrum", "keep"),
    [
        (MPMS3[1], 0, lambda f: f >= 20.0),  # 14 K, peak ~1.5 Hz: window 22.9 Hz - 1 kHz
        (MPMS3[1], 1, lambda f: f >= 2.0),  # 12 K, peak ~0.15 Hz
        (MPMS3[0], 0, lambda f: f <= 100.0),  # 11.1 K, peak ~790 Hz: window 1 - 92 Hz
    ],
)
def test_real_spectrum_cut_to_miss_its_peak_is_flagged(name, spectrum, keep):
    points, _ = segmented_points([str(REAL / name)], segmentation=SegmentationSettings())
    one = points[(points["spectrum"] == spectrum) & keep(points["freq_Hz"])]
    row = fit_spectra(one, ["spectrum"], FitSettings()).iloc[0]
    assert "peak_outside_window" in row["flags"]
    assert not row["usable"]
