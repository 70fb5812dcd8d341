"""Fixed-frequency scans are told apart from frequency sweeps (constructed files in
tests/data/scans, see their README; the real corpus is all sweeps)."""

from pathlib import Path

import pytest

from spinrelax.io.file_spectra import segment_points
from spinrelax.io.readers import read_ac_file
from spinrelax.io.scans import scan_layout
from spinrelax.io.segmentation import SegmentationSettings

SCANS = Path(__file__).resolve().parents[1] / "data" / "scans"


def _layout(path: Path):
    settings = SegmentationSettings()
    return scan_layout(segment_points(read_ac_file(path).points, settings).points, settings)


@pytest.mark.parametrize(
    ("name", "kind", "variables", "freqs"),
    [
        ("mpms3_chi_vs_T_7freq.dat", "scans", {"T"}, [1, 3, 10, 30, 100, 300, 1000]),
        ("mpms3_chi_vs_T_4freq_interleaved.dat", "scans", {"T"}, [1, 10, 100, 1000]),
        ("mpms3_chi_vs_H_10Hz.dat", "scans", {"H"}, [10]),
        ("mpms3_sweeps_then_T_scan.dat", "mixed", {"T"}, [100]),
    ],
)
def test_scans_are_recognised(name, kind, variables, freqs):
    layout = _layout(SCANS / name)
    assert layout.kind == kind
    assert set(layout.scans["variable"]) == variables
    assert sorted(layout.scans["freq_Hz"].round(3)) == freqs
    assert (layout.scans["n_points"] >= 51).all()
    in_scan = (layout.scan >= 0).sum()
    assert in_scan == layout.scans["n_points"].sum()
    if kind == "mixed":
        assert "5 frequency sweep(s) and 1 fixed-frequency scan(s) chi vs T at 100 Hz" == (
            layout.description
        )


@pytest.mark.parametrize(
    "name",
    ["acms_molmag_0Oe.dat", "mpms3_ErCOT_I_THF2_ACvsF.dat", "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"],
)
def test_real_frequency_sweeps_hold_no_scan(realdata_dir, name):
    layout = _layout(realdata_dir / name)
    assert layout.kind == "sweeps" and layout.scans.empty and (layout.scan == -1).all()
