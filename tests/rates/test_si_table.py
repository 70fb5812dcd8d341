import numpy as np

from spinrelax.rates.fit import fit_law
from spinrelax.rates.si_table import format_value, latex_table, markdown_table
from spinrelax.rates.tables import parameter_rows, series_keys


def test_format_value():
    assert format_value(139.98966, 0.7729) == "140.0(8)"
    assert format_value(7.44e-10, 4.8e-11) == "7.4(5)×10⁻¹⁰"
    assert format_value(7.44e-10, 4.8e-11, "latex") == r"$7.4(5)\times10^{-10}$"
    assert format_value(9.0, np.nan) == "9"


def test_tables_hold_the_chosen_parameters():
    T = np.geomspace(2, 10, 15)
    rate = np.exp(-63 / T) / 2e-9 + 1200
    fit = fit_law(T, 0.0, rate * np.exp(0.01 * np.sin(7 * T)), 0.02, "orbach+qtm")
    params = parameter_rows(series_keys("A", 1, "T", 0.0), fit, {"orbach+qtm": fit})
    md = markdown_table(params)
    assert "| A | tau(T), H = 0 Oe | orbach+qtm | U_K |" in md
    assert "aic" not in md and "tau_QTM_s" in md
    tex = latex_table(params)
    assert r"$U_\mathrm{eff}$" in tex and tex.strip().endswith(r"\end{tabular}")
    assert r"\pm" not in tex and ")e-" not in tex  # concise value(err), powers as \times10^{}
    tau0 = next(line for line in tex.splitlines() if r"\times10^{-9}$" in line)  # tau_0 ~ 2e-9 s
    assert tau0.endswith(r"& s \\")
    assert (
        max(len(line) for line in tex.splitlines() if "&" in line) < 100
    )  # fits a page (5 columns)


def test_tables_show_profile_intervals_and_flags():
    from spinrelax.rates.intervals import law_intervals

    T = np.geomspace(2, 10, 15)
    rate = (np.exp(-63 / T) / 2e-9 + 1200) * np.exp(0.01 * np.sin(7 * T))
    fit = law_intervals(fit_law(T, 0.0, rate, 0.02, "orbach+qtm"), T, 0.0, rate, 0.02)
    params = parameter_rows(series_keys("A", 1, "T", 0.0), fit, {"orbach+qtm": fit})
    lo, hi = fit.intervals["U_K"][:2]
    md = markdown_table(params)
    assert "| 68 % interval | 95 % interval |" in md and f"{lo:.4g} to {hi:.4g}" in md
    assert r"68 \% interval" in latex_table(params)
    failed = parameter_rows(series_keys("A", 1, "T", 0.0), fit, {}, ("not_converged", "x"))
    assert "n/a (not_converged)" in markdown_table(failed)
