"""Run the ingest stage of the Snakemake workflow on a tiny dataset in a temporary directory."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from spinrelax.io.sample_sheet import SAMPLE_COLUMNS
from spinrelax.io.spectra_table import read_spectra_table
from spinrelax.io.writers import POINT_COLUMNS, write_mpms3_dat, write_mpmsxl_dat

REPO = Path(__file__).resolve().parents[2]
TARGETS = [
    "results/interim/spectra.parquet",
    "results/qc/rejected_rows.csv",
    "results/qc/ingest_summary.csv",
]
pytestmark = pytest.mark.workflow


def _points(temps, fields, freqs):
    rows = []
    for H in fields:
        for T in temps:
            for f in freqs:
                wt = 2 * np.pi * f * 1e-3
                rows.append(
                    (
                        T,
                        H,
                        f,
                        4.0,
                        1e-6 + 4e-6 / (1 + wt**2),
                        4e-6 * wt / (1 + wt**2),
                        1e-9,
                        1e-9,
                        3.7e9,
                    )
                )
    return pd.DataFrame(rows, columns=list(POINT_COLUMNS))


def _dataset(root: Path, extra_rows=()) -> Path:
    raw = root / "raw"
    raw.mkdir(parents=True)
    write_mpms3_dat(
        raw / "A_2K.dat",
        _points([2.0, 2.5], [0.0, 500.0], [1000, 100, 10, 1]),
        sample_mass_mg=20.0,
        molar_mass_g_per_mol=500.0,
        title="A",
    )
    # a bad row (text in the temperature column) appended to the second file
    p = raw / "A_5K.dat"
    write_mpms3_dat(
        p,
        _points([5.0], [0.0], [1, 10, 100]),
        sample_mass_mg=20.0,
        molar_mass_g_per_mol=500.0,
        title="A",
    )
    lines = p.read_text().splitlines()
    lines.append(lines[-1].replace(",5,", ",five,", 1))
    p.write_text("\r\n".join(lines) + "\r\n")
    write_mpmsxl_dat(
        raw / "B.dat",
        _points([1.8], [0.0], [0.1, 1, 10]),
        sample_mass_mg=None,
        molar_mass_g_per_mol=None,
        title="B",
    )
    rows = [
        [
            "A",
            "ErW10",
            "1",
            "0.2287",
            "crystal",
            "42",
            "",
            "",
            "",
            "",
            "",
            "",
            "MPMS3",
            str(raw / "A_*.dat"),
            "",
        ],
        [
            "B",
            "Er0.5",
            "0.5",
            "0.2287",
            "powder",
            "",
            "10",
            "600",
            "-4e-4",
            "",
            "",
            "",
            "MPMS_XL",
            str(raw / "B.dat"),
            "",
        ],
        *extra_rows,
    ]
    sheet = root / "samples.tsv"
    sheet.write_text(
        "\t".join(SAMPLE_COLUMNS) + "\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    )
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    config["samples"] = str(sheet)
    cfg = root / "config.yaml"
    cfg.write_text(yaml.safe_dump(config))
    return cfg


def test_ingest_stage_end_to_end(tmp_path, run_workflow):
    runs = []
    for name in ("run1", "run2"):
        root = tmp_path / name
        cfg = _dataset(root)
        proc = run_workflow(root, TARGETS, cfg)
        assert proc.returncode == 0, proc.stderr[-3000:]
        runs.append(root)
    root = runs[0]
    spectra = read_spectra_table(root / TARGETS[0])
    assert sorted(spectra["sample"].unique()) == ["A", "B"]
    a = spectra[spectra["sample"] == "A"]
    assert a["spectrum"].nunique() == 5  # (2 K, 2.5 K) x (0, 500 Oe) + 5 K
    assert (spectra["chi_unit"] == "emu/mol").all()
    b = spectra[spectra["sample"] == "B"]
    # B: header has no mass; the sheet gives 10 mg and 600 g/mol, diamagnetic term -4e-4 emu/mol
    chi_emu_per_Oe = 1e-6 + 4e-6 / (1 + (2 * np.pi * b["freq_Hz"] * 1e-3) ** 2)
    np.testing.assert_allclose(b["chi_real"], chi_emu_per_Oe * 600 / 0.010 + 4e-4, rtol=1e-6)
    summary = pd.read_csv(root / TARGETS[2])
    assert (summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]).all()
    # auto: 4-point sweeps are sweep structure, 3-point ones are not (docs/segmentation.md)
    names = summary["file"].map(lambda f: Path(f).name)
    by_file = dict(zip(names, summary["segmentation"], strict=True))
    assert by_file == {"A_2K.dat": "sweep", "A_5K.dat": "tolerance", "B.dat": "tolerance"}
    per_file = spectra.groupby("file")["segmentation"].first()
    assert {Path(f).name: m for f, m in per_file.items()} == by_file
    rejected = pd.read_csv(root / TARGETS[1])
    assert rejected[["sample", "reason"]].values.tolist() == [
        ["A", "column 'Temperature (K)': not a number 'five'"]
    ]
    assert rejected["file"].iloc[0].endswith("A_5K.dat")
    # deterministic: an independent run on the same inputs gives byte-identical tables
    for t in TARGETS[1:]:
        one = (runs[0] / t).read_text().replace(str(runs[0]), "")
        two = (runs[1] / t).read_text().replace(str(runs[1]), "")
        assert one == two
    proc = run_workflow(root, TARGETS, _dataset_cfg(root), "-n")
    assert proc.returncode == 0
    assert "Nothing to be done" in proc.stdout + proc.stderr


def _dataset_cfg(root: Path) -> Path:
    return root / "config.yaml"


def test_glob_matching_nothing_fails_naming_sample_and_glob(tmp_path, run_workflow):
    bad = [
        "C",
        "ErW10",
        "1",
        "0.2287",
        "powder",
        "",
        "1",
        "1",
        "",
        "",
        "",
        "",
        "MPMS3",
        str(tmp_path / "none_*.dat"),
        "",
    ]
    cfg = _dataset(tmp_path, extra_rows=[bad])
    proc = run_workflow(tmp_path, TARGETS, cfg, "-n")
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "sample 'C'" in out and "none_*.dat" in out
