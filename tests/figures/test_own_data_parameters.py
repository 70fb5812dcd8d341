"""alpha and chi_S, chi_T against T: the long table behind the panels, its states, and a figure
whose bytes are the same on a second drawing."""

import numpy as np
import pandas as pd

from spinrelax.figures.own_data_parameters import long_table, plot_spectrum_parameters


def _fits() -> pd.DataFrame:
    T = np.array([5.0, 6.0, 7.0, 8.0])
    return pd.DataFrame({
        "T_K": T, "H_Oe": 0.0, "alpha": 0.3 - 0.02 * T, "alpha_err": 0.01,
        "chi_S": 0.1, "chi_S_err": 0.01, "chi_T": 10 / T, "chi_T_err": 0.02,
        "gamma": np.nan, "usable": [True, True, True, False],
        "flags": ["", "model_inadequate", "", "flat"],
    })  # fmt: skip


def test_long_table():
    data = long_table(_fits(), "emu/mol")
    assert set(data["parameter"]) == {r"$\alpha$", r"$\chi_S$", r"$\chi_T$"}  # no gamma
    assert set(data["panel"]) == {"width", r"$\chi$ (emu mol$^{-1}$)"}
    alpha = data.loc[data["parameter"] == r"$\alpha$"]
    assert list(alpha["state"]) == ["usable", "flagged", "usable", "not usable"]
    assert list(alpha["x"]) == [5.0, 6.0, 7.0, 8.0]


def test_a_field_sweep_is_drawn_against_H():
    fits = _fits().assign(T_K=2.0, H_Oe=[0.0, 500.0, 1000.0, 2000.0])
    data = long_table(fits, "emu/mol")
    assert list(data.loc[data["parameter"] == r"$\alpha$", "x"]) == [0.0, 500.0, 1000.0, 2000.0]
    assert set(data["group"]) == {"2 K"}


def test_figure_is_deterministic(tmp_path):
    plot_spectrum_parameters(_fits(), "emu/mol", "S", tmp_path / "a")
    plot_spectrum_parameters(_fits(), "emu/mol", "S", tmp_path / "b")
    for ext in (".png", ".pdf"):
        a, b = (tmp_path / f"a{ext}").read_bytes(), (tmp_path / f"b{ext}").read_bytes()
        assert len(a) > 1000 and a == b
