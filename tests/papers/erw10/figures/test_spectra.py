"""Fig. 3 (top): fitted curves rebuild the data; flagged fits drawn; output deterministic."""

import numpy as np
import pandas as pd

from spinrelax.acsus.fit_table import fitted_curves
from spinrelax.acsus.fitting import fit_spectra
from spinrelax.acsus.models import chi_real_imag
from spinrelax.papers.erw10.figures.spectra import plot_fig3_top, select_temperatures

F = np.logspace(-1, 3, 25)


def _points():
    rows = []
    for k, (T, tau) in enumerate([(1.8, 1e-2), (2.0, 8e-3), (6.5, 1e-6), (3.0, 5e-3)]):
        re, im = chi_real_imag("generalized_debye", F, np.array([[0.05, 1 / T, np.log(tau), 0.1]]))
        rows.append(
            pd.DataFrame(
                {
                    "spectrum": k,
                    "T_K": T,
                    "H_Oe": 0.0,
                    "freq_Hz": F,
                    "chi_real": re[0],
                    "chi_imag": im[0],
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _fits(points):
    fits = fit_spectra(points, ["spectrum"])
    ctx = points.groupby("spectrum", as_index=False).agg(
        T_K=("T_K", "first"), H_Oe=("H_Oe", "first")
    )
    return ctx.merge(fits, on="spectrum")


def test_fitted_curves_reproduce_noise_free_data():
    points = _points()
    fits = _fits(points)
    re, im = fitted_curves(fits, F)
    np.testing.assert_allclose(re[0], points.loc[points["spectrum"] == 0, "chi_real"], rtol=1e-7)
    np.testing.assert_allclose(
        im[1], points.loc[points["spectrum"] == 1, "chi_imag"], rtol=1e-6, atol=1e-12
    )


def test_select_temperatures_picks_paper_temperatures():
    fits = _fits(_points())
    shown = select_temperatures(fits, (1.8, 2.0, 2.22, 6.5))
    assert shown["T_K"].tolist() == [1.8, 2.0, 6.5]


def test_fig3_top_written_and_deterministic(tmp_path):
    points = _points()
    fits = _fits(points)
    assert not fits.loc[fits["T_K"] == 6.5, "usable"].iloc[0]  # drawn dashed and labelled
    plot_fig3_top(points, fits, "emu/mol", tmp_path / "a")
    plot_fig3_top(points, fits, "emu/mol", tmp_path / "b")
    for suffix in (".png", ".pdf"):
        a = (tmp_path / f"a{suffix}").read_bytes()
        assert a == (tmp_path / f"b{suffix}").read_bytes()
        assert len(a) > 5000
