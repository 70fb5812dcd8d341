"""Figs. 1(b-d) and 2 of paper 1 draw from small tables; Fig. 2 input checks."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.figures.style import save_figure
from spinrelax.papers.erw10.figures.fig2 import draw_fig2, points_in_emu_per_mol
from spinrelax.papers.erw10.figures.levels import (
    classical_curve,
    draw_fig1b,
    draw_fig1c,
    draw_fig1d,
)
from spinrelax.papers.erw10.spin import IonParameters
from spinrelax.papers.erw10.spin.tables import level_sweep_table, levels_table, susceptibility_table

PARAMS = IonParameters(
    J=7.5, g_J=1.2, B_kq_K={(2, 0): -1.35, (4, 0): 1.07e-2, (6, 0): 1.07e-4, (4, 4): 1.8e-2},
    I=3.5, A_J_K=-6e-3, name="sign_corrected",
)  # fmt: skip


def _points(unit="emu/mol"):
    T = np.array([1.8, 2.5, 4.0, 1.8, 2.5, 4.0])
    return pd.DataFrame(
        {
            "sample": "ErW10",
            "orientation": ["z"] * 3 + ["perp"] * 3,
            "T_K": T,
            "freq_Hz": 10.0,
            "chi_real": 1.0 / T,
            "chi_imag": 0.1 / T,
            "chi_T": 1.0 / T,
            "chi_T_err": 0.01,
            "chi_unit": unit,
        }
    )


def test_fig1_panels_are_written_without_timestamps(tmp_path):
    levels = levels_table(PARAMS)
    sweep = level_sweep_table(PARAMS, np.linspace(-50, 50, 11), 80.0, 16)
    figures = {
        "b": draw_fig1b(levels, *classical_curve(PARAMS, 91)),
        "c": draw_fig1c(sweep),
        "d": draw_fig1d(sweep, "I=3.5"),
    }
    for name, fig in figures.items():
        save_figure(fig, tmp_path / f"fig1{name}.pdf")
        data = (tmp_path / f"fig1{name}.pdf").read_bytes()
        assert data.startswith(b"%PDF") and b"CreationDate" not in data


def test_fig2_is_deterministic(tmp_path):
    lines = susceptibility_table(PARAMS, np.geomspace(0.05, 300, 50), 42.0)
    points = points_in_emu_per_mol(_points())
    for name in ("a.png", "b.png"):
        save_figure(draw_fig2(lines, points), tmp_path / name)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_points_unit_conversion_and_errors():
    si = points_in_emu_per_mol(_points("m3/mol"))
    assert si["chi_real"].iloc[0] == pytest.approx(1.0 / 1.8 / (4e-6 * np.pi))
    with pytest.raises(InputFormatError, match="chi_unit"):
        points_in_emu_per_mol(_points("emu/g"), "pts.csv")
    with pytest.raises(InputFormatError, match="missing column"):
        points_in_emu_per_mol(_points().drop(columns="freq_Hz"), "pts.csv")
    bad = _points()
    bad.loc[2, "orientation"] = "x"
    with pytest.raises(InputFormatError, match=r"pts.csv:4"):
        points_in_emu_per_mol(bad, "pts.csv")
