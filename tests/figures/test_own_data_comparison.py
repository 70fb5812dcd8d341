"""The sheet's comparison figure uses the usable fits of every sample and nothing else."""

import pandas as pd

from spinrelax.figures.own_data_comparison import comparison_table, plot_comparison
from spinrelax.figures.style import png_bytes


def test_comparison_keeps_usable_fits_of_each_sample():
    a = pd.DataFrame({"T_K": [2.0, 4.0], "tau_s": [1e-3, 1e-4], "alpha": [0.1, 0.2],
                      "usable": [True, False]})  # fmt: skip
    b = a.assign(usable=True)
    data = comparison_table({"A": a, "B": b, "empty": a.iloc[:0]})
    assert list(data["sample"]) == ["A", "B", "B"]
    assert list(data["inverse_T_K-1"]) == [0.5, 0.5, 0.25]
    assert plot_comparison({"empty": a.iloc[:0]}) is None
    first, second = (png_bytes(plot_comparison({"A": a, "B": b})) for _ in range(2))
    assert first.startswith(b"\x89PNG") and first == second
