"""`spinrelax report FILE -o DIR` on every real MPMS3/ACMS file of the corpus."""

import pandas as pd
import pytest

from spinrelax.cli import main

REAL_FILES = [
    "mpms3_ErCOT_I_THF2_ACvsF.dat",
    "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat",
    "acms_molmag_0Oe.dat",
]
FIGURES = [
    "spectra",
    "cole_cole",
    "residuals",
    "spectrum_parameters",
    "tau_vs_inverse_T",
    "tau_vs_T",
]
TABLES = ["spectra_fits", "rates", "rate_points", "rate_law_parameters", "rate_law_candidates",
          "rate_law_correlations", "rate_law_curves", "qc_spectra", "rejected_rows",
          "spectrum_parameters"]  # fmt: skip


@pytest.mark.parametrize("name", REAL_FILES)
def test_report_writes_everything(realdata_dir, tmp_path, name):
    assert main(["report", str(realdata_dir / name), "-o", str(tmp_path)]) == 0
    for fig in FIGURES:
        for ext in ("png", "pdf"):
            assert (tmp_path / "figures" / f"{fig}.{ext}").stat().st_size > 1000
    for table in TABLES:
        assert (tmp_path / "tables" / f"{table}.csv").is_file()
    params = pd.read_csv(tmp_path / "tables" / "rate_law_parameters.csv")
    assert (params.loc[params["parameter"] == "converged", "value"] == 1).all()
    assert (params["parameter"] == "aic").sum() == len(
        pd.read_csv(tmp_path / "tables" / "rate_law_candidates.csv")
    )
    assert (tmp_path / "tables" / "rate_law_parameters.md").read_text().startswith("| sample")
    assert "tabular" in (tmp_path / "tables" / "rate_law_parameters.tex").read_text()
    assert r"$\tau$" in (tmp_path / "tables" / "spectrum_parameters.tex").read_text()
    html = (tmp_path / "report.html").read_text()
    assert html.count("data:image/png;base64,") == len(FIGURES)
    for word in ("ErW10", "paper", "synthetic", "Fig. 3"):
        assert word not in html


def test_report_is_deterministic(realdata_dir, tmp_path):
    f = str(realdata_dir / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat")
    assert main(["report", f, "-o", str(tmp_path / "a")]) == 0
    assert main(["report", f, "-o", str(tmp_path / "b")]) == 0
    for rel in (
        "report.html",
        "figures/tau_vs_T.png",
        "figures/spectra.pdf",
        "figures/spectrum_parameters.png",
        "tables/spectrum_parameters.tex",
        "tables/rate_law_parameters.csv",
    ):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_report_needs_mass_and_molar_mass_together(tmp_path, capsys, realdata_dir):
    f = str(realdata_dir / "acms_molmag_0Oe.dat")
    assert main(["report", f, "-o", str(tmp_path), "--mass-mg", "3"]) == 2
    assert "together" in capsys.readouterr().err
