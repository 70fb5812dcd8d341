"""Paper 2's qualitative claims read from a moments table (issue 16, item 8)."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.papers.clusters.brillouin import invert_brillouin_muB, invert_langevin_muB
from spinrelax.papers.clusters.claims import (
    MAGNETIC,
    behaviour_matches,
    count_sizes,
    langevin_brillouin_max_sigma,
    largest_size,
)

BASE, HOT = "T25K_6bar_optimized", "T100K_6bar_optimized"


def _table(behaviours: dict[int, str], condition: str = BASE, element: str = "V"):
    return pd.DataFrame(
        {"element": element, "n": list(behaviours), "condition": condition}
        | {"behaviour": list(behaviours.values())}
    )


def test_behaviour_matches_counts_and_names_every_difference():
    moments = _table({2: "non_magnetic", 3: "atomic_like", 22: "non_magnetic", 23: "atomic_like"})
    stated = pd.DataFrame(
        {
            "element": ["V", "V", "V", "Nb"],
            "n": [2, 3, 22, 22],
            "behaviour": ["non_magnetic", "atomic_like", "superparamagnetic", "magnetic"],
        }
    )
    value, note = behaviour_matches(moments, stated, "V", BASE)
    assert value == 2.0
    assert "V22: non_magnetic (paper superparamagnetic)" in note and "V23" not in note
    nb = _table({22: "superparamagnetic"}, element="Nb")
    assert behaviour_matches(nb, stated, "Nb", BASE)[0] == 1.0  # "magnetic" takes either


def test_largest_and_count_read_only_their_condition():
    moments = pd.concat(
        [
            _table({11: "atomic_like", 13: "superparamagnetic", 21: "atomic_like"}),
            _table({9: "atomic_like", 11: "atomic_like", 13: "non_magnetic"}, HOT),
        ]
    )
    assert largest_size(moments, "V", BASE, ("atomic_like",))[0] == 21
    assert largest_size(moments, "V", HOT, MAGNETIC)[0] == 11
    assert count_sizes(moments, "V", HOT, MAGNETIC, (3, 5, 7, 9, 11))[0] == 2
    assert count_sizes(moments, "V", HOT, ("superparamagnetic",))[0] == 0
    assert np.isnan(largest_size(moments, "Nb", BASE, MAGNETIC)[0])


@pytest.mark.parametrize("mu", [1.5, 3.0, 5.0])
def test_langevin_is_brillouin_times_sqrt_one_plus_two_over_mu_at_small_field(mu):
    """Linear regime: mu_B (mu_B + 2) / 3 = mu_L^2 / 3 (both times B / kB T)."""
    from spinrelax.papers.clusters.brillouin import mu_eff_brillouin_muB

    B, T = 0.01, 45.0
    mu_eff = mu_eff_brillouin_muB(np.array([mu]), B, T)
    assert invert_brillouin_muB(mu_eff, B, T)[0] == pytest.approx(mu, rel=1e-9)
    assert invert_langevin_muB(mu_eff, B, T)[0] == pytest.approx(mu * np.sqrt(1 + 2 / mu), rel=1e-4)


def test_langevin_brillouin_max_sigma_takes_the_worst_superparamagnetic_row():
    moments = _table({7: "superparamagnetic", 15: "superparamagnetic", 11: "atomic_like"})
    moments["moment_muB"] = [3.0, 3.0, 1.0]
    moments["moment_err_muB"] = [0.5, 0.25, 0.01]
    moments["moment_langevin_muB"] = [3.87, 3.5, np.nan]
    moments["T_cluster_K"], moments["T_cluster_sigma_K"] = 45.0, 10.0
    value, note = langevin_brillouin_max_sigma(moments, BASE)
    assert value == pytest.approx(2.0)
    assert "V15" in note
