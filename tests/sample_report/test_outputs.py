"""Per-sample outputs when nothing can be fitted: tables keep their columns, the spectrum
figures are drawn, the reason is a note, and the index still lists the sample."""

import numpy as np
import pandas as pd

from spinrelax.rates.settings import law_settings
from spinrelax.rates.tables import PARAM_COLUMNS
from spinrelax.sample_report.html import write_report
from spinrelax.sample_report.index import write_index
from spinrelax.sample_report.outputs import write_sample_outputs


def test_sample_without_usable_fit(tmp_path):
    points = pd.DataFrame({"spectrum": 0, "freq_Hz": np.geomspace(1, 1000, 5), "chi_real": 1.0,
                           "chi_imag": 0.1})  # fmt: skip
    fits = pd.DataFrame({"spectrum": [0], "T_K": [2.0], "H_Oe": [0.0], "chi_unit": ["emu/Oe"],
                         "model": ["generalized_debye"], "tau_s": [np.nan], "converged": [False],
                         "usable": [False], "flags": ["flat"]})  # fmt: skip
    out = write_sample_outputs("S", points, fits, tmp_path / "S", law_settings({}))
    assert sorted(out.figures) == ["cole_cole", "residuals", "spectra", "spectrum_parameters"]
    assert any("no rate law" in n for n in out.notes)
    assert tuple(pd.read_csv(out.tables["rate_law_parameters"]).columns) == PARAM_COLUMNS
    assert len(pd.read_csv(out.tables["qc_spectra"])) == 1
    page = write_report(tmp_path / "S" / "report.html", [(out, {"files": "x"})], {}).read_text()
    assert "no rate law" in page and "flat" in page
    assert "0 of 1 fits usable; 1 flagged flat" in page  # in the captions of the spectra
    write_index(
        tmp_path / "index.html", tmp_path / "all.csv", ["S"], [str(tmp_path / "S" / "tables")]
    )
    index = (tmp_path / "index.html").read_text()
    assert "S/report.html" in index and "<figure>" not in index  # no fit: nothing to compare
    assert tuple(pd.read_csv(tmp_path / "all.csv").columns) == PARAM_COLUMNS
