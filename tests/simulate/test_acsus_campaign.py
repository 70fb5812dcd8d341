"""Campaign config parsing and run schedules of the virtual ac instrument."""

import numpy as np
import pytest

from spinrelax.simulate.acsus_campaign import AcsusCampaign, Run, frequency_grid_Hz, run_schedule


def test_commercial_frequency_ranges(acsus_campaign):
    grids = {name: frequency_grid_Hz(spec) for name, spec in acsus_campaign.instruments.items()}
    assert grids["MPMS3"][[0, -1]] == pytest.approx([0.1, 1000.0])
    assert grids["PPMS_ACMS"][-1] == pytest.approx(1e4)
    assert grids["microSQUID"][[0, -1]] == pytest.approx([0.01, 1e6])
    assert all(np.all(np.diff(np.log(g)) > 0) for g in grids.values())
    assert len(grids["MPMS3"]) == 25
    assert all(
        spec.drive_Oe == 4.0 for n, spec in acsus_campaign.instruments.items() if n != "microSQUID"
    )


def test_schedule_fields_outermost_and_sweep_directions(acsus_campaign):
    spec = acsus_campaign.instruments["MPMS3"]
    run = Run("a.dat", "ErW10_powder", "MPMS3", (2.0, 3.0), (0.0, 100.0), sweep="alternate")
    s = run_schedule(run, spec)
    assert len(s) == 4 * spec.n_freq
    assert list(s.groupby("sweep_id", sort=True)["H_set_Oe"].first()) == [0, 0, 100, 100]
    assert list(s.groupby("sweep_id", sort=True)["T_set_K"].first()) == [2, 3, 2, 3]
    first = s.groupby("sweep_id")["freq_Hz"].first().to_numpy()
    assert first[0] < first[1] and first[2] < first[3]  # up, down, up, down
    assert np.all(np.diff(s["elapsed_s"]) >= spec.min_seconds_per_point)
    assert np.diff(s["elapsed_s"]).max() >= spec.settle_s  # settling between set points


def test_shipped_campaign_covers_paper1_figures(acsus_campaign):
    runs = {r.file: r for r in acsus_campaign.runs}
    fig3 = (1.8, 2.0, 2.22, 2.5, 2.86, 3.09, 3.33, 4.0, 5.0, 5.7, 6.5)
    assert set(fig3) <= set(runs["Er025_powder_ACvsF.dat"].temperatures_K)
    field_runs = [r for r in acsus_campaign.runs if len(r.fields_Oe) > 1]
    assert field_runs and all(r.temperatures_K == (2.0,) for r in field_runs)
    assert any(max(r.fields_Oe) >= 1000 for r in field_runs)
    sample_ids = {
        "ErW10_powder",
        "Er050_powder",
        "Er025_powder",
        "Er010_powder",
        "Er005_powder",
        "Er001_powder",
        "Er167W10_powder",
        "ErW10_xtal_z",
        "ErW10_xtal_perp",
        "ErW10_xtal_mK",
    }
    assert sample_ids == {r.sample_id for r in acsus_campaign.runs}
    assert min(runs["ErW10_xtal_mK_microSQUID.csv"].temperatures_K) == pytest.approx(0.013)
    assert {r.instrument for r in acsus_campaign.runs} == {
        "MPMS3",
        "PPMS_ACMS",
        "MPMS_XL",
        "microSQUID",
    }
    assert {r.sweep for r in acsus_campaign.runs} >= {"up", "down"}
    for r in acsus_campaign.runs:
        if r.instrument != "microSQUID" and len(r.fields_Oe) == 1:
            assert min(r.temperatures_K) <= 1.8 and max(r.temperatures_K) >= 13.0


def test_unknown_references_are_rejected(acsus_cfg):
    bad = dict(acsus_cfg, runs=[dict(acsus_cfg["runs"][0], sample_id="nope")])
    with pytest.raises(ValueError, match="nope"):
        AcsusCampaign.from_config(bad)
