"""Pipeline tables: fits joined with the sample sheet, rates, QC flags, equilibrium and scorecard."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.acsus.equilibrium_tables import (
    EquilibriumSettings,
    chi_points_table,
    equilibrium_table,
    scorecard_part,
)
from spinrelax.acsus.fitting import fit_spectra
from spinrelax.acsus.models import chi_real_imag
from spinrelax.acsus.tables import (
    RATE_COLUMNS,
    colecole_table,
    flags_table,
    rates_table,
    sample_fit_table,
)

SHEET = pd.DataFrame(
    {
        "sample_id": ["A_powder", "B_mK"],
        "compound": ["Er0.25Y0.75W10", "ErW10"],
        "x_Er": [0.25, 1.0],
        "enrichment_167Er": [0.2293, 0.953],
        "form": ["powder", "crystal"],
        "easy_axis_angle_deg": [np.nan, 42.0],
        "instrument": ["MPMS3", "microSQUID"],
        "molar_mass_g_per_mol": [3290.3, 3349.1],
    }
)
F = np.logspace(-1, 3, 25)


def _powder_points():
    rows = []
    for k, (T, tau) in enumerate(
        [(2.0, 1e-2), (4.0, 1e-3), (8.0, 1e-7)]
    ):  # last: peak far above window
        re, im = chi_real_imag(
            "generalized_debye", F, np.array([[0.05, 1.0 / T, np.log(tau), 0.1]])
        )
        rows.append(
            pd.DataFrame(
                {
                    "sample": "A_powder",
                    "file": "a.dat",
                    "spectrum": k,
                    "T_K": T,
                    "H_Oe": 0.0,
                    "T_K_spectrum": T,
                    "H_Oe_spectrum": 0.0,
                    "freq_Hz": F,
                    "chi_real": re[0],
                    "chi_imag": im[0],
                    "chi_real_err": np.nan,
                    "chi_imag_err": np.nan,
                    "chi_unit": "emu/mol",
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _mk_points():
    """Temperature sweeps at two frequencies: chi' = CW above T_N, chi'' peaked at T_N."""
    T = np.linspace(0.03, 0.6, 58)
    chi_cw = 9.4 / (T + 0.088)
    rows = []
    for f, scale in ((0.01, 1.0), (10.0, 0.5)):
        chi_im = scale * 2.0 * np.exp(-(((T - 0.081) / 0.02) ** 2)) + 1e-3
        chi_re = np.where(T > 0.1, chi_cw, chi_cw * (1 - 0.4 * (0.1 - T) / 0.07))
        rows.append(
            pd.DataFrame(
                {
                    "sample": "B_mK",
                    "file": "b.csv",
                    "spectrum": np.arange(T.size),
                    "T_K": T,
                    "H_Oe": 0.0,
                    "T_K_spectrum": T,
                    "H_Oe_spectrum": 0.0,
                    "freq_Hz": f,
                    "chi_real": chi_re,
                    "chi_imag": chi_im,
                    "chi_real_err": 0.001 * chi_re,
                    "chi_imag_err": 0.001 * chi_re,
                    "chi_unit": "emu/mol",
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


@pytest.fixture(scope="module")
def tables():
    points = pd.concat([_powder_points(), _mk_points()], ignore_index=True)
    fits = pd.concat(
        [
            sample_fit_table(p, fit_spectra(p, ["sample", "spectrum"]))
            for _, p in points.groupby("sample")
        ],
        ignore_index=True,
    )
    colecole = colecole_table(fits, SHEET)
    return points, colecole


def test_colecole_and_rates_keep_flagged_rows(tables):
    _, colecole = tables
    powder = colecole[colecole["sample"] == "A_powder"]
    assert len(powder) == 3
    assert powder["isotope"].unique().tolist() == ["natEr"]
    assert colecole.loc[colecole["sample"] == "B_mK", "isotope"].unique().tolist() == ["167Er"]
    rates = rates_table(colecole)
    assert tuple(rates.columns) == RATE_COLUMNS
    hot = rates[(rates["sample"] == "A_powder") & (rates["T_K"] == 8.0)].iloc[0]
    assert not hot["usable"] and "peak_outside_window" in hot["flags"]
    cold = rates[(rates["sample"] == "A_powder") & (rates["T_K"] == 2.0)].iloc[0]
    assert cold["usable"] and cold["rate_s-1"] == pytest.approx(100.0, rel=1e-5)
    assert cold["rate_lo_s-1"] < cold["rate_s-1"] < cold["rate_hi_s-1"]
    flags = flags_table(colecole)
    assert ((flags["sample"] == "A_powder") & (flags["T_K"] == 8.0)).any()
    # mK "spectra" have two frequencies each: too few points, flagged, never dropped.
    assert (flags["sample"] == "B_mK").sum() == 58


def test_equilibrium_curie_weiss_tn_and_demag(tables):
    points, colecole = tables
    settings = EquilibriumSettings(cw_T_min_K=0.1, cw_T_max_K=4.0)
    eq = equilibrium_table(points, colecole, SHEET, settings).set_index("sample")
    mk = eq.loc["B_mK"]
    assert mk["cw_theta_K"] == pytest.approx(-0.088, abs=1e-3)
    assert mk["cw_C"] == pytest.approx(9.4, rel=1e-3)
    assert mk["T_N_K"] == pytest.approx(0.081, abs=2e-3)
    assert mk["T_N_freq_Hz"] == pytest.approx(0.01)
    chi_v = mk["chi_real_max"] * 3.411 / 3349.1
    assert mk["demag_ratio"] == pytest.approx(1 / (4 * np.pi) / chi_v)
    # Powder: chi_T from the usable fits (2 and 4 K) follows C/T with C = 1 (chi_T = 0.05 + 1/T).
    assert np.isnan(eq.loc["A_powder", "demag_ratio"])
    part = scorecard_part(eq.reset_index(), "B_mK")
    assert part["id"].tolist() == ["erw10.theta_K", "erw10.T_N_K", "erw10.demag_ratio"]
    assert part["reproduced"].iloc[1] == pytest.approx(0.081, abs=2e-3)
    missing = scorecard_part(eq.reset_index(), "nope")
    assert missing["reproduced"].isna().all() and "no ac data" in missing["note"].iloc[0]


def test_chi_points_only_crystals_with_orientation(tables):
    points, colecole = tables
    pts = chi_points_table(points, colecole, SHEET, EquilibriumSettings())
    assert set(pts["sample"]) == {"B_mK"}
    assert set(pts["orientation"]) == {"z"}  # 42 deg: within 45 deg of the easy axis
    assert len(pts) == 116
    above = pts[(pts["T_K"] > 0.2)]
    assert (above["chi_T_source"] == "low_f").all()
    np.testing.assert_allclose(above["chi_T"], 9.4 / (above["T_K"] + 0.088), rtol=1e-9)


def test_tables_are_byte_identical_across_runs(tmp_path, make_spectra):
    from spinrelax.io.csv_table import write_csv

    table = make_spectra(
        "generalized_debye", [[0.1, 1.0, -3.0, 0.1], [0.0, 2.0, -1.0, 0.3]], F, noise=1e-2, seed=9
    )
    for name in ("a.csv", "b.csv"):
        write_csv(fit_spectra(table, ["spectrum"]), tmp_path / name)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
