"""Global (T, H) fits on the shipped multi-field samples (data/raw/acsus, data/samples.tsv):
ErW10_powder and Er025_powder each hold a zero-field T sweep and a field sweep at 2 K, so one T
series and one H series cross at a single point. The paper workflow (``make reproduce``) does
not run the generic stage on the papers' sheet, so the test runs ``fit-ac`` and the rate-law
analysis on the files itself. It checks that the global fit runs and reports by the same rules
as the series: a chosen law only when every parameter is determined, no number of a failed
candidate, and slices at the series' field and temperature."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from spinrelax.cli import main
from spinrelax.rates.analysis import analyse_rates
from spinrelax.rates.data import SeriesSettings, read_fit_table
from spinrelax.rates.settings import law_settings

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "acsus"


def _results(sample: str, tmp_path: Path, **series):
    fits = tmp_path / f"{sample}.csv"
    assert main(["fit-ac", *map(str, sorted(RAW.glob(f"{sample}_*.dat"))), "-o", str(fits)]) == 0
    settings = law_settings({})
    if series:
        settings = replace(settings, series=SeriesSettings(**series))
    return analyse_rates(read_fit_table(fits, sample), settings)


def _check_global(res) -> None:
    cands = res.candidates.loc[res.candidates["series"] == "TH"]
    params = res.parameters.loc[res.parameters["series"] == "TH"]
    assert len(cands) and len(params)
    chosen = cands.loc[cands["selected"]]
    assert len(chosen) == 1
    failed = cands["status"].isin(["not_converged", "at_bound"])
    assert cands.loc[failed, ["aicc", "U_K", "U_ci68_low_K"]].isna().all().all()
    undetermined = cands["status"].str.startswith("not_determined")
    assert cands.loc[undetermined, ["U_ci68_low_K", "U_ci68_high_K"]].isna().all().all()
    fitted = params.loc[params["ci_method"] == "profile_likelihood"]
    if chosen["status"].iloc[0] == "chosen":  # every parameter determined: closed 68 % limits
        assert (fitted["flag"] == "").all()
        assert np.isfinite(fitted[["ci68_low", "ci68_high"]]).all().all()
    else:  # nothing eligible: the best converged law, its undetermined parameters flagged
        assert (fitted["flag"] == "not_determined").any()
    # nested limits: a 95 % limit lies beyond the 68 % one (ErW10_powder's U_K once got a 95 %
    # lower limit at the optimum from a trial warm-started on another branch of its profile)
    lo68, lo95, hi68, hi95 = (fitted[c].to_numpy() for c in
                              ("ci68_low", "ci95_low", "ci68_high", "ci95_high"))  # fmt: skip
    assert not np.any(lo95 > lo68) and not np.any(hi95 < hi68)
    curves = res.curves.loc[res.curves["series"] == "TH"]
    series = res.points.loc[res.points["series"].isin(["T", "H"])]
    assert set(curves["at_H_Oe"].dropna()) == set(series["at_H_Oe"].dropna())
    assert set(curves["at_T_K"].dropna()) == set(series["at_T_K"].dropna())


@pytest.mark.skipif(not RAW.is_dir(), reason="shipped raw files not present")
def test_erw10_powder_global_fit_runs_and_reports(tmp_path):
    res = _results("ErW10_powder", tmp_path)
    assert set(res.points["series"]) == {"T", "H", "TH"}
    _check_global(res)


@pytest.mark.skipif(not RAW.is_dir(), reason="shipped raw files not present")
def test_er025_powder_field_sweep_is_its_own_series(tmp_path):
    """Its 2 K sweep steps the field by 10 Oe: a tau(H) series of its own (the zero-field tau(T)
    series keeps its zero-field points only), and the global fit runs; a 20 Oe tolerance would
    chain the sweep into the zero-field tau(T) series."""
    res = _results("Er025_powder", tmp_path)
    assert set(res.points["series"]) == {"T", "H", "TH"}
    t_series = res.points.loc[res.points["series"] == "T"]
    assert (t_series["H_Oe"].abs() - t_series["at_H_Oe"]).abs().max() < 5.0
    _check_global(res)
    chained = _results("Er025_powder", tmp_path, H_tolerance_Oe=20.0)
    assert "TH" not in set(chained.points["series"])
