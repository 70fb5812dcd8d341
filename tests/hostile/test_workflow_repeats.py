"""The workflow's own-data route refuses repeated content and mixed samples (issue 21, items
1-3): a symbolic link, a copy differing only in TITLE, a block repeated in one file and two
compounds in one sample stop their sample's ingest; the same data in two samples stops the run
before any per-sample output; a ``loop -> .`` link under ``**`` stops it at startup. Each names
the paths, and nothing is written under the sheet's results."""

import shutil
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
K18C6 = "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"
ERCOT = "mpms3_ErCOT_I_THF2_ACvsF.dat"
ACMS = "acms_molmag_0Oe.dat"
pytestmark = pytest.mark.workflow


def _config(root: Path, rows: list[str], columns: str = "") -> Path:
    sheet = root / "mine.tsv"
    sheet.write_text("sample_id\tinstrument\traw_glob" + columns + "\n" + "\n".join(rows) + "\n")
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    config["samples"] = str(sheet)
    cfg = root / "config.yaml"
    cfg.write_text(yaml.safe_dump(config))
    return cfg


def _retitled(src: Path, dst: Path) -> None:
    dst.write_bytes(src.read_bytes().replace(b"TITLE,", b"TITLE,copy", 1))


def _out(proc, root: Path) -> str:
    logs = "".join(p.read_text() for p in (root / "results" / "logs").rglob("*.log"))
    return proc.stdout + proc.stderr + logs


def test_repeats_and_mixed_samples_stop_their_sample(tmp_path, run_workflow, realdata_dir):
    d = tmp_path / "raw"
    for sub in ("link", "copy", "block", "mixed"):
        (d / sub).mkdir(parents=True)
    shutil.copy(realdata_dir / K18C6, d / "link" / "A.dat")
    (d / "link" / "latest.dat").symlink_to("A.dat")
    shutil.copy(realdata_dir / K18C6, d / "copy" / "A.dat")
    _retitled(d / "copy" / "A.dat", d / "copy" / "A (1).dat")
    lines = (realdata_dir / K18C6).read_bytes().splitlines(keepends=True)
    start = lines.index(b"[Data]\n") + 2
    (d / "block" / "R.dat").write_bytes(b"".join(lines + lines[start : start + 20]))
    shutil.copy(realdata_dir / ERCOT, d / "mixed" / "E.dat")
    shutil.copy(realdata_dir / K18C6, d / "mixed" / "K.dat")
    rows = [f"{s}\tMPMS3\t{d}/{s}/*.dat" for s in ("link", "copy", "block", "mixed")]
    proc = run_workflow(tmp_path, ["own"], _config(tmp_path, rows), "--keep-going")
    assert proc.returncode != 0
    out = _out(proc, tmp_path)
    n = "raw"  # files inside the working folder are named relative to it
    assert f"sample 'link': one file is given 2 times: {n}/link/A.dat, {n}/link/latest.dat" in out
    assert (
        f"sample 'copy': 2 files hold the same data rows: {n}/copy/A (1).dat, {n}/copy/A.dat" in out
    )
    assert f"{n}/block/R.dat:{len(lines) + 1}: sample 'block': 20 data row(s) repeat" in out
    assert f"sample 'mixed': {n}/mixed/E.dat and {n}/mixed/K.dat name different samples" in out
    assert not (tmp_path / "results" / "own").exists()
    assert not list((tmp_path / "results" / "interim").glob("spectra/*.parquet"))


def test_the_same_data_in_two_samples_stops_before_any_output(tmp_path, run_workflow, realdata_dir):
    d = tmp_path / "raw"
    for sub in ("x", "y", "rep"):
        (d / sub).mkdir(parents=True)
    shutil.copy(realdata_dir / ACMS, d / "x" / "A.dat")
    # the same rows with other line endings and a retitled header
    crlf = (d / "x" / "A.dat").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    (d / "y" / "A_again.dat").write_bytes(crlf.replace(b"TITLE,", b"TITLE,again", 1))
    assert (d / "y" / "A_again.dat").read_bytes() != (d / "x" / "A.dat").read_bytes()
    shutil.copy(realdata_dir / K18C6, d / "rep" / "K.dat")
    _retitled(d / "rep" / "K.dat", d / "rep" / "K_repeat.dat")
    rows = [
        f"rep\tMPMS3\t{d}/rep/*.dat\ttrue",  # intended repeats: this sample is ingested
        f"x\tPPMS_ACMS\t{d}/x/*.dat\t",
        f"y\tPPMS_ACMS\t{d}/y/*.dat\t",
    ]
    proc = run_workflow(tmp_path, ["own"], _config(tmp_path, rows, "\tallow_repeats"))
    assert proc.returncode != 0
    out = _out(proc, tmp_path)
    n = "raw"  # files inside the working folder are named relative to it
    assert f"samples 'x', 'y' read the same data rows (x: {n}/x/A.dat, y: {n}/y/A_again.dat" in out
    assert "repeats allowed" in (tmp_path / "results/logs/ingest/rep.log").read_text()
    assert not (tmp_path / "results" / "own").exists()
    assert not (tmp_path / "results" / "qc" / "raw_identity.csv").exists()


def test_a_loop_link_stops_the_run_at_startup(tmp_path, run_workflow, realdata_dir):
    d = tmp_path / "raw"
    d.mkdir()
    shutil.copy(realdata_dir / K18C6, d / "A.dat")
    (d / "loop").symlink_to(".")
    (d / "loop2").symlink_to(".")
    proc = run_workflow(tmp_path, ["own"], _config(tmp_path, [f"S\tMPMS3\t{d}/**/*.dat"]), "-n")
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert f"sample 'S': raw_glob: {d}/loop: " in out
    assert f"{d}/A.dat as {d}/loop/A.dat" in out
    assert not (tmp_path / "results").exists()
