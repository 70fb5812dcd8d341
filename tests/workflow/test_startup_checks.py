"""The workflow stops at startup, before any job, with one line per problem naming the key
or file: cross-field config errors, a raw file name Snakemake would read as a path variable,
an interpreter path with a space."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((REPO / "config.yaml").read_text())

pytestmark = pytest.mark.workflow


def _dry_run(workdir: Path, config: dict, *targets: str, python: str = sys.executable):
    cfg = workdir / "config.yaml"
    cfg.write_text(yaml.safe_dump(config))
    if not (workdir / "data").exists():
        (workdir / "data").symlink_to(REPO / "data")
    cmd = [python, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"), "-n"]
    cmd += ["--configfile", str(cfg), "--nolock", *targets]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


def _copy(**edits) -> dict:
    config = yaml.safe_load(yaml.safe_dump(CONFIG))
    for path, value in edits.items():
        node = config
        *parents, last = path.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
    return config


def test_unknown_sample_names_and_inverted_ranges_stop_a_paper_run(tmp_path):
    config = _copy(
        **{
            "acsus.fig3_sample": "Er999_powder",
            "acsus.scorecard_sample": "nope",
            "acsus.equilibrium.cw_T_max_K": 0.05,
            "relaxation.fit.full_law_window_K": [12.0, 1.5],
        }
    )
    code, out = _dry_run(tmp_path, config)
    assert code != 0
    assert "4 problem(s) found at startup" in out
    for key in (
        "acsus.fig3_sample: 'Er999_powder'",
        "acsus.scorecard_sample: 'nope'",
        "acsus.equilibrium.cw_T_min_K (0.1) must be below acsus.equilibrium.cw_T_max_K (0.05)",
        "relaxation.fit.full_law_window_K must be [lower, upper]",
    ):
        assert key in out
    assert "KeyError" not in out


def test_a_raw_file_named_with_angle_brackets_fails_at_startup_with_the_file_named(tmp_path):
    raw = tmp_path / "mine"
    raw.mkdir()
    source = REPO / "data/raw/acsus/Er005_powder_ACvsF.dat"
    (raw / "run<word>.dat").write_bytes(source.read_bytes())
    sheet_lines = (REPO / "data/samples.tsv").read_text().splitlines()
    header = next(line for line in sheet_lines if line.startswith("sample_id"))
    row = next(line for line in sheet_lines if line.startswith("Er005_powder"))
    cells = row.split("\t")
    cells[header.split("\t").index("raw_glob")] = str(raw / "*.dat")
    sheet = tmp_path / "samples.tsv"
    sheet.write_text(header + "\n" + "\t".join(cells) + "\n")
    code, out = _dry_run(tmp_path, _copy(samples=str(sheet)), "results/tables/colecole_fits.csv")
    assert code != 0
    assert "run<word>.dat' holds '<word>', which Snakemake reads as a path variable" in out
    assert "UndefinedPathvarException" not in out


def test_an_interpreter_path_with_a_space_fails_at_startup_saying_what_to_do(tmp_path):
    env = tmp_path / "my env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = Path(sysconfig.get_paths()["purelib"])
    env_site = next((env / "lib").glob("python3*/site-packages"))
    # the outer environment's packages (and its editable spinrelax) inside the new one
    (env_site / "outer.pth").write_text(f"import site; site.addsitedir({str(site)!r})\n")
    code, out = _dry_run(tmp_path, CONFIG, python=str(env / "bin" / "python"))
    assert code != 0
    assert "holds a space or shell character" in out and "python3 -m venv" in out
