"""Segmentation options: the same names, defaults and effect in every command and config.yaml."""

import json
import shutil
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest
import yaml

from spinrelax.cli import build_parser, main
from spinrelax.cli.segmentation_options import segmentation_settings
from spinrelax.io.segmentation import SETTING_KEYS, SegmentationSettings

REPO = Path(__file__).parents[2]
#: Sub-commands that read ac files.
AC_COMMANDS = ("inspect", "fit-ac")
EXCERPT = str(REPO / "tests" / "io" / "data" / "mpms3_squid_ac_excerpt.dat")


def test_config_keys_schema_and_defaults_match_the_settings():
    config = yaml.safe_load((REPO / "config.yaml").read_text())["ingest"]
    schema = yaml.safe_load((REPO / "workflow" / "schemas" / "config.schema.yaml").read_text())
    props = schema["properties"]["ingest"]["properties"]
    defaults = asdict(SegmentationSettings())
    for key in SETTING_KEYS:
        assert config[key] == props[key]["default"] == defaults[key], key


@pytest.mark.parametrize("command", AC_COMMANDS)
def test_every_ac_command_takes_the_options_under_the_config_names(command):
    argv = [command, "x.dat", "--segmentation", "tolerance", "--temperature-tolerance-K", "0.2"]
    argv += ["--temperature-rel-tolerance", "0.02", "--field-tolerance-Oe", "2"]
    argv += ["--frequency-rel-tolerance", "0.01"]
    args = build_parser().parse_args(argv)
    assert segmentation_settings(args) == SegmentationSettings("tolerance", 0.2, 0.02, 2.0, 0.01)
    defaults = segmentation_settings(build_parser().parse_args([command, "x.dat"]))
    assert defaults == SegmentationSettings()


@pytest.mark.parametrize("command", AC_COMMANDS)
def test_bad_option_value_is_one_line_exit_2(command, capsys):
    assert main([command, EXCERPT, "--field-tolerance-Oe", "-1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "field_tolerance_Oe must be a finite number > 0" in err[0]


def test_inspect_lists_each_spectrum_and_the_segmentation(capsys):
    assert main(["inspect", "--json", EXCERPT]) == 0
    info = json.loads(capsys.readouterr().out)[0]
    # 4- and 3-point sweeps: too short to call sweep structure, so the tolerance grouping
    assert info["segmentation"] == "tolerance"
    assert info["segmentation_decision"].startswith("auto -> tolerance: 2 frequency sweeps")
    rows = info["spectra_table"]
    assert [(r["n_points"], r["direction"], r["first_line"], r["last_line"]) for r in rows] == [
        (4, "down", 30, 33),
        (3, "down", 34, 36),
    ]
    assert main(["inspect", "--segmentation", "sweep", EXCERPT]) == 0
    out = capsys.readouterr().out
    assert "segmentation: sweep (set by the segmentation option)" in out
    assert "spectrum  points     T (K)  T span (K)" in out


def test_inspect_real_acms_file_and_ramp_row(realdata_dir, tmp_path, capsys):
    assert main(["inspect", "--json", str(realdata_dir / "acms_molmag_0Oe.dat")]) == 0
    info = json.loads(capsys.readouterr().out)[0]
    assert info["segmentation"] == "sweep" and info["spectra"] == 33
    assert all(r["n_points"] == 31 and r["direction"] == "up" for r in info["spectra_table"])
    assert max(r["T_span_K"] for r in info["spectra_table"]) > 0.15
    assert len(info["segmentation_warnings"]) == 5
    # a copy with its 8th data row moved to 500 Oe: that row is listed as rejected
    src = realdata_dir / "mpms3_ErCOT_I_THF2_ACvsF.dat"
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    cols = lines[27].split(",")
    assert lines[26].strip() == "[Data]" and cols[3] == "Magnetic Field (Oe)"
    row = lines[35].split(",")
    row[3] = "500"
    lines[35] = ",".join(row)
    copy = tmp_path / "ramp.dat"
    copy.write_text("".join(lines), encoding="utf-8", newline="")
    assert main(["inspect", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "rows: read 540, used 539, rejected 1" in out
    assert "line 36: field 500 Oe is 500 Oe off the median -0.232215 Oe" in out
    assert "spectra: 18" in out


def test_fit_ac_output_names_segmentation_and_span(tmp_path, capsys):
    shutil.copy(EXCERPT, tmp_path / "a.dat")
    assert main(["fit-ac", str(tmp_path / "a.dat"), "-o", str(tmp_path / "out.csv")]) == 0
    table = pd.read_csv(tmp_path / "out.csv")
    assert (table["segmentation"] == "tolerance").all()
    assert (table["T_span_K"] >= 0).all() and len(table) == 2
