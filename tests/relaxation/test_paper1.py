"""End to end on a small synthetic rates table with known injected physics."""

import copy

import numpy as np
import pytest
import yaml

from spinrelax.relaxation.paper1 import analyse
from spinrelax.spin.parameters import IonParameters

ION = IonParameters(
    J=7.5,
    g_J=1.2,
    B_kq_K={(2, 0): -1.35, (4, 0): 1.07e-2, (6, 0): 1.07e-4, (4, 4): 1.8e-2},
    I=3.5,
    A_J_K=-6e-3,
    name="sign_corrected",
)


@pytest.fixture(scope="module")
def results(synthetic_rates):
    from pathlib import Path

    cfg = yaml.safe_load(Path(__file__).parents[2].joinpath("config.yaml").read_text())
    cfg = copy.deepcopy(cfg["relaxation"])
    cfg["master_equation"]["compare_operator_sets"] = []
    cfg["master_equation"]["B44_start_grid_K"] = [0.02, 0.1]
    cfg["master_equation"]["T_line_n"] = 20
    cfg["fit"]["n_starts"] = 3
    t = synthetic_rates()
    usable = t.loc[t["usable"]].reset_index(drop=True)
    usable["enrichment_167Er"] = np.where(usable["isotope"] == "167Er", 0.953, 0.2287)
    return analyse(usable, 0.081, ION, cfg)


def _card(res, key):
    return res.scorecard.set_index("id").loc[key]


def test_recovers_injected_rate_law_numbers(results):
    assert _card(results, "erw10.U_K")["reproduced"] == pytest.approx(63.0, abs=1.0)
    assert _card(results, "erw10.x_exponent")["reproduced"] == pytest.approx(2.0, abs=0.1)
    assert _card(results, "erw10.qt_rate_s-1")["reproduced"] == pytest.approx(1.2e3, rel=0.15)
    assert _card(results, "erw10.rate_drop_orders_x")["reproduced"] == pytest.approx(4.0, abs=0.1)
    assert _card(results, "erw10.rate_ratio_167Er")["reproduced"] == pytest.approx(4.5, rel=0.15)


def test_b44_fit_places_first_doublet_at_the_barrier(results):
    p = results.parameters.set_index(["sample", "parameter"])
    e1 = p.loc[("all", "first_excited_doublet_K"), "value"]
    assert e1 == pytest.approx(63.0, abs=2.0)
    assert _card(results, "erw10.B44_K")["reproduced"] > 0.05  # far above the paper's 0.018


def test_tunnelling_numbers_and_scorecard_ids(results):
    ids = set(results.scorecard["id"])
    assert ids == {
        "erw10.U_K", "erw10.B44_K", "erw10.qt_rate_s-1", "erw10.gamma_theory_s-1",
        "erw10.delta_K", "erw10.xi_dip_K", "erw10.sigma_dip_Oe", "erw10.x_exponent",
        "erw10.rate_drop_orders_x", "erw10.rate_ratio_167Er", "erw10.direct_orders",
        "erw10.phonon_laser_s-1",
    }  # fmt: skip
    assert _card(results, "erw10.sigma_dip_Oe")["reproduced"] == pytest.approx(67.0, abs=0.5)
    gamma = _card(results, "erw10.gamma_theory_s-1")["reproduced"]
    assert 3e2 < gamma < 3e4
    tun = results.tunnelling.set_index("quantity")["value"]
    # the second B44 estimate reproduces the measured plateau through Eq. 2
    assert 0.005 < tun["B44_from_plateau_K"] < 0.05
    assert np.isfinite(tun["direct_orders"]) and tun["direct_orders"] > 0
    assert 1.0 < tun["rate_ratio_167Er_predicted"] < 10.0
    assert results.scorecard["note"].str.len().min() > 10


def test_field_fit_and_line(results):
    p = results.parameters
    sigma = p.loc[(p["sample"] == "x1") & (p["parameter"] == "field_sigma_H_Oe")]
    by_geometry = dict(
        zip(sigma["method"].str.split(",").str[1].str.split().str[0], sigma["value"], strict=True)
    )
    assert by_geometry["powder"] == pytest.approx(70.0, rel=0.1)  # injected: powder average
    assert set(results.field_fits) == {"x1:powder", "x1:powder_logmean"}
    assert (
        results.field_fits["x1:powder"].chi2_red < results.field_fits["x1:powder_logmean"].chi2_red
    )
    assert set(results.line["method"]) <= {"dense", "reduced"}
    assert np.all(np.diff(results.line["log10_rate_fitted_B44_s-1"]) > 0)


def test_scorecard_part_joins_paper_values(results):
    from pathlib import Path

    from spinrelax.scorecard import build_scorecard, read_paper_values

    values = read_paper_values([Path(__file__).parents[2] / "data/literature/paper1_values.csv"])
    card = build_scorecard(values, results.scorecard)
    mine = card.loc[card["id"].isin(results.scorecard["id"])]
    assert len(mine) == 12
    assert mine.set_index("id").loc["erw10.U_K", "agrees"]
