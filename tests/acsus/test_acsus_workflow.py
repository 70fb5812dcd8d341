"""Run the acsus stage of the Snakemake workflow on a tiny dataset in a temporary directory."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from spinrelax.acsus.models import chi_real_imag
from spinrelax.io.sample_sheet import SAMPLE_COLUMNS
from spinrelax.io.writers import write_mpms3_dat, write_tidy_csv

REPO = Path(__file__).resolve().parents[2]
TABLES = [
    "results/tables/colecole_fits.csv",
    "results/tables/relaxation_rates.csv",
    "results/qc/fit_flags.csv",
    "results/tables/equilibrium.csv",
    "results/tables/equilibrium_chi_points.csv",
    "results/tables/scorecard_parts/acsus.csv",
]
TARGETS = [*TABLES, "results/figures/paper1_fig3_top.png"]
pytestmark = pytest.mark.workflow
F = np.logspace(-1, 3, 15)
TAUS = {1.8: 1.3e-2, 2.0: 1.2e-2, 4.0: 1e-3, 9.0: 1e-6}  # 9 K: peak far above the window


def _powder(path: Path) -> None:
    rows = []
    for k, (T, tau) in enumerate(TAUS.items()):
        re, im = chi_real_imag(
            "generalized_debye", F, np.array([[1e-7, 2e-6 / T, np.log(tau), 0.08]])
        )
        rows.append(
            pd.DataFrame(
                {
                    "T_K": T,
                    "H_Oe": 0.0,
                    "freq_Hz": F,
                    "drive_Oe": 4.0,
                    "chi_real_emu_per_Oe": re[0],
                    "chi_imag_emu_per_Oe": im[0],
                    "chi_real_err_emu_per_Oe": 1e-9,
                    "chi_imag_err_emu_per_Oe": 1e-9,
                    "time_s": 3.7e9 + 1e4 * k + 10 * np.arange(F.size),
                }
            )
        )
    write_mpms3_dat(
        path, pd.concat(rows), sample_mass_mg=20.0, molar_mass_g_per_mol=3290.3, title="P"
    )


def _microsquid(path: Path) -> None:
    """Temperature sweep at 0.01 and 1 Hz: Curie-Weiss chi' above 0.1 K, chi'' peaked at 81 mK."""
    T = np.round(np.linspace(0.04, 0.6, 29), 4)
    rows = []
    for f, height in ((0.01, 2.0), (1.0, 0.5)):
        chi = 9.0 / (T + 0.088)
        rows.append(
            pd.DataFrame(
                {
                    "T_K": T,
                    "H_Oe": 0.0,
                    "freq_Hz": f,
                    "chi_real": np.where(T > 0.1, chi, chi * (1 - 3 * (0.1 - T))),
                    "chi_imag": height * np.exp(-(((T - 0.081) / 0.02) ** 2)) + 1e-3,
                    "chi_real_err": 0.01,
                    "chi_imag_err": 0.01,
                }
            )
        )
    table = pd.concat(rows).sort_values(["T_K", "freq_Hz"], kind="stable")
    write_tidy_csv(path, table, chi_unit="emu/mol")


def _dataset(root: Path) -> Path:
    raw = root / "raw"
    raw.mkdir(parents=True)
    _powder(raw / "P_ACvsF.dat")
    _microsquid(raw / "C_mK.csv")
    blank = {c: "" for c in SAMPLE_COLUMNS}
    rows = [
        {**blank, "sample_id": "C", "compound": "ErW10", "x_Er": "1", "enrichment_167Er": "0.2293",
         "form": "crystal", "easy_axis_angle_deg": "0", "molar_mass_g_per_mol": "3349.1",
         "instrument": "microSQUID", "raw_glob": str(raw / "C_mK.csv")},
        {**blank, "sample_id": "P", "compound": "Er0.25Y0.75W10", "x_Er": "0.25",
         "enrichment_167Er": "0.2293", "form": "powder", "mass_mg": "20",
         "molar_mass_g_per_mol": "3290.3", "instrument": "MPMS3", "raw_glob": str(raw / "P_*.dat")},
    ]  # fmt: skip
    sheet = root / "samples.tsv"
    sheet.write_text(
        "\t".join(SAMPLE_COLUMNS)
        + "\n"
        + "\n".join("\t".join(r[c] for c in SAMPLE_COLUMNS) for r in rows)
        + "\n"
    )
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    config["samples"] = str(sheet)
    config["acsus"]["fig3_sample"] = "P"
    config["acsus"]["scorecard_sample"] = "C"
    cfg = root / "config.yaml"
    cfg.write_text(yaml.safe_dump(config))
    return cfg


def test_acsus_stage_end_to_end(tmp_path, run_workflow):
    root = tmp_path / "run"
    proc = run_workflow(root, TARGETS, _dataset(root))
    assert proc.returncode == 0, proc.stderr[-3000:]
    fits = pd.read_csv(root / TABLES[0], keep_default_na=False, na_values=[""])
    powder = fits[fits["sample"] == "P"].set_index("T_K")
    assert len(powder) == len(TAUS)
    for T, tau in TAUS.items():
        row = powder.loc[T]
        if T < 5:
            assert row["usable"] and row["tau_s"] == pytest.approx(tau, rel=1e-4)
        else:
            assert not row["usable"] and "peak_outside_window" in row["flags"]
    rates = pd.read_csv(root / TABLES[1])
    assert len(rates) == len(fits)  # flagged rows kept
    part = pd.read_csv(root / TABLES[5]).set_index("id")
    assert part.loc["erw10.theta_K", "reproduced"] == pytest.approx(-0.088, abs=2e-3)
    assert part.loc["erw10.T_N_K", "reproduced"] == pytest.approx(0.081, abs=3e-3)
    assert np.isfinite(part.loc["erw10.demag_ratio", "reproduced"])
    points = pd.read_csv(root / TABLES[4])
    assert set(points["sample"]) == {"C"} and set(points["orientation"]) == {"z"}
    proc = run_workflow(root, TARGETS, root / "config.yaml", "-n")
    assert proc.returncode == 0
    assert "Nothing to be done" in proc.stdout + proc.stderr, proc.stdout[-2000:]
