"""Fig. 3 bottom and Fig. 4 draw from the relaxation tables; output is byte-deterministic."""

import numpy as np
import pandas as pd

from spinrelax.figures.style import save_figure
from spinrelax.papers.erw10.figures.relaxation import fig3_bottom, fig4


def synthetic_rates():
    """Zero-field rates of two samples and one excluded row (ac stage columns)."""
    T = np.array([2.0, 3.0, 5.0, 8.0])
    rows = []
    for sample, x in (("a", 0.01), ("b", 1.0)):
        rate = np.exp(-63 / T) * 1e11 + 1.2e3 * x**2
        rows.append(pd.DataFrame({"sample": sample, "x_Er": x, "isotope": "natEr", "T_K": T,
                                  "H_Oe": 0.0, "rate_s-1": rate, "rate_err_s-1": 0.05 * rate,
                                  "usable": True}))  # fmt: skip
    bad = pd.DataFrame({"sample": ["b"], "x_Er": [1.0], "isotope": ["natEr"], "T_K": [12.0],
                        "H_Oe": [0.0], "rate_s-1": [np.nan], "rate_err_s-1": [np.nan],
                        "usable": [False]})  # fmt: skip
    return pd.concat([*rows, bad], ignore_index=True)


def _tables():
    rates = synthetic_rates()
    line = pd.DataFrame(
        {
            "T_K": np.geomspace(0.05, 20, 30),
            "rate_fitted_B44_s-1": np.exp(-63 / np.geomspace(0.05, 20, 30)) * 1e11,
            "rate_paper_B44_s-1": np.exp(-80 / np.geomspace(0.05, 20, 30)) * 1e11,
        }
    )
    tunnelling = pd.DataFrame({"quantity": ["T_N_K"], "value": [0.081]})
    x_points = pd.DataFrame(
        {"sample": ["a", "b", "c"], "x_Er": [0.01, 1.0, 1.0], "isotope": ["natEr", "natEr", "167Er"],
         "rate_s-1": [0.12, 1200.0, 270.0], "rate_err_s-1": [0.01, 60.0, 20.0]}
    )  # fmt: skip
    field = pd.DataFrame(
        {"sample": "b", "x_Er": 1.0, "easy_axis_angle_deg": 42.0, "H_Oe": [0.0, 100.0, 200.0],
         "rate_s-1": [1200.0, 700.0, 130.0], "rate_err_s-1": [60.0, 35.0, 7.0]}
    )  # fmt: skip
    params = pd.DataFrame(
        {"sample": ["all", "all", "b", "b"],
         "parameter": ["x_exponent", "x_prefactor_s-1", "field_rate0_s-1", "field_sigma_H_Oe"],
         "value": [2.0, 1200.0, 1250.0, 70.0], "err": [0.05, 50.0, 20.0, 2.0],
         "unit": "", "method": ["p", "p", "Gaussian detuning, crystal (chi2_red 1)", "Gaussian detuning, crystal (chi2_red 1)"]}
    )  # fmt: skip
    return rates, line, tunnelling, x_points, field, params


def test_figures_written_and_deterministic(tmp_path):
    rates, line, tunnelling, x_points, field, params = _tables()
    for run in ("a", "b"):
        save_figure(fig3_bottom(rates, line, tunnelling), tmp_path / f"f3{run}.png")
        save_figure(fig4(x_points, field, params), tmp_path / f"f4{run}.pdf")
    assert (tmp_path / "f3a.png").read_bytes() == (tmp_path / "f3b.png").read_bytes()
    assert (tmp_path / "f4a.pdf").read_bytes() == (tmp_path / "f4b.pdf").read_bytes()


def test_fig3_marks_T_N_and_excluded_rows():
    rates, line, tunnelling, *_ = _tables()
    rates.loc[rates.index[-1], "rate_s-1"] = 5e5  # an excluded row with a value
    fig = fig3_bottom(rates, line, tunnelling)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "T_N = 81 mK" in labels and "excluded (QC)" in labels
