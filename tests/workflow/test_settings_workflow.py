"""The workflow honours the choices ``spinrelax app`` saves: with the saved settings file named
in the config (``sample_settings: {<id>: {settings_file: ...}}``) it writes the tables
``spinrelax report FILE --settings S.yaml`` writes, byte for byte, excluded points listed with
their reason; a malformed settings file stops the run naming the file, line and key."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from spinrelax.app.session import Session

REPO = Path(__file__).resolve().parents[2]
SPINRELAX = Path(sys.executable).with_name("spinrelax")
FILE = "mpms3_ErCOT_I_THF2_ACvsF.dat"
pytestmark = pytest.mark.workflow


def _saved_settings(raw: Path) -> str:
    """The settings file the app saves after one spectrum and two points are excluded and a
    tau(T) law with a T range is chosen."""
    session = Session.load([str(raw)], "ErCOT")
    pts = session.points
    cold = pts.loc[pts["T_K_spectrum"] == pts["T_K_spectrum"].min()].iloc[0]
    session.toggle_spectrum(cold["T_K_spectrum"], cold["H_Oe_spectrum"], "peak below the window")
    hot = pts.loc[pts["spectrum"] == 0]
    for k in (0, 5):
        session.toggle_point(hot["T_K"].iloc[k], hot["H_Oe"].iloc[k], hot["freq_Hz"].iloc[k],
                             "spike" if k else "")  # fmt: skip
    session.set_rates(law="raman", T_min_K=5.2)
    return session.settings_yaml()


def _config(root: Path, raw: Path) -> Path:
    (root / "one.tsv").write_text(f"sample_id\tinstrument\traw_glob\nErCOT\tMPMS3\t{raw}\n")
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    config["samples"] = "one.tsv"
    config["sample_settings"] = {"ErCOT": {"settings_file": "ErCOT.settings.yaml"}}
    path = root / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def test_workflow_with_the_saved_settings_writes_the_command_tables(
    tmp_path, run_workflow, realdata_dir
):
    raw = realdata_dir / FILE
    settings = tmp_path / "ErCOT.settings.yaml"
    settings.write_text(_saved_settings(raw))
    done = run_workflow(tmp_path, [], _config(tmp_path, raw))
    assert done.returncode == 0, done.stderr[-3000:]
    subprocess.run(
        [str(SPINRELAX), "report", str(raw), "--sample", "ErCOT", "--settings", str(settings),
         "-o", str(tmp_path / "cli")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    own = tmp_path / "results" / "own" / "one" / "ErCOT"
    names = sorted(p.name for p in (tmp_path / "cli" / "tables").iterdir())
    assert "rejected_rows.csv" in names and "rate_law_parameters.csv" in names
    assert sorted(p.name for p in (own / "tables").glob("*.*") if p.name[0] != ".") == names
    for name in names:
        assert (own / "tables" / name).read_bytes() == (
            tmp_path / "cli" / "tables" / name
        ).read_bytes(), name
    rejected = (own / "tables" / "rejected_rows.csv").read_text()
    assert rejected.count("excluded by the user (spectrum") == 30
    assert rejected.count("excluded by the user (point") == 2 and rejected.count(": spike") == 1
    digest = hashlib.sha256(settings.read_bytes()).hexdigest()
    assert digest in (own / "report.html").read_text()  # the report names the settings' hash


def test_a_malformed_settings_file_stops_the_run_with_file_line_and_key(
    tmp_path, run_workflow, realdata_dir
):
    raw = realdata_dir / FILE
    text = _saved_settings(raw).replace("law: raman", "law: raman+warp")
    (tmp_path / "ErCOT.settings.yaml").write_text(text)
    done = run_workflow(tmp_path, [], _config(tmp_path, raw), "-n")
    assert done.returncode != 0
    line = 1 + text.splitlines().index("      law: raman+warp")
    out = done.stdout + done.stderr
    assert f"ErCOT.settings.yaml:{line}: key sample_settings.ErCOT.rates.law" in out, out[-2000:]
