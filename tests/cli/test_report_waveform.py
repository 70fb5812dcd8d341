"""`spinrelax report` with waveform files (virtual instrument) beside DC/ac files: detection,
waveform spectra fitted and joined as method ``waveform``, and no partial output on a bad file."""

import pandas as pd
import pytest

from spinrelax.cli import main
from spinrelax.io.waveform_file import is_waveform_file
from spinrelax.simulate.waveform_instrument import ColeColeTruth, generate_waveform_files

TRUTHS = [ColeColeTruth(T, tau, 0.05, 1e-4, 1e-3) for T, tau in
          ((2.0, 30.0), (2.5, 10.0), (3.0, 3.0), (3.5, 1.0))]  # fmt: skip
FREQS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]


@pytest.fixture(scope="module")
def waveform_files(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("wf")
    return [str(p) for p in generate_waveform_files(TRUTHS, FREQS, folder, seed=3)]


def test_detector_tells_waveform_from_dc_and_ac(waveform_files, realdata_dir):
    assert all(is_waveform_file(p) for p in waveform_files)
    for name in ("mpms3_K18c6_Er_hdcCOT2_DCdecay.dat", "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"):
        assert not is_waveform_file(realdata_dir / name)


def test_waveform_files_give_a_waveform_tau_series(waveform_files, tmp_path):
    assert main(["report", *waveform_files, "-o", str(tmp_path)]) == 0
    pts = pd.read_csv(tmp_path / "tables" / "rate_points.csv")
    assert (pts["method"] == "waveform").all() and len(pts) == len(TRUTHS)
    tau = 1 / pts.sort_values("T_K")["rate_s-1"].to_numpy()
    assert tau == pytest.approx([t.tau_s for t in TRUTHS], rel=0.05)
    assert len(pd.read_csv(tmp_path / "tables" / "waveform_points.csv")) == len(TRUTHS) * len(FREQS)
    assert (tmp_path / "figures" / "waveform_spectra.png").stat().st_size > 1000
    assert "waveform ac" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_bad_dc_file_stops_the_report_before_anything_is_written(realdata_dir, tmp_path, capsys):
    bad = tmp_path / "cut.dat"
    text = (realdata_dir / "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat").read_text(encoding="latin-1")
    head = text[: text.index("[Data]")]
    lines = text[len(head) :].splitlines()
    bad.write_text(head + "\n".join(lines[:8]) + "\n", encoding="latin-1")
    out = tmp_path / "out"
    code = main(["report", str(realdata_dir / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"), str(bad),
                 "-o", str(out)])  # fmt: skip
    assert code == 2 and not out.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cut.dat" in err[0]
